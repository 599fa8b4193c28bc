namespace Simulator.FileSystem.Adapter;

/// <summary>
/// Maps <see cref="FileSystemException"/> errnos onto what .NET's <c>System.IO</c> throws on Linux
/// (Interop.GetExceptionForIoErrno), with .NET's message texts.
/// </summary>
internal static class IoErrors
{
    private const int FileNotFoundHResult = unchecked((int)0x80070002);
    private const int PathNotFoundHResult = unchecked((int)0x80070003);
    private const int SharingViolationHResult = 11; // EWOULDBLOCK from flock(LOCK_NB), as .NET reports it on Linux

    public static FileNotFoundException FileNotFound(string path) =>
        new($"Could not find file '{path}'.", path) { HResult = FileNotFoundHResult };

    public static DirectoryNotFoundException DirectoryNotFound(string path) =>
        new($"Could not find a part of the path '{path}'.") { HResult = PathNotFoundHResult };

    public static UnauthorizedAccessException AccessDenied(string path, Simulator.FileSystem.Errno errno = Simulator.FileSystem.Errno.EACCES) =>
        new($"Access to the path '{path}' is denied.", new IOException(FileSystemException.StrError(errno), (int)errno));

    public static IOException AlreadyExists(string path) => new($"The file '{path}' already exists.", (int)Errno.EEXIST);

    public static IOException SharingViolation(string path) =>
        new($"The process cannot access the file '{path}' because it is being used by another process.", SharingViolationHResult);

    public static IOException FromErrno(Simulator.FileSystem.Errno errno, string? path) =>
        new(string.IsNullOrEmpty(path) ? FileSystemException.StrError(errno) : $"{FileSystemException.StrError(errno)} : '{path}'", (int)errno);

    /// <summary>Interop.GetExceptionForIoErrno without a path, as .NET reports some link/rename failures.</summary>
    public static Exception WithoutPath(Simulator.FileSystem.Errno errno) => errno switch
    {
        Simulator.FileSystem.Errno.ENOENT => new FileNotFoundException("Unable to find the specified file.") { HResult = FileNotFoundHResult },
        Simulator.FileSystem.Errno.ENOTDIR => new DirectoryNotFoundException("Could not find a part of the path.") { HResult = PathNotFoundHResult },
        Simulator.FileSystem.Errno.EACCES or Simulator.FileSystem.Errno.EPERM or Simulator.FileSystem.Errno.EBADF =>
            new UnauthorizedAccessException("Access to the path is denied.", new IOException(FileSystemException.StrError(errno), (int)errno)),
        _ => FromErrno(errno, null),
    };

    /// <summary>For an operation on a file: ENOENT is FileNotFound when the parent directory exists (and nothing is being created), else DirectoryNotFound.</summary>
    public static Exception ForFile(UnionFileSystemAdapter fs, FileSystemException e, string path, bool creating = false)
    {
        switch (e.Errno)
        {
            case Simulator.FileSystem.Errno.ENOENT:
                if (creating)
                {
                    return DirectoryNotFound(path);
                }

                var parent = UnixPath.DirectoryName(UnixPath.TrimEnd(path));
                return parent is not null && fs.DirectoryExistsCore(parent) ? FileNotFound(path) : DirectoryNotFound(path);
            case Simulator.FileSystem.Errno.ENOTDIR:
                return DirectoryNotFound(path);
            case Simulator.FileSystem.Errno.EISDIR:
                return AccessDenied(path);
            default:
                return Common(e, path);
        }
    }

    /// <summary>For an operation on a directory: ENOENT and ENOTDIR are DirectoryNotFound.</summary>
    public static Exception ForDirectory(FileSystemException e, string path) => e.Errno switch
    {
        Simulator.FileSystem.Errno.ENOENT or Simulator.FileSystem.Errno.ENOTDIR => DirectoryNotFound(path),
        _ => Common(e, path),
    };

    public static Exception Common(FileSystemException e, string path) => e.Errno switch
    {
        Simulator.FileSystem.Errno.ENOENT => FileNotFound(path),
        Simulator.FileSystem.Errno.EACCES or Simulator.FileSystem.Errno.EPERM or Simulator.FileSystem.Errno.EBADF => AccessDenied(path, e.Errno),
        Simulator.FileSystem.Errno.EEXIST => AlreadyExists(path),
        Simulator.FileSystem.Errno.ENAMETOOLONG => new PathTooLongException($"The path '{path}' is too long, or a component of the specified path is too long."),
        _ => FromErrno(e.Errno, path),
    };
}
