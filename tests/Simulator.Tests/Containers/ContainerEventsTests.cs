using Simulator.Containers;
using Simulator.Events;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Containers;

public sealed class ContainerEventsTests
{
    [Fact]
    public async Task Lifecycle_publishes_mobys_container_events_in_order()
    {
        var (store, time) = await CreateAsync();
        var t0 = time.GetUtcNow();
        var id = store.Create(Graceful() with { Labels = new Dictionary<string, string> { ["app"] = "web" } }, name: "web");
        await store.StartAsync(id, Ct);
        await EventuallyAsync(() => store.LogsText(id) == "ready\n"); // its TERM handler is installed
        store.Pause("web");
        store.Unpause("web");
        store.Rename("web", "api");
        await store.ExecAsync("api", new ExecConfig(["true"]), Ct).WaitAsync(Guard, Ct);
        await store.StopAsync("api", cancellationToken: Ct).WaitAsync(Guard, Ct);
        await store.RemoveAsync("api", cancellationToken: Ct);

        var events = store.Events.Buffered.Where(e => e.Type == EventTypes.Container).ToList();
        Assert.Equal(
            ["create", "start", "pause", "unpause", "rename", "exec_create: true ", "exec_start: true ", "exec_die", "kill", "die", "stop", "destroy"],
            events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(id, e.Actor.ID));
        Assert.All(events, e => Assert.Equal("simtest", e.Actor.Attributes["image"]));
        Assert.All(events, e => Assert.Equal("web", e.Actor.Attributes["app"]));
        Assert.Equal("web", events[0].Actor.Attributes["name"]);
        Assert.Equal("/web", events[4].Actor.Attributes["oldName"]); // moby daemon/rename.go: ctr.Name keeps its slash
        Assert.Equal("api", events[4].Actor.Attributes["name"]);
        Assert.Equal("0", events[7].Actor.Attributes["exitCode"]);
        Assert.Equal(events[5].Actor.Attributes["execID"], events[7].Actor.Attributes["execID"]);
        Assert.Equal("15", events[8].Actor.Attributes["signal"]); // daemon/kill.go: the signal number
        Assert.Equal("143", events[9].Actor.Attributes["exitCode"]);
        Assert.Equal("0", events[9].Actor.Attributes["execDuration"]);
        Assert.Equal(t0, events[0].Time);
        Assert.Equal("local", events[0].Scope);
        Assert.Equal(t0.ToUnixTimeSeconds(), events[0].TimeSeconds);
        Assert.Equal(t0.ToUnixTimeMilliseconds() * 1_000_000, events[0].TimeNano);

        // docker/cli prettyPrintEvent: RFC3339NanoFixed time, type, action, ID, attributes sorted by key.
        Assert.Equal($"2026-01-02T03:04:05.000000000Z container create {id} (app=web, image=simtest, name=web)\n", events[0].Format());
    }

    [Fact]
    public async Task Subscription_filters_since_and_until()
    {
        var (store, time) = await CreateAsync();
        time.Advance(TimeSpan.FromSeconds(1)); // after the fixture's image events
        var t0 = time.GetUtcNow();
        var a = store.Create(Alpine("true"), name: "aa");
        time.Advance(TimeSpan.FromSeconds(1));
        var b = store.Create(Alpine("true") with { Labels = new Dictionary<string, string> { ["tier"] = "db" } }, name: "bb");
        time.Advance(TimeSpan.FromSeconds(1));

        async Task<List<EventMessage>> Collect(EventQuery q)
        {
            var list = new List<EventMessage>();
            await foreach (var e in store.Events.SubscribeAsync(q, Ct))
            {
                list.Add(e);
            }

            return list;
        }

        var until = time.GetUtcNow();
        Assert.Equal([a, b], (await Collect(new EventQuery { Since = t0, Until = until })).Select(e => e.Actor.ID));
        Assert.Equal([b], (await Collect(new EventQuery { Since = t0.AddSeconds(1), Until = until })).Select(e => e.Actor.ID));
        Assert.Equal([a], (await Collect(new EventQuery { Since = t0, Until = t0 })).Select(e => e.Actor.ID));
        Assert.Equal([b], (await Collect(new EventQuery { Since = t0, Until = until, Filters = ["container=bb"] })).Select(e => e.Actor.ID));
        Assert.Equal([a], (await Collect(new EventQuery { Since = t0, Until = until, Filters = [$"container={a[..6]}"] })).Select(e => e.Actor.ID));
        Assert.Equal([b], (await Collect(new EventQuery { Since = t0, Until = until, Filters = ["label=tier=db"] })).Select(e => e.Actor.ID));
        Assert.Equal(2, (await Collect(new EventQuery { Since = t0, Until = until, Filters = ["image=alpine", "event=create", "type=container"] })).Count);
        Assert.Empty(await Collect(new EventQuery { Since = t0, Until = until, Filters = ["type=image"] }));
        Assert.Empty(await Collect(new EventQuery { Since = t0, Until = until, Filters = ["event=start"] }));

        // A live subscription sees new events and ends when the clock passes --until.
        var live = Collect(new EventQuery { Until = time.GetUtcNow().AddSeconds(10), Filters = ["event=destroy"] });
        await EventuallyAsync(() => store.Events.SubscriberCount == 1);
        await store.RemoveAsync("aa", cancellationToken: Ct);
        time.Advance(TimeSpan.FromSeconds(11));
        var got = await live.WaitAsync(Guard, Ct);
        Assert.Equal(["destroy"], got.Select(e => e.Action));
        Assert.Equal(0, store.Events.SubscriberCount);

        var bad = Assert.Throws<DockerSimulatorException>(() => store.Events.SubscribeAsync(new EventQuery { Filters = ["nonsense"] }, Ct));
        Assert.Equal(ErrorKind.InvalidArgument, bad.Kind);
    }

    [Fact]
    public async Task Commit_kill_and_restart_events_carry_mobys_attributes()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(IgnoresTerm(), name: "cc");
        await store.StartAsync(id, Ct);
        var image = store.Commit("cc", new CommitOptions { Reference = "my/img", Message = "m" });
        var commit = store.Events.Buffered.Single(e => e.Action == "commit");
        Assert.Equal("m", commit.Actor.Attributes["comment"]);
        Assert.Equal(image.Id.ToString(), commit.Actor.Attributes["imageID"]);
        Assert.Equal("my/img:latest", commit.Actor.Attributes["imageRef"]);

        await store.KillAsync("cc", "SIGUSR1", Ct);
        Assert.Equal("10", store.Events.Buffered.Last().Actor.Attributes["signal"]);
        await store.KillAsync("cc", cancellationToken: Ct);
        // moby daemon/monitor.go: Cleanup (network disconnect) comes before the die event.
        Assert.Equal(["container kill", "container kill", "network disconnect", "container die"], store.Events.Buffered.TakeLast(4).Select(e => e.Type + " " + e.Action));
        Assert.Equal("137", store.Events.Buffered.Last().Actor.Attributes["exitCode"]);
    }
}
