using System.Globalization;
using System.Text;

namespace Simulator.Cli.Templates;

/// <summary>How an argument is evaluated and checked, standing for the Go parameter type of a template function.</summary>
internal enum ParamType
{
    /// <summary><c>reflect.Value</c>: any value, a missing value stays missing.</summary>
    Value,

    /// <summary><c>any</c>: any value, a missing value becomes nil.</summary>
    Any,

    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>int</c>.</summary>
    Int,

    /// <summary><c>[]string</c> (a list whose elements are all strings; nil is the empty list).</summary>
    StringSlice,
}

/// <summary>An error a template function returns; the executor reports <c>error calling NAME: MESSAGE</c>.</summary>
internal sealed class TemplateFuncError(string message) : Exception(message);

/// <summary>A template function: Go parameter types (the last is the element type when variadic) and the body.</summary>
internal sealed record GoFunction(string Name, ParamType[] In, bool Variadic, Func<object?[], object?> Body);

/// <summary>
/// Go's text/template builtins (funcs.go) and docker/cli's <c>templates.basicFunctions</c> and <c>HeaderFunctions</c>
/// (templates/templates.go), with their error texts.
/// </summary>
internal static class Functions
{
    private static readonly ParamType[] V = [ParamType.Value];
    private static readonly ParamType[] VV = [ParamType.Value, ParamType.Value];
    private static readonly ParamType[] A = [ParamType.Any];
    private static readonly ParamType[] S = [ParamType.String];
    private static readonly ParamType[] SS = [ParamType.String, ParamType.String];
    private static readonly ParamType[] SI = [ParamType.String, ParamType.Int];

    private static readonly Dictionary<string, GoFunction> Builtins = new GoFunction[]
    {
        new("and", VV, true, _ => throw new InvalidOperationException("and is evaluated lazily")),
        new("or", VV, true, _ => throw new InvalidOperationException("or is evaluated lazily")),
        new("not", V, false, a => !Truth(a[0])),
        new("len", V, false, a => Length(a[0])),
        new("index", VV, true, a => Index(a[0], a[1..])),
        new("slice", VV, true, a => Slice(a[0], a[1..])),
        new("print", A, true, a => GoFmt.Sprint(a)),
        new("println", A, true, a => GoFmt.Sprintln(a)),
        new("printf", [ParamType.String, ParamType.Any], true, a => GoFmt.Sprintf((string)a[0]!, a[1..])),
        new("eq", VV, true, a => Eq(a[0], a[1..])),
        new("ne", VV, false, a => !Eq(a[0], [a[1]])),
        new("lt", VV, false, a => Lt(a[0], a[1])),
        new("le", VV, false, a => Lt(a[0], a[1]) || Eq(a[0], [a[1]])),
        new("gt", VV, false, a => !(Lt(a[0], a[1]) || Eq(a[0], [a[1]]))),
        new("ge", VV, false, a => !Lt(a[0], a[1])),
        new("call", VV, true, a => Call(a[0], a[1..])),
        new("html", A, true, a => HtmlEscape(EvalArgs(a))),
        new("js", A, true, a => JsEscape(EvalArgs(a))),
        new("urlquery", A, true, a => QueryEscape(EvalArgs(a))),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, GoFunction> Docker = new GoFunction[]
    {
        new("json", A, false, a => GoJson.Marshal(a[0])),
        new("split", SS, false, a => Split((string)a[0]!, (string)a[1]!)),
        new("join", [ParamType.StringSlice, ParamType.String], false, a => string.Join((string)a[1]!, (IReadOnlyList<string>)a[0]!)),
        new("title", S, false, a => Title((string)a[0]!)),
        new("lower", S, false, a => ((string)a[0]!).ToLowerInvariant()),
        new("upper", S, false, a => ((string)a[0]!).ToUpperInvariant()),
        new("pad", [ParamType.String, ParamType.Int, ParamType.Int], false, a => Pad((string)a[0]!, (int)a[1]!, (int)a[2]!)),
        new("truncate", SI, false, a => Truncate((string)a[0]!, (int)a[1]!)),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, GoFunction> Header = new GoFunction[]
    {
        new("json", S, false, a => a[0]),
        new("split", SS, false, a => a[0]),
        new("join", SS, false, a => a[0]),
        new("title", S, false, a => a[0]),
        new("lower", S, false, a => a[0]),
        new("upper", S, false, a => a[0]),
        new("truncate", SI, false, a => a[0]),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Whether the parser accepts <paramref name="name"/> as a function (Go: <c>function %q not defined</c> otherwise).</summary>
    public static bool IsDefined(string name) => Builtins.ContainsKey(name) || Docker.ContainsKey(name);

    /// <summary>Finds a function; with <paramref name="header"/>, docker/cli's HeaderFunctions override the basic ones.</summary>
    public static GoFunction? Find(string name, bool header)
    {
        if (header && Header.TryGetValue(name, out var h))
        {
            return h;
        }

        return Docker.TryGetValue(name, out var d) ? d : Builtins.GetValueOrDefault(name);
    }

    /// <summary>Whether the function is one of Go's builtins (for the and/or short-circuit).</summary>
    public static bool IsBuiltin(GoFunction f) => Builtins.TryGetValue(f.Name, out var b) && ReferenceEquals(b, f);

    /// <summary>Go's <c>isTrue</c> as <c>truth</c> uses it.</summary>
    public static bool Truth(object? v) => IsTrue(v, out _);

    /// <summary>Go's <c>isTrue</c>: non-zero values are true; <paramref name="ok"/> is false for funcs.</summary>
    public static bool IsTrue(object? v, out bool ok)
    {
        ok = true;
        v = Values.Normalize(v);
        switch (Values.Kind(v))
        {
            case GoKind.Invalid or GoKind.Nil:
                return false;
            case GoKind.Bool:
                return (bool)v!;
            case GoKind.String:
                return ((string)v!).Length > 0;
            case GoKind.Int:
                return Values.ToInt64(v!) != 0;
            case GoKind.Uint:
                return Values.ToUInt64(v!) != 0;
            case GoKind.Float:
                return Values.ToDouble(v!) != 0;
            case GoKind.Map:
                return Values.AsMap(v)!.Count > 0;
            case GoKind.Slice:
                return Values.AsList(v)!.Count > 0;
            case GoKind.Func:
                return true;
            default:
                return true;
        }
    }

    private static int Length(object? v)
    {
        v = Values.Normalize(v);
        return Values.Kind(v) switch
        {
            GoKind.String => Encoding.UTF8.GetByteCount((string)v!),
            GoKind.Map => Values.AsMap(v)!.Count,
            GoKind.Slice => Values.AsList(v)!.Count,
            GoKind.Invalid => throw new TemplateFuncError("reflect: call of reflect.Value.Type on zero Value"),
            GoKind.Nil => throw new TemplateFuncError("len of nil pointer"),
            _ => throw new TemplateFuncError("len of type " + Values.TypeName(v)),
        };
    }

    private static int IndexArg(object? index, int cap)
    {
        index = Values.Normalize(index);
        long x;
        switch (Values.Kind(index))
        {
            case GoKind.Int:
                x = Values.ToInt64(index!);
                break;
            case GoKind.Uint:
                x = unchecked((long)Values.ToUInt64(index!));
                break;
            case GoKind.Invalid or GoKind.Nil:
                throw new TemplateFuncError("cannot index slice/array with nil");
            default:
                throw new TemplateFuncError("cannot index slice/array with type " + Values.TypeName(index));
        }

        if (x < 0 || x > cap)
        {
            throw new TemplateFuncError($"index out of range: {x}");
        }

        return (int)x;
    }

    private static object? Index(object? item, object?[] indexes)
    {
        item = Values.Normalize(item);
        if (Values.Kind(item) is GoKind.Invalid or GoKind.Nil)
        {
            throw new TemplateFuncError("index of untyped nil");
        }

        foreach (var raw in indexes)
        {
            var index = Values.Normalize(raw);
            item = Values.Normalize(item);
            switch (Values.Kind(item))
            {
                case GoKind.Nil:
                    throw new TemplateFuncError("index of nil pointer");
                case GoKind.String:
                    {
                        var bytes = Encoding.UTF8.GetBytes((string)item!);
                        var x = IndexArg(index, bytes.Length);
                        if (x == bytes.Length)
                        {
                            throw new TemplateFuncError("reflect: string index out of range");
                        }

                        item = bytes[x];
                        break;
                    }

                case GoKind.Slice:
                    {
                        var list = Values.AsList(item)!;
                        var x = IndexArg(index, list.Count);
                        if (x == list.Count)
                        {
                            throw new TemplateFuncError("reflect: slice index out of range");
                        }

                        item = list[x];
                        break;
                    }

                case GoKind.Map:
                    {
                        var map = Values.AsMap(item)!;
                        if (Values.Kind(index) is GoKind.Invalid or GoKind.Nil)
                        {
                            if (map.StringKeys)
                            {
                                throw new TemplateFuncError("value is nil; should be of type string");
                            }
                        }
                        else if (map.StringKeys && index is not string)
                        {
                            throw new TemplateFuncError($"value has type {Values.TypeName(index)}; should be string");
                        }

                        item = map.TryGet(index, out var found) ? found : map.ZeroElem;
                        break;
                    }

                default:
                    throw new TemplateFuncError("can't index item of type " + Values.TypeName(item));
            }
        }

        return item;
    }

    private static object? Slice(object? item, object?[] indexes)
    {
        item = Values.Normalize(item);
        if (Values.Kind(item) is GoKind.Invalid or GoKind.Nil)
        {
            throw new TemplateFuncError("slice of untyped nil");
        }

        if (indexes.Length > 3)
        {
            throw new TemplateFuncError($"too many slice indexes: {indexes.Length}");
        }

        byte[]? bytes = null;
        IReadOnlyList<object?>? list = null;
        int len;
        switch (Values.Kind(item))
        {
            case GoKind.String:
                if (indexes.Length == 3)
                {
                    throw new TemplateFuncError("cannot 3-index slice a string");
                }

                bytes = Encoding.UTF8.GetBytes((string)item!);
                len = bytes.Length;
                break;
            case GoKind.Slice:
                list = Values.AsList(item)!;
                len = list.Count;
                break;
            default:
                throw new TemplateFuncError("can't slice item of type " + Values.TypeName(item));
        }

        int[] idx = [0, len, len];
        for (var i = 0; i < indexes.Length; i++)
        {
            idx[i] = IndexArg(indexes[i], len);
        }

        if (idx[0] > idx[1])
        {
            throw new TemplateFuncError($"invalid slice index: {idx[0]} > {idx[1]}");
        }

        if (indexes.Length == 3 && idx[1] > idx[2])
        {
            throw new TemplateFuncError($"invalid slice index: {idx[1]} > {idx[2]}");
        }

        if (bytes is not null)
        {
            return Encoding.UTF8.GetString(bytes, idx[0], idx[1] - idx[0]);
        }

        return list!.Skip(idx[0]).Take(idx[1] - idx[0]).ToList();
    }

    private enum BasicKind
    {
        Invalid,
        Bool,
        Int,
        Uint,
        Float,
        String,
    }

    private static BasicKind Basic(object? v) => Values.Kind(v) switch
    {
        GoKind.Bool => BasicKind.Bool,
        GoKind.Int => BasicKind.Int,
        GoKind.Uint => BasicKind.Uint,
        GoKind.Float => BasicKind.Float,
        GoKind.String => BasicKind.String,
        _ => BasicKind.Invalid,
    };

    private static bool Eq(object? arg1, object?[] arg2)
    {
        arg1 = Unwrap(arg1);
        if (arg2.Length == 0)
        {
            throw new TemplateFuncError("missing argument for comparison");
        }

        var k1 = Basic(arg1);
        foreach (var raw in arg2)
        {
            var arg = Unwrap(raw);
            var k2 = Basic(arg);
            bool truth;
            if (k1 != k2)
            {
                if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
                {
                    truth = Values.ToInt64(arg1!) >= 0 && (ulong)Values.ToInt64(arg1!) == Values.ToUInt64(arg!);
                }
                else if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
                {
                    truth = Values.ToInt64(arg!) >= 0 && Values.ToUInt64(arg1!) == (ulong)Values.ToInt64(arg!);
                }
                else
                {
                    if (arg1 is not Missing && arg is not Missing)
                    {
                        throw new TemplateFuncError("incompatible types for comparison");
                    }

                    truth = false;
                }
            }
            else
            {
                switch (k1)
                {
                    case BasicKind.Bool:
                        truth = (bool)arg1! == (bool)arg!;
                        break;
                    case BasicKind.Float:
                        truth = Values.ToDouble(arg1!) == Values.ToDouble(arg!);
                        break;
                    case BasicKind.Int:
                        truth = Values.ToInt64(arg1!) == Values.ToInt64(arg!);
                        break;
                    case BasicKind.Uint:
                        truth = Values.ToUInt64(arg1!) == Values.ToUInt64(arg!);
                        break;
                    case BasicKind.String:
                        truth = (string)arg1! == (string)arg!;
                        break;
                    default:
                        if (arg1 is Missing || arg is Missing)
                        {
                            truth = arg1 is Missing && arg is Missing;
                        }
                        else if (Values.Kind(arg) is GoKind.Map or GoKind.Slice or GoKind.Func)
                        {
                            throw new TemplateFuncError($"non-comparable type {GoFmt.Print(arg)}: {Values.TypeName(arg)}");
                        }
                        else
                        {
                            truth = Equals(arg1, arg);
                        }

                        break;
                }
            }

            if (truth)
            {
                return true;
            }
        }

        return false;
    }

    private static object? Unwrap(object? v)
    {
        v = Values.Normalize(v);
        return v is null || (v is GoNil n && n.Kind == GoKind.Nil) ? Missing.Value : v;
    }

    private static bool Lt(object? arg1, object? arg2)
    {
        arg1 = Unwrap(arg1);
        var k1 = Basic(arg1);
        if (k1 == BasicKind.Invalid)
        {
            throw new TemplateFuncError("invalid type for comparison");
        }

        arg2 = Unwrap(arg2);
        var k2 = Basic(arg2);
        if (k2 == BasicKind.Invalid)
        {
            throw new TemplateFuncError("invalid type for comparison");
        }

        if (k1 != k2)
        {
            if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
            {
                return Values.ToInt64(arg1!) < 0 || (ulong)Values.ToInt64(arg1!) < Values.ToUInt64(arg2!);
            }

            if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
            {
                return Values.ToInt64(arg2!) >= 0 && Values.ToUInt64(arg1!) < (ulong)Values.ToInt64(arg2!);
            }

            throw new TemplateFuncError("incompatible types for comparison");
        }

        return k1 switch
        {
            BasicKind.Bool => throw new TemplateFuncError("invalid type for comparison"),
            BasicKind.Float => Values.ToDouble(arg1!) < Values.ToDouble(arg2!),
            BasicKind.Int => Values.ToInt64(arg1!) < Values.ToInt64(arg2!),
            BasicKind.Uint => Values.ToUInt64(arg1!) < Values.ToUInt64(arg2!),
            _ => string.CompareOrdinal((string)arg1!, (string)arg2!) < 0,
        };
    }

    private static object? Call(object? fn, object?[] args)
    {
        fn = Values.Normalize(fn);
        if (fn is Missing or null)
        {
            throw new TemplateFuncError("call of nil");
        }

        if (fn is not Delegate d)
        {
            throw new TemplateFuncError($"non-function {GoFmt.Print(fn)} of type {Values.TypeName(fn)}");
        }

        var ps = d.Method.GetParameters();
        if (ps.Length != args.Length)
        {
            throw new TemplateFuncError($"wrong number of args for {GoFmt.Print(fn)}: got {args.Length} want {ps.Length}");
        }

        try
        {
            return d.DynamicInvoke(args.Select(a => a is Missing ? null : a).ToArray());
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new TemplateFuncError(e.InnerException.Message);
        }
    }

    private static string EvalArgs(object?[] args) =>
        args.Length == 1 && args[0] is string s ? s : GoFmt.Sprint(args);

    /// <summary>Go's template.HTMLEscapeString.</summary>
    public static string HtmlEscape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\0' => "\uFFFD",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>Go's template.JSEscapeString.</summary>
    public static string JsEscape(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\'': sb.Append("\\'"); break;
                case '"': sb.Append("\\\""); break;
                case '<': sb.Append("\\u003C"); break;
                case '>': sb.Append("\\u003E"); break;
                case '&': sb.Append("\\u0026"); break;
                case '=': sb.Append("\\u003D"); break;
                default:
                    if (c < ' ')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else if (c < 0x80 || char.IsSurrogate(c) || GoFmt.IsPrint(c))
                    {
                        sb.Append(c);
                    }
                    else
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Go's url.QueryEscape.</summary>
    public static string QueryEscape(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string[] Split(string s, string sep)
    {
        if (sep.Length == 0)
        {
            var runes = new List<string>();
            for (var i = 0; i < s.Length;)
            {
                var len = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
                runes.Add(s.Substring(i, len));
                i += len;
            }

            return [.. runes];
        }

        return s.Split(sep);
    }

    /// <summary>Go's deprecated strings.Title: upper-cases the first letter of each word.</summary>
    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var prev = ' ';
        foreach (var c in s)
        {
            sb.Append(IsSeparator(prev) ? char.ToUpperInvariant(c) : c);
            prev = c;
        }

        return sb.ToString();
    }

    private static bool IsSeparator(char r)
    {
        if (r <= 0x7F)
        {
            return !(char.IsAsciiLetterOrDigit(r) || r == '_');
        }

        if (char.IsLetterOrDigit(r))
        {
            return false;
        }

        return char.IsWhiteSpace(r);
    }

    private static string Pad(string source, int prefix, int suffix)
    {
        if (source.Length == 0)
        {
            return source;
        }

        if (prefix < 0 || suffix < 0)
        {
            throw new TemplateFuncError("strings: negative Repeat count");
        }

        return new string(' ', prefix) + source + new string(' ', suffix);
    }

    private static string Truncate(string source, int length)
    {
        var bytes = Encoding.UTF8.GetBytes(source);
        if (bytes.Length < length)
        {
            return source;
        }

        if (length < 0)
        {
            throw new TemplateFuncError($"runtime error: slice bounds out of range [:{length}]");
        }

        return Encoding.UTF8.GetString(bytes, 0, length);
    }
}
