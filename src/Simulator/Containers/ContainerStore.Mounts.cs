using System.IO.Abstractions;
using Simulator.FileSystem;
using Simulator.Internal;
using Simulator.Volumes;
using VolumeMountPoint = Simulator.Volumes.MountPoint;

namespace Simulator.Containers;

/// <summary>Mounts: volumes, binds and tmpfs wired into create, exit and remove (moby daemon/volumes.go, daemon/mounts.go).</summary>
public sealed partial class ContainerStore
{
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
            if (mp.Type != MountType.Bind && TryStat(root, mp.Destination) is { IsDirectory: false })
            {
                throw Errors.FailedPrecondition(Errors.MountOverExistingFile(mp.Destination));
            }
        }

        // Binds: make missing sources and check types before any volume is acquired, so a failure changes no volume.
        foreach (var mp in resolved)
        {
            if (mp.Type == MountType.Bind)
            {
                PrepareBind(root, mp);
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
                        MountBind(root, mp);
                        continue;
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
    /// Bind-mounts <paramref name="mp"/>'s host source (a directory or a file of <see cref="HostFileSystem"/>) at its
    /// destination: the container and the host see the same entries, so each sees the other's writes at once. A missing
    /// <c>-v</c> source is created as a directory (moby daemon/volumes.go); nested binds, binds inside volumes and the host's
    /// root work as mounts do.
    /// </summary>
    private void MountBind(UnionFileSystem root, VolumeMountPoint mp)
    {
        var (host, path, file) = PrepareBind(root, mp);
        if (!root.Exists(mp.Destination) && !root.IsReadOnly)
        {
            // runc creates a missing mount point: a directory, or an empty file for a file source.
            if (file)
            {
                root.CreateDirectories(FsPath.Parent(mp.Destination));
                root.WriteAllBytes(mp.Destination, []);
            }
            else
            {
                root.CreateDirectories(mp.Destination);
            }
        }

        root.Mount(mp.Destination, host, path, readOnly: !mp.RW);
    }

    /// <summary>
    /// Creates a missing <c>-v</c> source as a directory (moby daemon/volumes.go) and checks it against the destination's
    /// type (runc: ENOTDIR). Returns the tree and path to mount: the host union itself, or a mirror of the source on any
    /// other <see cref="IFileSystem"/>.
    /// </summary>
    private (UnionFileSystem Tree, string Path, bool IsFile) PrepareBind(UnionFileSystem root, VolumeMountPoint mp)
    {
        var path = FsPath.Clean(mp.Source);
        UnionFileSystem tree;
        string sourcePath;
        bool file;
        if (HostFileSystem is UnionFileSystemAdapter adapter)
        {
            tree = adapter.Union;
            sourcePath = path;
            if (!tree.Exists(path))
            {
                tree.CreateDirectories(path); // --mount type=bind refused a missing source earlier
            }

            file = !tree.Stat(path).IsDirectory;
        }
        else
        {
            if (!HostFileSystem.Directory.Exists(path) && !HostFileSystem.File.Exists(path))
            {
                HostFileSystem.Directory.CreateDirectory(path);
            }

            file = !HostFileSystem.Directory.Exists(path);
            tree = UnionFileSystem.Mirror(HostFileSystem, path, _time, out sourcePath);
        }

        if (TryStat(root, mp.Destination) is { } existing && existing.IsDirectory == file)
        {
            throw Errors.InvalidArgument(Errors.BindTypeMismatch(path, mp.Destination));
        }

        return (tree, sourcePath, file);
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
