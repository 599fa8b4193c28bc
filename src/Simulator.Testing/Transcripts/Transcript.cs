using System.Globalization;
using System.Text;

namespace Simulator.Testing.Transcripts;

/// <summary>
/// A parsed transcript (<c>.t</c> file): commentary and commands with their expected output, in cram's format as
/// <c>TRANSCRIPTS.md</c> describes it. <see cref="Parse"/> then <see cref="ToString"/> gives the text back unchanged.
/// </summary>
/// <remarks>
/// <para><b>Format.</b> <c>  $ CMD</c> starts a command; <c>  &gt; TEXT</c> right after it continues it (a here-document's
/// lines); every other line indented by two spaces is expected output (a line of two spaces alone is an empty line);
/// <c>  [N]</c> as the last expected line is the exit status; other lines are commentary. Expected lines may end in
/// <c> (re)</c>, <c> (glob)</c>, <c> (esc)</c> or <c> (no-eol)</c>, or be <c>...</c> (zero or more lines); see <see cref="TranscriptMatcher"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class Transcript
{
    private Transcript(string? path, IReadOnlyList<TranscriptPart> parts, bool endsWithNewline)
    {
        Path = path;
        Parts = parts;
        EndsWithNewline = endsWithNewline;
    }

    /// <summary>The file it was read from, or <see langword="null"/>.</summary>
    public string? Path { get; }

    /// <summary>The commentary and command parts in file order.</summary>
    public IReadOnlyList<TranscriptPart> Parts { get; }

    /// <summary>The commands in file order.</summary>
    public IReadOnlyList<TranscriptCommand> Commands => Parts.Where(p => p.Command is not null).Select(p => p.Command!).ToList();

    /// <summary>The reason to skip this transcript: a commentary line <c>skip: REASON</c> before the first command; else <see langword="null"/>.</summary>
    public string? SkipReason =>
        Parts.TakeWhile(p => p.Command is null)
            .SelectMany(p => p.Commentary!)
            .Where(l => l.StartsWith("skip:", StringComparison.Ordinal))
            .Select(l => l[5..].Trim())
            .FirstOrDefault();

    /// <summary>Whether the text ended with a newline.</summary>
    public bool EndsWithNewline { get; }

    /// <summary>Parses transcript text.</summary>
    /// <param name="text">The file's text (<c>\n</c> or <c>\r\n</c> line ends).</param>
    /// <param name="path">The file it came from, for messages.</param>
    /// <returns>The transcript.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static Transcript Parse(string text, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var endsWithNewline = text.EndsWith('\n');
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (endsWithNewline)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var parts = new List<TranscriptPart>();
        var commentary = new List<string>();
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            if (!line.StartsWith("  $ ", StringComparison.Ordinal) && line != "  $")
            {
                commentary.Add(line);
                i++;
                continue;
            }

            if (commentary.Count > 0)
            {
                parts.Add(new TranscriptPart(commentary, null));
                commentary = [];
            }

            var lineNumber = i + 1;
            var source = new List<string> { line.Length == 3 ? "  $ " : line };
            i++;
            while (i < lines.Count && (lines[i].StartsWith("  > ", StringComparison.Ordinal) || lines[i] == "  >"))
            {
                source.Add(lines[i]);
                i++;
            }

            var expected = new List<string>();
            while (i < lines.Count && lines[i].StartsWith("  ", StringComparison.Ordinal) && !lines[i].StartsWith("  $ ", StringComparison.Ordinal) && lines[i] != "  $")
            {
                expected.Add(lines[i][2..]);
                i++;
            }

            var exit = 0;
            if (expected.Count > 0 && TryParseExit(expected[^1], out var code))
            {
                exit = code;
                expected.RemoveAt(expected.Count - 1);
            }

            parts.Add(new TranscriptPart(null, new TranscriptCommand(lineNumber, source, expected, exit)));
        }

        if (commentary.Count > 0)
        {
            parts.Add(new TranscriptPart(commentary, null));
        }

        return new Transcript(path, parts, endsWithNewline);
    }

    /// <summary>Reads and parses a file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The transcript.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Transcript Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>The text with each command's expected output replaced by <paramref name="outputs"/> (same order as <see cref="Commands"/>).</summary>
    /// <param name="outputs">Per command: the lines to write (without indent) and the exit status; <see langword="null"/> keeps the command's own.</param>
    /// <returns>The file text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outputs"/> is <see langword="null"/>.</exception>
    public string Render(IReadOnlyList<(IReadOnlyList<string> Lines, int ExitCode)?> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var sb = new StringBuilder();
        var n = 0;
        foreach (var part in Parts)
        {
            if (part.Commentary is { } c)
            {
                foreach (var l in c)
                {
                    sb.Append(l).Append('\n');
                }

                continue;
            }

            var command = part.Command!;
            var output = n < outputs.Count ? outputs[n] : null;
            n++;
            foreach (var l in command.SourceLines)
            {
                sb.Append(l).Append('\n');
            }

            var (lines, exit) = output ?? (command.Expected, command.ExpectedExitCode);
            foreach (var l in lines)
            {
                sb.Append("  ").Append(l).Append('\n');
            }

            if (exit != 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  [{exit}]\n");
            }
        }

        if (!EndsWithNewline && sb.Length > 0)
        {
            sb.Length--;
        }

        return sb.ToString();
    }

    /// <summary>The text as parsed.</summary>
    /// <returns>The file text.</returns>
    public override string ToString() => Render([]);

    private static bool TryParseExit(string line, out int code)
    {
        code = 0;
        return line.Length > 2 && line[0] == '[' && line[^1] == ']' &&
               int.TryParse(line.AsSpan(1, line.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out code);
    }
}
