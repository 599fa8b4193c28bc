using System.IO.Pipelines;

namespace Simulator.EngineApi;

/// <summary>
/// One end of an in-memory hijacked connection (what <c>attach</c> and <c>exec start</c> upgrade to): reads what the other
/// end writes, writes what it reads. <see cref="CloseWrite"/> is a half-close (<c>shutdown(SHUT_WR)</c>): the other end
/// reads end-of-stream while this end can still read, as the docker CLI closes its side after the upgrade.
/// </summary>
/// <remarks>Thread-safety: one reader and one writer may use the stream at once.</remarks>
public sealed class EngineApiDuplexStream : Stream
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Stream _reader;
    private readonly Stream _writer;
    private int _writeClosed;

    private EngineApiDuplexStream(PipeReader input, PipeWriter output)
    {
        _input = input;
        _output = output;
        _reader = input.AsStream(leaveOpen: true);
        _writer = output.AsStream(leaveOpen: true);
    }

    /// <summary>Creates a connected pair: what one writes the other reads.</summary>
    /// <returns>The client end and the server end.</returns>
    public static (EngineApiDuplexStream Client, EngineApiDuplexStream Server) CreatePair()
    {
        var options = new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false);
        var up = new Pipe(options);
        var down = new Pipe(options);
        return (new EngineApiDuplexStream(down.Reader, up.Writer), new EngineApiDuplexStream(up.Reader, down.Writer));
    }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => _writeClosed == 0;

    /// <summary>Not supported.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override long Length => throw new NotSupportedException();

    /// <summary>Not supported.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Half-closes: the other end reads end-of-stream; reading here goes on. Idempotent.</summary>
    public void CloseWrite()
    {
        if (Interlocked.Exchange(ref _writeClosed, 1) == 0)
        {
            _output.Complete();
        }
    }

    /// <inheritdoc/>
    public override void Flush() => _writer.Flush();

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => _reader.Read(buffer, offset, count);

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _reader.ReadAsync(buffer, offset, count, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _reader.ReadAsync(buffer, cancellationToken);

    /// <summary>Writes to the other end.</summary>
    /// <param name="buffer">The bytes.</param>
    /// <param name="offset">Where they start.</param>
    /// <param name="count">How many.</param>
    /// <exception cref="IOException">This end was half-closed with <see cref="CloseWrite"/>.</exception>
    public override void Write(byte[] buffer, int offset, int count)
    {
        ThrowIfWriteClosed();
        _writer.Write(buffer, offset, count);
    }

    /// <summary>Writes to the other end.</summary>
    /// <param name="buffer">The bytes.</param>
    /// <param name="offset">Where they start.</param>
    /// <param name="count">How many.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task completing when written.</returns>
    /// <exception cref="IOException">This end was half-closed with <see cref="CloseWrite"/>.</exception>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ThrowIfWriteClosed();
        return _writer.WriteAsync(buffer, offset, count, cancellationToken);
    }

    /// <summary>Writes to the other end.</summary>
    /// <param name="buffer">The bytes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task completing when written.</returns>
    /// <exception cref="IOException">This end was half-closed with <see cref="CloseWrite"/>.</exception>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfWriteClosed();
        return _writer.WriteAsync(buffer, cancellationToken);
    }

    /// <summary>Not supported.</summary>
    /// <param name="offset">Unused.</param>
    /// <param name="origin">Unused.</param>
    /// <returns>Never.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <summary>Not supported.</summary>
    /// <param name="value">Unused.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseWrite();
            _input.Complete();
        }

        base.Dispose(disposing);
    }

    private void ThrowIfWriteClosed()
    {
        if (_writeClosed != 0)
        {
            throw new IOException("write on a half-closed connection");
        }
    }
}
