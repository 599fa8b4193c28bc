using Simulator.FileSystem;
using Simulator.Volumes;

namespace Simulator.Testing.Builders;

/// <summary>Applies <see cref="FsChange"/> steps to a tree, a running (or stopped) container's root, or a volume.</summary>
/// <remarks>Steps run in order and stop at the first failure, leaving the earlier ones applied (as a shell script with
/// <c>set -e</c>). Thread-safe as the trees are.</remarks>
public static class FsChangeExtensions
{
    /// <summary>Applies steps to a tree.</summary>
    /// <param name="fileSystem">The tree.</param>
    /// <param name="changes">The steps.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">A step failed.</exception>
    public static void Apply(this UnionFileSystem fileSystem, params IEnumerable<FsChange> changes)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            ArgumentNullException.ThrowIfNull(change, nameof(changes));
            change.Apply(fileSystem);
        }
    }

    /// <summary>Applies steps to a container's root filesystem as its processes would make them (writes under a volume
    /// or bind mount go there, the rest to the container's upper layer and so to <c>docker diff</c> and <c>commit</c>).</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="container">A container name, full ID or unique ID prefix.</param>
    /// <param name="changes">The steps.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">No such container (<c>No such container: x</c>).</exception>
    /// <exception cref="FileSystemException">A step failed.</exception>
    public static void ApplyChanges(this DockerSimulator engine, string container, params IEnumerable<FsChange> changes)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(container);
        engine.Containers.GetRootFileSystem(container).Apply(changes);
    }

    /// <summary>Applies steps to a volume's content.</summary>
    /// <param name="volume">The volume.</param>
    /// <param name="changes">The steps.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">A step failed.</exception>
    public static void Apply(this Volume volume, params IEnumerable<FsChange> changes)
    {
        ArgumentNullException.ThrowIfNull(volume);
        volume.Tree.Apply(changes);
    }
}
