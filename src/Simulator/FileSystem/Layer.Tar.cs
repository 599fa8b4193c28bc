using System.Runtime.CompilerServices;
using Simulator.Internal;
using Simulator.References;

namespace Simulator.FileSystem;

/// <summary>Tar export and import of layers, and their DiffIDs.</summary>
public sealed partial class Layer
{
    private StrongBox<TarSummary>? _tarSummary;

    /// <summary>
    /// The layer's DiffID (OCI image-spec config.md <c>rootfs.diff_ids</c>): the <c>sha256</c> digest of
    /// the uncompressed tar that <see cref="WriteTar"/> writes. <see cref="Empty"/> has Docker's well-known
    /// empty-layer DiffID <c>sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef</c>
    /// (1024 zero bytes).
    /// </summary>
    /// <remarks>
    /// Computed on first use by streaming the tar into an incremental SHA-256 (the tar is never held in
    /// memory; synthetic file content is generated in chunks), then cached. Thread-safe: concurrent first
    /// reads may each compute it and get the same value.
    /// </remarks>
    /// <exception cref="InvalidOperationException">An entry has a negative <see cref="FileEntry.Uid"/> or <see cref="FileEntry.Gid"/>.</exception>
    public Digest DiffId => GetTarSummary().DiffId;

    /// <summary>The length in bytes of the uncompressed tar <see cref="WriteTar"/> writes (1024 for <see cref="Empty"/>).</summary>
    /// <remarks>Computed and cached together with <see cref="DiffId"/>; thread-safe.</remarks>
    /// <exception cref="InvalidOperationException">An entry has a negative <see cref="FileEntry.Uid"/> or <see cref="FileEntry.Gid"/>.</exception>
    public long TarLength => GetTarSummary().Length;

    /// <summary>
    /// Writes the layer as an uncompressed OCI layer tar (image-spec layer.md), byte-for-byte the same
    /// for equal layers.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Order: by path (ordinal, so parents come before children); at the same path a whiteout comes before
    /// the entry that re-creates it, and an opaque marker right after its directory. A hard link whose target
    /// sorts later is written right after its target, so that extractors can link it.
    /// </para>
    /// <para>
    /// Names are relative without a leading <c>/</c>; directories end with <c>/</c> (the root is <c>./</c>), as
    /// go-archive's <c>canonicalTarName</c> writes them. Headers carry the entry's permission bits, uid, gid and
    /// mtime in whole seconds; no atime, ctime, user or group names. Regular files carry their content, read
    /// in chunks (synthetic content is never materialised). Symlinks are typeflag <c>2</c> with their target
    /// as written; hard links typeflag <c>1</c> with the target's path without the leading <c>/</c>.
    /// A whiteout of <c>/d/n</c> is the empty regular file <c>d/.wh.n</c> (mode 0, uid 0, mtime 0: go-archive
    /// <c>ExportChanges</c> with a fixed time); an opaque directory <c>/d</c> is the empty regular file
    /// <c>d/.wh..wh..opq</c> with the directory's permission bits and owner, mtime 0 (go-archive
    /// <c>overlayWhiteoutConverter</c>).
    /// </para>
    /// <para>
    /// Header format: USTAR, as Go's archive/tar chooses for go-archive's headers when every field fits
    /// (names up to 100 bytes or splittable into a 155-byte prefix and a 100-byte name, link names up to
    /// 100 bytes, ids below 2^21, sizes and mtimes in 0..2^33-1). An entry with a field that does not fit is
    /// written in GNU format (long-name records, base-256 numbers) where Go would write PAX, because
    /// System.Formats.Tar names PAX extended headers after the process id, which is not deterministic.
    /// The archive ends with two zero blocks; the empty layer is exactly 1024 zero bytes.
    /// </para>
    /// <para>
    /// Every layer can be written, but <see cref="FromTar"/> reads back only what an extractor accepts: a layer with
    /// an entry beneath a non-directory entry, or a hard link to a path that is not a non-directory entry of the
    /// layer, is written as it is and refused on import. Every other layer round-trips exactly (at whole seconds).
    /// </para>
    /// <para>Thread-safe (the layer is immutable); the destination is written sequentially and left open.</para>
    /// </remarks>
    /// <param name="destination">A writable stream; need not be seekable.</param>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not writable.</exception>
    /// <exception cref="InvalidOperationException">An entry has a negative <see cref="FileEntry.Uid"/> or <see cref="FileEntry.Gid"/>.</exception>
    public void WriteTar(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(destination));
        }

        LayerTarWriter.Write(this, destination);
    }

    /// <summary>
    /// Writes the same bytes as <see cref="WriteTar"/>, asynchronously (for destinations that refuse
    /// synchronous writes, such as ASP.NET Core response bodies).
    /// </summary>
    /// <remarks>Thread-safe (the layer is immutable); the destination is written sequentially and left open.</remarks>
    /// <param name="destination">A writable stream; need not be seekable.</param>
    /// <param name="cancellationToken">Cancels the write between and within entries; the destination then holds a partial tar.</param>
    /// <returns>A task that completes when the whole tar is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not writable.</exception>
    /// <exception cref="InvalidOperationException">An entry has a negative <see cref="FileEntry.Uid"/> or <see cref="FileEntry.Gid"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task WriteTarAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(destination));
        }

        return LayerTarWriter.WriteAsync(this, destination, cancellationToken);
    }

    /// <summary>
    /// Reads an uncompressed layer tar into a layer, as go-archive's <c>UnpackLayer</c> (diff.go) and
    /// <c>createTarFile</c> (archive.go, moby/go-archive @ ae9e219) apply it, all or nothing.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Names are cleaned and taken from the root (go-archive <c>path.Clean(strings.TrimLeft(name, "/"))</c>):
    /// <c>/etc/x</c>, <c>./etc/x</c> and <c>etc/x</c> are all <c>/etc/x</c>. Regular files are read into memory
    /// (real bytes); directories, symlinks (the target is kept verbatim, absolute or relative, and only resolved
    /// inside the root when the layer is used, as go-archive's <c>os.Root.Symlink</c>) and hard links (the
    /// target, taken from the root, becomes a clean absolute path) become entries. A later entry for the same
    /// path replaces the earlier one; a non-directory also removes the earlier entries, whiteouts and opaque markers
    /// beneath it (layer.md "Changeset over existing files").
    /// Hard links keep the file they linked when it is read: an earlier link to a replaced or removed file becomes that
    /// file (go-archive removes the name and creates a new inode; the link keeps the old one).
    /// mtimes are truncated to whole seconds; modes keep the 12 permission bits. Unlike go-archive, which skips
    /// an entry for the root itself (<c>./</c>), a root directory entry is kept so that round trips are exact.
    /// </para>
    /// <para>
    /// <c>&lt;dir&gt;/.wh.&lt;name&gt;</c> becomes a whiteout of <c>&lt;dir&gt;/&lt;name&gt;</c> and
    /// <c>&lt;dir&gt;/.wh..wh..opq</c> marks <c>&lt;dir&gt;</c> opaque, whatever their position in the archive
    /// (whiteouts only affect lower layers, layer.md); other <c>.wh..wh.</c> names are ignored, and AUFS metadata
    /// under <c>/.wh..wh.*</c> is skipped except that regular files in <c>/.wh..wh.plnk</c> become the content and
    /// metadata of hard links to them (go-archive whiteouts.go, diff.go). PAX global headers are ignored;
    /// character and block devices and fifos are skipped (not modelled; go-archive skips them when it cannot
    /// create them, in a user namespace) after their names are checked.
    /// </para>
    /// <para>Thread-safe for distinct streams; the source is read to the end of the archive and left open.</para>
    /// </remarks>
    /// <param name="source">A readable stream positioned at the tar; need not be seekable.</param>
    /// <returns>The layer (<see cref="Empty"/> for an archive with no changes).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>, and no layer is made, when:
    /// a name climbs above the root once cleaned (<c>../x</c>, <c>a/../../x</c>, <c>/../x</c>: go-archive
    /// <c>invalid entry name "../x"</c>);
    /// an entry lies beneath a symlink or other non-directory written earlier in the same archive (go-archive
    /// resolves such parents inside the root through absolute symlinks and refuses relative escapes; a changeset
    /// cannot resolve them without its lower layers, so all are refused);
    /// a hard link's target climbs above the root or is the root (go-archive <c>invalid hardlink target</c>), is
    /// not a non-directory entry earlier in the archive (where <c>link(2)</c> would fail), or is the link itself;
    /// a whiteout names nothing, <c>.</c> or <c>..</c> (<c>.wh.</c>, <c>.wh..</c>, <c>.wh...</c>: go-archive
    /// <c>invalid whiteout entry</c>; image-spec layer.md);
    /// a symlink has an empty target; a name or link name holds a NUL character (possible only in PAX records); the root entry is not a directory;
    /// the entry type is none of the above (e.g. contiguous or sparse files: go-archive
    /// <c>unhandled tar header type</c>); a file is longer than <see cref="Array.MaxLength"/>;
    /// the tar is malformed or truncated.
    /// </exception>
    public static Layer FromTar(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return LayerTarReader.Read(source);
    }

    /// <summary>Reads an uncompressed layer tar into a layer asynchronously, with the rules of <see cref="FromTar"/>.</summary>
    /// <remarks>Thread-safe for distinct streams; the source is read to the end of the archive and left open.</remarks>
    /// <param name="source">A readable stream positioned at the tar; need not be seekable.</param>
    /// <param name="cancellationToken">Cancels the read; no layer is made.</param>
    /// <returns>The layer (<see cref="Empty"/> for an archive with no changes).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: as <see cref="FromTar"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<Layer> FromTarAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return LayerTarReader.ReadAsync(source, cancellationToken);
    }

    /// <summary>Computes the DiffID and tar length without caching (for benchmarks and tests).</summary>
    internal (Digest DiffId, long Length) ComputeTarSummary()
    {
        using var sink = new HashingWriteStream();
        LayerTarWriter.Write(this, sink);
        return (sink.GetDigest(), sink.Length);
    }

    private TarSummary GetTarSummary()
    {
        var box = Volatile.Read(ref _tarSummary);
        if (box is null)
        {
            var (diffId, length) = ComputeTarSummary();
            Interlocked.CompareExchange(ref _tarSummary, new StrongBox<TarSummary>(new TarSummary(diffId, length)), null);
            box = Volatile.Read(ref _tarSummary)!;
        }

        return box.Value;
    }

    private readonly record struct TarSummary(Digest DiffId, long Length);
}
