namespace Simulator.Containers;

/// <summary><c>docker ps</c> / <c>GET /containers/json</c> options. Immutable.</summary>
public sealed record ContainerListOptions
{
    /// <summary>The defaults: running containers only, no filter.</summary>
    public static ContainerListOptions Default { get; } = new();

    /// <summary><c>-a</c>: include containers that are not running (a <c>status</c> filter implies it, as moby).</summary>
    public bool All { get; init; }

    /// <summary><c>-n</c>: at most this many of the newest containers, any state (moby <c>Limit</c>); <see langword="null"/> or 0 for no limit.</summary>
    public int? Limit { get; init; }

    /// <summary>
    /// <c>--filter key=value</c> entries (moby daemon/list.go): <c>id</c>, <c>name</c> (regular expressions, as
    /// <c>filters.Args.Match</c>), <c>label</c> (<c>key</c> or <c>key=value</c>), <c>exited</c> (an exit code), <c>status</c>
    /// (created, restarting, running, removing, paused, exited, dead), <c>ancestor</c> (an image or its descendants),
    /// <c>before</c>, <c>since</c> (a container ID or name), <c>volume</c> (a volume name, bind source or destination),
    /// <c>network</c> (name or ID prefix), <c>publish</c>, <c>expose</c> (<c>port[/proto]</c> or a range), <c>health</c>,
    /// <c>is-task</c>, <c>isolation</c>. Values of one key are ORed, keys are ANDed.
    /// </summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>
    /// <c>-s</c> / <c>size=true</c>: fill in <see cref="Container.SizeRw"/> and <see cref="Container.SizeRootFs"/> (moby
    /// <c>daemon/list.go</c>); costs a walk of each container's writable layer. Default <see langword="false"/>.
    /// </summary>
    public bool Size { get; init; }
}
