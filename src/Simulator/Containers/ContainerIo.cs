using System.Threading.Channels;
using Simulator.Internal;

namespace Simulator.Containers;

/// <summary>
/// A container's stdio as the daemon's stream config holds it (moby <c>container/stream</c>): the stdin pipe, the
/// output fan-out to attachments and the log, and, with a TTY, the terminal line discipline (ONLCR output,
/// ICRNL input, echo, <c>^D</c> as end of file). Guarded by its own lock.
/// </summary>
internal sealed class ContainerIo(ContainerRecord rec, TimeProvider time)
{
    // The object itself is the lock: an idle container holds no separate lock object.
    private object Gate => this;
    private List<Subscriber>? _subscribers;
    private Channel<ReadOnlyMemory<byte>>? _stdin;
    private LogWriterStream? _stdout;
    private LogWriterStream? _stderr;
    private TaskCompletionSource? _changed;

    public bool Tty => rec.Config.Tty;

    /// <summary>Increments when a run ends (follow readers and attachments end with their run).</summary>
    public int Generation { get; private set; }

    /// <summary>Completes at the next log append or run end.</summary>
    public Task Changed
    {
        get
        {
            lock (Gate)
            {
                return (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    /// <summary>Creates the stdin pipe (OpenStdin) so input written before start is buffered (moby NewInputPipes at create).</summary>
    public void EnsureStdin()
    {
        lock (Gate)
        {
            if (rec.Config.OpenStdin && _stdin is null)
            {
                _stdin = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
            }
        }
    }

    /// <summary>The streams for a new main process: stdin (empty without OpenStdin), stdout, stderr.</summary>
    public (Stream Stdin, Stream Stdout, Stream Stderr) BeginRun()
    {
        EnsureStdin();
        lock (Gate)
        {
            _stdout = new LogWriterStream(rec.Logs, LogStream.Stdout, time);
            _stderr = new LogWriterStream(rec.Logs, LogStream.Stderr, time);
            Stream stdin = _stdin is null ? Stream.Null : new ChannelReadStream(_stdin.Reader);
            return (stdin, new Output(this, LogStream.Stdout), new Output(this, Tty ? LogStream.Stdout : LogStream.Stderr));
        }
    }

    /// <summary>The main process ended: the partial lines go to the log, attachments end, stdin is dropped (recreated at the next start).</summary>
    public void EndRun()
    {
        List<Subscriber> ended;
        lock (Gate)
        {
            _stdout?.FlushPartial();
            _stderr?.FlushPartial();
            _stdin?.Writer.TryComplete();
            _stdin = null;
            ended = _subscribers ?? [];
            _subscribers = null;
            Generation++;
            Signal();
        }

        foreach (var s in ended)
        {
            s.End(detached: false);
        }
    }

    /// <summary>Registers an attachment's output channels; replays the log first when asked.</summary>
    public void Subscribe(Subscriber subscriber, bool logs)
    {
        lock (Gate)
        {
            if (logs)
            {
                lock (rec.Logs)
                {
                    foreach (var entry in rec.Logs)
                    {
                        subscriber.Write(entry.Stream, System.Text.Encoding.UTF8.GetBytes(entry.Text));
                    }
                }
            }

            (_subscribers ??= []).Add(subscriber);
        }
    }

    public void Unsubscribe(Subscriber subscriber)
    {
        lock (Gate)
        {
            _subscribers?.Remove(subscriber);
        }
    }

    /// <summary>Input from an attachment: through the line discipline (TTY) into the stdin pipe; dropped when stdin is closed.</summary>
    public void WriteStdin(ReadOnlySpan<byte> data)
    {
        lock (Gate)
        {
            if (_stdin is null)
            {
                return;
            }

            if (!Tty)
            {
                _stdin.Writer.TryWrite(data.ToArray());
                return;
            }

            var forward = new List<byte>(data.Length);
            var echo = new List<byte>(data.Length + 4);
            foreach (var b in data)
            {
                switch (b)
                {
                    case 0x04:
                        // ^D: end of file for the reader (canonical mode).
                        Flush(forward, echo);
                        _stdin.Writer.TryComplete();
                        return;
                    case (byte)'\r':
                    case (byte)'\n':
                        forward.Add((byte)'\n'); // ICRNL
                        echo.Add((byte)'\r');
                        echo.Add((byte)'\n');
                        break;
                    default:
                        forward.Add(b);
                        echo.Add(b);
                        break;
                }
            }

            Flush(forward, echo);
        }

        void Flush(List<byte> forward, List<byte> echo)
        {
            if (echo.Count > 0)
            {
                WriteOutput(LogStream.Stdout, echo.ToArray());
            }

            if (forward.Count > 0)
            {
                _stdin!.Writer.TryWrite(forward.ToArray());
            }
        }
    }

    /// <summary>Closes the container's stdin (end of file), as the last <c>StdinOnce</c> attachment's close does.</summary>
    public void CloseStdin()
    {
        lock (Gate)
        {
            _stdin?.Writer.TryComplete();
        }
    }

    private void Write(LogStream stream, ReadOnlySpan<byte> data)
    {
        lock (Gate)
        {
            if (!Tty)
            {
                WriteOutput(stream, data.ToArray());
                return;
            }

            // ONLCR: every \n leaves the terminal as \r\n.
            var translated = new List<byte>(data.Length + 8);
            foreach (var b in data)
            {
                if (b == (byte)'\n')
                {
                    translated.Add((byte)'\r');
                }

                translated.Add(b);
            }

            WriteOutput(LogStream.Stdout, translated.ToArray());
        }
    }

    private void WriteOutput(LogStream stream, byte[] data)
    {
        (stream == LogStream.Stdout ? _stdout : _stderr)?.Write(data);
        if (_subscribers is not null)
        {
            foreach (var s in _subscribers)
            {
                s.Write(stream, data);
            }
        }

        Signal();
    }

    private void Signal()
    {
        // Only readers that asked (FollowLogsAsync) pay for the signal.
        var old = _changed;
        _changed = null;
        old?.TrySetResult();
    }

    /// <summary>An attachment's output side.</summary>
    internal sealed class Subscriber(bool stdout, bool stderr, bool tty)
    {
        private readonly TaskCompletionSource<AttachResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Channel<ReadOnlyMemory<byte>> Out { get; } = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });

        public Channel<ReadOnlyMemory<byte>> Err { get; } = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });

        public Task<AttachResult> Done => _done.Task;

        public void Write(LogStream stream, byte[] data)
        {
            if (tty || stream == LogStream.Stdout)
            {
                if (stdout || (tty && stderr))
                {
                    Out.Writer.TryWrite(data);
                }
            }
            else if (stderr)
            {
                Err.Writer.TryWrite(data);
            }
        }

        public void End(bool detached)
        {
            Out.Writer.TryComplete();
            Err.Writer.TryComplete();
            _done.TrySetResult(new AttachResult(detached));
        }
    }

    private sealed class Output(ContainerIo io, LogStream stream) : WriteOnlyStream
    {
        public override void Write(byte[] buffer, int offset, int count) => io.Write(stream, buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => io.Write(stream, buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            io.Write(stream, buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            io.Write(stream, buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
