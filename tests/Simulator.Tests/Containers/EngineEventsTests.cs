using Microsoft.Extensions.Time.Testing;
using Simulator.Cli;
using Simulator.Events;

namespace Simulator.Tests.Containers;

/// <summary>
/// Image, volume and network events with moby v28.2.2's actors and attributes (daemon/images/image_events.go LogImageEvent,
/// distribution/pull.go, push.go, daemon/images/image_tag.go, image_delete.go, image_commit.go, image/tarexport, volume/service/store.go,
/// daemon/network.go, daemon/prune.go), printed as docker/cli's prettyPrintEvent does.
/// </summary>
public sealed class EngineEventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (DockerSimulator Engine, DockerCli Cli, FakeTimeProvider Time) Create()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var engine = new DockerSimulator(new DockerSimulatorOptions { TimeProvider = time, Seed = 1, ConfigureWorld = w => w.Add("localhost:5000") });
        return (engine, new DockerCli(engine), time);
    }

    private static async Task<string> EventsAsync(DockerCli cli, params string[] filters)
    {
        var args = new List<string> { "events", "--since", "1h", "--until", "0s" };
        foreach (var f in filters)
        {
            args.Add("--filter");
            args.Add(f);
        }

        var r = await cli.RunAsync([.. args]);
        Assert.Equal(0, r.ExitCode);
        return r.Stdout;
    }

    [Fact]
    public async Task Rm_f_of_a_running_container_logs_kill_with_signal_9_then_die_and_destroy()
    {
        // moby v28.2.2 daemon/delete.go cleanupContainer calls daemon.Kill for a running container: a kill event with
        // signal=9 (daemon/kill.go), then die, then destroy.
        var (_, cli, _) = Create();
        await cli.RunAsync("pull", "alpine");
        Assert.Equal(0, (await cli.RunAsync("run", "-d", "--name", "sleeper", "alpine", "sleep", "infinity")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("rm", "-f", "sleeper")).ExitCode);
        var r = await cli.RunAsync("events", "--since", "1h", "--until", "0s", "--filter", "type=container", "--format", "{{.Action}} {{index .Actor.Attributes \"signal\"}}");
        Assert.Equal(["create ", "start ", "kill 9", "die ", "destroy "], r.Stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Pull_tag_untag_and_delete_publish_image_events()
    {
        var (engine, cli, _) = Create();
        await cli.RunAsync("pull", "alpine");
        var id = engine.Images.Get("alpine").Id.ToString();
        await cli.RunAsync("tag", "alpine", "myalpine:1");
        await cli.RunAsync("rmi", "myalpine:1");
        await cli.RunAsync("rmi", "alpine");

        // pull: actor FamiliarString(ref), name FamiliarName (distribution/pull.go); the pull's own tag is the reference
        // store's (no tag event). rmi of a tag: untag with the image ID as actor and name; the last tag's digest reference
        // goes without an event, then delete (daemon/images/image_delete.go).
        Assert.Equal(
            "2026-01-02T03:04:05.000000000Z image pull alpine:latest (name=alpine)\n" +
            $"2026-01-02T03:04:05.000000000Z image tag {id} (name=myalpine:1)\n" +
            $"2026-01-02T03:04:05.000000000Z image untag {id} (name={id})\n" +
            $"2026-01-02T03:04:05.000000000Z image untag {id} (name={id})\n" +
            $"2026-01-02T03:04:05.000000000Z image delete {id} (name={id})\n",
            await EventsAsync(cli, "type=image"));
        Assert.Equal(
            "2026-01-02T03:04:05.000000000Z image pull alpine:latest (name=alpine)\n",
            await EventsAsync(cli, "type=image", "event=pull"));
        Assert.Empty(await EventsAsync(cli, "type=container"));

        // daemon/events/filter.go matchImage: an image event matches by its actor ID or its name attribute, tag stripped.
        string[] Actions(string events) => [.. events.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[2])];
        Assert.Equal(["pull"], Actions(await EventsAsync(cli, "image=alpine")));
        Assert.Equal(["tag"], Actions(await EventsAsync(cli, "image=myalpine")));
        Assert.Equal(["tag", "untag", "untag", "delete"], Actions(await EventsAsync(cli, "image=" + id)));
    }

    [Fact]
    public async Task Image_events_carry_the_images_labels_while_it_is_stored()
    {
        var (engine, cli, _) = Create();
        await cli.RunAsync("pull", "nginx");
        var id = engine.Images.Get("nginx").Id.ToString();
        await cli.RunAsync("rmi", "nginx");

        // LogImageEvent copies Config.Labels when GetImage finds the image: not for delete (already gone).
        var events = engine.Containers.Events.Buffered.Where(e => e.Type == EventTypes.Image).ToList();
        Assert.Equal(["pull", "untag", "delete"], events.Select(e => e.Action));
        Assert.Equal("NGINX Docker Maintainers <docker-maint@nginx.com>", events[0].Actor.Attributes["maintainer"]);
        Assert.Equal("NGINX Docker Maintainers <docker-maint@nginx.com>", events[1].Actor.Attributes["maintainer"]);
        Assert.Equal(new Dictionary<string, string> { ["name"] = id }, events[2].Actor.Attributes);
    }

    [Fact]
    public async Task Failed_image_operations_publish_nothing()
    {
        var (engine, cli, _) = Create();
        await cli.RunAsync("pull", "alpine");
        await cli.RunAsync("create", "alpine");
        var before = engine.Containers.Events.Buffered.Count;

        // A conflict (daemon/images/image_delete.go) and a missing source (image_tag.go) change nothing and log nothing.
        var r = await cli.RunAsync("rmi", "alpine");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("Error response from daemon: conflict: unable to remove repository reference \"alpine\" (must force)", r.Stderr);
        Assert.Equal(1, (await cli.RunAsync("tag", "nosuch", "x")).ExitCode);
        Assert.Equal(before, engine.Containers.Events.Buffered.Count);
    }

    [Fact]
    public async Task Push_save_load_and_prune_publish_image_events()
    {
        var (engine, cli, _) = Create();
        await cli.RunAsync("pull", "busybox");
        var id = engine.Images.Get("busybox").Id.ToString();
        await cli.RunAsync("tag", "busybox", "localhost:5000/bb");
        Assert.Equal(0, (await cli.RunAsync("push", "localhost:5000/bb")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("save", "-o", "/tmp/bb.tar", "busybox")).ExitCode);
        await cli.RunAsync("rmi", "busybox", "localhost:5000/bb");
        Assert.Equal(0, (await cli.RunAsync("load", "-i", "/tmp/bb.tar")).ExitCode);
        await cli.RunAsync("image", "prune", "-f");

        // push: distribution/push.go; save/load: image/tarexport (load's tags go to the reference store: no tag event);
        // image prune: daemon/images/image_prune.go, an empty actor ID and the reclaimed bytes.
        Assert.Equal(
            "2026-01-02T03:04:05.000000000Z image pull busybox:latest (name=busybox)\n" +
            $"2026-01-02T03:04:05.000000000Z image tag {id} (name=localhost:5000/bb:latest)\n" +
            "2026-01-02T03:04:05.000000000Z image push localhost:5000/bb:latest (name=localhost:5000/bb)\n" +
            $"2026-01-02T03:04:05.000000000Z image save {id} (name={id})\n" +
            $"2026-01-02T03:04:05.000000000Z image untag {id} (name={id})\n" +
            $"2026-01-02T03:04:05.000000000Z image untag {id} (name={id})\n" +
            $"2026-01-02T03:04:05.000000000Z image delete {id} (name={id})\n" +
            $"2026-01-02T03:04:05.000000000Z image load {id} (name={id})\n" +
            "2026-01-02T03:04:05.000000000Z image prune  (reclaimed=0)\n",
            await EventsAsync(cli, "type=image"));
    }

    [Fact]
    public async Task Commit_publishes_image_create_then_tag_then_container_commit()
    {
        var (engine, cli, _) = Create();
        await cli.RunAsync("pull", "alpine");
        var run = await cli.RunAsync("run", "--name", "cc", "alpine", "touch", "/x");
        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        var r = await cli.RunAsync("commit", "-m", "note", "cc", "snap:1");
        var imageId = r.Stdout.Trim();
        var container = engine.Containers.Inspect("cc").Id;

        // daemon/commit.go CreateImageFromContainer: CommitImage logs create (ID as actor and name), TagImage logs tag,
        // then the container's commit event with comment, imageID and imageRef.
        var events = engine.Containers.Events.Buffered.SkipWhile(e => e.Action != "create" || e.Type != EventTypes.Image).ToList();
        Assert.Equal(
            [$"image create {imageId}", $"image tag {imageId}", $"container commit {container}"],
            events.Select(e => $"{e.Type} {e.Action} {e.Actor.ID}"));
        Assert.Equal(imageId, events[0].Actor.Attributes["name"]);
        Assert.Equal("snap:1", events[1].Actor.Attributes["name"]);
        Assert.Equal("note", events[2].Actor.Attributes["comment"]);
        Assert.Equal("snap:1", events[2].Actor.Attributes["imageRef"]);
    }

    [Fact]
    public async Task Volume_create_mount_unmount_destroy_and_prune()
    {
        var (engine, cli, _) = Create();
        await cli.RunAsync("pull", "alpine");
        await cli.RunAsync("volume", "create", "data");
        var run = await cli.RunAsync("run", "--rm", "-v", "data:/data", "-v", "/anon", "alpine", "true");
        Assert.Equal(0, run.ExitCode);
        await cli.RunAsync("volume", "rm", "data");
        await cli.RunAsync("volume", "create", "other");
        await cli.RunAsync("volume", "prune", "-a", "-f");

        // volume/service/store.go: create (new volumes only, the anonymous one too) and destroy with the driver;
        // daemon/volumes_unix.go: mount/unmount with the container; --rm removes the anonymous volume (destroy) before the
        // container's destroy (daemon/delete.go); volume prune (volume/service/service.go) ends with prune and reclaimed.
        var events = engine.Containers.Events.Buffered.Where(e => e.Type == EventTypes.Volume).ToList();
        var anon = events[1].Actor.ID;
        Assert.Equal(64, anon.Length);

        // mount/unmount walk the container's mount points (a Go map: any order).
        Assert.Equal(["create data", $"create {anon}"], events[..2].Select(e => $"{e.Action} {e.Actor.ID}"));
        Assert.Equal(new[] { "mount data", $"mount {anon}" }.Order(StringComparer.Ordinal), events[2..4].Select(e => $"{e.Action} {e.Actor.ID}").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "unmount data", $"unmount {anon}" }.Order(StringComparer.Ordinal), events[4..6].Select(e => $"{e.Action} {e.Actor.ID}").Order(StringComparer.Ordinal));
        Assert.Equal(
            [$"destroy {anon}", "destroy data", "create other", "destroy other", "prune "],
            events[6..].Select(e => $"{e.Action} {e.Actor.ID}"));
        Assert.Equal(new Dictionary<string, string> { ["driver"] = "local" }, events[0].Actor.Attributes);
        Assert.Equal(new Dictionary<string, string> { ["driver"] = "local" }, events[6].Actor.Attributes);
        Assert.Equal("0", events[^1].Actor.Attributes["reclaimed"]);
        var container = events[2].Actor.Attributes["container"];
        var destroyed = engine.Containers.Events.Buffered.Single(e => e.Type == EventTypes.Container && e.Action == "destroy");
        Assert.Equal(container, destroyed.Actor.ID);
        Assert.True(engine.Containers.Events.Buffered.ToList().IndexOf(destroyed) > engine.Containers.Events.Buffered.ToList().FindIndex(e => e.Action == "destroy" && e.Actor.ID == anon));

        // The CLI line and the type filter.
        var lines = (await EventsAsync(cli, "type=volume", "event=create")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2026-01-02T03:04:05.000000000Z volume create data (driver=local)", lines[0]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Failed_volume_create_publishes_nothing()
    {
        var (engine, cli, _) = Create();
        var r = await cli.RunAsync("volume", "create", "a");
        Assert.Equal("Error response from daemon: create a: volume name is too short, names should be at least two alphanumeric characters\n", r.Stderr);
        await cli.RunAsync("volume", "create", "v1");
        await cli.RunAsync("volume", "create", "v1"); // exists: returned as is, no event (store.go: created is false)
        Assert.Equal(["create v1"], engine.Containers.Events.Buffered.Select(e => $"{e.Action} {e.Actor.ID}"));
    }

    [Fact]
    public async Task Network_create_connect_disconnect_destroy_and_prune()
    {
        var (_, cli, _) = Create();
        await cli.RunAsync("pull", "alpine");
        var nid = (await cli.RunAsync("network", "create", "net1")).Stdout.Trim();
        var cid = (await cli.RunAsync("create", "--name", "cc", "alpine", "true")).Stdout.Trim();
        await cli.RunAsync("network", "connect", "net1", "cc");
        var start = await cli.RunAsync("start", "-a", "cc");
        Assert.Equal((0, ""), (start.ExitCode, start.Stderr));
        await cli.RunAsync("network", "disconnect", "net1", "cc");
        await cli.RunAsync("network", "rm", "net1");
        await cli.RunAsync("network", "prune", "-f");

        // daemon/network.go LogNetworkEvent: name and type (the driver). connect/disconnect (with the container,
        // daemon/container_operations.go) come when the endpoint joins and leaves: at start and exit, not from
        // `network connect/disconnect` on a stopped container. network prune: daemon/prune.go, reclaimed always 0.
        Assert.Equal(
            $"2026-01-02T03:04:05.000000000Z network create {nid} (name=net1, type=bridge)\n" +
            $"2026-01-02T03:04:05.000000000Z network connect {nid} (container={cid}, name=net1, type=bridge)\n" +
            $"2026-01-02T03:04:05.000000000Z network disconnect {nid} (container={cid}, name=net1, type=bridge)\n" +
            $"2026-01-02T03:04:05.000000000Z network destroy {nid} (name=net1, type=bridge)\n",
            await EventsAsync(cli, "type=network", "network=net1"));
        Assert.Equal(
            "2026-01-02T03:04:05.000000000Z network prune  (reclaimed=0)\n",
            await EventsAsync(cli, "type=network", "event=prune"));
    }
}
