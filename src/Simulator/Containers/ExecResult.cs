namespace Simulator.Containers;

/// <summary>The outcome of an exec: its exit code and what it wrote.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Standard output as UTF-8 text.</param>
/// <param name="Stderr">Standard error as UTF-8 text.</param>
public sealed record ExecResult(int ExitCode, string Stdout, string Stderr);
