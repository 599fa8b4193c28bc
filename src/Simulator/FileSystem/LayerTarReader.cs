using System.Formats.Tar;
using Simulator.Internal;

namespace Simulator.FileSystem;

/// <summary>
/// Reads an uncompressed layer tar into a <see cref="Layer"/> (see <see cref="Layer.FromTar"/> for the rules),
/// following go-archive's <c>UnpackLayer</c> (diff.go) and <c>createTarFile</c> (archive.go).
/// </summary>
internal sealed class LayerTarReader
{
    // go-archive whiteouts.go
    private const string WhiteoutMetaPrefix = ".wh..wh.";
    private const string WhiteoutLinkDir = "/.wh..wh.plnk";

    // File data is read in chunks into a buffer that starts small and doubles: memory follows the data present.
    private const int InitialChunk = 1 << 16;
    private const int MaxChunk = 1 << 20;

    private readonly Dictionary<string, FileEntry> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _whiteouts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _opaque = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hasDescendants = new(StringComparer.Ordinal);
    private Dictionary<string, FileEntry>? _aufsHardlinks;

    private LayerTarReader()
    {
    }

    public static Layer Read(Stream source)
    {
        var builder = new LayerTarReader();
        using var reader = new TarReader(source, leaveOpen: true);
        while (true)
        {
            TarEntry? tarEntry;
            FileContent? content = null;
            try
            {
                tarEntry = reader.GetNextEntry(copyData: false);
                if (tarEntry is null)
                {
                    break;
                }

                if (HasContent(tarEntry))
                {
                    content = FileContent.FromOwnedBytes(ReadContent(tarEntry));
                }
            }
            catch (Exception ex) when (IsMalformed(ex))
            {
                throw Malformed(ex);
            }

            builder.Add(tarEntry, content);
        }

        return builder.Build();
    }

    public static async Task<Layer> ReadAsync(Stream source, CancellationToken cancellationToken)
    {
        var builder = new LayerTarReader();
        var reader = new TarReader(source, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            while (true)
            {
                TarEntry? tarEntry;
                FileContent? content = null;
                try
                {
                    tarEntry = await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
                    if (tarEntry is null)
                    {
                        break;
                    }

                    if (HasContent(tarEntry))
                    {
                        content = FileContent.FromOwnedBytes(await ReadContentAsync(tarEntry, cancellationToken).ConfigureAwait(false));
                    }
                }
                catch (Exception ex) when (IsMalformed(ex))
                {
                    throw Malformed(ex);
                }

                builder.Add(tarEntry, content);
            }
        }

        return builder.Build();
    }

    private static bool HasContent(TarEntry tarEntry) =>
        tarEntry.Length > 0 && tarEntry.DataStream is not null &&
        (tarEntry.EntryType == TarEntryType.RegularFile ||
         (tarEntry.EntryType == TarEntryType.V7RegularFile && !tarEntry.Name.EndsWith('/')));

    /// <summary>
    /// Reads an entry's data in bounded chunks into a buffer that grows as data arrives, so a header claiming a
    /// huge size costs memory only for the bytes really present; a stream ending early is a truncated tar.
    /// </summary>
    private static byte[] ReadContent(TarEntry tarEntry)
    {
        long length = CheckLength(tarEntry);
        var stream = tarEntry.DataStream!;
        var buffer = new byte[(int)Math.Min(length, InitialChunk)];
        int filled = 0;
        while (filled < length)
        {
            buffer = Grow(buffer, filled, length);
            int read = stream.Read(buffer, filled, (int)Math.Min(buffer.Length - filled, MaxChunk));
            filled += read > 0 ? read : throw Truncated(tarEntry, filled);
        }

        return buffer;
    }

    private static async Task<byte[]> ReadContentAsync(TarEntry tarEntry, CancellationToken cancellationToken)
    {
        long length = CheckLength(tarEntry);
        var stream = tarEntry.DataStream!;
        var buffer = new byte[(int)Math.Min(length, InitialChunk)];
        int filled = 0;
        while (filled < length)
        {
            buffer = Grow(buffer, filled, length);
            int read = await stream.ReadAsync(buffer.AsMemory(filled, (int)Math.Min(buffer.Length - filled, MaxChunk)), cancellationToken).ConfigureAwait(false);
            filled += read > 0 ? read : throw Truncated(tarEntry, filled);
        }

        return buffer;
    }

    private static long CheckLength(TarEntry tarEntry) => tarEntry.Length <= Array.MaxLength
        ? tarEntry.Length
        : throw Errors.InvalidArgument($"invalid layer entry {Quote(tarEntry.Name)}: {tarEntry.Length} bytes do not fit in memory");

    /// <summary>Doubles a full buffer (never past <paramref name="length"/>); returns it unchanged while it has room.</summary>
    private static byte[] Grow(byte[] buffer, int filled, long length)
    {
        if (filled < buffer.Length)
        {
            return buffer;
        }

        var grown = new byte[(int)Math.Min(length, (long)buffer.Length * 2)];
        buffer.AsSpan(0, filled).CopyTo(grown);
        return grown;
    }

    // Go's archive/tar answers a short body with io.ErrUnexpectedEOF ("unexpected EOF").
    private static DockerSimulatorException Truncated(TarEntry tarEntry, int read) =>
        Errors.InvalidArgument("unexpected EOF");

    private static bool IsMalformed(Exception ex) =>
        ex is InvalidDataException or FormatException or EndOfStreamException or ArgumentException or NotSupportedException;

    private static DockerSimulatorException Malformed(Exception ex) => ex is NotSupportedException
        ? new(ErrorKind.InvalidArgument, $"unhandled tar header type: {ex.Message}", ex) // e.g. sparse files ('S'), as go-archive
        : ex is EndOfStreamException
            ? new(ErrorKind.InvalidArgument, "unexpected EOF", ex) // Go's archive/tar: io.ErrUnexpectedEOF
            : new(ErrorKind.InvalidArgument, "archive/tar: invalid tar header", ex); // Go's tar.ErrHeader

    private Layer Build() => Layer.Create(_entries, _whiteouts, _opaque);

    private void Add(TarEntry tarEntry, FileContent? content)
    {
        var entries = _entries;
        var type = tarEntry.EntryType;
        if (type == TarEntryType.GlobalExtendedAttributes)
        {
            return; // go-archive: "PAX Global Extended Headers found and ignored"
        }

        var rawName = tarEntry.Name;
        if (rawName.Contains('\0') || (tarEntry.LinkName?.Contains('\0') ?? false))
        {
            // Only a PAX record can carry one (ustar fields end at the first NUL); no file system name can hold it.
            throw Errors.InvalidArgument($"invalid entry name {Quote(rawName)}: names and link names cannot hold a NUL character");
        }

        var path = Resolve(rawName) ?? throw Errors.InvalidArgument($"invalid entry name {Quote(rawName)}");
        if (type == TarEntryType.V7RegularFile)
        {
            // Go archive/tar reader: a V7 regular file whose name ends in a slash is a directory.
            type = rawName.EndsWith('/') ? TarEntryType.Directory : TarEntryType.RegularFile;
        }

        // Paths under an earlier non-directory entry of this archive: a symlink there would let the entry
        // be written outside the root (go-archive's breakout check relies on the symlink's creation).
        for (var ancestor = FsPath.Parent(path); ancestor != FsPath.Root; ancestor = FsPath.Parent(ancestor))
        {
            if (entries.TryGetValue(ancestor, out var parent) && parent.Type != EntryType.Directory)
            {
                throw Errors.InvalidArgument(parent.Type == EntryType.Symlink
                    ? $"invalid entry name {Quote(rawName)}: {ancestor} is a symlink in the same layer"
                    : $"invalid entry name {Quote(rawName)}: {ancestor} is not a directory");
            }
        }

        if (path.StartsWith("/" + WhiteoutMetaPrefix, StringComparison.Ordinal) && path != "/" + Layer.OpaqueMarker)
        {
            // AUFS metadata (go-archive UnpackLayer): skipped, but regular files in /.wh..wh.plnk may be
            // hard-link targets; they are kept aside by base name.
            if (FsPath.Parent(path) == WhiteoutLinkDir && type == TarEntryType.RegularFile)
            {
                _aufsHardlinks ??= new(StringComparer.Ordinal);
                _aufsHardlinks[FsPath.Name(path)] = Metadata(tarEntry, EntryType.RegularFile) with { Content = content ?? FileContent.Empty };
            }

            return;
        }

        var name = FsPath.Name(path);
        if (name.StartsWith(Layer.WhiteoutPrefix, StringComparison.Ordinal))
        {
            if (name == Layer.OpaqueMarker)
            {
                _opaque.Add(FsPath.Parent(path));
                MarkDescendant(path);
            }
            else if (name.StartsWith(WhiteoutMetaPrefix, StringComparison.Ordinal))
            {
                // Other reserved `.wh..wh.` names carry no deletion: ignored.
            }
            else if (name is Layer.WhiteoutPrefix or Layer.WhiteoutPrefix + "." or Layer.WhiteoutPrefix + "..")
            {
                // go-archive overlayWhiteoutConverter.ConvertRead; image-spec layer.md: a bare `.wh.` is invalid.
                throw Errors.InvalidArgument($"invalid whiteout entry {Quote(rawName)}");
            }
            else
            {
                _whiteouts.Add(FsPath.Combine(FsPath.Parent(path), name[Layer.WhiteoutPrefix.Length..]));
                MarkDescendant(path);
            }

            return;
        }

        FileEntry entry;
        switch (type)
        {
            case TarEntryType.Directory:
                entry = Metadata(tarEntry, EntryType.Directory);
                break;

            case TarEntryType.RegularFile:
                entry = Metadata(tarEntry, EntryType.RegularFile) with { Content = content ?? FileContent.Empty };
                break;

            case TarEntryType.SymbolicLink:
                // The target is data: resolved inside the root when the layer is used, never here.
                if (string.IsNullOrEmpty(tarEntry.LinkName))
                {
                    throw Errors.InvalidArgument($"invalid symlink {Quote(rawName)}: empty target");
                }

                entry = Metadata(tarEntry, EntryType.Symlink) with { LinkTarget = tarEntry.LinkName };
                break;

            case TarEntryType.HardLink:
                entry = HardLink(tarEntry, rawName, path);
                break;

            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                // Device nodes and fifos are not modelled: skipped, as go-archive skips them when it cannot
                // create them (in a user namespace).
                return;

            default:
                throw Errors.InvalidArgument($"unhandled tar header type {(int)(byte)type}");
        }

        if (path == FsPath.Root && entry.Type != EntryType.Directory)
        {
            throw Errors.InvalidArgument($"invalid layer entry {Quote(rawName)}: the root must be a directory");
        }

        // Over an existing path: dir over dir merges, anything else replaces the old path and what was
        // beneath it (go-archive UnpackLayer RemoveAll, rule 3.6).
        List<KeyValuePair<string, FileEntry>>? displaced = null;
        if (entries.TryGetValue(path, out var previous) && previous.Type != EntryType.Directory)
        {
            (displaced ??= []).Add(new(path, previous));
        }

        if (entry.Type != EntryType.Directory && _hasDescendants.Remove(path))
        {
            // The directory goes with everything this layer put beneath it: entries, whiteouts and opaque markers.
            var prefix = path + "/";
            foreach (var key in entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                (displaced ??= []).Add(new(key, entries[key]));
                entries.Remove(key);
            }

            _whiteouts.RemoveWhere(w => w.StartsWith(prefix, StringComparison.Ordinal));
            _opaque.RemoveWhere(o => o == path || o.StartsWith(prefix, StringComparison.Ordinal));
            _hasDescendants.RemoveWhere(d => d.StartsWith(prefix, StringComparison.Ordinal));
        }

        entries[path] = entry;
        if (displaced is not null)
        {
            // Links to displaced links pass on to their targets first (repeatedly, for chains), then displaced files
            // go to the links that remain.
            bool moved = true;
            while (moved)
            {
                moved = false;
                foreach (var (oldPath, oldEntry) in displaced)
                {
                    moved |= oldEntry.Type == EntryType.HardLink && KeepLinkedInode(oldPath, oldEntry);
                }
            }

            foreach (var (oldPath, oldEntry) in displaced)
            {
                if (oldEntry.Type != EntryType.HardLink)
                {
                    KeepLinkedInode(oldPath, oldEntry);
                }
            }
        }
        MarkDescendant(path);
    }

    /// <summary>Records that the directories above <paramref name="path"/> hold something of this layer (an entry, whiteout or opaque marker).</summary>
    private void MarkDescendant(string path)
    {
        for (var ancestor = FsPath.Parent(path); ancestor != FsPath.Root && _hasDescendants.Add(ancestor); ancestor = FsPath.Parent(ancestor))
        {
        }
    }

    /// <summary>
    /// An earlier hard link to a path that a later entry replaced keeps the replaced file (go-archive removes the
    /// name and creates a new file; the link still holds the old inode): the first such link (by path) becomes the
    /// old entry and the others link to it. A replaced entry that was itself a link passes its target on.
    /// Returns whether any link changed.
    /// </summary>
    private bool KeepLinkedInode(string oldPath, FileEntry oldEntry)
    {
        var links = _entries
            .Where(e => e.Value.Type == EntryType.HardLink && e.Value.LinkTarget == oldPath && e.Key != oldPath)
            .Select(e => e.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (links.Count == 0)
        {
            return false;
        }

        string target;
        if (oldEntry.Type == EntryType.HardLink)
        {
            target = oldEntry.LinkTarget!;
        }
        else
        {
            target = links[0];
            links.RemoveAt(0);
            _entries[target] = oldEntry;
        }

        foreach (var link in links)
        {
            _entries[link] = _entries[link] with { LinkTarget = target };
        }

        return true;
    }

    /// <summary>
    /// The clean absolute path of a tar name or hard-link target as go-archive maps it
    /// (<c>path.Clean(strings.TrimLeft(name, "/"))</c>, then <c>filepath.IsLocal</c>): leading slashes are
    /// dropped, so absolute names are taken from the root; <see langword="null"/> when the cleaned name
    /// climbs above the root (<c>../x</c>, <c>a/../../x</c>, <c>/../x</c>).
    /// </summary>
    private static string? Resolve(string name) => FsPath.TryCleanLocal(name, out var path) ? path : null;

    private FileEntry HardLink(TarEntry tarEntry, string rawName, string path)
    {
        var aufsHardlinks = _aufsHardlinks;
        var linkName = tarEntry.LinkName;
        var target = string.IsNullOrEmpty(linkName) ? null : Resolve(linkName);
        if (target is null or FsPath.Root)
        {
            // go-archive resolveHardlinkTarget: the cleaned target, taken from the root, must stay inside it.
            throw Errors.InvalidArgument($"invalid hardlink target {Quote(linkName)}");
        }

        if (FsPath.Parent(target) == WhiteoutLinkDir)
        {
            // go-archive UnpackLayer retargets links into /.wh..wh.plnk to the file kept aside.
            if (aufsHardlinks is not null && aufsHardlinks.TryGetValue(FsPath.Name(target), out var kept))
            {
                return kept;
            }
        }
        else if (target != path && _entries.TryGetValue(target, out var existing) && existing.Type != EntryType.Directory)
        {
            return Metadata(tarEntry, EntryType.HardLink) with { LinkTarget = target };
        }

        throw Errors.InvalidArgument(
            $"invalid hardlink {Quote(rawName)} -> {Quote(linkName)}: the target is not a file earlier in the layer");
    }

    private static FileEntry Metadata(TarEntry tarEntry, EntryType type) => new()
    {
        Type = type,
        Mode = (UnixFileMode)((int)tarEntry.Mode & 0xFFF),
        Uid = tarEntry.Uid,
        Gid = tarEntry.Gid,
        ModifiedAt = DateTimeOffset.FromUnixTimeSeconds(tarEntry.ModificationTime.ToUnixTimeSeconds()),
    };

    private static string Quote(string? s) => "\"" + (s ?? "").Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\0", "\\x00") + "\"";
}
