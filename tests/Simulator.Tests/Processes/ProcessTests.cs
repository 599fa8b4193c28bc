using System.Text;
using Simulator.FileSystem;
using Simulator.Processes;
using Simulator.Tests.Userland;

namespace Simulator.Tests.Processes;

public sealed class ProcessTests
{
    private static readonly UnixFileMode Exec = (UnixFileMode)0b111_101_101;

    [Fact]
    public async Task A_registered_program_sees_argv_env_cwd_user_and_files()
    {
        var s = new Sandbox();
        s.Fs.CreateDirectories("/app");
        s.Fs.WriteAllText("/app/config.txt", "port=8080");
        s.Programs.Register("/app/server", async ctx =>
        {
            var config = ctx.FileSystem.ReadAllText(ctx.ResolvePath("config.txt"));
            await ctx.WriteAsync($"{string.Join(',', ctx.Argv)}|{ctx.GetEnv("MODE")}|{ctx.WorkingDirectory}|{ctx.User.Uid}:{ctx.User.Gid}|{config}|pid {ctx.Pid}\n");
            await ctx.WriteErrorAsync("to stderr\n");
            return 7;
        });
        var spec = new ProcessSpec(["/app/server", "--flag"]) { Env = ["MODE=prod", "MODE=test"], WorkingDirectory = "/app", User = ProcessUser.Resolve("app", s.Fs) };
        var r = await s.Run(spec, null);
        Assert.Equal("/app/server,--flag|test|/app|1000:1000|port=8080|pid 1\n", r.Out);
        Assert.Equal("to stderr\n", r.Err);
        Assert.Equal(7, r.Code);
    }

    [Fact]
    public async Task A_program_file_with_the_marker_runs_the_registered_name_through_PATH_and_symlinks()
    {
        var s = new Sandbox();
        s.Programs.Register("hello", async ctx => { await ctx.WriteAsync("hello from " + ctx.Argv[0] + "\n"); return 0; });
        s.Fs.CreateDirectories("/usr/local/bin");
        s.Fs.WriteAllBytes("/usr/local/bin/hello-real", ProgramRegistry.MarkerFor("hello"), Exec);
        s.Fs.CreateSymlink("/usr/local/bin/hello-real", "/usr/local/bin/hello");
        var r = await s.Run("hello");
        Assert.Equal("hello from hello\n", r.Out);
        Assert.Equal(0, r.Code);
    }

    [Fact]
    public async Task Shebang_scripts_run_under_their_interpreter()
    {
        var s = new Sandbox();
        s.Fs.WriteAllText("/entrypoint.sh", "#!/bin/sh -e\necho \"entry $1\"\nfalse\necho not reached\n", Exec);
        var r = await s.Run("/entrypoint.sh", "arg");
        Assert.Equal("entry arg\n", r.Out);
        Assert.Equal(1, r.Code);
    }

    [Theory]
    [InlineData("foo", 127, "exec: \"foo\": executable file not found in $PATH")]
    [InlineData("/nope", 127, "exec: \"/nope\": stat /nope: no such file or directory")]
    [InlineData("/etc/passwd", 126, "exec: \"/etc/passwd\": permission denied")]
    [InlineData("/tmp", 126, "exec: \"/tmp\": is a directory")]
    public void Unrunnable_programs_fail_as_docker_run_does(string program, int exitCode, string runtimeMessage)
    {
        var s = new Sandbox();
        var e = Assert.Throws<ExecException>(() => s.NewNamespace().Start(Sandbox.Spec(program)));
        Assert.Equal(exitCode, e.ExitCode);
        Assert.Equal(runtimeMessage, e.RuntimeMessage);
        Assert.Equal(
            "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: " + runtimeMessage + ": unknown",
            e.Message);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void An_empty_PATH_finds_nothing_and_a_custom_PATH_is_searched()
    {
        var s = new Sandbox();
        var ns = s.NewNamespace();
        Assert.Throws<ExecException>(() => ns.Start(new ProcessSpec(["ls"]) { Env = ["PATH=/nowhere"] }));
        s.Fs.CreateDirectories("/opt/tools");
        s.Fs.CreateSymlink("/bin/busybox", "/opt/tools/mytrue");
        s.Programs.Register("mytrue", _ => Task.FromResult(0));
        var p = ns.Start(new ProcessSpec(["mytrue"]) { Env = ["PATH=/opt/tools"] });
        Assert.NotNull(p);
    }

    [Fact]
    public async Task Pid_1_without_a_TERM_handler_ignores_TERM_and_KILL_ends_it_with_137()
    {
        var s = new Sandbox();
        var p = s.NewNamespace().Start(Sandbox.Spec("sleep", "1000"));
        Assert.Equal(1, p.Pid);
        p.SendSignal(Signal.Term);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(p.HasExited);
        p.SendSignal(Signal.Kill);
        Assert.Equal(137, await p.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(Signal.Kill, p.TerminatingSignal);
    }

    [Fact]
    public async Task A_child_process_without_a_handler_is_terminated_by_TERM_with_143()
    {
        var s = new Sandbox();
        var ns = s.NewNamespace();
        var init = ns.Start(Sandbox.Spec("sleep", "1000"));
        var child = ns.Start(Sandbox.Spec("sleep", "1000"));
        Assert.Equal(2, child.Pid);
        child.SendSignal(Signal.Term);
        Assert.Equal(143, await child.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        init.Kill();
        await init.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_program_that_handles_TERM_exits_as_it_chooses()
    {
        var s = new Sandbox();
        s.Programs.Register("/srv", async ctx =>
        {
            var waiting = ctx.WaitForSignalAsync(Signal.Term);
            await ctx.WriteAsync("ready\n");
            var signal = await waiting;
            await ctx.WriteAsync("got " + signal + "\n");
            return 0;
        });
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Programs.Register("/srv143", async ctx =>
        {
            ctx.ExitOnSignal(Signal.Term);
            armed.TrySetResult();
            await ctx.DelayAsync(TimeSpan.FromDays(1));
            return 0;
        });
        var output = new ProcessPipe();
        var p = s.NewNamespace().Start(Sandbox.Spec("/srv"), stdout: output.Writer);
        var buffer = new byte[6];
        var n = await output.Reader.ReadAsync(buffer, TestContext.Current.CancellationToken);
        Assert.Equal("ready\n", Encoding.UTF8.GetString(buffer, 0, n));
        p.SendSignal(Signal.Parse("SIGTERM"));
        Assert.Equal(0, await p.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        output.CompleteWriting();
        var rest = new StreamReader(output.Reader).ReadToEnd();
        Assert.Equal("got SIGTERM\n", rest);

        var q = s.NewNamespace().Start(Sandbox.Spec("/srv143"));
        await armed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        q.SendSignal(Signal.Term);
        Assert.Equal(143, await q.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("sh", "-c", "/srv")]
    [InlineData("/entrypoint.sh", "/srv", "")]
    public async Task Exec_keeps_pid_1_so_the_program_gets_docker_stops_TERM(string a0, string a1, string a2)
    {
        var s = new Sandbox();
        s.Fs.WriteAllText("/entrypoint.sh", "#!/bin/sh\nset -e\necho starting\nexec \"$@\"\n", Exec);
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Programs.Register("/srv", async ctx =>
        {
            var waiting = ctx.WaitForSignalAsync();
            started.TrySetResult(ctx.Pid);
            var signal = await waiting;
            await ctx.WriteAsync("stopping on " + signal + "\n");
            return 0;
        });
        var output = new MemoryStream();
        var argv = a2.Length == 0 ? new[] { a0, a1 } : new[] { a0, a1, a2 };
        var p = s.NewNamespace().Start(Sandbox.Spec(argv), stdout: Stream.Synchronized(output));
        Assert.Equal(1, await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        p.SendSignal(Signal.Term);
        Assert.Equal(0, await p.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.EndsWith("stopping on SIGTERM\n", System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A_shell_running_several_commands_as_pid_1_ignores_TERM()
    {
        var s = new Sandbox();
        var p = s.NewNamespace().Start(Sandbox.Spec("sh", "-c", "sleep 100; echo done"));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        p.SendSignal(Signal.Term);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(p.HasExited);
        p.Kill();
        Assert.Equal(137, await p.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sleep_waits_on_the_fake_clock_not_real_time()
    {
        var s = new Sandbox();
        var start = s.Time.GetUtcNow();
        var p = s.NewNamespace().Start(Sandbox.Spec("sleep", "1000"));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(p.HasExited);
        var exitedAt = await AdvanceUntilExited(s, p, TimeSpan.FromSeconds(10));
        Assert.InRange(exitedAt - start, TimeSpan.FromSeconds(1000), TimeSpan.FromSeconds(1100));
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>Advances the fake clock in steps until the process ends (a sleep's timer may start after the first step on a busy machine).</summary>
    internal static async Task<DateTimeOffset> AdvanceUntilExited(Sandbox s, SimulatedProcess p, TimeSpan step)
    {
        for (var i = 0; i < 2000 && !p.HasExited; i++)
        {
            s.Time.Advance(step);
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }

        await p.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return s.Time.GetUtcNow();
    }

    [Fact]
    public async Task A_shell_trap_runs_on_TERM_at_the_next_command()
    {
        var s = new Sandbox();
        var output = new MemoryStream();
        var p = s.NewNamespace().Start(Sandbox.Spec("sh", "-c", "trap 'echo caught; exit 0' TERM; echo ready; while true; do sleep 1; done"), stdout: Stream.Synchronized(output));

        // One TERM once the trap is installed: PID 1 ignores TERM before, and a second TERM while the trap runs would run
        // it again (ash's dotrap after each command), so resending until exit printed "caught" twice on a busy machine.
        for (var i = 0; i < 2000 && !Encoding.UTF8.GetString(output.ToArray()).Contains("ready\n", StringComparison.Ordinal); i++)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        p.SendSignal(Signal.Term);
        for (var i = 0; i < 100 && !p.HasExited; i++)
        {
            s.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await p.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal("ready\ncaught\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task When_pid_1_ends_the_other_processes_are_killed()
    {
        var s = new Sandbox();
        var ns = s.NewNamespace();
        var init = ns.Start(Sandbox.Spec("sleep", "10"));
        var other = ns.Start(Sandbox.Spec("sleep", "1000"));
        Assert.Equal(2, ns.Processes.Count);
        await AdvanceUntilExited(s, init, TimeSpan.FromSeconds(1));
        Assert.Equal(0, init.ExitCode);
        Assert.Equal(137, await other.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_exception_escaping_a_program_is_status_1_with_a_message()
    {
        var s = new Sandbox();
        s.Programs.Register("/boom", _ => throw new InvalidOperationException("kaput"));
        var r = await s.Run("/boom");
        Assert.Equal(1, r.Code);
        Assert.Equal("/boom: kaput\n", r.Err);
    }
}
