// Testcontainers calls finish against the in-process server; no test cancellation token is needed.
#pragma warning disable xUnit1051

using System.Net;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Simulator.EngineApi;

namespace Simulator.Integrations.Tests.Testcontainers;

/// <summary>
/// Testcontainers for .NET 4.16 over a real socket (<see cref="EngineApiServer"/> on loopback TCP, as <c>dsim serve --tcp</c>),
/// with its resource reaper on: Testcontainers starts <c>testcontainers/ryuk</c>, waits for its <c>Started</c> log line, connects
/// to its published port and needs <c>ACK</c> to its <c>label=...</c> filter (ResourceReaper.cs), which the simulator's
/// <see cref="PublishedPortForwarder"/> answers. The reaper is one per process in Testcontainers, so these tests share one
/// engine and server. Expected texts: nginx's default page title and postgres's readiness line, as the stock images print them.
/// </summary>
[Collection(TestcontainersCollection.Name)]
public sealed class TestcontainersSocketTests
{
    private static readonly Lazy<(DockerSimulator Engine, EngineApiServer Server)> Shared = new(() =>
    {
        var engine = new DockerSimulator(new DockerSimulatorOptions { Seed = 211 });
        var server = EngineApiServer.ListenTcp(new PublishedPortForwarder(new EngineApiHandler(engine)), new IPEndPoint(IPAddress.Loopback, 0));
        return (engine, server);
    });

    private static DockerSimulator Engine => Shared.Value.Engine;

    /// <summary>The reaper on, with ryuk by tag: Testcontainers pins the real index digest, which a simulated image cannot have.</summary>
    private static ContainerBuilder Builder(string image)
    {
        TestcontainersSettings.ResourceReaperEnabled = true;
        TestcontainersSettings.ResourceReaperImage = new DockerImage("testcontainers/ryuk:0.14.0");
        return new ContainerBuilder(image).WithDockerEndpoint(Shared.Value.Server.Endpoint.ToString());
    }

    private static void AssertRyukRunsAndOnlyItRemains(string removedId)
    {
        var left = Engine.Containers.List(all: true);
        Assert.DoesNotContain(left, c => c.Id == removedId);
        var ryuk = Assert.Single(left);
        Assert.StartsWith("/testcontainers-ryuk-", ryuk.Name, StringComparison.Ordinal);
        Assert.True(ryuk.State.Running);
        Assert.Empty(Engine.Volumes.List());
    }

    [Fact]
    public async Task Generic_alpine_container_with_exec_over_the_socket()
    {
        var container = Builder("alpine:3.20").WithCommand("sleep", "3600").Build();
        await container.StartAsync();
        var result = await container.ExecAsync(["sh", "-c", "echo hi; echo no >&2; exit 3"]);
        Assert.Equal("hi\n", result.Stdout);
        Assert.Equal("no\n", result.Stderr);
        Assert.Equal(3, result.ExitCode);
        var id = container.Id;
        await container.DisposeAsync();
        AssertRyukRunsAndOnlyItRemains(id);
    }

    [Fact]
    public async Task Nginx_with_a_port_binding_and_an_http_wait_over_the_socket()
    {
        var container = Builder("nginx")
            .WithPortBinding(80, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(80)))
            .Build();
        await container.StartAsync();
        Assert.Equal("127.0.0.1", container.Hostname);
        using var http = new HttpClient();
        var page = await http.GetStringAsync($"http://{container.Hostname}:{container.GetMappedPublicPort(80)}/");
        Assert.Contains("<title>Welcome to nginx!</title>", page, StringComparison.Ordinal);
        var id = container.Id;
        await container.DisposeAsync();
        AssertRyukRunsAndOnlyItRemains(id);
    }

    [Fact]
    public async Task Postgres_with_a_log_wait_and_its_volume_removed_over_the_socket()
    {
        var container = Builder("postgres")
            .WithEnvironment("POSTGRES_PASSWORD", "example")
            .WithPortBinding(5432, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("database system is ready to accept connections"))
            .Build();
        await container.StartAsync();
        Assert.Single(Engine.Volumes.List());
        var (_, stderr) = await container.GetLogsAsync();
        Assert.Contains("database system is ready to accept connections", stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await container.ExecAsync(["pg_isready"])).ExitCode);
        var id = container.Id;
        await container.DisposeAsync();
        AssertRyukRunsAndOnlyItRemains(id);
    }
}

/// <summary>Testcontainers' settings are process-wide (the resource reaper on or off): its tests run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TestcontainersCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Testcontainers";
}
