using Simulator.FileSystem.Internal;

namespace Simulator.FileSystem;

/// <summary>Open and rename, the operations with the most rules (Linux fs/namei.c order of checks).</summary>
public sealed partial class UnionFileSystem
{
    private FileHandle OpenCore(string path, OpenFlags flags, UnixFileMode? mode)
    {
        var access = flags & (OpenFlags)3;
        if (access == (OpenFlags)3)
        {
            throw Fail(Errno.EINVAL, path);
        }

        bool create = flags.HasFlag(OpenFlags.Create);
        if (create && flags.HasFlag(OpenFlags.Directory))
        {
            throw Fail(Errno.EINVAL, path); // Linux 6.4+: O_CREAT | O_DIRECTORY is EINVAL
        }

        bool exclusive = create && flags.HasFlag(OpenFlags.Exclusive);
        bool follow = !exclusive && !flags.HasFlag(OpenFlags.NoFollow);
        var r = Resolve(path, follow);
        if (create && (r.Trailing || (r.SlashTarget && r.Entry is null)))
        {
            throw Fail(Errno.EISDIR, path); // open_last_lookups: O_CREAT with trailing slashes (or a dangling "l -> new/")
        }

        bool write = access != OpenFlags.ReadOnly;
        bool truncate = flags.HasFlag(OpenFlags.Truncate);
        var entry = r.Entry;
        if (entry is null)
        {
            if (!create || r.IsDot)
            {
                throw Fail(Errno.ENOENT, path);
            }

            Writable(r, path);
            RequireParentWrite(r, path);
            var created = new Inode(r.Fs, NewEntry(FileEntry.File(FileContent.Empty, mode), r));
            Place(r, created);
            return new FileHandle(r.Fs, created, flags, r.Global, Uid != 0);
        }

        if (exclusive)
        {
            throw Fail(Errno.EEXIST, path);
        }

        if (entry.Type == EntryType.Symlink)
        {
            throw Fail(Errno.ELOOP, path); // O_NOFOLLOW
        }

        if (create && entry.IsDirectory)
        {
            throw Fail(Errno.EISDIR, path);
        }

        // Linux: O_CREAT on an existing file through "l -> f/" succeeds; other opens give ENOTDIR.
        if ((flags.HasFlag(OpenFlags.Directory) || r.Trailing || (r.SlashTarget && !create)) && !entry.IsDirectory)
        {
            throw Fail(Errno.ENOTDIR, path);
        }

        if (entry.IsDirectory)
        {
            if (write || truncate)
            {
                throw Fail(Errno.EISDIR, path); // may_open: MAY_WRITE on a directory
            }

            Require(entry, 4, path);
            return new FileHandle(r.Fs, new Inode(r.Fs, entry), flags, r.Global, Uid != 0);
        }

        if (write || truncate)
        {
            Writable(r, path);
        }

        Require(entry, (access != OpenFlags.WriteOnly ? 4 : 0) | (write || truncate ? 2 : 0), path);
        Inode inode;
        if (write || truncate)
        {
            inode = r.Fs.CopyUp(r.Path, entry); // overlayfs.rst: copy-up on open for write
            if (truncate)
            {
                // handle_truncate: even an empty file is truncated, which sets its mtime (so docker diff shows C).
                inode.Entry = inode.Entry with { Content = FileContent.Empty, ModifiedAt = r.Fs.Now, Mode = Uid != 0 ? FileHandle.KillPrivileges(inode.Entry) : inode.Entry.Mode };
            }
        }
        else
        {
            // Read-only: see later writes to an upper file; a lower file's handle keeps the lower content
            // (as overlayfs.rst says of read-only opens of lower files).
            inode = r.Fs.Upper.TryGetValue(r.Path, out var upper) && upper is not null ? upper : new Inode(r.Fs, entry);
        }

        return new FileHandle(r.Fs, inode, flags, r.Global, Uid != 0);
    }

    private void RenameCore(string oldPath, string newPath)
    {
        var o = Resolve(oldPath, follow: false, trailingFollows: false);
        var n = Resolve(newPath, follow: false, trailingFollows: false);
        if (o.IsDot || n.IsDot)
        {
            throw Fail(Errno.EBUSY, o.IsDot ? oldPath : newPath);
        }

        // do_renameat2: EXDEV between the parents' mounts and EROFS come before the final lookups.
        if (!ReferenceEquals(o.Parent.Device, n.Parent.Device))
        {
            throw Fail(Errno.EXDEV, newPath);
        }

        ParentWritable(o, oldPath);
        var entry = o.Entry ?? throw Fail(Errno.ENOENT, oldPath);
        bool isDir = entry.IsDirectory;
        if (!isDir && (o.Trailing || n.Trailing))
        {
            throw Fail(Errno.ENOTDIR, o.Trailing ? oldPath : newPath);
        }

        if (o.IsMountRoot || n.IsMountRoot)
        {
            throw Fail(Errno.EBUSY, o.IsMountRoot ? oldPath : newPath);
        }

        var fs = o.Fs;

        // lock_rename traps: the source must not be an ancestor of the target, nor the target of the source.
        if (n.Path != o.Path && FsPath.IsSameOrUnder(n.Path, o.Path))
        {
            throw Fail(Errno.EINVAL, newPath);
        }

        if (n.Path != o.Path && FsPath.IsSameOrUnder(o.Path, n.Path))
        {
            throw Fail(Errno.ENOTEMPTY, newPath);
        }

        var target = n.Entry;
        if (n.Path == o.Path)
        {
            return;
        }

        if (target is not null && fs.Upper.TryGetValue(o.Path, out var oi) && oi is not null &&
            fs.Upper.TryGetValue(n.Path, out var ni) && ReferenceEquals(oi, ni))
        {
            return; // two names of one file: POSIX says do nothing
        }

        // vfs_rename: may_delete of the source, then may_create or may_delete of the target (permission and
        // sticky checks before the target's type).
        RequireParentWrite(o, oldPath);
        RequireSticky(o, entry, oldPath);
        RequireParentWrite(n, newPath);
        if (target is not null)
        {
            RequireSticky(n, target, newPath);
            if (isDir && !target.IsDirectory)
            {
                throw Fail(Errno.ENOTDIR, newPath);
            }

            if (!isDir && target.IsDirectory)
            {
                throw Fail(Errno.EISDIR, newPath);
            }
        }

        // overlayfs.rst: a lower or merged directory cannot be moved without redirect_dir.
        if (isDir && o.LowerVisible)
        {
            throw Fail(Errno.EXDEV, oldPath);
        }

        if (target is not null && target.IsDirectory && ListLocked(n.AsDirectory()).Count > 0)
        {
            throw Fail(Errno.ENOTEMPTY, newPath);
        }

        // Take the source out of the upper (copying a lower file up), then put it at the target.
        bool oldLowerHas = o.LowerHas;
        bool newLowerHas = n.LowerHas;
        List<(string Relative, Inode? Inode, bool Opaque)>? subtree = null;
        Inode inode = fs.CopyUp(o.Path, entry);
        bool wasOpaque = fs.Opaque.Contains(o.Path);
        if (isDir)
        {
            subtree = [];
            CollectUpper(fs, o.Path, "", subtree);
        }

        fs.RemoveUpperTree(o.Path);
        if (oldLowerHas)
        {
            fs.EnsureUpperDirectory(o.Parent.Path);
            fs.SetUpper(o.Path, null);
        }

        fs.RemoveUpperTree(n.Path);
        fs.EnsureUpperDirectory(n.Parent.Path);
        fs.SetUpper(n.Path, inode);
        Touch(fs, o.Parent.Path);
        Touch(fs, n.Parent.Path);
        if (isDir)
        {
            if (wasOpaque || newLowerHas)
            {
                fs.AddOpaque(n.Path); // hide whatever the lower has at the new name
            }

            foreach (var (relative, child, opaque) in subtree!)
            {
                var path = n.Path + relative;
                fs.SetUpper(path, child);
                if (opaque)
                {
                    fs.AddOpaque(path);
                }
            }

            MoveMountsBeneath(o.Global, n.Global);
        }
    }

    /// <summary>Mounts beneath a renamed directory move with it, as Linux mounts follow their dentry.</summary>
    private void MoveMountsBeneath(string oldGlobal, string newGlobal)
    {
        if (_state.Mounts.Count == 0)
        {
            return;
        }

        var prefix = oldGlobal + "/";
        var moved = _state.Mounts.Where(m => m.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var (destination, mount) in moved)
        {
            _state.Mounts.Remove(destination);
        }

        foreach (var (destination, mount) in moved)
        {
            var to = newGlobal + destination[oldGlobal.Length..];
            _state.MountsForWrite[to] = mount with { Destination = to };
        }

        if (moved.Count > 0)
        {
            _state.MountsChanged();
        }
    }

    /// <summary>
    /// Whether <paramref name="path"/> (final symlink not followed) is a directory that a rename would refuse
    /// with <see cref="Errno.EXDEV"/>: a lower or merged one. For tests.
    /// </summary>
    internal bool IsLowerOrMergedDirectory(string path) => Run(path, () =>
    {
        var r = Resolve(path, follow: false);
        return r.Entry is { IsDirectory: true } && !r.IsDot && r.LowerVisible;
    });

    private static void CollectUpper(UnionState fs, string root, string relative, List<(string, Inode?, bool)> into)
    {
        var dir = root + relative;
        if (dir.Length == 0)
        {
            dir = FsPath.Root;
        }

        if (!fs.UpperChildren.TryGetValue(dir, out var names))
        {
            return;
        }

        foreach (var name in names)
        {
            var childRelative = relative + "/" + name;
            var child = root + childRelative;
            into.Add((childRelative, fs.Upper[child], fs.Opaque.Contains(child)));
            CollectUpper(fs, root, childRelative, into);
        }
    }
}
