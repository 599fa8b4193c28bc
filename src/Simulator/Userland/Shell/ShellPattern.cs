using System.Text;
using System.Text.RegularExpressions;
using Simulator.FileSystem;

namespace Simulator.Userland.Shell;

/// <summary>A pattern after expansion: text plus which characters are unquoted (active as glob characters).</summary>
internal readonly record struct Pattern(string Text, bool[] Active)
{
    public static Pattern Literal(string text) => new(text, new bool[text.Length]);

    public bool HasGlob
    {
        get
        {
            for (var i = 0; i < Text.Length; i++)
            {
                if (Active[i] && Text[i] is '*' or '?' or '[')
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>A .NET regex for the pattern (fnmatch without FNM_PATHNAME), anchored.</summary>
    public string ToRegex(bool anchorStart = true, bool anchorEnd = true, bool lazy = false)
    {
        var sb = new StringBuilder();
        if (anchorStart)
        {
            sb.Append(@"\A");
        }

        for (var i = 0; i < Text.Length; i++)
        {
            var c = Text[i];
            if (!Active[i])
            {
                sb.Append(Regex.Escape(c.ToString()));
                continue;
            }

            switch (c)
            {
                case '*':
                    sb.Append(lazy ? "[\\s\\S]*?" : "[\\s\\S]*");
                    break;
                case '?':
                    sb.Append("[\\s\\S]");
                    break;
                case '[':
                    var end = FindBracketEnd(i);
                    if (end < 0)
                    {
                        sb.Append(@"\[");
                        break;
                    }

                    var body = Text[(i + 1)..end];
                    var negate = body.Length > 0 && body[0] is '!' or '^';
                    if (negate)
                    {
                        body = body[1..];
                    }

                    sb.Append('[');
                    if (negate)
                    {
                        sb.Append('^');
                    }

                    foreach (var ch in body)
                    {
                        sb.Append(ch is '\\' or ']' or '[' or '^' ? "\\" + ch : ch.ToString());
                    }

                    sb.Append(']');
                    i = end;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (anchorEnd)
        {
            sb.Append(@"\z");
        }

        return sb.ToString();
    }

    public bool Matches(string text) => Regex.IsMatch(text, ToRegex(), RegexOptions.CultureInvariant);

    private int FindBracketEnd(int open)
    {
        var j = open + 1;
        if (j < Text.Length && Text[j] is '!' or '^')
        {
            j++;
        }

        if (j < Text.Length && Text[j] == ']')
        {
            j++;
        }

        for (; j < Text.Length; j++)
        {
            if (Text[j] == ']')
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>Pathname expansion against the filesystem: sorted matches, or empty when none.</summary>
    public List<string> Glob(UnionFileSystem fs, string cwd)
    {
        var absolute = Text.StartsWith('/');
        var components = new List<Pattern>();
        var start = absolute ? 1 : 0;
        for (var i = start; i <= Text.Length; i++)
        {
            if (i == Text.Length || Text[i] == '/')
            {
                if (i > start)
                {
                    components.Add(new Pattern(Text[start..i], Active[start..i]));
                }

                start = i + 1;
            }
        }

        var trailingSlash = Text.EndsWith('/');
        var results = new List<string> { absolute ? "/" : "" };
        foreach (var comp in components)
        {
            var next = new List<string>();
            foreach (var prefix in results)
            {
                var dir = absolute ? prefix : (prefix.Length == 0 ? cwd : FsPath.Clean(cwd + "/" + prefix));
                if (!comp.HasGlob)
                {
                    next.Add(Join(prefix, comp.Text));
                    continue;
                }

                IReadOnlyList<string> names;
                try
                {
                    names = fs.ReadDirectory(dir);
                }
                catch (FileSystemException)
                {
                    continue;
                }

                var regex = new Regex(comp.ToRegex(), RegexOptions.CultureInvariant);
                foreach (var name in names)
                {
                    if (name.StartsWith('.') && !(comp.Text.StartsWith('.')))
                    {
                        continue;
                    }

                    if (regex.IsMatch(name))
                    {
                        next.Add(Join(prefix, name));
                    }
                }
            }

            results = next;
        }

        var existing = new List<string>();
        foreach (var r in results)
        {
            var full = r.StartsWith('/') ? r : FsPath.Clean(cwd + "/" + r);
            try
            {
                var st = fs.LStat(full);
                if (trailingSlash)
                {
                    if (!fs.Stat(full).IsDirectory)
                    {
                        continue;
                    }

                    existing.Add(r + "/");
                }
                else
                {
                    existing.Add(r);
                }

                _ = st;
            }
            catch (FileSystemException)
            {
            }
        }

        existing.Sort(StringComparer.Ordinal);
        return existing;
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix.EndsWith('/') ? prefix + name : prefix + "/" + name;
}
