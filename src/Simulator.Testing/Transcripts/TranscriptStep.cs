namespace Simulator.Testing.Transcripts;

/// <summary>What one command of a transcript printed, and whether that matched.</summary>
/// <param name="Command">The command.</param>
/// <param name="Output">Everything it printed (stdout and stderr in the order written).</param>
/// <param name="ExitCode">Its exit status.</param>
/// <param name="Merged">The expected lines updated to the output (see <see cref="TranscriptMatcher.Merge"/>).</param>
/// <remarks>Immutable.</remarks>
public sealed record TranscriptStep(TranscriptCommand Command, string Output, int ExitCode, IReadOnlyList<string> Merged)
{
    /// <summary>Whether output and exit status matched the expectation.</summary>
    public bool Passed => ExitCode == Command.ExpectedExitCode && Merged.SequenceEqual(Command.Expected, StringComparer.Ordinal);
}
