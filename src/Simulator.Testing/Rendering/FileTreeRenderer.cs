using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Volumes;

namespace Simulator.Testing.Rendering;

/// <summary>
/// Renders a filesystem tree (of a container's root, an image, a layer stack, one layer or a volume) as
/// deterministic, diff-friendly text for snapshot tests: one line per entry, sorted by path segment by segment,
/// with the columns of <see cref="TreeRenderOptions.Columns"/>, e.g.
/// <code>
/// drwxr-xr-x  0:0       -  /etc
/// -rw-r--r--  0:0       7  /etc/alpine-release  "3.20.3\n"
/// lrwxrwxrwx  0:0       -  /bin/sh -> /bin/busybox
/// </code>
/// A layer also shows its deletions as the OCI tar markers (image-spec layer.md): <c>whiteout  /etc/.wh.hostname</c>
/// and <c>opaque  /var/cache/.wh..wh..opq</c>.
/// </summary>
/// <remarks>
/// The output depends only on the tree: no dictionary order, culture or clock (times only with
/// <see cref="TreeColumns.ModifiedTime"/>), so the same tree renders byte for byte the same on every machine.
/// Lines end with <c>\n</c>; an empty tree renders as the empty string. Control characters in names and link targets
/// (a newline in a file name) print as <c>\n</c>, <c>\t</c>, <c>\r</c> or <c>\xHH</c>, so every entry stays on one line. Stateless and thread-safe; rendering a live
/// container's root while its processes write gives some consistent-per-entry state.
/// </remarks>
public static class FileTreeRenderer
{
    private const int MaxInlineContent = 64;
    private const int MaxFirstLine = 60;

    /// <summary>Renders a union view (a container's root, an image's read-only view, a volume's tree): what its processes see, mounts included.</summary>
    /// <param name="fileSystem">The view.</param>
    /// <param name="options">What to show; <see cref="TreeRenderOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The lines, each ending with <c>\n</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileSystem"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException"><see cref="TreeRenderOptions.Root"/> does not exist (<see cref="Errno.ENOENT"/>), is not a directory (<see cref="Errno.ENOTDIR"/>) or is a symlink loop (<see cref="Errno.ELOOP"/>).</exception>
    public static string Render(UnionFileSystem fileSystem, TreeRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        options ??= TreeRenderOptions.Default;
        if (!fileSystem.Stat(options.Root).IsDirectory)
        {
            throw new FileSystemException(Errno.ENOTDIR, options.Root);
        }

        var nodes = fileSystem.Walk(options.Root).Select(e => new Node(e.Path, e.Entry, null));
        return RenderNodes(nodes, options, FsPath.Clean(options.Root));
    }

    /// <summary>Renders the tree a stack of layers gives (the image's root filesystem).</summary>
    /// <param name="layers">The stack.</param>
    /// <param name="options">What to show; <see cref="TreeRenderOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException"><see cref="TreeRenderOptions.Root"/> does not exist (<see cref="Errno.ENOENT"/>), is not a directory (<see cref="Errno.ENOTDIR"/>) or is a symlink loop (<see cref="Errno.ELOOP"/>).</exception>
    public static string Render(LayerStack layers, TreeRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        return Render(UnionFileSystem.CreateReadOnly(layers), options);
    }

    /// <summary>Renders an image's root filesystem (all its layers applied).</summary>
    /// <param name="image">The image.</param>
    /// <param name="options">What to show; <see cref="TreeRenderOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException"><see cref="TreeRenderOptions.Root"/> does not exist (<see cref="Errno.ENOENT"/>), is not a directory (<see cref="Errno.ENOTDIR"/>) or is a symlink loop (<see cref="Errno.ELOOP"/>).</exception>
    public static string Render(Image image, TreeRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Render(LayerStack.Create(image.Layers), options);
    }

    /// <summary>Renders a volume's content.</summary>
    /// <param name="volume">The volume.</param>
    /// <param name="options">What to show; <see cref="TreeRenderOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException"><see cref="TreeRenderOptions.Root"/> does not exist (<see cref="Errno.ENOENT"/>), is not a directory (<see cref="Errno.ENOTDIR"/>) or is a symlink loop (<see cref="Errno.ELOOP"/>).</exception>
    public static string Render(Volume volume, TreeRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return Render(volume.Tree, options);
    }

    /// <summary>
    /// Renders one layer as a changeset: its entries, then its deletions as the tar markers of the OCI image spec,
    /// <c>whiteout</c> lines (<c>/dir/.wh.name</c>) and <c>opaque</c> lines (<c>/dir/.wh..wh..opq</c>), sorted in with the entries.
    /// Parent directories a layer does not hold are not invented.
    /// </summary>
    /// <param name="layer">The layer.</param>
    /// <param name="options">What to show; <see cref="TreeRenderOptions.Default"/> when <see langword="null"/>. <see cref="TreeRenderOptions.Root"/> selects a sub-tree.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    public static string Render(Layer layer, TreeRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        options ??= TreeRenderOptions.Default;
        var root = FsPath.Clean(options.Root);
        var nodes = layer.Entries.Select(e => new Node(e.Key, e.Value, null))
            .Concat(layer.Whiteouts.Select(p => new Node(FsPath.Combine(FsPath.Parent(p), Layer.WhiteoutPrefix + FsPath.Name(p)), null, "whiteout")))
            .Concat(layer.OpaqueDirectories.Select(p => new Node(FsPath.Combine(p, Layer.OpaqueMarker), null, "opaque")))
            .Where(n => FsPath.IsSameOrUnder(n.Path, root));
        return RenderNodes(nodes, options, root);
    }

    /// <summary>The text of the <c>ls -l</c> mode column for an entry: type character and permission bits with set-id and sticky bits.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>Ten characters, e.g. <c>drwxr-xr-x</c>, <c>-rwsr-xr-x</c>, <c>drwxrwxrwt</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is <see langword="null"/>.</exception>
    public static string FormatMode(FileEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        char type = entry.Type switch
        {
            EntryType.Directory => 'd',
            EntryType.Symlink => 'l',
            EntryType.HardLink => 'h',
            _ => '-',
        };
        int m = (int)entry.Mode;
        Span<char> s = stackalloc char[10];
        s[0] = type;
        Triplet(s[1..], m >> 6, (m & 0x800) != 0, 's');
        Triplet(s[4..], m >> 3, (m & 0x400) != 0, 's');
        Triplet(s[7..], m, (m & 0x200) != 0, 't');
        return new string(s);
    }

    private static void Triplet(Span<char> s, int bits, bool special, char specialChar)
    {
        s[0] = (bits & 4) != 0 ? 'r' : '-';
        s[1] = (bits & 2) != 0 ? 'w' : '-';
        bool x = (bits & 1) != 0;
        s[2] = special ? (x ? specialChar : char.ToUpperInvariant(specialChar)) : (x ? 'x' : '-');
    }

    private static string RenderNodes(IEnumerable<Node> nodes, TreeRenderOptions options, string root)
    {
        var include = new PathGlob(options.Include);
        var exclude = new PathGlob(options.Exclude);
        int rootDepth = Depth(root);
        var rows = new List<string[]>();
        foreach (var node in nodes.OrderBy(n => n.Path, PathOrder.Instance).ThenBy(n => n.Marker, StringComparer.Ordinal))
        {
            if (node.Path == root && !options.IncludeRoot)
            {
                continue;
            }

            if (options.MaxDepth is int max && Depth(node.Path) - rootDepth > max)
            {
                continue;
            }

            if (node.Path != root && ((!include.IsEmpty && !include.Matches(node.Path)) || (!exclude.IsEmpty && exclude.Matches(node.Path))))
            {
                continue;
            }

            rows.Add(Row(node, options));
        }

        return Align(rows, options.Columns);
    }

    private static int Depth(string path) => path == "/" ? 0 : path.Count(c => c == '/');

    // Cells: mode, owner, size, time, path, content.
    private static string[] Row(Node node, TreeRenderOptions options)
    {
        if (node.Entry is not { } e)
        {
            return [node.Marker!, "", "", "", TextFormat.Path(node.Path), ""];
        }

        string path = e.Type switch
        {
            EntryType.Symlink => TextFormat.Path(node.Path) + " -> " + TextFormat.Path(e.LinkTarget ?? ""),
            EntryType.HardLink => TextFormat.Path(node.Path) + " link to " + TextFormat.Path(e.LinkTarget ?? ""),
            _ => TextFormat.Path(node.Path),
        };
        bool file = e.Type == EntryType.RegularFile;
        return
        [
            FormatMode(e),
            e.Uid.ToString(CultureInfo.InvariantCulture) + ":" + e.Gid.ToString(CultureInfo.InvariantCulture),
            file ? e.Size.ToString(CultureInfo.InvariantCulture) : "-",
            e.ModifiedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            path,
            file && (options.Columns & TreeColumns.Content) != 0 ? DescribeContent(e.Content, options) : "",
        ];
    }

    private static string Align(List<string[]> rows, TreeColumns columns)
    {
        bool[] shown =
        [
            (columns & TreeColumns.Mode) != 0,
            (columns & TreeColumns.Owner) != 0,
            (columns & TreeColumns.Size) != 0,
            (columns & TreeColumns.ModifiedTime) != 0,
        ];
        var widths = new int[4];
        foreach (var row in rows)
        {
            for (int i = 0; i < 4; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new StringBuilder();
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            for (int i = 0; i < 4; i++)
            {
                if (!shown[i])
                {
                    continue;
                }

                if (i == 2)
                {
                    line.Append(row[i].PadLeft(widths[i]));
                }
                else
                {
                    line.Append(row[i].PadRight(widths[i]));
                }

                line.Append("  ");
            }

            line.Append(row[4]);
            if (row[5].Length > 0)
            {
                line.Append("  ").Append(row[5]);
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The content column: a short text in full, else a hash and, for small text, the first line.</summary>
    internal static string DescribeContent(FileContent content, TreeRenderOptions options)
    {
        if (content.Length == 0)
        {
            return "";
        }

        string? text = content.Length <= options.MaxTextBytes ? TryReadText(content) : null;
        if (text is not null && text.Length <= MaxInlineContent)
        {
            return Quote(text);
        }

        var hash = HashPrefix(content, options.MaxHashedBytes);
        if (text is null)
        {
            return hash;
        }

        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        var first = newline < 0 ? text : text[..newline];
        if (first.Length > MaxFirstLine)
        {
            // Never cut a surrogate pair in two (the half would print as U+FFFD).
            int cut = char.IsHighSurrogate(first[MaxFirstLine - 1]) ? MaxFirstLine - 1 : MaxFirstLine;
            first = first[..cut] + "…";
        }

        return hash + "  " + Quote(first);
    }

    internal static string HashPrefix(FileContent content, long maxBytes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long limit = Math.Min(content.Length, Math.Max(0, maxBytes));
        for (long offset = 0; offset < limit;)
        {
            int n = content.Read(offset, buffer.AsSpan(0, (int)Math.Min(buffer.Length, limit - offset)));
            if (n == 0)
            {
                break;
            }

            sha.AppendData(buffer, 0, n);
            offset += n;
        }

        var hex = Convert.ToHexStringLower(sha.GetHashAndReset());
        return (limit < content.Length ? "sha256~" : "sha256:") + hex[..12];
    }

    internal static string? TryReadText(FileContent content)
    {
        var bytes = content.ReadAllBytes().Span;
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\t' and not (byte)'\r')
            {
                return null;
            }
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string Quote(string text)
    {
        var s = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            s.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\x7f' => "\\x7f",
                _ => c.ToString(),
            });
        }

        return s.Append('"').ToString();
    }

    private readonly record struct Node(string Path, FileEntry? Entry, string? Marker);
}
