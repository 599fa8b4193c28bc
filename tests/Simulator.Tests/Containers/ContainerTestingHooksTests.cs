using Simulator.Containers;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Containers;

public sealed class ContainerTestingHooksTests
{
    [Fact]
    public async Task Journal_records_calls_with_arguments_in_order()
    {
        var (store, time) = await CreateAsync();
        var id = store.Create(IgnoresTerm(), name: "web");
        await store.StartAsync("web", Ct);
        time.Advance(TimeSpan.FromSeconds(1));
        await store.KillAsync("web", "SIGKILL", Ct);
        await Assert.ThrowsAsync<DockerSimulatorException>(() => store.RemoveAsync("nope", force: true, removeVolumes: true, Ct));
        await store.RemoveAsync("web", force: false, removeVolumes: true, Ct);

        var journal = store.Journal;
        Assert.Equal(
            ["Create simtest cmd=ignore-term name=web", "Start web", "Kill web signal=SIGKILL", "Remove nope force=true volumes=true", "Remove web volumes=true"],
            journal.Select(j => j.ToString()));
        Assert.Equal([1L, 2, 3, 4, 5], journal.Select(j => j.Sequence));
        Assert.Equal(time.GetUtcNow(), journal[^1].Time);
        store.ClearJournal();
        Assert.Empty(store.Journal);
        Assert.NotNull(id);
    }

    [Fact]
    public async Task FailNext_fails_one_call_and_changes_nothing()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(IgnoresTerm(), name: "web");
        var other = store.Create(IgnoresTerm(), name: "other");
        store.FailNext(ContainerOperation.Start, new DockerSimulatorException(ErrorKind.Conflict, "injected"), target: "web");

        await store.StartAsync("other", Ct); // another container: not affected
        var ex = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.StartAsync(id, Ct)); // matched by ID too
        Assert.Equal("injected", ex.Message);
        Assert.Equal(ContainerStatus.Created, store.Inspect("web").State.Status);
        Assert.DoesNotContain(store.Events.Buffered, e => e.Action == "start" && e.Actor.ID == id);
        Assert.Equal("injected", store.Journal.Single(j => j.Operation == ContainerOperation.Start && j.Target == id).InjectedFailure);

        await store.StartAsync("web", Ct); // one shot
        Assert.Equal(ContainerStatus.Running, store.Inspect("web").State.Status);

        store.FailNext(ContainerOperation.Create, new InvalidOperationException("disk full"));
        Assert.Equal("disk full", Assert.Throws<InvalidOperationException>(() => store.Create(Alpine("true"), name: "x1")).Message);
        Assert.Equal(2, store.Count);
        await store.RemoveAsync("web", force: true, Ct);
        await store.RemoveAsync(other, force: true, Ct);
    }

    [Fact]
    public async Task Presets_give_containers_with_a_past()
    {
        var (store, time) = await CreateAsync();
        var now = time.GetUtcNow();
        var exited = await store.CreatePresetAsync(Alpine("true"), null, "old", ContainerPreset.Exited(137, now.AddHours(-2)) with { Created = now.AddDays(-1) }, Ct);
        var running = await store.CreatePresetAsync(IgnoresTerm(), null, "up", ContainerPreset.Running(now.AddMinutes(-44)), Ct);
        var paused = await store.CreatePresetAsync(IgnoresTerm(), null, "zz", ContainerPreset.Paused(now.AddSeconds(-3)), Ct);
        var created = await store.CreatePresetAsync(Alpine("true"), null, "new", new ContainerPreset(), Ct);

        // moby container/state.go String() and go-units HumanDuration.
        Assert.Equal("Exited (137) 2 hours ago", store.Inspect(exited).Status);
        Assert.Equal("24 hours ago", store.Inspect(exited).CreatedText);
        Assert.Equal("Up 44 minutes", store.Inspect(running).Status);
        Assert.Equal("Up 3 seconds (Paused)", store.Inspect(paused).Status);
        Assert.Equal("Created", store.Inspect(created).Status);

        // Without a creation time, a preset was created when it started (or exited), never after: CREATED reads as
        // the past the STATUS tells (docker ps: "44 minutes ago" beside "Up 44 minutes").
        Assert.Equal("44 minutes ago", store.Inspect(running).CreatedText);
        Assert.Equal("3 seconds ago", store.Inspect(paused).CreatedText);
        var lone = await store.CreatePresetAsync(Alpine("true"), null, "lone", ContainerPreset.Exited(1, now.AddHours(-3)), Ct);
        Assert.Equal("3 hours ago", store.Inspect(lone).CreatedText);
        Assert.Equal(store.Inspect(lone).Created, store.Inspect(lone).State.StartedAt);
        Assert.Equal("Less than a second ago", store.Inspect(created).CreatedText);
        Assert.Equal(["old"], store.List(new ContainerListOptions { All = true, Filters = ["exited=137"] }).Select(c => c.Name.TrimStart('/')));

        // The running one really runs: exec and kill work.
        Assert.Equal(0, (await store.ExecAsync(running, new ExecConfig(["true"]), Ct).WaitAsync(Guard, Ct)).ExitCode);
        await store.KillAsync(running, cancellationToken: Ct);
        Assert.Equal(137, store.Inspect(running).State.ExitCode);
        store.Unpause(paused);
        await store.KillAsync(paused, cancellationToken: Ct);
        await store.StartAsync(exited, Ct); // and the exited one can start again
        await store.WaitAsync(exited, cancellationToken: Ct).WaitAsync(Guard, Ct);
        Assert.Equal(0, store.Inspect(exited).State.ExitCode);

        Assert.Throws<ArgumentException>(() => store.CreatePresetAsync(Alpine("true"), null, null, new ContainerPreset { Status = ContainerStatus.Dead }, Ct).GetAwaiter().GetResult());
    }
}
