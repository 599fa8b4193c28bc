using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Tests.Processes;

/// <summary>
/// The engine's exit bookkeeping (<see cref="SimulatedProcess.OnExited"/>: the namespace's and the container's) runs once
/// the process has ended, whoever ended it, in registration order when the program returned on its own thread.
/// </summary>
public sealed class ExitCallbackTests
{
    private static readonly AsyncLocal<string?> Flow = new();

    private static (ProcessNamespace Ns, ProgramRegistry Programs) NewNamespace()
    {
        var programs = new ProgramRegistry();
        return (new ProcessNamespace(UnionFileSystem.CreateEmpty(), programs), programs);
    }

    [Fact]
    public async Task Callbacks_run_after_the_exit_status_is_set_in_registration_order()
    {
        var (ns, programs) = NewNamespace();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        programs.Register("/prog", async _ =>
        {
            await gate.Task;
            return 3;
        });
        var process = ns.Start(new ProcessSpec(["/prog"]));
        var seen = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OnExited(() => seen.Add($"first {process.ExitCode}"));
        process.OnExited(() => throw new InvalidOperationException("a failing callback does not stop the next"));
        process.OnExited(() =>
        {
            seen.Add($"last {process.HasExited}");
            done.SetResult();
        });
        Assert.Empty(seen);

        gate.SetResult();
        await done.Task.WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["first 3", "last True"], seen);
        Assert.Empty(ns.Processes); // the namespace's own callback removed PID 1
    }

    [Fact]
    public async Task A_program_that_returns_at_once_runs_the_callbacks_too()
    {
        var (ns, programs) = NewNamespace();
        programs.Register("/true", _ => Task.FromResult(0));
        var process = ns.Start(new ProcessSpec(["/true"]));
        var done = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OnExited(() => done.TrySetResult(process.ExitCode));
        Assert.Equal(0, await done.Task.WaitAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_callback_registered_after_the_exit_runs_at_once_on_the_caller()
    {
        var (ns, programs) = NewNamespace();
        programs.Register("/true", _ => Task.FromResult(0));
        var process = ns.Start(new ProcessSpec(["/true"]));
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OnExited(ended.SetResult);
        await ended.Task.WaitAsync(TestContext.Current.CancellationToken); // the ending thread has taken its callbacks

        int? thread = null;
        var before = Environment.CurrentManagedThreadId;
        process.OnExited(() => thread = Environment.CurrentManagedThreadId);
        Assert.Equal(before, thread);
    }

    [Fact]
    public async Task A_killed_process_runs_its_callbacks_in_their_registration_context()
    {
        var (ns, programs) = NewNamespace();
        programs.Register("/sleep", async ctx =>
        {
            await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
            return 0;
        });
        var process = ns.Start(new ProcessSpec(["/sleep"]));
        var done = new TaskCompletionSource<(int?, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        Flow.Value = "registered";
        process.OnExited(() => done.TrySetResult((process.ExitCode, Flow.Value)));
        Flow.Value = null;

        process.Kill();
        Assert.Equal((137, "registered"), await done.Task.WaitAsync(TestContext.Current.CancellationToken)); // 128 + SIGKILL
    }
}
