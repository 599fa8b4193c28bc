namespace Simulator.Testing.Tests.Dsim;

/// <summary>
/// The interactive <c>dsim</c> under a real terminal (tmux): the host's <c>$ </c> prompt, <c>docker run -it alpine /bin/ash</c>
/// dropping into the container's <c>/ # </c> prompt, <c>apk add openssh</c>, and <c>exit</c> returning to the host.
/// </summary>
[Collection(nameof(Transcripts.TranscriptCollection))]
public sealed class InteractiveDsimTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static string Dsim
    {
        get
        {
            var apphost = Path.Combine(AppContext.BaseDirectory, "dsim");
            return File.Exists(apphost) ? apphost : "dotnet " + Path.Combine(AppContext.BaseDirectory, "dsim.dll");
        }
    }

    private static string LastLine(string screen) => screen.Split('\n')[^1];

    /// <summary>Whether <c>docker run -i --rm alpine cat</c> in process ends when its input does (what -it builds on).</summary>
    private static async Task<bool> AttachedStdinEndsAsync(CancellationToken ct)
    {
        var cli = new Simulator.Cli.DockerCli(new DockerSimulator());
        var output = new MemoryStream();
        await cli.RunAsync(["pull", "-q", "alpine"], new Simulator.Cli.DockerCliStreams(Stream.Null, output, output), ct);
        var run = cli.RunAsync(["run", "-i", "--rm", "alpine", "cat"], new Simulator.Cli.DockerCliStreams(new MemoryStream("x\n"u8.ToArray()), output, output), ct);
        return await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10), ct)) == run;
    }

    [Fact]
    public async Task The_host_shell_prompts_and_runs_commands()
    {
        Assert.SkipWhen(TmuxSession.Tmux is null, "tmux is not installed");
        var ct = TestContext.Current.CancellationToken;
        using var tmux = TmuxSession.Start(Dsim);

        var screen = await tmux.WaitForAsync(s => s == "$", Patience, ct);
        Assert.Equal("$", screen);

        tmux.SendLine("cd /tmp; echo hello from $PWD");
        screen = await tmux.WaitForAsync(s => s.EndsWith("hello from /tmp\n$", StringComparison.Ordinal), Patience, ct);
        // The terminal echoes what is typed (once, or again when typed ahead of the program's read); the prompts and output are dsim's.
        // Typed ahead of the prompt, the cooked terminal's echo may land on the prompt's line before dsim's own: only the order is fixed.
        Assert.StartsWith("$ cd /tmp; echo hello from $PWD", screen);
        Assert.EndsWith("\nhello from /tmp\n$", screen);

        tmux.SendLine("for i in 1 2; do");
        tmux.SendLine("echo n$i; done");
        screen = await tmux.WaitForAsync(s => s.EndsWith("n2\n$", StringComparison.Ordinal), Patience, ct);
        Assert.Contains("for i in 1 2; do", screen);
        Assert.Contains("echo n$i; done", screen);
        // The kernel echoes typed-ahead lines at once, so the continuation prompt "> " may follow both (as under a real sh).
        Assert.Matches(@"\n(> )?n1\nn2\n\$$", screen);
    }

    [Fact]
    public async Task Docker_run_it_drops_into_the_containers_shell_and_exit_returns()
    {
        Assert.SkipWhen(TmuxSession.Tmux is null, "tmux is not installed");
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipUnless(await AttachedStdinEndsAsync(ct), "docker run -i does not end when its input ends (DockerCli's stdin forwarding to the container), so -it cannot work yet");
        using var tmux = TmuxSession.Start(Dsim);
        await tmux.WaitForAsync(s => s == "$", Patience, ct);

        tmux.SendLine("docker run -it alpine /bin/ash");
        // Only the container's prompt ends this wait: right after send-keys the screen may still show the old "$" prompt.
        var screen = await tmux.WaitForAsync(s => LastLine(s) == "/ #", Patience, ct);

        // A TTY shows busybox ash's root prompt "/ # " (alpine's /etc/profile is not read by a non-login ash: PS1 is ash's default).
        Assert.Equal("/ #", LastLine(screen));

        tmux.SendLine("apk add openssh");
        screen = await tmux.WaitForAsync(s => s.Contains("OK: ", StringComparison.Ordinal) && LastLine(s) == "/ #", Patience, ct);

        // apk-tools 2.14: "(N/M) Installing openssh (...)" lines, then "OK: <size> MiB in <n> packages".
        Assert.Contains("Installing openssh", screen);
        Assert.Matches(@"\nOK: \d+ MiB in \d+ packages\n/ #$", screen);

        // dsim puts the terminal in raw mode while attached (docker/cli hijack.go setRawTerminal): the typed line is echoed
        // once, by the container's TTY.
        Assert.Contains("/ # apk add openssh\n", screen);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(screen, "apk add openssh"));

        tmux.SendLine("exit");
        screen = await tmux.WaitForAsync(s => LastLine(s) == "$", Patience, ct);
        Assert.EndsWith("\n/ # exit\n$", screen);

        // Back on the host the terminal is cooked again: the kernel echoes the typed line once.
        tmux.SendLine("echo back");
        screen = await tmux.WaitForAsync(s => s.EndsWith("\nback\n$", StringComparison.Ordinal), Patience, ct);
        Assert.EndsWith("\n/ # exit\n$ echo back\nback\n$", screen);
    }

    [Fact]
    public async Task Docker_exec_it_gives_a_shell_in_a_running_container()
    {
        Assert.SkipWhen(TmuxSession.Tmux is null, "tmux is not installed");
        var ct = TestContext.Current.CancellationToken;
        using var tmux = TmuxSession.Start(Dsim);
        await tmux.WaitForAsync(s => s == "$", Patience, ct);

        tmux.SendLine("docker pull -q alpine > /dev/null && docker run -d --name box alpine sleep 1000 > /dev/null");
        await tmux.WaitForAsync(s => s.EndsWith("/dev/null\n$", StringComparison.Ordinal), Patience, ct);
        tmux.SendLine("docker exec -it box sh");
        var screen = await tmux.WaitForAsync(s => LastLine(s) == "/ #", Patience, ct);
        Assert.Equal("/ #", LastLine(screen));

        // As with run -it: one echo (the exec's TTY), TERM=xterm (moby CreateDaemonEnvironment for a TTY exec), exit's status.
        tmux.SendLine("echo $TERM");
        screen = await tmux.WaitForAsync(s => s.EndsWith("\nxterm\n/ #", StringComparison.Ordinal), Patience, ct);
        Assert.EndsWith("\n/ # echo $TERM\nxterm\n/ #", screen);
        tmux.SendLine("exit 3");
        await tmux.WaitForAsync(s => LastLine(s) == "$", Patience, ct);
        tmux.SendLine("echo status=$?");
        screen = await tmux.WaitForAsync(s => s.EndsWith("status=3\n$", StringComparison.Ordinal), Patience, ct);
        Assert.EndsWith("\n/ # exit 3\n$ echo status=$?\nstatus=3\n$", screen);
    }
}
