namespace Simulator.Containers;

/// <summary>A container's state as <c>docker inspect</c>'s <c>State.Status</c> names it (moby <c>container/state.go StateString</c>).</summary>
public enum ContainerStatus
{
    /// <summary><c>created</c>: never started (or its start failed).</summary>
    Created,

    /// <summary><c>running</c>.</summary>
    Running,

    /// <summary><c>paused</c>.</summary>
    Paused,

    /// <summary><c>restarting</c>: exited and waiting to be restarted by its policy.</summary>
    Restarting,

    /// <summary><c>removing</c>: being removed.</summary>
    Removing,

    /// <summary><c>exited</c>.</summary>
    Exited,

    /// <summary><c>dead</c>: removal failed half-way (not produced by this simulator yet).</summary>
    Dead,
}
