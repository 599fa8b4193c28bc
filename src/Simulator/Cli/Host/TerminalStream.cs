namespace Simulator.Cli;

/// <summary>
/// One of the host shell session's standard streams: forwards to the stream of the command line being run and
/// says whether that stream is a terminal (so <c>docker run -t</c> and progress output can tell).
/// </summary>
internal sealed class TerminalStream : Stream
{
    private Stream _target = Null;

    public bool IsTerminal { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Whether <paramref name="stream"/> is a host session stream that is a terminal now.</summary>
    public static bool IsTerminalStream(Stream stream) => stream is TerminalStream { IsTerminal: true };

    public void Attach(Stream target, bool isTerminal)
    {
        Volatile.Write(ref _target, target);
        IsTerminal = isTerminal;
    }

    public override void Flush() => _target.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _target.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => _target.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _target.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _target.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count)
    {
        var target = _target;
        lock (target)
        {
            target.Write(buffer, offset, count);
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.ToArray(), 0, buffer.Length);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
