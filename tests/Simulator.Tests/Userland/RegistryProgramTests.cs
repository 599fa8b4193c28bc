using System.Net;
using Microsoft.Extensions.Time.Testing;
using Simulator.Containers;
using Simulator.Registries;

namespace Simulator.Tests.Userland;

/// <summary>
/// The <c>registry</c> program of <c>registry:2</c>: the seed's self-hosted registry walkthrough
/// (../shared/transcripts/docker-overview.t "A self-hosted registry on port 5000") and distribution's storage layout
/// (distribution v2.8.3 registry/storage/paths.go).
/// </summary>
public sealed class RegistryProgramTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string V2 = "/var/lib/registry/docker/registry/v2";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DockerSimulator> EngineAsync(params string[] images)
    {
        var sim = new DockerSimulator(new DockerSimulatorOptions { TimeProvider = new FakeTimeProvider(Now) });
        foreach (var image in images)
        {
            await sim.PullAsync(image, Ct);
        }

        return sim;
    }

    private static async Task<string> RunRegistryAsync(DockerSimulator sim, string name = "registry", string port = "5000:5000", params string[] binds)
    {
        var id = sim.Containers.Create(new ContainerConfig("registry:2"), new HostConfig { PortBindings = [port], Binds = binds }, name);
        await sim.Containers.StartAsync(id, Ct);
        // The registry logs "listening on" once it serves; on a loaded machine that can come after StartAsync returns.
        for (var i = 0; i < 4000 && !sim.Containers.LogsText(id, new ContainerLogsOptions { Stdout = false }).Contains("listening on", StringComparison.Ordinal); i++)
        {
            await Task.Delay(5, Ct);
        }

        return id;
    }

    [Fact]
    public async Task Push_rmi_pull_through_localhost_5000_as_the_seed_transcript()
    {
        var sim = await EngineAsync("registry:2", "nginx");
        await RunRegistryAsync(sim);
        sim.Images.Tag("nginx", "localhost:5000/mynginx");

        var push = await sim.RegistryClient.PushAsync("localhost:5000/mynginx", cancellationToken: Ct);
        // Lines as docker-overview.t expects them: default tag, repository, then per-layer lines, then the digest line.
        Assert.Equal("Using default tag: latest", push.Output[0]);
        Assert.Equal("The push refers to repository [localhost:5000/mynginx]", push.Output[1]);
        Assert.Matches("^latest: digest: sha256:[0-9a-f]{64} size: [0-9]+$", push.Output[^1]);
        Assert.Contains(push.Output, l => l.EndsWith(": Pushed", StringComparison.Ordinal));

        // The files are in the container's /var/lib/registry, in distribution's layout.
        var fs = sim.Containers.GetRootFileSystem("registry");
        Assert.Equal(push.ManifestDigest.ToString(), fs.ReadAllText(V2 + "/repositories/mynginx/_manifests/tags/latest/current/link"));
        Assert.Equal(push.ManifestDigest.ToString(), fs.ReadAllText($"{V2}/repositories/mynginx/_manifests/tags/latest/index/sha256/{push.ManifestDigest.Encoded}/link"));
        Assert.Equal(push.ManifestDigest.ToString(), fs.ReadAllText($"{V2}/repositories/mynginx/_manifests/revisions/sha256/{push.ManifestDigest.Encoded}/link"));
        Assert.True(fs.Exists($"{V2}/blobs/sha256/{push.ManifestDigest.Encoded[..2]}/{push.ManifestDigest.Encoded}/data"));
        var image = sim.Images.Get("nginx");
        foreach (var diffId in image.DiffIds)
        {
            Assert.Equal(diffId.ToString(), fs.ReadAllText($"{V2}/repositories/mynginx/_layers/sha256/{diffId.Encoded}/link"));
            Assert.Equal(image.Layers[image.DiffIds.ToList().IndexOf(diffId)].TarLength, fs.Stat($"{V2}/blobs/sha256/{diffId.Encoded[..2]}/{diffId.Encoded}/data").Size);
        }

        Assert.True(fs.Stat(V2 + "/repositories/mynginx/_uploads").IsDirectory);

        sim.Images.Remove("localhost:5000/mynginx");
        var pull = await sim.RegistryClient.PullAsync("localhost:5000/mynginx", cancellationToken: Ct);
        Assert.Equal("Using default tag: latest", pull.Output[0]);
        Assert.Equal("latest: Pulling from mynginx", pull.Output[1]);
        Assert.Equal("Digest: " + push.ManifestDigest, pull.Output[^3]);
        Assert.Equal("Status: Downloaded newer image for localhost:5000/mynginx:latest", pull.Output[^2]);
        Assert.Equal("localhost:5000/mynginx:latest", pull.Output[^1]);
        Assert.Equal(image.Id, sim.Images.Get("localhost:5000/mynginx").Id);
    }

    [Fact]
    public async Task Nothing_listening_on_the_port_is_connection_refused_and_changes_nothing()
    {
        var sim = await EngineAsync("nginx");
        sim.Images.Tag("nginx", "localhost:5000/mynginx");
        var before = sim.Images.List().Count;

        // Docker 28's daemon text for a loopback registry with no listener (moby registry ping over http).
        var push = await Assert.ThrowsAsync<DockerSimulatorException>(() => sim.RegistryClient.PushAsync("localhost:5000/mynginx", cancellationToken: Ct));
        Assert.Equal("Get \"http://localhost:5000/v2/\": dial tcp [::1]:5000: connect: connection refused", push.Message);
        var pull = await Assert.ThrowsAsync<DockerSimulatorException>(() => sim.RegistryClient.PullAsync("localhost:5001/mynginx", cancellationToken: Ct));
        Assert.Equal("Get \"http://localhost:5001/v2/\": dial tcp [::1]:5001: connect: connection refused", pull.Message);
        Assert.Equal(before, sim.Images.List().Count);
    }

    [Fact]
    public async Task A_stopped_registry_refuses_and_exits_2_as_go_does_on_sigterm()
    {
        var sim = await EngineAsync("registry:2", "alpine");
        await RunRegistryAsync(sim);
        sim.Images.Tag("alpine", "localhost:5000/a");
        await sim.RegistryClient.PushAsync("localhost:5000/a", cancellationToken: Ct);

        await sim.Containers.StopAsync("registry", cancellationToken: Ct);
        Assert.Equal(2, sim.Containers.Inspect("registry").State.ExitCode);
        var ex = await Assert.ThrowsAsync<DockerSimulatorException>(() => sim.RegistryClient.PullAsync("localhost:5000/a", cancellationToken: Ct));
        Assert.Equal("Get \"http://localhost:5000/v2/\": dial tcp [::1]:5000: connect: connection refused", ex.Message);
    }

    [Fact]
    public async Task Images_survive_in_a_named_volume_for_the_next_registry_container()
    {
        var sim = await EngineAsync("registry:2", "alpine");
        await RunRegistryAsync(sim, "r1", "5000:5000", "regdata:/var/lib/registry");
        sim.Images.Tag("alpine", "localhost:5000/team/app:v1");
        var push = await sim.RegistryClient.PushAsync("localhost:5000/team/app:v1", cancellationToken: Ct);
        await sim.Containers.RemoveAsync("r1", force: true, cancellationToken: Ct);

        // Another container, another host port, the same volume: the registry loads what the directory holds.
        await RunRegistryAsync(sim, "r2", "5001:5000", "regdata:/var/lib/registry");
        sim.Images.Remove("localhost:5000/team/app:v1");
        var pull = await sim.RegistryClient.PullAsync("localhost:5001/team/app:v1", cancellationToken: Ct);
        Assert.Equal("v1: Pulling from team/app", pull.Output[0]);
        Assert.Equal(push.ManifestDigest, pull.ManifestDigest);
        Assert.Equal("localhost:5001/team/app:v1", pull.Output[^1]);

        var missing = await Assert.ThrowsAsync<DockerSimulatorException>(() => sim.RegistryClient.PullAsync("localhost:5001/team/app:v2", cancellationToken: Ct));
        Assert.Equal("manifest for localhost:5001/team/app:v2 not found: manifest unknown: manifest unknown", missing.Message);
    }

    [Fact]
    public async Task Http_api_answers_curl_with_catalog_tags_and_distribution_errors()
    {
        var sim = await EngineAsync("registry:2", "alpine");
        await RunRegistryAsync(sim);
        sim.Images.Tag("alpine", "localhost:5000/myalpine");
        await sim.RegistryClient.PushAsync("localhost:5000/myalpine", cancellationToken: Ct);

        using var http = sim.Network.CreateHttpClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd("curl/8.5.0");
        // Bodies as distribution v2.8.3 writes them (registry/handlers: catalog.go, tags.go; api/errcode).
        Assert.Equal("{}", await http.GetStringAsync("http://localhost:5000/v2/", Ct));
        Assert.Equal("{\"repositories\":[\"myalpine\"]}\n", await http.GetStringAsync("http://localhost:5000/v2/_catalog", Ct));
        Assert.Equal("{\"name\":\"myalpine\",\"tags\":[\"latest\"]}\n", await http.GetStringAsync("http://localhost:5000/v2/myalpine/tags/list", Ct));

        using var unknown = await http.GetAsync("http://localhost:5000/v2/nope/tags/list", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\",\"detail\":{\"name\":\"nope\"}}]}\n", await unknown.Content.ReadAsStringAsync(Ct));

        using var manifest = await http.GetAsync("http://localhost:5000/v2/myalpine/manifests/latest", Ct);
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", manifest.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("sha256:", string.Join(' ', manifest.Headers.GetValues("Docker-Content-Digest")), StringComparison.Ordinal);

        var logs = sim.Containers.LogsText("registry", new ContainerLogsOptions { Stderr = false });
        Assert.Contains("172.17.0.1 - - [29/Nov/2026:10:00:00 +0000] \"GET /v2/_catalog HTTP/1.1\" 200 30 \"\" \"curl/8.5.0\"\n", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engine_pushes_and_pulls_show_in_the_access_log()
    {
        var sim = await EngineAsync("registry:2", "alpine");
        await RunRegistryAsync(sim);
        sim.Images.Tag("alpine", "localhost:5000/a");
        var push = await sim.RegistryClient.PushAsync("localhost:5000/a", cancellationToken: Ct);
        sim.Images.Remove("localhost:5000/a");
        await sim.RegistryClient.PullAsync("localhost:5000/a", cancellationToken: Ct);

        var layer = sim.Images.Get("alpine").DiffIds[0];
        var lines = sim.Containers.LogsText("registry", new ContainerLogsOptions { Stderr = false }).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Combined log format of distribution's access log (gorilla/handlers), from the bridge gateway, with the daemon's user agent.
        const string Prefix = "172.17.0.1 - - [29/Nov/2026:10:00:00 +0000] ";
        const string Agent = " \"\" \"docker/28.2.2 go/go1.24.3 git-commit/e77ff99 kernel/6.10.14-linuxkit os/linux arch/amd64 UpstreamClient(Docker-Client/28.2.2 \\\\(linux\\\\))\"";
        Assert.Equal(Prefix + "\"GET /v2/ HTTP/1.1\" 200 2" + Agent, lines[0]);
        Assert.Equal(Prefix + $"\"HEAD /v2/a/blobs/{layer} HTTP/1.1\" 404 0" + Agent, lines[1]);
        Assert.Equal(Prefix + "\"POST /v2/a/blobs/uploads/ HTTP/1.1\" 202 0" + Agent, lines[2]);
        Assert.Contains(Prefix + "\"PUT /v2/a/manifests/latest HTTP/1.1\" 201 0" + Agent, lines);
        Assert.Contains(Prefix + $"\"GET /v2/a/manifests/{push.ManifestDigest} HTTP/1.1\" 200 {push.ManifestSize}" + Agent, lines);
        Assert.Contains(Prefix + "\"HEAD /v2/a/manifests/latest HTTP/1.1\" 200 0" + Agent, lines);
    }

    [Fact]
    public async Task Startup_logs_are_registry_2_8s_logrus_lines()
    {
        var sim = await EngineAsync("registry:2", "alpine");
        await RunRegistryAsync(sim);
        sim.Images.Tag("alpine", "localhost:5000/a");
        await sim.RegistryClient.PushAsync("localhost:5000/a", cancellationToken: Ct); // waits for the listener

        var lines = sim.Containers.LogsText("registry", new ContainerLogsOptions { Stdout = false }).Split('\n');
        // As `docker logs registry` of registry:2 (2.8.x): five lines, trailing space after the fields.
        const string Fields = " go.version=go1.20.8 instance.id=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12} service=registry version=\"v2.8.3\\+unknown\" $";
        Assert.Matches("^time=\"2026-11-29T10:00:00Z\" level=warning msg=\"No HTTP secret provided - generated random secret. This may cause problems with uploads if multiple registries are behind a load-balancer. To provide a shared secret, fill in http.secret in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.\"" + Fields, lines[0]);
        Assert.Matches("^time=\"2026-11-29T10:00:00Z\" level=info msg=\"redis not configured\"" + Fields, lines[1]);
        Assert.Matches("^time=\"2026-11-29T10:00:00Z\" level=info msg=\"Starting upload purge in [0-9]+m0s\"" + Fields, lines[2]);
        Assert.Matches("^time=\"2026-11-29T10:00:00Z\" level=info msg=\"using inmemory blob descriptor cache\"" + Fields, lines[3]);
        Assert.Matches("^time=\"2026-11-29T10:00:00Z\" level=info msg=\"listening on \\[::\\]:5000\"" + Fields, lines[4]);
    }

    [Fact]
    public async Task Version_and_missing_config_print_as_the_binary()
    {
        var sim = await EngineAsync("registry:2");
        var version = await sim.Containers.RunAsync(new ContainerConfig("registry:2") { Entrypoint = ["registry"], Cmd = ["--version"] }, cancellationToken: Ct);
        Assert.Equal("registry github.com/docker/distribution v2.8.3+unknown\n", version.Stdout);

        var missing = await sim.Containers.RunAsync(new ContainerConfig("registry:2") { Cmd = ["/nope.yml"] }, cancellationToken: Ct);
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("configuration error: open /nope.yml: no such file or directory\n", missing.Stderr, StringComparison.Ordinal);
    }
}
