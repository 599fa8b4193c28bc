using System.Globalization;
using System.Text;

namespace Simulator.Testing.Builders;

/// <summary>
/// The text form of <see cref="FsChange"/> steps: one step per line, shell-like words, <c>#</c> comments, double-quoted
/// words with C escapes (<c>\n</c>, <c>\t</c>, <c>\\</c>, <c>\"</c>, <c>\xHH</c>):
/// <code>
/// mkdir /etc/app 0750              # mkdir -p, optional mode
/// file /etc/app/app.conf 0640 "port=80\n"   # optional mode and content
/// ln -s /etc/app/app.conf /etc/app.conf
/// ln /etc/app/app.conf /etc/app/hard
/// rm /etc/motd                     # rm -r
/// chmod 0600 /etc/app/app.conf
/// chown 1000:1000 /etc/app
/// mv /etc/issue /etc/issue.old
/// touch /etc/stamp 2026-01-01T00:00:00Z
/// </code>
/// Modes are octal. Each step's <see cref="FsChange.ToString"/> is its line here, so a parsed script prints back
/// as the same steps (text contents; other bytes are printed escaped and read back as their UTF-8 replacement).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class FsScript
{
    // ISO-8601 only: "1/2/2026" would read month-first, which nobody means in a script.
    private static readonly string[] IsoTimes = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    /// <summary>Parses a script.</summary>
    /// <param name="script">The lines.</param>
    /// <returns>The steps in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="script"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">A line is not a step; the message names the line (<c>line 3: unknown command "copy"</c>).</exception>
    public static IReadOnlyList<FsChange> Parse(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var steps = new List<FsChange>();
        var lines = script.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            try
            {
                var quoted = new List<bool>();
                var words = Words(lines[i], quoted);
                if (words.Count > 0)
                {
                    steps.Add(Step(words, quoted));
                }
            }
            catch (FormatException e)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {i + 1}: {e.Message}"), e);
            }
        }

        return steps;
    }

    /// <summary>Formats steps as a script, one <see cref="FsChange.ToString"/> line each, each ending with <c>\n</c>.</summary>
    /// <param name="steps">The steps.</param>
    /// <returns>The script.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="steps"/> is <see langword="null"/>.</exception>
    public static string Format(IEnumerable<FsChange> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return string.Concat(steps.Select(s => s + "\n"));
    }

    private static FsChange Step(List<string> w, List<bool> quoted)
    {
        string command = w[0];
        foreach (int index in PathWords(command, w))
        {
            if (Fs.PathError(w[index]) is { } error)
            {
                throw new FormatException(error);
            }
        }

        switch (command)
        {
            case "mkdir" when w.Count is 2 or 3:
                return Fs.Dir(w[1], w.Count == 3 ? Mode(w[2]) : null);
            case "file" when w.Count is >= 2 and <= 4:
                {
                    UnixFileMode? mode = null;
                    string text = "";
                    if (w.Count == 4)
                    {
                        mode = Mode(w[2]);
                        text = w[3];
                    }
                    else if (w.Count == 3)
                    {
                        if (!quoted[2] && IsOctal(w[2]))
                        {
                            mode = Mode(w[2]);
                        }
                        else
                        {
                            text = w[2];
                        }
                    }

                    return Fs.File(w[1], text, mode);
                }

            case "ln" when w.Count == 4 && w[1] == "-s":
                return Fs.Symlink(w[2], w[3]);
            case "ln" when w.Count == 3:
                return Fs.Link(w[1], w[2]);
            case "rm" when w.Count == 2:
                return Fs.Remove(w[1]);
            case "chmod" when w.Count == 3:
                return Fs.Chmod(w[2], Mode(w[1]));
            case "chown" when w.Count == 3:
                {
                    var parts = w[1].Split(':');
                    if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int uid) ||
                        !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int gid))
                    {
                        throw new FormatException($"invalid owner \"{w[1]}\" (want UID:GID)");
                    }

                    return Fs.Chown(w[2], uid, gid);
                }

            case "mv" when w.Count == 3:
                return Fs.Rename(w[1], w[2]);
            case "touch" when w.Count is 2 or 3:
                {
                    DateTimeOffset? time = null;
                    if (w.Count == 3)
                    {
                        if (!DateTimeOffset.TryParseExact(w[2], IsoTimes, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
                        {
                            throw new FormatException($"invalid time \"{w[2]}\" (want ISO-8601, e.g. 2026-01-01T00:00:00Z)");
                        }

                        time = t;
                    }

                    return Fs.Touch(w[1], time);
                }

            case "mkdir" or "file" or "ln" or "rm" or "chmod" or "chown" or "mv" or "touch":
                throw new FormatException($"wrong number of arguments for \"{command}\"");
            default:
                throw new FormatException($"unknown command \"{command}\"");
        }
    }

    /// <summary>A word as the script writes it: bare when it has no space, quote or <c>#</c>, else quoted.</summary>
    /// <summary>Which words of a well-formed step are paths that must be absolute (a symlink's target need not be).</summary>
    private static IEnumerable<int> PathWords(string command, List<string> w) => command switch
    {
        "mkdir" or "file" or "rm" or "touch" when w.Count >= 2 => [1],
        "ln" when w.Count == 4 && w[1] == "-s" => [3],
        "ln" or "mv" when w.Count == 3 => [1, 2],
        "chmod" or "chown" when w.Count == 3 => [2],
        _ => [],
    };

    internal static string Word(string word) =>
        word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '"' or '#' or '\\' || char.IsControl(c)) ? word : Rendering.TextFormat.Quote(word);

    private static bool IsOctal(string word) => word.Length is >= 3 and <= 5 && word.All(c => c is >= '0' and <= '7');

    private static UnixFileMode Mode(string word)
    {
        if (!IsOctal(word))
        {
            throw new FormatException($"invalid mode \"{word}\" (want octal, e.g. 0644)");
        }

        int mode = Convert.ToInt32(word, 8);
        if (mode > 0xFFF)
        {
            throw new FormatException($"invalid mode \"{word}\" (at most 07777)");
        }

        return (UnixFileMode)mode;
    }

    private static List<string> Words(string line, List<bool> quoted)
    {
        var words = new List<string>();
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '#')
            {
                break;
            }

            var word = new StringBuilder();
            int start = i;
            if (c == '"')
            {
                i++;
                bool closed = false;
                while (i < line.Length)
                {
                    c = line[i++];
                    if (c == '"')
                    {
                        closed = true;
                        break;
                    }

                    if (c != '\\')
                    {
                        word.Append(c);
                        continue;
                    }

                    if (i >= line.Length)
                    {
                        break;
                    }

                    c = line[i++];
                    switch (c)
                    {
                        case 'n': word.Append('\n'); break;
                        case 't': word.Append('\t'); break;
                        case 'r': word.Append('\r'); break;
                        case '\\': word.Append('\\'); break;
                        case '"': word.Append('"'); break;
                        case 'x' when i + 2 <= line.Length && int.TryParse(line.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code):
                            word.Append((char)code);
                            i += 2;
                            break;
                        default:
                            throw new FormatException($"invalid escape \"\\{c}\"");
                    }
                }

                if (!closed)
                {
                    throw new FormatException("unterminated quoted word");
                }
            }
            else
            {
                while (i < line.Length && !char.IsWhiteSpace(line[i]))
                {
                    word.Append(line[i++]);
                }
            }

            words.Add(word.ToString());
            quoted.Add(line[start] == '"');
        }

        return words;
    }
}
