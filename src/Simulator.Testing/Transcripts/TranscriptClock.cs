namespace Simulator.Testing.Transcripts;

/// <summary>
/// The fake clock of a transcript run: time moves only when told (<see cref="Advance"/>) or when the runner jumps
/// to the next due timer (<see cref="TryFireNext"/>) while a command waits on time. Knows its pending timers, unlike
/// <c>FakeTimeProvider</c>.
/// </summary>
/// <remarks>
/// <para>Timers fire on the thread that moves the clock, in due order; a periodic timer is rescheduled from its due time.
/// <see cref="GetTimestamp"/> follows <see cref="GetUtcNow"/> (ticks), <see cref="TimeProvider.LocalTimeZone"/> is UTC.</para>
/// <para><b>Thread-safety.</b> All members are thread-safe; callbacks run outside the clock's lock.</para>
/// </remarks>
public sealed class TranscriptClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ClockTimer> _timers = [];
    private DateTimeOffset _now;
    private long _sequence;
    private long _version;

    /// <summary>Creates a clock standing at <paramref name="start"/>.</summary>
    /// <param name="start">The start instant.</param>
    public TranscriptClock(DateTimeOffset start) => _now = start;

    /// <summary>Counts timer creations, changes, disposals and firings: unchanged over a while means no timer activity.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>How many timers are scheduled.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>The next due instant, or <see langword="null"/> when no timer is scheduled.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return Earliest()?.DueAt;
            }
        }
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ClockTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer due on the way in order.</summary>
    /// <param name="delta">How far; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        var target = GetUtcNow() + delta;
        while (TryFireNext(target))
        {
        }

        lock (_gate)
        {
            if (_now < target)
            {
                _now = target;
            }
        }
    }

    /// <summary>Fires the earliest scheduled timer when it is due no later than <paramref name="limit"/>, moving the clock to its due time.</summary>
    /// <param name="limit">The latest instant to move to; <see langword="null"/> for no limit.</param>
    /// <returns>Whether a timer fired.</returns>
    public bool TryFireNext(DateTimeOffset? limit = null)
    {
        ClockTimer? timer;
        lock (_gate)
        {
            timer = Earliest();
            if (timer is null || (limit is { } l && timer.DueAt > l))
            {
                return false;
            }

            if (timer.DueAt > _now)
            {
                _now = timer.DueAt!.Value;
            }

            timer.DueAt = timer.Period > TimeSpan.Zero ? timer.DueAt + timer.Period : null;
            timer.Order = ++_sequence;
        }

        Interlocked.Increment(ref _version);
        timer.Callback(timer.State);
        return true;
    }

    private ClockTimer? Earliest()
    {
        ClockTimer? best = null;
        foreach (var t in _timers)
        {
            if (t.DueAt is not null && (best is null || t.DueAt < best.DueAt || (t.DueAt == best.DueAt && t.Order < best.Order)))
            {
                best = t;
            }
        }

        return best;
    }

    private sealed class ClockTimer(TranscriptClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public long Order { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                if (!clock._timers.Contains(this))
                {
                    return false;
                }

                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Order = ++clock._sequence;
            }

            Interlocked.Increment(ref clock._version);
            return true;
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }

            Interlocked.Increment(ref clock._version);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
