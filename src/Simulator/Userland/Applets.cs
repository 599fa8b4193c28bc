using System.Globalization;
using System.Text;
using Simulator.FileSystem;

namespace Simulator.Userland;

/// <summary>A busybox applet's implementation.</summary>
internal delegate Task<int> Applet(AppletContext context);

/// <summary>The busybox applets, by name, with busybox's messages and statuses (busybox 1.36/1.37 on Alpine, musl getopt).</summary>
internal static partial class Applets
{
    public static readonly Dictionary<string, Applet> All = new(StringComparer.Ordinal)
    {
        ["echo"] = Echo,
        ["printf"] = Printf,
        ["test"] = c => Test(c, bracket: false),
        ["["] = c => Test(c, bracket: true),
        ["true"] = _ => Task.FromResult(0),
        ["false"] = _ => Task.FromResult(1),
        ["cat"] = Cat,
        ["ls"] = Ls,
        ["mkdir"] = Mkdir,
        ["rmdir"] = Rmdir,
        ["rm"] = Rm,
        ["cp"] = Cp,
        ["mv"] = Mv,
        ["ln"] = Ln,
        ["touch"] = Touch,
        ["chmod"] = Chmod,
        ["chown"] = Chown,
        ["head"] = Head,
        ["tail"] = Tail,
        ["wc"] = Wc,
        ["sort"] = Sort,
        ["grep"] = Grep,
        ["sleep"] = Sleep,
        ["env"] = Env,
        ["pwd"] = Pwd,
        ["basename"] = Basename,
        ["dirname"] = Dirname,
        ["id"] = Id,
        ["whoami"] = Whoami,
        ["hostname"] = Hostname,
        ["tr"] = Tr,
        ["cut"] = Cut,
        ["uniq"] = Uniq,
        ["tee"] = Tee,
        ["readlink"] = Readlink,
        ["which"] = Which,
        ["seq"] = Seq,
        ["yes"] = Yes,
        ["find"] = Find,
        ["sed"] = Sed,
        ["xargs"] = Xargs,
        ["date"] = Date,
        ["kill"] = Kill,
        ["ps"] = Ps,
        ["uname"] = Uname,
        ["stat"] = Stat,
        ["mktemp"] = Mktemp,
        ["sha256sum"] = Sha256sum,
        ["sha1sum"] = Sha1sum,
        ["md5sum"] = Md5sum,
        ["base64"] = Base64,
        ["printenv"] = Printenv,
        ["nproc"] = Nproc,
        ["realpath"] = Realpath,
        ["gzip"] = Gzip,
        ["gunzip"] = Gzip,
        ["zcat"] = Gzip,
        ["tar"] = Tar,
        ["wget"] = Wget,
        ["du"] = Du,
        ["df"] = Df,
        ["adduser"] = Adduser,
        ["addgroup"] = Addgroup,
        ["deluser"] = Deluser,
        ["delgroup"] = Deluser,
    };

    /// <summary>Splits leading options (musl getopt: no permutation; <c>--</c> ends them) into flags and values.</summary>
    /// <param name="c">The applet.</param>
    /// <param name="flags">The short options without a value.</param>
    /// <param name="valued">The short options taking a value.</param>
    /// <param name="usage">The trivial usage (only for applets busybox has no usage text for).</param>
    /// <param name="longOptions">
    /// For applets busybox parses with <c>getopt32long</c>: space-separated <c>name</c> (accepted, ignored) or <c>name=x</c> (the short option
    /// <c>x</c>); an unknown <c>--name</c> is musl getopt_long's <c>unrecognized option: name</c>. Null: <c>--name</c> is the short option <c>-</c>, unknown.
    /// </param>
    /// <param name="accumulate">Valued options whose repeats join with newlines (sed's <c>-e</c>); others keep the last value.</param>
    /// <param name="permute">
    /// Whether options may follow operands, as musl's getopt_long permutes (<c>ls /etc -l</c>); by default true exactly for
    /// getopt32long applets (<paramref name="longOptions"/> given), whose optstring lacks busybox's leading <c>+</c> (xargs has it).
    /// </param>
    /// <returns>False when an unknown option was reported.</returns>
    internal static async Task<(bool Ok, HashSet<char> Flags, Dictionary<char, string> Values, List<string> Operands)> GetOpt(
        AppletContext c, string flags, string valued, string usage, string? longOptions = null, string accumulate = "", bool? permute = null)
    {
        var set = new HashSet<char>();
        var values = new Dictionary<char, string>();
        var operands = new List<string>();
        var i = 1;
        for (; i < c.Args.Count; i++)
        {
            var a = c.Args[i];
            if (a == "--")
            {
                i++;
                break;
            }

            if (longOptions is not null && a.Length > 2 && a.StartsWith("--", StringComparison.Ordinal))
            {
                var body = a[2..];
                var eq = body.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? body : body[..eq];
                var known = longOptions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(o => o.Split('=')).ToList();
                var match = known.FirstOrDefault(o => o[0] == name) is { } exact ? [exact] : known.Where(o => o[0].StartsWith(name, StringComparison.Ordinal)).ToList();
                if (match.Count != 1)
                {
                    await c.Err($"{c.Argv0}: {(match.Count > 1 ? "option is ambiguous" : "unrecognized option")}: {body}\n").ConfigureAwait(false);
                    await c.ShowUsage(usage).ConfigureAwait(false);
                    return (false, set, values, operands);
                }

                if (match[0].Length > 1 && match[0][1].Length == 1)
                {
                    var ch = match[0][1][0];
                    if (valued.Contains(ch, StringComparison.Ordinal))
                    {
                        if (eq >= 0)
                        {
                            values[ch] = body[(eq + 1)..];
                        }
                        else if (i + 1 < c.Args.Count)
                        {
                            values[ch] = c.Args[++i];
                        }
                        else
                        {
                            await c.Err($"{c.Argv0}: option requires an argument: {match[0][0]}\n").ConfigureAwait(false);
                            await c.ShowUsage(usage).ConfigureAwait(false);
                            return (false, set, values, operands);
                        }
                    }

                    set.Add(ch);
                }

                continue;
            }

            if (a.Length < 2 || a[0] != '-')
            {
                if (permute ?? longOptions is not null)
                {
                    operands.Add(a);
                    continue;
                }

                break;
            }

            for (var j = 1; j < a.Length; j++)
            {
                var ch = a[j];
                if (valued.Contains(ch, StringComparison.Ordinal))
                {
                    string v;
                    if (j + 1 < a.Length)
                    {
                        v = a[(j + 1)..];
                    }
                    else if (i + 1 < c.Args.Count)
                    {
                        v = c.Args[++i];
                    }
                    else
                    {
                        await c.MissingArgument(ch, usage).ConfigureAwait(false);
                        return (false, set, values, operands);
                    }

                    values[ch] = accumulate.Contains(ch, StringComparison.Ordinal) && values.TryGetValue(ch, out var earlier) ? earlier + "\n" + v : v;
                    set.Add(ch);
                    break;
                }

                if (!flags.Contains(ch, StringComparison.Ordinal))
                {
                    await c.BadOption(ch, usage).ConfigureAwait(false);
                    return (false, set, values, operands);
                }

                set.Add(ch);
            }
        }

        operands.AddRange(c.Args.Skip(i));
        return (true, set, values, operands);
    }

    // coreutils/pwd.c: getopt32 "LP".
    private static async Task<int> Pwd(AppletContext c)
    {
        var (ok, _, _, _) = await GetOpt(c, "LP", "", "").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        await c.Out(c.Cwd + "\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Echo(AppletContext c)
    {
        var i = 1;
        var newline = true;
        var escapes = false;
        while (i < c.Args.Count && c.Args[i].Length > 1 && c.Args[i][0] == '-' && c.Args[i][1..].All(ch => ch is 'n' or 'e' or 'E'))
        {
            foreach (var ch in c.Args[i][1..])
            {
                switch (ch)
                {
                    case 'n': newline = false; break;
                    case 'e': escapes = true; break;
                    case 'E': escapes = false; break;
                }
            }

            i++;
        }

        var sb = new StringBuilder();
        for (var k = i; k < c.Args.Count; k++)
        {
            if (k > i)
            {
                sb.Append(' ');
            }

            if (escapes)
            {
                if (!Escapes(c.Args[k], sb, echo: true))
                {
                    await c.Out(sb.ToString()).ConfigureAwait(false);
                    return 0;
                }
            }
            else
            {
                sb.Append(c.Args[k]);
            }
        }

        if (newline)
        {
            sb.Append('\n');
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Backslash escapes of echo -e / printf %b / printf formats; returns false on <c>\c</c> (stop output).</summary>
    internal static bool Escapes(string s, StringBuilder sb, bool echo)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (ch != '\\' || i + 1 >= s.Length)
            {
                sb.Append(ch);
                continue;
            }

            var n = s[++i];
            switch (n)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case 'e': sb.Append('\u001b'); break;
                case '\\': sb.Append('\\'); break;
                case 'c': return false;
                case 'x' when i + 1 < s.Length && char.IsAsciiHexDigit(s[i + 1]):
                    {
                        var end = i + 1;
                        while (end < s.Length && end - i <= 2 && char.IsAsciiHexDigit(s[end]))
                        {
                            end++;
                        }

                        sb.Append((char)Convert.ToInt32(s[(i + 1)..end], 16));
                        i = end - 1;
                        break;
                    }

                case '0' or '1' or '2' or '3' or '4' or '5' or '6' or '7':
                    {
                        var start = i;
                        var max = echo && n == '0' ? 4 : 3;
                        var end = i;
                        while (end < s.Length && end - start < max && s[end] is >= '0' and <= '7')
                        {
                            end++;
                        }

                        var digits = s[start..end];
                        if (echo && n == '0')
                        {
                            digits = digits.Length > 1 ? digits[1..] : "0";
                        }

                        sb.Append((char)Convert.ToInt32(digits, 8));
                        i = end - 1;
                        break;
                    }

                default:
                    sb.Append('\\').Append(n);
                    break;
            }
        }

        return true;
    }

    private static async Task<int> Printf(AppletContext c)
    {
        if (c.Args.Count < 2)
        {
            await c.Err("printf: usage: printf FORMAT [ARGUMENT]...\n").ConfigureAwait(false);
            return 1;
        }

        var format = c.Args[1];
        var args = c.Args.Skip(2).ToList();
        var sb = new StringBuilder();
        var status = 0;
        var ai = 0;
        do
        {
            var consumed = false;
            for (var i = 0; i < format.Length; i++)
            {
                var ch = format[i];
                if (ch == '\\')
                {
                    var end = i + 1;
                    if (end < format.Length && format[end] is >= '0' and <= '7')
                    {
                        while (end < format.Length && end - i <= 3 && format[end] is >= '0' and <= '7')
                        {
                            end++;
                        }
                    }
                    else if (end < format.Length && format[end] == 'x')
                    {
                        end++;
                        while (end < format.Length && end - i <= 3 && char.IsAsciiHexDigit(format[end]))
                        {
                            end++;
                        }
                    }
                    else
                    {
                        end = Math.Min(end + 1, format.Length);
                    }

                    if (!Escapes(format[i..end], sb, echo: false))
                    {
                        await c.Out(sb.ToString()).ConfigureAwait(false);
                        return status;
                    }

                    i = end - 1;
                    continue;
                }

                if (ch != '%')
                {
                    sb.Append(ch);
                    continue;
                }

                if (i + 1 < format.Length && format[i + 1] == '%')
                {
                    sb.Append('%');
                    i++;
                    continue;
                }

                var j = i + 1;
                while (j < format.Length && "-+ #0".Contains(format[j], StringComparison.Ordinal))
                {
                    j++;
                }

                while (j < format.Length && (char.IsAsciiDigit(format[j]) || format[j] is '.' or '*'))
                {
                    j++;
                }

                if (j >= format.Length)
                {
                    sb.Append(format[i..]);
                    break;
                }

                var spec = format[(i + 1)..j];
                var conv = format[j];
                i = j;
                var arg = ai < args.Count ? args[ai] : null;
                if (ai < args.Count)
                {
                    ai++;
                    consumed = true;
                }

                string text;
                switch (conv)
                {
                    case 's':
                        text = arg ?? "";
                        break;
                    case 'b':
                        {
                            var b = new StringBuilder();
                            Escapes(arg ?? "", b, echo: true);
                            text = b.ToString();
                            break;
                        }

                    case 'c':
                        text = string.IsNullOrEmpty(arg) ? "" : arg[..1];
                        break;
                    case 'd' or 'i' or 'u' or 'x' or 'X' or 'o':
                        {
                            var (ok, v) = ParseInteger(arg ?? "0");
                            if (!ok)
                            {
                                await c.Err($"printf: invalid number '{arg}'\n").ConfigureAwait(false);
                                status = 1;
                            }

                            text = conv switch
                            {
                                'x' => v.ToString("x", CultureInfo.InvariantCulture),
                                'X' => v.ToString("X", CultureInfo.InvariantCulture),
                                'o' => Convert.ToString(v, 8),
                                _ => v.ToString(CultureInfo.InvariantCulture),
                            };
                            var precision = spec.Contains('.', StringComparison.Ordinal) ? spec[(spec.IndexOf('.', StringComparison.Ordinal) + 1)..] : null;
                            if (int.TryParse(precision, NumberStyles.None, CultureInfo.InvariantCulture, out var prec))
                            {
                                text = v < 0 ? "-" + text[1..].PadLeft(prec, '0') : text.PadLeft(prec, '0');
                            }

                            if (spec.Contains('+', StringComparison.Ordinal) && v >= 0)
                            {
                                text = "+" + text;
                            }

                            break;
                        }

                    case 'f' or 'e' or 'g' or 'E' or 'G':
                        {
                            if (!double.TryParse(arg ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                            {
                                await c.Err($"printf: invalid number '{arg}'\n").ConfigureAwait(false);
                                status = 1;
                            }

                            var dot = spec.IndexOf('.', StringComparison.Ordinal);
                            var precision = dot >= 0 && int.TryParse(spec[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 6;
                            text = conv is 'f' ? d.ToString("F" + precision, CultureInfo.InvariantCulture)
                                : conv is 'e' or 'E' ? d.ToString((conv == 'e' ? "0." + new string('0', precision) + "e+00" : "0." + new string('0', precision) + "E+00"), CultureInfo.InvariantCulture)
                                : d.ToString("G" + (precision == 0 ? 1 : precision), CultureInfo.InvariantCulture);
                            break;
                        }

                    default:
                        await c.Err($"printf: %{conv}: invalid format\n").ConfigureAwait(false);
                        await c.Out(sb.ToString()).ConfigureAwait(false);
                        return 1;
                }

                var widthText = new string(spec.TakeWhile(x => x != '.').Where(char.IsAsciiDigit).ToArray());
                var dotAt = spec.IndexOf('.', StringComparison.Ordinal);
                if (conv is 's' or 'b' && dotAt >= 0 && int.TryParse(spec[(dotAt + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var maxLen) && text.Length > maxLen)
                {
                    text = text[..maxLen];
                }

                if (widthText.Length > 0 && widthText.TrimStart('0').Length > 0)
                {
                    var width = int.Parse(widthText.TrimStart('0'), CultureInfo.InvariantCulture);
                    var left = spec.Contains('-', StringComparison.Ordinal);
                    var zero = spec.StartsWith('0') || spec.TrimStart('-', '+', ' ', '#').StartsWith('0');
                    text = left ? text.PadRight(width) : zero && conv is not ('s' or 'c' or 'b') ? PadZero(text, width) : text.PadLeft(width);
                }

                sb.Append(text);
            }

            if (!consumed)
            {
                break;
            }
        }
        while (ai < args.Count);

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return status;
    }

    private static string PadZero(string text, int width)
    {
        if (text.StartsWith('-') || text.StartsWith('+'))
        {
            return text[0] + text[1..].PadLeft(width - 1, '0');
        }

        return text.PadLeft(width, '0');
    }

    internal static (bool Ok, long Value) ParseInteger(string s)
    {
        s = s.Trim();
        if (s.Length >= 2 && s[0] is '\'' or '"')
        {
            return (true, s[1]);
        }

        try
        {
            if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return (true, long.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }

            if (s.Length > 1 && s[0] == '0' && s.All(char.IsAsciiDigit))
            {
                return (true, Convert.ToInt64(s, 8));
            }

            return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? (true, v) : (false, 0);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return (false, 0);
        }
    }

    private static async Task<int> Test(AppletContext c, bool bracket)
    {
        var args = c.Args.Skip(1).ToList();
        var name = bracket ? "[" : "test";
        if (bracket)
        {
            if (args.Count == 0 || args[^1] != "]")
            {
                await c.Err("[: missing ]\n").ConfigureAwait(false);
                return 2;
            }

            args.RemoveAt(args.Count - 1);
        }

        try
        {
            var evaluator = new TestEvaluator(c, args);
            return evaluator.Run() ? 0 : 1;
        }
        catch (FormatException e)
        {
            await c.Err($"{(c.Name == "sh" ? "sh" : name)}: {e.Message}\n").ConfigureAwait(false);
            return 2;
        }
    }
}
