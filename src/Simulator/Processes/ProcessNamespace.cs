using System.Collections.Concurrent;
using Simulator.FileSystem;

namespace Simulator.Processes;

/// <summary>
/// A PID namespace: the processes of one container, sharing its root filesystem, the programs and the
/// clock. The first process started gets PID 1 and has init's signal semantics; when PID 1 ends, every
/// other process in the namespace is killed, as the kernel does.
/// </summary>
/// <remarks>Thread-safe: processes may be started and signalled from any thread.</remarks>
public sealed class ProcessNamespace
{
    private readonly ConcurrentDictionary<int, SimulatedProcess> _processes = new();
    private int _lastPid;

    /// <summary>Creates an empty namespace.</summary>
    /// <param name="root">The container's root filesystem.</param>
    /// <param name="programs">The programs that can run.</param>
    /// <param name="timeProvider">The clock; the root filesystem's when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> or <paramref name="programs"/> is <see langword="null"/>.</exception>
    public ProcessNamespace(UnionFileSystem root, ProgramRegistry programs, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(programs);
        Root = root;
        Programs = programs;
        TimeProvider = timeProvider ?? root.TimeProvider;
    }

    /// <summary>The container's root filesystem (as root; processes see it as their user).</summary>
    public UnionFileSystem Root { get; }

    /// <summary>The programs that can run.</summary>
    public ProgramRegistry Programs { get; }

    /// <summary>
    /// The HTTP handler for this namespace's processes (e.g. a container's view of its networks), used by <c>wget</c>
    /// before <see cref="ProgramRegistry.HttpHandler"/>; <see langword="null"/> by default.
    /// </summary>
    /// <remarks>Not disposed by the namespace; must be thread-safe.</remarks>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The processes still running, by PID.</summary>
    public IReadOnlyList<SimulatedProcess> Processes =>
        _processes.Values.Where(p => !p.HasExited).OrderBy(p => p.Pid).ToList();

    /// <summary>
    /// Starts a process: resolves <c>argv[0]</c> (a path when it contains <c>/</c>, relative to the working
    /// directory; else searched in the spec's <c>PATH</c>, default <see cref="ProcessSpec.DefaultPath"/>) and
    /// runs its program. Does not take ownership of the streams.
    /// </summary>
    /// <param name="spec">What to run.</param>
    /// <param name="stdin">Standard input; <see langword="null"/> for an empty stream.</param>
    /// <param name="stdout">Standard output; <see langword="null"/> discards it.</param>
    /// <param name="stderr">Standard error; <see langword="null"/> discards it.</param>
    /// <returns>The running process.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ExecException">The program is missing (127), not executable, a directory or of unknown format (126).</exception>
    public SimulatedProcess Start(ProcessSpec spec, Stream? stdin = null, Stream? stdout = null, Stream? stderr = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var fs = Root.WithCaller(spec.User.Uid, spec.User.Gid);
        var resolved = Executables.Resolve(fs, Programs, spec.Argv, spec.GetEnv("PATH"), spec.WorkingDirectory);
        var pid = Interlocked.Increment(ref _lastPid);
        var process = new SimulatedProcess(this, pid, spec);
        _processes[pid] = process;
        var context = new ProcessContext(process, spec, resolved.Argv, stdin ?? Stream.Null, stdout ?? Stream.Null, stderr ?? Stream.Null);
        process.Run(resolved.Program, context);
        process.OnExited(() =>
        {
            _processes.TryRemove(pid, out SimulatedProcess? _);
            if (pid == 1)
            {
                KillAll();
            }
        });
        return process;
    }

    /// <summary>Starts a process and waits for it to end.</summary>
    /// <param name="spec">What to run.</param>
    /// <param name="stdin">Standard input; <see langword="null"/> for an empty stream.</param>
    /// <param name="stdout">Standard output; <see langword="null"/> discards it.</param>
    /// <param name="stderr">Standard error; <see langword="null"/> discards it.</param>
    /// <param name="cancellationToken">Stops waiting (the process keeps running).</param>
    /// <returns>The exit status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ExecException">The program cannot be executed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<int> RunAsync(ProcessSpec spec, Stream? stdin = null, Stream? stdout = null, Stream? stderr = null, CancellationToken cancellationToken = default) =>
        Start(spec, stdin, stdout, stderr).WaitAsync(cancellationToken);

    /// <summary>Sends <c>SIGKILL</c> to every running process of the namespace.</summary>
    public void KillAll()
    {
        foreach (var p in _processes.Values)
        {
            p.Kill();
        }
    }
}
