using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Simulator.Containers;
using Simulator.Content;
using Simulator.Images;
using Simulator.Processes;
using Simulator.Registries;
using Simulator.Userland;
using Simulator.World;
using System.IO.Abstractions.TestingHelpers;

namespace Simulator.Tests.Networking;

public sealed class NginxNetworkTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_publish_8080_serves_the_welcome_page_and_logs_the_access_line()
    {
        var (store, _) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("nginx"), new HostConfig { PortBindings = ["8080:80"] }, "web");
        using var client = store.Network.CreateHttpClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("curl/8.5.0");

        var body = await GetWhenUpAsync(client, "http://localhost:8080/");
        Assert.Contains("<title>Welcome to nginx!</title>", body, StringComparison.Ordinal);
        Assert.Equal(615, body.Length);

        using var response = await client.GetAsync("http://127.0.0.1:8080/", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nginx/1.27.3", string.Join(' ', response.Headers.GetValues("Server")));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);

        var logs = store.LogsText(id, new ContainerLogsOptions { Stderr = false });
        Assert.Contains("172.17.0.1 - - [29/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\" \"-\"\n", logs, StringComparison.Ordinal);
        Assert.StartsWith("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_gets_nginx_404_page_and_an_error_line()
    {
        var (store, _) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("nginx"), new HostConfig { PortBindings = ["8080:80"] }, "web");
        using var client = store.Network.CreateHttpClient();
        await GetWhenUpAsync(client, "http://localhost:8080/");

        using var response = await client.GetAsync("http://localhost:8080/nope.html", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(
            "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n",
            body);
        Assert.Equal(153, body.Length);
        Assert.Equal("nginx/1.27.3", string.Join(' ', response.Headers.GetValues("Server")));
        var logs = store.LogsText(id, new ContainerLogsOptions());
        Assert.Contains("\"GET /nope.html HTTP/1.1\" 404 153 \"-\" \"-\" \"-\"\n", logs, StringComparison.Ordinal);
        Assert.Contains("open() \"/usr/share/nginx/html/nope.html\" failed (2: No such file or directory), client: 172.17.0.1, server: localhost, request: \"GET /nope.html HTTP/1.1\", host: \"localhost:8080\"", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Container_ip_reaches_the_port_directly_and_inspect_shows_ports_and_hosts()
    {
        var (store, _) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("nginx"), new HostConfig { PortBindings = ["8080:80"] }, "web");
        var c = store.Inspect("web");
        Assert.Equal("172.17.0.2", c.NetworkSettings.IPAddress);
        Assert.Equal("172.17.0.1", c.NetworkSettings.Gateway);
        Assert.Equal([new("0.0.0.0", "8080"), new("::", "8080")], c.NetworkSettings.Ports["80/tcp"]!);
        Assert.Equal(["80/tcp -> 0.0.0.0:8080", "80/tcp -> [::]:8080"], store.Port("web"));
        Assert.EndsWith("172.17.0.2\t" + id[..12] + "\n", store.GetRootFileSystem("web").ReadAllText("/etc/hosts"), StringComparison.Ordinal);
        Assert.DoesNotContain(store.Diff("web"), ch => ch.Path == "/etc/hosts");

        using var client = store.Network.CreateHttpClient();
        Assert.Contains("Welcome to nginx!", await GetWhenUpAsync(client, "http://172.17.0.2/"), StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://172.17.0.2:81/", Ct));
        Assert.Equal("Connection refused (172.17.0.2:81)", ex.Message);
    }

    [Fact]
    public async Task Stop_releases_the_port_and_refuses_connections()
    {
        var (store, time) = await CreateAsync();
        await RunDetachedAsync(store, new ContainerConfig("nginx"), new HostConfig { PortBindings = ["8080:80"] }, "web");
        using var client = store.Network.CreateHttpClient();
        await GetWhenUpAsync(client, "http://localhost:8080/");

        // A second container cannot bind the same port.
        var other = store.Create(new ContainerConfig("nginx"), new HostConfig { PortBindings = ["8080:80"] }, "other");
        var conflict = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.StartAsync(other, Ct));
        Assert.Matches("^driver failed programming external connectivity on endpoint other \\([0-9a-f]{64}\\): Bind for 0.0.0.0:8080 failed: port is already allocated$", conflict.Message);

        await store.StopAsync("web", cancellationToken: Ct);
        var state = store.Inspect("web");
        Assert.Equal(0, state.State.ExitCode);
        Assert.Equal("", state.NetworkSettings.IPAddress);
        Assert.Empty(state.NetworkSettings.Ports);
        Assert.Contains("[notice] 1#1: signal 3 (SIGQUIT) received, shutting down", store.LogsText("web", new ContainerLogsOptions()), StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://localhost:8080/", Ct));
        Assert.Equal("Connection refused (localhost:8080)", ex.Message);
        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(ex.InnerException).SocketErrorCode);

        await store.StartAsync(other, Ct);
        Assert.Contains("Welcome to nginx!", await GetWhenUpAsync(client, "http://localhost:8080/"), StringComparison.Ordinal);
        _ = time;
    }

    [Fact]
    public async Task Random_host_ports_are_deterministic_per_seed()
    {
        async Task<IReadOnlyList<string>> PortsOf(int seed)
        {
            var (store, _) = await CreateAsync(seed);
            await RunDetachedAsync(store, new ContainerConfig("nginx"), new HostConfig { PublishAllPorts = true }, "aa");
            await RunDetachedAsync(store, new ContainerConfig("nginx"), new HostConfig { PortBindings = ["80"] }, "bb");
            return [.. store.Port("aa"), .. store.Port("bb")];
        }

        var first = await PortsOf(3);
        Assert.Equal(first, await PortsOf(3));
        Assert.Equal(4, first.Count);
        var port = int.Parse(first[0].Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(port, 32768, 60999);
        Assert.Equal("80/tcp -> [::]:" + port, first[1]);
    }

    /// <summary><c>docker run -d</c>: create then start.</summary>
    private static async Task<string> RunDetachedAsync(ContainerStore store, ContainerConfig config, HostConfig host, string name)
    {
        var id = store.Create(config, host, name);
        await store.StartAsync(id, Ct);
        return id;
    }

    private static async Task<string> GetWhenUpAsync(HttpClient client, string url)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                return await client.GetStringAsync(url, Ct);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // The entrypoint script is still running: nothing listens yet.
                await Task.Delay(5, Ct);
            }
        }
    }

    private static async Task<(ContainerStore Store, FakeTimeProvider Time)> CreateAsync(int seed = 1)
    {
        var time = new FakeTimeProvider(Now);
        var content = new InMemoryContentStore(time);
        var programs = Nginx.Register(Busybox.Register(new ProgramRegistry()));
        var store = ContainerStore.CreateWithImageStore(content, programs, time, seed);
        var client = new RegistryClient(DefaultWorld.Create(content), (InMemoryImageStore)store.Images, new MockFileSystem());
        await client.PullAsync("nginx");
        return (store, time);
    }
}
