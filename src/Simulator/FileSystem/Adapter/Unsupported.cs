using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Simulator.FileSystem.Adapter;

/// <summary>The exceptions for the parts of System.IO.Abstractions the union adapter does not model.</summary>
internal static class Unsupported
{
    public static NotSupportedException Handle() =>
        new("SafeFileHandle-based operations are not supported by UnionFileSystemAdapter: the union view has no operating-system handles. Use the path-based overloads or a stream.");

    public static NotSupportedException Wrap() =>
        new("UnionFileSystemAdapter cannot wrap real System.IO objects: they describe the disk, not the union view.");

    public static NotSupportedException Feature(string feature) =>
        new($"{feature} is not supported by UnionFileSystemAdapter.");
}

/// <summary>DriveInfo is not modelled.</summary>
internal sealed class UnsupportedDriveInfoFactory(IFileSystem fs) : IDriveInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDriveInfo[] GetDrives() => throw Unsupported.Feature("DriveInfo");

    public IDriveInfo New(string driveName) => throw Unsupported.Feature("DriveInfo");

    public IDriveInfo? Wrap(DriveInfo? driveInfo) => throw Unsupported.Wrap();
}

/// <summary>FileSystemWatcher is not modelled.</summary>
internal sealed class UnsupportedWatcherFactory(IFileSystem fs) : IFileSystemWatcherFactory
{
    public IFileSystem FileSystem => fs;

    public IFileSystemWatcher New() => throw Unsupported.Feature("FileSystemWatcher");

    public IFileSystemWatcher New(string path) => throw Unsupported.Feature("FileSystemWatcher");

    public IFileSystemWatcher New(string path, string filter) => throw Unsupported.Feature("FileSystemWatcher");

    public IFileSystemWatcher? Wrap(FileSystemWatcher? fileSystemWatcher) => throw Unsupported.Wrap();
}

/// <summary>FileVersionInfo is not modelled.</summary>
internal sealed class UnsupportedVersionInfoFactory(IFileSystem fs) : IFileVersionInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IFileVersionInfo GetVersionInfo(string fileName) => throw Unsupported.Feature("FileVersionInfo");
}

/// <summary>RandomAccess works on SafeFileHandles, which the union view does not have.</summary>
internal sealed class UnsupportedRandomAccess(IFileSystem fs) : IRandomAccess
{
    public IFileSystem FileSystem => fs;

    public void FlushToDisk(SafeFileHandle handle) => throw Unsupported.Handle();

    public long GetLength(SafeFileHandle handle) => throw Unsupported.Handle();

    public int Read(SafeFileHandle handle, Span<byte> buffer, long fileOffset) => throw Unsupported.Handle();

    public long Read(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset) => throw Unsupported.Handle();

    public ValueTask<int> ReadAsync(SafeFileHandle handle, Memory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported.Handle();

    public ValueTask<long> ReadAsync(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported.Handle();

    public void SetLength(SafeFileHandle handle, long length) => throw Unsupported.Handle();

    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> buffer, long fileOffset) => throw Unsupported.Handle();

    public void Write(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset) => throw Unsupported.Handle();

    public ValueTask WriteAsync(SafeFileHandle handle, ReadOnlyMemory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported.Handle();

    public ValueTask WriteAsync(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported.Handle();
}
