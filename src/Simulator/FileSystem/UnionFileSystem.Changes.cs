using Simulator.FileSystem.Internal;

namespace Simulator.FileSystem;

/// <summary><c>docker diff</c> and <c>docker commit</c> of a view, computed from its upper layer.</summary>
public sealed partial class UnionFileSystem
{
    /// <summary>
    /// <c>docker diff</c>: the view's changes against its lower stack (moby go-archive <c>ChangesDirs</c>
    /// rules: A/C/D, a changed directory's parents are C, a new directory lists all its descendants, a
    /// deleted directory is one D, a type change is one C), sorted by path (ordinal).
    /// </summary>
    /// <returns>The changes; empty for an unchanged view.</returns>
    /// <remarks>
    /// <para>
    /// <c>A</c> for a new path (and every path beneath a new directory); <c>D</c> for a deleted path (a
    /// deleted directory once, without its descendants); <c>C</c> for a path in both that differs: type,
    /// symlink target, mode, uid or gid, and for non-directories size or mtime (to the second, as
    /// go-archive's <c>sameFsTime</c>) or content written since (as overlay2's upper-directory walk sees
    /// it). A type change is a single <c>C</c>. A directory containing a change is <c>C</c> unless it is
    /// <c>A</c>; <c>/</c> is never listed. Mounts are not part of the view's changes.
    /// </para>
    /// <para>The cost grows with the size of the upper layer (and of lower directories hidden by opaque
    /// ones), not with the image.</para>
    /// </remarks>
    public IReadOnlyList<FileChange> GetChanges()
    {
        lock (_state.Gate)
        {
            var changes = ComputeChanges(_state);
            var list = new List<FileChange>(changes.Count);
            foreach (var (path, kind) in changes)
            {
                list.Add(new FileChange(kind, path));
            }

            list.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return list;
        }
    }

    /// <summary>
    /// <c>docker commit</c>: the upper layer as a new <see cref="Layer"/>: an entry for every added or
    /// changed path of <see cref="GetChanges"/>, an explicit whiteout for every deleted path (go-archive
    /// <c>ExportChanges</c>), an opaque marker for each directory removed and re-created (with all of its
    /// upper contents), and hard links between names of one upper file.
    /// </summary>
    /// <returns>The layer; <see cref="Layer.Empty"/> for an unchanged view. Pushing it on <see cref="Lower"/>
    /// (<see cref="LayerStack.Push"/>) gives the view's tree (mounts excluded).</returns>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: the view holds a name starting with <c>.wh.</c>, which a layer cannot carry.
    /// </exception>
    public Layer CommitLayer()
    {
        lock (_state.Gate)
        {
            var fs = _state;
            var changes = ComputeChanges(fs);
            var entryPaths = new List<string>();
            var whiteouts = new List<string>();
            var opaque = new List<string>();
            var included = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, kind) in changes)
            {
                if (kind == ChangeKind.Deleted)
                {
                    whiteouts.Add(path);
                }
                else if (included.Add(path))
                {
                    entryPaths.Add(path);
                }
            }

            foreach (var dir in fs.Opaque)
            {
                if (dir != FsPath.Root && !changes.ContainsKey(dir))
                {
                    continue;
                }

                if (fs.Upper.TryGetValue(dir, out var inode) && inode is { Entry.IsDirectory: true })
                {
                    opaque.Add(dir);
                    var under = new List<(string, Inode?, bool)>();
                    CollectUpper(fs, dir == FsPath.Root ? "" : dir, "", under);
                    foreach (var (relative, child, _) in under)
                    {
                        var path = (dir == FsPath.Root ? "" : dir) + relative;
                        if (child is not null && included.Add(path))
                        {
                            entryPaths.Add(path);
                        }
                    }
                }
            }

            entryPaths.Sort(StringComparer.Ordinal);
            var firstName = new Dictionary<Inode, string>(ReferenceEqualityComparer.Instance);
            var entries = new List<KeyValuePair<string, FileEntry>>(entryPaths.Count);
            foreach (var path in entryPaths)
            {
                var inode = fs.Upper[path]!;
                var entry = inode.Entry;
                if (entry.Type == EntryType.RegularFile && !firstName.TryAdd(inode, path))
                {
                    entry = entry with { Type = EntryType.HardLink, LinkTarget = firstName[inode], Content = FileContent.Empty };
                }

                entries.Add(new(path, entry));
            }

            return Layer.Create(entries, whiteouts, opaque);
        }
    }

    /// <summary>
    /// The bytes the upper layer holds, as moby's overlay2 <c>Size</c> walks the upper directory (pkg/directory
    /// <c>calcSize</c>): every non-directory entry's size (regular file content, symlink target length), each inode once.
    /// Whiteouts and directories count 0. This is the container's <c>SizeRw</c>.
    /// </summary>
    internal long UpperSize()
    {
        lock (_state.Gate)
        {
            long size = 0;
            var seen = new HashSet<Inode>(ReferenceEqualityComparer.Instance);
            foreach (var inode in _state.Upper.Values)
            {
                if (inode is null || inode.Entry.IsDirectory || !seen.Add(inode))
                {
                    continue;
                }

                size += inode.Entry.Size;
            }

            return size;
        }
    }

    private static Dictionary<string, ChangeKind> ComputeChanges(UnionState fs)
    {
        var changes = new Dictionary<string, ChangeKind>(StringComparer.Ordinal);
        var paths = fs.Upper.Keys.ToArray();
        Array.Sort(paths, StringComparer.Ordinal);
        var lowerVisible = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var inode = fs.Upper[path];
            bool parentVisible = path == FsPath.Root || !lowerVisible.TryGetValue(FsPath.Parent(path), out var v) || v;
            bool inLower = fs.Lower.TryGetEntry(path, out var lower);
            if (inode is null)
            {
                if (inLower)
                {
                    changes[path] = ChangeKind.Deleted;
                }

                continue;
            }

            var entry = inode.Entry;
            if (path != FsPath.Root)
            {
                if (!inLower)
                {
                    changes[path] = ChangeKind.Added;
                }
                else if (Differs(lower!, entry))
                {
                    changes[path] = ChangeKind.Modified;
                }
            }

            if (entry.IsDirectory)
            {
                bool visible = parentVisible && !fs.Opaque.Contains(path) && inLower && lower!.IsDirectory;
                lowerVisible[path] = visible;
                if (!visible && inLower && lower!.IsDirectory)
                {
                    // Lower children hidden by an opaque directory are deleted, unless the upper has the name.
                    foreach (var name in fs.Lower.GetChildren(path))
                    {
                        var child = FsPath.Combine(path, name);
                        if (!fs.Upper.ContainsKey(child))
                        {
                            changes[child] = ChangeKind.Deleted;
                        }
                    }
                }
            }
        }

        // A directory holding a change is itself changed (unless added); the root is never listed.
        foreach (var path in changes.Keys.ToArray())
        {
            for (var parent = FsPath.Parent(path); parent != FsPath.Root; parent = FsPath.Parent(parent))
            {
                if (!changes.TryAdd(parent, ChangeKind.Modified))
                {
                    break;
                }
            }
        }

        return changes;
    }

    private static bool Differs(FileEntry lower, FileEntry upper)
    {
        if (lower.Type != upper.Type || lower.Mode != upper.Mode || lower.Uid != upper.Uid || lower.Gid != upper.Gid)
        {
            return true;
        }

        return upper.Type switch
        {
            EntryType.Directory => false,
            EntryType.Symlink => lower.LinkTarget != upper.LinkTarget || !SameTime(lower.ModifiedAt, upper.ModifiedAt),
            _ => lower.Size != upper.Size || !SameTime(lower.ModifiedAt, upper.ModifiedAt) || !ReferenceEquals(lower.Content, upper.Content),
        };
    }

    // go-archive sameFsTime: equal, or the same second with one side lacking sub-second precision.
    private static bool SameTime(DateTimeOffset a, DateTimeOffset b)
    {
        if (a == b)
        {
            return true;
        }

        long ta = a.UtcTicks, tb = b.UtcTicks;
        return ta / TimeSpan.TicksPerSecond == tb / TimeSpan.TicksPerSecond &&
            (ta % TimeSpan.TicksPerSecond == 0 || tb % TimeSpan.TicksPerSecond == 0);
    }
}
