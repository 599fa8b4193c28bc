using Simulator.Cli;
using Simulator.Testing.Transcripts;

namespace Simulator.Testing.Tests.Host;

/// <summary>The host shell session: state kept between command lines, host programs, curl's errors.</summary>
public sealed class HostShellTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HostShell NewShell() =>
        new(new DockerSimulator(new DockerSimulatorOptions { TimeProvider = new TranscriptClock(TranscriptRunner.DefaultStartTime) }));

    [Fact]
    public async Task Variables_and_working_directory_persist_between_command_lines()
    {
        await using var shell = NewShell();

        Assert.Equal((0, ""), await shell.RunAsync("x=42; cd /tmp", Ct));
        var (code, output) = await shell.RunAsync("echo $x; pwd; echo $HOME", Ct);

        Assert.Equal(0, code);
        Assert.Equal("42\n/tmp\n/root\n", output);
        Assert.Equal("/tmp", shell.WorkingDirectory);
        Assert.Equal("42", shell.GetVariable("x"));
    }

    [Fact]
    public async Task The_host_starts_with_root_and_tmp_only()
    {
        await using var shell = NewShell();

        var (code, output) = await shell.RunAsync("pwd; ls /", Ct);

        Assert.Equal(0, code);
        Assert.Equal("/root\nroot\ntmp\n", output);
    }

    [Fact]
    public async Task Exit_status_and_errors_are_the_shells()
    {
        await using var shell = NewShell();

        // busybox ash: "sh: nosuch: not found", status 127.
        Assert.Equal((127, "sh: nosuch: not found\n"), await shell.RunAsync("nosuch", Ct));
        Assert.Equal((1, ""), await shell.RunAsync("false", Ct));
        Assert.Equal((0, "1\n"), await shell.RunAsync("echo $?", Ct));
    }

    [Fact]
    public async Task Files_written_on_the_host_are_in_the_engines_host_file_system()
    {
        var engine = new DockerSimulator(new DockerSimulatorOptions { TimeProvider = new TranscriptClock(TranscriptRunner.DefaultStartTime) });
        await using var shell = new HostShell(engine);

        await shell.RunAsync("mkdir -p /data/html && echo hi > /data/html/index.html", Ct);

        Assert.Equal("hi\n", engine.HostFileSystem.File.ReadAllText("/data/html/index.html"));
    }

    [Fact]
    public async Task Curl_reports_a_refused_connection_as_curl_does()
    {
        await using var shell = NewShell();

        // curl 7.88.1 (this machine's /usr/bin/curl): exit 7, silent without -S.
        Assert.Equal((7, "curl: (7) Failed to connect to localhost port 8081 after 0 ms: Couldn't connect to server\n"), await shell.RunAsync("curl http://localhost:8081/", Ct));
        Assert.Equal((7, ""), await shell.RunAsync("curl -s http://localhost:8081/", Ct));
        Assert.Equal((7, "curl: (7) Failed to connect to localhost port 8081 after 0 ms: Couldn't connect to server\n"), await shell.RunAsync("curl -sS http://localhost:8081/", Ct));
    }

    [Fact]
    public async Task Curl_usage_errors_are_curls()
    {
        await using var shell = NewShell();

        // curl 7.88.1: unknown option and no URL, exit 2.
        Assert.Equal((2, "curl: option --foo: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n"), await shell.RunAsync("curl --foo", Ct));
        Assert.Equal((2, "curl: try 'curl --help' or 'curl --manual' for more information\n"), await shell.RunAsync("curl", Ct));
        Assert.Equal((6, "curl: (6) Could not resolve host: nonexistent.invalid\n"), await shell.RunAsync("curl -sS http://nonexistent.invalid/", Ct));
    }

    [Fact]
    public async Task Exit_ends_the_session()
    {
        await using var shell = NewShell();

        Assert.Equal((3, ""), await shell.RunAsync("exit 3", Ct));
        Assert.True(shell.HasExited);
        Assert.Equal(127, (await shell.RunAsync("echo late", Ct)).ExitCode);
    }

    [Fact]
    public async Task Interactive_session_prompts_continues_lines_and_shares_the_terminal_input()
    {
        await using var shell = NewShell();
        var input = new MemoryStream("read x\nhello\nfor i in 1 2; do\necho $x$i; done\nexit 3\necho never\n"u8.ToArray());
        var output = new MemoryStream();
        var prompts = new MemoryStream();

        var code = await shell.RunInteractiveAsync(input, output, prompts, Ct);

        Assert.Equal(3, code);
        Assert.Equal("hello1\nhello2\n", System.Text.Encoding.UTF8.GetString(output.ToArray()));

        // sh's PS1 "$ " before each command, PS2 "> " before a continuation line.
        Assert.Equal("$ $ > $ ", System.Text.Encoding.UTF8.GetString(prompts.ToArray()));
    }

    [Fact]
    public async Task Interactive_session_ends_at_end_of_input()
    {
        await using var shell = NewShell();
        var output = new MemoryStream();

        var code = await shell.RunInteractiveAsync(new MemoryStream("false\n"u8.ToArray()), output, output, Ct);

        Assert.Equal(1, code);
        Assert.Equal("$ $ \n", System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }
}
