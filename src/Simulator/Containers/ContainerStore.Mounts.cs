using System.IO.Abstractions;
using Simulator.FileSystem;
using Simulator.Internal;
using Simulator.Volumes;
using VolumeMountPoint = Simulator.Volumes.MountPoint;

namespace Simulator.Containers;

/// <summary>Mounts: volumes, binds and tmpfs wired into create, exit and remove (moby daemon/volumes.go, daemon/mounts.go).</summary>
public sealed partial class ContainerStore
{
    private readonly object _bindGate = new();
    private readonly Dictionary<string, UnionFileSystem> _bindTrees = new(StringComparer.Ordinal);

    /// <summary>The parsed mount flags of a host config.</summary>
    private sealed record ParsedMounts(
        IReadOnlyList<MountSpec> Volumes,
        IReadOnlyList<MountSpec> Mounts,
        IReadOnlyList<MountSpec> Tmpfs,
        IReadOnlyList<VolumesFromSpec> VolumesFrom)
    {
        public bool IsEmpty => Volumes.Count == 0 && Mounts.Count == 0 && Tmpfs.Count == 0 && VolumesFrom.Count == 0;
    }

    private ParsedMounts ParseMounts(HostConfig host) => new(
        host.Binds.Select(MountSpecParser.ParseVolume).ToList(),
        host.Mounts.Select(m => MountSpecParser.ParseMount(m, HostPathExists)).ToList(),
        host.Tmpfs.Select(MountSpecParser.ParseTmpfs).ToList(),
        host.VolumesFrom.Select(MountSpecParser.ParseVolumesFrom).ToList());

    private bool HostPathExists(string path) => HostFileSystem.Directory.Exists(path) || HostFileSystem.File.Exists(path);

    /// <summary>
    /// Resolves, acquires, populates and mounts a new container's mounts (called under the store lock, before the
    /// container is visible). On failure nothing stays acquired.
    /// </summary>
    private IReadOnlyList<VolumeMountPoint> AttachMounts(string id, ParsedMounts parsed, IReadOnlyList<string> imageVolumes, UnionFileSystem imageRoot, UnionFileSystem root)
    {
        if (parsed.IsEmpty && imageVolumes.Count == 0)
        {
            return [];
        }

        var sources = new List<VolumesFromSource>();
        foreach (var spec in parsed.VolumesFrom)
        {
            // moby daemon/volumes.go registerMountPoints: GetContainer, an InvalidParameter error when missing.
            if (!TryFind(spec.Container, out var source, out _))
            {
                throw Errors.InvalidArgument("No such container: " + spec.Container);
            }

            sources.Add(new VolumesFromSource(spec, source.Mounts));
        }

        var resolved = MountResolver.Resolve(new MountRequest
        {
            VolumesFrom = sources,
            Volumes = parsed.Volumes,
            Mounts = parsed.Mounts,
            Tmpfs = parsed.Tmpfs,
            ImageVolumes = imageVolumes,
            ImageRoot = imageRoot,
        });

        foreach (var mp in resolved)
        {
            if (TryStat(root, mp.Destination) is { IsDirectory: false })
            {
                throw Errors.FailedPrecondition(Errors.MountOverExistingFile(mp.Destination));
            }
        }

        var acquired = Volumes.Acquire(id, resolved);
        try
        {
            foreach (var mp in acquired)
            {
                UnionFileSystem tree;
                switch (mp.Type)
                {
                    case MountType.Volume:
                        var volume = Volumes.Get(mp.Name!);
                        VolumePopulation.Populate(mp, volume, imageRoot);
                        tree = volume.Tree;
                        break;
                    case MountType.Bind:
                        tree = BindTree(mp.Source);
                        break;
                    default:
                        tree = UnionFileSystem.CreateEmpty(_time);
                        break;
                }

                if (!root.Exists(mp.Destination) && !root.IsReadOnly)
                {
                    // The runtime creates missing mount points in the container's rootfs (so docker diff lists them).
                    root.CreateDirectories(mp.Destination);
                }

                root.Mount(mp.Destination, tree, readOnly: !mp.RW);
            }
        }
        catch
        {
            // Undo: drop the references, remove the anonymous volumes this call created.
            Volumes.RemoveAnonymousFor(id, acquired.Where((m, i) => m.Type == MountType.Volume && resolved[i].Name is null));
            throw;
        }

        return acquired;
    }

    /// <summary>Replaces each tmpfs mount by an empty tree: tmpfs content does not survive the container's stop.</summary>
    private void ResetTmpfs(ContainerRecord rec)
    {
        foreach (var mp in rec.Mounts)
        {
            if (mp.Type == MountType.Tmpfs)
            {
                rec.Root.Unmount(mp.Destination);
                rec.Root.Mount(mp.Destination, UnionFileSystem.CreateEmpty(_time), readOnly: !mp.RW);
            }
        }
    }

    /// <summary>Drops a removed container's volume references; with <paramref name="removeVolumes"/> (<c>rm -v</c>, <c>--rm</c>) also its anonymous volumes nobody else uses.</summary>
    private void DetachMounts(ContainerRecord rec, bool removeVolumes)
    {
        if (removeVolumes)
        {
            Volumes.RemoveAnonymousFor(rec.Id, rec.Mounts);
        }
        else
        {
            Volumes.ReleaseAll(rec.Id);
        }
    }

    /// <summary>
    /// The tree a bind mount of <paramref name="hostPath"/> shows. The host directory's content moves into a tree
    /// that is then mounted back over that directory on the host union, and the same tree is mounted in each container
    /// binding it: host and containers see each other's writes at once.
    /// </summary>
    private UnionFileSystem BindTree(string hostPath)
    {
        if (HostFileSystem is not UnionFileSystemAdapter adapter)
        {
            throw new NotSupportedException("Bind mounts need the host file system to be a UnionFileSystemAdapter.");
        }

        var host = adapter.Union;
        var path = FsPath.Clean(hostPath);
        lock (_bindGate)
        {
            if (_bindTrees.TryGetValue(path, out var existing))
            {
                return existing;
            }

            foreach (var other in _bindTrees.Keys)
            {
                if (path == FsPath.Root || other.StartsWith(path + "/", StringComparison.Ordinal) || path.StartsWith(other + "/", StringComparison.Ordinal))
                {
                    throw new NotSupportedException($"Bind mount sources nested in one another are not supported: {path}, {other}.");
                }
            }

            if (path == FsPath.Root)
            {
                throw new NotSupportedException("Binding the host's root directory is not supported.");
            }

            if (!host.Exists(path))
            {
                // moby: a missing -v bind source is created as a directory (--mount type=bind refuses earlier).
                host.CreateDirectories(path);
            }
            else if (!host.Stat(path).IsDirectory)
            {
                throw new NotSupportedException($"Binding a file is not supported: {path}.");
            }

            var tree = UnionFileSystem.CreateEmpty(_time);
            host.CopyTree(path, tree, "/");
            host.Mount(path, tree);
            _bindTrees[path] = tree;
            return tree;
        }
    }

    private static FileEntry? TryStat(UnionFileSystem fs, string path)
    {
        try
        {
            return fs.Stat(path);
        }
        catch (FileSystemException)
        {
            return null;
        }
    }
}
