using Microsoft.Extensions.Time.Testing;

namespace Simulator.Testing.Fixtures;

/// <summary>
/// Helpers over the engine's <see cref="FakeTimeProvider"/>: move time on, and drive operations that wait on the clock
/// (<c>docker stop</c>'s grace period, <c>sleep</c>, health checks) to completion without real waiting.
/// </summary>
/// <remarks>
/// The drive loops give the engine's tasks a moment of real time (at most 1 ms per step, only until they progress)
/// before each step of fake time, so a loop ends as soon as its condition holds; the real time is a hang guard, never
/// part of what a test asserts. A step may be taken while the engine is still on its way to a wait (a busy machine), so
/// the clock can end a step or two past the exact deadline: assert "at least", or use <see cref="Advance"/> in exact
/// amounts once the engine is known to wait. Thread-safe as <see cref="FakeTimeProvider"/> is.
/// </remarks>
public sealed class SimulatorClock
{
    /// <summary>The default step of the drive loops: one second.</summary>
    public static readonly TimeSpan DefaultStep = TimeSpan.FromSeconds(1);

    /// <summary>Wraps a fake clock.</summary>
    /// <param name="time">The clock the engine uses.</param>
    /// <exception cref="ArgumentNullException"><paramref name="time"/> is <see langword="null"/>.</exception>
    public SimulatorClock(FakeTimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
    }

    /// <summary>The fake clock.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The clock's current time.</summary>
    public DateTimeOffset UtcNow => Time.GetUtcNow();

    /// <summary>Moves the clock on; timers due by then fire (containers' sleeps end, stop timeouts expire).</summary>
    /// <param name="delta">How far, zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative (FakeTimeProvider's rule: time never goes back).</exception>
    public void Advance(TimeSpan delta) => Time.Advance(delta);

    /// <summary>Moves the clock on by whole seconds.</summary>
    /// <param name="seconds">How many, zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is negative.</exception>
    public void AdvanceSeconds(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>Moves the clock to a later time.</summary>
    /// <param name="time">The time, not before <see cref="UtcNow"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before now.</exception>
    public void AdvanceTo(DateTimeOffset time) => Time.SetUtcNow(time);

    /// <summary>Advances the clock step by step until <paramref name="condition"/> holds.</summary>
    /// <param name="condition">What to wait for, e.g. <c>() =&gt; engine.Containers.Inspect("web").State.Status == ContainerStatus.Exited</c>.</param>
    /// <param name="step">The step of fake time; <see cref="DefaultStep"/> when <see langword="null"/>.</param>
    /// <param name="maxSteps">At most this many steps (default 600: ten minutes of one-second steps).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The fake time it took.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is <see langword="null"/>.</exception>
    /// <exception cref="TimeoutException">The condition still does not hold after <paramref name="maxSteps"/> steps; the message says how far the clock moved.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<TimeSpan> AdvanceUntilAsync(Func<bool> condition, TimeSpan? step = null, int maxSteps = 600, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var start = UtcNow;
        var by = step ?? DefaultStep;
        for (int i = 0; ; i++)
        {
            if (condition())
            {
                return UtcNow - start;
            }

            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            if (condition())
            {
                return UtcNow - start;
            }

            if (i == maxSteps)
            {
                throw new TimeoutException($"condition not reached after advancing the clock {maxSteps} x {by} (to {UtcNow:O})");
            }

            Time.Advance(by);
        }
    }

    /// <summary>Advances the clock step by step until <paramref name="task"/> completes, then returns its result
    /// (e.g. <c>await clock.DriveAsync(engine.Containers.StopAsync("web"))</c> for a PID 1 that ignores SIGTERM).</summary>
    /// <param name="task">An operation of the engine that waits on the clock.</param>
    /// <param name="step">The step of fake time; <see cref="DefaultStep"/> when <see langword="null"/>.</param>
    /// <param name="maxSteps">At most this many steps (default 600).</param>
    /// <param name="cancellationToken">Cancels the wait (not the task).</param>
    /// <returns>A task that completes as <paramref name="task"/> did.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is <see langword="null"/>.</exception>
    /// <exception cref="TimeoutException">The task is still running after <paramref name="maxSteps"/> steps.</exception>
    public async Task DriveAsync(Task task, TimeSpan? step = null, int maxSteps = 600, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        await AdvanceUntilAsync(() => task.IsCompleted, step, maxSteps, cancellationToken).ConfigureAwait(false);
        await task.ConfigureAwait(false);
    }

    /// <summary>As <see cref="DriveAsync(Task, TimeSpan?, int, CancellationToken)"/>, returning the task's result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">An operation of the engine that waits on the clock.</param>
    /// <param name="step">The step of fake time; <see cref="DefaultStep"/> when <see langword="null"/>.</param>
    /// <param name="maxSteps">At most this many steps (default 600).</param>
    /// <param name="cancellationToken">Cancels the wait (not the task).</param>
    /// <returns>The task's result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is <see langword="null"/>.</exception>
    /// <exception cref="TimeoutException">The task is still running after <paramref name="maxSteps"/> steps.</exception>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan? step = null, int maxSteps = 600, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        await AdvanceUntilAsync(() => task.IsCompleted, step, maxSteps, cancellationToken).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }
}
