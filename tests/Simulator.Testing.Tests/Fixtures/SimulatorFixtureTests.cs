using Simulator.Containers;
using Simulator.Testing.Fixtures;
using Simulator.Testing.Rendering;

namespace Simulator.Testing.Tests.Fixtures;

public sealed class SimulatorFixtureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_fixtures_give_the_same_ids_names_and_times()
    {
        await using var a = await SimulatorFixture.CreateAsync("busybox");
        await using var b = await SimulatorFixture.CreateAsync("busybox");
        var idA = a.Engine.Containers.Create(new ContainerConfig("busybox"));
        var idB = b.Engine.Containers.Create(new ContainerConfig("busybox"));
        Assert.Equal(idA, idB);
        Assert.Equal(a.Engine.Containers.Inspect(idA).Name, b.Engine.Containers.Inspect(idB).Name);
        Assert.Equal(SimulatorFixture.DefaultStart, a.Engine.Containers.Inspect(idA).Created);
    }

    [Fact]
    public async Task Drive_completes_a_stop_that_waits_out_the_grace_period()
    {
        // A PID 1 without a TERM handler ignores it: docker stop waits 10 s, then kills (exit 137; SEMANTICS.md, DESIGN.md section 3).
        await using var docker = await SimulatorFixture.CreateAsync("busybox");
        await docker.Engine.Containers.RunDetachedAsync(new ContainerConfig("busybox") { Cmd = ["sleep", "3600"] }, name: "sleeper", cancellationToken: Ct);
        var waited = docker.Clock.UtcNow;
        await docker.Clock.DriveAsync(docker.Engine.Containers.StopAsync("sleeper", cancellationToken: Ct), cancellationToken: Ct);
        var state = docker.Engine.Containers.Inspect("sleeper").State;
        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(137, state.ExitCode);
        // The drive may step past the deadline while the engine is still reaching its wait: at least the grace period.
        Assert.True(docker.Clock.UtcNow - waited >= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Advance_until_reports_the_fake_time_it_took_and_times_out_with_a_message()
    {
        await using var docker = await SimulatorFixture.CreateAsync("busybox");
        await docker.Engine.Containers.RunDetachedAsync(new ContainerConfig("busybox") { Cmd = ["sleep", "30"] }, name: "short", cancellationToken: Ct);
        var took = await docker.Clock.AdvanceUntilAsync(() => docker.Engine.Containers.Inspect("short").State.Status == ContainerStatus.Exited, TimeSpan.FromSeconds(5), cancellationToken: Ct);
        Assert.True(took >= TimeSpan.FromSeconds(30));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => docker.Clock.AdvanceUntilAsync(() => false, TimeSpan.FromSeconds(1), maxSteps: 3, cancellationToken: Ct));
        Assert.StartsWith("condition not reached after advancing the clock 3 x 00:00:01 (to 2026-01-01T00:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_removes_every_container()
    {
        var docker = await SimulatorFixture.CreateAsync("busybox");
        await docker.Engine.Containers.RunDetachedAsync(new ContainerConfig("busybox") { Cmd = ["sleep", "3600"] }, cancellationToken: Ct);
        docker.Engine.Containers.Create(new ContainerConfig("busybox"));
        await docker.DisposeAsync();
        Assert.Empty(docker.Engine.Containers.List(all: true));
    }

    [Fact]
    public async Task Fixtures_made_in_parallel_do_not_share_state_and_render_alike()
    {
        var renders = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await using var docker = await SimulatorFixture.CreateAsync("alpine");
            var run = await docker.Engine.Containers.RunAsync(new ContainerConfig("alpine") { Cmd = ["sh", "-c", "echo hi > /x"] }, name: "one", cancellationToken: Ct);
            docker.Clock.AdvanceSeconds(5);
            return run.Id + "\n" + docker.Engine.RenderState() + docker.Engine.RenderChanges("one");
        })));
        Assert.All(renders, r => Assert.Equal(renders[0], r));
        Assert.EndsWith("A /x\n", renders[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_fixture_takes_containers_from_parallel_tasks()
    {
        await using var docker = await SimulatorFixture.CreateAsync("alpine");
        var runs = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            docker.Engine.Containers.RunAsync(new ContainerConfig("alpine") { Cmd = ["sh", "-c", $"echo {i} > /n; cat /n"] }, name: $"c{i}", cancellationToken: Ct))));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"{i}\n"), runs.Select(r => r.Stdout));
        Assert.Equal(12, runs.Select(r => r.Id).Distinct().Count());
        // Masked IDs follow creation time, then name: the same text whichever task created first.
        var state = docker.Engine.RenderState();
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"/c{i}").Order(StringComparer.Ordinal), state.Split('\n').Where(l => l.StartsWith("  <container ", StringComparison.Ordinal)).Select(l => l.Split("  ")[2]));
    }
}
