using Simulator.Testing.Transcripts;

namespace Simulator.Testing.Tests.Transcripts;

/// <summary>The runner: one session per file, the clock rule, diffs and updates.</summary>
[Collection(nameof(TranscriptCollection))]
public sealed class TranscriptRunnerTests
{
    [Fact]
    public async Task Sleep_on_the_host_moves_the_clock_at_once_and_it_stands_still_between_commands()
    {
        // busybox date's default format: "Wed Jan 15 12:00:00 UTC 2025".
        var t = Transcript.Parse("""
              $ date
              Wed Jan 15 12:00:00 UTC 2025
              $ sleep 2640
              $ date
              Wed Jan 15 12:44:00 UTC 2025
              $ date -u +%s
              1736945040

            """);

        var result = await new TranscriptRunner().RunAsync(t, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Diff());
        Assert.Equal("", result.Diff());
    }

    [Fact]
    public async Task While_a_command_waits_the_clock_jumps_to_the_next_due_timer()
    {
        // Two background sleeps end in due order; wait returns when the longer one is due.
        var t = Transcript.Parse("""
              $ (sleep 90; echo ninety) & (sleep 30; echo thirty) & wait; date
              thirty
              ninety
              Wed Jan 15 12:01:30 UTC 2025

            """);

        var result = await new TranscriptRunner().RunAsync(t, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Diff());
    }

    [Fact]
    public async Task A_busy_command_never_moves_the_clock()
    {
        // A container program that keeps a thread blocked until the runner has judged the process busy: busy is not
        // waiting on time, so the detached container's sleep must not end (format.t's old failure on a loaded machine).
        using var gate = new ManualResetEventSlim();
        int busy = 0;
        var runner = new TranscriptRunner
        {
            QuietFallback = TimeSpan.FromMilliseconds(20),
            OnBusy = () =>
            {
                Interlocked.Increment(ref busy);
                gate.Set();
            },
            EngineFactory = options =>
            {
                var engine = new DockerSimulator(options);
                engine.Programs.Register("/busy", ctx =>
                {
                    gate.Wait(ctx.CancellationToken);
                    return Task.FromResult(0);
                });
                return engine;
            },
        };
        var t = Transcript.Parse("""
              $ docker pull -q alpine > /dev/null
              $ docker run -d --name sleeper alpine sleep 300 > /dev/null
              $ docker run --rm alpine /busy
              $ docker ps --format '{{.Names}} {{.Status}}'
              sleeper Up Less than a second

            """);

        var result = await runner.RunAsync(t, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Diff());
        Assert.True(busy > 0);
    }

    [Fact]
    public async Task A_script_runs_under_the_same_clock_rule()
    {
        var output = new MemoryStream();

        var code = await new TranscriptRunner().RunScriptAsync("sleep 3600\ndate\nexit 4\n", null, output, output, TestContext.Current.CancellationToken);

        Assert.Equal(4, code);
        Assert.Equal("Wed Jan 15 13:00:00 UTC 2025\n", System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A_mismatch_gives_a_unified_diff_and_the_updated_text()
    {
        var t = Transcript.Parse("""
            Title
              $ echo a; echo b
              a
              c
              $ false
            """ + "\n", "x.t");

        var result = await new TranscriptRunner().RunAsync(t, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.Passed);
        Assert.Equal("Title\n  $ echo a; echo b\n  a\n  b\n  $ false\n  [1]\n", result.ActualText);
        Assert.Equal("""
            --- x.t
            +++ x.t.err
            @@ -1,5 +1,6 @@
             Title
               $ echo a; echo b
               a
            -  c
            +  b
               $ false
            +  [1]

            """, result.Diff());
    }

    [Fact]
    public async Task Patterns_that_match_are_kept_on_update()
    {
        var t = Transcript.Parse("  $ printf 'x1\\ny\\nz\\n'\n  x[0-9] (re)\n  ...\n  old\n");

        var result = await new TranscriptRunner().RunAsync(t, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("  $ printf 'x1\\ny\\nz\\n'\n  x[0-9] (re)\n  ...\n", result.ActualText);
    }
}

/// <summary>Transcript runs judge quiet process-wide, so they run alone.</summary>
[CollectionDefinition(nameof(TranscriptCollection), DisableParallelization = true)]
public sealed class TranscriptCollection;
