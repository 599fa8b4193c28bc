using System.Threading.Channels;

namespace Simulator.Internal;

/// <summary>A read-only stream over a channel of byte chunks: reads wait for data; a completed channel is end of file.</summary>
/// <param name="reader">The chunks.</param>
/// <param name="onDispose">Run once when the stream is disposed (a pipe's read end closes the pipe).</param>
internal sealed class ChannelReadStream(ChannelReader<ReadOnlyMemory<byte>> reader, Action? onDispose = null) : Stream
{
    private ReadOnlyMemory<byte> _pending;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_pending.IsEmpty)
        {
            if (!await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }

            reader.TryRead(out _pending);
        }

        var n = Math.Min(buffer.Length, _pending.Length);
        _pending.Span[..n].CopyTo(buffer.Span);
        _pending = _pending[n..];
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Interlocked.Exchange(ref onDispose, null)?.Invoke();
        base.Dispose(disposing);
    }
}
