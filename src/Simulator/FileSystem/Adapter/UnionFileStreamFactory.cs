using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Simulator.FileSystem.Adapter;

/// <summary><c>new FileStream(...)</c> over the union view.</summary>
internal sealed class UnionFileStreamFactory(UnionFileSystemAdapter fs) : IFileStreamFactory
{
    public IFileSystem FileSystem => fs;

    private UnionFile File => (UnionFile)fs.File;

    public FileSystemStream New(SafeFileHandle handle, FileAccess access) => throw Unsupported.Handle();

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize) => throw Unsupported.Handle();

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize, bool isAsync) => throw Unsupported.Handle();

    public FileSystemStream New(string path, FileMode mode) =>
        File.OpenStream(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.Read, FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access) => File.OpenStream(path, mode, access, FileShare.Read, FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share) => File.OpenStream(path, mode, access, share, FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) =>
        File.OpenStream(path, mode, access, share, FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, bool useAsync) =>
        File.OpenStream(path, mode, access, share, useAsync ? FileOptions.Asynchronous : FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) =>
        File.OpenStream(path, mode, access, share, options);

    public FileSystemStream New(string path, FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return File.OpenStream(path, options.Mode, options.Access, options.Share, options.Options, options.UnixCreateMode);
    }

    public FileSystemStream Wrap(FileStream fileStream) => throw Unsupported.Wrap();
}
