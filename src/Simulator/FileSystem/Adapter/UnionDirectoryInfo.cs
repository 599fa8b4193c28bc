using System.IO.Abstractions;

namespace Simulator.FileSystem.Adapter;

/// <summary><see cref="IDirectoryInfo"/> over a union view.</summary>
internal sealed class UnionDirectoryInfo(UnionFileSystemAdapter fs, string originalPath, string fullPath)
    : UnionFileSystemInfo(fs, originalPath, fullPath), IDirectoryInfo
{
    public override string Name => FullPath == "/" ? "/" : UnixPath.FileName(UnixPath.TrimEnd(FullPath));

    public override bool Exists => IsDirectoryEntry;

    public IDirectoryInfo? Parent => UnixPath.DirectoryName(UnixPath.TrimEnd(FullPath)) is { } parent ? new UnionDirectoryInfo(Fs, parent, parent) : null;

    public IDirectoryInfo Root => new UnionDirectoryInfo(Fs, "/", "/");

    public void Create()
    {
        DirectoryOps.CreateDirectoryCore(FullPath, null);
        Invalidate();
    }

    public IDirectoryInfo CreateSubdirectory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length > 0 && path[0] == '/')
        {
            throw new ArgumentException("Second path fragment must not be a drive or UNC name.", nameof(path));
        }

        var full = Fs.GetFullPathCore(UnixPath.CombineCore(FullPath, path));
        var root = UnixPath.TrimEnd(FullPath);
        if (!FsPath.IsSameOrUnder(UnixPath.TrimEnd(full), root) || UnixPath.TrimEnd(full) == root)
        {
            throw new ArgumentException($"The directory specified, '{path}', is not a subdirectory of '{FullPath}'.", nameof(path));
        }

        DirectoryOps.CreateDirectoryCore(full, null);
        return new UnionDirectoryInfo(Fs, full, full);
    }

    public override void Delete() => Delete(recursive: false);

    public void Delete(bool recursive)
    {
        DirectoryOps.DeleteCore(FullPath, recursive);
        Invalidate();
    }

    public void MoveTo(string destDirName)
    {
        var full = Fs.GetFullPathCore(destDirName, nameof(destDirName));
        DirectoryOps.MoveCore(FullPath, full);
        OriginalPath = destDirName;
        FullPath = full.EndsWith('/') ? full : full + "/";
        Invalidate();
    }

    public override IFileSystemInfo? ResolveLinkTarget(bool returnFinalTarget) => DirectoryOps.ResolveLinkTarget(FullPath, returnFinalTarget);

    private IEnumerable<UnionEnumeration.Item> Items(string searchPattern, EnumerationOptions options, bool files, bool directories) =>
        UnionEnumeration.Enumerate(Fs, FullPath, searchPattern, options, files, directories);

    private IFileInfo File(UnionEnumeration.Item item) => new UnionFileInfo(Fs, item.UserPath, item.FullPath);

    private IDirectoryInfo Dir(UnionEnumeration.Item item) => new UnionDirectoryInfo(Fs, item.UserPath, item.FullPath);

    private IFileSystemInfo Info(UnionEnumeration.Item item) => item.IsDirectory ? Dir(item) : File(item);

    public IEnumerable<IDirectoryInfo> EnumerateDirectories() => EnumerateDirectories("*");

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern) => EnumerateDirectories(searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, SearchOption searchOption) =>
        Items(searchPattern, UnionEnumeration.Compatible(searchOption), false, true).Select(Dir);

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, EnumerationOptions enumerationOptions) =>
        Items(searchPattern, enumerationOptions, false, true).Select(Dir);

    public IEnumerable<IFileInfo> EnumerateFiles() => EnumerateFiles("*");

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern) => EnumerateFiles(searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, SearchOption searchOption) =>
        Items(searchPattern, UnionEnumeration.Compatible(searchOption), true, false).Select(File);

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, EnumerationOptions enumerationOptions) =>
        Items(searchPattern, enumerationOptions, true, false).Select(File);

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos() => EnumerateFileSystemInfos("*");

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern) =>
        EnumerateFileSystemInfos(searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, SearchOption searchOption) =>
        Items(searchPattern, UnionEnumeration.Compatible(searchOption), true, true).Select(Info);

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) =>
        Items(searchPattern, enumerationOptions, true, true).Select(Info);

    public IDirectoryInfo[] GetDirectories() => [.. EnumerateDirectories()];

    public IDirectoryInfo[] GetDirectories(string searchPattern) => [.. EnumerateDirectories(searchPattern)];

    public IDirectoryInfo[] GetDirectories(string searchPattern, SearchOption searchOption) => [.. EnumerateDirectories(searchPattern, searchOption)];

    public IDirectoryInfo[] GetDirectories(string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateDirectories(searchPattern, enumerationOptions)];

    public IFileInfo[] GetFiles() => [.. EnumerateFiles()];

    public IFileInfo[] GetFiles(string searchPattern) => [.. EnumerateFiles(searchPattern)];

    public IFileInfo[] GetFiles(string searchPattern, SearchOption searchOption) => [.. EnumerateFiles(searchPattern, searchOption)];

    public IFileInfo[] GetFiles(string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateFiles(searchPattern, enumerationOptions)];

    public IFileSystemInfo[] GetFileSystemInfos() => [.. EnumerateFileSystemInfos()];

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern) => [.. EnumerateFileSystemInfos(searchPattern)];

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, SearchOption searchOption) => [.. EnumerateFileSystemInfos(searchPattern, searchOption)];

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) =>
        [.. EnumerateFileSystemInfos(searchPattern, enumerationOptions)];
}
