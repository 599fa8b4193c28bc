using System.IO.Abstractions;

namespace Simulator.FileSystem.Adapter;

/// <summary><see cref="IFileInfo"/> over a union view.</summary>
internal sealed class UnionFileInfo(UnionFileSystemAdapter fs, string originalPath, string fullPath)
    : UnionFileSystemInfo(fs, originalPath, fullPath), IFileInfo
{
    public override string Name => UnixPath.FileName(OriginalPath);

    public override bool Exists => LEntry is not null && !IsDirectoryEntry;

    public string? DirectoryName => UnixPath.DirectoryName(FullPath);

    public IDirectoryInfo? Directory => DirectoryName is { } dir ? new UnionDirectoryInfo(Fs, dir, dir) : null;

    public bool IsReadOnly
    {
        get => (Attributes & FileAttributes.ReadOnly) != 0;
        set
        {
            var attributes = Attributes;
            Attributes = value ? attributes | FileAttributes.ReadOnly : attributes & ~FileAttributes.ReadOnly;
        }
    }

    public long Length
    {
        get
        {
            if (!Exists)
            {
                throw IoErrors.FileNotFound(FullPath);
            }

            // .NET on Linux reports lstat's size: a symlink's own length, not its target's.
            return LEntry!.Size;
        }
    }

    public StreamWriter AppendText() => FileOps.AppendText(FullPath);

    public IFileInfo CopyTo(string destFileName) => CopyTo(destFileName, overwrite: false);

    public IFileInfo CopyTo(string destFileName, bool overwrite)
    {
        var full = Fs.GetFullPathCore(destFileName, nameof(destFileName));
        FileOps.Copy(FullPath, full, overwrite);
        return new UnionFileInfo(Fs, destFileName, full);
    }

    public FileSystemStream Create()
    {
        var stream = FileOps.Create(FullPath);
        Invalidate();
        return stream;
    }

    public StreamWriter CreateText()
    {
        var writer = FileOps.CreateText(FullPath);
        Invalidate();
        return writer;
    }

    public void Decrypt() => FileOps.Decrypt(FullPath);

    public void Encrypt() => FileOps.Encrypt(FullPath);

    public override void Delete()
    {
        FileOps.Delete(FullPath);
        Invalidate();
    }

    public void MoveTo(string destFileName) => MoveTo(destFileName, overwrite: false);

    public void MoveTo(string destFileName, bool overwrite)
    {
        var full = Fs.GetFullPathCore(destFileName, nameof(destFileName));
        FileOps.Move(FullPath, full, overwrite);
        OriginalPath = destFileName;
        FullPath = full;
        Invalidate();
    }

    public FileSystemStream Open(FileMode mode) => Open(mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Open(FileMode mode, FileAccess access) => Open(mode, access, FileShare.None);

    public FileSystemStream Open(FileMode mode, FileAccess access, FileShare share)
    {
        var stream = FileOps.OpenStream(FullPath, mode, access, share, FileOptions.None);
        Invalidate();
        return stream;
    }

    public FileSystemStream Open(FileStreamOptions options)
    {
        var stream = FileOps.Open(FullPath, options);
        Invalidate();
        return stream;
    }

    public FileSystemStream OpenRead() => FileOps.OpenRead(FullPath);

    public StreamReader OpenText() => FileOps.OpenText(FullPath);

    public FileSystemStream OpenWrite()
    {
        var stream = FileOps.OpenWrite(FullPath);
        Invalidate();
        return stream;
    }

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName) =>
        Replace(destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        var full = Fs.GetFullPathCore(destinationFileName, nameof(destinationFileName));
        FileOps.Replace(FullPath, full, destinationBackupFileName, ignoreMetadataErrors);
        Invalidate();
        return new UnionFileInfo(Fs, destinationFileName, full);
    }

    public override IFileSystemInfo? ResolveLinkTarget(bool returnFinalTarget) => FileOps.ResolveLinkTarget(FullPath, returnFinalTarget);
}
