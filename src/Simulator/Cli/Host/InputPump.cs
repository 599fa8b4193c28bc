namespace Simulator.Cli;

/// <summary>
/// Shares one input stream (a terminal) among the command lines of an interactive session: at most one read is in
/// flight on the source, owned by the pump, so a reader that stops waiting (a command that ended) loses no input;
/// the next reader gets it. <see cref="OpenView"/> gives each command line a stream that reads end of file once closed.
/// </summary>
internal sealed class InputPump(Stream source)
{
    private readonly object _gate = new();
    private readonly byte[] _buffer = new byte[4096];
    private Task<int>? _inFlight;
    private int _start;
    private int _end;

    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<int> read;
            lock (_gate)
            {
                if (_start < _end)
                {
                    var n = Math.Min(destination.Length, _end - _start);
                    _buffer.AsMemory(_start, n).CopyTo(destination);
                    _start += n;
                    return n;
                }

                if (_inFlight is { IsCompleted: true } done)
                {
                    _inFlight = null;
                    var got = done.IsCompletedSuccessfully ? done.Result : 0;
                    if (got == 0)
                    {
                        return 0;
                    }

                    _start = 0;
                    _end = got;
                    continue;
                }

                _inFlight ??= source.ReadAsync(_buffer, 0, _buffer.Length, CancellationToken.None);
                read = _inFlight;
            }

            await read.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public View OpenView() => new(this);

    /// <summary>A command line's view of the pump: reads end of file after <see cref="Close"/>.</summary>
    internal sealed class View(InputPump pump) : Stream
    {
        private readonly CancellationTokenSource _closed = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Close()
        {
            _closed.Cancel();
            base.Close();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_closed.IsCancellationRequested)
            {
                return 0;
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
            try
            {
                return await pump.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_closed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
