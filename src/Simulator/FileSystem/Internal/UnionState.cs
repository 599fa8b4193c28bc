namespace Simulator.FileSystem.Internal;

/// <summary>
/// The state shared by every <see cref="UnionFileSystem"/> handle on one tree: the lower stack, the
/// upper layer and the mounts. All members are guarded by <see cref="Gate"/>.
/// </summary>
internal sealed class UnionState(LayerStack lower, bool writable, TimeProvider time)
{
    private static readonly FileEntry DefaultRoot = FileEntry.Directory();

    private static long s_nextId;

    private UnionState[] _mountedStates = [];

    private UnionState[]? _alone;

    private long _changes;

    // Shared empty tables stand in until a tree first writes (an idle container's view holds none); they are never added to:
    // every add goes through SetUpper, AddOpaque or MountsForWrite.
    private static readonly Dictionary<string, Inode?> NoUpper = new(StringComparer.Ordinal);
    private static readonly HashSet<string> NoOpaque = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, HashSet<string>> NoUpperChildren = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, MountPoint> NoMounts = new(StringComparer.Ordinal);

    private Dictionary<string, Inode?>? _upper;
    private HashSet<string>? _opaque;
    private Dictionary<string, HashSet<string>>? _upperChildren;
    private Dictionary<string, MountPoint>? _mounts;

    /// <summary>The lock guarding the tree: the state object itself (internal, never exposed).</summary>
    public object Gate => this;

    /// <summary>A unique, increasing number: the global lock order (operations needing several trees lock them by ascending ID).</summary>
    public long Id { get; } = Interlocked.Increment(ref s_nextId);

    /// <summary>This tree alone, as the lock set of an operation on a view without mounts (cached: no allocation per operation).</summary>
    public UnionState[] Alone => _alone ??= [this];

    /// <summary>
    /// How many times the tree has changed (an upper entry set or removed, an opaque mark, a mount, an inode's entry):
    /// equal values mean no change in between. Written under the lock, read without it.
    /// </summary>
    public long Changes => Volatile.Read(ref _changes);

    /// <summary>Counts a change (under the lock).</summary>
    public void Changed() => Volatile.Write(ref _changes, _changes + 1);

    /// <summary>The distinct trees of <see cref="Mounts"/> (read without the lock; replaced, never changed, under it).</summary>
    public UnionState[] MountedStates => Volatile.Read(ref _mountedStates);

    public LayerStack Lower { get; } = lower;

    public bool Writable { get; } = writable;

    public TimeProvider Time { get; } = time;

    /// <summary>Upper entries by clean path; a <see langword="null"/> value is a whiteout.</summary>
    public Dictionary<string, Inode?> Upper => _upper ?? NoUpper;

    /// <summary>Upper directories marked opaque (lower children hidden).</summary>
    public HashSet<string> Opaque => _opaque ?? NoOpaque;

    /// <summary>Marks an upper directory opaque.</summary>
    public void AddOpaque(string path)
    {
        (_opaque ??= new HashSet<string>(StringComparer.Ordinal)).Add(path);
        Changed();
    }

    /// <summary>Names present in the upper (entries and whiteouts) per directory path.</summary>
    public Dictionary<string, HashSet<string>> UpperChildren => _upperChildren ?? NoUpperChildren;

    /// <summary>The directory of another file system this tree mirrors (a bind source on a host that is not a union), or <see langword="null"/>.</summary>
    public ExternalTree? External { get; init; }

    /// <summary>Mounts by clean absolute destination.</summary>
    public Dictionary<string, MountPoint> Mounts => _mounts ?? NoMounts;

    /// <summary><see cref="Mounts"/> to add to (created on first use).</summary>
    public Dictionary<string, MountPoint> MountsForWrite => _mounts ??= new Dictionary<string, MountPoint>(StringComparer.Ordinal);

    /// <summary>
    /// Recomputes <see cref="MountedStates"/> after a change of <see cref="Mounts"/> (under the lock). The tree's own
    /// count moves by one plus the counts of the trees no longer mounted, so the sum a change stamp takes
    /// (<see cref="UnionFileSystem.ChangeStamp"/>) only grows: swapping a mounted tree for one with fewer changes must not
    /// bring the sum back to a value it had before.
    /// </summary>
    public void MountsChanged()
    {
        var before = _mountedStates;
        var after = Mounts.Values.Select(m => m.Source.State).Where(s => s != this).Distinct().ToArray();
        long removed = 0;
        foreach (var state in before)
        {
            if (Array.IndexOf(after, state) < 0)
            {
                removed += state.Changes;
            }
        }

        Volatile.Write(ref _mountedStates, after);
        Volatile.Write(ref _changes, _changes + 1 + removed);
    }

    public FileEntry RootEntry =>
        Upper.TryGetValue(FsPath.Root, out var inode) && inode is not null ? inode.Entry :
        Lower.TryGetEntry(FsPath.Root, out var entry) ? entry : DefaultRoot;

    public bool RootLowerVisible => !Opaque.Contains(FsPath.Root);

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Looks a child up in a directory whose lower visibility is known.</summary>
    public FileEntry? LookupChild(string childPath, bool parentLowerVisible, out Inode? inode, out bool lowerVisible)
    {
        if (Upper.TryGetValue(childPath, out inode))
        {
            if (inode is null)
            {
                lowerVisible = false;
                return null;
            }

            var entry = inode.Entry;
            lowerVisible = entry.IsDirectory && parentLowerVisible && !Opaque.Contains(childPath) &&
                Lower.TryGetEntry(childPath, out var below) && below.IsDirectory;
            return entry;
        }

        if (parentLowerVisible && Lower.TryGetEntry(childPath, out var lowerEntry))
        {
            lowerVisible = lowerEntry.IsDirectory;
            return lowerEntry;
        }

        lowerVisible = false;
        return null;
    }

    /// <summary>Looks up a clean absolute path without following symlinks (a bind mount's source, resolved when mounted).</summary>
    public FileEntry? LookupPath(string path, out bool lowerVisible)
    {
        lowerVisible = RootLowerVisible;
        FileEntry? entry = RootEntry;
        int start = 1;
        while (start <= path.Length && entry is not null)
        {
            if (!entry.IsDirectory)
            {
                lowerVisible = false;
                return null;
            }

            int slash = path.IndexOf('/', start);
            int end = slash < 0 ? path.Length : slash;
            entry = LookupChild(path[..end], lowerVisible, out _, out lowerVisible);
            start = end + 1;
        }

        return entry;
    }

    /// <summary>The merged names of a directory: upper first (sorted), then lower names not in the upper.</summary>
    public List<string> List(string path, bool lowerVisible)
    {
        var names = new List<string>();
        HashSet<string>? upperNames = null;
        if (UpperChildren.TryGetValue(path, out upperNames))
        {
            foreach (var name in upperNames)
            {
                if (Upper[FsPath.Combine(path, name)] is not null)
                {
                    names.Add(name);
                }
            }

            names.Sort(StringComparer.Ordinal);
        }

        if (lowerVisible)
        {
            foreach (var name in Lower.GetChildren(path))
            {
                if (upperNames is null || !upperNames.Contains(name))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    public void SetUpper(string path, Inode? inode)
    {
        (_upper ??= new Dictionary<string, Inode?>(StringComparer.Ordinal))[path] = inode;
        Changed();
        if (path != FsPath.Root)
        {
            var parent = FsPath.Parent(path);
            var children = _upperChildren ??= new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            if (!children.TryGetValue(parent, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                children[parent] = set;
            }

            set.Add(FsPath.Name(path));
        }
    }

    /// <summary>Removes a path and every upper path beneath it from the upper layer.</summary>
    public void RemoveUpperTree(string path)
    {
        if (!Upper.Remove(path))
        {
            return;
        }

        Changed();

        Opaque.Remove(path);
        RemoveUpperChildren(path);
        if (path != FsPath.Root && UpperChildren.TryGetValue(FsPath.Parent(path), out var set))
        {
            set.Remove(FsPath.Name(path));
            if (set.Count == 0)
            {
                UpperChildren.Remove(FsPath.Parent(path));
            }
        }
    }

    /// <summary>Removes every upper path strictly beneath a directory.</summary>
    public void RemoveUpperChildren(string path)
    {
        if (UpperChildren.Remove(path, out var children))
        {
            Changed();
            foreach (var name in children)
            {
                var child = FsPath.Combine(path, name);
                Upper.Remove(child);
                Opaque.Remove(child);
                RemoveUpperChildren(child);
            }
        }
    }

    /// <summary>Copies up every directory from the root to <paramref name="dir"/> that is not in the upper yet, with its lower metadata.</summary>
    public void EnsureUpperDirectory(string dir)
    {
        if (Upper.ContainsKey(dir))
        {
            return;
        }

        if (dir != FsPath.Root)
        {
            EnsureUpperDirectory(FsPath.Parent(dir));
        }

        var entry = dir == FsPath.Root ? RootEntry : Lower.TryGetEntry(dir, out var below) ? below : DefaultRoot;
        SetUpper(dir, new Inode(this, entry));
    }

    /// <summary>The upper inode of a visible entry, copying it up (metadata and a shared content reference) if needed.</summary>
    public Inode CopyUp(string path, FileEntry entry)
    {
        if (Upper.TryGetValue(path, out var inode) && inode is not null)
        {
            return inode;
        }

        if (path != FsPath.Root)
        {
            EnsureUpperDirectory(FsPath.Parent(path));
        }

        inode = new Inode(this, entry);
        SetUpper(path, inode);
        return inode;
    }
}
