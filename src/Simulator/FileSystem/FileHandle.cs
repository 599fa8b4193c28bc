using Simulator.FileSystem.Internal;

namespace Simulator.FileSystem;

/// <summary>
/// An open file of a <see cref="UnionFileSystem"/>, as a file descriptor: it keeps reaching the same file
/// after the name is renamed or unlinked.
/// </summary>
/// <remarks>
/// <para>
/// A handle opened for writing holds the copied-up upper file, so writes through it show through every
/// name (hard links included). A handle opened read-only on an upper file sees later writes; on a lower
/// file it keeps reading the lower content (overlayfs.rst: read-only opens of lower files do not see later
/// copy-ups). Permissions are checked at open only.
/// </para>
/// <para>Thread-safe: each call takes the tree's lock. <see cref="Dispose"/> closes it; later calls give <see cref="Errno.EBADF"/>.</para>
/// </remarks>
public sealed class FileHandle : IDisposable
{
    private readonly UnionState _fs;
    private readonly Inode _inode;
    private readonly bool _clearsPrivileges;
    private bool _closed;

    /// <summary>The largest file: content is held in memory in one array. Beyond it: <see cref="Errno.EFBIG"/>.</summary>
    internal static long MaxFileSize => Array.MaxLength;

    /// <summary>
    /// The mode after a write, truncate or chown that removes privileges (Linux <c>should_remove_suid</c>): a regular
    /// file loses set-user-ID, and set-group-ID when it is group-executable.
    /// </summary>
    internal static UnixFileMode KillPrivileges(FileEntry entry)
    {
        var mode = entry.Mode;
        if (entry.Type != EntryType.RegularFile)
        {
            return mode;
        }

        mode &= ~UnixFileMode.SetUser;
        return mode.HasFlag(UnixFileMode.GroupExecute) ? mode & ~UnixFileMode.SetGroup : mode;
    }

    /// <summary>The entry with new content, now; a caller other than root also clears set-user-ID (<c>file_remove_privs</c>).</summary>
    private FileEntry Written(FileEntry entry, FileContent content) => entry with
    {
        Content = content,
        ModifiedAt = _fs.Now,
        Mode = _clearsPrivileges ? KillPrivileges(entry) : entry.Mode,
    };

    internal FileHandle(UnionState fs, Inode inode, OpenFlags flags, string path, bool clearsPrivileges)
    {
        _clearsPrivileges = clearsPrivileges;
        _fs = fs;
        _inode = inode;
        Flags = flags;
        Path = path;
    }

    /// <summary>The flags it was opened with.</summary>
    public OpenFlags Flags { get; }

    /// <summary>The resolved clean path it was opened at (in the view's namespace).</summary>
    public string Path { get; }

    /// <summary>Whether it can be read (<see cref="OpenFlags.ReadOnly"/> or <see cref="OpenFlags.ReadWrite"/>).</summary>
    public bool CanRead => (Flags & (OpenFlags)3) != OpenFlags.WriteOnly;

    /// <summary>Whether it can be written (<see cref="OpenFlags.WriteOnly"/> or <see cref="OpenFlags.ReadWrite"/>).</summary>
    public bool CanWrite => (Flags & (OpenFlags)3) != OpenFlags.ReadOnly;

    /// <summary><c>fstat(2)</c>: the file's entry now.</summary>
    /// <returns>The entry.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EBADF"/> closed.</exception>
    public FileEntry Stat()
    {
        lock (_fs.Gate)
        {
            Check();
            return _inode.Entry;
        }
    }

    /// <summary>The file's content now.</summary>
    /// <returns>The immutable content.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EBADF"/> closed or not open for reading; <see cref="Errno.EISDIR"/> a directory.</exception>
    public FileContent GetContent()
    {
        lock (_fs.Gate)
        {
            Check();
            if (!CanRead)
            {
                throw new FileSystemException(Errno.EBADF, Path);
            }

            if (_inode.Entry.IsDirectory)
            {
                throw new FileSystemException(Errno.EISDIR, Path);
            }

            return _inode.Entry.Content;
        }
    }

    /// <summary><c>pread(2)</c>.</summary>
    /// <param name="offset">The offset, 0 or more.</param>
    /// <param name="destination">Where to copy to.</param>
    /// <returns>The bytes read; fewer than asked only at the end.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
    /// <exception cref="FileSystemException">As <see cref="GetContent"/>.</exception>
    public int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return GetContent().Read(offset, destination);
    }

    /// <summary>
    /// <c>pwrite(2)</c>: writes at an offset (at the end when opened with <see cref="OpenFlags.Append"/>), extending with
    /// zeros. Writing no bytes changes nothing, even past the end.
    /// </summary>
    /// <param name="offset">The offset, 0 or more; ignored with <see cref="OpenFlags.Append"/>.</param>
    /// <param name="bytes">The bytes.</param>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.EBADF"/> closed or not open for writing; <see cref="Errno.EINVAL"/> a negative offset, or an end past
    /// <see cref="long.MaxValue"/>; <see cref="Errno.EFBIG"/> an end past the largest file size, <see cref="Array.MaxLength"/> bytes (content is held in memory).
    /// </exception>
    public void Write(long offset, ReadOnlySpan<byte> bytes)
    {
        lock (_fs.Gate)
        {
            CheckWrite();
            var old = _inode.Entry.Content;
            if (Flags.HasFlag(OpenFlags.Append))
            {
                offset = old.Length;
            }

            if (offset < 0 || offset > long.MaxValue - bytes.Length)
            {
                throw new FileSystemException(Errno.EINVAL, Path);
            }

            if (bytes.IsEmpty)
            {
                return;
            }

            long length = Math.Max(old.Length, offset + bytes.Length);
            if (length > MaxFileSize)
            {
                throw new FileSystemException(Errno.EFBIG, Path);
            }

            var buffer = new byte[length];
            old.Read(0, buffer);
            bytes.CopyTo(buffer.AsSpan((int)offset));
            _inode.Entry = Written(_inode.Entry, FileContent.FromOwnedBytes(buffer));
            _fs.External?.Push(_fs);
        }
    }

    /// <summary><c>ftruncate(2)</c>: sets the file's length, cutting or extending with zeros.</summary>
    /// <param name="length">The new length, 0 or more.</param>
    /// <exception cref="FileSystemException">
    /// <see cref="Errno.EBADF"/> closed; <see cref="Errno.EINVAL"/> negative length or not open for writing (as Linux);
    /// <see cref="Errno.EFBIG"/> longer than <see cref="Array.MaxLength"/> bytes.
    /// </exception>
    public void SetLength(long length)
    {
        lock (_fs.Gate)
        {
            Check();
            if (length < 0 || !CanWrite)
            {
                throw new FileSystemException(Errno.EINVAL, Path);
            }

            var old = _inode.Entry.Content;
            if (length == old.Length)
            {
                return;
            }

            if (length > MaxFileSize)
            {
                throw new FileSystemException(Errno.EFBIG, Path);
            }

            FileContent content = FileContent.Empty;
            if (length > 0)
            {
                var buffer = new byte[length];
                old.Read(0, buffer);
                content = FileContent.FromOwnedBytes(buffer);
            }

            _inode.Entry = Written(_inode.Entry, content);
            _fs.External?.Push(_fs);
        }
    }

    /// <summary>Closes the handle.</summary>
    public void Dispose()
    {
        lock (_fs.Gate)
        {
            _closed = true;
        }
    }

    /// <summary>Replaces the whole content (no copy), for <see cref="UnionFileSystem.WriteContent"/>.</summary>
    internal void SetContent(FileContent content)
    {
        lock (_fs.Gate)
        {
            CheckWrite();
            _inode.Entry = Written(_inode.Entry, content);
            _fs.External?.Push(_fs);
        }
    }

    private void CheckWrite()
    {
        Check();
        if (!CanWrite)
        {
            throw new FileSystemException(Errno.EBADF, Path);
        }
    }

    private void Check()
    {
        if (_closed)
        {
            throw new FileSystemException(Errno.EBADF, Path);
        }
    }
}
