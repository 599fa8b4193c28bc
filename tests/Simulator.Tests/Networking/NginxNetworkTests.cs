using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Simulator.Containers;
using Simulator.Processes;
using Simulator.Tests.Support;

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
        var dns = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://example.invalid/", Ct));
        Assert.Equal("Name or service not known (example.invalid:80)", dns.Message);
        Assert.Equal(HttpRequestError.NameResolutionError, dns.HttpRequestError);
    }

    // moby v28.2.2 drivers/bridge/port_mapping_linux.go: the daemon binds 127.0.0.1:8080 itself and the kernel refuses it
    // while 0.0.0.0:8080 listens ("failed to bind host port for %s: %w", types.PortBinding.String); a UDP 8080 is another
    // port, and HTTP to localhost:8080 still reaches the TCP publisher.
    [Fact]
    public async Task A_loopback_binding_of_a_port_held_on_the_wildcard_fails_at_bind_and_udp_does_not_steal_http()
    {
        var (store, _) = await CreateAsync();
        await RunDetachedAsync(store, new ContainerConfig("nginx"), new HostConfig { PortBindings = ["8080:80"] }, "web");
        using var client = store.Network.CreateHttpClient();
        await GetWhenUpAsync(client, "http://localhost:8080/");

        var loopback = store.Create(new ContainerConfig("nginx"), new HostConfig { PortBindings = ["127.0.0.1:8080:80"] }, "loop");
        var conflict = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.StartAsync(loopback, Ct));
        Assert.Matches("^driver failed programming external connectivity on endpoint loop \\([0-9a-f]{64}\\): failed to bind host port for 127.0.0.1:8080:172.17.0.3:80/tcp: address already in use$", conflict.Message);
        Assert.Equal(ContainerStatus.Created, store.Inspect("loop").State.Status);

        await RunDetachedAsync(store, new ContainerConfig("nginx"), new HostConfig { PortBindings = ["8080:80/udp"] }, "udp");
        using var response = await client.GetAsync("http://localhost:8080/", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, store.LogsText("web", new ContainerLogsOptions { Stderr = false }).Split("\"GET / HTTP/1.1\" 200").Length - 1);
        Assert.DoesNotContain("GET /", store.LogsText("udp", new ContainerLogsOptions()), StringComparison.Ordinal);
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

    [Theory]
    [InlineData("pid /tmp/nginx.pid; daemon off;")]
    [InlineData("'pid /tmp/nginx.pid; daemon off;'")] // the seed's Dockerfile form, which issue [D] asks to serve
    public async Task Global_directives_from_the_command_line_write_the_pid_file(string directives)
    {
        var (store, _) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("nginx") { Cmd = ["nginx", "-g", directives] }, new HostConfig(), "web");
        using var client = store.Network.CreateHttpClient();
        await GetWhenUpAsync(client, "http://172.17.0.2/");
        Assert.Equal("1\n", store.GetRootFileSystem(id).ReadAllText("/tmp/nginx.pid"));
        Assert.Contains("[notice] 1#1: nginx/1.27.3\n", store.LogsText(id, new ContainerLogsOptions { Stdout = false }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_global_directive_fails_as_nginx()
    {
        var (store, _) = await CreateAsync();
        var result = await store.RunAsync(new ContainerConfig("nginx") { Entrypoint = [], Cmd = ["nginx", "-g", "bogus on;"] }, cancellationToken: Ct);
        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("nginx: [emerg] unknown directive \"bogus\" in command line\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entrypoint_prints_its_lines_before_nginx_starts()
    {
        var (store, _) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("nginx"), new HostConfig(), "web");
        using var client = store.Network.CreateHttpClient();
        await GetWhenUpAsync(client, "http://172.17.0.2/");
        var logs = store.LogsText(id, new ContainerLogsOptions { Stderr = false });
        var expected =
            "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n" +
            "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n" +
            "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n" +
            "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n" +
            "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n" +
            "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n" +
            "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n" +
            "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n" +
            "/docker-entrypoint.sh: Configuration complete; ready for start up\n";
        Assert.Equal(expected, logs[..Math.Min(logs.Length, expected.Length)]);
    }

    [Fact]
    public async Task Alpine_variant_serves_too_and_containers_reach_each_other_by_ip()
    {
        var (store, _) = await CreateAsync(pullAlpine: true);
        await RunDetachedAsync(store, new ContainerConfig("nginx:alpine"), new HostConfig { PortBindings = ["127.0.0.1:8000-8001:80"] }, "web");
        Assert.Equal(["80/tcp -> 127.0.0.1:8000"], store.Port("web"));
        using var client = store.Network.CreateHttpClient();
        Assert.Contains("Welcome to nginx!", await GetWhenUpAsync(client, "http://localhost:8000/"), StringComparison.Ordinal);

        store.Programs.Register("probe", static async ctx =>
        {
            using var http = new HttpClient(ctx.GetNetwork().CreateHandler());
            var text = await http.GetStringAsync(ctx.Argv[1], ctx.CancellationToken);
            await ctx.WriteAsync(text.Contains("Welcome to nginx!", StringComparison.Ordinal) ? "ok\n" : "bad\n");
            return 0;
        });
        var probe = store.Create(new ContainerConfig("nginx:alpine") { Entrypoint = [], Cmd = ["/probe", "http://172.17.0.2/"] });
        store.GetRootFileSystem(probe).WriteAllBytes("/probe", ProgramRegistry.MarkerFor("probe"), (UnixFileMode)0b111_101_101);
        await store.StartAsync(probe, Ct);
        var exit = await store.WaitAsync(probe, cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(0, exit.StatusCode);
        Assert.Equal("ok\n", store.LogsText(probe, new ContainerLogsOptions()));
        Assert.Contains("172.17.0.3 - - [29/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 615", store.LogsText("web", new ContainerLogsOptions()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Busybox_wget_in_one_container_reaches_nginx_in_another()
    {
        var (store, _) = await CreateAsync(pullAlpine: true);
        await RunDetachedAsync(store, new ContainerConfig("nginx:alpine"), new HostConfig(), "web");
        using var client = store.Network.CreateHttpClient();
        await GetWhenUpAsync(client, "http://172.17.0.2/");

        var probe = store.Create(new ContainerConfig("nginx:alpine") { Entrypoint = [], Cmd = ["sh", "-c", "wget -q -O - http://172.17.0.2/ | grep -o 'Welcome to nginx!' | head -n 1"] });
        await store.StartAsync(probe, Ct);
        var exit = await store.WaitAsync(probe, cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Equal(0, exit.StatusCode);
        Assert.Equal("Welcome to nginx!\n", store.LogsText(probe, new ContainerLogsOptions()));
    }

    [Fact]
    public async Task Publish_all_uses_exposed_ports_and_ps_renders_them()
    {
        var (store, _) = await CreateAsync();
        await RunDetachedAsync(store, new ContainerConfig("nginx") { ExposedPorts = ["443/tcp"] }, new HostConfig { PortBindings = ["8080:80"] }, "web");
        var c = store.Inspect("web");
        Assert.Null(c.NetworkSettings.Ports["443/tcp"]);
        Assert.Equal("443/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp", Simulator.Networking.PortsColumn.Format(c.NetworkSettings.ToContainerPorts()));
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(new ContainerConfig("nginx"), new HostConfig { PortBindings = ["80/foo"] }));
        Assert.Equal("invalid proto: foo", ex.Message);
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

    private static Task<(ContainerStore Store, FakeTimeProvider Time)> CreateAsync(int seed = 1, bool pullAlpine = false) =>
        StockEngine.CreateAsync(Now, seed, pullAlpine ? "nginx:alpine" : "nginx");
}
