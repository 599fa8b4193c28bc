using Simulator.Testing.Transcripts;

namespace Simulator.Testing.Tests.Transcripts;

/// <summary>The transcript clock moves only when told, firing timers in due order.</summary>
public sealed class TranscriptClockTests
{
    private static readonly DateTimeOffset Start = TranscriptRunner.DefaultStartTime;

    [Fact]
    public void Advance_fires_due_timers_in_order_at_their_due_times()
    {
        var clock = new TranscriptClock(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var b = clock.CreateTimer(_ => fired.Add(("b", clock.GetUtcNow())), null, TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan);
        using var a = clock.CreateTimer(_ => fired.Add(("a", clock.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromSeconds(100), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal([("a", Start.AddSeconds(10)), ("b", Start.AddSeconds(20))], fired);
        Assert.Equal(Start.AddSeconds(30), clock.GetUtcNow());
        Assert.Equal(Start.AddSeconds(100), clock.NextDue);
    }

    [Fact]
    public void Periodic_timers_repeat_and_disposed_ones_stop()
    {
        var clock = new TranscriptClock(Start);
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(5));
        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(5, count);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public async Task Task_delay_ends_when_the_clock_jumps_to_it()
    {
        var clock = new TranscriptClock(Start);
        var delay = Task.Delay(TimeSpan.FromMinutes(44), clock, TestContext.Current.CancellationToken);

        Assert.False(delay.IsCompleted);
        Assert.True(clock.TryFireNext());
        await delay;

        Assert.Equal(Start.AddMinutes(44), clock.GetUtcNow());
        Assert.False(clock.TryFireNext());
    }
}
