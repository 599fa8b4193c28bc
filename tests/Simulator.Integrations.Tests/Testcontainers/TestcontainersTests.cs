// Testcontainers calls finish with the in-process engine; no test cancellation token is needed.
#pragma warning disable xUnit1051

using DotNet.Testcontainers.Builders;
using Simulator.Testcontainers;

namespace Simulator.Integrations.Tests.Testcontainers;

/// <summary>
/// Testcontainers for .NET 4.16 driven fully in process against the simulator (ENGINE-API.md section 3 lists the calls it
/// makes). Expected texts: nginx's default page title and postgres's readiness line, as the stock images print them.
/// </summary>
[Collection(TestcontainersCollection.Name)]
public sealed class TestcontainersTests
{
    [Fact]
    public async Task Generic_alpine_container_starts_execs_and_is_removed_on_dispose()
    {
        var sim = new DockerSimulator(new DockerSimulatorOptions { Seed = 101 });
        var container = new ContainerBuilder("alpine:3.20")
            .WithDockerSimulator(sim)
            .WithCommand("sleep", "3600")
            .Build();
        await container.StartAsync();
        Assert.Equal(1, sim.Containers.Count);
        var result = await container.ExecAsync(["sh", "-c", "echo hi; echo no >&2; exit 3"]);
        Assert.Equal("hi\n", result.Stdout);
        Assert.Equal("no\n", result.Stderr);
        Assert.Equal(3, result.ExitCode);
        await container.DisposeAsync();
        Assert.Equal(0, sim.Containers.Count);
    }

    [Fact]
    public async Task Nginx_with_a_random_port_binding_and_an_http_wait_strategy()
    {
        var sim = new DockerSimulator(new DockerSimulatorOptions { Seed = 102 });
        await using var container = new ContainerBuilder("nginx")
            .WithDockerSimulator(sim)
            .WithPortBinding(80, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(80)))
            .Build();
        await container.StartAsync();
        var port = container.GetMappedPublicPort(80);
        Assert.NotEqual(0, port);

        // Real loopback TCP: the forwarder relays into the simulated network.
        using var http = new HttpClient();
        var page = await http.GetStringAsync($"http://{container.Hostname}:{port}/");
        Assert.Contains("<title>Welcome to nginx!</title>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_with_a_log_wait_strategy_and_its_volume_removed_on_dispose()
    {
        var sim = new DockerSimulator(new DockerSimulatorOptions { Seed = 103 });
        var container = new ContainerBuilder("postgres")
            .WithDockerSimulator(sim)
            .WithEnvironment("POSTGRES_PASSWORD", "example")
            .WithPortBinding(5432, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("database system is ready to accept connections"))
            .Build();
        await container.StartAsync();
        Assert.Single(sim.Volumes.List());
        var (_, stderr) = await container.GetLogsAsync();
        // postgres logs to stderr.
        Assert.Contains("database system is ready to accept connections", stderr, StringComparison.Ordinal);
        var ready = await container.ExecAsync(["pg_isready"]);
        Assert.Equal(0, ready.ExitCode);
        await container.DisposeAsync();
        Assert.Empty(sim.Volumes.List());
        Assert.Equal(0, sim.Containers.Count);
    }
}
