using Simulator.FileSystem;

namespace Simulator.Userland.Shell;

/// <summary>A stream over an open <see cref="FileHandle"/>, with a file position; disposing closes the handle.</summary>
internal sealed class HandleStream(FileHandle handle) : Stream
{
    private long _position;

    public override bool CanRead => handle.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => handle.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        lock (this)
        {
            var n = handle.Read(_position, buffer.AsSpan(offset, count));
            _position += n;
            return n;
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        lock (this)
        {
            handle.Write(_position, buffer.AsSpan(offset, count));
            _position += count;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.ToArray(), 0, buffer.Length);
        return ValueTask.CompletedTask;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var tmp = new byte[buffer.Length];
        var n = Read(tmp, 0, tmp.Length);
        tmp.AsSpan(0, n).CopyTo(buffer.Span);
        return ValueTask.FromResult(n);
    }

    protected override void Dispose(bool disposing)
    {
        handle.Dispose();
        base.Dispose(disposing);
    }
}
