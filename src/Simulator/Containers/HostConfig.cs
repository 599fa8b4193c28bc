namespace Simulator.Containers;

/// <summary>
/// The Engine API's <c>HostConfig</c>: what <c>docker create</c> asks of the host. This part acts on
/// <see cref="AutoRemove"/>, <see cref="RestartPolicy"/>, <see cref="ReadonlyRootfs"/> and the mounts (<see cref="Binds"/>,
/// <see cref="Mounts"/>, <see cref="Tmpfs"/>, <see cref="VolumesFrom"/>, see <see cref="ContainerStore.Volumes"/>) and the
/// ports (<see cref="PortBindings"/>, <see cref="PublishAllPorts"/>, see <see cref="ContainerStore.Network"/>).
/// </summary>
/// <remarks>Immutable.</remarks>
public sealed record HostConfig
{
    /// <summary>The defaults: no auto-remove, restart <c>no</c>, writable root.</summary>
    public static HostConfig Default { get; } = new();

    /// <summary><c>--rm</c>: remove the container when it exits; cannot be combined with a restart policy.</summary>
    public bool AutoRemove { get; init; }

    /// <summary><c>--restart</c>; <see cref="RestartPolicy.No"/> by default.</summary>
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.No;

    /// <summary><c>--read-only</c>: the root filesystem is mounted read-only (writes fail with <c>EROFS</c>).</summary>
    public bool ReadonlyRootfs { get; init; }

    /// <summary><c>-v</c> specs: <c>/p</c> (anonymous volume), <c>name:/p[:mode]</c> (named volume), <c>/host:/p[:mode]</c> (bind), parsed by <see cref="Volumes.MountSpecParser.ParseVolume"/>.</summary>
    public IReadOnlyList<string> Binds { get; init; } = [];

    /// <summary><c>--mount</c> specs (<c>type=volume|bind|tmpfs,...</c>), parsed by <see cref="Volumes.MountSpecParser.ParseMount"/>.</summary>
    public IReadOnlyList<string> Mounts { get; init; } = [];

    /// <summary><c>--volumes-from</c> (<c>container[:ro|:rw]</c>): all of the container's mounts, parsed by <see cref="Volumes.MountSpecParser.ParseVolumesFrom"/>.</summary>
    public IReadOnlyList<string> VolumesFrom { get; init; } = [];

    /// <summary><c>--tmpfs</c> specs (<c>/p[:options]</c>), parsed by <see cref="Volumes.MountSpecParser.ParseTmpfs"/>: an empty tree per container, emptied when it stops.</summary>
    public IReadOnlyList<string> Tmpfs { get; init; } = [];

    /// <summary><c>-p</c> specs (<c>[ip:]host:container[/proto]</c>, parsed by <see cref="Networking.PortSpecs"/> at create), published on start and released on stop.</summary>
    public IReadOnlyList<string> PortBindings { get; init; } = [];

    /// <summary><c>-P</c>: publish every exposed port on an ephemeral host port.</summary>
    public bool PublishAllPorts { get; init; }

    /// <summary><c>--network</c>: <see langword="null"/>, empty, <c>default</c> or <c>bridge</c> for the default bridge; <c>host</c>; <c>none</c>; or a user-defined network's name or ID (see <see cref="ContainerStore.Networks"/>).</summary>
    public string? NetworkMode { get; init; }

    /// <summary><c>--network-alias</c>: names other containers on the user-defined network resolve to this one (the Engine API carries them in <c>NetworkingConfig.EndpointsConfig[network].Aliases</c>).</summary>
    public IReadOnlyList<string> NetworkAliases { get; init; } = [];
}
