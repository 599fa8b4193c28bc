using System.Text;
using System.Threading.Channels;
using Simulator.FileSystem;
using Simulator.Processes;
using Simulator.Userland;
using Simulator.Userland.Shell;

namespace Simulator.Cli;

/// <summary>
/// A shell session on the simulated host: the busybox <c>sh</c> subset running over the engine's host file system,
/// with <c>docker</c> (a <see cref="DockerCli"/> over the engine), <c>curl</c> (reaching published ports through
/// <see cref="Networking.SimulatedNetwork"/>) and the busybox applets as host programs. Variables, functions and the
/// working directory persist from one <see cref="RunAsync(string, Stream?, Stream, Stream, bool, CancellationToken)"/>
/// to the next, as in one terminal session.
/// </summary>
/// <remarks>
/// <para><b>Host.</b> The session starts in <c>/root</c> with <c>HOME=/root</c>, <c>PATH</c> Docker's default, <c>USER=root</c>
/// and <c>HOSTNAME=host</c>. Programs are found by <c>PATH</c> at <c>/bin/NAME</c> (busybox applets) and
/// <c>/usr/bin/docker</c>, <c>/usr/bin/curl</c>; they need no files on the host file system. Replace or add programs
/// with <see cref="Programs"/> (the transcript runner replaces <c>/bin/sleep</c> to advance its clock).</para>
/// <para><b>Terminals.</b> A command line's streams are a terminal when <c>isTerminal</c> is set: then <c>docker run -it</c>
/// works and the docker CLI sees a TTY; pipes and redirections inside the line are never terminals.</para>
/// <para><b>Requirements.</b> The engine's <see cref="DockerSimulator.HostFileSystem"/> must be a <see cref="UnionFileSystemAdapter"/>
/// (the default in-memory host is one).</para>
/// <para><b>Thread-safety.</b> One command line at a time: calls are queued and run in order.</para>
/// </remarks>
public sealed class HostShell : IAsyncDisposable
{
    /// <summary>The prompt of the session (<c>$ </c>), as <c>sh</c>'s default <c>PS1</c> for a non-root user; kept for every user as transcripts show it.</summary>
    public const string Prompt = "$ ";

    /// <summary>The continuation prompt (<c>&gt; </c>), <c>PS2</c>.</summary>
    public const string ContinuationPrompt = "> ";

    private const string SessionProgram = "/usr/libexec/dsim/host-session";

    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TerminalStream _stdin = new();
    private readonly TerminalStream _stdout = new();
    private readonly TerminalStream _stderr = new();
    private readonly SimulatedProcess _session;

    // Set when `exit` ran, before its caller hears the status: the session's process ends a moment later, on its own thread.
    private bool _exitRequested;
    private ShellInterpreter? _shell;

    /// <summary>Starts a session on <paramref name="engine"/>'s host.</summary>
    /// <param name="engine">The engine; its <see cref="DockerSimulator.HostFileSystem"/> is the host's file system.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The engine's host file system is not a <see cref="UnionFileSystemAdapter"/>.</exception>
    public HostShell(DockerSimulator engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (engine.HostFileSystem is not UnionFileSystemAdapter adapter)
        {
            throw new ArgumentException("The host shell needs the engine's host file system to be a UnionFileSystemAdapter.", nameof(engine));
        }

        Engine = engine;
        Cli = new DockerCli(engine);
        Programs = new ProgramRegistry { HttpHandler = engine.Network.CreateHandler() };
        foreach (var applet in Busybox.AppletNames)
        {
            Programs.Register("/bin/" + applet, Busybox.RunAsync);
        }

        Programs.Register("/usr/bin/docker", ctx => DockerProgram.RunAsync(Cli, ctx, RawTerminal));
        Programs.Register("/usr/bin/curl", CurlProgram.RunAsync);
        Programs.Register(SessionProgram, RunSessionAsync);
        Namespace = new ProcessNamespace(adapter.Union, Programs, engine.TimeProvider);
        var spec = new ProcessSpec([SessionProgram])
        {
            Env = ["PATH=" + ProcessSpec.DefaultPath, "HOME=" + DockerSimulator.HostHome, "USER=root", "HOSTNAME=host"],
            WorkingDirectory = DockerSimulator.HostHome,
        };
        _session = Namespace.Start(spec, _stdin, _stdout, _stderr);
    }

    /// <summary>
    /// Puts the real terminal of <see cref="RunInteractiveAsync"/> in raw mode and returns what restores it; <c>docker</c>
    /// calls it while attached with <c>-i</c> to a container's TTY (see <see cref="DockerCliStreams.RawTerminal"/>), so a typed
    /// line is echoed once, by the container's TTY. <see langword="null"/> (the default): the terminal is left as it is.
    /// </summary>
    public Func<IDisposable>? RawTerminal { get; init; }

    /// <summary>The engine the session's <c>docker</c> drives.</summary>
    public DockerSimulator Engine { get; }

    /// <summary>The docker command line the session's <c>docker</c> program runs.</summary>
    public DockerCli Cli { get; }

    /// <summary>The host's programs (by path: <c>/bin/ls</c>, <c>/usr/bin/docker</c>, <c>/usr/bin/curl</c>); register more or replace them.</summary>
    public ProgramRegistry Programs { get; }

    /// <summary>The host's processes (the session shell and what it runs).</summary>
    public ProcessNamespace Namespace { get; }

    /// <summary>The session's working directory (<c>/root</c> at first; <c>cd</c> changes it).</summary>
    public string WorkingDirectory => _shell?.Cwd ?? DockerSimulator.HostHome;

    /// <summary>Whether the session has ended (<c>exit</c>); later calls return 127 without running.</summary>
    public bool HasExited => Volatile.Read(ref _exitRequested) || _session.HasExited;

    /// <summary>The value of a shell variable, or <see langword="null"/> when unset.</summary>
    /// <param name="name">The variable's name.</param>
    /// <returns>Its value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public string? GetVariable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _shell?.GetVar(name);
    }

    /// <summary>Runs one command line (any number of lines: a here-document's body follows its command) in the session.</summary>
    /// <param name="commandLine">The shell text.</param>
    /// <param name="stdin">Standard input for the line; empty when <see langword="null"/>.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error (pass <paramref name="stdout"/> to interleave them as a terminal shows them).</param>
    /// <param name="isTerminal">Whether the streams are a terminal (see remarks of <see cref="HostShell"/>).</param>
    /// <param name="cancellationToken">Stops waiting; the command keeps running in the session.</param>
    /// <returns>The exit status of the line (<c>$?</c>); 2 for a syntax error, as <c>sh</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="commandLine"/>, <paramref name="stdout"/> or <paramref name="stderr"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<int> RunAsync(string commandLine, Stream? stdin, Stream stdout, Stream stderr, bool isTerminal = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var request = new Request(commandLine, stdin ?? Stream.Null, stdout, stderr, isTerminal);
        if (!_requests.Writer.TryWrite(request))
        {
            return 127;
        }

        return await request.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one command line with empty stdin, capturing stdout and stderr together in the order written.</summary>
    /// <param name="commandLine">The shell text.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The exit status and the output (UTF-8).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="commandLine"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<(int ExitCode, string Output)> RunAsync(string commandLine, CancellationToken cancellationToken = default)
    {
        var output = new MemoryStream();
        var code = await RunAsync(commandLine, null, output, output, false, cancellationToken).ConfigureAwait(false);
        lock (output)
        {
            return (code, Encoding.UTF8.GetString(output.ToArray()));
        }
    }

    /// <summary>
    /// Runs the session interactively over a terminal: prints <see cref="Prompt"/>, reads a line (and
    /// <see cref="ContinuationPrompt"/> lines until the command is complete), runs it with these streams as a terminal,
    /// until <c>exit</c> or end of input.
    /// </summary>
    /// <param name="stdin">The terminal's input, shared by the prompt and the command lines (one read at a time is in flight, so a
    /// command that ended while reading loses no input).</param>
    /// <param name="stdout">The terminal's output.</param>
    /// <param name="stderr">The terminal's error output (prompts are written there, as <c>sh</c> does).</param>
    /// <param name="cancellationToken">Ends the loop.</param>
    /// <returns>The status of <c>exit</c>, or of the last command at end of input.</returns>
    /// <exception cref="ArgumentNullException">A stream is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<int> RunInteractiveAsync(Stream stdin, Stream stdout, Stream stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var status = 0;
        var buffer = new StringBuilder();
        var pump = new InputPump(stdin);
        while (!HasExited)
        {
            await WriteAsync(stderr, buffer.Length == 0 ? Prompt : ContinuationPrompt, cancellationToken).ConfigureAwait(false);
            var line = await ReadLineAsync(pump, cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                if (buffer.Length == 0)
                {
                    await WriteAsync(stderr, "\n", cancellationToken).ConfigureAwait(false);
                    return status;
                }

                line = "";
            }

            buffer.Append(line).Append('\n');
            var text = buffer.ToString();
            if (line.Length > 0 && IsIncomplete(text))
            {
                continue;
            }

            buffer.Clear();
            if (text.Trim().Length == 0)
            {
                continue;
            }

            // The line's own view of the terminal: reads it left pending when it ended lose no input.
            var view = pump.OpenView();
            try
            {
                status = await RunAsync(text, view, stdout, stderr, true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                view.Close();
            }
        }

        return status;
    }

    /// <summary>Ends the session: its processes (a command line still running included) are killed.</summary>
    /// <returns>A task completing when the session has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        Namespace.KillAll();
        await _session.WaitAsync().ConfigureAwait(false);
        while (_requests.Reader.TryRead(out var late))
        {
            late.Done.TrySetResult(127);
        }
    }

    private static bool IsIncomplete(string text)
    {
        try
        {
            ShellParser.Parse(text, moreInputMayFollow: true);
            return false;
        }
        catch (ShellSyntaxException e)
        {
            return e.Incomplete;
        }
    }

    private static async Task WriteAsync(Stream stream, string text, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> ReadLineAsync(InputPump input, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var n = await input.ReadAsync(one, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return bytes.Count == 0 ? null : Encoding.UTF8.GetString([.. bytes]);
            }

            if (one[0] == '\n')
            {
                return Encoding.UTF8.GetString([.. bytes]).TrimEnd('\r');
            }

            bytes.Add(one[0]);
        }
    }

    private async Task<int> RunSessionAsync(ProcessContext ctx)
    {
        var shell = new ShellInterpreter(ctx, "sh", isScript: false);
        _shell = shell;
        var status = 0;
        await foreach (var request in _requests.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            _stdin.Attach(request.Stdin, request.IsTerminal);
            _stdout.Attach(request.Stdout, request.IsTerminal);
            _stderr.Attach(request.Stderr, request.IsTerminal);
            shell.Fds[0] = _stdin;
            shell.Fds[1] = _stdout;
            shell.Fds[2] = _stderr;
            try
            {
                status = await RunLineAsync(shell, request.CommandLine).ConfigureAwait(false);
            }
            catch (ShellExitException e)
            {
                Volatile.Write(ref _exitRequested, true);
                _requests.Writer.TryComplete();
                request.Done.TrySetResult(e.Status);
                while (_requests.Reader.TryRead(out var late))
                {
                    late.Done.TrySetResult(127);
                }

                return e.Status;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await shell.WriteFd(2, "sh: " + e.Message + "\n").ConfigureAwait(false);
                status = 1;
            }

            shell.LastStatus = status;
            request.Done.TrySetResult(status);
        }

        return status;
    }

    private static async Task<int> RunLineAsync(ShellInterpreter shell, string commandLine)
    {
        Node program;
        try
        {
            program = ShellParser.Parse(commandLine);
        }
        catch (ShellSyntaxException e)
        {
            await shell.Error("syntax error: " + e.Message).ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await shell.ExecuteAsync(program).ConfigureAwait(false);
        }
        catch (ShellReturnException e)
        {
            return e.Status;
        }
        catch (ShellLoopException)
        {
            return shell.LastStatus;
        }
        catch (ShellErrorException e)
        {
            await shell.Error(e.Message).ConfigureAwait(false);
            return e.Status;
        }
    }

    private sealed record Request(string CommandLine, Stream Stdin, Stream Stdout, Stream Stderr, bool IsTerminal)
    {
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
