using Simulator.FileSystem.Internal;

namespace Simulator.FileSystem;

/// <summary>Bulk reads for <see cref="UnionFileSystemAdapter"/>: what <c>readdir</c> plus <c>d_type</c> gives a real enumeration.</summary>
public sealed partial class UnionFileSystem
{
    /// <summary>
    /// <c>utimensat(AT_SYMLINK_NOFOLLOW)</c>: sets the modification time of the entry itself (a final symlink is not
    /// followed), as .NET's <c>File.SetLastWriteTime</c> does on Linux. Otherwise as <see cref="SetModifiedTime"/>.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <param name="modifiedAt">The time.</param>
    /// <exception cref="FileSystemException">As <see cref="SetModifiedTime"/>.</exception>
    internal void SetModifiedTimeNoFollow(string path, DateTimeOffset modifiedAt) => Run(path, () =>
    {
        var r = Resolve(path, follow: false);
        var entry = Existing(r, path);
        Writable(r, path);
        if (Uid != 0 && Uid != entry.Uid)
        {
            throw Fail(Errno.EPERM, path);
        }

        var inode = r.Fs.CopyUp(r.Path, entry);
        inode.Entry = inode.Entry with { ModifiedAt = modifiedAt.ToUniversalTime() };
        return 0;
    });

    /// <summary>
    /// <c>readdir(3)</c> with each name's own entry (as <c>lstat</c> would see it), resolving the directory once and
    /// holding the lock once: the adapter's directory enumeration, which otherwise resolves every child from the root.
    /// </summary>
    /// <param name="path">The directory, symlinks followed.</param>
    /// <returns>The names with their entries, in <see cref="ReadDirectory"/> order.</returns>
    /// <exception cref="FileSystemException">As <see cref="ReadDirectory"/>.</exception>
    internal List<KeyValuePair<string, FileEntry>> ReadDirectoryEntries(string path) => Run(path, () =>
    {
        var r = Resolve(path, follow: true);
        var entry = r.Entry ?? throw Fail(Errno.ENOENT, path);
        if (!entry.IsDirectory)
        {
            throw Fail(Errno.ENOTDIR, path);
        }

        Require(entry, 4, path);
        var dir = r.AsDirectory();
        var fs = dir.Fs;
        var result = new List<KeyValuePair<string, FileEntry>>();

        // The same merge as UnionState.List (upper names sorted, then lower names not in the upper) and
        // LookupChild (an upper inode's entry, else the visible lower entry), in one pass.
        if (fs.UpperChildren.TryGetValue(dir.Path, out var upperNames))
        {
            foreach (var name in upperNames)
            {
                if (fs.Upper.TryGetValue(FsPath.Combine(dir.Path, name), out var inode) && inode is not null)
                {
                    result.Add(new(name, inode.Entry));
                }
            }

            result.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        if (dir.LowerVisible)
        {
            foreach (var name in fs.Lower.GetChildren(dir.Path))
            {
                if ((upperNames is null || !upperNames.Contains(name)) && fs.Lower.TryGetEntry(FsPath.Combine(dir.Path, name), out var lower))
                {
                    result.Add(new(name, lower));
                }
            }
        }

        // Mounts shadow what is beneath them and add their names (as ListLocked and Resolve do).
        if (_state.Mounts.Count > 0)
        {
            for (int i = 0; i < result.Count; i++)
            {
                if (_state.Mounts.TryGetValue(FsPath.Combine(dir.Global, result[i].Key), out var mount))
                {
                    EnterMount(mount.Source._state);
                    result[i] = new(result[i].Key, mount.RootEntry(out _) ?? FileEntry.Directory());
                }
            }

            foreach (var (destination, mount) in _state.Mounts)
            {
                var name = FsPath.Name(destination);
                if (destination != FsPath.Root && FsPath.Parent(destination) == dir.Global && !result.Exists(e => e.Key == name))
                {
                    EnterMount(mount.Source._state);
                    result.Add(new(name, mount.RootEntry(out _) ?? FileEntry.Directory()));
                }
            }
        }

        return result;
    });
}
