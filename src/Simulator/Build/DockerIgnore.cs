using System.Text;
using Simulator.FileSystem;
using System.Text.RegularExpressions;

namespace Simulator.Build;

/// <summary>
/// <c>.dockerignore</c> rules, a port of moby/patternmatcher (ignorefile.ReadAll, PatternMatcher.MatchesOrParentMatches):
/// one pattern a line, <c>#</c> comments, <c>!</c> exceptions, <c>*</c>, <c>?</c>, <c>[...]</c> and <c>**</c>; the last
/// matching pattern decides, and a pattern matching a directory matches everything under it.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Regex, bool Exclusion)> _patterns = [];

    public DockerIgnore(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith('#'))
            {
                continue;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            bool exclusion = false;
            if (line[0] == '!')
            {
                if (line.Length == 1)
                {
                    throw new BuildFailedException(ErrorKind.InvalidArgument, "illegal exclusion pattern: \"!\"");
                }

                exclusion = true;
                line = line[1..];
            }

            var cleaned = FsPath.Clean("/" + line).TrimStart('/');
            if (cleaned.Length == 0)
            {
                cleaned = ".";
            }

            _patterns.Add((new Regex(Compile(cleaned), RegexOptions.CultureInvariant), exclusion));
        }
    }

    public bool IsEmpty => _patterns.Count == 0;

    /// <summary>Whether a context path (relative, <c>a/b</c>) is excluded.</summary>
    public bool Excludes(string relativePath)
    {
        bool matched = false;
        var parents = new List<string>();
        for (var p = relativePath; ;)
        {
            int slash = p.LastIndexOf('/');
            if (slash < 0)
            {
                break;
            }

            p = p[..slash];
            parents.Insert(0, p);
        }

        foreach (var (regex, exclusion) in _patterns)
        {
            if (exclusion != matched)
            {
                continue;
            }

            bool match = regex.IsMatch(relativePath);
            if (!match)
            {
                foreach (var parent in parents)
                {
                    if (regex.IsMatch(parent))
                    {
                        match = true;
                        break;
                    }
                }
            }

            if (match)
            {
                matched = !exclusion;
            }
        }

        return matched;
    }

    private static string Compile(string pattern)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char ch = pattern[i];
            if (ch == '*')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                    }

                    sb.Append(i + 1 >= pattern.Length ? ".*" : "(.*/)?");
                }
                else
                {
                    sb.Append("[^/]*");
                }
            }
            else if (ch == '?')
            {
                sb.Append("[^/]");
            }
            else if (ch == '[')
            {
                int end = pattern.IndexOf(']', i + 1);
                if (end < 0)
                {
                    sb.Append("\\[");
                    continue;
                }

                var cls = pattern[(i + 1)..end];
                if (cls.StartsWith('^') || cls.StartsWith('!'))
                {
                    cls = "^" + cls[1..];
                }

                sb.Append('[').Append(cls.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                i = end;
            }
            else if (ch == '\\')
            {
                if (i + 1 < pattern.Length)
                {
                    i++;
                    sb.Append(Regex.Escape(pattern[i].ToString()));
                }
            }
            else
            {
                sb.Append(Regex.Escape(ch.ToString()));
            }
        }

        return sb.Append('$').ToString();
    }
}
