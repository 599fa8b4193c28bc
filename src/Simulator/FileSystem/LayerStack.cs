using Simulator.Internal;

namespace Simulator.FileSystem;

/// <summary>
/// The flattened, read-only result of applying a stack of <see cref="Layer"/>s (bottom first) to an
/// empty root, as an image's root filesystem: what every union view on the image reads through.
/// </summary>
/// <remarks>
/// <para>
/// Layers are applied with the OCI rules (image-spec layer.md): per layer, opaque
/// directories first (their lower children disappear, the directory stays), then whiteouts (the path
/// and everything beneath it disappear; a whiteout and an entry at the same path in one layer keep the
/// entry), then entries in path order: a directory over a directory replaces only its attributes and
/// keeps the children; any other replacement unlinks the old path and its children first. Missing
/// parent directories of an entry are created (<c>0755</c>, root). Hard links are resolved to a copy of
/// their target's entry (so they share the target's <see cref="FileContent"/>); links stop being links,
/// as overlayfs without <c>index=on</c> breaks them at copy-up (overlayfs.rst).
/// </para>
/// <para>
/// Lookups are one hash lookup whatever the number of layers; a directory's children are kept sorted
/// (ordinal) in an index. The root <c>/</c> always exists. Build the stack once per image and share it
/// (an image store can cache it by the top layer's ChainID): it is immutable and thread-safe.
/// <see cref="Push"/> of a large layer copies the index (a flat array copy) and rewrites only the directories
/// the new layer touches; <see cref="Push"/> of a small layer (at most <see cref="DeltaLimit"/> changes, such as a
/// container's init layer) onto a flat stack keeps only the delta over that parent, so lookups cost at most two hash
/// lookups and each container's stack holds only its own entries.
/// </para>
/// </remarks>
public sealed class LayerStack
{
    /// <summary>The most changes (entries, whiteouts, opaque directories) a layer may have to be pushed as a delta over its parent.</summary>
    public const int DeltaLimit = 64;

    private static readonly FileEntry RootEntry = FileEntry.Directory();
    private static readonly HashSet<string> NoPaths = new(StringComparer.Ordinal);

    private readonly Dictionary<string, FileEntry> _entries;
    private readonly Dictionary<string, string[]> _children;

    // Delta form: _parent is flat; _entries holds added or replaced entries, _removed the parent's paths gone,
    // _childDeltas the names added to and removed from each directory whose child list changed.
    private readonly LayerStack? _parent;
    private readonly Dictionary<string, ChildDelta>? _childDeltas;
    private readonly HashSet<string>? _removed;
    private readonly int _count;

    private LayerStack(Dictionary<string, FileEntry> entries, Dictionary<string, string[]> children, IReadOnlyList<Layer> layers)
    {
        _entries = entries;
        _children = children;
        Layers = layers;
        _count = entries.Count;
    }

    private LayerStack(LayerStack parent, Dictionary<string, FileEntry> added, HashSet<string> removed, Dictionary<string, ChildDelta> children, IReadOnlyList<Layer> layers)
    {
        _parent = parent;
        _entries = added;
        _removed = removed;
        _children = parent._children;
        _childDeltas = children;
        Layers = layers;
        _count = parent.Count - removed.Count;
        foreach (var path in added.Keys)
        {
            if (!parent._entries.ContainsKey(path))
            {
                _count++;
            }
        }
    }

    /// <summary>The stack of no layers: only the root directory.</summary>
    public static LayerStack Empty { get; } = new(
        new Dictionary<string, FileEntry>(StringComparer.Ordinal) { [FsPath.Root] = RootEntry },
        new Dictionary<string, string[]>(StringComparer.Ordinal),
        []);

    /// <summary>The layers, bottom first.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The number of paths in the flattened tree, the root included.</summary>
    public int Count => _count;

    /// <summary>Applies <paramref name="layers"/> (bottom first) to an empty root.</summary>
    /// <param name="layers">The layers, bottom first.</param>
    /// <returns>The flattened stack.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: a hard link's target does not exist in its layer or below
    /// (tar extraction fails there too).
    /// </exception>
    public static LayerStack Create(IEnumerable<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var list = new List<Layer>();
        foreach (var layer in layers)
        {
            ArgumentNullException.ThrowIfNull(layer, nameof(layers));
            list.Add(layer);
        }

        if (list.Count == 0)
        {
            return Empty;
        }

        // One builder for the whole stack: O(entries), not a copy of the index per layer.
        var builder = new Builder(new EntryMap(new Dictionary<string, FileEntry>(Empty._entries, StringComparer.Ordinal)), Empty._children);
        foreach (var layer in list)
        {
            if (!layer.IsEmpty)
            {
                builder.Apply(layer);
            }
        }

        return new LayerStack(builder.Entries.Flat!, builder.Finish(), list.ToArray());
    }

    /// <summary>The stack with <paramref name="layer"/> applied on top; this stack is unchanged.</summary>
    /// <param name="layer">The new top layer.</param>
    /// <returns>The new stack (this one if the layer is <see cref="Layer.IsEmpty"/>, with the layer recorded).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: a hard link's target does not exist in the layer or below.
    /// </exception>
    public LayerStack Push(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var layers = new Layer[Layers.Count + 1];
        for (int i = 0; i < Layers.Count; i++)
        {
            layers[i] = Layers[i];
        }

        layers[^1] = layer;
        var flat = Flat();
        if (layer.IsEmpty)
        {
            return _parent is null ? new LayerStack(_entries, _children, layers) : new LayerStack(_parent, _entries, _removed!, _childDeltas!, layers);
        }

        if (layer.Entries.Count + layer.Whiteouts.Count + layer.OpaqueDirectories.Count <= DeltaLimit)
        {
            var map = new EntryMap(flat);
            var delta = new Builder(map, flat._children);
            delta.Apply(layer);
            return new LayerStack(flat, map.Added, map.HasRemoved ? map.Removed : NoPaths, delta.FinishDelta(), layers);
        }

        var builder = new Builder(new EntryMap(new Dictionary<string, FileEntry>(flat._entries, StringComparer.Ordinal)), flat._children);
        builder.Apply(layer);
        return new LayerStack(builder.Entries.Flat!, builder.Finish(), layers);
    }

    /// <summary>This stack as a flat one (itself when it is; a merged copy of a delta).</summary>
    private LayerStack Flat()
    {
        if (_parent is null)
        {
            return this;
        }

        var entries = new Dictionary<string, FileEntry>(_parent._entries, StringComparer.Ordinal);
        foreach (var path in _removed!)
        {
            entries.Remove(path);
        }

        foreach (var (path, entry) in _entries)
        {
            entries[path] = entry;
        }

        var children = new Dictionary<string, string[]>(_parent._children, StringComparer.Ordinal);
        foreach (var dir in _childDeltas!.Keys)
        {
            var names = MergedChildren(dir);
            if (names.Length == 0)
            {
                children.Remove(dir);
            }
            else
            {
                children[dir] = names;
            }
        }

        return new LayerStack(entries, children, Layers);
    }

    /// <summary>The entry at a clean absolute path, if any (hard links already resolved to regular files).</summary>
    /// <param name="path">A clean absolute path (<see cref="FsPath.IsClean"/>); other strings are simply not found.</param>
    /// <param name="entry">The entry, when found.</param>
    /// <returns><see langword="true"/> if the path exists.</returns>
    public bool TryGetEntry(string path, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out FileEntry entry)
    {
        if (_entries.TryGetValue(path, out entry))
        {
            return true;
        }

        if (_parent is null || _removed!.Contains(path))
        {
            return false;
        }

        return _parent._entries.TryGetValue(path, out entry);
    }

    /// <summary>Whether a clean absolute path exists.</summary>
    /// <param name="path">A clean absolute path.</param>
    /// <returns><see langword="true"/> if it exists.</returns>
    public bool Contains(string path) => TryGetEntry(path, out _);

    /// <summary>The names of a directory's children, sorted ordinally; empty for a missing path or a non-directory.</summary>
    /// <param name="path">A clean absolute path.</param>
    /// <returns>The names (not paths); the list must not be changed.</returns>
    public IReadOnlyList<string> GetChildren(string path) =>
        _childDeltas is not null && _childDeltas.ContainsKey(path) ? MergedChildren(path) :
        _children.TryGetValue(path, out var names) && (_removed is null || !_removed.Contains(path)) ? names : [];

    /// <summary>A delta directory's children: the parent's, less the removed names, plus the added ones, sorted.</summary>
    private string[] MergedChildren(string dir)
    {
        var delta = _childDeltas![dir];
        var set = new SortedSet<string>(StringComparer.Ordinal);
        if (!delta.Cleared && _parent!._children.TryGetValue(dir, out var names))
        {
            set.UnionWith(names);
        }

        set.ExceptWith(delta.Removed);
        set.UnionWith(delta.Added);
        return [.. set];
    }

    /// <summary>How a delta changes one directory's child list: everything below cleared first (the directory was removed), then names removed and added.</summary>
    private sealed record ChildDelta(string[] Added, string[] Removed, bool Cleared);

    /// <summary>Every path in the flattened tree, in ordinal order (the root first).</summary>
    /// <returns>The paths.</returns>
    public IReadOnlyList<string> GetPaths()
    {
        var paths = Flat()._entries.Keys.ToArray();
        Array.Sort(paths, StringComparer.Ordinal);
        return paths;
    }

    /// <summary>The index a builder writes: a flat dictionary, or added entries and removed paths over a flat parent.</summary>
    private sealed class EntryMap
    {
        private readonly LayerStack? _parent;

        public EntryMap(Dictionary<string, FileEntry> flat) => Flat = flat;

        public EntryMap(LayerStack parent) => _parent = parent;

        public Dictionary<string, FileEntry>? Flat { get; }

        // Created on first use: a flat builder never needs them, a delta that replaces nothing needs no Removed.
        private Dictionary<string, FileEntry>? _added;
        private HashSet<string>? _removed;

        public Dictionary<string, FileEntry> Added => _added ??= new(StringComparer.Ordinal);

        public HashSet<string> Removed => _removed ??= new(StringComparer.Ordinal);

        public bool HasRemoved => _removed is { Count: > 0 };

        public bool TryGetValue(string path, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out FileEntry entry)
        {
            if (Flat is not null)
            {
                return Flat.TryGetValue(path, out entry);
            }

            if (_added is not null && _added.TryGetValue(path, out entry))
            {
                return true;
            }

            if (_removed is not null && _removed.Contains(path))
            {
                entry = null;
                return false;
            }

            return _parent!._entries.TryGetValue(path, out entry);
        }

        public bool ContainsKey(string path) => TryGetValue(path, out _);

        public FileEntry this[string path]
        {
            set
            {
                if (Flat is not null)
                {
                    Flat[path] = value;
                    return;
                }

                Added[path] = value;
                _removed?.Remove(path);
            }
        }

        public bool Remove(string path, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out FileEntry entry)
        {
            if (Flat is not null)
            {
                return Flat.Remove(path, out entry);
            }

            if (!TryGetValue(path, out entry))
            {
                return false;
            }

            _added?.Remove(path);
            if (_parent!._entries.ContainsKey(path))
            {
                Removed.Add(path);
            }

            return true;
        }
    }

    private sealed class Builder(EntryMap entries, Dictionary<string, string[]> baseChildren)
    {
        private readonly Dictionary<string, Names> _touched = new(StringComparer.Ordinal);

        public EntryMap Entries => entries;

        /// <summary>Only the directories whose child lists changed, as names added and removed, for a delta stack.</summary>
        public Dictionary<string, ChildDelta> FinishDelta()
        {
            var result = new Dictionary<string, ChildDelta>(StringComparer.Ordinal);
            foreach (var (dir, names) in _touched)
            {
                if (names.Count == 0 || !entries.ContainsKey(dir))
                {
                    result[dir] = new ChildDelta([], [], Cleared: true);
                    continue;
                }

                var (added, removed) = names.Delta();
                result[dir] = new ChildDelta(added, removed, Cleared: false);
            }

            return result;
        }

        public void Apply(Layer layer)
        {
            // Opaque directories and whiteouts act on the layers below only (3.4, 3.5): apply them first.
            foreach (var dir in layer.OpaqueDirectories)
            {
                if (entries.TryGetValue(dir, out var existing) && existing.IsDirectory)
                {
                    foreach (var name in Children(dir).ToArray())
                    {
                        RemoveTree(FsPath.Combine(dir, name));
                    }
                }
            }

            foreach (var path in layer.Whiteouts)
            {
                RemoveTree(path);
            }

            var paths = layer.Entries.Keys.ToArray();
            Array.Sort(paths, StringComparer.Ordinal);
            List<string>? links = null;
            foreach (var path in paths)
            {
                var entry = layer.Entries[path];
                if (entry.Type == EntryType.HardLink)
                {
                    (links ??= []).Add(path);
                    continue;
                }

                Put(path, entry);
            }

            // Links to links of the same layer resolve once their target has: repeat while progress is made.
            while (links is { Count: > 0 })
            {
                var pending = new List<string>();
                foreach (var path in links)
                {
                    var target = FsPath.Clean(layer.Entries[path].LinkTarget!);
                    if (entries.TryGetValue(target, out var resolved) && !resolved.IsDirectory &&
                        !(layer.Entries.TryGetValue(target, out var own) && own.Type == EntryType.HardLink && links.Contains(target)))
                    {
                        Put(path, resolved);
                    }
                    else
                    {
                        pending.Add(path);
                    }
                }

                if (pending.Count == links.Count)
                {
                    var path = pending[0];
                    throw Errors.InvalidArgument($"invalid layer entry {path}: hard link target {FsPath.Clean(layer.Entries[path].LinkTarget!)} does not exist");
                }

                links = pending;
            }
        }

        public Dictionary<string, string[]> Finish()
        {
            if (_touched.Count == 0)
            {
                return baseChildren;
            }

            var result = new Dictionary<string, string[]>(baseChildren, StringComparer.Ordinal);
            foreach (var (dir, names) in _touched)
            {
                if (names.Count == 0 || !entries.ContainsKey(dir))
                {
                    result.Remove(dir);
                    continue;
                }

                var sorted = names.All().ToArray();
                Array.Sort(sorted, StringComparer.Ordinal);
                result[dir] = sorted;
            }

            return result;
        }

        private void Put(string path, FileEntry entry)
        {
            if (path == FsPath.Root)
            {
                if (entry.IsDirectory)
                {
                    entries[path] = entry;
                }

                return;
            }

            EnsureDirectory(FsPath.Parent(path));
            if (entries.TryGetValue(path, out var existing))
            {
                if (existing.IsDirectory && entry.IsDirectory)
                {
                    entries[path] = entry; // 3.6: attributes only, children merge
                    return;
                }

                RemoveTree(path);
            }

            entries[path] = entry;
            Mutable(FsPath.Parent(path)).Add(FsPath.Name(path));
        }

        private void EnsureDirectory(string path)
        {
            if (entries.TryGetValue(path, out var existing))
            {
                if (existing.IsDirectory)
                {
                    return;
                }

                RemoveTree(path);
            }

            EnsureDirectory(FsPath.Parent(path));
            entries[path] = FileEntry.Directory();
            Mutable(FsPath.Parent(path)).Add(FsPath.Name(path));
        }

        private void RemoveTree(string path)
        {
            if (path == FsPath.Root || !entries.Remove(path, out var removed))
            {
                return;
            }

            if (removed.IsDirectory)
            {
                foreach (var name in Children(path).ToArray())
                {
                    RemoveTree(FsPath.Combine(path, name));
                }

                _touched[path] = Names.Cleared(baseChildren.TryGetValue(path, out var old) ? old : []);
            }

            Mutable(FsPath.Parent(path)).Remove(FsPath.Name(path));
        }

        private IEnumerable<string> Children(string dir) =>
            _touched.TryGetValue(dir, out var set) ? set.All() :
            baseChildren.TryGetValue(dir, out var names) ? names : [];

        private Names Mutable(string dir)
        {
            if (!_touched.TryGetValue(dir, out var set))
            {
                set = new Names(baseChildren.TryGetValue(dir, out var names) ? names : []);
                _touched[dir] = set;
            }

            return set;
        }
    }

    /// <summary>
    /// A touched directory's names: its base names (sorted ordinally) less the removed plus the added ones. The full set
    /// is only built when enumerated (a directory removed or made opaque); adding a file to a large directory (a
    /// container's init layer writing <c>/etc/hosts</c>) no longer copies every base name.
    /// </summary>
    private sealed class Names(string[] baseNames)
    {
        private HashSet<string>? _all;
        private HashSet<string>? _added;
        private HashSet<string>? _removed;

        public int Count => _all?.Count ?? baseNames.Length - (_removed?.Count ?? 0) + (_added?.Count ?? 0);

        /// <summary>A directory emptied (removed): no names, whatever its base had (kept to diff against).</summary>
        public static Names Cleared(string[] baseNames) => new(baseNames) { _all = new HashSet<string>(StringComparer.Ordinal) };

        public void Add(string name)
        {
            if (_all is not null)
            {
                _all.Add(name);
            }
            else if (!(_removed?.Remove(name) ?? false) && !InBase(name))
            {
                (_added ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            }
        }

        public void Remove(string name)
        {
            if (_all is not null)
            {
                _all.Remove(name);
            }
            else if (!(_added?.Remove(name) ?? false) && InBase(name))
            {
                (_removed ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            }
        }

        /// <summary>Every name (built once; then changed in place).</summary>
        public HashSet<string> All()
        {
            if (_all is null)
            {
                _all = new HashSet<string>(baseNames, StringComparer.Ordinal);
                if (_removed is not null)
                {
                    _all.ExceptWith(_removed);
                }

                if (_added is not null)
                {
                    _all.UnionWith(_added);
                }
            }

            return _all;
        }

        /// <summary>The names added to and removed from the base.</summary>
        public (string[] Added, string[] Removed) Delta()
        {
            if (_all is null)
            {
                return (_added is null ? [] : [.. _added], _removed is null ? [] : [.. _removed]);
            }

            var all = _all;
            return (all.Where(n => !InBase(n)).ToArray(), baseNames.Where(n => !all.Contains(n)).ToArray());
        }

        private bool InBase(string name) => Array.BinarySearch(baseNames, name, StringComparer.Ordinal) >= 0;
    }
}
