using System.Collections.Frozen;
using System.Text;
using Simulator.Internal;
using Simulator.References;

namespace Simulator.FileSystem;

/// <summary>
/// An immutable changeset, as an OCI image layer (image-spec layer.md): entries added or modified in
/// full, deletions as whiteouts, and opaque directories whose lower children are all hidden.
/// </summary>
/// <remarks>
/// <para>
/// Paths are clean absolute paths (<see cref="FsPath"/>). A whiteout at <c>/a/b</c> is the tar entry
/// <c>a/.wh.b</c>: it deletes <c>/a/b</c> (and, for a directory, everything beneath) in the layers
/// below only. An opaque directory <c>/a</c> is the tar entry <c>a/.wh..wh..opq</c>: it hides every
/// lower child of <c>/a</c> while keeping <c>/a</c> and this layer's own entries under it (image-spec layer.md).
/// A whiteout and an entry at the same path may coexist: the entry stays (layer.md: whiteouts only affect lower layers).
/// </para>
/// <para>Names starting with <c>.wh.</c> are reserved and may not appear as entries.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed partial class Layer
{
    /// <summary>The whiteout file-name prefix, <c>.wh.</c>.</summary>
    public const string WhiteoutPrefix = ".wh.";

    /// <summary>The opaque-directory marker's file name, <c>.wh..wh..opq</c>.</summary>
    public const string OpaqueMarker = ".wh..wh..opq";

    private Layer(
        FrozenDictionary<string, FileEntry> entries,
        FrozenSet<string> whiteouts,
        FrozenSet<string> opaqueDirectories)
    {
        Entries = entries;
        Whiteouts = whiteouts;
        OpaqueDirectories = opaqueDirectories;
    }

    /// <summary>The layer with no changes.</summary>
    public static Layer Empty { get; } = new(
        FrozenDictionary<string, FileEntry>.Empty, FrozenSet<string>.Empty, FrozenSet<string>.Empty);

    /// <summary>Entries added or modified, by clean absolute path.</summary>
    public IReadOnlyDictionary<string, FileEntry> Entries { get; }

    /// <summary>Paths deleted from the layers below.</summary>
    public IReadOnlySet<string> Whiteouts { get; }

    /// <summary>Directories whose lower children are all hidden.</summary>
    public IReadOnlySet<string> OpaqueDirectories { get; }

    /// <summary>Whether the layer changes nothing.</summary>
    public bool IsEmpty => Entries.Count == 0 && Whiteouts.Count == 0 && OpaqueDirectories.Count == 0;

    /// <summary>
    /// Makes a layer from its parts. Paths are cleaned (<see cref="FsPath.Clean"/>); modes keep only their 12
    /// permission bits (<c>07777</c>), as a tar header and a view keep them.
    /// </summary>
    /// <param name="entries">Added or modified entries by path; a later duplicate path replaces an earlier one.</param>
    /// <param name="whiteouts">Deleted paths; <see langword="null"/> for none.</param>
    /// <param name="opaqueDirectories">Opaque directories; <see langword="null"/> for none.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or an entry is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An entry's <see cref="FileEntry.Type"/> is not a defined <see cref="EntryType"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: a path component starts with <c>.wh.</c>; a path or link target holds a NUL character; the root is not a
    /// directory or is whited out; a non-file has content; a link has no target; an entry, whiteout or opaque
    /// directory lies under a non-directory of the same layer (an opaque directory that is a non-directory entry too). Hard-link targets are cleaned to absolute paths.
    /// </exception>
    public static Layer Create(
        IEnumerable<KeyValuePair<string, FileEntry>> entries,
        IEnumerable<string>? whiteouts = null,
        IEnumerable<string>? opaqueDirectories = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var map = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
        foreach (var (rawPath, rawEntry) in entries)
        {
            ArgumentNullException.ThrowIfNull(rawEntry);
            var path = FsPath.Clean(rawPath);
            var entry = rawEntry;
            ThrowIfReserved(path, "entry");
            if (!Enum.IsDefined(entry.Type))
            {
                throw new ArgumentException($"Entry {path} has an undefined type {(int)entry.Type}.", nameof(entries));
            }

            if (path == FsPath.Root && entry.Type != EntryType.Directory)
            {
                throw Errors.InvalidArgument("invalid layer entry /: the root must be a directory");
            }

            if (entry.Type != EntryType.RegularFile && entry.Content.Length != 0)
            {
                throw Errors.InvalidArgument($"invalid layer entry {path}: only regular files have content");
            }

            if (entry.Type is EntryType.HardLink or EntryType.Symlink && string.IsNullOrEmpty(entry.LinkTarget))
            {
                throw Errors.InvalidArgument($"invalid layer entry {path}: a link needs a target");
            }

            if ((entry.Mode & ~(UnixFileMode)0xFFF) != 0)
            {
                entry = entry with { Mode = entry.Mode & (UnixFileMode)0xFFF }; // only the 12 permission bits (07777) are kept
            }

            if (entry.LinkTarget is not null && entry.LinkTarget.Contains('\0'))
            {
                throw Errors.InvalidArgument($"invalid layer entry {path}: a link target cannot hold a NUL character");
            }

            if (entry.Type == EntryType.HardLink && !FsPath.IsClean(entry.LinkTarget!))
            {
                entry = entry with { LinkTarget = FsPath.Clean(entry.LinkTarget!) };
            }

            map[path] = entry;
        }

        foreach (var path in map.Keys)
        {
            for (var parent = FsPath.Parent(path); parent != FsPath.Root; parent = FsPath.Parent(parent))
            {
                if (map.TryGetValue(parent, out var ancestor) && ancestor.Type != EntryType.Directory)
                {
                    throw Errors.InvalidArgument($"invalid layer entry {path}: {parent} is not a directory");
                }
            }
        }

        var deleted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rawPath in whiteouts ?? [])
        {
            var path = FsPath.Clean(rawPath);
            if (path == FsPath.Root)
            {
                throw Errors.InvalidArgument("invalid whiteout: the root cannot be deleted");
            }

            ThrowIfReserved(path, "whiteout");
            ThrowIfUnderNonDirectory(map, path, FsPath.Parent(path), "whiteout");
            deleted.Add(path);
        }

        var opaque = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rawPath in opaqueDirectories ?? [])
        {
            var path = FsPath.Clean(rawPath);
            ThrowIfReserved(path, "opaque directory");
            ThrowIfUnderNonDirectory(map, path, path, "opaque directory"); // its marker lies beneath it
            opaque.Add(path);
        }

        if (map.Count == 0 && deleted.Count == 0 && opaque.Count == 0)
        {
            return Empty;
        }

        return new Layer(
            map.ToFrozenDictionary(StringComparer.Ordinal),
            deleted.Count == 0 ? FrozenSet<string>.Empty : deleted.ToFrozenSet(StringComparer.Ordinal), // shared when empty: a container's init layer has neither
            opaque.Count == 0 ? FrozenSet<string>.Empty : opaque.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>A whiteout or opaque marker beneath a non-directory entry of the same layer could not be written as a tar.</summary>
    private static void ThrowIfUnderNonDirectory(Dictionary<string, FileEntry> map, string path, string directory, string what)
    {
        for (var parent = directory; parent != FsPath.Root; parent = FsPath.Parent(parent))
        {
            if (map.TryGetValue(parent, out var ancestor) && ancestor.Type != EntryType.Directory)
            {
                throw Errors.InvalidArgument($"invalid layer {what} {path}: {parent} is not a directory");
            }
        }
    }

    private static void ThrowIfReserved(string path, string what)
    {
        if (path.Contains('\0'))
        {
            throw Errors.InvalidArgument($"invalid layer {what} {path.Replace("\0", "\\0")}: names cannot hold a NUL character");
        }

        foreach (var component in path.Split('/'))
        {
            if (component.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                throw Errors.InvalidArgument($"invalid layer {what} {path}: names starting with {WhiteoutPrefix} are reserved");
            }
        }
    }

    /// <summary>
    /// The ChainID of a stack of layers, bottom first (OCI image-spec config.md): the DiffID of a single
    /// layer, otherwise <c>sha256(ChainID(L0..Ln-1) + " " + DiffID(Ln))</c> over the digest strings.
    /// </summary>
    /// <param name="diffIds">The layers' DiffIDs, bottom first; at least one.</param>
    /// <returns>The ChainID of the whole stack.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="diffIds"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="diffIds"/> is empty or holds the empty digest.</exception>
    public static Digest ChainId(IReadOnlyList<Digest> diffIds)
    {
        ArgumentNullException.ThrowIfNull(diffIds);
        if (diffIds.Count == 0)
        {
            throw new ArgumentException("A chain needs at least one layer.", nameof(diffIds));
        }

        var chain = diffIds[0];
        for (int i = 0; i < diffIds.Count; i++)
        {
            if (diffIds[i].IsEmpty)
            {
                throw new ArgumentException("A DiffID is empty.", nameof(diffIds));
            }

            if (i > 0)
            {
                chain = Digest.Compute(Encoding.ASCII.GetBytes(chain + " " + diffIds[i]));
            }
        }

        return chain;
    }
}
