namespace Simulator.Containers;

/// <summary>The outcome of <see cref="ContainerStore.RunAsync"/>: the container, its exit code and its logs.</summary>
/// <param name="Id">The container ID (it may already be removed).</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Its stdout log as text.</param>
/// <param name="Stderr">Its stderr log as text.</param>
public sealed record ContainerRunResult(string Id, int ExitCode, string Stdout, string Stderr);
