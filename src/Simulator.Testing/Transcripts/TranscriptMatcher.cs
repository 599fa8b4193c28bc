using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Simulator.Testing.Transcripts;

/// <summary>
/// Matches a command's actual output against its expected lines, as cram does, and merges them for <c>--update</c>.
/// </summary>
/// <remarks>
/// <para><b>Expected lines.</b> A line ending in <c> (re)</c> is a .NET regular expression that must match the whole
/// line; <c> (glob)</c> matches with <c>*</c> (any run) and <c>?</c> (one character), <c>\*</c>, <c>\?</c> and
/// <c>\\</c> being literal; <c>...</c> alone matches zero or more lines; <c> (esc)</c> lines hold Python-style escapes
/// (<c>\r</c>, <c>\t</c>, <c>\xNN</c>, <c>\\</c>); any other line matches itself exactly.</para>
/// <para><b>Actual lines</b> (see <see cref="SplitOutput"/>): output not ending in a newline gets <c> (no-eol)</c> on its
/// last line, and a line with control characters is written escaped with <c> (esc)</c>, as cram writes them.</para>
/// <para>Thread-safe (no state).</para>
/// </remarks>
public static class TranscriptMatcher
{
    /// <summary>The line that matches zero or more lines.</summary>
    public const string Ellipsis = "...";

    /// <summary>Splits output into lines as a transcript writes them (see remarks).</summary>
    /// <param name="output">The output text.</param>
    /// <returns>The lines, without line ends.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<string> SplitOutput(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Length == 0)
        {
            return [];
        }

        var lines = output.Split('\n').ToList();
        var noEol = !output.EndsWith('\n');
        if (!noEol)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Any(c => (c < ' ' && c != '\t') || c == '\x7f'))
            {
                line = Escape(line) + " (esc)";
            }

            if (noEol && i == lines.Count - 1)
            {
                line += " (no-eol)";
            }

            lines[i] = line;
        }

        return lines;
    }

    /// <summary>Whether one expected line matches one actual line (<c>...</c> matches nothing here; see <see cref="Matches"/>).</summary>
    /// <param name="expected">The expected line (a pattern or literal).</param>
    /// <param name="actual">The actual line as <see cref="SplitOutput"/> gives it.</param>
    /// <returns>Whether it matches.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static bool LineMatches(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected == actual)
        {
            return true;
        }

        var noEol = false;
        var e = expected;
        var a = actual;
        if (e.EndsWith(" (no-eol)", StringComparison.Ordinal) && a.EndsWith(" (no-eol)", StringComparison.Ordinal))
        {
            e = e[..^9];
            a = a[..^9];
            noEol = true;
        }

        _ = noEol;
        if (a.EndsWith(" (esc)", StringComparison.Ordinal))
        {
            a = Unescape(a[..^6]);
        }

        if (e.EndsWith(" (re)", StringComparison.Ordinal))
        {
            try
            {
                return Regex.IsMatch(a, "^(?:" + e[..^5] + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        if (e.EndsWith(" (glob)", StringComparison.Ordinal))
        {
            return GlobMatches(e[..^7], a);
        }

        if (e.EndsWith(" (esc)", StringComparison.Ordinal))
        {
            return Unescape(e[..^6]) == a;
        }

        return e == a;
    }

    /// <summary>Whether <paramref name="actual"/> matches <paramref name="expected"/> as a whole.</summary>
    /// <param name="expected">The expected lines.</param>
    /// <param name="actual">The actual lines.</param>
    /// <returns>Whether they match.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static bool Matches(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var merged = Merge(expected, actual);
        return merged.SequenceEqual(expected, StringComparer.Ordinal);
    }

    /// <summary>
    /// The expected lines updated to <paramref name="actual"/>: expected lines (patterns included) that match where they
    /// stand are kept, the rest of the actual lines are written literally (cram <c>-i</c>). Equal to
    /// <paramref name="expected"/> exactly when the output matches.
    /// </summary>
    /// <param name="expected">The expected lines.</param>
    /// <param name="actual">The actual lines.</param>
    /// <returns>The merged lines.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IReadOnlyList<string> Merge(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        int n = expected.Count, m = actual.Count;

        // best[i, j]: score of the best alignment of expected[i..] with actual[j..]: kept expected lines count 1000, a literal line -1.
        var best = new int[n + 1, m + 1];
        var move = new byte[n + 1, m + 1];
        for (var i = n; i >= 0; i--)
        {
            for (var j = m; j >= 0; j--)
            {
                if (i == n)
                {
                    best[i, j] = -(m - j);
                    move[i, j] = 1; // literal
                    continue;
                }

                var score = int.MinValue;
                byte choice = 0;
                void Consider(int value, byte c)
                {
                    if (value > score)
                    {
                        score = value;
                        choice = c;
                    }
                }

                var e = expected[i];
                if (e == Ellipsis)
                {
                    Consider(best[i + 1, j] + 1000, 2); // ellipsis ends here
                    if (j < m)
                    {
                        Consider(best[i, j + 1], 3); // ellipsis absorbs actual[j]
                    }
                }
                else if (j < m && LineMatches(e, actual[j]))
                {
                    Consider(best[i + 1, j + 1] + 1000, 4);
                }

                Consider(best[i + 1, j], 5); // drop expected[i]
                if (j < m)
                {
                    Consider(best[i, j + 1] - 1, 1); // actual[j] written literally
                }

                best[i, j] = score;
                move[i, j] = choice;
            }
        }

        var result = new List<string>();
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            switch (move[x, y])
            {
                case 1:
                    result.Add(actual[y]);
                    y++;
                    break;
                case 2:
                    result.Add(Ellipsis);
                    x++;
                    break;
                case 3:
                    y++;
                    break;
                case 4:
                    result.Add(expected[x]);
                    x++;
                    y++;
                    break;
                default:
                    x++;
                    break;
            }
        }

        return result;
    }

    /// <summary>Python-style escapes of control characters and backslashes, as cram's <c>(esc)</c> lines.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The escaped text.</returns>
    public static string Escape(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var sb = new StringBuilder();
        foreach (var c in line)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case < ' ' or '\x7f': sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    private static string Unescape(string text)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                sb.Append(text[i]);
                continue;
            }

            var c = text[++i];
            switch (c)
            {
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'x' when i + 2 < text.Length && int.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v):
                    sb.Append((char)v);
                    i += 2;
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    private static bool GlobMatches(string pattern, string text)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                sb.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else if (c == '*')
            {
                sb.Append(".*");
            }
            else if (c == '?')
            {
                sb.Append('.');
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        return Regex.IsMatch(text, sb.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
