namespace Simulator.Testing.Transcripts;

/// <summary>One <c>$</c> command of a transcript with its expected output.</summary>
/// <param name="LineNumber">The 1-based line of the <c>  $ </c> line in the file.</param>
/// <param name="SourceLines">The command's lines as written in the file (the <c>  $ </c> line and its <c>  &gt; </c> continuations).</param>
/// <param name="Expected">The expected output lines without their two-space indent (patterns included, the <c>[N]</c> line not).</param>
/// <param name="ExpectedExitCode">The expected exit status (<c>[N]</c>; 0 when absent).</param>
/// <remarks>Immutable.</remarks>
public sealed record TranscriptCommand(int LineNumber, IReadOnlyList<string> SourceLines, IReadOnlyList<string> Expected, int ExpectedExitCode)
{
    /// <summary>The shell text to run: the <c>$</c> line and its continuations without their prefixes, joined by newlines.</summary>
    public string CommandText =>
        string.Join('\n', SourceLines.Select((l, i) => i == 0 ? l[4..] : l.Length > 4 ? l[4..] : "")) + "\n";
}
