using System.Formats.Tar;
using System.Text;

namespace Simulator.FileSystem;

/// <summary>
/// Writes a <see cref="Layer"/> as an uncompressed OCI layer tar, byte-for-byte deterministic
/// (see <see cref="Layer.WriteTar"/> for the format).
/// </summary>
internal static class LayerTarWriter
{
    // USTAR field limits (POSIX.1-1988; Go archive/tar format.go nameSize, prefixSize).
    private const int NameSize = 100;
    private const int PrefixSize = 155;
    private const long MaxOctal7 = (1L << 21) - 1; // 8-byte numeric field: 7 octal digits
    private const long MaxOctal11 = (1L << 33) - 1; // 12-byte numeric field: 11 octal digits

    // Kinds sort in this order at the same path: a whiteout before the entry that re-creates the
    // path (a sequential extractor such as go-archive would otherwise delete the new entry, rule 3.5),
    // and the opaque marker right after its directory.
    private const int KindWhiteout = 0;
    private const int KindEntry = 1;
    private const int KindOpaque = 2;

    /// <summary>Writes the tar of <paramref name="layer"/> to <paramref name="destination"/>.</summary>
    public static void Write(Layer layer, Stream destination)
    {
        if (layer.IsEmpty)
        {
            destination.Write(EndOfArchive.Span);
            return;
        }

        using var writer = new TarWriter(destination, TarEntryFormat.Ustar, leaveOpen: true);
        foreach (var item in Ordered(layer))
        {
            var entry = CreateEntry(layer, item);
            using var data = entry.DataStream;
            writer.WriteEntry(entry);
        }
    }

    /// <summary>Writes the tar of <paramref name="layer"/> to <paramref name="destination"/> asynchronously.</summary>
    public static async Task WriteAsync(Layer layer, Stream destination, CancellationToken cancellationToken)
    {
        if (layer.IsEmpty)
        {
            await destination.WriteAsync(EndOfArchive, cancellationToken).ConfigureAwait(false);
            return;
        }

        var writer = new TarWriter(destination, TarEntryFormat.Ustar, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var item in Ordered(layer))
            {
                var entry = CreateEntry(layer, item);
                try
                {
                    await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }
    }

    // System.Formats.Tar writes no end-of-archive blocks when no entry was written; an empty layer is
    // the two zero blocks alone (Go's tar.Writer.Close), whose digest is Docker's empty-layer DiffID.
    private static ReadOnlyMemory<byte> EndOfArchive { get; } = new byte[2 * 512];

    /// <summary>The items of the layer in tar order.</summary>
    private static IEnumerable<Item> Ordered(Layer layer)
    {
        var items = new List<Item>(layer.Entries.Count + layer.Whiteouts.Count + layer.OpaqueDirectories.Count);
        bool hasHardLinks = false;
        foreach (var (path, entry) in layer.Entries)
        {
            items.Add(new Item(path, KindEntry, entry));
            hasHardLinks |= entry.Type == EntryType.HardLink;
        }

        foreach (var path in layer.Whiteouts)
        {
            items.Add(new Item(path, KindWhiteout, null));
        }

        foreach (var path in layer.OpaqueDirectories)
        {
            items.Add(new Item(path, KindOpaque, null));
        }

        items.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Path, b.Path);
            return c != 0 ? c : a.Kind.CompareTo(b.Kind);
        });

        if (!hasHardLinks)
        {
            foreach (var item in items)
            {
                yield return item;
            }

            yield break;
        }

        // A hard link must follow its target for an extractor to create it (go-archive createTarFile
        // links to an existing file): links to a target that sorts later wait for it, then follow it
        // (and links to them follow them, depth first).
        var written = new HashSet<string>(StringComparer.Ordinal);
        var waiting = new Dictionary<string, List<Item>>(StringComparer.Ordinal);
        var ready = new Stack<Item>();
        foreach (var item in items)
        {
            if (item.Entry is { Type: EntryType.HardLink } link)
            {
                var target = FsPath.Clean(link.LinkTarget!);
                if (target != item.Path && layer.Entries.ContainsKey(target) && !written.Contains(target))
                {
                    if (!waiting.TryGetValue(target, out var list))
                    {
                        waiting[target] = list = [];
                    }

                    list.Add(item);
                    continue;
                }
            }

            ready.Push(item);
            while (ready.TryPop(out var next))
            {
                yield return next;
                if (next.Kind == KindEntry)
                {
                    written.Add(next.Path);
                    if (waiting.Remove(next.Path, out var links))
                    {
                        for (int i = links.Count - 1; i >= 0; i--)
                        {
                            ready.Push(links[i]);
                        }
                    }
                }
            }
        }

        // Cycles of links only: written in path order.
        foreach (var item in waiting.Values.SelectMany(static l => l).OrderBy(static i => i.Path, StringComparer.Ordinal))
        {
            yield return item;
        }
    }

    private static TarEntry CreateEntry(Layer layer, Item item)
    {
        switch (item.Kind)
        {
            case KindWhiteout:
                // go-archive ExportChanges writes `.wh.<name>` as an empty regular file; it stamps time.Now(),
                // here mode, owner and mtime are all 0 so the tar is deterministic.
                return CreateHeader(
                    TarName(FsPath.Combine(FsPath.Parent(item.Path), Layer.WhiteoutPrefix + FsPath.Name(item.Path)), false),
                    TarEntryType.RegularFile,
                    0,
                    0,
                    0,
                    0,
                    null,
                    null);

            case KindOpaque:
                // go-archive overlayWhiteoutConverter.ConvertWrite: a regular file inheriting the directory's
                // permission bits and owner, zero mtime.
                layer.Entries.TryGetValue(item.Path, out var dir);
                return CreateHeader(
                    TarName(FsPath.Combine(item.Path, Layer.OpaqueMarker), false),
                    TarEntryType.RegularFile,
                    dir is null ? 0 : (int)dir.Mode & 0x1FF,
                    dir?.Uid ?? 0,
                    dir?.Gid ?? 0,
                    0,
                    null,
                    null);

            default:
                return CreateEntry(item.Path, item.Entry!);
        }
    }

    private static TarEntry CreateEntry(string path, FileEntry entry)
    {
        if (entry.Uid < 0 || entry.Gid < 0)
        {
            // System.Formats.Tar would silently write a negative id as 0.
            throw new InvalidOperationException($"The entry {path} has a negative uid or gid ({entry.Uid}:{entry.Gid}).");
        }

        int mode = (int)entry.Mode & 0xFFF;
        long mtime = entry.ModifiedAt.ToUnixTimeSeconds();
        switch (entry.Type)
        {
            case EntryType.Directory:
                return CreateHeader(TarName(path, true), TarEntryType.Directory, mode, entry.Uid, entry.Gid, mtime, null, null);
            case EntryType.Symlink:
                return CreateHeader(TarName(path, false), TarEntryType.SymbolicLink, mode, entry.Uid, entry.Gid, mtime, entry.LinkTarget, null);
            case EntryType.HardLink:
                return CreateHeader(
                    TarName(path, false),
                    TarEntryType.HardLink,
                    mode,
                    entry.Uid,
                    entry.Gid,
                    mtime,
                    FsPath.Clean(entry.LinkTarget!)[1..],
                    null);
            default:
                return CreateHeader(TarName(path, false), TarEntryType.RegularFile, mode, entry.Uid, entry.Gid, mtime, null, entry.Content);
        }
    }

    /// <summary>The tar name of a clean path: relative, directories with a trailing slash, the root <c>./</c>.</summary>
    private static string TarName(string path, bool directory)
    {
        if (path == FsPath.Root)
        {
            return directory ? "./" : ".";
        }

        return directory ? string.Concat(path.AsSpan(1), "/") : path[1..];
    }

    /// <summary>A header, with the content's stream (to dispose after writing) as its data stream.</summary>
    private static TarEntry CreateHeader(
        string name,
        TarEntryType type,
        int mode,
        int uid,
        int gid,
        long mtime,
        string? linkName,
        FileContent? content)
    {
        long size = content?.Length ?? 0;
        TarEntry tarEntry = FitsUstar(name, type == TarEntryType.Directory, linkName, uid, gid, mtime, size)
            ? new UstarTarEntry(type, name)
            : new GnuTarEntry(type, name);
        tarEntry.Mode = (UnixFileMode)mode;
        tarEntry.Uid = uid;
        tarEntry.Gid = gid;
        tarEntry.ModificationTime = DateTimeOffset.FromUnixTimeSeconds(mtime);
        if (linkName is not null)
        {
            tarEntry.LinkName = linkName;
        }

        if (size > 0)
        {
            tarEntry.DataStream = content!.OpenRead();
        }

        return tarEntry;
    }

    /// <summary>
    /// Whether every field fits a USTAR header as Go's archive/tar (writer.go, format.go) would accept it
    /// (numbers in octal, the name in name or prefix/name split at a slash), and System.Formats.Tar splits the
    /// name the same way. Otherwise the entry is written in GNU format (long-name records, base-256 numbers),
    /// which is deterministic; System.Formats.Tar's PAX writer puts the process id into each extended header
    /// name (<c>PaxHeaders.&lt;pid&gt;</c>), which would make the tar differ between processes.
    /// </summary>
    private static bool FitsUstar(string name, bool directory, string? linkName, int uid, int gid, long mtime, long size)
    {
        if (uid < 0 || uid > MaxOctal7 || gid < 0 || gid > MaxOctal7 || mtime < 0 || mtime > MaxOctal11 || size > MaxOctal11)
        {
            return false;
        }

        if (linkName is not null && Encoding.UTF8.GetByteCount(linkName) > NameSize)
        {
            return false;
        }

        int nameBytes = Encoding.UTF8.GetByteCount(name);
        if (nameBytes <= NameSize)
        {
            return true;
        }

        // Go splitUSTARPath needs ASCII; a trailing slash would be split differently by System.Formats.Tar.
        if (directory || !Ascii.IsValid(name))
        {
            return false;
        }

        int slash = name.LastIndexOf('/');
        int suffix = name.Length - slash - 1;
        return slash >= 1 && slash <= PrefixSize && suffix >= 1 && suffix <= NameSize;
    }

    private readonly record struct Item(string Path, int Kind, FileEntry? Entry);
}
