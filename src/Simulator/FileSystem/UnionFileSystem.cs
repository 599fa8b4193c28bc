using System.Diagnostics;
using System.Text;
using Simulator.FileSystem.Internal;

namespace Simulator.FileSystem;

/// <summary>
/// A union (overlay) filesystem: a shared, read-only <see cref="LayerStack"/> plus an optional writable
/// upper layer, with POSIX operations that fail with <see cref="FileSystemException"/> errnos as Linux
/// does, and mounts of other trees on top. This is a container's root filesystem, or a volume's tree.
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b> <see cref="CreateWritable"/> makes a view over an image's stack in O(1): nothing
/// is copied until something is written. Operations copy entries up on first write (overlayfs.rst: open
/// for write, truncate, chmod, chown, utimes, link); a metadata-only copy-up shares the lower
/// <see cref="FileContent"/> object, so <c>chmod</c> of a 64 MiB file copies no bytes. Removing a lower
/// entry writes a whiteout; <c>rmdir d; mkdir d</c> leaves an opaque directory. <see cref="GetChanges"/>
/// is <c>docker diff</c>; <see cref="CommitLayer"/> turns the upper into a <see cref="Layer"/>
/// (<c>docker commit</c>), and <c>LayerStack.Push(layer)</c> plus a new view continues from it.</para>
/// <para><b>Paths.</b> Every path is taken from the view's root (relative paths too). Symlinks resolve
/// inside the root: <c>..</c> at the root stays at the root and absolute targets start at the view's
/// root, so no operation reaches outside whatever the links say; more than 40 hops is
/// <see cref="Errno.ELOOP"/>. A trailing slash requires a directory (<see cref="Errno.ENOTDIR"/>).</para>
/// <para><b>Overlayfs differences from a plain filesystem</b> (overlayfs.rst): renaming a directory that
/// exists in the lower stack (lower or merged) fails with <see cref="Errno.EXDEV"/> (no
/// <c>redirect_dir</c>), renaming a directory created in the upper works; hard links inherited from
/// the lower layers are broken at copy-up (no <c>index=on</c>). Hard links made in the upper keep
/// sharing content and metadata.</para>
/// <para><b>Mounts.</b> <see cref="Mount(string, UnionFileSystem, bool)"/> places another tree at a path: it shadows what is beneath
/// it, writes there go to the mounted tree (never to this upper, so never to <see cref="GetChanges"/>),
/// and a read-only mount gives <see cref="Errno.EROFS"/> (for unlink, rmdir and rename before the final name is looked
/// up, so before <see cref="Errno.ENOENT"/>, <see cref="Errno.EISDIR"/> or <see cref="Errno.ENOTEMPTY"/>, as Linux does; for
/// mkdir, symlink and link after <see cref="Errno.EEXIST"/>). Renames and links across mounts give
/// <see cref="Errno.EXDEV"/> (each mount is its own device, even two mounts of one tree, as bind mounts are); removing a mount point gives <see cref="Errno.EBUSY"/>. Mounts are not
/// nested (a mounted tree's own mounts are ignored). Renaming a directory moves the mounts beneath it along (Linux
/// mounts follow their directory). A mount point is listed in its parent directory even
/// if the view has no directory there, but the parent itself must exist (create it first, as a runtime
/// creates mount points).</para>
/// <para><b>Times.</b> New entries and writes take their mtime from the view's <see cref="TimeProvider"/>; a
/// directory's mtime is updated when names are added to or removed from it, as Linux does.</para>
/// <para><b>Caller.</b> Each instance acts as a user (<see cref="Uid"/>, <see cref="Gid"/>; root by
/// default); <see cref="WithCaller"/> gives another handle on the same tree acting as another user.
/// Non-root callers get permission checks on the mode bits (<see cref="Errno.EACCES"/>, and
/// <see cref="Errno.EPERM"/> for chmod/chown/utimes by a non-owner, or for removing another user's entry
/// from a sticky directory such as <c>/tmp</c>).</para>
/// <para><b>Set-user-ID.</b> As Linux's <c>should_remove_suid</c>: <see cref="Chown"/> (by anyone), and a write or truncate by a
/// caller other than root, clear a regular file's set-user-ID bit, and its set-group-ID bit when it is group-executable.</para>
/// <para><b>Names.</b> A path or symlink target holding a NUL character is refused with an
/// <see cref="ArgumentException"/> ("Null character in path."), as .NET's file APIs refuse it (no system call can
/// receive one).</para>
/// <para><b>Thread-safety.</b> Safe for concurrent use: each tree has one lock, held for the duration of
/// each operation. An operation on a view with mounts also holds the lock of every mounted tree; all of
/// them are taken in one global order (by creation of the tree), so views sharing volumes never deadlock.</para>
/// </remarks>
public sealed partial class UnionFileSystem
{
    private const UnixFileMode PermissionMask = (UnixFileMode)0xFFF; // 07777

    private const int MaxSymlinkHops = 40;
    private const int MaxNameBytes = 255;
    private const int MaxPathBytes = 4095;

    private readonly UnionState _state;

    /// <summary>The tree's shared state.</summary>
    internal UnionState State => _state;

    /// <summary>
    /// A number that is the same only while nothing visible through this view has changed (its tree and the trees
    /// mounted in it), or <see langword="null"/> when part of it mirrors a host directory, whose changes are not counted.
    /// Taken without locks; compare two stamps, never their size.
    /// </summary>
    internal long? ChangeStamp
    {
        get
        {
            if (_state.External is not null)
            {
                return null;
            }

            long stamp = _state.Changes;
            foreach (var mounted in _state.MountedStates)
            {
                if (mounted.External is not null)
                {
                    return null;
                }

                stamp += mounted.Changes;
            }

            return stamp;
        }
    }

    private UnionFileSystem(UnionState state, int uid, int gid)
    {
        _state = state;
        Uid = uid;
        Gid = gid;
    }

    /// <summary>The lower stack the view reads through.</summary>
    public LayerStack Lower => _state.Lower;

    /// <summary>Whether the view has no upper layer: every write gives <see cref="Errno.EROFS"/>.</summary>
    public bool IsReadOnly => !_state.Writable;

    /// <summary>The user ID the operations act as; 0 (root) bypasses permission checks.</summary>
    public int Uid { get; }

    /// <summary>The group ID the operations act as.</summary>
    public int Gid { get; }

    /// <summary>The time source for modification times.</summary>
    public TimeProvider TimeProvider => _state.Time;

    /// <summary>A writable view over <paramref name="lower"/> with an empty upper layer, acting as root; O(1).</summary>
    /// <param name="lower">The lower stack (an image's), shared, never changed.</param>
    /// <param name="timeProvider">The clock for modification times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lower"/> is <see langword="null"/>.</exception>
    public static UnionFileSystem CreateWritable(LayerStack lower, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(lower);
        return new UnionFileSystem(new UnionState(lower, true, timeProvider ?? TimeProvider.System), 0, 0);
    }

    /// <summary>A read-only view over <paramref name="lower"/> (no upper layer: writes give <see cref="Errno.EROFS"/>), acting as root; O(1).</summary>
    /// <param name="lower">The lower stack.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lower"/> is <see langword="null"/>.</exception>
    public static UnionFileSystem CreateReadOnly(LayerStack lower)
    {
        ArgumentNullException.ThrowIfNull(lower);
        return new UnionFileSystem(new UnionState(lower, false, TimeProvider.System), 0, 0);
    }

    /// <summary>A writable, empty tree (only <c>/</c>, mode <c>0755</c>), as a fresh volume.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The tree.</returns>
    public static UnionFileSystem CreateEmpty(TimeProvider? timeProvider = null) => CreateWritable(LayerStack.Empty, timeProvider);

    /// <summary>Another handle on the same tree (same upper, same mounts) acting as another user.</summary>
    /// <param name="uid">The user ID; 0 is root.</param>
    /// <param name="gid">The group ID.</param>
    /// <returns>The handle.</returns>
    public UnionFileSystem WithCaller(int uid, int gid) => new(_state, uid, gid);

    /// <summary>The mount destinations, sorted.</summary>
    public IReadOnlyList<string> MountPoints
    {
        get
        {
            lock (_state.Gate)
            {
                var list = _state.Mounts.Keys.ToList();
                list.Sort(StringComparer.Ordinal);
                return list;
            }
        }
    }

    /// <summary>Mounts <paramref name="source"/>'s tree (its root) at <paramref name="destination"/>, shadowing what is there.</summary>
    /// <param name="destination">Where, from the view's root; cleaned lexically (<see cref="FsPath.Clean"/>), not resolved through symlinks.</param>
    /// <param name="source">The tree to mount (a volume, another view); it keeps its own lock and state.</param>
    /// <param name="readOnly">Whether writes under the mount give <see cref="Errno.EROFS"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is <c>/</c>, or <paramref name="source"/> is this tree.</exception>
    /// <exception cref="FileSystemException"><see cref="Errno.EBUSY"/>: something is mounted there already.</exception>
    public void Mount(string destination, UnionFileSystem source, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(source);
        ThrowIfNul(destination, nameof(destination));
        var path = FsPath.Clean(destination);
        if (path == FsPath.Root)
        {
            throw new ArgumentException("Cannot mount over the root.", nameof(destination));
        }

        if (ReferenceEquals(source._state, _state))
        {
            throw new ArgumentException("Cannot mount a tree into itself.", nameof(source));
        }

        lock (_state.Gate)
        {
            if (!_state.MountsForWrite.TryAdd(path, new MountPoint(path, source, readOnly)))
            {
                throw new FileSystemException(Errno.EBUSY, destination);
            }

            _state.MountsChanged();
        }
    }

    /// <summary>
    /// Bind-mounts the entry at <paramref name="sourcePath"/> of <paramref name="source"/> (a directory or a regular file,
    /// found following symlinks now, as <c>mount --bind</c> resolves its source) at <paramref name="destination"/>:
    /// both see each other's changes at once, since they are the same entries. A file mount shadows one file; unlinking or
    /// renaming it gives <see cref="Errno.EBUSY"/>. If the source entry is later removed from <paramref name="source"/>, the
    /// mount point shows nothing (<see cref="Errno.ENOENT"/> beneath it) until it is unmounted.
    /// </summary>
    /// <param name="destination">Where, from the view's root; cleaned lexically, not resolved through symlinks.</param>
    /// <param name="source">The tree holding the entry (a host, a volume); it keeps its own lock and state.</param>
    /// <param name="sourcePath">The entry's path in <paramref name="source"/>; <c>/</c> mounts the whole tree.</param>
    /// <param name="readOnly">Whether writes under the mount give <see cref="Errno.EROFS"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is <c>/</c>, or the source is this tree's root.</exception>
    /// <exception cref="FileSystemException">
    /// As <see cref="Stat"/> for <paramref name="sourcePath"/> in <paramref name="source"/> (<see cref="Errno.ENOENT"/> ...);
    /// <see cref="Errno.EINVAL"/> the source is neither a directory nor a regular file; <see cref="Errno.EBUSY"/>: something is mounted at
    /// <paramref name="destination"/> already.
    /// </exception>
    public void Mount(string destination, UnionFileSystem source, string sourcePath, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sourcePath);
        ThrowIfNul(destination, nameof(destination));
        var path = FsPath.Clean(destination);
        if (path == FsPath.Root)
        {
            throw new ArgumentException("Cannot mount over the root.", nameof(destination));
        }

        var (state, statePath) = source.Run(sourcePath, () =>
        {
            var r = source.Resolve(sourcePath, follow: true);
            var entry = r.Entry ?? throw Fail(Errno.ENOENT, sourcePath);
            if (entry.Type is not (EntryType.Directory or EntryType.RegularFile))
            {
                throw Fail(Errno.EINVAL, sourcePath);
            }

            return (r.Fs, r.Path);
        });

        if (ReferenceEquals(state, _state) && statePath == FsPath.Root)
        {
            throw new ArgumentException("Cannot mount a tree into itself.", nameof(source));
        }

        lock (_state.Gate)
        {
            if (!_state.MountsForWrite.TryAdd(path, new MountPoint(path, new UnionFileSystem(state, 0, 0), readOnly, statePath)))
            {
                throw new FileSystemException(Errno.EBUSY, destination);
            }

            _state.MountsChanged();
        }
    }

    /// <summary>Removes the mount at <paramref name="destination"/>.</summary>
    /// <param name="destination">The destination as given to <see cref="Mount(string, UnionFileSystem, bool)"/>.</param>
    /// <returns><see langword="true"/> if a mount was removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is <see langword="null"/>.</exception>
    public bool Unmount(string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        lock (_state.Gate)
        {
            bool removed = _state.Mounts.Remove(FsPath.Clean(destination));
            _state.MountsChanged();
            return removed;
        }
    }

    /// <summary><c>stat(2)</c>: the entry at <paramref name="path"/>, following symlinks.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The entry (type, mode, owner, mtime, size, content).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.ENOENT"/> missing (or a dangling link); <see cref="Errno.ENOTDIR"/> a component, or a trailing-slash final (or one reached through a symlink whose target ends in a slash), is not a directory;
    /// <see cref="Errno.ELOOP"/> too many links; <see cref="Errno.EACCES"/> a directory on the way is not searchable; <see cref="Errno.ENAMETOOLONG"/>.
    /// </exception>
    public FileEntry Stat(string path) => Run(path, () => StatCore(path, follow: true));

    /// <summary><c>lstat(2)</c>: the entry at <paramref name="path"/>, not following a final symlink.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="Stat"/>.</exception>
    public FileEntry LStat(string path) => Run(path, () => StatCore(path, follow: false));

    /// <summary>
    /// <see cref="Stat"/> reporting the errno it would throw instead of throwing (0 and the entry on success): a PATH
    /// search (<c>exec.LookPath</c>) or <see cref="Exists"/> probes mostly missing paths, and an exception per miss
    /// cost more than the whole lookup. Same locks, same checks in the same order, same errno as <see cref="Stat"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> holds a NUL character (as <see cref="Stat"/>).</exception>
    internal Errno TryStat(string path, out FileEntry? entry)
    {
        try
        {
            var (errno, found) = Run(path, () =>
            {
                if (!path.Contains('\0') && !TooLong(path) && TryResolveFast(path, follow: true, out var r, out var error))
                {
                    // As Existing: a clean path has no trailing slash, and this walk follows no final symlink.
                    return error != 0 ? (error, null) : r.Entry is null ? (Errno.ENOENT, null) : ((Errno)0, r.Entry);
                }

                return ((Errno)0, (FileEntry?)StatCore(path, follow: true));
            });
            entry = found;
            return errno;
        }
        catch (FileSystemException e)
        {
            entry = null;
            return e.Errno;
        }
    }

    /// <summary>Whether <paramref name="path"/> exists, following symlinks (<see cref="Stat"/> without the exception).</summary>
    /// <param name="path">The path.</param>
    /// <returns><see langword="true"/> if <see cref="Stat"/> would succeed; <see langword="false"/> for a path holding a NUL character (as <c>File.Exists</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public bool Exists(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\0'))
        {
            return false;
        }

        return TryStat(path, out _) == 0;
    }

    /// <summary><c>readdir(3)</c>: the names in a directory (no <c>.</c>, <c>..</c>): upper names first, then lower names not in the upper (overlayfs.rst); whiteouts hidden.</summary>
    /// <param name="path">The directory, symlinks followed.</param>
    /// <returns>The names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="Stat"/>; <see cref="Errno.ENOTDIR"/> not a directory; <see cref="Errno.EACCES"/> not readable.</exception>
    public IReadOnlyList<string> ReadDirectory(string path) => Run(path, () =>
    {
        var r = Resolve(path, follow: true);
        var entry = r.Entry ?? throw Fail(Errno.ENOENT, path);
        if (!entry.IsDirectory)
        {
            throw Fail(Errno.ENOTDIR, path);
        }

        Require(entry, 4, path);
        return (IReadOnlyList<string>)ListLocked(r.AsDirectory());
    });

    /// <summary><c>readlink(2)</c>: a symlink's target as written.</summary>
    /// <param name="path">The symlink.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException"><see cref="Errno.EINVAL"/> not a symlink; otherwise as <see cref="LStat"/>.</exception>
    public string ReadLink(string path) => Run(path, () =>
    {
        var r = Resolve(path, follow: false);
        var entry = r.Entry ?? throw Fail(Errno.ENOENT, path);
        if (r.Trailing && !entry.IsDirectory)
        {
            throw Fail(entry.Type == EntryType.Symlink ? Errno.EINVAL : Errno.ENOTDIR, path);
        }

        return entry.Type == EntryType.Symlink ? entry.LinkTarget! : throw Fail(Errno.EINVAL, path);
    });

    /// <summary>Reads a whole regular file (symlinks followed).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The bytes (a copy for real content; generated for synthetic content).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException"><see cref="Errno.EISDIR"/> a directory; <see cref="Errno.EACCES"/> not readable; otherwise as <see cref="Stat"/>.</exception>
    public byte[] ReadAllBytes(string path) => GetContent(path).ReadAllBytes().ToArray();

    /// <summary>Reads a whole regular file as UTF-8 text.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="ReadAllBytes"/>.</exception>
    public string ReadAllText(string path) => Encoding.UTF8.GetString(GetContent(path).ReadAllBytes().Span);

    /// <summary>The immutable content of a regular file now (later writes make new content objects).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="ReadAllBytes"/>.</exception>
    public FileContent GetContent(string path)
    {
        using var handle = Open(path, OpenFlags.ReadOnly);
        return handle.GetContent();
    }

    /// <summary><c>pread(2)</c>: reads bytes of a regular file at an offset.</summary>
    /// <param name="path">The file.</param>
    /// <param name="offset">The offset, 0 or more.</param>
    /// <param name="destination">Where to copy to.</param>
    /// <returns>The number of bytes read: fewer than asked only at the end of the file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
    /// <exception cref="FileSystemException">As <see cref="ReadAllBytes"/>.</exception>
    public int Read(string path, long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return GetContent(path).Read(offset, destination);
    }

    /// <summary>Writes a whole file: <c>open(O_WRONLY|O_CREAT|O_TRUNC, mode)</c> then write.</summary>
    /// <param name="path">The file; created (mode <paramref name="mode"/>, owned by the caller) if missing.</param>
    /// <param name="bytes">The new content.</param>
    /// <param name="mode">Mode of a new file; <c>0644</c> when <see langword="null"/>; only the permission bits (<c>07777</c>) are kept.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="Open"/>.</exception>
    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, UnixFileMode? mode = null)
    {
        using var handle = Open(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, mode);
        handle.Write(0, bytes);
    }

    /// <summary>Writes a whole file as UTF-8 text (see <see cref="WriteAllBytes"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="text">The text.</param>
    /// <param name="mode">Mode of a new file; <c>0644</c> when <see langword="null"/>; only the permission bits (<c>07777</c>) are kept.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="Open"/>.</exception>
    public void WriteAllText(string path, string text, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, Encoding.UTF8.GetBytes(text), mode);
    }

    /// <summary>Replaces a file's content with an existing <see cref="FileContent"/> (e.g. synthetic), creating the file if missing; no bytes are copied.</summary>
    /// <param name="path">The file.</param>
    /// <param name="content">The content.</param>
    /// <param name="mode">Mode of a new file; <c>0644</c> when <see langword="null"/>; only the permission bits (<c>07777</c>) are kept.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="Open"/>.</exception>
    public void WriteContent(string path, FileContent content, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var handle = Open(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, mode);
        handle.SetContent(content);
    }

    /// <summary>
    /// <c>pwrite(2)</c> on an existing file: writes bytes at an offset, extending with zeros if past the end
    /// (writing no bytes changes nothing).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="offset">The offset, 0 or more.</param>
    /// <param name="bytes">The bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="Open"/> with <see cref="OpenFlags.WriteOnly"/>, then as <see cref="FileHandle.Write"/>
    /// (<see cref="Errno.EINVAL"/> a negative offset or an end past <see cref="long.MaxValue"/>, <see cref="Errno.EFBIG"/> too large).</exception>
    public void Write(string path, long offset, ReadOnlySpan<byte> bytes)
    {
        using var handle = Open(path, OpenFlags.WriteOnly);
        handle.Write(offset, bytes);
    }

    /// <summary>Appends bytes: <c>open(O_WRONLY|O_CREAT|O_APPEND)</c> then write.</summary>
    /// <param name="path">The file; created if missing.</param>
    /// <param name="bytes">The bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="Open"/>.</exception>
    public void Append(string path, ReadOnlySpan<byte> bytes)
    {
        using var handle = Open(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Append);
        handle.Write(0, bytes);
    }

    /// <summary>
    /// <c>open(2)</c>: checks, creates or truncates as the flags say (Linux's <c>do_open</c> order), copies the
    /// file up if opened for writing, and returns a handle.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <param name="flags">Access mode and flags.</param>
    /// <param name="mode">Mode of a created file; <c>0644</c> when <see langword="null"/>; only the permission bits (<c>07777</c>) are kept.</param>
    /// <returns>The handle; it keeps reaching the same file after renames and unlinks.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.EINVAL"/> both write bits, or <see cref="OpenFlags.Create"/> with <see cref="OpenFlags.Directory"/> (Linux 6.4+);
    /// <see cref="Errno.ENOENT"/> missing without <see cref="OpenFlags.Create"/>, or a missing parent;
    /// <see cref="Errno.EEXIST"/> <see cref="OpenFlags.Create"/>|<see cref="OpenFlags.Exclusive"/> on an existing name (even a dangling symlink);
    /// <see cref="Errno.EISDIR"/> a directory opened for writing, truncating or creating, or <see cref="OpenFlags.Create"/> with a trailing slash (or through a dangling symlink whose target ends in one);
    /// <see cref="Errno.ENOTDIR"/> <see cref="OpenFlags.Directory"/> or a trailing slash on a non-directory;
    /// <see cref="Errno.ELOOP"/> <see cref="OpenFlags.NoFollow"/> on a symlink, or too many links;
    /// <see cref="Errno.EROFS"/> writing in a read-only view or mount; <see cref="Errno.EACCES"/> missing permission.
    /// </exception>
    public FileHandle Open(string path, OpenFlags flags, UnixFileMode? mode = null) => Run(path, () => OpenCore(path, flags, mode));

    /// <summary><c>truncate(2)</c>: sets a regular file's length, cutting or extending with zeros.</summary>
    /// <param name="path">The file, symlinks followed.</param>
    /// <param name="length">The new length.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.EINVAL"/> negative length; <see cref="Errno.EISDIR"/> a directory; <see cref="Errno.EROFS"/>;
    /// <see cref="Errno.EACCES"/> not writable by the caller; <see cref="Errno.EFBIG"/> a new length (other than the current one) longer than the largest file
    /// (<see cref="Array.MaxLength"/> bytes: content is held in memory); otherwise as <see cref="Stat"/>.
    /// </exception>
    public void Truncate(string path, long length) => Run(path, () =>
    {
        if (length < 0)
        {
            throw Fail(Errno.EINVAL, path);
        }

        var r = Resolve(path, follow: true);
        var entry = Existing(r, path);
        if (entry.IsDirectory)
        {
            throw Fail(Errno.EISDIR, path);
        }

        Writable(r, path);
        Require(entry, 2, path);
        if (length > FileHandle.MaxFileSize && length != entry.Content.Length)
        {
            throw Fail(Errno.EFBIG, path); // a large synthetic file can still be "truncated" to its own size
        }

        var inode = r.Fs.CopyUp(r.Path, entry);
        inode.Entry = inode.Entry with
        {
            Content = Resize(inode.Entry.Content, length),
            ModifiedAt = r.Fs.Now,
            Mode = Uid != 0 ? FileHandle.KillPrivileges(inode.Entry) : inode.Entry.Mode, // do_truncate: ATTR_KILL_PRIV
        };
        return 0;
    });

    /// <summary><c>mkdir(2)</c>: creates a directory owned by the caller.</summary>
    /// <param name="path">The new directory (a trailing slash is allowed); a final symlink is not followed.</param>
    /// <param name="mode">Its mode; <c>0755</c> when <see langword="null"/>; only the permission bits (<c>07777</c>) are kept.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.EEXIST"/> the name exists (any type, dangling symlinks included); <see cref="Errno.ENOENT"/> missing parent;
    /// <see cref="Errno.ENOTDIR"/> a parent is not a directory; <see cref="Errno.EROFS"/>; <see cref="Errno.EACCES"/>.
    /// </exception>
    public void CreateDirectory(string path, UnixFileMode? mode = null) => Run(path, () =>
    {
        var r = Resolve(path, follow: false, trailingFollows: false);
        if (r.IsDot || r.Entry is not null)
        {
            throw Fail(Errno.EEXIST, path);
        }

        Writable(r, path);
        RequireParentWrite(r, path);
        var fs = r.Fs;
        bool overWhiteout = fs.Upper.TryGetValue(r.Path, out var existing) && existing is null;
        fs.EnsureUpperDirectory(r.Parent.Path);
        fs.SetUpper(r.Path, new Inode(fs, NewEntry(FileEntry.Directory(mode), r)));
        Touch(fs, r.Parent.Path);
        if (overWhiteout)
        {
            fs.AddOpaque(r.Path); // overlayfs.rst: a directory made over a whiteout is opaque
        }

        return 0;
    });

    /// <summary>Creates a directory and its missing parents (<c>mkdir -p</c>); existing directories are kept.</summary>
    /// <param name="path">The directory.</param>
    /// <param name="mode">Mode of created directories; <c>0755</c> when <see langword="null"/>; only the permission bits (<c>07777</c>) are kept.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// As <see cref="CreateDirectory"/>, but an existing directory (or a symlink to one) is no error; <see cref="Errno.EEXIST"/> when the
    /// last component exists and is not a directory, <see cref="Errno.ENOTDIR"/> when an earlier one is not.
    /// </exception>
    public void CreateDirectories(string path, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = "";
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            current += "/" + parts[i];
            try
            {
                CreateDirectory(current, mode);
            }
            catch (FileSystemException e) when (e.Errno == Errno.EEXIST)
            {
                if (!Exists(current) || !Stat(current).IsDirectory)
                {
                    throw new FileSystemException(i == parts.Length - 1 ? Errno.EEXIST : Errno.ENOTDIR, path);
                }
            }
        }
    }

    /// <summary><c>rmdir(2)</c>: removes an empty directory (a whiteout hides a lower one).</summary>
    /// <param name="path">The directory; a final symlink is not followed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.ENOENT"/> missing; <see cref="Errno.ENOTDIR"/> not a directory (a symlink to one included);
    /// <see cref="Errno.ENOTEMPTY"/> not empty, or the final component is <c>..</c>; <see cref="Errno.EINVAL"/> the final component is <c>.</c>;
    /// <see cref="Errno.EBUSY"/> the root or a mount point; <see cref="Errno.EROFS"/>; <see cref="Errno.EACCES"/>.
    /// </exception>
    public void RemoveDirectory(string path) => Run(path, () =>
    {
        var r = Resolve(path, follow: false, trailingFollows: false);
        if (r.IsDot)
        {
            throw Fail(r.IsDotDot ? Errno.ENOTEMPTY : r.Global == FsPath.Root ? Errno.EBUSY : Errno.EINVAL, path);
        }

        ParentWritable(r, path); // do_rmdir: mnt_want_write before the final lookup
        var entry = r.Entry ?? throw Fail(Errno.ENOENT, path);

        // may_delete: permission and sticky checks, then the type; vfs_rmdir: mount point; then the file system's ENOTEMPTY.
        RequireParentWrite(r, path);
        RequireSticky(r, entry, path);
        if (!entry.IsDirectory)
        {
            throw Fail(Errno.ENOTDIR, path);
        }

        if (r.IsMountRoot)
        {
            throw Fail(Errno.EBUSY, path);
        }

        if (ListLocked(r.AsDirectory()).Count > 0)
        {
            throw Fail(Errno.ENOTEMPTY, path);
        }

        Delete(r);
        return 0;
    });

    /// <summary><c>unlink(2)</c>: removes a non-directory (a symlink itself, not its target).</summary>
    /// <param name="path">The path.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.ENOENT"/> missing; <see cref="Errno.EISDIR"/> a directory; <see cref="Errno.ENOTDIR"/> a trailing slash on a non-directory;
    /// <see cref="Errno.EBUSY"/> a mount point; <see cref="Errno.EROFS"/>; <see cref="Errno.EACCES"/>.
    /// </exception>
    public void Unlink(string path) => Run(path, () =>
    {
        var r = Resolve(path, follow: false, trailingFollows: false);
        if (r.IsDot)
        {
            throw Fail(Errno.EISDIR, path);
        }

        ParentWritable(r, path); // do_unlinkat: mnt_want_write before the final lookup
        var entry = r.Entry ?? throw Fail(Errno.ENOENT, path);
        if (r.Trailing)
        {
            throw Fail(entry.IsDirectory ? Errno.EISDIR : Errno.ENOTDIR, path); // do_unlinkat "slashes"
        }

        // may_delete: permission and sticky checks before the type.
        RequireParentWrite(r, path);
        RequireSticky(r, entry, path);
        if (entry.IsDirectory || r.IsMountRoot)
        {
            throw Fail(r.IsMountRoot ? Errno.EBUSY : Errno.EISDIR, path);
        }

        Delete(r);
        return 0;
    });

    /// <summary><c>symlink(2)</c>: creates a symbolic link at <paramref name="linkPath"/> holding <paramref name="target"/> (not checked).</summary>
    /// <param name="target">The target as written: relative to the link's directory, or absolute from the view's root.</param>
    /// <param name="linkPath">Where to create the link.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.EEXIST"/> the name exists; <see cref="Errno.ENOENT"/> empty target, missing parent, or a trailing slash;
    /// <see cref="Errno.ENOTDIR"/>; <see cref="Errno.EROFS"/>; <see cref="Errno.EACCES"/>; <see cref="Errno.ENAMETOOLONG"/> the target is over
    /// 4095 bytes in UTF-8 (first), or as for any path.
    /// </exception>
    public void CreateSymlink(string target, string linkPath)
    {
        ArgumentNullException.ThrowIfNull(target);
        ThrowIfNul(target, nameof(target));
        if (TooLong(target))
        {
            ArgumentNullException.ThrowIfNull(linkPath);
            throw Fail(Errno.ENAMETOOLONG, linkPath); // do_symlinkat: getname(target) fails first
        }

        Run(linkPath, () =>
        {
            var r = Resolve(linkPath, follow: false, trailingFollows: false);
            if (r.IsDot || r.Entry is not null)
            {
                throw Fail(Errno.EEXIST, linkPath);
            }

            if (r.Trailing || target.Length == 0)
            {
                throw Fail(Errno.ENOENT, linkPath);
            }

            Writable(r, linkPath);
            RequireParentWrite(r, linkPath);
            Place(r, new Inode(r.Fs, NewEntry(FileEntry.Symlink(target), r)));
            return 0;
        });
    }

    /// <summary><c>link(2)</c>: a new name for an existing non-directory; both names then share content and metadata.</summary>
    /// <param name="existingPath">The existing file (a final symlink is linked itself, not followed).</param>
    /// <param name="newPath">The new name.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.ENOENT"/> the existing file or the new parent is missing, or a trailing slash on the new name;
    /// <see cref="Errno.EEXIST"/> the new name exists; <see cref="Errno.EXDEV"/> across mounts; <see cref="Errno.EROFS"/>;
    /// <see cref="Errno.EPERM"/> the existing path is a directory; <see cref="Errno.ENOTDIR"/>; <see cref="Errno.EACCES"/>.
    /// </exception>
    public void Link(string existingPath, string newPath)
    {
        ArgumentNullException.ThrowIfNull(newPath);
        Run(existingPath, () =>
        {
            var old = Resolve(existingPath, follow: false);
            var entry = Existing(old, existingPath);
            if (old.Trailing && !entry.IsDirectory)
            {
                throw Fail(Errno.ENOTDIR, existingPath);
            }

            var target = Resolve(newPath, follow: false, trailingFollows: false);
            if (target.IsDot || target.Entry is not null)
            {
                throw Fail(Errno.EEXIST, newPath);
            }

            if (target.Trailing)
            {
                throw Fail(Errno.ENOENT, newPath);
            }

            Writable(target, newPath); // filename_create: EEXIST, then EROFS, then do_linkat's EXDEV
            if (!ReferenceEquals(old.Device, target.Device))
            {
                throw Fail(Errno.EXDEV, newPath);
            }

            if (entry.IsDirectory)
            {
                throw Fail(Errno.EPERM, existingPath);
            }

            RequireParentWrite(target, newPath);
            var inode = old.Fs.CopyUp(old.Path, entry); // overlayfs.rst: linking copies the file up
            Place(target, inode);
            return 0;
        });
    }

    /// <summary>
    /// <c>rename(2)</c>: moves a name, replacing what is at <paramref name="newPath"/> (a non-directory, or an
    /// empty directory when moving a directory). Renaming a name onto itself or onto another name of the
    /// same file does nothing (POSIX).
    /// </summary>
    /// <param name="oldPath">The existing name (a final symlink is moved itself).</param>
    /// <param name="newPath">The new name.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.ENOENT"/> the old name or a parent is missing; <see cref="Errno.EBUSY"/> a final <c>.</c>/<c>..</c>, the root or a mount point;
    /// <see cref="Errno.EINVAL"/> moving a directory beneath itself; <see cref="Errno.ENOTEMPTY"/> the new name is an ancestor of the old or a non-empty directory;
    /// <see cref="Errno.ENOTDIR"/> directory over non-directory, or a trailing slash on a non-directory; <see cref="Errno.EISDIR"/> non-directory over directory;
    /// <see cref="Errno.EXDEV"/> across mounts, or the old name is a lower or merged directory (overlayfs without <c>redirect_dir</c>);
    /// <see cref="Errno.EROFS"/>; <see cref="Errno.EACCES"/>.
    /// </exception>
    public void Rename(string oldPath, string newPath)
    {
        ArgumentNullException.ThrowIfNull(newPath);
        Run(oldPath, () =>
        {
            RenameCore(oldPath, newPath);
            return 0;
        });
    }

    /// <summary>
    /// <c>chmod(2)</c>: sets the permission bits (symlinks followed); a metadata-only copy-up shares the content. A caller
    /// other than root whose <see cref="Gid"/> is not the file's group cannot set set-group-ID (silently dropped, as Linux).
    /// </summary>
    /// <param name="path">The path.</param>
    /// <param name="mode">The new permission bits.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException"><see cref="Errno.EPERM"/> the caller is neither root nor the owner; <see cref="Errno.EROFS"/>; otherwise as <see cref="Stat"/>.</exception>
    public void Chmod(string path, UnixFileMode mode) => Run(path, () =>
    {
        var r = Resolve(path, follow: true);
        var entry = Existing(r, path);
        Writable(r, path);
        if (Uid != 0 && Uid != entry.Uid)
        {
            throw Fail(Errno.EPERM, path);
        }

        mode &= PermissionMask;
        if (Uid != 0 && Gid != entry.Gid)
        {
            mode &= ~UnixFileMode.SetGroup; // setattr_prepare: set-group-ID needs the file's group (or CAP_FSETID)
        }

        var inode = r.Fs.CopyUp(r.Path, entry);
        inode.Entry = inode.Entry with { Mode = mode };
        return 0;
    });

    /// <summary>
    /// <c>chown(2)</c>: sets the owner (symlinks followed). Only root may give a file away; the owner may only
    /// set its group to its own <see cref="Gid"/> (or leave IDs unchanged), as Linux allows.
    /// A regular file loses its set-user-ID bit (and set-group-ID when group-executable), even when root chowns it.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <param name="uid">The new user ID; <c>-1</c> leaves it unchanged.</param>
    /// <param name="gid">The new group ID; <c>-1</c> leaves it unchanged.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.EINVAL"/> an ID below <c>-1</c>; <see cref="Errno.EPERM"/> a change only root may make; <see cref="Errno.EROFS"/>; otherwise as <see cref="Stat"/>.
    /// </exception>
    public void Chown(string path, int uid, int gid) => Run(path, () =>
    {
        var r = Resolve(path, follow: true);
        var entry = Existing(r, path);
        Writable(r, path);
        if (uid < -1 || gid < -1)
        {
            throw Fail(Errno.EINVAL, path);
        }

        // chown_ok/chgrp_ok: root may set anything; the owner may "set" its own uid and its own or current group.
        bool owner = Uid == entry.Uid;
        if (Uid != 0 && ((uid != -1 && !(owner && uid == entry.Uid)) || (gid != -1 && !(owner && (gid == entry.Gid || gid == Gid)))))
        {
            throw Fail(Errno.EPERM, path);
        }

        var inode = r.Fs.CopyUp(r.Path, entry);
        inode.Entry = inode.Entry with
        {
            Uid = uid == -1 ? entry.Uid : uid,
            Gid = gid == -1 ? entry.Gid : gid,
            Mode = FileHandle.KillPrivileges(inode.Entry), // chown_common: ATTR_KILL_SUID | ATTR_KILL_SGID, even for root
        };
        return 0;
    });

    /// <summary><c>utimes(2)</c>: sets the modification time (symlinks followed).</summary>
    /// <param name="path">The path.</param>
    /// <param name="modifiedAt">The time; <see langword="null"/> for now (as <c>utimes(path, NULL)</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.EACCES"/> now, by a caller that is neither owner nor allowed to write; <see cref="Errno.EPERM"/> an explicit time
    /// by a caller that is neither root nor owner; <see cref="Errno.EROFS"/>; otherwise as <see cref="Stat"/>.
    /// </exception>
    public void SetModifiedTime(string path, DateTimeOffset? modifiedAt = null) => Run(path, () =>
    {
        var r = Resolve(path, follow: true);
        var entry = Existing(r, path);
        Writable(r, path);
        if (Uid != 0 && Uid != entry.Uid)
        {
            if (modifiedAt is not null)
            {
                throw Fail(Errno.EPERM, path);
            }

            Require(entry, 2, path);
        }

        var inode = r.Fs.CopyUp(r.Path, entry);
        inode.Entry = inode.Entry with { ModifiedAt = (modifiedAt ?? r.Fs.Now).ToUniversalTime() };
        return 0;
    });

    private static FileSystemException Fail(Errno errno, string path) => new(errno, path);

    /// <summary>Whether a path or symlink target is over PATH_MAX - 1 (4095) bytes in UTF-8.</summary>
    private static bool TooLong(string path) => path.Length > MaxPathBytes / 3 && Encoding.UTF8.GetByteCount(path) > MaxPathBytes;

    /// <summary>A NUL cannot be passed to a system call (C strings end there): refused as .NET's file APIs refuse it.</summary>
    private static void ThrowIfNul(string path, string paramName)
    {
        if (path.Contains('\0'))
        {
            throw new ArgumentException("Null character in path.", paramName);
        }
    }

    private static FileEntry Existing(in Resolved r, string path)
    {
        var entry = r.Entry ?? throw Fail(Errno.ENOENT, path);
        if ((r.Trailing || r.SlashTarget) && !entry.IsDirectory)
        {
            throw Fail(Errno.ENOTDIR, path);
        }

        return entry;
    }

    private static void Writable(in Resolved r, string path)
    {
        if (r.ReadOnly)
        {
            throw Fail(Errno.EROFS, path);
        }
    }

    /// <summary>EROFS when the directory holding the final name is read-only (removing or renaming a name there).</summary>
    private static void ParentWritable(in Resolved r, string path)
    {
        if (r.Parent.ReadOnly)
        {
            throw Fail(Errno.EROFS, path);
        }
    }

    private static FileContent Resize(FileContent content, long length)
    {
        if (length == content.Length)
        {
            return content;
        }

        if (length == 0)
        {
            return FileContent.Empty;
        }

        var bytes = new byte[length];
        content.Read(0, bytes);
        return FileContent.FromOwnedBytes(bytes);
    }

    private T Run<T>(string path, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(path);
        var gates = EnterAll();
        try
        {
            foreach (var gate in gates)
            {
                gate.External?.Pull(gate);
            }

            try
            {
                return body();
            }
            finally
            {
                foreach (var gate in gates)
                {
                    gate.External?.Push(gate);
                }
            }
        }
        finally
        {
            for (int i = gates.Length - 1; i >= 0; i--)
            {
                Monitor.Exit(gates[i].Gate);
            }
        }
    }

    /// <summary>
    /// A tree mirroring <paramref name="hostPath"/> (a directory, or one file shown as <c>/name</c>) of any
    /// <see cref="System.IO.Abstractions.IFileSystem"/>: each operation reads the host's state first and writes its changes
    /// through after (see <see cref="ExternalTree"/>), for bind mounts on a host that is not a union.
    /// </summary>
    internal static UnionFileSystem Mirror(System.IO.Abstractions.IFileSystem fileSystem, string hostPath, TimeProvider time, out string sourcePath)
    {
        var external = new ExternalTree(fileSystem, hostPath);
        sourcePath = external.TreePath;
        return new UnionFileSystem(new UnionState(LayerStack.Empty, true, time) { External = external }, 0, 0);
    }

    /// <summary>
    /// Takes the locks of this tree and of every mounted tree, in ascending <see cref="UnionState.Id"/> order (the
    /// global lock order, so two views mounting the same trees cannot deadlock), retrying if the mounts changed
    /// meanwhile. Returns them in the order taken.
    /// </summary>
    private UnionState[] EnterAll()
    {
        while (true)
        {
            var mounted = _state.MountedStates;
            if (mounted.Length == 0)
            {
                Monitor.Enter(_state.Gate);
                if (_state.MountedStates.Length == 0)
                {
                    return _state.Alone;
                }

                Monitor.Exit(_state.Gate);
                continue;
            }

            var all = new UnionState[mounted.Length + 1];
            all[0] = _state;
            mounted.CopyTo(all, 1);
            Array.Sort(all, static (a, b) => a.Id.CompareTo(b.Id));
            int taken = 0;
            try
            {
                for (; taken < all.Length; taken++)
                {
                    Monitor.Enter(all[taken].Gate);
                }
            }
            catch
            {
                for (int i = taken - 1; i >= 0; i--)
                {
                    Monitor.Exit(all[i].Gate);
                }

                throw;
            }

            if (ReferenceEquals(_state.MountedStates, mounted))
            {
                return all;
            }

            for (int i = all.Length - 1; i >= 0; i--)
            {
                Monitor.Exit(all[i].Gate);
            }
        }
    }

    /// <summary>A mounted tree's lock is held for the whole operation (taken by <see cref="EnterAll"/>).</summary>
    private static void EnterMount(UnionState fs) => Debug.Assert(Monitor.IsEntered(fs.Gate), "mounted tree not locked");

    /// <summary>
    /// A new entry at the (missing) final of <paramref name="r"/>, owned by the caller, now; only the 12 permission bits
    /// of a requested mode are kept (as <c>open</c>/<c>mkdir</c>). In a set-group-ID directory it takes the directory's
    /// group, and a new directory is set-group-ID too (<c>inode_init_owner</c>); a group-executable set-group-ID file for a
    /// group the caller is not in loses that bit (<c>mode_strip_sgid</c>).
    /// </summary>
    private FileEntry NewEntry(FileEntry entry, in Resolved r)
    {
        var mode = entry.Mode & PermissionMask;
        int gid = Gid;
        var parent = r.Parent.Entry;
        if (parent.Mode.HasFlag(UnixFileMode.SetGroup))
        {
            gid = parent.Gid;
            if (entry.IsDirectory)
            {
                mode |= UnixFileMode.SetGroup;
            }
            else if (Uid != 0 && gid != Gid && mode.HasFlag(UnixFileMode.SetGroup | UnixFileMode.GroupExecute))
            {
                mode &= ~UnixFileMode.SetGroup;
            }
        }

        return entry with { Uid = Uid, Gid = gid, ModifiedAt = r.Fs.Now, Mode = mode };
    }

    private FileEntry StatCore(string path, bool follow)
    {
        var r = Resolve(path, follow);
        return Existing(r, path);
    }

    /// <summary>Whether the caller has the <paramref name="want"/> bits (4 read, 2 write, 1 search/exec) on the entry.</summary>
    private bool Allowed(FileEntry entry, int want)
    {
        if (Uid == 0)
        {
            return true;
        }

        int mode = (int)entry.Mode;
        int bits = Uid == entry.Uid ? (mode >> 6) & 7 : Gid == entry.Gid ? (mode >> 3) & 7 : mode & 7;
        return (bits & want) == want;
    }

    private void Require(FileEntry entry, int want, string path)
    {
        if (!Allowed(entry, want))
        {
            throw Fail(Errno.EACCES, path);
        }
    }

    private void RequireParentWrite(in Resolved r, string path) => Require(r.Parent.Entry, 3, path);

    /// <summary>In a sticky directory (<c>/tmp</c>), only root and the owners of the entry or the directory may remove or replace it (EPERM).</summary>
    private void RequireSticky(in Resolved r, FileEntry entry, string path)
    {
        if (Uid != 0 && r.Parent.Entry.Mode.HasFlag(UnixFileMode.StickyBit) && Uid != entry.Uid && Uid != r.Parent.Entry.Uid)
        {
            throw Fail(Errno.EPERM, path);
        }
    }

    /// <summary>Sets a directory's mtime to now after a change of its names, as Linux does (copying it up).</summary>
    private static void Touch(UnionState fs, string dir)
    {
        fs.EnsureUpperDirectory(dir);
        var inode = fs.Upper[dir]!;
        inode.Entry = inode.Entry with { ModifiedAt = fs.Now };
    }

    /// <summary>Removes the final entry of <paramref name="r"/>: drops its upper tree and whiteouts a visible lower entry.</summary>
    private static void Delete(in Resolved r)
    {
        var fs = r.Fs;
        bool lowerHas = r.LowerHas;
        fs.RemoveUpperTree(r.Path);
        if (lowerHas)
        {
            fs.EnsureUpperDirectory(r.Parent.Path);
            fs.SetUpper(r.Path, null);
        }

        Touch(fs, r.Parent.Path);
    }

    /// <summary>Puts an inode at the (missing) final of <paramref name="r"/>, replacing a whiteout.</summary>
    private static void Place(in Resolved r, Inode inode)
    {
        var fs = r.Fs;
        fs.EnsureUpperDirectory(r.Parent.Path);
        fs.SetUpper(r.Path, inode);
        Touch(fs, r.Parent.Path);
    }

    private List<string> ListLocked(Location dir)
    {
        var names = dir.Fs.List(dir.Path, dir.LowerVisible);

        if (_state.Mounts.Count > 0)
        {
            foreach (var mount in _state.Mounts.Keys)
            {
                if (mount != FsPath.Root && FsPath.Parent(mount) == dir.Global && !names.Contains(FsPath.Name(mount)))
                {
                    names.Add(FsPath.Name(mount));
                }
            }
        }

        return names;
    }

    private Location RootLocation() =>
        new(_state, FsPath.Root, FsPath.Root, _state.RootLowerVisible, !_state.Writable, _state.RootEntry, _state);

    /// <summary>
    /// Resolves a path inside the view's root: component by component, following symlinks (all but the
    /// final one unless <paramref name="follow"/> or a trailing slash), switching into mounts, never
    /// climbing above <c>/</c>.
    /// </summary>
    private Resolved Resolve(string path, bool follow, bool trailingFollows = true)
    {
        ThrowIfNul(path, nameof(path));
        if (path.Length == 0)
        {
            throw Fail(Errno.ENOENT, path);
        }

        if (TooLong(path))
        {
            throw Fail(Errno.ENAMETOOLONG, path);
        }

        if (TryResolveFast(path, follow, out var fast, out var error))
        {
            return error == 0 ? fast : throw Fail(error, path);
        }

        bool trailing = path.Length > 1 && path[^1] == '/';
        follow |= trailing && trailingFollows;
        var frames = new List<Location>(8) { RootLocation() };
        var pending = new Stack<string>();
        PushComponents(pending, path);
        int hops = 0;
        bool dotDot = false;
        bool slashTarget = false;
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            bool isLast = pending.Count == 0;
            if (name == ".")
            {
                dotDot = false;
                continue;
            }

            if (name == "..")
            {
                if (frames.Count > 1)
                {
                    frames.RemoveAt(frames.Count - 1);
                }

                dotDot = true;
                continue;
            }

            dotDot = false;
            if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
            {
                throw Fail(Errno.ENAMETOOLONG, path);
            }

            var dir = frames[^1];
            Require(dir.Entry, 1, path);
            var global = FsPath.Combine(dir.Global, name);
            UnionState fs;
            string fsPath;
            FileEntry? entry;
            bool lowerVisible;
            bool readOnly;
            bool mountRoot = false;
            object device;
            if (_state.Mounts.Count > 0 && _state.Mounts.TryGetValue(global, out var mount))
            {
                fs = mount.Source._state;
                device = mount;
                fsPath = mount.SourcePath;
                EnterMount(fs);
                entry = mount.RootEntry(out lowerVisible);

                readOnly = mount.ReadOnly || !fs.Writable;
                mountRoot = true;
            }
            else
            {
                fs = dir.Fs;
                device = dir.Device;
                fsPath = FsPath.Combine(dir.Path, name);
                readOnly = dir.ReadOnly;
                entry = fs.LookupChild(fsPath, dir.LowerVisible, out _, out lowerVisible);
            }

            if (entry is { Type: EntryType.Symlink } && (!isLast || follow))
            {
                if (++hops > MaxSymlinkHops)
                {
                    throw Fail(Errno.ELOOP, path);
                }

                var target = entry.LinkTarget!;
                if (target.Length == 0)
                {
                    throw Fail(Errno.ENOENT, path);
                }

                if (target[0] == '/')
                {
                    frames.RemoveRange(1, frames.Count - 1);
                }

                if (isLast && target[^1] == '/')
                {
                    slashTarget = true; // "l -> f/": the final must be a directory, as a trailing slash says
                }

                PushComponents(pending, target);
                if (pending.Count == 0)
                {
                    // The target was "/" (or only slashes and dots): the final is the root.
                    break;
                }

                continue;
            }

            if (!isLast)
            {
                if (entry is null)
                {
                    throw Fail(Errno.ENOENT, path);
                }

                if (!entry.IsDirectory)
                {
                    throw Fail(Errno.ENOTDIR, path);
                }

                frames.Add(new Location(fs, fsPath, global, lowerVisible, readOnly, entry, device));
                continue;
            }

            return new Resolved
            {
                Parent = dir,
                Name = name,
                Fs = fs,
                Path = fsPath,
                Global = global,
                Entry = entry,
                LowerVisible = lowerVisible,
                ReadOnly = readOnly,
                Device = device,
                Trailing = trailing,
                SlashTarget = slashTarget,
                IsMountRoot = mountRoot,
                IsDotDot = false,
            };
        }

        var self = frames[^1];
        return new Resolved
        {
            Parent = self,
            Name = "",
            Fs = self.Fs,
            Path = self.Path,
            Global = self.Global,
            Entry = self.Entry,
            LowerVisible = self.LowerVisible,
            ReadOnly = self.ReadOnly,
            Device = self.Device,
            Trailing = trailing,
            SlashTarget = slashTarget,
            IsMountRoot = true,
            IsDotDot = dotDot,
        };
    }

    /// <summary>
    /// The common case without allocation of a walk state: a clean absolute path, no mounts, no symlink to
    /// follow. Returns <see langword="false"/> (nothing changed) when a symlink must be followed or a name is long;
    /// otherwise <see langword="true"/> with the final, or with the errno <see cref="Resolve"/> throws in
    /// <paramref name="error"/> (0 on success), so a probe (<see cref="TryStat"/>) needs no exception.
    /// </summary>
    private bool TryResolveClean(string path, bool follow, out Resolved resolved, out Errno error)
    {
        error = 0;
        var fs = _state;
        var dir = RootLocation();
        int start = 1;
        int restarts = 0;
        while (true)
        {
            int slash = path.IndexOf('/', start);
            bool isLast = slash < 0;
            int end = isLast ? path.Length : slash;
            if (end - start > MaxNameBytes / 4)
            {
                resolved = default;
                return false; // let the general walk count the bytes
            }

            if (!Allowed(dir.Entry, 1))
            {
                resolved = default;
                error = Errno.EACCES;
                return true;
            }

            var childPath = isLast ? path : path[..end];
            var entry = fs.LookupChild(childPath, dir.LowerVisible, out _, out bool lowerVisible);
            if (entry is { Type: EntryType.Symlink } && (!isLast || follow))
            {
                // A followed final symlink (/bin/echo -> /bin/busybox) whose target, read from this directory, is a clean
                // path: the general walk would resolve exactly that from here (every directory so far is a real one), so
                // start over on it. Anything else (a symlinked directory, "..", a trailing slash) takes the general walk.
                if (isLast && ++restarts <= MaxFastRestarts && FollowedTarget(dir.Path, entry.LinkTarget!) is { } target)
                {
                    path = target;
                    dir = RootLocation();
                    start = 1;
                    continue;
                }

                resolved = default;
                return false;
            }

            if (!isLast)
            {
                if (entry is null || !entry.IsDirectory)
                {
                    resolved = default;
                    error = entry is null ? Errno.ENOENT : Errno.ENOTDIR;
                    return true;
                }

                dir = new Location(fs, childPath, childPath, lowerVisible, dir.ReadOnly, entry, fs);
                start = end + 1;
                continue;
            }

            resolved = new Resolved
            {
                Parent = dir,
                Name = path[start..],
                Fs = fs,
                Path = path,
                Global = path,
                Entry = entry,
                LowerVisible = lowerVisible,
                ReadOnly = dir.ReadOnly,
                Device = fs,
                Trailing = false,
                IsMountRoot = false,
                IsDotDot = false,
            };
            return true;
        }
    }

    /// <summary>
    /// <see cref="TryResolveClean"/> where it applies (a clean path other than <c>/</c> in a view without mounts); the
    /// caller has checked the path for NUL and length.
    /// </summary>
    private bool TryResolveFast(string path, bool follow, out Resolved resolved, out Errno error)
    {
        if (_state.Mounts.Count == 0 && path.Length > 1 && FsPath.IsClean(path))
        {
            return TryResolveClean(path, follow, out resolved, out error);
        }

        resolved = default;
        error = 0;
        return false;
    }

    /// <summary>Final symlinks <see cref="TryResolveClean"/> follows itself before leaving the rest to the general walk.</summary>
    private const int MaxFastRestarts = 8;

    /// <summary>A symlink's target as a clean absolute path read from <paramref name="directory"/>, or <see langword="null"/> if it is not one.</summary>
    private static string? FollowedTarget(string directory, string target)
    {
        if (target.Length == 0 || target[^1] == '/')
        {
            return null;
        }

        var next = target[0] == '/' ? target : directory == FsPath.Root ? "/" + target : directory + "/" + target;
        return next.Length > 1 && FsPath.IsClean(next) ? next : null;
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
