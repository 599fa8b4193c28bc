namespace Simulator.Containers;

/// <summary><c>docker inspect</c>'s <c>State</c>: a snapshot, immutable.</summary>
public sealed record ContainerState
{
    /// <summary>The status.</summary>
    public ContainerStatus Status { get; init; }

    /// <summary>Whether running: true while paused or restarting too, as moby's <c>State.Running</c>.</summary>
    public bool Running => Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;

    /// <summary>Whether paused.</summary>
    public bool Paused => Status == ContainerStatus.Paused;

    /// <summary>Whether waiting for a restart.</summary>
    public bool Restarting => Status == ContainerStatus.Restarting;

    /// <summary>Always <see langword="false"/>: memory limits are not modelled.</summary>
    public bool OOMKilled => false;

    /// <summary>Whether dead.</summary>
    public bool Dead => Status == ContainerStatus.Dead;

    /// <summary>The main process's PID in its namespace (1) while running; 0 otherwise.</summary>
    public int Pid { get; init; }

    /// <summary>The last exit code (0 before any exit; 126/127 after a failed start; 137 after <c>SIGKILL</c>).</summary>
    public int ExitCode { get; init; }

    /// <summary>The last start error (runc's message), or empty.</summary>
    public string Error { get; init; } = "";

    /// <summary>When it last started; <see langword="null"/> if never (Docker's zero time).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it last exited; <see langword="null"/> if never.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The lowercase name Docker uses (<c>running</c>, <c>exited</c>...).</summary>
    public string StatusText => Status.ToString().ToLowerInvariant();
}
