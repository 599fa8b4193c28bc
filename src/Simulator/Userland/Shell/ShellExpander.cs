using System.Globalization;
using System.Text;

namespace Simulator.Userland.Shell;

/// <summary>
/// Word expansion as POSIX sh (and busybox ash) does it: tilde, parameter, command substitution,
/// arithmetic, field splitting on IFS, pathname expansion, quote removal.
/// </summary>
internal sealed class ShellExpander(ShellInterpreter sh)
{
    /// <summary>One field under construction: characters with a per-character "active glob" flag.</summary>
    private sealed class Field
    {
        public StringBuilder Text { get; } = new();

        public List<bool> Active { get; } = [];

        public bool Present { get; set; }

        public void Add(string s, bool active)
        {
            Text.Append(s);
            for (var i = 0; i < s.Length; i++)
            {
                Active.Add(active);
            }

            Present = true;
        }
    }

    private sealed class Builder
    {
        public List<Field> Fields { get; } = [new Field()];

        public bool PendingBreak { get; set; }

        public Field Current
        {
            get
            {
                if (PendingBreak)
                {
                    PendingBreak = false;
                    Fields.Add(new Field());
                }

                return Fields[^1];
            }
        }

        public void Break()
        {
            PendingBreak = false;
            Fields.Add(new Field());
        }
    }

    /// <summary>Expands words into fields (split and globbed).</summary>
    public async Task<List<string>> ExpandWordsAsync(IEnumerable<Word> words)
    {
        var result = new List<string>();
        foreach (var w in words)
        {
            var b = new Builder();
            await ExpandParts(w.Parts, b, quoted: false, split: true).ConfigureAwait(false);
            foreach (var f in b.Fields)
            {
                if (!f.Present && f.Text.Length == 0)
                {
                    continue;
                }

                var pattern = new Pattern(f.Text.ToString(), f.Active.ToArray());
                if (!sh.NoGlob && pattern.HasGlob)
                {
                    var matches = pattern.Glob(sh.Fs, sh.Cwd);
                    if (matches.Count > 0)
                    {
                        result.AddRange(matches);
                        continue;
                    }
                }

                result.Add(pattern.Text);
            }
        }

        return result;
    }

    /// <summary>Expands a word to one string, without splitting or globbing (assignments, redirection targets, case subjects).</summary>
    public async Task<string> ExpandStringAsync(Word w) => (await ExpandPatternAsync(w).ConfigureAwait(false)).Text;

    /// <summary>Expands a word to a pattern: one string, with unquoted characters active.</summary>
    public async Task<Pattern> ExpandPatternAsync(Word w)
    {
        var b = new Builder();
        await ExpandParts(w.Parts, b, quoted: false, split: false).ConfigureAwait(false);
        var text = new StringBuilder();
        var active = new List<bool>();
        for (var i = 0; i < b.Fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
                active.Add(false);
            }

            text.Append(b.Fields[i].Text);
            active.AddRange(b.Fields[i].Active);
        }

        return new Pattern(text.ToString(), active.ToArray());
    }

    private async Task ExpandParts(IReadOnlyList<WordPart> parts, Builder b, bool quoted, bool split)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case LiteralPart lit:
                    b.Current.Add(lit.Text, !quoted);
                    break;
                case QuotedPart q:
                    b.Current.Add(q.Text, false);
                    break;
                case TildePart t:
                    {
                        var home = t.User.Length == 0 ? sh.GetVar("HOME") ?? "/" : HomeOf(t.User);
                        b.Current.Add(home, false);
                        break;
                    }

                case DoubleQuotedPart dq:
                    {
                        b.Current.Present = true;
                        await ExpandParts(dq.Parts, b, quoted: true, split).ConfigureAwait(false);
                        break;
                    }

                case ParamPart p when p.Op.Length == 0 && p.Name == "@" && quoted:
                    {
                        var args = sh.Positional;
                        if (args.Count == 0)
                        {
                            var cur = b.Fields[^1];
                            if (cur.Text.Length == 0 && !b.PendingBreak)
                            {
                                cur.Present = false;
                            }

                            break;
                        }

                        for (var i = 0; i < args.Count; i++)
                        {
                            if (i > 0)
                            {
                                if (split)
                                {
                                    b.Break();
                                }
                                else
                                {
                                    b.Current.Add(" ", false);
                                }
                            }

                            b.Current.Add(args[i], false);
                        }

                        break;
                    }

                case ParamPart p when p.Op.Length == 0 && p.Name is "@" or "*" && !quoted && split:
                    {
                        foreach (var arg in sh.Positional)
                        {
                            AddSplit(b, arg);
                            b.PendingBreak = b.Fields[^1].Present || b.Fields[^1].Text.Length > 0;
                        }

                        break;
                    }

                case ParamPart p:
                    {
                        var value = await ExpandParam(p, quoted).ConfigureAwait(false);
                        if (value is null)
                        {
                            break;
                        }

                        if (quoted || !split)
                        {
                            b.Current.Add(value, false);
                            if (!quoted)
                            {
                                // unquoted expansions stay glob-active in patterns
                                var f = b.Fields[^1];
                                for (var i = f.Active.Count - value.Length; i < f.Active.Count; i++)
                                {
                                    f.Active[i] = true;
                                }
                            }
                        }
                        else
                        {
                            AddSplit(b, value);
                        }

                        break;
                    }

                case CommandSubstPart c:
                    {
                        var output = await sh.CommandSubstitutionAsync(c.Body).ConfigureAwait(false);
                        if (quoted || !split)
                        {
                            b.Current.Add(output, false);
                        }
                        else
                        {
                            AddSplit(b, output);
                        }

                        break;
                    }

                case ArithPart a:
                    {
                        var exprText = await ExpandStringAsync(a.Expression).ConfigureAwait(false);
                        var v = new ShellArithmetic(exprText, sh.GetVar, (n, val) => sh.SetVar(n, val)).Evaluate();
                        var s = v.ToString(CultureInfo.InvariantCulture);
                        if (quoted || !split)
                        {
                            b.Current.Add(s, false);
                        }
                        else
                        {
                            AddSplit(b, s);
                        }

                        break;
                    }
            }
        }
    }

    private string HomeOf(string user)
    {
        try
        {
            foreach (var line in sh.Fs.ReadAllText("/etc/passwd").Split('\n'))
            {
                var f = line.Split(':');
                if (f.Length > 5 && f[0] == user)
                {
                    return f[5];
                }
            }
        }
        catch (Simulator.FileSystem.FileSystemException)
        {
        }

        return "~" + user;
    }

    /// <summary>Appends an unquoted expansion's value, splitting on IFS.</summary>
    private void AddSplit(Builder b, string value)
    {
        var ifs = sh.GetVar("IFS") ?? " \t\n";
        if (ifs.Length == 0)
        {
            if (value.Length > 0)
            {
                b.Current.Add(value, true);
            }

            return;
        }

        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (ifs.Contains(c, StringComparison.Ordinal))
            {
                var hard = false;
                while (i < value.Length && ifs.Contains(value[i], StringComparison.Ordinal) && char.IsWhiteSpace(value[i]))
                {
                    i++;
                }

                if (i < value.Length && ifs.Contains(value[i], StringComparison.Ordinal) && !char.IsWhiteSpace(value[i]))
                {
                    hard = true;
                    i++;
                    while (i < value.Length && ifs.Contains(value[i], StringComparison.Ordinal) && char.IsWhiteSpace(value[i]))
                    {
                        i++;
                    }
                }

                var cur = b.Fields[^1];
                if (hard)
                {
                    if (b.PendingBreak)
                    {
                        b.Break();
                    }

                    b.Fields[^1].Present = true;
                    b.Break();
                }
                else if (cur.Present || cur.Text.Length > 0)
                {
                    b.PendingBreak = true;
                }

                continue;
            }

            var start = i;
            while (i < value.Length && !ifs.Contains(value[i], StringComparison.Ordinal))
            {
                i++;
            }

            b.Current.Add(value[start..i], true);
        }
    }

    private async Task<string?> ExpandParam(ParamPart p, bool quoted)
    {
        var value = sh.GetParameter(p.Name);
        var isSet = value is not null;
        switch (p.Op)
        {
            case "":
                if (!isSet && sh.NoUnset && p.Name is not ("@" or "*"))
                {
                    throw new ShellErrorException($"{p.Name}: parameter not set", 2, fatal: true);
                }

                return value;
            case "len":
                if (!isSet && sh.NoUnset)
                {
                    throw new ShellErrorException($"{p.Name}: parameter not set", 2, fatal: true);
                }

                return (value ?? "").Length.ToString(CultureInfo.InvariantCulture);
            case ":-":
            case "-":
                return (p.Op == ":-" ? string.IsNullOrEmpty(value) : !isSet) ? await Arg(p).ConfigureAwait(false) : value;
            case ":=":
            case "=":
                if (p.Op == ":=" ? string.IsNullOrEmpty(value) : !isSet)
                {
                    if (!ShellParser.IsName(p.Name))
                    {
                        throw new ShellErrorException($"{p.Name}: bad variable name", 2, fatal: true);
                    }

                    value = await Arg(p).ConfigureAwait(false);
                    sh.SetVar(p.Name, value);
                }

                return value;
            case ":+":
            case "+":
                return (p.Op == ":+" ? !string.IsNullOrEmpty(value) : isSet) ? await Arg(p).ConfigureAwait(false) : "";
            case ":?":
            case "?":
                if (p.Op == ":?" ? string.IsNullOrEmpty(value) : !isSet)
                {
                    var msg = await Arg(p).ConfigureAwait(false);
                    if (msg.Length == 0)
                    {
                        msg = p.Op == ":?" ? "parameter null or not set" : "parameter not set";
                    }

                    throw new ShellErrorException($"{p.Name}: {msg}", 2, fatal: true);
                }

                return value;
            case ":":
                {
                    value ??= "";
                    var spec = await Arg(p).ConfigureAwait(false);
                    var colon = spec.IndexOf(':', StringComparison.Ordinal);
                    var offset = (int)Arith(colon < 0 ? spec : spec[..colon]);
                    if (offset < 0)
                    {
                        offset = Math.Max(0, value.Length + offset);
                    }

                    offset = Math.Min(offset, value.Length);
                    var rest = value[offset..];
                    if (colon < 0)
                    {
                        return rest;
                    }

                    var length = (int)Arith(spec[(colon + 1)..]);
                    length = length < 0 ? Math.Max(0, rest.Length + length) : Math.Min(length, rest.Length);
                    return rest[..length];
                }

            case "/":
            case "//":
                {
                    value ??= "";
                    var pattern = await ExpandPatternAsync(p.Arg!).ConfigureAwait(false);
                    if (pattern.Text.Length == 0)
                    {
                        return value;
                    }

                    var replacement = p.Arg2 is null ? "" : await ExpandStringAsync(p.Arg2).ConfigureAwait(false);
                    var regex = new System.Text.RegularExpressions.Regex(pattern.ToRegex(anchorStart: false, anchorEnd: false), System.Text.RegularExpressions.RegexOptions.CultureInvariant);
                    return regex.Replace(value, replacement.Replace("$", "$$", StringComparison.Ordinal), p.Op == "//" ? -1 : 1);
                }

            default:
                {
                    value ??= "";
                    var pattern = await ExpandPatternAsync(p.Arg!).ConfigureAwait(false);
                    return Trim(value, pattern, p.Op);
                }
        }
    }

    private long Arith(string text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : new ShellArithmetic(text, sh.GetVar, (n, v) => sh.SetVar(n, v)).Evaluate();

    private async Task<string> Arg(ParamPart p) => p.Arg is null ? "" : await ExpandStringAsync(p.Arg).ConfigureAwait(false);

    internal static string Trim(string value, Pattern pattern, string op)
    {
        switch (op)
        {
            case "#":
                for (var i = 0; i <= value.Length; i++)
                {
                    if (pattern.Matches(value[..i]))
                    {
                        return value[i..];
                    }
                }

                return value;
            case "##":
                for (var i = value.Length; i >= 0; i--)
                {
                    if (pattern.Matches(value[..i]))
                    {
                        return value[i..];
                    }
                }

                return value;
            case "%":
                for (var i = value.Length; i >= 0; i--)
                {
                    if (pattern.Matches(value[i..]))
                    {
                        return value[..i];
                    }
                }

                return value;
            default:
                for (var i = 0; i <= value.Length; i++)
                {
                    if (pattern.Matches(value[i..]))
                    {
                        return value[..i];
                    }
                }

                return value;
        }
    }
}
