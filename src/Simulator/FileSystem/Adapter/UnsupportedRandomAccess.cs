using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Simulator.FileSystem.Adapter;

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
