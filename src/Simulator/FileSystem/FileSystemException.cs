namespace Simulator.FileSystem;

/// <summary>
/// A POSIX filesystem operation failed with an <see cref="Errno"/>, as a system call returns <c>-1</c>
/// and sets <c>errno</c>.
/// </summary>
/// <remarks>
/// <para>
/// Derives from <see cref="IOException"/> so callers that catch I/O errors catch it; an
/// <c>IFileSystem</c> adapter maps it onto what <c>System.IO</c> throws for the same errno
/// (e.g. <see cref="FileNotFoundException"/> for <see cref="Errno.ENOENT"/>).
/// </para>
/// <para>
/// <see cref="Exception.Message"/> is exactly glibc's <c>strerror</c> text (e.g. <c>No such file or
/// directory</c>), so userland programs can compose their own messages
/// (<c>cat: can't open '/x': No such file or directory</c>); <see cref="Path"/> is the path as the caller
/// gave it. <see cref="Exception.HResult"/> is the errno value.
/// </para>
/// </remarks>
public class FileSystemException : IOException
{
    /// <summary>Creates an exception for <paramref name="errno"/> on <paramref name="path"/>.</summary>
    /// <param name="errno">The error number.</param>
    /// <param name="path">The path the operation was given (may be <see langword="null"/>).</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public FileSystemException(Errno errno, string? path, Exception? innerException = null)
        : base(StrError(errno), innerException)
    {
        Errno = errno;
        Path = path;
        HResult = (int)errno;
    }

    /// <summary>The error number.</summary>
    public Errno Errno { get; }

    /// <summary>The path the failing operation was given, as given.</summary>
    public string? Path { get; }

    /// <summary>glibc's <c>strerror</c> text for an error number (e.g. <c>File exists</c> for <see cref="Errno.EEXIST"/>).</summary>
    /// <param name="errno">The error number.</param>
    /// <returns>The text; <c>Unknown error N</c> for a number this enum does not name.</returns>
    public static string StrError(Errno errno) => errno switch
    {
        Errno.EPERM => "Operation not permitted",
        Errno.ENOENT => "No such file or directory",
        Errno.EBADF => "Bad file descriptor",
        Errno.EACCES => "Permission denied",
        Errno.EBUSY => "Device or resource busy",
        Errno.EEXIST => "File exists",
        Errno.EXDEV => "Invalid cross-device link",
        Errno.ENOTDIR => "Not a directory",
        Errno.EISDIR => "Is a directory",
        Errno.EINVAL => "Invalid argument",
        Errno.EFBIG => "File too large",
        Errno.EROFS => "Read-only file system",
        Errno.ENAMETOOLONG => "File name too long",
        Errno.ENOTEMPTY => "Directory not empty",
        Errno.ELOOP => "Too many levels of symbolic links",
        _ => $"Unknown error {(int)errno}",
    };

    /// <summary>The errno name, path and text, e.g. <c>ENOENT: /x: No such file or directory</c>.</summary>
    /// <returns>The description, followed by the stack trace as <see cref="Exception.ToString"/> gives it.</returns>
    public override string ToString() => $"{Errno}: {Path}: {base.ToString()}";
}
