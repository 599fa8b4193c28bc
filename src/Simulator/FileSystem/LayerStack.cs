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
/// <see cref="Push"/> copies the index (a flat array copy) and rewrites only the directories the new
/// layer touches.
/// </para>
/// </remarks>
public sealed class LayerStack
{
    private static readonly FileEntry RootEntry = FileEntry.Directory();

    private readonly Dictionary<string, FileEntry> _entries;
    private readonly Dictionary<string, string[]> _children;

    private LayerStack(Dictionary<string, FileEntry> entries, Dictionary<string, string[]> children, IReadOnlyList<Layer> layers)
    {
        _entries = entries;
        _children = children;
        Layers = layers;
    }

    /// <summary>The stack of no layers: only the root directory.</summary>
    public static LayerStack Empty { get; } = new(
        new Dictionary<string, FileEntry>(StringComparer.Ordinal) { [FsPath.Root] = RootEntry },
        new Dictionary<string, string[]>(StringComparer.Ordinal),
        []);

    /// <summary>The layers, bottom first.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The number of paths in the flattened tree, the root included.</summary>
    public int Count => _entries.Count;

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
        var builder = new Builder(new Dictionary<string, FileEntry>(Empty._entries, StringComparer.Ordinal), Empty._children);
        foreach (var layer in list)
        {
            if (!layer.IsEmpty)
            {
                builder.Apply(layer);
            }
        }

        return new LayerStack(builder.Entries, builder.Finish(), list.ToArray());
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
        if (layer.IsEmpty)
        {
            return new LayerStack(_entries, _children, layers);
        }

        var builder = new Builder(new Dictionary<string, FileEntry>(_entries, StringComparer.Ordinal), _children);
        builder.Apply(layer);
        return new LayerStack(builder.Entries, builder.Finish(), layers);
    }

    /// <summary>The entry at a clean absolute path, if any (hard links already resolved to regular files).</summary>
    /// <param name="path">A clean absolute path (<see cref="FsPath.IsClean"/>); other strings are simply not found.</param>
    /// <param name="entry">The entry, when found.</param>
    /// <returns><see langword="true"/> if the path exists.</returns>
    public bool TryGetEntry(string path, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out FileEntry entry) =>
        _entries.TryGetValue(path, out entry);

    /// <summary>Whether a clean absolute path exists.</summary>
    /// <param name="path">A clean absolute path.</param>
    /// <returns><see langword="true"/> if it exists.</returns>
    public bool Contains(string path) => _entries.ContainsKey(path);

    /// <summary>The names of a directory's children, sorted ordinally; empty for a missing path or a non-directory.</summary>
    /// <param name="path">A clean absolute path.</param>
    /// <returns>The names (not paths); the list must not be changed.</returns>
    public IReadOnlyList<string> GetChildren(string path) => _children.TryGetValue(path, out var names) ? names : [];

    /// <summary>Every path in the flattened tree, in ordinal order (the root first).</summary>
    /// <returns>The paths.</returns>
    public IReadOnlyList<string> GetPaths()
    {
        var paths = _entries.Keys.ToArray();
        Array.Sort(paths, StringComparer.Ordinal);
        return paths;
    }

    private sealed class Builder(Dictionary<string, FileEntry> entries, Dictionary<string, string[]> baseChildren)
    {
        private readonly Dictionary<string, HashSet<string>> _touched = new(StringComparer.Ordinal);

        public Dictionary<string, FileEntry> Entries => entries;

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

                var sorted = names.ToArray();
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

                _touched[path] = new HashSet<string>(StringComparer.Ordinal);
            }

            Mutable(FsPath.Parent(path)).Remove(FsPath.Name(path));
        }

        private IEnumerable<string> Children(string dir) =>
            _touched.TryGetValue(dir, out var set) ? set :
            baseChildren.TryGetValue(dir, out var names) ? names : [];

        private HashSet<string> Mutable(string dir)
        {
            if (!_touched.TryGetValue(dir, out var set))
            {
                set = baseChildren.TryGetValue(dir, out var names)
                    ? new HashSet<string>(names, StringComparer.Ordinal)
                    : new HashSet<string>(StringComparer.Ordinal);
                _touched[dir] = set;
            }

            return set;
        }
    }
}
