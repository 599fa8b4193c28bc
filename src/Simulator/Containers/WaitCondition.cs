namespace Simulator.Containers;

/// <summary><c>docker wait --condition</c> / the Engine API's <c>condition</c> (moby <c>container/wait.go</c>).</summary>
public enum WaitCondition
{
    /// <summary><c>not-running</c> (default): returns at once if not running, else at the next exit.</summary>
    NotRunning,

    /// <summary><c>next-exit</c>: the next time the container exits.</summary>
    NextExit,

    /// <summary><c>removed</c>: when the container is removed.</summary>
    Removed,
}
