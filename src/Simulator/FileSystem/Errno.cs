namespace Simulator.FileSystem;

/// <summary>
/// A POSIX error number, as Linux defines it (asm-generic/errno-base.h and errno.h); the numeric
/// values are Linux's.
/// </summary>
/// <remarks>
/// The filesystem model reports every failure of a POSIX operation as a <see cref="FileSystemException"/>
/// carrying one of these; <see cref="FileSystemException.StrError(Errno)"/> gives glibc's text for it.
/// </remarks>
public enum Errno
{
    /// <summary>Operation not permitted (1): e.g. <c>chmod</c> by a non-owner, <c>link</c> of a directory.</summary>
    EPERM = 1,

    /// <summary>No such file or directory (2).</summary>
    ENOENT = 2,

    /// <summary>Bad file descriptor (9): writing through a handle opened read-only, or reading one opened write-only.</summary>
    EBADF = 9,

    /// <summary>Permission denied (13): the caller lacks the permission bits the operation needs.</summary>
    EACCES = 13,

    /// <summary>Device or resource busy (16): e.g. <c>rmdir /</c>, removing a mount point.</summary>
    EBUSY = 16,

    /// <summary>File exists (17).</summary>
    EEXIST = 17,

    /// <summary>Invalid cross-device link (18): rename or link across mounts, or rename of a lower directory in a union (overlayfs without <c>redirect_dir</c>).</summary>
    EXDEV = 18,

    /// <summary>Not a directory (20).</summary>
    ENOTDIR = 20,

    /// <summary>Is a directory (21).</summary>
    EISDIR = 21,

    /// <summary>Invalid argument (22): e.g. <c>readlink</c> of a non-symlink, renaming a directory into itself.</summary>
    EINVAL = 22,

    /// <summary>File too large (27): a write or truncate past the largest file size.</summary>
    EFBIG = 27,

    /// <summary>Read-only file system (30).</summary>
    EROFS = 30,

    /// <summary>File name too long (36): a component over 255 bytes, or a path or symlink target over 4095 bytes (UTF-8).</summary>
    ENAMETOOLONG = 36,

    /// <summary>Directory not empty (39).</summary>
    ENOTEMPTY = 39,

    /// <summary>Too many levels of symbolic links (40): more than 40 symlinks followed, or <c>O_NOFOLLOW</c> on a symlink.</summary>
    ELOOP = 40,
}
