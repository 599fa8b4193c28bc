using Simulator.Internal;

namespace Simulator.Containers;

/// <summary>
/// A client attached to a container (<c>docker attach</c>, <c>docker run -it</c>; <c>POST /containers/{id}/attach</c>'s
/// hijacked connection): write to <see cref="Stdin"/>, read <see cref="Stdout"/> and <see cref="Stderr"/>, await
/// <see cref="Completion"/>.
/// </summary>
/// <remarks>
/// <para><b>Output.</b> The streams carry the bytes the container writes from the moment of attaching (after the log,
/// with <see cref="AttachOptions.Logs"/>) and end when the container's main process ends, when the client detaches or
/// when the attachment is disposed. With a TTY (<see cref="ContainerConfig.Tty"/>) stdout and stderr are merged into
/// <see cref="Stdout"/> with <c>\n</c> sent as <c>\r\n</c>, the typed input is echoed, and <see cref="Stderr"/> is
/// empty, as a pseudo-terminal does. Output is buffered without bound: a client that does not read does not block the
/// container.</para>
/// <para><b>Input.</b> Bytes written to <see cref="Stdin"/> reach the container's stdin (only with <see cref="AttachOptions.Stdin"/>
/// and <see cref="ContainerConfig.OpenStdin"/>; otherwise they are discarded). The detach keys (default <c>ctrl-p,ctrl-q</c>)
/// are matched byte by byte across writes (moby/term's escape proxy matches single-byte reads, as a terminal sends them):
/// when matched the attachment ends with <see cref="AttachResult.Detached"/> and the container keeps running; the keys
/// are not forwarded, a partial match that fails is forwarded. With a TTY, <c>\r</c> reaches the program as <c>\n</c> and
/// <c>^D</c> closes stdin. <see cref="CloseStdin"/> (or disposing <see cref="Stdin"/>) closes the container's stdin when it
/// was created with <see cref="ContainerConfig.StdinOnce"/> (what <c>docker run -i</c> sets), as moby does.</para>
/// <para><b>Thread-safety.</b> Input may be written from one thread while output is read on others.</para>
/// </remarks>
public sealed class ContainerAttachment : IAsyncDisposable
{
    /// <summary>Docker's error text for a detach (moby/term <c>EscapeError</c>); the CLI treats it as a normal end.</summary>
    public const string EscapeSequenceMessage = "read escape sequence";

    private readonly ContainerIo _io;
    private readonly ContainerIo.Subscriber _subscriber;
    private readonly Action _onDetach;
    private readonly byte[] _keys;
    private readonly bool _stdinOnce;
    private readonly bool _stdinAttached;
    private readonly Lock _gate = new();
    private int _matched;
    private bool _inputClosed;

    internal ContainerAttachment(ContainerIo io, ContainerIo.Subscriber subscriber, bool stdin, bool stdinOnce, byte[] keys, Action onDetach)
    {
        _io = io;
        _subscriber = subscriber;
        _stdinAttached = stdin;
        _stdinOnce = stdinOnce;
        _keys = keys;
        _onDetach = onDetach;
        Tty = io.Tty;
        Stdin = new InputStream(this);
        Stdout = new ChannelReadStream(subscriber.Out.Reader);
        Stderr = new ChannelReadStream(subscriber.Err.Reader);
    }

    /// <summary>Whether the container has a TTY (output merged into <see cref="Stdout"/>, <c>\r\n</c> line ends).</summary>
    public bool Tty { get; }

    /// <summary>The container's stdin: a write-only stream; disposing it is <see cref="CloseStdin"/>.</summary>
    public Stream Stdin { get; }

    /// <summary>The container's stdout (with a TTY, all output): reads wait for data; end of file when the attachment ends.</summary>
    public Stream Stdout { get; }

    /// <summary>The container's stderr (empty with a TTY): reads wait for data; end of file when the attachment ends.</summary>
    public Stream Stderr { get; }

    /// <summary>Completes when the attachment ends: the container stopped, the client detached, or it was disposed.</summary>
    public Task<AttachResult> Completion => _subscriber.Done;

    /// <summary>Ends the input: the container's stdin is closed if it was created with <see cref="ContainerConfig.StdinOnce"/>. Idempotent.</summary>
    public void CloseStdin()
    {
        lock (_gate)
        {
            if (_inputClosed)
            {
                return;
            }

            _inputClosed = true;
        }

        if (_stdinAttached && _stdinOnce)
        {
            _io.CloseStdin();
        }
    }

    /// <summary>Detaches without the detach keys: output streams end, <see cref="Completion"/> gives <c>Detached = false</c>.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        _io.Unsubscribe(_subscriber);
        _subscriber.End(detached: false);
        return ValueTask.CompletedTask;
    }

    /// <summary>moby/term <c>ToBytes</c>: <c>ctrl-a</c>…<c>ctrl-z</c>, <c>ctrl-@</c>, <c>ctrl-[</c>, <c>ctrl-\</c>, <c>ctrl-]</c>, <c>ctrl-^</c>, <c>ctrl-_</c>, <c>DEL</c> or single characters, comma separated.</summary>
    /// <param name="keys">The keys text.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/> <c>Invalid detach keys (x) provided</c> (moby daemon/attach.go).</exception>
    internal static byte[] ParseDetachKeys(string? keys)
    {
        if (string.IsNullOrEmpty(keys))
        {
            return [0x10, 0x11];
        }

        const string ctrl = "@abcdefghijklmnopqrstuvwxyz[\\]^_";
        var codes = new List<byte>();
        foreach (var key in keys.Split(','))
        {
            if (key.Length == 1)
            {
                codes.Add((byte)key[0]);
            }
            else if (key.Length == 6 && key.StartsWith("ctrl-", StringComparison.Ordinal) && ctrl.IndexOf(key[5], StringComparison.Ordinal) is var i && i >= 0)
            {
                codes.Add((byte)i);
            }
            else if (key == "DEL")
            {
                codes.Add(127);
            }
            else
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"Invalid detach keys ({keys}) provided");
            }
        }

        return [.. codes];
    }

    private void Input(ReadOnlySpan<byte> data)
    {
        var forward = new List<byte>(data.Length);
        var detach = false;
        lock (_gate)
        {
            if (_inputClosed || _subscriber.Done.IsCompleted)
            {
                return;
            }

            foreach (var b in data)
            {
                if (_keys.Length > 0 && b == _keys[_matched])
                {
                    if (++_matched == _keys.Length)
                    {
                        detach = true;
                        _inputClosed = true;
                        break;
                    }

                    continue;
                }

                if (_matched > 0)
                {
                    forward.AddRange(_keys.AsSpan(0, _matched));
                    _matched = 0;
                }

                forward.Add(b);
            }
        }

        if (_stdinAttached && forward.Count > 0)
        {
            _io.WriteStdin(forward.ToArray());
        }

        if (detach)
        {
            _io.Unsubscribe(_subscriber);
            _onDetach();
            _subscriber.End(detached: true);
        }
    }

    private sealed class InputStream(ContainerAttachment owner) : WriteOnlyStream
    {
        public override void Write(byte[] buffer, int offset, int count) => owner.Input(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => owner.Input(buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            owner.Input(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            owner.Input(buffer.Span);
            return ValueTask.CompletedTask;
        }

        protected override void Dispose(bool disposing)
        {
            owner.CloseStdin();
            base.Dispose(disposing);
        }
    }
}
