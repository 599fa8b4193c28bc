using System.IO.Abstractions;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Simulator.FileSystem.Adapter;

/// <summary><see cref="IFile"/> over a union view, throwing what System.IO throws on Linux.</summary>
internal sealed class UnionFile(UnionFileSystemAdapter fs) : IFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IFileSystem FileSystem => fs;

    private UnionFileSystem Union => fs.Union;

    // ---- reading ----------------------------------------------------------------------------------

    internal FileContent ReadContent(string path)
    {
        var full = fs.GetFullPathCore(path);
        CheckShared(full);
        try
        {
            return Union.GetContent(full);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForFile(fs, e, full);
        }
    }

    public byte[] ReadAllBytes(string path) => ReadContent(path).ReadAllBytes().ToArray();

    public Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken = default) =>
        Async(path, cancellationToken, () => ReadAllBytes(path));

    public string ReadAllText(string path) => Decode(ReadContent(path), Encoding.UTF8);

    public string ReadAllText(string path, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return Decode(ReadContent(path), encoding);
    }

    public Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken = default) =>
        Async(path, cancellationToken, () => ReadAllText(path));

    public Task<string> ReadAllTextAsync(string path, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return Async(path, cancellationToken, () => ReadAllText(path, encoding));
    }

    public string[] ReadAllLines(string path) => ReadAllLines(path, Encoding.UTF8);

    public string[] ReadAllLines(string path, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return [.. SplitLines(ReadAllText(path, encoding))];
    }

    public Task<string[]> ReadAllLinesAsync(string path, CancellationToken cancellationToken = default) =>
        Async(path, cancellationToken, () => ReadAllLines(path));

    public Task<string[]> ReadAllLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return Async(path, cancellationToken, () => ReadAllLines(path, encoding));
    }

    public IEnumerable<string> ReadLines(string path) => ReadLines(path, Encoding.UTF8);

    public IEnumerable<string> ReadLines(string path, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var content = ReadContent(path);
        return Lines(content, encoding);
    }

    public IAsyncEnumerable<string> ReadLinesAsync(string path, CancellationToken cancellationToken = default) =>
        ReadLinesAsync(path, Encoding.UTF8, cancellationToken);

    public IAsyncEnumerable<string> ReadLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var content = ReadContent(path);
        return LinesAsync(content, encoding, cancellationToken);
    }

    private static IEnumerable<string> Lines(FileContent content, Encoding encoding)
    {
        using var reader = new StreamReader(content.OpenRead(), encoding, detectEncodingFromByteOrderMarks: true);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static async IAsyncEnumerable<string> LinesAsync(FileContent content, Encoding encoding, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(content.OpenRead(), encoding, detectEncodingFromByteOrderMarks: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            yield return line;
        }
    }

    internal static string Decode(FileContent content, Encoding encoding)
    {
        var bytes = content.ReadAllBytes().Span;
        if (bytes.Length > 0 && bytes[0] is 0xEF or 0xFE or 0xFF or 0x00)
        {
            using var reader = new StreamReader(content.OpenRead(), encoding, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        return encoding.GetString(bytes);
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    // ---- writing ----------------------------------------------------------------------------------

    internal void WriteContent(string path, FileContent content)
    {
        var full = fs.GetFullPathCore(path);
        CheckShared(full);
        try
        {
            Union.WriteContent(full, content);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForFile(fs, e, full, creating: true);
        }
    }

    private void AppendBytes(string path, ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> preamble = default)
    {
        var full = fs.GetFullPathCore(path);
        CheckShared(full);
        try
        {
            if (!preamble.IsEmpty)
            {
                using var handle = Union.Open(full, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Append);
                if (handle.Stat().Size == 0)
                {
                    handle.Write(0, preamble);
                }

                if (!bytes.IsEmpty)
                {
                    handle.Write(0, bytes);
                }

                return;
            }

            Union.Append(full, bytes);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForFile(fs, e, full, creating: true);
        }
    }

    private static byte[] Encode(ReadOnlySpan<char> text, Encoding? encoding)
    {
        if (encoding is null)
        {
            var plain = new byte[Utf8NoBom.GetByteCount(text)];
            Utf8NoBom.GetBytes(text, plain);
            return plain;
        }

        var preamble = encoding.GetPreamble();
        var bytes = new byte[preamble.Length + encoding.GetByteCount(text)];
        preamble.CopyTo(bytes, 0);
        encoding.GetBytes(text, bytes.AsSpan(preamble.Length));
        return bytes;
    }

    private static string JoinLines(IEnumerable<string> contents)
    {
        var sb = new StringBuilder();
        foreach (var line in contents)
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    public void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        WriteAllBytes(path, (ReadOnlySpan<byte>)bytes);
    }

    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => WriteContent(path, FileContent.FromBytes(bytes));

    public Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Async(path, cancellationToken, () => WriteAllBytes(path, bytes));
    }

    public Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        Async(path, cancellationToken, () => WriteAllBytes(path, bytes.Span));

    public void WriteAllText(string path, string? contents) => WriteContent(path, FileContent.FromOwnedBytes(Encode(contents, null)));

    public void WriteAllText(string path, string? contents, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        WriteContent(path, FileContent.FromOwnedBytes(Encode(contents, encoding)));
    }

    public void WriteAllText(string path, ReadOnlySpan<char> contents) => WriteContent(path, FileContent.FromOwnedBytes(Encode(contents, null)));

    public void WriteAllText(string path, ReadOnlySpan<char> contents, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        WriteContent(path, FileContent.FromOwnedBytes(Encode(contents, encoding)));
    }

    public Task WriteAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        Async(path, cancellationToken, () => WriteAllText(path, contents));

    public Task WriteAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return Async(path, cancellationToken, () => WriteAllText(path, contents, encoding));
    }

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        Async(path, cancellationToken, () => WriteAllText(path, contents.Span));

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return Async(path, cancellationToken, () => WriteAllText(path, contents.Span, encoding));
    }

    public void WriteAllLines(string path, string[] contents) => WriteAllLines(path, (IEnumerable<string>)contents);

    public void WriteAllLines(string path, IEnumerable<string> contents)
    {
        fs.GetFullPathCore(path);
        ArgumentNullException.ThrowIfNull(contents);
        WriteAllText(path, JoinLines(contents));
    }

    public void WriteAllLines(string path, string[] contents, Encoding encoding) => WriteAllLines(path, (IEnumerable<string>)contents, encoding);

    public void WriteAllLines(string path, IEnumerable<string> contents, Encoding encoding)
    {
        fs.GetFullPathCore(path);
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(encoding);
        WriteAllText(path, JoinLines(contents), encoding);
    }

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return Async(path, cancellationToken, () => WriteAllLines(path, contents));
    }

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(encoding);
        return Async(path, cancellationToken, () => WriteAllLines(path, contents, encoding));
    }

    public void AppendAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        AppendBytes(path, bytes);
    }

    public void AppendAllBytes(string path, ReadOnlySpan<byte> bytes) => AppendBytes(path, bytes);

    public Task AppendAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Async(path, cancellationToken, () => AppendBytes(path, bytes));
    }

    public Task AppendAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        Async(path, cancellationToken, () => AppendBytes(path, bytes.Span));

    public void AppendAllLines(string path, IEnumerable<string> contents)
    {
        fs.GetFullPathCore(path);
        ArgumentNullException.ThrowIfNull(contents);
        AppendAllText(path, JoinLines(contents));
    }

    public void AppendAllLines(string path, IEnumerable<string> contents, Encoding encoding)
    {
        fs.GetFullPathCore(path);
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(encoding);
        AppendAllText(path, JoinLines(contents), encoding);
    }

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return Async(path, cancellationToken, () => AppendAllLines(path, contents));
    }

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(encoding);
        return Async(path, cancellationToken, () => AppendAllLines(path, contents, encoding));
    }

    public void AppendAllText(string path, string? contents) => AppendBytes(path, Encode(contents, null));

    public void AppendAllText(string path, string? contents, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        AppendBytes(path, contents is null ? [] : encoding.GetBytes(contents), encoding.GetPreamble());
    }

    public void AppendAllText(string path, ReadOnlySpan<char> contents) => AppendBytes(path, Encode(contents, null));

    public void AppendAllText(string path, ReadOnlySpan<char> contents, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var bytes = new byte[encoding.GetByteCount(contents)];
        encoding.GetBytes(contents, bytes);
        AppendBytes(path, bytes, encoding.GetPreamble());
    }

    public Task AppendAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        Async(path, cancellationToken, () => AppendAllText(path, contents));

    public Task AppendAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return Async(path, cancellationToken, () => AppendAllText(path, contents, encoding));
    }

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        Async(path, cancellationToken, () => AppendAllText(path, contents.Span));

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return Async(path, cancellationToken, () => AppendAllText(path, contents.Span, encoding));
    }

    // ---- streams ----------------------------------------------------------------------------------

    public FileSystemStream Open(string path, FileMode mode) =>
        Open(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access) => Open(path, mode, access, FileShare.None);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access, FileShare share) =>
        OpenStream(path, mode, access, share, FileOptions.None);

    public FileSystemStream Open(string path, FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OpenStream(path, options.Mode, options.Access, options.Share, options.Options, options.UnixCreateMode);
    }

    public FileSystemStream OpenRead(string path) => Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);

    public FileSystemStream OpenWrite(string path) => Open(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);

    public StreamReader OpenText(string path) => new(OpenStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.None), Encoding.UTF8, true);

    public StreamWriter CreateText(string path) => new(OpenStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, FileOptions.None), Utf8NoBom);

    public StreamWriter AppendText(string path) => new(OpenStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, FileOptions.None), Utf8NoBom);

    public FileSystemStream Create(string path) => OpenStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, FileOptions.None);

    public FileSystemStream Create(string path, int bufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bufferSize);
        return Create(path);
    }

    public FileSystemStream Create(string path, int bufferSize, FileOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bufferSize);
        return OpenStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, options);
    }

    internal FileSystemStream OpenStream(string path, FileMode mode, FileAccess access, FileShare share, FileOptions options, UnixFileMode? createMode = null)
    {
        var full = fs.GetFullPathCore(path);
        ValidateOpen(mode, access, share);
        var flags = access switch
        {
            FileAccess.Read => OpenFlags.ReadOnly,
            FileAccess.Write => OpenFlags.WriteOnly,
            _ => OpenFlags.ReadWrite,
        };
        flags |= mode switch
        {
            FileMode.CreateNew => OpenFlags.Create | OpenFlags.Exclusive,
            FileMode.Create or FileMode.OpenOrCreate or FileMode.Append => OpenFlags.Create,
            _ => 0,
        };
        bool creating = (flags & OpenFlags.Create) != 0;
        FileHandle handle;
        try
        {
            // A new file gets 0666 (or FileStreamOptions.UnixCreateMode) under the usual umask 022.
            handle = Union.Open(full, flags, createMode is { } m ? m & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite) : null);
        }
        catch (FileSystemException e) when (e.Errno == Errno.EEXIST)
        {
            throw IoErrors.AlreadyExists(full);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForFile(fs, e, full, creating);
        }

        bool exclusive = share == FileShare.None;
        try
        {
            if (handle.Stat().IsDirectory)
            {
                throw IoErrors.AccessDenied(full);
            }

            if (!fs.StreamLocks.TryAcquire(handle.Path, exclusive))
            {
                throw IoErrors.SharingViolation(full);
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        try
        {
            // As .NET: truncate (ftruncate) only once the lock is held.
            if (mode is FileMode.Create or FileMode.Truncate && handle.Stat().Size > 0)
            {
                handle.SetContent(FileContent.Empty);
            }
        }
        catch (FileSystemException e)
        {
            fs.StreamLocks.Release(handle.Path, exclusive);
            handle.Dispose();
            throw IoErrors.ForFile(fs, e, full);
        }

        var stream = new UnionStream(fs, handle, full, handle.Path, exclusive, access, mode == FileMode.Append, (options & FileOptions.DeleteOnClose) != 0);
        return new UnionFileSystemStream(stream, full, (options & FileOptions.Asynchronous) != 0);
    }

    private static void ValidateOpen(FileMode mode, FileAccess access, FileShare share)
    {
        if (mode is < FileMode.CreateNew or > FileMode.Append)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), "Enum value was out of legal range.");
        }

        if (access is < FileAccess.Read or > FileAccess.ReadWrite)
        {
            throw new ArgumentOutOfRangeException(nameof(access), "Enum value was out of legal range.");
        }

        if ((share & ~(FileShare.ReadWrite | FileShare.Delete | FileShare.Inheritable)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(share), "Enum value was out of legal range.");
        }

        if ((access & FileAccess.Write) == 0 && mode is FileMode.Truncate or FileMode.CreateNew or FileMode.Create or FileMode.Append)
        {
            throw new ArgumentException($"Combining FileMode: {mode} with FileAccess: {access} is invalid.", nameof(access));
        }

        if ((access & FileAccess.Read) != 0 && mode == FileMode.Append)
        {
            throw new ArgumentException("Append access can be requested only in write-only mode.", nameof(access));
        }
    }

    // ---- names ------------------------------------------------------------------------------------

    public bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0'))
        {
            return false;
        }

        return fs.FileExistsCore(fs.GetFullPathCore(path));
    }

    public void Delete(string path)
    {
        var full = fs.GetFullPathCore(path);
        if (EndsInSeparator(full) && TryLStat(full) is { Type: EntryType.Symlink })
        {
            // unlink("link/") is ENOTDIR on Linux: the trailing slash does not make unlink follow the link.
            throw IoErrors.DirectoryNotFound(full);
        }

        try
        {
            Union.Unlink(full);
        }
        catch (FileSystemException e) when (e.Errno == Errno.ENOENT)
        {
            // .NET checks the directory of the path as given (so "missing/" blames "missing").
            var parent = UnixPath.DirectoryName(full);
            if (parent is not null && !fs.DirectoryExistsCore(parent))
            {
                throw IoErrors.DirectoryNotFound(full);
            }
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForFile(fs, e, full);
        }
    }

    public void Copy(string sourceFileName, string destFileName) => Copy(sourceFileName, destFileName, overwrite: false);

    public void Copy(string sourceFileName, string destFileName, bool overwrite)
    {
        var src = fs.GetFullPathCore(sourceFileName, nameof(sourceFileName));
        var dst = fs.GetFullPathCore(destFileName, nameof(destFileName));
        FileEntry entry;
        FileHandle source;
        try
        {
            source = Union.Open(src, OpenFlags.ReadOnly);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForFile(fs, e, src);
        }

        using var sourceHandle = source;
        try
        {
            entry = source.Stat();
            if (entry.IsDirectory)
            {
                throw IoErrors.AccessDenied(src);
            }

            entry = entry with { Content = source.GetContent() };
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForFile(fs, e, src);
        }

        // As .NET on Linux: the source is opened with FileShare.Read (LOCK_SH), the destination with FileShare.None
        // (LOCK_EX), so copying a file onto itself, or a file another stream holds exclusively, is a sharing violation.
        if (!fs.StreamLocks.TryAcquire(source.Path, exclusive: false))
        {
            throw IoErrors.SharingViolation(src);
        }

        try
        {
            // Truncation happens only once the lock is held (and the destination is known not to be the source).
            var flags = OpenFlags.WriteOnly | OpenFlags.Create | (overwrite ? 0 : OpenFlags.Exclusive);
            using (var target = Union.Open(dst, flags, entry.Mode))
            {
                if (target.Stat().IsDirectory)
                {
                    throw IoErrors.AccessDenied(dst);
                }

                if (!fs.StreamLocks.TryAcquire(target.Path, exclusive: true))
                {
                    throw IoErrors.SharingViolation(dst);
                }

                try
                {
                    target.SetContent(entry.Content);
                }
                finally
                {
                    fs.StreamLocks.Release(target.Path, exclusive: true);
                }
            }

            Union.Chmod(dst, entry.Mode);
            Union.SetModifiedTime(dst, entry.ModifiedAt);
        }
        catch (FileSystemException e) when (e.Errno == Errno.EEXIST)
        {
            throw fs.DirectoryExistsCore(dst) ? new IOException($"The target file '{dst}' is a directory, not a file.") : IoErrors.AlreadyExists(dst);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForFile(fs, e, dst, creating: e.Errno == Errno.ENOENT);
        }
        finally
        {
            fs.StreamLocks.Release(source.Path, exclusive: false);
        }
    }

    public void Move(string sourceFileName, string destFileName) => Move(sourceFileName, destFileName, overwrite: false);

    public void Move(string sourceFileName, string destFileName, bool overwrite)
    {
        var src = fs.GetFullPathCore(sourceFileName, nameof(sourceFileName));
        var dst = fs.GetFullPathCore(destFileName, nameof(destFileName));
        // As .NET's internal FileExists (trailing separators trimmed, a dangling link counts); errors of the
        // path as given ("file/", "dangling/") surface from link(2)/rename(2) below.
        if (!fs.FileExistsCore(src, allowTrailing: true))
        {
            throw IoErrors.FileNotFound(src);
        }

        MoveCore(src, dst, overwrite);
    }

    internal void MoveCore(string src, string dst, bool overwrite)
    {
        if (src == dst)
        {
            return;
        }

        if (!overwrite && Lexists(dst))
        {
            // Two names of the same file (e.g. through a symlinked directory): rename(2) does nothing, as .NET ends up doing.
            if (ResolvedName(src) is { } a && a == ResolvedName(dst))
            {
                return;
            }

            throw IoErrors.AlreadyExists(dst);
        }

        if (!overwrite && EndsInSeparator(src))
        {
            // .NET links (link(2) follows a trailing slash: "file/" is ENOTDIR, "dangling/" is ENOENT), where the
            // view only renames (rename(2) does not follow, so both would be ENOTDIR): give link's answer.
            try
            {
                Union.Stat(src);
            }
            catch (FileSystemException e) when (e.Errno is Errno.ENOENT)
            {
                throw fs.DirectoryExistsCore(UnixPath.DirectoryName(dst) ?? "/") ? IoErrors.FileNotFound(src) : IoErrors.DirectoryNotFound(dst);
            }
            catch (FileSystemException e)
            {
                throw IoErrors.WithoutPath(e.Errno);
            }
        }

        try
        {
            Union.Rename(src, dst);
        }
        catch (FileSystemException e) when (e.Errno is Errno.EXDEV)
        {
            // As .NET on Linux: rename(2) across file systems (here: mounts) falls back to copy and delete.
            Copy(src, dst, overwrite: true);
            Delete(src);
        }
        catch (FileSystemException e) when ((e.Errno is Errno.ENOENT || (e.Errno is Errno.ENOTDIR && !overwrite && EndsInSeparator(dst)))
            && !fs.DirectoryExistsCore(UnixPath.DirectoryName(dst) ?? "/"))
        {
            throw IoErrors.DirectoryNotFound(dst);
        }
        catch (FileSystemException e) when (e.Errno is Errno.ENOENT)
        {
            throw IoErrors.FileNotFound(src);
        }
        catch (FileSystemException e) when (overwrite)
        {
            // .NET renames when overwriting and reports the destination.
            throw e.Errno switch
            {
                Errno.ENOTDIR => IoErrors.DirectoryNotFound(dst),
                Errno.EISDIR => IoErrors.FromErrno(Errno.EISDIR, dst),
                _ => IoErrors.Common(e, dst),
            };
        }
        catch (FileSystemException e)
        {
            // .NET links then unlinks when not overwriting, and reports link(2)'s error without a path.
            throw IoErrors.WithoutPath(e.Errno);
        }
    }

    /// <summary>The path with its directory resolved through symlinks (the final name not followed); null if unknown.</summary>
    private string? ResolvedName(string full)
    {
        var path = UnixPath.TrimEnd(full);
        try
        {
            using var dir = Union.Open(FsPath.Parent(FsPath.Clean(path)), OpenFlags.ReadOnly | OpenFlags.Directory);
            return FsPath.Combine(dir.Path, FsPath.Name(FsPath.Clean(path)));
        }
        catch (FileSystemException)
        {
            return null;
        }
    }

    internal static bool EndsInSeparator(string full) => full.Length > 1 && full[^1] == '/';

    internal bool Lexists(string full)
    {
        try
        {
            Union.LStat(UnixPath.TrimEnd(full));
            return true;
        }
        catch (FileSystemException)
        {
            return false;
        }
    }

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        var src = fs.GetFullPathCore(sourceFileName, nameof(sourceFileName));
        var dst = fs.GetFullPathCore(destinationFileName, nameof(destinationFileName));
        var backup = destinationBackupFileName is null ? null : fs.GetFullPathCore(destinationBackupFileName, nameof(destinationBackupFileName));
        if (!fs.FileExistsCore(src))
        {
            throw IoErrors.FileNotFound(src);
        }

        if (!fs.FileExistsCore(dst))
        {
            throw IoErrors.FileNotFound(dst);
        }

        if (backup is not null)
        {
            MoveCore(dst, backup, overwrite: true);
        }

        MoveCore(src, dst, overwrite: true);
    }

    // ---- metadata ---------------------------------------------------------------------------------

    internal FileEntry LStat(string full)
    {
        try
        {
            return Union.LStat(UnixPath.TrimEnd(full));
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForFile(fs, e, full);
        }
    }

    internal FileEntry? TryLStat(string full)
    {
        try
        {
            return Union.LStat(UnixPath.TrimEnd(full));
        }
        catch (FileSystemException)
        {
            return null;
        }
    }

    internal FileEntry? TryStat(string full)
    {
        try
        {
            return Union.Stat(full);
        }
        catch (FileSystemException)
        {
            return null;
        }
    }

    public FileAttributes GetAttributes(string path)
    {
        var full = fs.GetFullPathCore(path);
        var entry = LStat(full);
        return Attributes(full, entry);
    }

    internal FileAttributes Attributes(string full, FileEntry lstat)
    {
        FileAttributes attributes = 0;
        var entry = lstat;
        if (lstat.Type == EntryType.Symlink)
        {
            attributes |= FileAttributes.ReparsePoint;
            entry = TryStat(full) ?? lstat;
        }

        if (entry.IsDirectory)
        {
            attributes |= FileAttributes.Directory;
        }

        if (IsReadOnly(entry))
        {
            attributes |= FileAttributes.ReadOnly;
        }

        if (UnixPath.FileName(UnixPath.TrimEnd(full)).StartsWith('.'))
        {
            attributes |= FileAttributes.Hidden;
        }

        return attributes == 0 ? FileAttributes.Normal : attributes;
    }

    private bool IsReadOnly(FileEntry entry)
    {
        if (entry.Type == EntryType.Symlink)
        {
            return false;
        }

        var mode = entry.Mode;
        if (Union.Uid == entry.Uid)
        {
            return (mode & UnixFileMode.UserWrite) == 0;
        }

        if (Union.Gid == entry.Gid)
        {
            return (mode & UnixFileMode.GroupWrite) == 0;
        }

        return (mode & UnixFileMode.OtherWrite) == 0;
    }

    public void SetAttributes(string path, FileAttributes fileAttributes)
    {
        var full = fs.GetFullPathCore(path);
        var lentry = LStat(full);
        var entry = lentry.Type == EntryType.Symlink ? TryStat(UnixPath.TrimEnd(full)) ?? lentry : lentry;
        const UnixFileMode writeBits = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        var mode = entry.Mode;
        if ((fileAttributes & FileAttributes.ReadOnly) != 0)
        {
            mode &= ~writeBits;
        }
        else if ((mode & UnixFileMode.UserWrite) == 0)
        {
            mode |= UnixFileMode.UserWrite;
        }

        if (mode != entry.Mode)
        {
            // As .NET: chmod(2) of the path as given (following a link).
            Chmod(full, mode);
        }
    }

    internal void Chmod(string full, UnixFileMode mode)
    {
        try
        {
            Union.Chmod(full, mode);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForFile(fs, e, full);
        }
    }

    internal DateTime LastWriteUtc(string path)
    {
        var full = fs.GetFullPathCore(path);
        var entry = TryLStat(full);
        return entry is null ? DateTime.FromFileTimeUtc(0) : entry.ModifiedAt.UtcDateTime;
    }

    internal void SetLastWrite(string path, DateTimeOffset time, bool asDirectory)
    {
        var full = fs.GetFullPathCore(path);
        LStat(full); // .NET's FileStatus existence check first: FileNotFound (or DirectoryNotFound) for a missing entry
        try
        {
            Union.SetModifiedTimeNoFollow(full, time);
        }
        catch (FileSystemException e)
        {
            throw asDirectory ? IoErrors.ForDirectory(e, full) : IoErrors.ForFile(fs, e, full);
        }
    }

    internal void CheckExists(string path, bool asDirectory)
    {
        var full = fs.GetFullPathCore(path);
        try
        {
            Union.Stat(full);
        }
        catch (FileSystemException e)
        {
            throw asDirectory ? IoErrors.ForDirectory(e, full) : IoErrors.ForFile(fs, e, full);
        }
    }

    internal static DateTimeOffset FromUtc(DateTime time) =>
        time.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : new DateTimeOffset(time.ToUniversalTime());

    internal static DateTimeOffset FromLocal(DateTime time) => new(time);

    public DateTime GetCreationTime(string path) => LastWriteUtc(path).ToLocalTime();

    public DateTime GetCreationTimeUtc(string path) => LastWriteUtc(path);

    public DateTime GetLastAccessTime(string path) => LastWriteUtc(path).ToLocalTime();

    public DateTime GetLastAccessTimeUtc(string path) => LastWriteUtc(path);

    public DateTime GetLastWriteTime(string path) => LastWriteUtc(path).ToLocalTime();

    public DateTime GetLastWriteTimeUtc(string path) => LastWriteUtc(path);

    public void SetCreationTime(string path, DateTime creationTime) => SetLastWrite(path, FromLocal(creationTime), asDirectory: false);

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => SetLastWrite(path, FromUtc(creationTimeUtc), asDirectory: false);

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => CheckExists(path, asDirectory: false);

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) => CheckExists(path, asDirectory: false);

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => SetLastWrite(path, FromLocal(lastWriteTime), asDirectory: false);

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) => SetLastWrite(path, FromUtc(lastWriteTimeUtc), asDirectory: false);

    public UnixFileMode GetUnixFileMode(string path)
    {
        var full = fs.GetFullPathCore(path);
        var entry = LStat(full);
        if (entry.Type != EntryType.Symlink)
        {
            return entry.Mode;
        }

        // As .NET's FileStatus: lstat of the trimmed path, then stat of the path as given for a link.
        return TryStat(full)?.Mode ?? throw IoErrors.FileNotFound(full);
    }

    public void SetUnixFileMode(string path, UnixFileMode mode)
    {
        var full = fs.GetFullPathCore(path);
        if (((int)mode & ~0xFFF) != 0)
        {
            throw new ArgumentException("Invalid UnixFileMode value.", nameof(mode));
        }

        Chmod(full, mode);
    }

    // ---- links ------------------------------------------------------------------------------------

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        var full = CreateSymlinkCore(path, pathToTarget);
        return new UnionFileInfo(fs, path, full);
    }

    internal string CreateSymlinkCore(string path, string pathToTarget)
    {
        var full = fs.GetFullPathCore(path);
        ArgumentException.ThrowIfNullOrEmpty(pathToTarget);
        if (pathToTarget.Contains('\0'))
        {
            throw new ArgumentException("Null character in path.", nameof(pathToTarget));
        }

        if (EndsInSeparator(full) && TryLStat(full) is not null)
        {
            // symlink(2) onto an existing name is EEXIST, trailing slash or not.
            throw IoErrors.AlreadyExists(full);
        }

        try
        {
            Union.CreateSymlink(pathToTarget, full);
        }
        catch (FileSystemException e) when (e.Errno == Errno.EEXIST)
        {
            throw IoErrors.AlreadyExists(full);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForFile(fs, e, full);
        }

        return full;
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget)
    {
        var target = ResolveLinkCore(linkPath, returnFinalTarget, asDirectory: false);
        return target is null ? null : new UnionFileInfo(fs, target, target);
    }

    internal string? ResolveLinkCore(string linkPath, bool returnFinalTarget, bool asDirectory)
    {
        var full = fs.GetFullPathCore(linkPath, nameof(linkPath));
        FileEntry entry;
        try
        {
            // lstat(2) of the path as given: a trailing slash follows the link (so "link/" is not a link).
            entry = Union.LStat(full);
        }
        catch (FileSystemException e)
        {
            throw asDirectory ? IoErrors.ForDirectory(e, full) : IoErrors.ForFile(fs, e, full);
        }

        if (entry.Type != EntryType.Symlink)
        {
            return null;
        }

        var current = UnixPath.TrimEnd(full);
        for (int hops = 0; ; hops++)
        {
            var target = entry.LinkTarget!;
            var next = target.StartsWith('/') ? UnixPath.Normalize(target) : UnixPath.Normalize(UnixPath.CombineCore(UnixPath.DirectoryName(current) ?? "/", target));
            if (!returnFinalTarget)
            {
                return next;
            }

            if (hops >= 40)
            {
                throw new IOException($"Too many levels of symbolic links in '{full}'.");
            }

            var nextEntry = TryLStat(next);
            if (nextEntry is null || nextEntry.Type != EntryType.Symlink)
            {
                return next;
            }

            current = UnixPath.TrimEnd(next);
            entry = nextEntry;
        }
    }

    internal string? ReadLink(string full)
    {
        try
        {
            var entry = Union.LStat(UnixPath.TrimEnd(full));
            return entry.Type == EntryType.Symlink ? entry.LinkTarget : null;
        }
        catch (FileSystemException)
        {
            return null;
        }
    }

    // ---- not supported ----------------------------------------------------------------------------

    public void Decrypt(string path) => throw new PlatformNotSupportedException("File encryption is not supported on this platform.");

    public void Encrypt(string path) => throw new PlatformNotSupportedException("File encryption is not supported on this platform.");

    public FileAttributes GetAttributes(SafeFileHandle fileHandle) => throw Unsupported.Handle();

    public DateTime GetCreationTime(SafeFileHandle fileHandle) => throw Unsupported.Handle();

    public DateTime GetCreationTimeUtc(SafeFileHandle fileHandle) => throw Unsupported.Handle();

    public DateTime GetLastAccessTime(SafeFileHandle fileHandle) => throw Unsupported.Handle();

    public DateTime GetLastAccessTimeUtc(SafeFileHandle fileHandle) => throw Unsupported.Handle();

    public DateTime GetLastWriteTime(SafeFileHandle fileHandle) => throw Unsupported.Handle();

    public DateTime GetLastWriteTimeUtc(SafeFileHandle fileHandle) => throw Unsupported.Handle();

    public UnixFileMode GetUnixFileMode(SafeFileHandle fileHandle) => throw Unsupported.Handle();

    public SafeFileHandle OpenHandle(string path, FileMode mode = FileMode.Open, FileAccess access = FileAccess.Read, FileShare share = FileShare.Read, FileOptions options = FileOptions.None, long preallocationSize = 0) =>
        throw Unsupported.Handle();

    public void SetAttributes(SafeFileHandle fileHandle, FileAttributes fileAttributes) => throw Unsupported.Handle();

    public void SetCreationTime(SafeFileHandle fileHandle, DateTime creationTime) => throw Unsupported.Handle();

    public void SetCreationTimeUtc(SafeFileHandle fileHandle, DateTime creationTimeUtc) => throw Unsupported.Handle();

    public void SetLastAccessTime(SafeFileHandle fileHandle, DateTime lastAccessTime) => throw Unsupported.Handle();

    public void SetLastAccessTimeUtc(SafeFileHandle fileHandle, DateTime lastAccessTimeUtc) => throw Unsupported.Handle();

    public void SetLastWriteTime(SafeFileHandle fileHandle, DateTime lastWriteTime) => throw Unsupported.Handle();

    public void SetLastWriteTimeUtc(SafeFileHandle fileHandle, DateTime lastWriteTimeUtc) => throw Unsupported.Handle();

    public void SetUnixFileMode(SafeFileHandle fileHandle, UnixFileMode mode) => throw Unsupported.Handle();

    // ---- helpers ----------------------------------------------------------------------------------

    private void CheckShared(string full)
    {
        if (!fs.StreamLocks.IsEmpty && fs.StreamLocks.IsExclusivelyHeld(FsPath.Clean(full)))
        {
            throw IoErrors.SharingViolation(full);
        }
    }

    private Task<T> Async<T>(string path, CancellationToken cancellationToken, Func<T> body)
    {
        fs.GetFullPathCore(path);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(body());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private Task Async(string path, CancellationToken cancellationToken, Action body) =>
        Async(path, cancellationToken, () =>
        {
            body();
            return true;
        });
}
