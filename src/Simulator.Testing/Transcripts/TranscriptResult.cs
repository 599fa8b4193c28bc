using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace Simulator.Testing.Transcripts;

/// <summary>The outcome of running a <see cref="Transcript"/>: each command's output, and the file as it should read.</summary>
/// <remarks>Immutable.</remarks>
public sealed class TranscriptResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="transcript">The transcript run.</param>
    /// <param name="steps">The commands run, in order (fewer than the transcript's when <paramref name="error"/> stopped the run).</param>
    /// <param name="error">Why the run stopped early, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transcript"/> or <paramref name="steps"/> is <see langword="null"/>.</exception>
    public TranscriptResult(Transcript transcript, IReadOnlyList<TranscriptStep> steps, string? error)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(steps);
        Transcript = transcript;
        Steps = steps;
        Error = error;
        ActualText = transcript.Render(steps.Select(s => ((IReadOnlyList<string>, int)?)(s.Merged, s.ExitCode)).ToList());
    }

    /// <summary>The transcript run.</summary>
    public Transcript Transcript { get; }

    /// <summary>The commands run and what they printed.</summary>
    public IReadOnlyList<TranscriptStep> Steps { get; }

    /// <summary>Why the run stopped before the last command (a command that never finished), or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Whether every command matched and the run completed.</summary>
    public bool Passed => Error is null && Steps.All(s => s.Passed);

    /// <summary>The file's text with every command's expected output updated to what it printed (for <c>--update</c>).</summary>
    public string ActualText { get; }

    /// <summary>A unified diff (3 lines of context) from the file to <see cref="ActualText"/>; empty when they are equal.</summary>
    /// <returns>The diff, <c>--- FILE</c> / <c>+++ FILE.err</c> headers as cram prints them, plus the error line if any.</returns>
    public string Diff()
    {
        var name = Transcript.Path ?? "transcript.t";
        var text = UnifiedDiff(Transcript.ToString(), ActualText, name, name + ".err");
        return Error is null ? text : text + "# " + Error + "\n";
    }

    /// <summary>A unified diff of two texts by lines, 3 lines of context, as <c>diff -u</c> prints it (DiffPlex computes the edits).</summary>
    /// <param name="oldText">The old text.</param>
    /// <param name="newText">The new text.</param>
    /// <param name="oldName">The old file's name for the <c>---</c> header.</param>
    /// <param name="newName">The new file's name for the <c>+++</c> header.</param>
    /// <returns>The diff; empty when the texts are equal.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static string UnifiedDiff(string oldText, string newText, string oldName, string newName)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        ArgumentNullException.ThrowIfNull(oldName);
        ArgumentNullException.ThrowIfNull(newName);
        if (oldText == newText)
        {
            return "";
        }

        // Lines without the final newline's empty piece, so counts are diff -u's.
        var diff = Differ.Instance.CreateLineDiffs(TrimFinalNewline(oldText), TrimFinalNewline(newText), ignoreWhitespace: false, ignoreCase: false);
        var a = diff.PiecesOld;
        var b = diff.PiecesNew;
        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldName).Append('\n');
        sb.Append("+++ ").Append(newName).Append('\n');
        const int context = 3;
        var blocks = diff.DiffBlocks;
        var k = 0;
        while (k < blocks.Count)
        {
            // Group blocks whose context overlaps into one hunk.
            var first = k;
            var last = k;
            while (last + 1 < blocks.Count && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * context)
            {
                last++;
            }

            var startA = Math.Max(0, blocks[first].DeleteStartA - context);
            var startB = Math.Max(0, blocks[first].InsertStartB - (blocks[first].DeleteStartA - startA));
            var endA = Math.Min(a.Count, blocks[last].DeleteStartA + blocks[last].DeleteCountA + context);
            var hunk = new StringBuilder();
            int countA = 0, countB = 0;
            var posA = startA;
            for (var bi = first; bi <= last; bi++)
            {
                DiffBlock block = blocks[bi];
                for (; posA < block.DeleteStartA; posA++)
                {
                    hunk.Append(' ').Append(a[posA]).Append('\n');
                    countA++;
                    countB++;
                }

                for (var d = 0; d < block.DeleteCountA; d++)
                {
                    hunk.Append('-').Append(a[block.DeleteStartA + d]).Append('\n');
                    countA++;
                }

                for (var d = 0; d < block.InsertCountB; d++)
                {
                    hunk.Append('+').Append(b[block.InsertStartB + d]).Append('\n');
                    countB++;
                }

                posA = block.DeleteStartA + block.DeleteCountA;
            }

            for (; posA < endA; posA++)
            {
                hunk.Append(' ').Append(a[posA]).Append('\n');
                countA++;
                countB++;
            }

            sb.Append("@@ -").Append(Range(startA, countA)).Append(" +").Append(Range(startB, countB)).Append(" @@\n");
            sb.Append(hunk);
            k = last + 1;
        }

        return sb.ToString();
    }

    private static string TrimFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;

    private static string Range(int start, int count) =>
        count == 1 ? (start + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(count == 0 ? start : start + 1)},{count}");
}
