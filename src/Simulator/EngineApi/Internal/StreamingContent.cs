using System.IO.Pipelines;
using System.Net;

namespace Simulator.EngineApi.Internal;

/// <summary>
/// A response body written by a producer while the client reads it (chunked: no length), as dockerd streams
/// pull progress, logs and the wait result: read in process it is a pipe, sent on a socket it is written through.
/// </summary>
internal sealed class StreamingContent : HttpContent
{
    private readonly Func<Stream, CancellationToken, Task> _producer;

    public StreamingContent(Func<Stream, CancellationToken, Task> producer, string contentType)
    {
        _producer = producer;
        Headers.TryAddWithoutValidation("Content-Type", contentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        _producer(stream, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _producer(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(Open());

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult(Open());

    private Stream Open()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
        var cts = new CancellationTokenSource();
        var writer = pipe.Writer.AsStream(leaveOpen: true);
        _ = Task.Run(async () =>
        {
            try
            {
                await _producer(writer, cts.Token).ConfigureAwait(false);
                await pipe.Writer.CompleteAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await pipe.Writer.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await pipe.Writer.CompleteAsync(new IOException(ex.Message, ex)).ConfigureAwait(false);
            }
        });
        return new CancelOnDisposeStream(pipe.Reader.AsStream(), cts);
    }

    /// <summary>A read stream that stops its producer when the reader disposes it.</summary>
    private sealed class CancelOnDisposeStream(Stream inner, CancellationTokenSource cts) : Stream
    {
        private int _disposed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                cts.Cancel();
                inner.Dispose();
                cts.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
