using Simulator.Processes;
using Simulator.Tests.Processes;

namespace Simulator.Tests.Userland;

/// <summary>busybox sleep (coreutils/sleep.c, libbb/duration.c with FLOAT_DURATION and FANCY_SLEEP) on the fake clock.</summary>
public sealed class SleepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("infinity")]
    [InlineData("inf")]
    [InlineData("INFINITY")]
    [InlineData("infx")]
    public async Task Sleep_inf_waits_until_a_signal(string argument)
    {
        var s = new Sandbox();
        var p = s.NewNamespace().Start(Sandbox.Spec("sleep", argument));
        for (var i = 0; i < 20; i++)
        {
            s.Time.Advance(TimeSpan.FromDays(1000));
            await Task.Delay(1, Ct);
        }

        Assert.False(p.HasExited);
        p.SendSignal(Signal.Kill);
        await p.WaitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(137, p.ExitCode);
    }

    [Theory]
    [InlineData("1m", 60)]
    [InlineData("0.5", 0.5)]
    [InlineData("1.5m", 90)]
    [InlineData("1h 2m 3s", 3723)]
    [InlineData("1d", 86400)]
    [InlineData(".5s", 0.5)]
    public async Task Sleep_sums_its_arguments_with_suffixes(string arguments, double seconds)
    {
        var s = new Sandbox();
        var start = s.Time.GetUtcNow();
        var p = s.NewNamespace().Start(Sandbox.Spec(["sleep", .. arguments.Split(' ')]));
        var step = TimeSpan.FromSeconds(seconds / 50);
        var ended = await ProcessTests.AdvanceUntilExited(s, p, step);
        Assert.Equal(0, p.ExitCode);
        // Never before the total; the upper bound allows for the steps taken before the sleep's timer started on a busy machine.
        Assert.InRange((ended - start).TotalSeconds, seconds, seconds * 2 + 0.1);
    }

    [Theory]
    [InlineData("sleep x", 1, "sleep: invalid number 'x'\n")]
    [InlineData("sleep 5x", 1, "sleep: invalid number '5x'\n")]
    [InlineData("sleep -- -1", 1, "sleep: invalid number '-1'\n")]
    // duration.c parses the suffix of a fractional number as "1SUFFIX" (it overwrites the last digit with '1').
    [InlineData("sleep 1.5x", 1, "sleep: invalid number '1x'\n")]
    public async Task Bad_numbers_are_busyboxs_messages(string script, int code, string stderr)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal((code, "", stderr), (r.Code, r.Out, r.Err));
    }

    [Theory]
    [InlineData("sleep")]
    [InlineData("sleep 1.2.3")]
    public async Task No_operand_or_a_bad_fraction_shows_the_usage(string script)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal(1, r.Code);
        Assert.Equal(
            "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\n" +
            "Pause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n",
            r.Err);
    }
}
