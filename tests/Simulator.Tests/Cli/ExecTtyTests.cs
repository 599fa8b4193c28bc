using System.Text;
using System.Threading.Channels;
using Simulator.Cli;

namespace Simulator.Tests.Cli;

/// <summary>
/// <c>docker exec -t</c> / <c>-it</c>: the process gets a terminal (busybox ash's <c>/ # </c> prompt, moby's TERM=xterm),
/// output leaves as <c>\r\n</c> with stderr merged (one TTY), typed input is echoed once by the TTY, and the CLI's own
/// terminal is raw meanwhile (docker/cli cli/command/container/exec.go and hijack.go setRawTerminal).
/// </summary>
public sealed class ExecTtyTests
{
    [Fact]
    public async Task Exec_t_merges_stderr_into_the_terminal_with_crlf()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "-d", "--name", "box", "alpine", "sleep", "1000");

        var r = await f.RunAsync("exec", "-t", "box", "sh", "-c", "echo out; echo err >&2; exit 5");

        Assert.Equal((5, "out\r\nerr\r\n", ""), (r.ExitCode, r.Stdout, r.Stderr));

        // Without -t the streams stay apart and lines end in \n.
        r = await f.RunAsync("exec", "box", "sh", "-c", "echo out; echo err >&2");
        Assert.Equal((0, "out\n", "err\n"), (r.ExitCode, r.Stdout, r.Stderr));
    }

    [Fact]
    public async Task Exec_it_prompts_echoes_once_and_keeps_the_terminal_raw_until_the_end()
    {
        var ct = TestContext.Current.CancellationToken;
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "-d", "--name", "box", "alpine", "sleep", "1000");
        var keyboard = new Keyboard();
        var screen = new Screen();
        int raw = 0, restored = 0;
        var streams = new DockerCliStreams(keyboard, screen, screen)
        {
            StdinIsTerminal = true,
            StdoutIsTerminal = true,
            RawTerminal = () =>
            {
                raw++;
                return new Restorer(() => restored++);
            },
        };

        var run = f.Cli.RunAsync(["exec", "-it", "box", "/bin/sh"], streams, ct);
        await screen.WaitForAsync("/ # ", ct);
        Assert.Equal((1, 0), (raw, restored));

        // A terminal sends \r for Enter; the TTY turns it into \n (ICRNL) and echoes \r\n.
        keyboard.Type("echo $TERM\r");
        await screen.WaitForAsync("/ # echo $TERM\r\nxterm\r\n/ # ", ct);
        keyboard.Type("exit 3\r");

        Assert.Equal(3, await run);
        Assert.Equal("/ # echo $TERM\r\nxterm\r\n/ # exit 3\r\n", screen.Text);
        Assert.Equal((1, 1), (raw, restored));
    }

    [Fact]
    public async Task Exec_it_without_a_terminal_is_refused_and_runs_nothing()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "-d", "--name", "box", "alpine", "sleep", "1000");
        var before = f.Engine.Containers.Events.Buffered.Count;

        var r = await f.RunAsync("exec", "-it", "box", "sh");

        // Real docker 28.2.2 client with stdin not a terminal.
        Assert.Equal((1, "the input device is not a TTY\n"), (r.ExitCode, r.Stderr));
        Assert.Equal(before, f.Engine.Containers.Events.Buffered.Count);
    }

    /// <summary>Keys typed on a terminal: reads wait for them.</summary>
    private sealed class Keyboard : Stream
    {
        private readonly Channel<byte[]> _keys = Channel.CreateUnbounded<byte[]>();
        private byte[] _pending = [];
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Type(string text) => _keys.Writer.TryWrite(Encoding.UTF8.GetBytes(text));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset == _pending.Length)
            {
                _pending = await _keys.Reader.ReadAsync(cancellationToken);
                _offset = 0;
            }

            var n = Math.Min(buffer.Length, _pending.Length - _offset);
            _pending.AsMemory(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>What a terminal shows: every byte written, readable while writes go on.</summary>
    private sealed class Screen : Stream
    {
        private readonly Lock _gate = new();
        private readonly List<byte> _bytes = [];

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return Encoding.UTF8.GetString([.. _bytes]);
                }
            }
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        /// <summary>Waits (no clock involved: the shell prompts at once) until the screen ends with <paramref name="tail"/>.</summary>
        public async Task WaitForAsync(string tail, CancellationToken ct)
        {
            while (!Text.EndsWith(tail, StringComparison.Ordinal))
            {
                await Task.Delay(1, ct);
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                _bytes.AddRange(buffer.AsSpan(offset, count));
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private sealed class Restorer(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
