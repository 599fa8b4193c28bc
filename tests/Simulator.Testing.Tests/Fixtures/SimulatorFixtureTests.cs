using Simulator.Containers;
using Simulator.Testing.Fixtures;

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
}
