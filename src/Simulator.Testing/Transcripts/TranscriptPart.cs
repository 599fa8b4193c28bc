namespace Simulator.Testing.Transcripts;

/// <summary>A run of a transcript file: commentary lines as written, or one command with its expected output.</summary>
/// <param name="Commentary">The commentary lines (unindented, or indented lines outside any command), or <see langword="null"/> for a command part.</param>
/// <param name="Command">The command, or <see langword="null"/> for a commentary part.</param>
/// <remarks>Immutable.</remarks>
public sealed record TranscriptPart(IReadOnlyList<string>? Commentary, TranscriptCommand? Command);
