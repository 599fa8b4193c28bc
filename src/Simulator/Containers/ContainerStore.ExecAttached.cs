using System.Threading.Channels;
using Simulator.Internal;
using Simulator.Processes;

namespace Simulator.Containers;

/// <summary>Attached exec: <c>docker exec -i</c> / <c>-it</c> with streaming stdio.</summary>
public sealed partial class ContainerStore
{
    /// <summary>
    /// <c>docker exec</c> attached (<c>POST /exec/{id}/start</c> hijacked, moby daemon/exec.go): runs a command in the
    /// running container with its stdio streamed as it happens. With <see cref="ExecConfig.Tty"/> the process sees a
    /// terminal and the streams pass through a terminal's line discipline, as a pseudo-terminal does: input is echoed,
    /// <c>\r</c> becomes <c>\n</c> (ICRNL), <c>^D</c> is end of file, and every output <c>\n</c> leaves as <c>\r\n</c>
    /// (ONLCR) on <paramref name="stdout"/> (stderr is merged into it, as a TTY has one output).
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="exec">The command and options (<see cref="ExecConfig.Stdin"/> is not used).</param>
    /// <param name="stdin">The input to stream until its end; <see langword="null"/> for none (no <c>-i</c>). Reading stops when the process ends.</param>
    /// <param name="stdout">Receives the output; writes are serialised with those to <paramref name="stderr"/>.</param>
    /// <param name="stderr">Receives the error output (not used with a TTY).</param>
    /// <param name="cancellationToken">Cancels the wait (the process keeps running).</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exec"/>, <paramref name="stdout"/> or <paramref name="stderr"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">As <see cref="ExecAsync"/>.</exception>
    /// <exception cref="ExecException">As <see cref="ExecAsync"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>Thread-safe.</remarks>
    public async Task<int> ExecAttachedAsync(string idOrName, ExecConfig exec, Stream? stdin, Stream stdout, Stream stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var (ns, spec, rec, execId) = BeginExec(idOrName, exec);
        var gate = new Lock();
        var output = new ExecOutputStream(stdout, gate, exec.Tty);
        var errors = exec.Tty ? output : new ExecOutputStream(stderr, gate, false);
        Channel<ReadOnlyMemory<byte>>? input = stdin is null ? null : Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
        SimulatedProcess process;
        try
        {
            process = ns.Start(spec, input is null ? Stream.Null : new ChannelReadStream(input.Reader), output, errors);
        }
        catch (ExecException ex)
        {
            EndExec(rec, execId, ex.ExitCode);
            throw;
        }

        using var ended = new CancellationTokenSource();
        var pump = input is null ? Task.CompletedTask : PumpExecInputAsync(stdin!, input.Writer, exec.Tty ? output : null, ended.Token);
        int code;
        try
        {
            code = await process.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ended.CancelAsync().ConfigureAwait(false);
        }

        await pump.ConfigureAwait(false);
        EndExec(rec, execId, code);
        return code;
    }

    /// <summary>Copies input into the process's stdin until its end or <paramref name="ended"/>; with a terminal, as its line discipline.</summary>
    private static async Task PumpExecInputAsync(Stream source, ChannelWriter<ReadOnlyMemory<byte>> target, ExecOutputStream? echo, CancellationToken ended)
    {
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer, ended).ConfigureAwait(false)) > 0)
            {
                if (echo is null)
                {
                    target.TryWrite(buffer.AsSpan(0, n).ToArray());
                    continue;
                }

                var forward = new List<byte>(n);
                foreach (var b in buffer.AsSpan(0, n))
                {
                    if (b == 0x04)
                    {
                        // ^D: end of file for the reader (canonical mode).
                        Flush(forward);
                        return;
                    }

                    // ICRNL; the echo of a newline is \r\n through ONLCR.
                    forward.Add(b == (byte)'\r' ? (byte)'\n' : b);
                }

                Flush(forward);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            target.TryComplete();
        }

        void Flush(List<byte> forward)
        {
            if (forward.Count > 0)
            {
                var bytes = forward.ToArray();
                echo!.Write(bytes);
                target.TryWrite(bytes);
            }
        }
    }

    /// <summary>An exec's output: serialised writes to the client's stream; with a TTY, ONLCR (<c>\n</c> as <c>\r\n</c>).</summary>
    private sealed class ExecOutputStream(Stream inner, Lock gate, bool onlcr) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
            lock (gate)
            {
                inner.Flush();
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            byte[] data;
            if (onlcr && buffer.Contains((byte)'\n'))
            {
                var translated = new List<byte>(buffer.Length + 8);
                foreach (var b in buffer)
                {
                    if (b == (byte)'\n')
                    {
                        translated.Add((byte)'\r');
                    }

                    translated.Add(b);
                }

                data = translated.ToArray();
            }
            else
            {
                data = buffer.ToArray();
            }

            lock (gate)
            {
                inner.Write(data);
                inner.Flush();
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
