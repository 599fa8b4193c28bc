using System.Text;
using System.Text.RegularExpressions;

namespace Simulator.Testing.Rendering;

/// <summary>Glob patterns over absolute Unix paths (<c>*</c>, <c>**</c>, <c>?</c>), matching a path or any of its ancestors.</summary>
internal sealed class PathGlob
{
    private readonly Regex[] _patterns;

    public PathGlob(IEnumerable<string> patterns)
    {
        _patterns = patterns.Select(Compile).ToArray();
    }

    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>Whether the path or one of its ancestors matches a pattern.</summary>
    public bool Matches(string path)
    {
        for (var p = path; ; p = Parent(p))
        {
            foreach (var regex in _patterns)
            {
                if (regex.IsMatch(p))
                {
                    return true;
                }
            }

            if (p == "/")
            {
                return false;
            }
        }
    }

    private static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    private static Regex Compile(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var text = pattern.StartsWith('/') || pattern.StartsWith("**", StringComparison.Ordinal) ? pattern : "/" + pattern;
        if (text.Length > 1 && text.EndsWith('/'))
        {
            text = text.TrimEnd('/');
            text = text.Length == 0 ? "/" : text;
        }
        var regex = new StringBuilder("^");
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                i++;
                if (i + 1 < text.Length && text[i + 1] == '/')
                {
                    i++;
                    regex.Append("(?:.*/)?");
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
