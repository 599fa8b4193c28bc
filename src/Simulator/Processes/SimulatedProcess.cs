namespace Simulator.Processes;

/// <summary>
/// A running (or ended) simulated process: its PID, spec, exit status and signal delivery.
/// </summary>
/// <remarks>
/// <para>Started by <see cref="ProcessNamespace.Start"/> or <see cref="ProcessContext.StartChild"/>; the
/// program runs as a task on the thread pool. <see cref="WaitAsync"/> gives the exit status: the program's
/// return value modulo 256, or 128 + signal when a signal ended it (137 for <c>SIGKILL</c>).</para>
/// <para>Thread-safe: signals may be sent from any thread, concurrently with the program.</para>
/// </remarks>
public sealed class SimulatedProcess
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cts = new();
    private readonly Dictionary<int, Action<Signal>> _handlers = [];
    private readonly Lock _gate = new();

    // Guarded by _gate: the exit callbacks (OnExited) and whether the ending thread has taken them.
    private List<(Action Callback, ExecutionContext? Context)>? _onExit;
    private bool _exitCallbacksTaken;

    internal SimulatedProcess(ProcessNamespace ns, int pid, ProcessSpec spec)
    {
        Namespace = ns;
        Pid = pid;
        Spec = spec;
    }

    /// <summary>The process ID in its namespace.</summary>
    public int Pid { get; }

    /// <summary>What the process runs.</summary>
    public ProcessSpec Spec { get; }

    /// <summary>The namespace the process runs in.</summary>
    public ProcessNamespace Namespace { get; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _exit.Task.IsCompleted;

    /// <summary>The exit status, or <see langword="null"/> while running.</summary>
    public int? ExitCode => _exit.Task.IsCompleted ? _exit.Task.Result : null;

    /// <summary>The signal that ended the process, if one did.</summary>
    public Signal? TerminatingSignal { get; private set; }

    internal CancellationToken Token => _cts.Token;

    /// <summary>Waits for the process to end.</summary>
    /// <param name="cancellationToken">Stops waiting (the process keeps running).</param>
    /// <returns>The exit status.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<int> WaitAsync(CancellationToken cancellationToken = default) => _exit.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Delivers a signal, as <c>kill(2)</c>: <c>SIGKILL</c> ends the process (137); a handled signal runs the
    /// handler; an unhandled one is ignored by PID 1 and by default-ignored signals, and ends other processes
    /// with 128 + signal. A no-op when the process has ended.
    /// </summary>
    /// <param name="signal">The signal.</param>
    public void SendSignal(Signal signal)
    {
        if (HasExited)
        {
            return;
        }

        if (signal.Number is 9 or 19)
        {
            if (signal.Number == 9)
            {
                Terminate(signal.ExitCode, signal);
            }

            return;
        }

        Action<Signal>? handler;
        lock (_gate)
        {
            _handlers.TryGetValue(signal.Number, out handler);
        }

        if (handler is not null)
        {
            handler(signal);
        }
        else if (Pid != 1 && !signal.IgnoredByDefault)
        {
            Terminate(signal.ExitCode, signal);
        }
    }

    /// <summary>Sends <c>SIGKILL</c>.</summary>
    public void Kill() => SendSignal(Signal.Kill);

    internal void ResetHandlers()
    {
        lock (_gate)
        {
            _handlers.Clear();
        }
    }

    internal void SetHandler(Signal signal, Action<Signal> handler)
    {
        if (signal.Number is 9 or 19 or 0)
        {
            throw new ArgumentException($"{signal} cannot be caught or ignored.", nameof(signal));
        }

        lock (_gate)
        {
            _handlers[signal.Number] = handler;
        }
    }

    internal void Terminate(int code, Signal? signal = null)
    {
        if (_exit.TrySetResult(code & 0xFF))
        {
            TerminatingSignal = signal ?? (code > 128 && code <= 192 ? new Signal(code - 128) : null);
            _cts.Cancel();

            // Ended by a signal, on the sender's thread (which may hold its own locks): each callback runs on the thread pool.
            foreach (var (callback, context) in TakeExitCallbacks())
            {
                ThreadPool.UnsafeQueueUserWorkItem(static state => Invoke(state.callback, state.context), (callback, context), preferLocal: false);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="callback"/> once the process has ended (the engine's own bookkeeping: the namespace's and the
    /// container's). Already ended: at once, on this thread. Ended by its program returning: on the program's thread,
    /// in registration order, right after the exit status is set. Ended by a signal: on the thread pool. Each runs in
    /// the execution context of its registration. This is what a <c>ContinueWith(ExecuteSynchronously)</c> on
    /// <see cref="WaitAsync"/> did, without the thread-pool hop per callback that <see cref="WaitAsync"/>'s
    /// asynchronous continuations forced at every exit.
    /// </summary>
    internal void OnExited(Action callback)
    {
        lock (_gate)
        {
            if (!_exitCallbacksTaken)
            {
                (_onExit ??= []).Add((callback, ExecutionContext.Capture()));
                return;
            }
        }

        callback();
    }

    private List<(Action Callback, ExecutionContext? Context)> TakeExitCallbacks()
    {
        lock (_gate)
        {
            _exitCallbacksTaken = true;
            var callbacks = _onExit ?? [];
            _onExit = null;
            return callbacks;
        }
    }

    private static void InvokeAll(List<(Action Callback, ExecutionContext? Context)> callbacks)
    {
        foreach (var (callback, executionContext) in callbacks)
        {
            Invoke(callback, executionContext);
        }
    }

    private static void Invoke(Action callback, ExecutionContext? context)
    {
        try
        {
            if (context is null)
            {
                callback();
            }
            else
            {
                ExecutionContext.Run(context, static state => ((Action)state!)(), callback);
            }
        }
        catch (Exception)
        {
            // As the faulted continuation task nobody observed: the other callbacks still run.
        }
    }

    internal void Run(SimulatedProgram program, ProcessContext context)
    {
        _ = Task.Run(async () =>
        {
            int code;
            bool onStartThread = true; // no await has resumed elsewhere: this is the pool thread Task.Run gave, holding no lock
            try
            {
                var running = program(context);
                onStartThread = running.IsCompleted;
                code = await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_cts.IsCancellationRequested)
            {
                return;
            }
            catch (IOException e) when (e.Message == "Broken pipe")
            {
                // SIGPIPE's default action: ended quietly with 128 + 13.
                code = Signal.Pipe.ExitCode;
            }
            catch (Exception e)
            {
                try
                {
                    var name = context.Argv.Count > 0 ? context.Argv[0] : "?";
                    var write = context.WriteErrorAsync($"{name}: {e.Message}\n");
                    onStartThread &= write.IsCompleted;
                    await write.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // stderr unusable: the status still says it failed.
                }

                code = 1;
            }

            if (_exit.TrySetResult(code & 0xFF))
            {
                _cts.Cancel();

                // On Task.Run's thread the callbacks run at once, in order; after an await that resumed on another thread
                // (which may hold its own locks, e.g. a pipe's writer) they go to the thread pool, in order, as one item.
                var callbacks = TakeExitCallbacks();
                if (onStartThread)
                {
                    InvokeAll(callbacks);
                }
                else if (callbacks.Count > 0)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(static all => InvokeAll(all), callbacks, preferLocal: false);
                }
            }
        });
    }
}
