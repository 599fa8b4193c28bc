using Simulator.Containers;
using Simulator.Testing.Fixtures;

namespace Simulator.Testing.Tests.Fixtures;

public sealed class SimulatorWaitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Waits_until_nginx_listens_without_a_request_in_its_access_log()
    {
        await using var docker = await SimulatorFixture.CreateAsync("nginx:alpine");
        await docker.Engine.Containers.RunDetachedAsync(new ContainerConfig("nginx:alpine"), new HostConfig { PortBindings = ["8080:80"] }, "web", Ct);
        var before = docker.Clock.UtcNow;

        await docker.Engine.WaitForPortAsync(8080, cancellationToken: Ct);

        Assert.Equal(before, docker.Clock.UtcNow);
        Assert.True(docker.Engine.Network.IsListening("localhost", 8080));
        Assert.False(docker.Engine.Network.IsListening("localhost", 8081));
        using var http = docker.Engine.Network.CreateHttpClient();
        using var response = await http.GetAsync(new Uri("http://localhost:8080/"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        // nginx's combined log format: one line per request, so exactly the test's own GET.
        var requests = docker.Engine.Containers.LogsText("web").Split('\n').Where(l => l.Contains("\"GET / HTTP/1.1\"", StringComparison.Ordinal));
        Assert.Single(requests);
    }

    [Fact]
    public async Task Fails_at_once_when_the_publisher_exited_and_says_so()
    {
        await using var docker = await SimulatorFixture.CreateAsync("alpine");
        var id = await docker.Engine.Containers.RunDetachedAsync(
            new ContainerConfig("alpine") { Cmd = ["sh", "-c", "echo bad config >&2; exit 1"] }, new HostConfig { PortBindings = ["8081:80"] }, "broken", Ct);
        await docker.Engine.Containers.WaitAsync(id, cancellationToken: Ct);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => docker.Engine.WaitForPortAsync(8081, cancellationToken: Ct));
        Assert.Equal("no running container publishes port 8081: /broken exited (1) publishes 80/tcp on 8081; its last log lines: bad config", e.Message);
    }

    [Fact]
    public async Task Fails_at_once_when_nothing_publishes_the_port()
    {
        await using var docker = await SimulatorFixture.CreateAsync("alpine");
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => docker.Engine.WaitForPortAsync(9090, cancellationToken: Ct));
        Assert.Equal("no running container publishes port 9090 (no containers)", e.Message);
        docker.Engine.Containers.Create(new ContainerConfig("alpine"), name: "idle");
        e = await Assert.ThrowsAsync<InvalidOperationException>(() => docker.Engine.WaitForPortAsync(9090, cancellationToken: Ct));
        Assert.Equal("no running container publishes port 9090 (containers: /idle created)", e.Message);
    }

    [Fact]
    public async Task Times_out_when_the_running_publisher_never_listens()
    {
        // sleep on the fake clock never ends, and busybox sleep opens no port: only the real-time guard ends the wait.
        await using var docker = await SimulatorFixture.CreateAsync("alpine");
        await docker.Engine.Containers.RunDetachedAsync(new ContainerConfig("alpine") { Cmd = ["sleep", "3600"] }, new HostConfig { PortBindings = ["8082:80"] }, "mute", Ct);
        var e = await Assert.ThrowsAsync<TimeoutException>(() => docker.Engine.WaitForPortAsync(8082, TimeSpan.FromMilliseconds(20), Ct));
        Assert.Equal("nothing listens on localhost:8082 after 0.02s: /mute running publishes 80/tcp on 8082", e.Message);
    }

    [Fact]
    public async Task Bad_ports_are_refused()
    {
        await using var docker = await SimulatorFixture.CreateAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => docker.Engine.WaitForPortAsync(0, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => docker.Engine.WaitForPortAsync(65536, cancellationToken: Ct));
    }
}
