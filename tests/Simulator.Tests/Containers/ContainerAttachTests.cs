using System.Text;
using Simulator.Containers;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Containers;

public sealed class ContainerAttachTests
{
    /// <summary>Reads <paramref name="stream"/> until the text read ends with <paramref name="expected"/> (bounded by the guard).</summary>
    internal static async Task<string> ReadUntilAsync(Stream stream, StringBuilder seen, string expected)
    {
        var buffer = new byte[256];
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(Guard);
        while (!seen.ToString().EndsWith(expected, StringComparison.Ordinal))
        {
            int n = await stream.ReadAsync(buffer, cts.Token);
            if (n == 0)
            {
                break;
            }

            seen.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        return seen.ToString();
    }

    [Fact]
    public async Task Run_it_sh_prompts_echoes_and_ends_with_crlf()
    {
        var (store, _) = await CreateAsync();

        // docker run -it alpine sh: the CLI sets Tty, OpenStdin, StdinOnce and attaches before start.
        var id = store.Create(new ContainerConfig("alpine") { Cmd = ["sh"], Tty = true, OpenStdin = true, StdinOnce = true, AttachStdin = true, AttachStdout = true, AttachStderr = true });
        await using var attach = await store.AttachAsync(id, new AttachOptions { Stdin = true }, Ct);
        Assert.True(attach.Tty);
        await store.StartAsync(id, Ct);

        var seen = new StringBuilder();

        // The busybox ash prompt for root in / (as a real `docker run -it alpine sh` shows it).
        await ReadUntilAsync(attach.Stdout, seen, "/ # ");
        await attach.Stdin.WriteAsync("echo hi; echo err >&2\r"u8.ToArray(), Ct);
        await ReadUntilAsync(attach.Stdout, seen, "err\r\n/ # ");
        await attach.Stdin.WriteAsync("cd /tmp\n"u8.ToArray(), Ct);
        await ReadUntilAsync(attach.Stdout, seen, "/tmp # ");
        await attach.Stdin.WriteAsync("exit 3\n"u8.ToArray(), Ct);
        var result = await attach.Completion.WaitAsync(Guard, Ct);
        Assert.False(result.Detached);
        await ReadUntilAsync(attach.Stdout, seen, "\u0000never");

        Assert.Equal("/ # echo hi; echo err >&2\r\nhi\r\nerr\r\n/ # cd /tmp\r\n/tmp # exit 3\r\n", seen.ToString());
        Assert.Equal(3, (await store.WaitAsync(id, cancellationToken: Ct).WaitAsync(Guard, Ct)).StatusCode);

        // A TTY container logs the terminal's output, \r\n included (json-file keeps what the pty gave).
        Assert.StartsWith("/ # echo hi; echo err >&2\r\nhi\r\n", store.LogsText(id));
        Assert.Equal(0, await attach.Stderr.ReadAsync(new byte[1], Ct));
    }

    [Fact]
    public async Task Interactive_without_tty_pipes_stdin_and_keeps_streams_apart()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(new ContainerConfig("alpine") { Cmd = ["sh", "-c", "cat; echo done >&2"], OpenStdin = true, StdinOnce = true });
        var attach = await store.AttachAsync(id, new AttachOptions { Stdin = true }, Ct);

        // Input written before start is buffered in the container's stdin pipe (moby creates it at create).
        await attach.Stdin.WriteAsync("hello\n"u8.ToArray(), Ct);
        await store.StartAsync(id, Ct);
        var seen = new StringBuilder();
        await ReadUntilAsync(attach.Stdout, seen, "hello\n");
        attach.Stdin.Dispose(); // StdinOnce: closing the attached stdin closes the container's
        await attach.Completion.WaitAsync(Guard, Ct);
        Assert.Equal("done\n", await new StreamReader(attach.Stderr).ReadToEndAsync(Ct));
        Assert.Equal("hello\n", seen.ToString());
        Assert.Equal(0, (await store.WaitAsync(id, cancellationToken: Ct).WaitAsync(Guard, Ct)).StatusCode);
    }

    [Fact]
    public async Task Detach_keys_leave_the_container_running()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(new ContainerConfig("alpine") { Cmd = ["sh"], Tty = true, OpenStdin = true });
        await store.StartAsync(id, Ct);
        var attach = await store.AttachAsync(id, new AttachOptions { Stdin = true }, Ct);

        // ctrl-p then ctrl-q (moby/term default detach keys); a lone ctrl-p followed by another key is forwarded.
        await attach.Stdin.WriteAsync(new byte[] { 0x10 }, Ct);
        await attach.Stdin.WriteAsync(new byte[] { 0x11 }, Ct);
        var result = await attach.Completion.WaitAsync(Guard, Ct);
        Assert.True(result.Detached);
        Assert.Equal("read escape sequence", ContainerAttachment.EscapeSequenceMessage);
        Assert.Equal(ContainerStatus.Running, store.Inspect(id).State.Status);
        Assert.Contains(store.Events.Buffered, e => e.Action == "detach" && e.Actor.ID == id);

        // Custom keys; a bad spec gets moby's error and no attach event.
        var custom = await store.AttachAsync(id, new AttachOptions { Stdin = true, DetachKeys = "ctrl-x,a" }, Ct);
        await custom.Stdin.WriteAsync("\u0018a"u8.ToArray(), Ct);
        Assert.True((await custom.Completion.WaitAsync(Guard, Ct)).Detached);
        int before = store.Events.Buffered.Count;
        var bad = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.AttachAsync(id, new AttachOptions { DetachKeys = "ctrl-1" }, Ct));
        Assert.Equal("Invalid detach keys (ctrl-1) provided", bad.Message);
        Assert.Equal(ErrorKind.InvalidArgument, bad.Kind);
        Assert.Equal(before, store.Events.Buffered.Count);

        store.Pause(id);
        var paused = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.AttachAsync(id, cancellationToken: Ct));
        Assert.Equal($"container {id[..12]} is paused, unpause the container before attach", (await Assert.ThrowsAsync<DockerSimulatorException>(() => store.AttachAsync(id[..12], cancellationToken: Ct))).Message);
        Assert.Equal(ErrorKind.Conflict, paused.Kind);
        store.Unpause(id);
        await store.KillAsync(id, cancellationToken: Ct);
    }

    [Fact]
    public async Task Logs_follow_streams_until_the_container_stops()
    {
        var (store, time) = await CreateAsync();
        var id = store.Create(Alpine("sh", "-c", "echo one; sleep 1; echo two >&2; sleep 1; printf three"));
        await store.StartAsync(id, Ct);
        await EventuallyAsync(() => store.LogsText(id) == "one\n");

        var got = new List<string>();
        var follow = Task.Run(async () =>
        {
            await foreach (var e in store.FollowLogsAsync(id, new ContainerLogsOptions { Timestamps = true }, Ct))
            {
                lock (got)
                {
                    got.Add(e.Text);
                }
            }
        }, Ct);
        await EventuallyAsync(() => { lock (got) { return got.Count == 1; } });
        await AdvanceUntilAsync(time, () => store.Inspect(id).State.Status == ContainerStatus.Exited, TimeSpan.FromMilliseconds(500));
        await follow.WaitAsync(Guard, Ct);
        Assert.Equal(["one\n", "two\n", "three"], got);

        // Following a stopped container prints what is there and ends (tail applies).
        var after = new List<string>();
        await foreach (var e in store.FollowLogsAsync(id, new ContainerLogsOptions { Tail = 1 }, Ct))
        {
            after.Add(e.Text);
        }

        Assert.Equal(["three"], after);
    }

    [Fact]
    public async Task Many_attachments_and_runs_concurrently_lose_nothing()
    {
        var (store, _) = await CreateAsync();
        var tasks = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            var id = store.Create(new ContainerConfig("alpine") { Cmd = ["cat"], OpenStdin = true, StdinOnce = true });
            var a = await store.AttachAsync(id, new AttachOptions { Stdin = true }, Ct);
            var b = await store.AttachAsync(id, cancellationToken: Ct);
            await store.StartAsync(id, Ct);
            var text = $"line {i}\n";
            await a.Stdin.WriteAsync(Encoding.UTF8.GetBytes(text), Ct);
            a.CloseStdin();
            var outA = await new StreamReader(a.Stdout).ReadToEndAsync(Ct);
            var outB = await new StreamReader(b.Stdout).ReadToEndAsync(Ct);
            Assert.Equal(text, outA);
            Assert.Equal(text, outB);
            await store.WaitAsync(id, cancellationToken: Ct);
            await store.RemoveAsync(id, cancellationToken: Ct);
        }, Ct));
        await Task.WhenAll(tasks).WaitAsync(Guard, Ct);
        Assert.Equal(0, store.Count);
    }
}
