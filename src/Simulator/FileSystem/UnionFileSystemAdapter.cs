using System.IO.Abstractions;
using Simulator.FileSystem.Adapter;

namespace Simulator.FileSystem;

/// <summary>
/// Exposes a <see cref="UnionFileSystem"/> as a System.IO.Abstractions <see cref="IFileSystem"/>, so code written
/// against <see cref="IFileSystem"/> runs against a container's root filesystem, a volume, or any union view.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> Linux's, on every OS: <c>/</c> is the only separator, absolute paths start with <c>/</c>,
/// names are case-sensitive, <see cref="IPath.GetTempPath"/> is <c>/tmp/</c>. Relative paths are taken from
/// <see cref="CurrentDirectory"/> (default <c>/</c>), which belongs to the adapter, not to the process.
/// Every operation goes through the union view, so writes copy entries up exactly as the view's own
/// POSIX operations do, and permission checks apply as the view's caller (<see cref="UnionFileSystem.Uid"/>).</para>
/// <para><b>Exceptions.</b> Each member throws what <c>System.IO</c> throws on Linux for the same situation,
/// with .NET's message texts: <see cref="FileNotFoundException"/> (<c>Could not find file '/x'.</c>) when a file
/// is missing in an existing directory, <see cref="DirectoryNotFoundException"/>
/// (<c>Could not find a part of the path '/x/y'.</c>) when a directory on the way is missing or not a directory,
/// <see cref="UnauthorizedAccessException"/> (<c>Access to the path '/x' is denied.</c>) for
/// <see cref="Errno.EACCES"/>, <see cref="Errno.EPERM"/> and for opening a directory as a file,
/// <see cref="IOException"/> for <see cref="Errno.EEXIST"/> (<c>The file '/x' already exists.</c>) and, with the
/// <c>strerror</c> text and the path (<c>Read-only file system : '/x'</c>), for every other errno
/// (<see cref="Exception.HResult"/> is then the errno, as in .NET). Argument validation throws
/// <see cref="ArgumentNullException"/> and <see cref="ArgumentException"/> as <c>System.IO</c> does.</para>
/// <para><b>Streams.</b> <see cref="IFile.Open(string, FileMode, FileAccess, FileShare)"/> and friends return a
/// seekable <see cref="FileSystemStream"/>. A stream that can write works on a private buffer and writes the
/// whole content back to the file on <see cref="Stream.Flush()"/> and on dispose (one copy, no matter how many
/// small writes); a read-only stream reads the file directly. Create and Truncate modes truncate at open.
/// <see cref="FileShare.None"/> is enforced as .NET enforces it on Linux (an advisory <c>flock</c>: exclusive for
/// <see cref="FileShare.None"/>, shared otherwise, other share flags ignored): among streams opened through adapters
/// over the same <see cref="UnionFileSystem"/> instance, an exclusive stream excludes every other stream on the same
/// file, and whole-file reads and writes, <see cref="IFile.Copy(string, string, bool)"/> (including a copy onto
/// itself) fail with the .NET sharing-violation <see cref="IOException"/> while it is open. Whole-file operations
/// match locks by path, so a lock taken through a symlink is not seen by them through another name.</para>
/// <para><b>Moves and copies.</b> <see cref="IFile.Move(string, string, bool)"/> across mounts (<see cref="Errno.EXDEV"/>)
/// copies and deletes, as .NET does across file systems; <see cref="IDirectory.Move"/> does not (an
/// <see cref="IOException"/> <c>Invalid cross-device link</c>, which is also what renaming a directory that
/// exists in the lower layers gives: overlayfs without <c>redirect_dir</c>). Copies keep the mode and the
/// modification time and share the content object (no bytes are copied).</para>
/// <para><b>Enumeration.</b> <c>Enumerate*</c>/<c>Get*</c> open the start directory at the call (errors throw
/// there), then yield lazily, breadth-first, recursing into symlinks to directories as .NET does; search
/// patterns use .NET's matching (<c>*</c>, <c>?</c>, Win32 rules for the string overloads, a directory part in the
/// pattern, <see cref="EnumerationOptions"/> with case-insensitive matching, skipped attributes — dot files are
/// <see cref="FileAttributes.Hidden"/> — and recursion depth; <see cref="EnumerationOptions.ReturnSpecialDirectories"/>
/// is ignored). Order within a directory is the view's <c>readdir</c> order (upper names sorted, then lower
/// names), not the real disk's.</para>
/// <para><b>Info objects.</b> <see cref="IFileInfo"/> and <see cref="IDirectoryInfo"/> cache the entry's state on
/// first use until <see cref="IFileSystemInfo.Refresh"/> (or a mutating call on the same object), as
/// <c>System.IO</c> does.</para>
/// <para><b>Temp files.</b> <see cref="IPath.GetTempPath"/> is <c>/tmp/</c>; <see cref="IPath.GetTempFileName"/> and
/// <see cref="IDirectory.CreateTempSubdirectory"/> create <c>/tmp</c> (mode <c>1777</c>) first when the view has none.</para>
/// <para><b>Times.</b> The view keeps one time per entry, the modification time, which
/// <see cref="IFile.SetLastWriteTimeUtc(string, DateTime)"/> sets on the entry itself (a symlink is not followed, as
/// .NET's <c>utimensat(AT_SYMLINK_NOFOLLOW)</c>). Creation time reads as the modification time and setting it sets
/// the modification time, as .NET does on Linux where the birth time cannot be set. Access time reads as the
/// modification time; setting it only checks that the path exists.</para>
/// <para><b>Not supported</b> (throw <see cref="NotSupportedException"/>): <see cref="DriveInfo"/>,
/// <see cref="FileSystemWatcher"/>, <see cref="FileVersionInfo"/>, <see cref="RandomAccess"/>, every overload
/// taking a <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/>, <c>Wrap</c> of real <c>System.IO</c> objects,
/// and ACLs. <see cref="IFile.Encrypt"/> and <see cref="IFile.Decrypt"/> throw
/// <see cref="PlatformNotSupportedException"/> as on Linux.</para>
/// <para><b>Thread-safety.</b> Safe for concurrent use as far as the union view is (each operation takes the
/// view's lock); a single stream, like a <see cref="FileStream"/>, is not safe for concurrent use.</para>
/// </remarks>
/// <example>
/// <code>
/// var view = UnionFileSystem.CreateWritable(imageLayers);   // a container's root filesystem
/// IFileSystem fs = view.AsFileSystem();
/// var conf = fs.File.ReadAllText("/etc/app.conf");           // read through the lower layers
/// fs.File.WriteAllText("/etc/app.conf", conf + "debug=1\n"); // copied up into the upper layer
/// // view.GetChanges() now lists "C /etc/app.conf"
/// </code>
/// </example>
public sealed class UnionFileSystemAdapter : IFileSystem
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<UnionFileSystem, StreamLocks> Locks = new();

    private readonly UnixPath _path;
    private string _currentDirectory;

    /// <summary>Creates an adapter over <paramref name="union"/>.</summary>
    /// <param name="union">The union view every operation goes through.</param>
    /// <param name="currentDirectory">The directory relative paths are taken from; an absolute path, default <c>/</c>. Not checked for existence.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="currentDirectory"/> is not absolute.</exception>
    public UnionFileSystemAdapter(UnionFileSystem union, string currentDirectory = "/")
    {
        ArgumentNullException.ThrowIfNull(union);
        ArgumentNullException.ThrowIfNull(currentDirectory);
        if (currentDirectory.Length == 0 || currentDirectory[0] != '/')
        {
            throw new ArgumentException("The current directory must be an absolute path.", nameof(currentDirectory));
        }

        Union = union;
        _currentDirectory = UnixPath.TrimEnd(UnixPath.Normalize(currentDirectory));
        _path = new UnixPath(this);
        File = new UnionFile(this);
        Directory = new UnionDirectory(this);
        FileInfo = new UnionFileInfoFactory(this);
        DirectoryInfo = new UnionDirectoryInfoFactory(this);
        FileStream = new UnionFileStreamFactory(this);
        StreamLocks = Locks.GetValue(union, _ => new StreamLocks());
    }

    /// <summary>The union view the adapter works on.</summary>
    public UnionFileSystem Union { get; }

    /// <summary>
    /// The directory relative paths are taken from: an absolute, normalized path without a trailing separator.
    /// The same value as <see cref="IDirectory.GetCurrentDirectory"/>; change it with
    /// <see cref="IDirectory.SetCurrentDirectory"/> (which checks the directory exists). Thread-safe; per adapter.
    /// </summary>
    public string CurrentDirectory => Volatile.Read(ref _currentDirectory);

    /// <summary>Linux-semantics directory operations (<c>System.IO.Directory</c>).</summary>
    public IDirectory Directory { get; }

    /// <summary>Creates <see cref="IDirectoryInfo"/> objects for paths of this file system.</summary>
    public IDirectoryInfoFactory DirectoryInfo { get; }

    /// <summary>Not supported: the union view has no drives. Every member of the factory throws <see cref="NotSupportedException"/>.</summary>
    public IDriveInfoFactory DriveInfo => new UnsupportedDriveInfoFactory(this);

    /// <summary>Linux-semantics file operations (<c>System.IO.File</c>).</summary>
    public IFile File { get; }

    /// <summary>Creates <see cref="IFileInfo"/> objects for paths of this file system.</summary>
    public IFileInfoFactory FileInfo { get; }

    /// <summary>Opens streams as <c>new FileStream(...)</c> does; overloads taking a <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/> throw <see cref="NotSupportedException"/>.</summary>
    public IFileStreamFactory FileStream { get; }

    /// <summary>Not supported: the union view raises no change notifications. Every member of the factory throws <see cref="NotSupportedException"/>.</summary>
    public IFileSystemWatcherFactory FileSystemWatcher => new UnsupportedWatcherFactory(this);

    /// <summary>Not supported: files carry no version resources here. Every member of the factory throws <see cref="NotSupportedException"/>.</summary>
    public IFileVersionInfoFactory FileVersionInfo => new UnsupportedVersionInfoFactory(this);

    /// <summary>Linux path operations: <c>/</c> separator, <c>:</c> path separator, temp path <c>/tmp/</c>, case-sensitive.</summary>
    public IPath Path => _path;

    /// <summary>Not supported: there are no <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/>s for the view. Every member throws <see cref="NotSupportedException"/>.</summary>
    public IRandomAccess RandomAccess => new UnsupportedRandomAccess(this);

    internal StreamLocks StreamLocks { get; }

    internal void SetCurrentDirectoryCore(string full) => Volatile.Write(ref _currentDirectory, UnixPath.TrimEnd(full));

    /// <summary>Validates as System.IO does and makes the path absolute and normalized (a trailing separator is kept).</summary>
    internal string GetFullPathCore(string path, string paramName = "path")
    {
        ArgumentNullException.ThrowIfNull(path, paramName);
        if (path.Length == 0)
        {
            throw new ArgumentException("The value cannot be an empty string.", paramName);
        }

        if (path.Contains('\0'))
        {
            throw new ArgumentException("Null character in path.", paramName);
        }

        if (path[0] != '/')
        {
            path = UnixPath.CombineCore(CurrentDirectory, path);
        }

        return UnixPath.Normalize(path);
    }

    /// <summary>File.Exists on Linux: lstat; a symlink counts unless it points at a directory; a trailing separator is false for File.Exists.</summary>
    internal bool FileExistsCore(string full, bool allowTrailing = false)
    {
        if (full.Length > 1 && full[^1] == '/')
        {
            if (!allowTrailing)
            {
                return false;
            }

            full = UnixPath.TrimEnd(full);
        }

        try
        {
            var entry = Union.LStat(full);
            if (entry.Type == EntryType.Symlink)
            {
                try
                {
                    return !Union.Stat(full).IsDirectory;
                }
                catch (FileSystemException)
                {
                    return true;
                }
            }

            return !entry.IsDirectory;
        }
        catch (FileSystemException)
        {
            return false;
        }
    }

    /// <summary>Creates <c>/tmp</c> (mode 1777, as images have it) when the view has none, for the temp-file helpers.</summary>
    internal void EnsureTempDirectory()
    {
        if (DirectoryExistsCore("/tmp"))
        {
            return;
        }

        try
        {
            Union.CreateDirectory("/tmp", (UnixFileMode)0x3FF);
        }
        catch (FileSystemException e) when (e.Errno == Errno.EEXIST)
        {
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForDirectory(e, "/tmp");
        }
    }

    internal bool DirectoryExistsCore(string full)
    {
        try
        {
            return Union.Stat(full).IsDirectory;
        }
        catch (FileSystemException)
        {
            return false;
        }
    }
}
