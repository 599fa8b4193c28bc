using System.Globalization;
using System.Reflection;
using System.Text;

namespace Simulator.Cli.Templates;

/// <summary>
/// The parts of Go's <c>fmt</c> and <c>strconv</c> the template engine needs: <c>Sprint</c>, <c>Sprintln</c>, <c>Sprintf</c>
/// (flags, width, precision, verbs <c>%v %s %d %q %x %X %o %b %c %t %e %E %f %F %g %G %U %T %%</c>), <c>%v</c> printing of
/// slices (<c>[a b]</c>), maps (<c>map[k:v]</c>, sorted keys) and nil (<c>&lt;nil&gt;</c>), <c>strconv.Quote</c> and float formatting.
/// </summary>
internal static class GoFmt
{
    private const string LowerHex = "0123456789abcdef";
    private const string UpperHex = "0123456789ABCDEF";

    /// <summary>strconv.Quote.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        AppendQuoted(sb, s, '"', false);
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>strconv.QuoteRune.</summary>
    public static string QuoteRune(int r)
    {
        var sb = new StringBuilder();
        sb.Append('\'');
        AppendQuoted(sb, r is < 0 or > 0x10FFFF or (>= 0xD800 and < 0xE000) ? "\uFFFD" : char.ConvertFromUtf32(r), '\'', false);
        sb.Append('\'');
        return sb.ToString();
    }

    private static void AppendQuoted(StringBuilder sb, string s, char quote, bool asciiOnly)
    {
        for (var i = 0; i < s.Length; i++)
        {
            int r = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                r = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                sb.Append("\\ufffd");
                continue;
            }

            if (r == quote || r == '\\')
            {
                sb.Append('\\').Append((char)r);
                continue;
            }

            if (asciiOnly ? r is >= 0x20 and < 0x7f : IsPrint(r))
            {
                sb.Append(char.ConvertFromUtf32(r));
                continue;
            }

            switch (r)
            {
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (r < ' ' || r == 0x7f)
                    {
                        sb.Append("\\x").Append(LowerHex[r >> 4]).Append(LowerHex[r & 0xF]);
                    }
                    else if (r < 0x10000)
                    {
                        sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }
    }

    /// <summary>unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int r)
    {
        if (r == ' ')
        {
            return true;
        }

        var cat = r < 0x10000 ? char.GetUnicodeCategory((char)r) : CharUnicodeInfo.GetUnicodeCategory(r);
        return cat switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    /// <summary>Go's <c>%#U</c>: <c>U+0041 'A'</c>.</summary>
    public static string UnicodeFormat(int r)
    {
        var s = "U+" + r.ToString("X4", CultureInfo.InvariantCulture);
        return IsPrint(r) ? s + " '" + char.ConvertFromUtf32(r) + "'" : s;
    }

    /// <summary>fmt.Sprint.</summary>
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        var prevString = false;
        for (var i = 0; i < args.Count; i++)
        {
            var isString = args[i] is string;
            if (i > 0 && !isString && !prevString)
            {
                sb.Append(' ');
            }

            AppendValue(sb, args[i], 'v', default, 0);
            prevString = isString;
        }

        return sb.ToString();
    }

    /// <summary>fmt.Sprintln.</summary>
    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            AppendValue(sb, args[i], 'v', default, 0);
        }

        return sb.Append('\n').ToString();
    }

    /// <summary>fmt.Sprint of one value (<c>%v</c>).</summary>
    public static string Print(object? v)
    {
        if (v is string s)
        {
            return s;
        }

        var sb = new StringBuilder();
        AppendValue(sb, v, 'v', default, 0);
        return sb.ToString();
    }

    private struct Flags
    {
        public bool Minus;
        public bool Plus;
        public bool Sharp;
        public bool Space;
        public bool Zero;
        public int? Width;
        public int? Prec;
    }

    /// <summary>fmt.Sprintf.</summary>
    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        var argNum = 0;
        var reordered = false;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                i++;
                continue;
            }

            i++;
            var f = default(Flags);
            for (; i < format.Length; i++)
            {
                switch (format[i])
                {
                    case '-': f.Minus = true; f.Zero = false; continue;
                    case '+': f.Plus = true; continue;
                    case '#': f.Sharp = true; continue;
                    case ' ': f.Space = true; continue;
                    case '0': f.Zero = !f.Minus; continue;
                }

                break;
            }

            var goodIndex = ArgIndex(format, ref i, args.Count, ref argNum, ref reordered);
            f.Width = ParseNum(format, ref i, args, ref argNum, sb, out var widthNeg);
            if (widthNeg)
            {
                f.Minus = true;
                f.Zero = false;
            }

            if (i < format.Length && format[i] == '.')
            {
                i++;
                goodIndex &= ArgIndex(format, ref i, args.Count, ref argNum, ref reordered);
                f.Prec = ParseNum(format, ref i, args, ref argNum, sb, out var precNeg) ?? 0;
                if (precNeg)
                {
                    f.Prec = null;
                }
            }

            goodIndex &= ArgIndex(format, ref i, args.Count, ref argNum, ref reordered);
            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var verb = char.ConvertToUtf32(format, i);
            i += verb > 0xffff ? 2 : 1;
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            if (!goodIndex)
            {
                sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(BADINDEX)");
                continue;
            }

            if (argNum >= args.Count)
            {
                sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(MISSING)");
                continue;
            }

            var arg = args[argNum++];
            if (verb == 'T')
            {
                Pad(sb, arg is null ? "<nil>" : Values.TypeName(arg), f);
                continue;
            }

            var piece = new StringBuilder();
            var padded = AppendValue(piece, arg, verb, f, 0);
            if (padded)
            {
                sb.Append(piece);
            }
            else
            {
                Pad(sb, piece.ToString(), f);
            }
        }

        if (!reordered && argNum < args.Count)
        {
            sb.Append("%!(EXTRA ");
            for (var k = argNum; k < args.Count; k++)
            {
                if (k > argNum)
                {
                    sb.Append(", ");
                }

                sb.Append(args[k] is null ? "<nil>" : Values.TypeName(args[k])).Append('=');
                AppendValue(sb, args[k], 'v', default, 0);
            }

            sb.Append(')');
        }

        return sb.ToString();
    }

    /// <summary>Go's <c>argNumber</c>: an explicit <c>[n]</c> argument index (1-based).</summary>
    private static bool ArgIndex(string format, ref int i, int count, ref int argNum, ref bool reordered)
    {
        if (i >= format.Length || format[i] != '[')
        {
            return true;
        }

        reordered = true;
        var close = format.IndexOf(']', i);
        if (close < 0 || !int.TryParse(format.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > count)
        {
            i = close < 0 ? format.Length : close + 1;
            return false;
        }

        argNum = n - 1;
        i = close + 1;
        return true;
    }

    private static int? ParseNum(string format, ref int i, IReadOnlyList<object?> args, ref int argNum, StringBuilder sb, out bool negative)
    {
        negative = false;
        if (i < format.Length && format[i] == '*')
        {
            i++;
            if (argNum < args.Count && Values.Kind(args[argNum]) is GoKind.Int or GoKind.Uint)
            {
                var n = (int)Values.ToInt64(args[argNum++]!);
                if (n < 0)
                {
                    negative = true;
                    n = -n;
                }

                return n;
            }

            argNum++;
            sb.Append("%!(BADWIDTH)");
            return null;
        }

        var start = i;
        var v = 0;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            v = (v * 10) + (format[i] - '0');
            i++;
        }

        return i > start ? v : null;
    }

    private static void Pad(StringBuilder sb, string s, Flags f)
    {
        var width = f.Width ?? 0;
        var len = new StringInfo(s).LengthInTextElements;
        if (len >= width)
        {
            sb.Append(s);
            return;
        }

        if (f.Minus)
        {
            sb.Append(s).Append(' ', width - len);
        }
        else
        {
            sb.Append(f.Zero ? '0' : ' ', width - len).Append(s);
        }
    }

    /// <summary>Formats one argument; returns true when padding was already applied (numbers).</summary>
    private static bool AppendValue(StringBuilder sb, object? v, int verb, Flags f, int depth)
    {
        v = Values.Normalize(v);
        switch (Values.Kind(v))
        {
            case GoKind.Invalid:
                if (verb == 'v')
                {
                    sb.Append("<invalid reflect.Value>");
                }
                else
                {
                    BadVerb(sb, verb, null);
                }

                return false;
            case GoKind.Nil:
                if (verb == 'v')
                {
                    sb.Append("<nil>");
                }
                else
                {
                    BadVerb(sb, verb, null);
                }

                return false;
            case GoKind.Bool:
                if (verb is 't' or 'v')
                {
                    sb.Append((bool)v! ? "true" : "false");
                }
                else
                {
                    BadVerb(sb, verb, v);
                }

                return false;
            case GoKind.Int or GoKind.Uint:
                return AppendInteger(sb, v!, verb, f);
            case GoKind.Float:
                return AppendFloat(sb, Values.ToDouble(v!), verb, f, v is float ? 32 : 64);
            case GoKind.String:
                AppendString(sb, (string)v!, verb == 'v' && f.Sharp ? 'q' : verb, verb == 'v' ? f with { Sharp = false } : f);
                return false;
            case GoKind.Slice:
                {
                    var list = Values.AsList(v)!;
                    if (verb is 's' or 'q' or 'x' or 'X' && v is byte[] bytes)
                    {
                        AppendString(sb, Encoding.UTF8.GetString(bytes), verb, f);
                        return false;
                    }

                    sb.Append('[');
                    for (var k = 0; k < list.Count; k++)
                    {
                        if (k > 0)
                        {
                            sb.Append(' ');
                        }

                        AppendElement(sb, list[k], verb, f, depth);
                    }

                    sb.Append(']');
                    return true;
                }

            case GoKind.Map:
                {
                    var map = Values.AsMap(v)!;
                    sb.Append("map[");
                    var first = true;
                    foreach (var (key, value) in map.SortedEntries())
                    {
                        if (!first)
                        {
                            sb.Append(' ');
                        }

                        first = false;
                        AppendElement(sb, key, verb, f, depth);
                        sb.Append(':');
                        AppendElement(sb, value, verb, f, depth);
                    }

                    sb.Append(']');
                    return true;
                }

            case GoKind.Func:
                sb.Append("0x1");
                return false;
            default:
                AppendStruct(sb, v!, verb, f, depth);
                return false;
        }
    }

    private static void AppendElement(StringBuilder sb, object? v, int verb, Flags f, int depth)
    {
        var piece = new StringBuilder();
        if (!AppendValue(piece, v, verb, f, depth + 1))
        {
            Pad(sb, piece.ToString(), f);
        }
        else
        {
            sb.Append(piece);
        }
    }

    private static void AppendStruct(StringBuilder sb, object v, int verb, Flags f, int depth)
    {
        if (v is GoStruct gs)
        {
            sb.Append('{');
            for (var i = 0; i < gs.Fields.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(' ');
                }

                AppendElement(sb, gs.Fields[i].Value, verb, f, depth);
            }

            sb.Append('}');
            return;
        }

        var t = v.GetType();
        if (t.IsEnum || t.GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType != typeof(object) || depth > 8)
        {
            // A Stringer: Go prints String() for %v and %s.
            AppendString(sb, v.ToString() ?? string.Empty, verb is 'v' ? 's' : verb, f);
            return;
        }

        sb.Append('{');
        var first = true;
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0)
            {
                continue;
            }

            if (!first)
            {
                sb.Append(' ');
            }

            first = false;
            AppendElement(sb, p.GetValue(v), verb, f, depth);
        }

        sb.Append('}');
    }

    private static void BadVerb(StringBuilder sb, int verb, object? v)
    {
        sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append('(');
        if (v is null)
        {
            sb.Append("<nil>");
        }
        else
        {
            sb.Append(Values.TypeName(v)).Append('=');
            AppendValue(sb, v, 'v', default, 0);
        }

        sb.Append(')');
    }

    private static void AppendString(StringBuilder sb, string s, int verb, Flags f)
    {
        if (f.Prec is int p && verb is 's' or 'v' or 'q' or 'x' or 'X')
        {
            var si = new StringInfo(s);
            if (si.LengthInTextElements > p)
            {
                s = si.SubstringByTextElements(0, p);
            }
        }

        switch (verb)
        {
            case 'v' or 's':
                sb.Append(s);
                break;
            case 'q':
                if (f.Sharp && !s.Contains('`', StringComparison.Ordinal))
                {
                    sb.Append('`').Append(s).Append('`');
                }
                else
                {
                    sb.Append('"');
                    AppendQuoted(sb, s, '"', f.Plus);
                    sb.Append('"');
                }

                break;
            case 'x' or 'X':
                {
                    var hex = verb == 'x' ? LowerHex : UpperHex;
                    var bytes = Encoding.UTF8.GetBytes(s);
                    for (var k = 0; k < bytes.Length; k++)
                    {
                        if (f.Space && k > 0)
                        {
                            sb.Append(' ');
                        }

                        if (f.Sharp && (f.Space || k == 0))
                        {
                            sb.Append(verb == 'x' ? "0x" : "0X");
                        }

                        sb.Append(hex[bytes[k] >> 4]).Append(hex[bytes[k] & 0xF]);
                    }

                    break;
                }

            default:
                BadVerb(sb, verb, s);
                break;
        }
    }

    private static bool AppendInteger(StringBuilder sb, object v, int verb, Flags f)
    {
        var unsigned = Values.Kind(v) == GoKind.Uint;
        var neg = !unsigned && Values.ToInt64(v) < 0;
        var mag = unsigned ? Values.ToUInt64(v) : neg ? (ulong)(-(Values.ToInt64(v) + 1)) + 1 : (ulong)Values.ToInt64(v);
        string digits;
        var prefix = string.Empty;
        switch (verb)
        {
            case 'v' or 'd':
                digits = mag.ToString(CultureInfo.InvariantCulture);
                break;
            case 'b':
                digits = Convert.ToString(unchecked((long)mag), 2);
                break;
            case 'o' or 'O':
                digits = Convert.ToString(unchecked((long)mag), 8);
                if (verb == 'O')
                {
                    prefix = "0o";
                }
                else if (f.Sharp && digits[0] != '0')
                {
                    prefix = "0";
                }

                break;
            case 'x':
                digits = mag.ToString("x", CultureInfo.InvariantCulture);
                prefix = f.Sharp ? "0x" : string.Empty;
                break;
            case 'X':
                digits = mag.ToString("X", CultureInfo.InvariantCulture);
                prefix = f.Sharp ? "0X" : string.Empty;
                break;
            case 'c':
                sb.Append(mag <= 0x10FFFF && !(mag is >= 0xD800 and < 0xE000) ? char.ConvertFromUtf32((int)mag) : "\uFFFD");
                return false;
            case 'q':
                sb.Append(QuoteRune(mag > 0x10FFFF ? 0xFFFD : (int)mag));
                return false;
            case 'U':
                sb.Append("U+").Append(mag.ToString("X4", CultureInfo.InvariantCulture));
                if (f.Sharp && mag <= 0x10FFFF && IsPrint((int)mag))
                {
                    sb.Append(" '").Append(char.ConvertFromUtf32((int)mag)).Append('\'');
                }

                return false;
            default:
                BadVerb(sb, verb, v);
                return false;
        }

        if (f.Prec is int p)
        {
            if (p == 0 && mag == 0)
            {
                digits = string.Empty;
            }

            if (digits.Length < p)
            {
                digits = new string('0', p - digits.Length) + digits;
            }
        }

        var sign = neg ? "-" : f.Plus ? "+" : f.Space ? " " : string.Empty;
        var body = prefix + digits;
        var width = f.Width ?? 0;
        var total = sign.Length + body.Length;
        if (total < width && f.Zero && !f.Minus && f.Prec is null)
        {
            sb.Append(sign).Append(prefix).Append('0', width - total).Append(digits);
        }
        else if (total < width)
        {
            if (f.Minus)
            {
                sb.Append(sign).Append(body).Append(' ', width - total);
            }
            else
            {
                sb.Append(' ', width - total).Append(sign).Append(body);
            }
        }
        else
        {
            sb.Append(sign).Append(body);
        }

        return true;
    }

    private static bool AppendFloat(StringBuilder sb, double d, int verb, Flags f, int bits)
    {
        string s;
        switch (verb)
        {
            case 'v' or 'g' or 'G':
                s = FormatFloat(d, 'g', f.Prec ?? -1, bits);
                if (verb == 'G')
                {
                    s = s.ToUpperInvariant();
                }

                break;
            case 'e' or 'E':
                s = FormatFloat(d, 'e', f.Prec ?? 6, bits);
                if (verb == 'E')
                {
                    s = s.ToUpperInvariant();
                }

                break;
            case 'f' or 'F':
                s = FormatFloat(d, 'f', f.Prec ?? 6, bits);
                break;
            default:
                BadVerb(sb, verb, bits == 32 ? (float)d : d);
                return false;
        }

        if (double.IsInfinity(d) || double.IsNaN(d))
        {
            f.Zero = false;
        }

        if (f.Plus && !s.StartsWith('-') && !double.IsNaN(d))
        {
            s = "+" + s;
        }
        else if (f.Space && !s.StartsWith('-'))
        {
            s = " " + s;
        }
        else if (f.Plus && double.IsNaN(d))
        {
            s = "+" + s;
        }

        var width = f.Width ?? 0;
        if (s.Length < width && f.Zero && !f.Minus)
        {
            var signLen = s[0] is '+' or '-' or ' ' ? 1 : 0;
            sb.Append(s, 0, signLen).Append('0', width - s.Length).Append(s, signLen, s.Length - signLen);
        }
        else if (s.Length < width)
        {
            if (f.Minus)
            {
                sb.Append(s).Append(' ', width - s.Length);
            }
            else
            {
                sb.Append(' ', width - s.Length).Append(s);
            }
        }
        else
        {
            sb.Append(s);
        }

        return true;
    }

    /// <summary>strconv.FormatFloat(d, fmt, prec, bits) for fmt 'e', 'f', 'g' (prec -1 = shortest).</summary>
    public static string FormatFloat(double d, char fmt, int prec, int bits = 64)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(d))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(d))
        {
            return "-Inf";
        }

        var neg = d < 0 || (d == 0 && double.IsNegative(d));
        var abs = Math.Abs(d);
        string digits;
        int dp;
        var shortest = prec < 0;
        if (shortest)
        {
            (digits, dp) = Decompose(bits == 32 ? ((float)abs).ToString("R", CultureInfo.InvariantCulture) : abs.ToString("R", CultureInfo.InvariantCulture));
            if (digits != "0")
            {
                digits = digits.TrimEnd('0');
            }
        }
        else
        {
            // Round to the requested digits.
            var n = fmt switch
            {
                'e' => prec + 1,
                'f' => -1,
                _ => prec == 0 ? 1 : prec,
            };
            if (fmt == 'f')
            {
                var fixedText = abs.ToString("F" + prec.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                return (neg ? "-" : string.Empty) + fixedText;
            }

            (digits, dp) = Decompose(abs.ToString("E" + (n - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }

        var sb = new StringBuilder();
        if (neg)
        {
            sb.Append('-');
        }

        switch (fmt)
        {
            case 'e':
                FmtE(sb, digits, dp, shortest ? digits.Length - 1 : prec);
                break;
            case 'f':
                FmtF(sb, digits, dp, shortest ? Math.Max(digits.Length - dp, 0) : prec);
                break;
            default:
                {
                    var eprec = shortest ? 6 : prec == 0 ? 1 : prec;
                    if (!shortest && eprec > digits.Length && digits.Length >= dp)
                    {
                        eprec = digits.Length;
                    }

                    var exp = dp - 1;
                    if (digits == "0")
                    {
                        exp = 0;
                    }

                    if (exp < -4 || exp >= eprec)
                    {
                        var p = shortest ? digits.Length : eprec;
                        FmtE(sb, digits.TrimEnd('0').Length == 0 ? "0" : shortest ? digits : digits.TrimEnd('0'), dp, (shortest ? p : Math.Min(p, digits.TrimEnd('0').Length)) - 1);
                    }
                    else
                    {
                        var d2 = shortest ? digits : digits.TrimEnd('0');
                        if (d2.Length == 0)
                        {
                            d2 = "0";
                        }

                        FmtF(sb, d2, dp, Math.Max(d2.Length - dp, 0));
                    }

                    break;
                }
        }

        return sb.ToString();
    }

    /// <summary>Splits a .NET "R" or "E" rendering into significant digits and the decimal point position (value = 0.digits × 10^dp).</summary>
    private static (string Digits, int Dp) Decompose(string s)
    {
        var e = s.IndexOfAny(['E', 'e']);
        var exp = 0;
        if (e >= 0)
        {
            exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? s[..dot] : s;
        var frac = dot >= 0 ? s[(dot + 1)..] : string.Empty;
        var all = intPart + frac;
        var dp = intPart.Length + exp;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
            dp--;
        }

        all = all[lead..];
        if (all.TrimEnd('0').Length == 0)
        {
            return ("0", 1);
        }

        return (all, dp);
    }

    private static void FmtE(StringBuilder sb, string digits, int dp, int prec)
    {
        sb.Append(digits[0]);
        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= prec; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }

        var exp = digits == "0" ? 0 : dp - 1;
        sb.Append('e').Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        sb.Append(exp < 10 ? "0" + exp.ToString(CultureInfo.InvariantCulture) : exp.ToString(CultureInfo.InvariantCulture));
    }

    private static void FmtF(StringBuilder sb, string digits, int dp, int prec)
    {
        if (dp > 0)
        {
            for (var i = 0; i < dp; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }
        else
        {
            sb.Append('0');
        }

        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 0; i < prec; i++)
            {
                var j = dp + i;
                sb.Append(j >= 0 && j < digits.Length ? digits[j] : '0');
            }
        }
    }
}
