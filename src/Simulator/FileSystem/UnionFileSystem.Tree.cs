namespace Simulator.FileSystem;

/// <summary>Whole-tree helpers built on the POSIX operations: walking and copying.</summary>
public sealed partial class UnionFileSystem
{
    /// <summary>
    /// Lists a tree in pre-order (a directory before its children, siblings in <see cref="ReadDirectory"/>
    /// order), not following symlinks, with each entry as <see cref="LStat"/> gives it; mounts are crossed.
    /// </summary>
    /// <param name="path">The root of the walk (a symlink there is followed, as <c>find path/</c> would).</param>
    /// <returns>(clean path, entry) pairs, the root first. Each directory is read when reached, under its own
    /// lock acquisition; concurrent changes may or may not be seen.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="Stat"/> for the root; entries removed during the walk are skipped.</exception>
    public IEnumerable<(string Path, FileEntry Entry)> Walk(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = Run(path, () => Resolve(path, follow: true));
        var entry = root.Entry ?? throw Fail(Errno.ENOENT, path);
        return WalkCore(root.Global, entry);
    }

    /// <summary>
    /// Copies a tree into another tree (or this one) as <c>cp -a</c> does: types, modes, owners, mtimes and
    /// symlink targets are kept, regular files share their <see cref="FileContent"/> (no bytes are copied).
    /// Existing directories at the destination are merged into; other existing entries are replaced.
    /// </summary>
    /// <param name="sourcePath">What to copy (a symlink there is followed).</param>
    /// <param name="destination">The tree to copy into.</param>
    /// <param name="destinationPath">Where; its parent must exist.</param>
    /// <remarks>Not atomic: each entry is one operation on each tree (so no two locks are held at once). Used to
    /// populate a new volume from the image content at its mount point, as Docker does.</remarks>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As the operations involved, e.g. <see cref="Errno.ENOENT"/> for a missing source,
    /// <see cref="Errno.EROFS"/> for a read-only destination; <see cref="Errno.EINVAL"/> (before anything is copied) when the
    /// destination is the source or beneath it in the same tree, through symlinks too (<c>cp</c>: "cannot copy a directory into itself").</exception>
    public void CopyTree(string sourcePath, UnionFileSystem destination, string destinationPath)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(destinationPath);
        var target = FsPath.Clean(destinationPath);
        var walk = Walk(sourcePath); // resolves the source now
        if (ReferenceEquals(destination._state, _state))
        {
            var from = Run(sourcePath, () => Resolve(sourcePath, follow: true)).Global;
            var to = destination.Run(destinationPath, () =>
            {
                var r = destination.Resolve(destinationPath, follow: false, trailingFollows: false);
                return r.IsDot ? r.Global : FsPath.Combine(r.Parent.Global, r.Name);
            });
            if (FsPath.IsSameOrUnder(to, from))
            {
                throw Fail(Errno.EINVAL, destinationPath);
            }
        }

        string? root = null;
        foreach (var (path, entry) in walk)
        {
            root ??= path;
            var relative = path.Length == root.Length ? "" : root == FsPath.Root ? path : path[root.Length..];
            var to = relative.Length == 0 ? target : target == FsPath.Root ? relative : target + relative;
            CopyEntry(destination, to, entry);
        }
    }

    private static void CopyEntry(UnionFileSystem destination, string to, FileEntry entry)
    {
        FileEntry? existing = null;
        try
        {
            existing = destination.LStat(to);
        }
        catch (FileSystemException e) when (e.Errno == Errno.ENOENT)
        {
        }

        if (existing is not null && !(existing.IsDirectory && entry.IsDirectory))
        {
            RemoveAll(destination, to);
            existing = null;
        }

        switch (entry.Type)
        {
            case EntryType.Directory:
                if (existing is null)
                {
                    destination.CreateDirectory(to, entry.Mode);
                }

                break;
            case EntryType.Symlink:
                destination.CreateSymlink(entry.LinkTarget!, to);
                return;
            default:
                destination.WriteContent(to, entry.Content, entry.Mode);
                break;
        }

        destination.Chown(to, entry.Uid, entry.Gid); // before chmod, as cp -a: chown clears set-user-ID
        destination.Chmod(to, entry.Mode);
        destination.SetModifiedTime(to, entry.ModifiedAt);
    }

    private static void RemoveAll(UnionFileSystem fs, string path)
    {
        if (fs.LStat(path).IsDirectory)
        {
            foreach (var name in fs.ReadDirectory(path))
            {
                RemoveAll(fs, FsPath.Combine(path, name));
            }

            fs.RemoveDirectory(path);
        }
        else
        {
            fs.Unlink(path);
        }
    }

    private IEnumerable<(string Path, FileEntry Entry)> WalkCore(string root, FileEntry rootEntry)
    {
        var stack = new Stack<(string, FileEntry)>();
        stack.Push((root, rootEntry));
        while (stack.Count > 0)
        {
            var (path, entry) = stack.Pop();
            yield return (path, entry);
            if (!entry.IsDirectory)
            {
                continue;
            }

            IReadOnlyList<string> names;
            try
            {
                names = ReadDirectory(path);
            }
            catch (FileSystemException e) when (e.Errno is Errno.ENOENT or Errno.ENOTDIR)
            {
                continue;
            }

            for (int i = names.Count - 1; i >= 0; i--)
            {
                var child = FsPath.Combine(path, names[i]);
                try
                {
                    stack.Push((child, LStat(child)));
                }
                catch (FileSystemException e) when (e.Errno is Errno.ENOENT or Errno.ENOTDIR)
                {
                }
            }
        }
    }
}
