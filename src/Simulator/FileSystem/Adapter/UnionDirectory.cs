using System.IO.Abstractions;

namespace Simulator.FileSystem.Adapter;

/// <summary><see cref="IDirectory"/> over a union view, throwing what System.IO throws on Linux.</summary>
internal sealed class UnionDirectory(UnionFileSystemAdapter fs) : IDirectory
{
    public IFileSystem FileSystem => fs;

    private UnionFileSystem Union => fs.Union;

    private UnionFile File => (UnionFile)fs.File;

    public IDirectoryInfo CreateDirectory(string path)
    {
        var full = fs.GetFullPathCore(path);
        CreateDirectoryCore(full, null);
        return new UnionDirectoryInfo(fs, path, full);
    }

    public IDirectoryInfo CreateDirectory(string path, UnixFileMode unixCreateMode)
    {
        var full = fs.GetFullPathCore(path);
        if (((int)unixCreateMode & ~0xFFF) != 0)
        {
            throw new ArgumentException("Invalid UnixFileMode value.", nameof(unixCreateMode));
        }

        CreateDirectoryCore(full, unixCreateMode);
        return new UnionDirectoryInfo(fs, path, full);
    }

    /// <summary>.NET's Unix CreateDirectory: mkdir the path; on ENOENT create the missing parents first.</summary>
    internal void CreateDirectoryCore(string full, UnixFileMode? mode)
    {
        var target = UnixPath.TrimEnd(full);

        // As mkdir(2) under the usual umask 022: an explicit mode applies to the last directory only.
        var finalMode = mode is { } m ? m & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite) : (UnixFileMode?)null;
        if (target == "/")
        {
            return;
        }

        try
        {
            Union.CreateDirectory(target, finalMode);
            return;
        }
        catch (FileSystemException e) when (e.Errno == Errno.EEXIST)
        {
            if (fs.DirectoryExistsCore(target))
            {
                return;
            }

            throw IoErrors.AlreadyExists(full);
        }
        catch (FileSystemException e) when (e.Errno == Errno.ENOENT)
        {
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForDirectory(e, full);
        }

        // Find the missing ancestors, then create them downwards; an ancestor's failure counts only if the
        // target itself then cannot be made (as .NET's CreateParentsAndDirectory).
        var missing = new Stack<string>();
        for (var current = target; current != "/" && !fs.DirectoryExistsCore(current); current = FsPath.Parent(current))
        {
            missing.Push(current);
        }

        FileSystemException? firstError = null;
        while (missing.Count > 0)
        {
            var dir = missing.Pop();
            try
            {
                Union.CreateDirectory(dir, dir == target ? finalMode : null);
                if (dir == target)
                {
                    return;
                }
            }
            catch (FileSystemException e)
            {
                if (firstError is null && e.Errno != Errno.EEXIST)
                {
                    firstError = e;
                }

                if (dir == target)
                {
                    if (e.Errno == Errno.EEXIST && fs.DirectoryExistsCore(dir))
                    {
                        return;
                    }

                    var error = firstError ?? e;
                    throw error.Errno == Errno.EEXIST ? IoErrors.AlreadyExists(full) : IoErrors.ForDirectory(error, full);
                }
            }
        }
    }

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        var full = File.CreateSymlinkCore(path, pathToTarget);
        return new UnionDirectoryInfo(fs, path, full);
    }

    public IDirectoryInfo CreateTempSubdirectory(string? prefix = null)
    {
        if (prefix is not null && prefix.Contains('/'))
        {
            throw new ArgumentException("The path fragment must not contain a directory separator.", nameof(prefix));
        }

        fs.EnsureTempDirectory();
        for (int attempt = 0; ; attempt++)
        {
            var name = "/tmp/" + (prefix ?? "") + fs.Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)[..6];
            try
            {
                Union.CreateDirectory(name, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                return new UnionDirectoryInfo(fs, name, name);
            }
            catch (FileSystemException e) when (e.Errno == Errno.EEXIST && attempt < 100)
            {
            }
            catch (FileSystemException e)
            {
                throw IoErrors.ForDirectory(e, name);
            }
        }
    }

    public void Delete(string path) => Delete(path, recursive: false);

    public void Delete(string path, bool recursive)
    {
        var full = fs.GetFullPathCore(path);
        DeleteCore(full, recursive);
    }

    internal void DeleteCore(string full, bool recursive)
    {
        var target = UnixPath.TrimEnd(full);
        FileEntry entry;
        try
        {
            entry = Union.LStat(target);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForDirectory(e, full);
        }

        if (entry.Type == EntryType.Symlink)
        {
            if (UnionFile.EndsInSeparator(full) || File.TryStat(target)?.IsDirectory != true)
            {
                throw IoErrors.DirectoryNotFound(full);
            }

            try
            {
                Union.Unlink(target);
                return;
            }
            catch (FileSystemException e)
            {
                throw IoErrors.ForDirectory(e, full);
            }
        }

        if (!entry.IsDirectory)
        {
            throw IoErrors.DirectoryNotFound(full);
        }

        if (recursive)
        {
            DeleteChildren(target);
        }

        try
        {
            Union.RemoveDirectory(target);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForDirectory(e, full);
        }
    }

    private void DeleteChildren(string dir)
    {
        IReadOnlyList<string> names;
        try
        {
            names = Union.ReadDirectory(dir);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForDirectory(e, dir);
        }

        foreach (var name in names)
        {
            var child = FsPath.Combine(dir, name);
            try
            {
                var entry = Union.LStat(child);
                if (entry.IsDirectory)
                {
                    DeleteChildren(child);
                    Union.RemoveDirectory(child);
                }
                else
                {
                    Union.Unlink(child);
                }
            }
            catch (FileSystemException e) when (e.Errno == Errno.ENOENT)
            {
            }
            catch (FileSystemException e)
            {
                throw IoErrors.ForDirectory(e, child);
            }
        }
    }

    // ---- enumeration ------------------------------------------------------------------------------

    private IEnumerable<string> Names(string path, string searchPattern, EnumerationOptions options, bool files, bool directories) =>
        UnionEnumeration.Enumerate(fs, path, searchPattern, options, files, directories).Select(i => i.UserPath);

    private string[] Array(string path, string searchPattern, EnumerationOptions options, bool files, bool directories) =>
        [.. UnionEnumeration.Enumerate(fs, path, searchPattern, options, files, directories).Select(i => i.UserPath)];

    public IEnumerable<string> EnumerateDirectories(string path) => EnumerateDirectories(path, "*");

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern) =>
        EnumerateDirectories(path, searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, SearchOption searchOption) =>
        Names(path, searchPattern, UnionEnumeration.Compatible(searchOption), false, true);

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        Names(path, searchPattern, enumerationOptions, false, true);

    public IEnumerable<string> EnumerateFiles(string path) => EnumerateFiles(path, "*");

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern) =>
        EnumerateFiles(path, searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, SearchOption searchOption) =>
        Names(path, searchPattern, UnionEnumeration.Compatible(searchOption), true, false);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        Names(path, searchPattern, enumerationOptions, true, false);

    public IEnumerable<string> EnumerateFileSystemEntries(string path) => EnumerateFileSystemEntries(path, "*");

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern) =>
        EnumerateFileSystemEntries(path, searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, SearchOption searchOption) =>
        Names(path, searchPattern, UnionEnumeration.Compatible(searchOption), true, true);

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        Names(path, searchPattern, enumerationOptions, true, true);

    public string[] GetDirectories(string path) => GetDirectories(path, "*");

    public string[] GetDirectories(string path, string searchPattern) => GetDirectories(path, searchPattern, SearchOption.TopDirectoryOnly);

    public string[] GetDirectories(string path, string searchPattern, SearchOption searchOption) =>
        Array(path, searchPattern, UnionEnumeration.Compatible(searchOption), false, true);

    public string[] GetDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        Array(path, searchPattern, enumerationOptions, false, true);

    public string[] GetFiles(string path) => GetFiles(path, "*");

    public string[] GetFiles(string path, string searchPattern) => GetFiles(path, searchPattern, SearchOption.TopDirectoryOnly);

    public string[] GetFiles(string path, string searchPattern, SearchOption searchOption) =>
        Array(path, searchPattern, UnionEnumeration.Compatible(searchOption), true, false);

    public string[] GetFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        Array(path, searchPattern, enumerationOptions, true, false);

    public string[] GetFileSystemEntries(string path) => GetFileSystemEntries(path, "*");

    public string[] GetFileSystemEntries(string path, string searchPattern) =>
        GetFileSystemEntries(path, searchPattern, SearchOption.TopDirectoryOnly);

    public string[] GetFileSystemEntries(string path, string searchPattern, SearchOption searchOption) =>
        Array(path, searchPattern, UnionEnumeration.Compatible(searchOption), true, true);

    public string[] GetFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        Array(path, searchPattern, enumerationOptions, true, true);

    // ---- names and metadata -----------------------------------------------------------------------

    public bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0'))
        {
            return false;
        }

        return fs.DirectoryExistsCore(fs.GetFullPathCore(path));
    }

    public string GetCurrentDirectory() => fs.CurrentDirectory;

    public void SetCurrentDirectory(string path)
    {
        var full = fs.GetFullPathCore(path);
        if (!fs.DirectoryExistsCore(full))
        {
            throw IoErrors.DirectoryNotFound(full);
        }

        fs.SetCurrentDirectoryCore(full);
    }

    public string GetDirectoryRoot(string path)
    {
        fs.GetFullPathCore(path);
        return "/";
    }

    public string[] GetLogicalDrives() => ["/"];

    public IDirectoryInfo? GetParent(string path)
    {
        var full = fs.GetFullPathCore(path);
        var parent = UnixPath.DirectoryName(full);
        return parent is null ? null : new UnionDirectoryInfo(fs, parent, parent);
    }

    public void Move(string sourceDirName, string destDirName)
    {
        var src = fs.GetFullPathCore(sourceDirName, nameof(sourceDirName));
        var dst = fs.GetFullPathCore(destDirName, nameof(destDirName));
        MoveCore(src, dst);
    }

    internal void MoveCore(string src, string dst)
    {
        var source = UnixPath.TrimEnd(src);
        var destination = UnixPath.TrimEnd(dst);
        if (source == destination)
        {
            throw new IOException("Source and destination path must be different.");
        }

        if (File.Lexists(destination))
        {
            throw new IOException($"Cannot create '{dst}' because a file or directory with the same name already exists.");
        }

        try
        {
            Union.LStat(source);
        }
        catch (FileSystemException e) when (e.Errno == Errno.ENOENT)
        {
            throw IoErrors.DirectoryNotFound(src);
        }
        catch (FileSystemException)
        {
            throw new IOException($"Could not find a part of the path '{src}'.");
        }

        if (UnionFile.EndsInSeparator(src) && File.TryLStat(source) is { IsDirectory: false })
        {
            // "x/" names a directory: a file or a link there is not one (.NET checks this before renaming).
            throw new IOException($"Could not find a part of the path '{src}'.");
        }

        try
        {
            Union.Rename(source, destination);
        }
        catch (FileSystemException e)
        {
            throw e.Errno switch
            {
                Errno.EACCES => new IOException($"Access to the path '{src}' is denied.", (int)Errno.EACCES),
                Errno.ENOENT or Errno.ENOTDIR => IoErrors.DirectoryNotFound(src),
                Errno.EPERM => new UnauthorizedAccessException("Access to the path is denied."),
                _ => IoErrors.FromErrno(e.Errno, null),
            };
        }
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget)
    {
        var target = File.ResolveLinkCore(linkPath, returnFinalTarget, asDirectory: true);
        return target is null ? null : new UnionDirectoryInfo(fs, target, target);
    }

    public DateTime GetCreationTime(string path) => File.LastWriteUtc(path).ToLocalTime();

    public DateTime GetCreationTimeUtc(string path) => File.LastWriteUtc(path);

    public DateTime GetLastAccessTime(string path) => File.LastWriteUtc(path).ToLocalTime();

    public DateTime GetLastAccessTimeUtc(string path) => File.LastWriteUtc(path);

    public DateTime GetLastWriteTime(string path) => File.LastWriteUtc(path).ToLocalTime();

    public DateTime GetLastWriteTimeUtc(string path) => File.LastWriteUtc(path);

    public void SetCreationTime(string path, DateTime creationTime) => File.SetLastWrite(path, UnionFile.FromLocal(creationTime), asDirectory: true);

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => File.SetLastWrite(path, UnionFile.FromUtc(creationTimeUtc), asDirectory: true);

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => File.CheckExists(path, asDirectory: false);

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) => File.CheckExists(path, asDirectory: false);

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => File.SetLastWrite(path, UnionFile.FromLocal(lastWriteTime), asDirectory: true);

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) => File.SetLastWrite(path, UnionFile.FromUtc(lastWriteTimeUtc), asDirectory: true);
}
