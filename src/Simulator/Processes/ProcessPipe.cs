using System.Threading.Channels;

namespace Simulator.Processes;

/// <summary>
/// An in-memory, one-way byte pipe between processes (or between a process and a test): bytes written
/// to <see cref="Writer"/> are read from <see cref="Reader"/>, in order, with asynchronous reads that wait
/// for data, as <c>pipe(2)</c>.
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b> Disposing <see cref="Writer"/> is end of file for the reader: once the buffered
/// bytes are read, reads return 0. Disposing <see cref="Reader"/> breaks the pipe: later (and waiting)
/// writes fail with an <see cref="IOException"/> whose message is <c>Broken pipe</c>
/// (<c>EPIPE</c>), so <c>yes | head -1</c> ends.</para>
/// <para><b>Capacity.</b> At most <see cref="Capacity"/> writes are buffered; further writes wait
/// (asynchronously) for the reader, as a full kernel pipe blocks its writer.</para>
/// <para><b>Thread-safety.</b> One reader and any number of writers may use the pipe concurrently;
/// each write is delivered whole and not interleaved with other writes.</para>
/// </remarks>
public sealed class ProcessPipe
{
    /// <summary>How many writes the pipe buffers before writers wait.</summary>
    public const int Capacity = 64;

    private readonly Channel<ReadOnlyMemory<byte>> _channel =
        Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    private volatile bool _readerClosed;

    /// <summary>Creates an empty, open pipe.</summary>
    public ProcessPipe()
    {
        Writer = new WriteEnd(this);
        Reader = new Internal.ChannelReadStream(_channel.Reader, () =>
        {
            _readerClosed = true;
            _channel.Writer.TryComplete();
            while (_channel.Reader.TryRead(out _))
            {
            }
        });
    }

    /// <summary>The write end: a write-only, non-seekable stream; dispose it to signal end of file.</summary>
    public Stream Writer { get; }

    /// <summary>The read end: a read-only, non-seekable stream whose reads wait for data; dispose it to break the pipe.</summary>
    public Stream Reader { get; }

    /// <summary>Closes the write end (end of file for the reader); the same as disposing <see cref="Writer"/>. Idempotent.</summary>
    public void CompleteWriting() => _channel.Writer.TryComplete();

    private sealed class WriteEnd(ProcessPipe pipe) : Internal.WriteOnlyStream
    {
        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (pipe._readerClosed)
            {
                throw new IOException("Broken pipe");
            }

            if (buffer.IsEmpty)
            {
                return;
            }

            try
            {
                await pipe._channel.Writer.WriteAsync(buffer.ToArray(), cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                throw new IOException("Broken pipe");
            }
        }

        protected override void Dispose(bool disposing)
        {
            pipe._channel.Writer.TryComplete();
            base.Dispose(disposing);
        }
    }
}
