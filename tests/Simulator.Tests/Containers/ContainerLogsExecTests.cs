using Simulator.Containers;
using Simulator.Processes;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Containers;

public sealed class ContainerLogsExecTests
{
    [Fact]
    public async Task Logs_separate_streams_with_timestamps_tail_since_until()
    {
        var (store, time) = await CreateAsync();
        var id = store.Create(Alpine("sh", "-c", "echo one; echo err >&2; sleep 1; echo two; sleep 1; printf three"));
        var t0 = time.GetUtcNow();
        await store.StartAsync(id, Ct);
        await EventuallyAsync(() => store.LogsText(id) == "one\nerr\n");
        await AdvanceUntilAsync(time, () => store.Inspect(id).State.Status == ContainerStatus.Exited, TimeSpan.FromMilliseconds(500));

        Assert.Equal("one\nerr\ntwo\nthree", store.LogsText(id));
        Assert.Equal("one\ntwo\nthree", store.LogsText(id, new ContainerLogsOptions { Stderr = false }));
        Assert.Equal("err\n", store.LogsText(id, new ContainerLogsOptions { Stdout = false }));
        Assert.Equal("two\nthree", store.LogsText(id, new ContainerLogsOptions { Tail = 2 }));
        Assert.Equal("", store.LogsText(id, new ContainerLogsOptions { Tail = 0 }));

        var entries = store.Logs(id);
        Assert.Equal([LogStream.Stdout, LogStream.Stderr, LogStream.Stdout, LogStream.Stdout], entries.Select(e => e.Stream));
        Assert.Equal(t0, entries[0].Time);
        Assert.True(entries[2].Time >= t0.AddSeconds(1));
        Assert.Equal("two\nthree", store.LogsText(id, new ContainerLogsOptions { Since = entries[2].Time }));
        Assert.Equal("one\nerr\n", store.LogsText(id, new ContainerLogsOptions { Until = t0 }));

        var stamped = store.LogsText(id, new ContainerLogsOptions { Timestamps = true, Tail = 1 });
        Assert.Matches(@"^2026-01-02T03:0[45]:[0-5][0-9](\.[0-9]+)?Z three$", stamped); // the clock advances in steps until the exit is seen
        Assert.Equal("2026-01-02T03:04:05Z", LogEntry.FormatTime(t0));
        Assert.Equal("2026-01-02T03:04:05.5Z", LogEntry.FormatTime(t0.AddMilliseconds(500)));
    }

    [Fact]
    public async Task Exec_with_user_workdir_env_and_exit_codes()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(IgnoresTerm() with { Env = ["FOO=image"] }, name: "web");
        await store.StartAsync(id, Ct);

        var r = await store.ExecAsync("web", new ExecConfig(["sh", "-c", "echo $FOO $BAR; pwd; id -u; echo $HOSTNAME"]) { Env = ["BAR=exec"], WorkingDir = "/tmp", User = "nobody" }, Ct).WaitAsync(Guard, Ct);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal($"image exec\n/tmp\n65534\n{id[..12]}\n", r.Stdout);

        r = await store.ExecAsync("web", new ExecConfig(["sh", "-c", "echo bad >&2; exit 3"]), Ct).WaitAsync(Guard, Ct);
        Assert.Equal(3, r.ExitCode);
        Assert.Equal("bad\n", r.Stderr);

        r = await store.ExecAsync("web", new ExecConfig(["cat"]) { Stdin = "piped"u8.ToArray() }, Ct).WaitAsync(Guard, Ct);
        Assert.Equal("piped", r.Stdout);

        var ex = await Assert.ThrowsAsync<ExecException>(() => store.ExecAsync("web", new ExecConfig(["nosuch"]), Ct));
        Assert.Equal(127, ex.ExitCode);

        Assert.Equal("No exec command specified", (await Assert.ThrowsAsync<DockerSimulatorException>(() => store.ExecAsync("web", new ExecConfig([]), Ct))).Message);

        var top = store.Top("web");
        Assert.Equal(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], top.Titles);
        var row = Assert.Single(top.Processes);
        Assert.Equal("root", row[0]);
        Assert.Equal("1", row[1]);
        Assert.Equal("ignore-term", row[7]);

        store.Pause("web");
        var paused = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.ExecAsync("web", new ExecConfig(["true"]), Ct));
        Assert.Equal($"container {id} is paused, unpause the container before exec", paused.Message);
        store.Unpause("web");

        await store.KillAsync("web", cancellationToken: Ct);
        var stopped = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.ExecAsync("web", new ExecConfig(["true"]), Ct));
        Assert.Equal($"container {id} is not running", stopped.Message);
        Assert.Equal(ErrorKind.Conflict, stopped.Kind);
        Assert.Equal($"container {id} is not running", Assert.Throws<DockerSimulatorException>(() => store.Top("web")).Message);
    }
}
