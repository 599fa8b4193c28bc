using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Simulator.FileSystem;

namespace Simulator.Userland;

/// <content>Text applets: head, tail, wc, sort, grep, tr, cut, uniq, tee, sed, seq, yes.</content>
internal static partial class Applets
{
    /// <summary>Rewrites numeric shorthand options (<c>-5</c>) to <c>-n 5</c>, as busybox head/tail accept.</summary>
    private static AppletContext WithNumericShorthand(AppletContext c)
    {
        if (c.Args.Count > 1 && c.Args[1].Length > 1 && c.Args[1][0] == '-' && c.Args[1][1..].All(char.IsAsciiDigit))
        {
            var args = new List<string> { c.Args[0], "-n", c.Args[1][1..] };
            args.AddRange(c.Args.Skip(2));
            return c with { Args = args };
        }

        return c;
    }

    private static async Task<int> Head(AppletContext c) => await HeadTail(WithNumericShorthand(c), head: true).ConfigureAwait(false);

    private static async Task<int> Tail(AppletContext c) => await HeadTail(WithNumericShorthand(c), head: false).ConfigureAwait(false);

    private static async Task<int> HeadTail(AppletContext c, bool head)
    {
        var usage = head ? "[OPTIONS] [FILE]..." : "[OPTIONS] [FILE]...";
        var (ok, flags, values, files) = await GetOpt(c, "qvfF", "nc", usage).ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var fromStart = false;
        long count = 10;
        var bytesMode = values.ContainsKey('c');
        var countText = values.TryGetValue('n', out var n) ? n : values.TryGetValue('c', out var cc) ? cc : null;
        if (countText is not null)
        {
            if (!head && countText.StartsWith('+'))
            {
                fromStart = true;
                countText = countText[1..];
            }

            if (!long.TryParse(countText.TrimStart('-'), NumberStyles.None, CultureInfo.InvariantCulture, out count))
            {
                return await c.Fail($"invalid number '{countText}'").ConfigureAwait(false);
            }
        }

        if (files.Count == 0)
        {
            files.Add("-");
        }

        var status = 0;
        var headers = (files.Count > 1 && !flags.Contains('q')) || flags.Contains('v');
        var first = true;
        foreach (var f in files)
        {
            var bytes = head && f == "-" ? await ReadHead(c, bytesMode, count).ConfigureAwait(false) : await c.ReadInput(f).ConfigureAwait(false);
            if (bytes is null)
            {
                status = 1;
                continue;
            }

            var sb = new StringBuilder();
            if (headers)
            {
                sb.Append(first ? "" : "\n").Append("==> ").Append(f == "-" ? "standard input" : f).Append(" <==\n");
            }

            first = false;
            var text = AppletContext.Text(bytes);
            if (bytesMode)
            {
                var b = head ? bytes.Take((int)Math.Min(count, bytes.Length)) : fromStart ? bytes.Skip((int)Math.Max(count - 1, 0)) : bytes.Skip((int)Math.Max(bytes.Length - count, 0));
                await c.Out(sb.ToString()).ConfigureAwait(false);
                await c.Stdout.WriteAsync(b.ToArray(), c.Token).ConfigureAwait(false);
                continue;
            }

            var lines = SplitKeepingEnds(text);
            IEnumerable<string> chosen = head ? lines.Take((int)Math.Min(count, int.MaxValue))
                : fromStart ? lines.Skip((int)Math.Max(count - 1, 0))
                : lines.Skip((int)Math.Max(lines.Count - count, 0));
            foreach (var l in chosen)
            {
                sb.Append(l);
            }

            await c.Out(sb.ToString()).ConfigureAwait(false);
        }

        return status;
    }

    /// <summary>Reads stdin only as far as head needs (so <c>yes | head</c> ends).</summary>
    private static async Task<byte[]> ReadHead(AppletContext c, bool bytesMode, long count)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[4096];
        long lines = 0;
        while (bytesMode ? ms.Length < count : lines < count)
        {
            var n = await c.Stdin.ReadAsync(buffer, c.Token).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            ms.Write(buffer, 0, n);
            for (var i = 0; i < n; i++)
            {
                if (buffer[i] == '\n')
                {
                    lines++;
                }
            }
        }

        return ms.ToArray();
    }

    /// <summary>Lines with their newline kept (the last may lack one).</summary>
    private static List<string> SplitKeepingEnds(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static async Task<int> Wc(AppletContext c)
    {
        var (ok, flags, _, files) = await GetOpt(c, "lwcmL", "", "[-cmlwL] [FILE]...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (flags.Count == 0)
        {
            flags = ['l', 'w', 'c'];
        }

        var stdinOnly = files.Count == 0;
        if (stdinOnly)
        {
            files.Add("-");
        }

        var status = 0;
        var totals = new long[4];
        var sb = new StringBuilder();
        foreach (var f in files)
        {
            var bytes = await c.ReadInput(f).ConfigureAwait(false);
            if (bytes is null)
            {
                status = 1;
                continue;
            }

            var text = AppletContext.Text(bytes);
            long[] counts =
            [
                text.Count(ch => ch == '\n'),
                text.Split([' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries).Length,
                bytes.Length,
                AppletContext.Lines(text).Select(l => (long)l.Length).DefaultIfEmpty(0).Max(),
            ];
            for (var i = 0; i < 4; i++)
            {
                totals[i] = i == 3 ? Math.Max(totals[i], counts[i]) : totals[i] + counts[i];
            }

            AppendWc(sb, counts, flags, stdinOnly ? null : f);
        }

        if (files.Count > 1)
        {
            AppendWc(sb, totals, flags, "total");
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return status;
    }

    private static void AppendWc(StringBuilder sb, long[] counts, HashSet<char> flags, string? name)
    {
        var cols = new List<long>();
        if (flags.Contains('l'))
        {
            cols.Add(counts[0]);
        }

        if (flags.Contains('w'))
        {
            cols.Add(counts[1]);
        }

        if (flags.Contains('c') || flags.Contains('m'))
        {
            cols.Add(counts[2]);
        }

        if (flags.Contains('L'))
        {
            cols.Add(counts[3]);
        }

        if (cols.Count == 1 && name is null)
        {
            sb.Append(cols[0].ToString(CultureInfo.InvariantCulture)).Append('\n');
            return;
        }

        sb.Append(string.Join(' ', cols.Select(v => v.ToString(CultureInfo.InvariantCulture).PadLeft(9))));
        if (name is not null)
        {
            sb.Append(' ').Append(name);
        }

        sb.Append('\n');
    }

    private static async Task<List<string>?> ReadAllLines(AppletContext c, List<string> files, bool warn = false)
    {
        if (files.Count == 0)
        {
            files.Add("-");
        }

        var lines = new List<string>();
        var failed = false;
        foreach (var f in files)
        {
            var bytes = warn ? await c.ReadInputOrWarn(f).ConfigureAwait(false) : await c.ReadInput(f).ConfigureAwait(false);
            if (bytes is null)
            {
                failed = true;
                continue;
            }

            lines.AddRange(AppletContext.Lines(AppletContext.Text(bytes)));
        }

        return failed ? null : lines;
    }

    /// <summary><c>sort -V</c> (coreutils filevercmp, simplified): digit runs compare as numbers, the rest byte by byte.</summary>
    private static int VersionCompare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int si = i, sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }

                var da = a[si..i].TrimStart('0');
                var db = b[sj..j].TrimStart('0');
                int r = da.Length != db.Length ? da.Length.CompareTo(db.Length) : string.CompareOrdinal(da, db);
                if (r != 0)
                {
                    return r;
                }

                continue;
            }

            if (a[i] != b[j])
            {
                return a[i].CompareTo(b[j]);
            }

            i++;
            j++;
        }

        return (a.Length - i).CompareTo(b.Length - j);
    }

    private static async Task<int> Sort(AppletContext c)
    {
        var (ok, flags, values, files) = await GetOpt(c, "nrufbdisV", "ktoT", "[-nrugMVcszbdfiokt] [-o FILE] [-k START[.OFS][OPTS][,END[.OFS][OPTS]] [-t CHAR] [FILE]...").ConfigureAwait(false);
        if (!ok)
        {
            // coreutils/sort.c sets xfunc_error_retval = 2 before parsing: usage errors exit 2 too.
            return 2;
        }

        var lines = await ReadAllLines(c, files).ConfigureAwait(false);
        if (lines is null)
        {
            return 2;
        }

        var sep = values.TryGetValue('t', out var t) ? t : null;
        int? keyField = values.TryGetValue('k', out var k) && int.TryParse(k.Split(',')[0].TrimEnd('n', 'r'), NumberStyles.None, CultureInfo.InvariantCulture, out var kf) ? kf : null;
        var numeric = flags.Contains('n') || (k?.Contains('n', StringComparison.Ordinal) ?? false);
        string Key(string line)
        {
            if (keyField is null)
            {
                return line;
            }

            var fields = sep is null ? Regex.Split(line.TrimStart(), @"\s+") : line.Split(sep[0]);
            return keyField.Value - 1 < fields.Length ? string.Join(sep ?? " ", fields.Skip(keyField.Value - 1)) : "";
        }

        int Compare(string a, string b)
        {
            var ka = Key(a);
            var kb = Key(b);
            int r;
            if (numeric)
            {
                r = LeadingNumber(ka).CompareTo(LeadingNumber(kb));
            }
            else if (flags.Contains('V'))
            {
                r = VersionCompare(ka, kb);
            }
            else if (flags.Contains('f'))
            {
                r = string.Compare(ka, kb, StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                r = string.CompareOrdinal(ka, kb);
            }

            if (r == 0 && !flags.Contains('s') && !flags.Contains('u'))
            {
                r = string.CompareOrdinal(a, b);
            }

            return flags.Contains('r') ? -r : r;
        }

        var sorted = lines.Order(Comparer<string>.Create(Compare)).ToList();
        if (flags.Contains('u'))
        {
            var unique = new List<string>();
            foreach (var l in sorted)
            {
                if (unique.Count == 0 || Compare(unique[^1], l) != 0)
                {
                    unique.Add(l);
                }
            }

            sorted = unique;
        }

        var output = string.Concat(sorted.Select(l => l + "\n"));
        if (values.TryGetValue('o', out var outFile))
        {
            c.Fs.WriteAllText(c.Resolve(outFile), output);
            return 0;
        }

        await c.Out(output).ConfigureAwait(false);
        return 0;
    }

    private static double LeadingNumber(string s)
    {
        var m = Regex.Match(s, @"^\s*-?\d*\.?\d*");
        return double.TryParse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
    }

    /// <summary>Converts a POSIX basic regular expression to .NET syntax.</summary>
    internal static string BreToNet(string bre)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < bre.Length; i++)
        {
            var ch = bre[i];
            if (ch == '\\' && i + 1 < bre.Length)
            {
                var n = bre[++i];
                sb.Append(n switch
                {
                    '(' or ')' or '{' or '}' or '|' => n.ToString(),
                    '+' or '?' => n.ToString(),
                    '<' or '>' => "\\b",
                    _ => "\\" + n,
                });
                continue;
            }

            if (ch is '(' or ')' or '{' or '}' or '|' or '+' or '?')
            {
                sb.Append('\\').Append(ch);
                continue;
            }

            if (ch == '[')
            {
                var end = bre.IndexOf(']', i + (i + 1 < bre.Length && bre[i + 1] == ']' ? 2 : i + 2 < bre.Length && bre[i + 1] == '^' && bre[i + 2] == ']' ? 3 : 1));
                if (end > i)
                {
                    sb.Append(BracketToNet(bre[i..(end + 1)]));
                    i = end;
                    continue;
                }
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    private static string BracketToNet(string bracket) =>
        bracket.Replace("[:alpha:]", "a-zA-Z", StringComparison.Ordinal).Replace("[:digit:]", "0-9", StringComparison.Ordinal)
            .Replace("[:alnum:]", "a-zA-Z0-9", StringComparison.Ordinal).Replace("[:space:]", "\\s", StringComparison.Ordinal)
            .Replace("[:upper:]", "A-Z", StringComparison.Ordinal).Replace("[:lower:]", "a-z", StringComparison.Ordinal)
            .Replace("[:punct:]", "!-/:-@\\[-`{-~", StringComparison.Ordinal).Replace("[:xdigit:]", "0-9A-Fa-f", StringComparison.Ordinal)
            .Replace("[:blank:]", " \\t", StringComparison.Ordinal);

    private static async Task<int> Grep(AppletContext c)
    {
        var (ok, flags, values, args) = await GetOpt(c, "vicqnlLhHEFwxsroR", "em", "[-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...", "color", accumulate: "e").ConfigureAwait(false);
        if (!ok)
        {
            return 2;
        }

        string pattern;
        if (values.TryGetValue('e', out var e))
        {
            pattern = e;
        }
        else if (args.Count > 0)
        {
            pattern = args[0];
            args.RemoveAt(0);
        }
        else
        {
            await c.BadUsage("[-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...").ConfigureAwait(false);
            return 2;
        }

        // Each -e (and each line of a pattern) is a pattern of its own; a line matches when any does.
        var expr = string.Join("|", pattern.Split('\n').Select(p => "(?:" + (flags.Contains('F') ? Regex.Escape(p) : flags.Contains('E') ? p : BreToNet(p)) + ")"));
        if (flags.Contains('w'))
        {
            expr = $@"(?<![\w]){'('}{expr})(?![\w])";
        }

        if (flags.Contains('x'))
        {
            expr = $"^(?:{expr})$";
        }

        Regex regex;
        try
        {
            regex = new Regex(expr, flags.Contains('i') ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            return await c.Fail($"bad regex '{pattern}'", 2).ConfigureAwait(false);
        }

        var files = args.Count == 0 ? ["-"] : args;
        var prefix = (files.Count > 1 || flags.Contains('H')) && !flags.Contains('h');
        if (flags.Contains('r') || flags.Contains('R'))
        {
            // findutils/grep.c: a directory operand is walked (grep_dir) and names are printed unless -h.
            var expanded = new List<string>();
            foreach (var f in files)
            {
                var path = f == "-" ? "" : c.Resolve(f);
                if (f != "-" && c.Fs.Exists(path) && c.Fs.Stat(path).IsDirectory)
                {
                    prefix |= !flags.Contains('h');
                    var root = f.TrimEnd('/');
                    expanded.AddRange(c.Fs.Walk(path).Where(x => x.Entry.Type == EntryType.RegularFile || (x.Entry.Type == EntryType.HardLink))
                        .Select(x => (root.Length == 0 ? "" : root) + x.Path[path.TrimEnd('/').Length..]).Order(StringComparer.Ordinal));
                }
                else
                {
                    expanded.Add(f);
                }
            }

            files = expanded;
        }
        var any = false;
        var error = false;
        var sb = new StringBuilder();
        foreach (var f in files)
        {
            byte[] bytes;
            if (f == "-")
            {
                bytes = await c.ReadAllStdin().ConfigureAwait(false);
            }
            else
            {
                try
                {
                    var path = c.Resolve(f);
                    if (c.Fs.Stat(path).IsDirectory)
                    {
                        if (!flags.Contains('s'))
                        {
                            await c.Err($"grep: {f}: Is a directory\n").ConfigureAwait(false);
                        }

                        error = true;
                        continue;
                    }

                    bytes = c.Fs.ReadAllBytes(path);
                }
                catch (FileSystemException ex)
                {
                    if (!flags.Contains('s'))
                    {
                        await c.Err($"grep: {f}: {ex.Message}\n").ConfigureAwait(false);
                    }

                    error = true;
                    continue;
                }
            }

            var name = f == "-" ? "(standard input)" : f;
            var count = 0;
            var lineNo = 0;
            foreach (var line in AppletContext.Lines(AppletContext.Text(bytes)))
            {
                lineNo++;
                var match = regex.IsMatch(line) != flags.Contains('v');
                if (!match)
                {
                    continue;
                }

                count++;
                any = true;
                if (flags.Contains('q'))
                {
                    return 0;
                }

                if (flags.Contains('l') || flags.Contains('c') || flags.Contains('L'))
                {
                    continue;
                }

                if (values.TryGetValue('m', out var max) && int.TryParse(max, CultureInfo.InvariantCulture, out var m) && count > m)
                {
                    break;
                }

                if (flags.Contains('o') && !flags.Contains('v'))
                {
                    foreach (Match mm in regex.Matches(line))
                    {
                        sb.Append(prefix ? name + ":" : "").Append(flags.Contains('n') ? lineNo.ToString(CultureInfo.InvariantCulture) + ":" : "").Append(mm.Value).Append('\n');
                    }

                    continue;
                }

                if (prefix)
                {
                    sb.Append(name).Append(':');
                }

                if (flags.Contains('n'))
                {
                    sb.Append(lineNo.ToString(CultureInfo.InvariantCulture)).Append(':');
                }

                sb.Append(line).Append('\n');
            }

            if (flags.Contains('c'))
            {
                sb.Append(prefix ? name + ":" : "").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            else if (flags.Contains('l') && count > 0)
            {
                sb.Append(name).Append('\n');
            }
            else if (flags.Contains('L') && count == 0)
            {
                sb.Append(name).Append('\n');
            }
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return error && !flags.Contains('q') ? 2 : any ? 0 : 1;
    }

    private static string ExpandTrSet(string set)
    {
        var sb = new StringBuilder();
        var s = new StringBuilder();
        Escapes(set, s, echo: false);
        var x = BracketToNet(s.ToString()).Replace("\\s", " \t\n\r\v\f", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal);
        for (var i = 0; i < x.Length; i++)
        {
            if (i + 2 < x.Length && x[i + 1] == '-')
            {
                for (var ch = x[i]; ch <= x[i + 2]; ch++)
                {
                    sb.Append(ch);
                }

                i += 2;
            }
            else
            {
                sb.Append(x[i]);
            }
        }

        return sb.ToString();
    }

    private static async Task<int> Tr(AppletContext c)
    {
        var (ok, flags, _, args) = await GetOpt(c, "dscC", "", "[-cds] STRING1 [STRING2]").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (args.Count == 0 || (args.Count == 1 && !flags.Contains('d') && !flags.Contains('s')))
        {
            return await c.BadUsage("[-cds] STRING1 [STRING2]").ConfigureAwait(false);
        }

        var set1 = ExpandTrSet(args[0]);
        var set2 = args.Count > 1 ? ExpandTrSet(args[1]) : "";
        var text = AppletContext.Text(await c.ReadAllStdin().ConfigureAwait(false));
        var complement = flags.Contains('c') || flags.Contains('C');
        bool In1(char ch) => set1.Contains(ch, StringComparison.Ordinal) != complement;
        var sb = new StringBuilder();
        char? last = null;
        foreach (var ch in text)
        {
            if (flags.Contains('d'))
            {
                if (In1(ch))
                {
                    continue;
                }

                Emit(ch, set2);
                continue;
            }

            var mapped = ch;
            if (In1(ch) && set2.Length > 0)
            {
                var idx = complement ? set2.Length - 1 : set1.IndexOf(ch, StringComparison.Ordinal);
                mapped = set2[Math.Min(idx, set2.Length - 1)];
            }

            Emit(mapped, set2.Length > 0 ? set2 : set1);
        }

        void Emit(char ch, string squeezeSet)
        {
            if (flags.Contains('s') && last == ch && squeezeSet.Contains(ch, StringComparison.Ordinal))
            {
                return;
            }

            sb.Append(ch);
            last = ch;
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Cut(AppletContext c)
    {
        var (ok, flags, values, files) = await GetOpt(c, "sn", "dfcb", "[OPTIONS] [FILE]...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var listText = values.TryGetValue('f', out var fl) ? fl : values.TryGetValue('c', out var cl) ? cl : values.TryGetValue('b', out var bl) ? bl : null;
        if (listText is null)
        {
            return await c.Fail("expected a list of bytes, characters, or fields").ConfigureAwait(false);
        }

        var ranges = new List<(int From, int To)>();
        foreach (var part in listText.Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            int from, to;
            if (dash < 0)
            {
                if (!int.TryParse(part, CultureInfo.InvariantCulture, out from))
                {
                    return await c.Fail($"invalid number '{part}'").ConfigureAwait(false);
                }

                to = from;
            }
            else
            {
                from = dash == 0 ? 1 : int.Parse(part[..dash], CultureInfo.InvariantCulture);
                to = dash == part.Length - 1 ? int.MaxValue : int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture);
            }

            ranges.Add((from, to));
        }

        bool Selected(int i) => ranges.Any(r => i >= r.From && i <= r.To);
        // coreutils/cut.c: fopen_or_warn_stdin.
        var lines = await ReadAllLines(c, files, warn: true).ConfigureAwait(false);
        if (lines is null)
        {
            return 1;
        }

        var delim = values.TryGetValue('d', out var d) && d.Length > 0 ? d[0] : '\t';
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            if (values.ContainsKey('f'))
            {
                if (!line.Contains(delim, StringComparison.Ordinal))
                {
                    if (!flags.Contains('s'))
                    {
                        sb.Append(line).Append('\n');
                    }

                    continue;
                }

                var fields = line.Split(delim);
                sb.Append(string.Join(delim, fields.Where((_, i) => Selected(i + 1)))).Append('\n');
            }
            else
            {
                sb.Append(new string(line.Where((_, i) => Selected(i + 1)).ToArray())).Append('\n');
            }
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Uniq(AppletContext c)
    {
        var (ok, flags, _, files) = await GetOpt(c, "cdui", "fs", "[-cdui] [-f,s,w N] [INPUT [OUTPUT]]").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var lines = await ReadAllLines(c, files.Take(1).ToList()).ConfigureAwait(false);
        if (lines is null)
        {
            return 1;
        }

        var sb = new StringBuilder();
        var cmp = flags.Contains('i') ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        for (var i = 0; i < lines.Count;)
        {
            var j = i + 1;
            while (j < lines.Count && cmp.Equals(lines[j], lines[i]))
            {
                j++;
            }

            var n = j - i;
            if ((!flags.Contains('d') || n > 1) && (!flags.Contains('u') || n == 1))
            {
                if (flags.Contains('c'))
                {
                    sb.Append(n.ToString(CultureInfo.InvariantCulture).PadLeft(7)).Append(' ');
                }

                sb.Append(lines[i]).Append('\n');
            }

            i = j;
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Tee(AppletContext c)
    {
        var (ok, flags, _, files) = await GetOpt(c, "ai", "", "[-ai] [FILE]...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var status = 0;
        var targets = new List<string>();
        foreach (var f in files)
        {
            try
            {
                var path = c.Resolve(f);
                if (!flags.Contains('a'))
                {
                    c.Fs.WriteAllBytes(path, []);
                }
                else if (!c.Fs.Exists(path))
                {
                    c.Fs.WriteAllBytes(path, []);
                }

                targets.Add(path);
            }
            catch (FileSystemException e)
            {
                status = await c.Fail($"{f}: {e.Message}").ConfigureAwait(false);
            }
        }

        var buffer = new byte[8192];
        while (true)
        {
            var n = await c.Stdin.ReadAsync(buffer, c.Token).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            await c.Stdout.WriteAsync(buffer.AsMemory(0, n), c.Token).ConfigureAwait(false);
            foreach (var t in targets)
            {
                c.Fs.Append(t, buffer.AsSpan(0, n));
            }
        }

        return status;
    }

    private static async Task<int> Seq(AppletContext c)
    {
        var nums = new List<double>();
        foreach (var a in c.Args.Skip(1))
        {
            if (!double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return await c.Fail($"invalid number '{a}'").ConfigureAwait(false);
            }

            nums.Add(d);
        }

        if (nums.Count is 0 or > 3)
        {
            return await c.BadUsage("[-w] [-s SEP] [FIRST [INC]] LAST").ConfigureAwait(false);
        }

        var first = nums.Count > 1 ? nums[0] : 1;
        var inc = nums.Count == 3 ? nums[1] : 1;
        var last = nums[^1];
        var sb = new StringBuilder();
        for (var v = first; inc > 0 ? v <= last : v >= last; v += inc)
        {
            sb.Append(v.ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (inc == 0)
            {
                break;
            }
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Yes(AppletContext c)
    {
        var line = Encoding.UTF8.GetBytes((c.Args.Count > 1 ? string.Join(' ', c.Args.Skip(1)) : "y") + "\n");
        try
        {
            while (true)
            {
                c.Token.ThrowIfCancellationRequested();
                await c.Stdout.WriteAsync(line, c.Token).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            return 141;
        }
    }
}
