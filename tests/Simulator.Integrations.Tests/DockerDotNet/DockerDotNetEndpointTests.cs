// Docker.DotNet calls finish with the in-process engine; no test cancellation token is needed.
#pragma warning disable xUnit1051

using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Time.Testing;
using Simulator.DockerDotNet;

namespace Simulator.Integrations.Tests.DockerDotNet;

/// <summary>
/// The endpoints the other Docker.DotNet tests leave out, each through <see cref="IDockerClient"/> in process: networks, image
/// tag/history/remove/save/load/build/push/prune, container top/restart/prune, events, system df, auth. Expected values: the
/// Engine API reference v1.50 (shapes, status codes) and moby's daemon texts named at each assertion.
/// </summary>
public sealed class DockerDotNetEndpointTests
{
    private static (DockerSimulator Sim, FakeTimeProvider Time) NewEngine()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        return (new DockerSimulator(new DockerSimulatorOptions { TimeProvider = time, Seed = 9 }), time);
    }

    private static Task PullAsync(IDockerClient docker, string image, string tag = "latest") =>
        docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image, Tag = tag }, null, new Progress<JSONMessage>());

    [Fact]
    public async Task Networks_create_list_inspect_connect_disconnect_remove_prune()
    {
        var (sim, _) = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "alpine");
        var created = await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = "backend", Labels = new Dictionary<string, string> { ["team"] = "a" } });
        Assert.Matches("^[0-9a-f]{64}$", created.ID);
        var listed = await docker.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["team=a"] = true } },
        });
        Assert.Equal("backend", Assert.Single(listed).Name);

        var id = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "alpine", Name = "app", Cmd = ["sleep", "3600"] })).ID;
        await docker.Containers.StartContainerAsync(id, new ContainerStartParameters());
        await docker.Networks.ConnectNetworkAsync("backend", new NetworkConnectParameters { Container = "app" });
        var inspect = await docker.Networks.InspectNetworkAsync("backend");
        Assert.Equal("bridge", inspect.Driver);
        Assert.True(inspect.EnableIPv4);
        Assert.Equal("app", Assert.Single(inspect.Containers).Value.Name);
        Assert.Equal(2, (await docker.Containers.InspectContainerAsync(id)).NetworkSettings!.Networks!.Count);

        // moby daemon/network.go: a network with endpoints cannot be removed.
        var inUse = await Assert.ThrowsAsync<DockerApiException>(() => docker.Networks.DeleteNetworkAsync("backend"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, inUse.StatusCode);
        Assert.Contains("error while removing network: network backend has active endpoints", inUse.Message, StringComparison.Ordinal);

        await docker.Networks.DisconnectNetworkAsync("backend", new NetworkDisconnectParameters { Container = "app" });
        await docker.Networks.DeleteNetworkAsync("backend");
        var missing = await Assert.ThrowsAsync<DockerNetworkNotFoundException>(() => docker.Networks.InspectNetworkAsync("backend"));
        Assert.Contains("network backend not found", missing.Message, StringComparison.Ordinal);

        await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = "unused" });
        var pruned = await docker.Networks.PruneNetworksAsync(new NetworksDeleteUnusedParameters());
        Assert.Equal(["unused"], pruned.NetworksDeleted);
    }

    [Fact]
    public async Task Images_tag_history_save_load_remove_and_prune()
    {
        var (sim, _) = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "alpine");
        await docker.Images.TagImageAsync("alpine", new ImageTagParameters { RepositoryName = "my/alpine", Tag = "v1" });
        Assert.Equal(["alpine:latest", "my/alpine:v1"], (await docker.Images.InspectImageAsync("alpine")).RepoTags.Order(StringComparer.Ordinal));

        var history = await docker.Images.GetImageHistoryAsync("my/alpine:v1");
        Assert.Equal(sim.Images.History("alpine").Count, history.Count);
        Assert.Contains("my/alpine:v1", history[0].Tags);

        using var saved = new MemoryStream();
        using (var save = await docker.Images.SaveImageAsync("my/alpine:v1"))
        {
            await save.CopyToAsync(saved);
        }

        // docker save writes an OCI layout with manifest.json (moby image/tarexport).
        saved.Position = 0;
        var names = new List<string>();
        using (var reader = new TarReader(saved, leaveOpen: true))
        {
            while (reader.GetNextEntry() is { } e)
            {
                names.Add(e.Name);
            }
        }

        Assert.Contains("manifest.json", names);

        // moby image_delete.go: untag records, then the image; the load brings it back.
        var deleted = await docker.Images.DeleteImageAsync("my/alpine:v1", new ImageDeleteParameters());
        Assert.Equal("my/alpine:v1", Assert.Single(deleted)["Untagged"]);
        await docker.Images.DeleteImageAsync("alpine", new ImageDeleteParameters());
        Assert.Empty(await docker.Images.ListImagesAsync(new ImagesListParameters()));
        saved.Position = 0;
        var loaded = new List<JSONMessage>();
        await docker.Images.LoadImageAsync(new ImageLoadParameters(), saved, new SyncProgress<JSONMessage>(loaded.Add));
        Assert.Contains(loaded, m => m.Stream == "Loaded image: my/alpine:v1\n");
        Assert.Equal(["my/alpine:v1"], Assert.Single(await docker.Images.ListImagesAsync(new ImagesListParameters())).RepoTags);

        var missing = await Assert.ThrowsAsync<DockerImageNotFoundException>(() => docker.Images.DeleteImageAsync("nope", new ImageDeleteParameters()));
        Assert.Contains("No such image: nope:latest", missing.Message, StringComparison.Ordinal);

        var pruned = await docker.Images.PruneImagesAsync(new ImagesPruneParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["dangling"] = new Dictionary<string, bool> { ["false"] = true } } });
        Assert.Contains(pruned.ImagesDeleted, d => d.Untagged == "my/alpine:v1");
        Assert.Empty(await docker.Images.ListImagesAsync(new ImagesListParameters()));
    }

    [Fact]
    public async Task Build_from_a_tar_context_streams_the_legacy_builder_output()
    {
        var (sim, _) = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "alpine");
        var context = new MemoryStream();
        using (var writer = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("FROM alpine\nRUN echo built > /built\n")) });
        }

        context.Position = 0;
        var messages = new List<JSONMessage>();
        await docker.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters { Tags = ["built:v1"], Dockerfile = "Dockerfile" }, context, null, null, new SyncProgress<JSONMessage>(messages.Add));

        // The legacy builder's stream (ENGINE-API.md section 2.11): Step lines, then Successfully built/tagged.
        var text = string.Concat(messages.Select(m => m.Stream));
        Assert.StartsWith("Step 1/2 : FROM alpine\n", text, StringComparison.Ordinal);
        Assert.Contains("Successfully tagged built:v1\n", text, StringComparison.Ordinal);
        Assert.Equal(["built:v1"], (await docker.Images.InspectImageAsync("built:v1")).RepoTags);
    }

    [Fact]
    public async Task Push_to_a_registry_reports_progress_and_the_digest()
    {
        var (sim, _) = NewEngine();
        sim.Registries.Add("localhost:5000");
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "busybox");
        await docker.Images.TagImageAsync("busybox", new ImageTagParameters { RepositoryName = "localhost:5000/box", Tag = "latest" });
        var messages = new List<JSONMessage>();
        await docker.Images.PushImageAsync("localhost:5000/box", new ImagePushParameters { Tag = "latest" }, new AuthConfig(), new SyncProgress<JSONMessage>(messages.Add));
        Assert.Equal("The push refers to repository [localhost:5000/box]", messages[0].Status);
        Assert.Contains(messages, m => m.Status == "Pushed");
        Assert.Matches("^latest: digest: sha256:[0-9a-f]{64} size: [0-9]+$", messages.Last(m => m.Status is not null).Status);
        Assert.True(sim.Registries.TryGet("localhost:5000", out var registry));
        Assert.Equal(["latest"], registry.Tags("box"));
    }

    [Fact]
    public async Task Top_restart_and_prune_of_containers()
    {
        var (sim, time) = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "alpine");
        var id = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "alpine", Cmd = ["sleep", "infinity"] })).ID;
        await docker.Containers.StartContainerAsync(id, new ContainerStartParameters());
        var top = await docker.Containers.ListProcessesAsync(id, new ContainerListProcessesParameters());
        Assert.Equal(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], top.Titles);
        Assert.Equal("sleep infinity", Assert.Single(top.Processes)[^1]);

        // Docker.DotNet leaves t=0 out (a default value), so the daemon's 10 s grace applies: sleep as PID 1 ignores SIGTERM,
        // and the kill comes when the engine's clock passes it. The loop may overshoot the 10 s by far on a loaded machine,
        // so the restarted program must outlive any advance: sleep infinity.
        var restart = docker.Containers.RestartContainerAsync(id, new ContainerRestartParameters { WaitBeforeKillSeconds = 0 });
        for (int i = 0; !restart.IsCompleted && i < 100_000; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        await restart;
        Assert.True((await docker.Containers.InspectContainerAsync(id)).State!.Running);

        var done = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "alpine", Cmd = ["true"] })).ID;
        await docker.Containers.StartContainerAsync(done, new ContainerStartParameters());
        await docker.Containers.WaitContainerAsync(done);
        var pruned = await docker.Containers.PruneContainersAsync(new ContainersPruneParameters());
        Assert.Equal([done], pruned.ContainersDeleted);
        Assert.Single(await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }));
    }

    [Fact]
    public async Task Events_between_since_and_until_disk_usage_and_auth()
    {
        var (sim, time) = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "alpine");
        var since = time.GetUtcNow();
        var id = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "alpine", Name = "ev", Cmd = ["true"] })).ID;
        await docker.Containers.StartContainerAsync(id, new ContainerStartParameters());
        await docker.Containers.WaitContainerAsync(id);
        time.Advance(TimeSpan.FromSeconds(1));

        // With until in the past the stream ends by itself (moby daemon/events.go).
        var events = new List<Message>();
        await docker.System.MonitorEventsAsync(
            new ContainerEventsParameters
            {
                Since = since.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                Until = time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["type"] = new Dictionary<string, bool> { ["container"] = true } },
            },
            new SyncProgress<Message>(events.Add));
        Assert.Equal(["create", "start", "die"], events.Select(e => e.Action).Where(a => a is "create" or "start" or "die"));
        Assert.All(events, e => Assert.Equal("ev", e.Actor.Attributes["name"]));

        // Docker.DotNet 4.3 models the newer (1.52) df shape; the 1.50 answer still decodes.
        Assert.NotNull(await docker.System.GetDataUsageInfoAsync(new SytemDataUsageInfoParameters()));

        // A registry with users: moby daemon/pkg/registry/auth.go loginV2's text, 401; then success.
        sim.Registries.Add("localhost:5000").AddUser("dev", "secret");
        var denied = await Assert.ThrowsAsync<DockerApiException>(() => docker.System.AuthenticateAsync(new AuthConfig { Username = "dev", Password = "wrong", ServerAddress = "localhost:5000" }));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Contains("login attempt to http://localhost:5000/v2/ failed with status: 401 Unauthorized", denied.Message, StringComparison.Ordinal);
        await docker.System.AuthenticateAsync(new AuthConfig { Username = "dev", Password = "secret", ServerAddress = "localhost:5000" });
    }

    [Fact]
    public async Task Stats_without_stream_is_one_document_with_zero_counters()
    {
        var (sim, time) = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "alpine");
        var id = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "alpine", Name = "st", Cmd = ["sleep", "3600"] })).ID;
        await docker.Containers.StartContainerAsync(id, new ContainerStartParameters());
        var stats = new List<ContainerStatsResponse>();
        await docker.Containers.GetContainerStatsAsync(id, new ContainerStatsParameters { Stream = false }, new SyncProgress<ContainerStatsResponse>(stats.Add));

        // moby container.StatsResponse: name with its slash, read at the engine's clock, the process count.
        var s = Assert.Single(stats);
        Assert.Equal(("/st", id), (s.Name, s.ID));
        Assert.Equal(time.GetUtcNow().UtcDateTime, s.Read.ToUniversalTime());
        Assert.Equal(1UL, s.PidsStats!.Current);
        Assert.Equal(2u, s.CPUStats!.OnlineCPUs);
        Assert.Equal(0UL, s.CPUStats.CPUUsage.TotalUsage);
    }

    [Fact]
    public async Task Distribution_inspect_gives_the_registry_descriptor()
    {
        var (sim, _) = NewEngine();
        using var docker = sim.CreateDockerClient();
        var inspect = await docker.Distribution.InspectAsync("alpine:3.20");
        Assert.True(sim.Registries.DockerHub.TryGetManifest("alpine", "3.20", out var digest, out var manifest));
        Assert.Equal((digest.ToString(), (long)manifest.Length), (inspect.Descriptor.Digest, inspect.Descriptor.Size));
        Assert.Equal("linux", Assert.Single(inspect.Platforms).OS);

        // moby: the registry's manifest unknown, as 404.
        var missing = await Assert.ThrowsAsync<DockerImageNotFoundException>(() => docker.Distribution.InspectAsync("alpine:2.0"));
        Assert.Contains("manifest for alpine:2.0 not found: manifest unknown: manifest unknown", missing.Message, StringComparison.Ordinal);
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (Progress{T} posts to the pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
