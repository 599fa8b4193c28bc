using System.IO.Abstractions;

namespace Simulator.FileSystem.Adapter;

/// <summary>
/// The shared part of <see cref="UnionFileInfo"/> and <see cref="UnionDirectoryInfo"/>: state is read on first use and
/// cached until <see cref="Refresh"/> or a mutating call on this object, as System.IO's FileSystemInfo does.
/// </summary>
internal abstract class UnionFileSystemInfo : IFileSystemInfo
{
    private bool _loaded;
    private FileEntry? _lstat;
    private FileEntry? _stat;

    protected UnionFileSystemInfo(UnionFileSystemAdapter fs, string originalPath, string fullPath)
    {
        Fs = fs;
        OriginalPath = originalPath;
        FullPath = fullPath;
    }

    protected UnionFileSystemAdapter Fs { get; }

    protected string OriginalPath { get; set; }

    protected string FullPath { get; set; }

    protected UnionFile FileOps => (UnionFile)Fs.File;

    protected UnionDirectory DirectoryOps => (UnionDirectory)Fs.Directory;

    public IFileSystem FileSystem => Fs;

    public string FullName => FullPath;

    public abstract string Name { get; }

    public string Extension => UnixPath.Extension(FullPath);

    public abstract bool Exists { get; }

    /// <summary>The entry itself (lstat); null when missing.</summary>
    protected FileEntry? LEntry
    {
        get
        {
            Load();
            return _lstat;
        }
    }

    /// <summary>The entry, symlinks followed (the link itself when dangling); null when missing.</summary>
    protected FileEntry? Entry
    {
        get
        {
            Load();
            return _stat ?? _lstat;
        }
    }

    /// <summary>Whether the followed entry is a directory (System.IO's notion for a symlink to a directory).</summary>
    protected bool IsDirectoryEntry => Entry?.IsDirectory == true;

    public FileAttributes Attributes
    {
        get => LEntry is { } entry ? FileOps.Attributes(FullPath, entry) : (FileAttributes)(-1);
        set
        {
            FileOps.SetAttributes(FullPath, value);
            Invalidate();
        }
    }

    public DateTime CreationTime
    {
        get => CreationTimeUtc.ToLocalTime();
        set => CreationTimeUtc = value.ToUniversalTime();
    }

    public DateTime CreationTimeUtc
    {
        get => LastWriteTimeUtc;
        set => LastWriteTimeUtc = value;
    }

    public DateTime LastAccessTime
    {
        get => LastAccessTimeUtc.ToLocalTime();
        set => LastAccessTimeUtc = value.ToUniversalTime();
    }

    public DateTime LastAccessTimeUtc
    {
        get => LastWriteTimeUtc;
        set
        {
            FileOps.CheckExists(FullPath, asDirectory: false);
            Invalidate();
        }
    }

    public DateTime LastWriteTime
    {
        get => LastWriteTimeUtc.ToLocalTime();
        set
        {
            FileOps.SetLastWrite(FullPath, UnionFile.FromLocal(value), asDirectory: this is UnionDirectoryInfo);
            Invalidate();
        }
    }

    public DateTime LastWriteTimeUtc
    {
        get => LEntry is { } entry ? entry.ModifiedAt.UtcDateTime : DateTime.FromFileTimeUtc(0);
        set
        {
            FileOps.SetLastWrite(FullPath, UnionFile.FromUtc(value), asDirectory: this is UnionDirectoryInfo);
            Invalidate();
        }
    }

    // readlink(2) of "link/" resolves the link (a trailing slash follows it), so it is never a link then.
    public string? LinkTarget => FullPath.Length > 1 && FullPath[^1] == '/' ? null : LEntry is { Type: EntryType.Symlink } entry ? entry.LinkTarget : null;

    public UnixFileMode UnixFileMode
    {
        get
        {
            Load();
            return _stat is { } entry ? entry.Mode : (UnixFileMode)(-1);
        }

        set
        {
            if (((int)value & ~0xFFF) != 0)
            {
                throw new ArgumentException("Invalid UnixFileMode value.", nameof(value));
            }

            FileOps.Chmod(FullPath, value);
            Invalidate();
        }
    }

    public void CreateAsSymbolicLink(string pathToTarget)
    {
        FileOps.CreateSymlinkCore(FullPath, pathToTarget);
        Invalidate();
    }

    public abstract void Delete();

    public void Refresh()
    {
        _loaded = false;
        Load();
    }

    public abstract IFileSystemInfo? ResolveLinkTarget(bool returnFinalTarget);

    public override string ToString() => OriginalPath;

    protected void Invalidate() => _loaded = false;

    private void Load()
    {
        if (_loaded)
        {
            return;
        }

        _lstat = FileOps.TryLStat(FullPath);
        _stat = _lstat is { Type: EntryType.Symlink } ? FileOps.TryStat(FullPath) : _lstat;
        _loaded = true;
    }
}
