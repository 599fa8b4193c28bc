using Simulator.References;

namespace Simulator.Containers;

/// <summary>
/// <c>docker inspect</c> of a container at one moment: an immutable snapshot (take another with
/// <see cref="ContainerStore.Inspect(string)"/> to see later state).
/// </summary>
public sealed record Container
{
    /// <summary>The ID: 64 lowercase hex digits.</summary>
    public required string Id { get; init; }

    /// <summary>The name with Docker's leading slash, e.g. <c>/web</c>.</summary>
    public required string Name { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>The image ID.</summary>
    public required Digest ImageId { get; init; }

    /// <summary>The image as given at create (<c>docker ps</c>'s IMAGE).</summary>
    public required string ImageName { get; init; }

    /// <summary>The program (first word of Entrypoint + Cmd).</summary>
    public required string Path { get; init; }

    /// <summary>Its arguments.</summary>
    public required IReadOnlyList<string> Args { get; init; }

    /// <summary>The config after merging the image's (Cmd, Entrypoint, Env, WorkingDir, User, Labels... resolved).</summary>
    public required ContainerConfig Config { get; init; }

    /// <summary>The host config as given.</summary>
    public required HostConfig HostConfig { get; init; }

    /// <summary>The state.</summary>
    public required ContainerState State { get; init; }

    /// <summary>How many times the restart policy restarted it.</summary>
    public int RestartCount { get; init; }

    /// <summary><c>docker ps</c>'s STATUS at snapshot time: <c>Up 3 seconds</c>, <c>Exited (0) 2 seconds ago</c>, <c>Created</c>, <c>Up 3 seconds (Paused)</c>, <c>Restarting (1) 1 second ago</c>, <c>Removal In Progress</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>docker ps</c>'s CREATED at snapshot time: <c>2 hours ago</c>.</summary>
    public required string CreatedText { get; init; }

    /// <summary><c>docker inspect</c>'s <c>Mounts</c>: Type, Name, Source, Destination, Driver, Mode, RW and Propagation of each mount, sorted by destination (moby daemon/inspect.go addMountPoints).</summary>
    public IReadOnlyList<Volumes.MountPoint> Mounts { get; init; } = [];

    /// <summary>
    /// <c>SizeRw</c>: the bytes of the container's writable layer (moby's overlay2 upper directory: every file, symlink target
    /// and copied-up file, each inode once; directories and whiteouts 0). Only when asked for
    /// (<see cref="ContainerListOptions.Size"/>, <see cref="ContainerStore.Inspect(string, bool)"/>); <see langword="null"/> otherwise,
    /// as the API omits it.
    /// </summary>
    public long? SizeRw { get; init; }

    /// <summary><c>SizeRootFs</c>: the image's layers plus <see cref="SizeRw"/> (moby <c>GetContainerLayerSize</c>); like <see cref="SizeRw"/>, only when asked for.</summary>
    public long? SizeRootFs { get; init; }

    /// <summary>The address and published ports (empty while not running).</summary>
    public Networking.NetworkSettings NetworkSettings { get; init; } = Networking.NetworkSettings.Empty;

    /// <summary>The daemon's COMMAND (before the CLI quotes and ellipsizes it): Path then args, args with a space in single quotes (moby <c>container/view.go</c>).</summary>
    public string Command
    {
        get
        {
            var parts = new List<string> { Path };
            foreach (var arg in Args)
            {
                parts.Add(arg.Contains(' ', StringComparison.Ordinal) ? "'" + arg + "'" : arg);
            }

            return string.Join(' ', parts);
        }
    }
}
