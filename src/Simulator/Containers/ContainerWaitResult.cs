namespace Simulator.Containers;

/// <summary>What <c>POST /containers/{id}/wait</c> returns.</summary>
/// <param name="StatusCode">The exit code.</param>
/// <param name="Error">The error message, or <see langword="null"/>.</param>
public sealed record ContainerWaitResult(int StatusCode, string? Error = null);
