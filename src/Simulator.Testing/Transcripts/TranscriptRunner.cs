using System.Text;
using Simulator.Cli;

namespace Simulator.Testing.Transcripts;

/// <summary>
/// Runs transcripts: each in a fresh <see cref="DockerSimulator"/> on a <see cref="TranscriptClock"/> standing at
/// <see cref="StartTime"/>, with seed <see cref="Seed"/>, and one <see cref="HostShell"/> session for all its commands.
/// </summary>
/// <remarks>
/// <para><b>The clock rule</b> (<c>TRANSCRIPTS.md</c>). Between commands the clock stands still. While a command runs and
/// the process is quiet (no timer activity, no queued or running thread-pool work but the runner's for a few
/// milliseconds), the clock jumps to the next due timer: so <c>sleep N</c> on the host moves it N seconds at once,
/// <c>docker stop</c>'s grace period and <c>docker wait</c> on a sleeping container end at once with exact times.
/// After each command the runner waits for quiet again, so detached containers have done what they can do without time
/// passing. A busy process never moves the clock (so a slow machine cannot end a container's <c>sleep</c> early); a
/// command that stays quiet with no timer due for <see cref="HangTimeout"/> (real time), or keeps a thread blocked
/// synchronously for two minutes, stops the run.</para>
/// <para>Run transcripts one at a time in a process when exact clock jumps matter: quiet is judged process-wide.</para>
/// <para><b>Thread-safety.</b> Immutable; <see cref="RunAsync"/> may be called concurrently (see above).</para>
/// </remarks>
public sealed class TranscriptRunner
{
    /// <summary>The default start instant: 2025-01-15 12:00:00 UTC (after the stock images were built).</summary>
    public static readonly DateTimeOffset DefaultStartTime = new(2025, 1, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The instant the clock starts at; <see cref="DefaultStartTime"/> by default.</summary>
    public DateTimeOffset StartTime { get; init; } = DefaultStartTime;

    /// <summary>The engine's seed; 0 by default.</summary>
    public int Seed { get; init; }

    /// <summary>How long (real time) a quiet command with no timer due may take before the run stops; 20 s by default.</summary>
    public TimeSpan HangTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long (real time) one wait for quiet lasts before it reports the process busy: 3 s (tests shorten it).</summary>
    internal TimeSpan QuietFallback { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Called each time a running command is found still busy after <see cref="QuietFallback"/> (a test hook).</summary>
    internal Action? OnBusy { get; init; }

    /// <summary>How long (real time) a command may keep the process busy without the clock moving before the run stops: 120 s.</summary>
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Creates the engine for a run; <see langword="null"/> builds <c>new DockerSimulator(options)</c>.</summary>
    public Func<DockerSimulatorOptions, DockerSimulator>? EngineFactory { get; init; }

    /// <summary>Runs a transcript file.</summary>
    /// <param name="path">The <c>.t</c> file.</param>
    /// <param name="onStep">Called after each command (for printing a session as it runs).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<TranscriptResult> RunFileAsync(string path, Action<TranscriptStep>? onStep = null, CancellationToken cancellationToken = default) =>
        RunAsync(Transcript.Load(path), onStep, cancellationToken);

    /// <summary>Runs a transcript in a fresh engine.</summary>
    /// <param name="transcript">The transcript.</param>
    /// <param name="onStep">Called after each command (for printing a session as it runs).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transcript"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<TranscriptResult> RunAsync(Transcript transcript, Action<TranscriptStep>? onStep = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var clock = new TranscriptClock(StartTime);
        var options = new DockerSimulatorOptions { TimeProvider = clock, Seed = Seed };
        var engine = EngineFactory?.Invoke(options) ?? new DockerSimulator(options);
        var shell = new HostShell(engine);
        var baseline = await IdleBaselineAsync(cancellationToken).ConfigureAwait(false);
        var steps = new List<TranscriptStep>();
        string? error = null;
        foreach (var command in transcript.Commands)
        {
            var output = new MemoryStream();
            var run = shell.RunAsync(command.CommandText, null, output, output, false, cancellationToken);
            var finished = await WaitAsync(clock, run, baseline, cancellationToken).ConfigureAwait(false);
            await WaitForQuietAsync(clock, null, baseline, cancellationToken).ConfigureAwait(false);
            string text;
            lock (output)
            {
                text = Encoding.UTF8.GetString(output.ToArray());
            }

            var code = finished ? await run.ConfigureAwait(false) : -1;
            var actual = TranscriptMatcher.SplitOutput(text);
            var step = new TranscriptStep(command, text, code, TranscriptMatcher.Merge(command.Expected, actual));
            steps.Add(step);
            onStep?.Invoke(step);
            if (!finished)
            {
                error = $"line {command.LineNumber}: the command did not finish (waiting on nothing the clock can advance)";
                break;
            }
        }

        await shell.DisposeAsync().ConfigureAwait(false);
        return new TranscriptResult(transcript, steps, error);
    }

    /// <summary>Runs a shell script (any number of lines) as one command line in a fresh engine under the same clock rule, as <c>dsim run</c> does.</summary>
    /// <param name="script">The script's text.</param>
    /// <param name="stdin">Its standard input; empty when <see langword="null"/>.</param>
    /// <param name="stdout">Its standard output.</param>
    /// <param name="stderr">Its standard error.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The script's exit status; 124 when it did not finish (see <see cref="HangTimeout"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="script"/>, <paramref name="stdout"/> or <paramref name="stderr"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<int> RunScriptAsync(string script, Stream? stdin, Stream stdout, Stream stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var clock = new TranscriptClock(StartTime);
        var options = new DockerSimulatorOptions { TimeProvider = clock, Seed = Seed };
        var engine = EngineFactory?.Invoke(options) ?? new DockerSimulator(options);
        var shell = new HostShell(engine);
        var baseline = await IdleBaselineAsync(cancellationToken).ConfigureAwait(false);
        var run = shell.RunAsync(script, stdin, stdout, stderr, false, cancellationToken);
        if (!await WaitAsync(clock, run, baseline, cancellationToken).ConfigureAwait(false))
        {
            return 124;
        }

        var code = await run.ConfigureAwait(false);
        await shell.DisposeAsync().ConfigureAwait(false);
        return code;
    }

    /// <summary>
    /// Waits for the command, jumping the clock to the next due timer whenever everything is quiet. A busy process never
    /// moves the clock: busy is not waiting on time (a command slowed down by a loaded machine must not see timers fire).
    /// </summary>
    private async Task<bool> WaitAsync(TranscriptClock clock, Task<int> run, int baseline, CancellationToken cancellationToken)
    {
        var idleSince = DateTime.UtcNow;
        var busySince = DateTime.UtcNow;
        while (!run.IsCompleted)
        {
            var state = await WaitForQuietAsync(clock, run, baseline, cancellationToken).ConfigureAwait(false);
            if (run.IsCompleted)
            {
                break;
            }

            if (state == Activity.Busy)
            {
                OnBusy?.Invoke();
                // Still working: give it time; only a command busy beyond BusyTimeout counts as hung.
                idleSince = DateTime.UtcNow;
                if (DateTime.UtcNow - busySince > BusyTimeout)
                {
                    return false;
                }

                continue;
            }

            busySince = DateTime.UtcNow;
            if (clock.TryFireNext())
            {
                idleSince = DateTime.UtcNow;
                continue;
            }

            if (DateTime.UtcNow - idleSince > HangTimeout)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Thread-pool threads running work items now (the caller's included).</summary>
    private static int BusyThreads()
    {
        ThreadPool.GetAvailableThreads(out var available, out _);
        ThreadPool.GetMaxThreads(out var max, out _);
        return max - available;
    }

    /// <summary>The busy threads of an idle process (the caller and whatever the host, e.g. a test runner, keeps blocked): the least of a few samples.</summary>
    private static async Task<int> IdleBaselineAsync(CancellationToken cancellationToken)
    {
        var least = int.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            least = Math.Min(least, BusyThreads());
        }

        return Math.Max(least, 1);
    }

    /// <summary>What <see cref="WaitForQuietAsync"/> saw.</summary>
    private enum Activity
    {
        /// <summary>The command completed.</summary>
        Completed,

        /// <summary>No timer activity and no thread-pool work beyond the baseline for a few samples.</summary>
        Quiet,

        /// <summary>Still busy after <see cref="QuietFallback"/>.</summary>
        Busy,
    }

    /// <summary>
    /// Waits until the process is quiet (see remarks of <see cref="TranscriptRunner"/>) or <paramref name="run"/> completes,
    /// for at most <see cref="QuietFallback"/>.
    /// </summary>
    private async Task<Activity> WaitForQuietAsync(TranscriptClock clock, Task? run, int baseline, CancellationToken cancellationToken)
    {
        const int needed = 3;
        var stable = 0;
        var version = clock.Version;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < QuietFallback)
        {
            var delay = Task.Delay(1, cancellationToken);
            if (run is not null)
            {
                await Task.WhenAny(run, delay).ConfigureAwait(false);
                if (run.IsCompleted)
                {
                    return Activity.Completed;
                }
            }
            else
            {
                await delay.ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var now = clock.Version;
            if (now == version && ThreadPool.PendingWorkItemCount == 0 && BusyThreads() <= baseline)
            {
                if (++stable >= needed)
                {
                    return Activity.Quiet;
                }
            }
            else
            {
                stable = 0;
                version = now;
            }
        }

        return Activity.Busy;
    }
}
