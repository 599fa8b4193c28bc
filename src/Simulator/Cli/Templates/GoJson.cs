using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Simulator.Cli.Templates;

/// <summary>
/// Go's <c>encoding/json</c> encoder as docker/cli's <c>formatJSON</c> uses it (<c>SetEscapeHTML(false)</c>, trailing newline
/// trimmed): map keys sorted, JSON objects in document order (they stand for Go structs), Go's string escaping and float format.
/// </summary>
internal static class GoJson
{
    /// <summary>Marshals <paramref name="v"/>.</summary>
    /// <exception cref="TemplateFuncError">A NaN or infinite float (<c>json: unsupported value: NaN</c>).</exception>
    public static string Marshal(object? v)
    {
        var sb = new StringBuilder();
        Write(sb, v, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? v, int depth)
    {
        if (v is JsonElement { ValueKind: JsonValueKind.Number } num)
        {
            sb.Append(num.GetRawText());
            return;
        }

        v = Values.Normalize(v);
        if (v is GoNil)
        {
            sb.Append("null");
            return;
        }

        if (v is GoStruct gs)
        {
            sb.Append('{');
            for (var i = 0; i < gs.Fields.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                WriteString(sb, gs.Fields[i].Key);
                sb.Append(':');
                Write(sb, gs.Fields[i].Value, depth + 1);
            }

            sb.Append('}');
            return;
        }

        switch (Values.Kind(v))
        {
            case GoKind.Invalid or GoKind.Nil:
                sb.Append("null");
                return;
            case GoKind.Bool:
                sb.Append((bool)v! ? "true" : "false");
                return;
            case GoKind.Int:
                sb.Append(Values.ToInt64(v!).ToString(CultureInfo.InvariantCulture));
                return;
            case GoKind.Uint:
                sb.Append(Values.ToUInt64(v!).ToString(CultureInfo.InvariantCulture));
                return;
            case GoKind.Float:
                WriteFloat(sb, Values.ToDouble(v!), v is float ? 32 : 64);
                return;
            case GoKind.String:
                WriteString(sb, (string)v!);
                return;
            case GoKind.Slice:
                if (v is byte[] bytes)
                {
                    sb.Append('"').Append(Convert.ToBase64String(bytes)).Append('"');
                    return;
                }

                sb.Append('[');
                var list = Values.AsList(v)!;
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, list[i], depth + 1);
                }

                sb.Append(']');
                return;
            case GoKind.Map:
                {
                    var map = Values.AsMap(v)!;
                    sb.Append('{');
                    var first = true;
                    foreach (var (key, value) in map.IsJsonObject ? map.Entries() : map.SortedEntries())
                    {
                        if (!first)
                        {
                            sb.Append(',');
                        }

                        first = false;
                        WriteString(sb, key as string ?? GoFmt.Print(key));
                        sb.Append(':');
                        Write(sb, value, depth + 1);
                    }

                    sb.Append('}');
                    return;
                }

            case GoKind.Func:
                throw new TemplateFuncError("json: unsupported type: " + Values.TypeName(v));
            default:
                if (v!.GetType().IsEnum)
                {
                    WriteString(sb, v.ToString()!);
                    return;
                }

                Write(sb, JsonSerializer.SerializeToNode(v, v.GetType()), depth + 1);
                return;
        }
    }

    private static void WriteFloat(StringBuilder sb, double f, int bits)
    {
        if (double.IsNaN(f) || double.IsInfinity(f))
        {
            throw new TemplateFuncError("json: unsupported value: " + GoFmt.FormatFloat(f, 'g', -1, bits));
        }

        var abs = Math.Abs(f);
        var fmt = 'f';
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            fmt = 'e';
        }

        var s = GoFmt.FormatFloat(f, fmt, -1, bits);
        if (fmt == 'e')
        {
            // Go: clean up e-09 to e-9.
            var n = s.Length;
            if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0')
            {
                s = s[..(n - 2)] + s[n - 1];
            }
        }

        sb.Append(s);
    }

    /// <summary>Go's JSON string encoding without HTML escaping (Go 1.22+: <c>\b</c> and <c>\f</c> short escapes).</summary>
    public static void WriteString(StringBuilder sb, string s)
    {
        const string hex = "0123456789abcdef";
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
                case '\u2028': sb.Append("\\u2028"); continue;
                case '\u2029': sb.Append("\\u2029"); continue;
            }

            if (c < 0x20)
            {
                sb.Append("\\u00").Append(hex[c >> 4]).Append(hex[c & 0xF]);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append("\\ufffd");
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('"');
    }
}
