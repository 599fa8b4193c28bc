namespace Simulator.Containers;

/// <summary>
/// The state <see cref="ContainerStore.CreatePresetAsync"/> puts a new container in, to start a test from a given
/// situation (a container that exited with 137 an hour ago, one running since yesterday, a paused one). Immutable.
/// </summary>
public sealed record ContainerPreset
{
    /// <summary>The state: <see cref="ContainerStatus.Created"/>, <see cref="ContainerStatus.Running"/>, <see cref="ContainerStatus.Paused"/> or <see cref="ContainerStatus.Exited"/>.</summary>
    public ContainerStatus Status { get; init; } = ContainerStatus.Created;

    /// <summary>When it was created; when <see langword="null"/>, the earlier of <see cref="StartedAt"/> and <see cref="FinishedAt"/>
    /// if either is given (so <c>docker ps</c> never shows a container created after it started), else the store's now.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>When it (last) started: for running, paused and exited; <see cref="Created"/> when <see langword="null"/>.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it exited (exited only); the store's now when <see langword="null"/>.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The exit code (exited only).</summary>
    public int ExitCode { get; init; }

    /// <summary>The error text (exited only), e.g. a start failure's message.</summary>
    public string? Error { get; init; }

    /// <summary>A container that exited with <paramref name="exitCode"/> at <paramref name="finishedAt"/>.</summary>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="finishedAt">When it exited; the store's now when <see langword="null"/>.</param>
    /// <returns>The preset.</returns>
    public static ContainerPreset Exited(int exitCode, DateTimeOffset? finishedAt = null) => new() { Status = ContainerStatus.Exited, ExitCode = exitCode, FinishedAt = finishedAt };

    /// <summary>A running container (its command really runs) started at <paramref name="startedAt"/>.</summary>
    /// <param name="startedAt">The start time shown; the store's now when <see langword="null"/>.</param>
    /// <returns>The preset.</returns>
    public static ContainerPreset Running(DateTimeOffset? startedAt = null) => new() { Status = ContainerStatus.Running, StartedAt = startedAt };

    /// <summary>A paused container (its command runs; the state is paused).</summary>
    /// <param name="startedAt">The start time shown; the store's now when <see langword="null"/>.</param>
    /// <returns>The preset.</returns>
    public static ContainerPreset Paused(DateTimeOffset? startedAt = null) => new() { Status = ContainerStatus.Paused, StartedAt = startedAt };
}
