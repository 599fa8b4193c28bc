using System.Text;
using Simulator.FileSystem;

namespace Simulator.Processes;

/// <summary>
/// What a running <see cref="SimulatedProgram"/> sees of its process: argv, environment, working
/// directory, user, the container's root filesystem, stdio streams, the clock, signals, and a way to start
/// child processes.
/// </summary>
/// <remarks>
/// <para><b>Signals.</b> A program that installs no handler for a signal gets the default action: for
/// PID 1 (a container's main process) every signal but <c>SIGKILL</c> is ignored, as the Linux kernel
/// does for a PID namespace's init; other processes are terminated (status 128 + signal) except for
/// signals ignored by default. <see cref="HandleSignal"/>, <see cref="ExitOnSignal"/> and
/// <see cref="WaitForSignalAsync"/> install handlers; <c>SIGKILL</c> always ends the process with 137.
/// When the process is ended by a signal, <see cref="CancellationToken"/> is cancelled; waits made with
/// it (such as <see cref="DelayAsync"/>) stop.</para>
/// <para><b>Streams.</b> <see cref="Stdin"/>, <see cref="Stdout"/> and <see cref="Stderr"/> belong to whoever
/// started the process; a program does not dispose them. Text is UTF-8 with <c>\n</c> line ends.</para>
/// <para><b>Thread-safety.</b> The members may be used from any thread; a program usually uses its context
/// from one logical flow.</para>
/// </remarks>
public sealed class ProcessContext
{
    private readonly SimulatedProcess _process;
    private readonly ProcessSpec _spec;

    internal ProcessContext(SimulatedProcess process, ProcessSpec spec, IReadOnlyList<string> argv, Stream stdin, Stream stdout, Stream stderr)
    {
        _process = process;
        _spec = spec;
        Argv = argv;
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
        FileSystem = process.Namespace.Root.WithCaller(spec.User.Uid, spec.User.Gid);
    }

    /// <summary>The argument vector the program got (for a script, the interpreter's: <c>[/bin/sh, /script, args...]</c>).</summary>
    public IReadOnlyList<string> Argv { get; }

    /// <summary>The environment, ordered <c>KEY=VALUE</c> strings.</summary>
    public IReadOnlyList<string> Env => _spec.Env;

    /// <summary>The working directory, absolute.</summary>
    public string WorkingDirectory => _spec.WorkingDirectory;

    /// <summary>The user the process runs as.</summary>
    public ProcessUser User => _spec.User;

    /// <summary>Whether stdio is a terminal (<see cref="ProcessSpec.Tty"/>): <c>isatty</c> for the program (shells prompt when interactive).</summary>
    public bool IsTerminal => _spec.Tty;

    /// <summary>The process ID in its namespace (1 for a container's main process).</summary>
    public int Pid => _process.Pid;

    /// <summary>The namespace the process runs in (its container's processes, root filesystem and programs).</summary>
    public ProcessNamespace Namespace => _process.Namespace;

    /// <summary>The container's root filesystem, acting as the process's user (permission checks for non-root).</summary>
    public UnionFileSystem FileSystem { get; }

    /// <summary>Standard input; at end of file at once when the process was started without one.</summary>
    public Stream Stdin { get; }

    /// <summary>Standard output.</summary>
    public Stream Stdout { get; }

    /// <summary>Standard error (separate from <see cref="Stdout"/> unless the starter passed the same stream).</summary>
    public Stream Stderr { get; }

    /// <summary>The clock: sleeps and timestamps use it (a fake clock in tests).</summary>
    public TimeProvider TimeProvider => _process.Namespace.TimeProvider;

    /// <summary>The registered programs.</summary>
    public ProgramRegistry Programs => _process.Namespace.Programs;

    /// <summary>Cancelled when the process ends: by a signal, or when its program returns (so work it left running, such as a shell's background jobs, stops).</summary>
    public CancellationToken CancellationToken => _process.Token;

    /// <summary>The value of an environment variable (the last assignment wins), or <see langword="null"/>.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public string? GetEnv(string name) => _spec.GetEnv(name);

    /// <summary>An absolute, lexically clean path for <paramref name="path"/>, relative paths taken from <see cref="WorkingDirectory"/>.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The absolute path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public string ResolvePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Executables.Absolute(path, WorkingDirectory);
    }

    /// <summary>Writes UTF-8 text to <see cref="Stdout"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>A task completing when written.</returns>
    /// <exception cref="IOException">The stream failed (e.g. <c>Broken pipe</c>).</exception>
    public Task WriteAsync(string text) => WriteTo(Stdout, text);

    /// <summary>Writes UTF-8 text to <see cref="Stderr"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>A task completing when written.</returns>
    /// <exception cref="IOException">The stream failed.</exception>
    public Task WriteErrorAsync(string text) => WriteTo(Stderr, text);

    /// <summary>Waits on <see cref="TimeProvider"/> (never in real time under a fake clock); ends early, throwing, when the process is ended.</summary>
    /// <param name="delay">How long.</param>
    /// <returns>A task completing after the delay.</returns>
    /// <exception cref="OperationCanceledException">The process was ended by a signal.</exception>
    public Task DelayAsync(TimeSpan delay) => Task.Delay(delay, TimeProvider, CancellationToken);

    /// <summary>Installs a handler for <paramref name="signal"/> (replacing any earlier one), as <c>sigaction</c>; the process keeps running unless the handler ends it.</summary>
    /// <param name="signal">The signal; not <c>SIGKILL</c> or <c>SIGSTOP</c>.</param>
    /// <param name="handler">Called on the sending thread for each delivery.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="signal"/> cannot be caught.</exception>
    public void HandleSignal(Signal signal, Action<Signal> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _process.SetHandler(signal, handler);
    }

    /// <summary>Ignores <paramref name="signal"/> (<c>SIG_IGN</c>).</summary>
    /// <param name="signal">The signal; not <c>SIGKILL</c> or <c>SIGSTOP</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="signal"/> cannot be caught.</exception>
    public void IgnoreSignal(Signal signal) => _process.SetHandler(signal, static _ => { });

    /// <summary>Makes <paramref name="signal"/> end the process with <paramref name="exitCode"/> (default 128 + signal, e.g. 143 for TERM), even as PID 1.</summary>
    /// <param name="signal">The signal; not <c>SIGKILL</c> or <c>SIGSTOP</c>.</param>
    /// <param name="exitCode">The exit status; <see langword="null"/> for 128 + signal number.</param>
    /// <exception cref="ArgumentException"><paramref name="signal"/> cannot be caught.</exception>
    public void ExitOnSignal(Signal signal, int? exitCode = null) =>
        _process.SetHandler(signal, s => _process.Terminate(exitCode ?? s.ExitCode));

    /// <summary>Installs handlers for <paramref name="signals"/> and waits until one of them arrives (a server's main loop); the program then exits as it chooses.</summary>
    /// <param name="signals">The signals to catch; none means <c>SIGTERM</c> and <c>SIGINT</c>.</param>
    /// <returns>The first signal received.</returns>
    /// <exception cref="OperationCanceledException">The process was ended (e.g. by <c>SIGKILL</c>) first.</exception>
    /// <exception cref="ArgumentException">A signal cannot be caught.</exception>
    public Task<Signal> WaitForSignalAsync(params Signal[] signals)
    {
        if (signals.Length == 0)
        {
            signals = [Signal.Term, Signal.Int];
        }

        var tcs = new TaskCompletionSource<Signal>(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var s in signals)
        {
            _process.SetHandler(s, received => tcs.TrySetResult(received));
        }

        CancellationToken.Register(() => tcs.TrySetCanceled(CancellationToken));
        return tcs.Task;
    }

    /// <summary>
    /// Starts a child process in the same namespace, resolving its program as <c>execve</c> after a
    /// <c>PATH</c> search would. The child does not own the streams.
    /// </summary>
    /// <param name="spec">What to run; its <see cref="ProcessSpec.Env"/>'s <c>PATH</c> is used for the search.</param>
    /// <param name="stdin">Standard input; <see langword="null"/> for an empty stream.</param>
    /// <param name="stdout">Standard output; <see langword="null"/> discards.</param>
    /// <param name="stderr">Standard error; <see langword="null"/> discards.</param>
    /// <returns>The running child.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ExecException">The program cannot be executed.</exception>
    public SimulatedProcess StartChild(ProcessSpec spec, Stream? stdin = null, Stream? stdout = null, Stream? stderr = null) =>
        _process.Namespace.Start(spec, stdin, stdout, stderr);

    /// <summary>
    /// Replaces the program of this process, as <c>execve(2)</c> after a <c>PATH</c> search: resolves
    /// <paramref name="spec"/>'s argv[0], resets every signal handler to the default, and runs the new
    /// program in this same process (same PID, so PID 1 keeps init's signal semantics), returning its exit
    /// status for the caller to return. The shell's <c>exec</c> builtin and <c>sh -c 'one command'</c> use it.
    /// </summary>
    /// <param name="spec">What to run (argv, env, working directory; the user should stay the process's).</param>
    /// <param name="stdin">Standard input; this context's when <see langword="null"/>.</param>
    /// <param name="stdout">Standard output; this context's when <see langword="null"/>.</param>
    /// <param name="stderr">Standard error; this context's when <see langword="null"/>.</param>
    /// <returns>The new program's exit status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ExecException">The program cannot be executed; the current program keeps running.</exception>
    public Task<int> ExecAsync(ProcessSpec spec, Stream? stdin = null, Stream? stdout = null, Stream? stderr = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var resolved = Executables.Resolve(
            Namespace.Root.WithCaller(spec.User.Uid, spec.User.Gid), Programs, spec.Argv, spec.GetEnv("PATH"), spec.WorkingDirectory);
        _process.ResetHandlers();
        var context = new ProcessContext(_process, spec, resolved.Argv, stdin ?? Stdin, stdout ?? Stdout, stderr ?? Stderr);
        return resolved.Program(context);
    }

    private static async Task WriteTo(Stream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await stream.WriteAsync(bytes).ConfigureAwait(false);
    }
}
