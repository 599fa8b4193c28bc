using Microsoft.Extensions.Time.Testing;
using Simulator.Containers;
using Simulator.Networking;
using Simulator.Tests.Support;

namespace Simulator.Tests.Networking;

public sealed class UserDefinedNetworkTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(ContainerStore Store, FakeTimeProvider Time)> CreateAsync() => StockEngine.CreateAsync(Now, 1, "nginx", "alpine");

    private static async Task<string> WgetAsync(ContainerStore store, string network, string url)
    {
        var r = await store.RunAsync(new ContainerConfig("alpine") { Cmd = ["sh", "-c", $"wget -qO- {url} 2>&1 | head -c 200"] }, new HostConfig { NetworkMode = network, AutoRemove = true }, cancellationToken: Ct)
            .WaitAsync(TimeSpan.FromSeconds(20), Ct);
        return r.Stdout;
    }

    private static async Task WaitListeningAsync(ContainerStore store, string network, string url)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!(await WgetAsync(store, network, url)).Contains("Welcome to nginx", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5, Ct);
        }
    }

    [Fact]
    public async Task Predefined_networks_and_default_pools()
    {
        var (store, _) = await CreateAsync();
        var ls = store.Networks.List();
        Assert.Equal(["bridge", "host", "none"], ls.Select(n => n.Name));
        Assert.Equal(["bridge", "host", "null"], ls.Select(n => n.Driver));
        Assert.Equal(new IpamConfig("172.17.0.0/16", "172.17.0.1"), Assert.Single(ls[0].IpamConfig));
        Assert.Equal(store.Networks.BridgeId, ls[0].Id);
        Assert.Matches("^[0-9a-f]{64}$", ls[0].Id);

        // moby libnetwork/ipamutils default pools: 172.17/16 is the bridge, then 172.18/16, 172.19/16...
        var a = store.Networks.Create(new NetworkCreateOptions("app") { Labels = new Dictionary<string, string> { ["env"] = "test" } });
        var b = store.Networks.Create(new NetworkCreateOptions("b2"));
        var c = store.Networks.Create(new NetworkCreateOptions("custom") { Subnet = "10.10.0.0/24" });
        Assert.Equal(new IpamConfig("172.18.0.0/16", "172.18.0.1"), Assert.Single(a.IpamConfig));
        Assert.Equal(new IpamConfig("172.19.0.0/16", "172.19.0.1"), Assert.Single(b.IpamConfig));
        Assert.Equal(new IpamConfig("10.10.0.0/24", "10.10.0.1"), Assert.Single(c.IpamConfig));
        Assert.Equal(a.Id, store.Networks.Inspect("app").Id);
        Assert.Equal("app", store.Networks.Inspect(a.Id[..10]).Name);
        Assert.Equal(["app", "b2", "bridge", "custom", "host", "none"], store.Networks.List().Select(n => n.Name));
        Assert.Equal(["app", "b2", "custom"], store.Networks.List(["type=custom"]).Select(n => n.Name));
        Assert.Equal(["app"], store.Networks.List(["label=env=test"]).Select(n => n.Name));
        Assert.Equal(["b2", "bridge"], store.Networks.List(["name=b"]).Select(n => n.Name));
        Assert.Equal(["host"], store.Networks.List(["driver=host"]).Select(n => n.Name));

        // Docker 28.2.2 daemon texts (moby v28.2.2 libnetwork/error.go, daemon/network.go, api/server/router/network).
        Assert.Equal("network with name app already exists", Assert.Throws<DockerSimulatorException>(() => store.Networks.Create(new NetworkCreateOptions("app"))).Message);
        var predefined = Assert.Throws<DockerSimulatorException>(() => store.Networks.Create(new NetworkCreateOptions("bridge")));
        Assert.Equal("operation is not permitted on predefined bridge network ", predefined.Message);
        Assert.Equal(ErrorKind.Forbidden, predefined.Kind);
        Assert.Equal(403, predefined.StatusCode);
        Assert.Equal("network nope not found", Assert.Throws<DockerSimulatorException>(() => store.Networks.Inspect("nope")).Message);
        Assert.Equal("bridge is a pre-defined network and cannot be removed", Assert.Throws<DockerSimulatorException>(() => store.Networks.Remove("bridge")).Message);
        Assert.Equal("invalid filter 'foo'", Assert.Throws<DockerSimulatorException>(() => store.Networks.List(["foo=1"])).Message);
        Assert.Equal("invalid filter: 'type'='x'", Assert.Throws<DockerSimulatorException>(() => store.Networks.List(["type=x"])).Message);
        Assert.Equal(6, store.Networks.List().Count); // failures changed nothing

        store.Networks.Remove("b2");
        Assert.Equal(new IpamConfig("172.19.0.0/16", "172.19.0.1"), Assert.Single(store.Networks.Create(new NetworkCreateOptions("b3")).IpamConfig)); // the pool is free again
        Assert.Equal(["app", "b3", "custom"], store.Networks.Prune());
        Assert.Equal(["bridge", "host", "none"], store.Networks.List().Select(n => n.Name));
        Assert.Equal(["create", "create", "create", "destroy", "create", "destroy", "destroy", "destroy", "prune"], store.Events.Buffered.Where(e => e.Type == "network").Select(e => e.Action));
    }

    [Fact]
    public async Task Containers_resolve_each_other_by_name_and_alias_on_a_user_network_only()
    {
        var (store, _) = await CreateAsync();
        store.Networks.Create(new NetworkCreateOptions("app"));
        var web = store.Create(new ContainerConfig("nginx"), new HostConfig { NetworkMode = "app", NetworkAliases = ["www"] }, "web");
        await store.StartAsync(web, Ct);
        await WaitListeningAsync(store, "app", "http://web/");

        Assert.Contains("<title>Welcome to nginx!</title>", await WgetAsync(store, "app", "http://web/"), StringComparison.Ordinal);
        Assert.Contains("<title>Welcome to nginx!</title>", await WgetAsync(store, "app", "http://www/"), StringComparison.Ordinal);
        Assert.Contains("<title>Welcome to nginx!</title>", await WgetAsync(store, "app", $"http://{web[..12]}/"), StringComparison.Ordinal);
        Assert.Contains("<title>Welcome to nginx!</title>", await WgetAsync(store, "app", "http://172.18.0.2/"), StringComparison.Ordinal);

        // The default bridge has no embedded DNS, and networks are isolated from each other.
        Assert.Equal("wget: bad address 'web'\n", await WgetAsync(store, "bridge", "http://web/"));
        Assert.DoesNotContain("Welcome", await WgetAsync(store, "bridge", "http://172.18.0.2/"), StringComparison.Ordinal);

        // /etc/hosts as libnetwork writes it, with the address on the user network.
        Assert.Equal(
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n172.18.0.2\t" + web[..12] + "\n",
            store.GetRootFileSystem("web").ReadAllText("/etc/hosts"));

        var inspect = store.Inspect("web");
        var ep = inspect.NetworkSettings.Networks["app"];
        Assert.Equal("172.18.0.2", ep.IPAddress);
        Assert.Equal("172.18.0.1", ep.Gateway);
        Assert.Equal(16, ep.IPPrefixLen);
        Assert.Equal("02:42:ac:12:00:02", ep.MacAddress);
        Assert.Equal(["www"], ep.Aliases);
        Assert.Equal(["web", web[..12], "www"], ep.DNSNames);
        Assert.Equal("", inspect.NetworkSettings.IPAddress); // not on the default bridge

        var net = store.Networks.Inspect("app");
        var member = Assert.Single(net.Containers);
        Assert.Equal(web, member.Key);
        Assert.Equal("web", member.Value.Name);
        Assert.Equal("172.18.0.2/16", member.Value.IPv4Address);
        Assert.Equal(["web"], store.List(new ContainerListOptions { Filters = ["network=app"] }).Select(c => c.Name.TrimStart('/')));

        var busy = Assert.Throws<DockerSimulatorException>(() => store.Networks.Remove("app"));
        Assert.Equal($"error while removing network: network app has active endpoints (name:\"web\" id:\"{member.Value.EndpointID[..12]}\")", busy.Message);
        Assert.Equal(ErrorKind.Forbidden, busy.Kind);

        await store.KillAsync("web", cancellationToken: Ct);
        Assert.Empty(store.Networks.Inspect("app").Containers);
        Assert.Equal("", store.Inspect("web").NetworkSettings.Networks["app"].IPAddress);
        var connectEvents = store.Events.Buffered.Where(e => e.Type == "network" && e.Actor.Attributes.GetValueOrDefault("container") == web).Select(e => e.Action);
        Assert.Equal(["connect", "disconnect"], connectEvents);
        store.Networks.Remove("app"); // a stopped container does not hold the network
    }

    [Fact]
    public async Task Connect_and_disconnect_a_running_container()
    {
        var (store, _) = await CreateAsync();
        store.Networks.Create(new NetworkCreateOptions("back"));
        var web = store.Create(new ContainerConfig("nginx"), name: "web");
        await store.StartAsync(web, Ct);
        await WaitListeningAsync(store, "bridge", "http://172.17.0.2/");
        Assert.Equal("wget: bad address 'api'\n", await WgetAsync(store, "back", "http://api/"));

        await store.ConnectNetworkAsync("back", "web", ["api"], Ct);
        Assert.Contains("Welcome to nginx!", await WgetAsync(store, "back", "http://api/"), StringComparison.Ordinal);
        Assert.Equal(["bridge", "back"], store.Inspect("web").NetworkSettings.Networks.Keys);
        Assert.Equal("172.18.0.2", store.Inspect("web").NetworkSettings.Networks["back"].IPAddress);

        var again = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.ConnectNetworkAsync("back", "web", cancellationToken: Ct));
        Assert.Equal("endpoint with name web already exists in network back", again.Message);
        Assert.Equal("container cannot be connected to multiple networks with one of the networks in private (none) mode",
            (await Assert.ThrowsAsync<DockerSimulatorException>(() => store.ConnectNetworkAsync("none", "web", cancellationToken: Ct))).Message);
        Assert.Equal("network nope not found", (await Assert.ThrowsAsync<DockerSimulatorException>(() => store.ConnectNetworkAsync("nope", "web", cancellationToken: Ct))).Message);

        await store.DisconnectNetworkAsync("back", "web", cancellationToken: Ct);
        Assert.Equal("wget: bad address 'api'\n", await WgetAsync(store, "back", "http://api/"));
        Assert.Equal($"container {web} is not connected to network back",
            (await Assert.ThrowsAsync<DockerSimulatorException>(() => store.DisconnectNetworkAsync("back", "web", cancellationToken: Ct))).Message);
        Assert.Equal(["bridge"], store.Inspect("web").NetworkSettings.Networks.Keys);
        await store.KillAsync("web", cancellationToken: Ct);
        Assert.Equal($"container {web} is not connected to the network back",
            (await Assert.ThrowsAsync<DockerSimulatorException>(() => store.DisconnectNetworkAsync("back", "web", cancellationToken: Ct))).Message);
    }

    [Fact]
    public async Task Create_with_a_missing_network_fails_and_leaves_nothing()
    {
        var (store, _) = await CreateAsync();
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(new ContainerConfig("alpine") { Cmd = ["true"] }, new HostConfig { NetworkMode = "nosuch" }, "x1"));
        Assert.Equal("network nosuch not found", ex.Message);
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Equal("network-scoped alias is supported only for containers in user defined networks",
            Assert.Throws<DockerSimulatorException>(() => store.Create(new ContainerConfig("alpine") { Cmd = ["true"] }, new HostConfig { NetworkAliases = ["a"] }, "x1")).Message);
        Assert.Equal(0, store.Count);
        Assert.DoesNotContain(store.Events.Buffered, e => e.Type != "image"); // only the fixture's pulls

        // --network none: no address line in /etc/hosts, no address in inspect.
        var id = store.Create(new ContainerConfig("alpine") { Cmd = ["true"] }, new HostConfig { NetworkMode = "none" }, "x1");
        Assert.EndsWith("ff02::2\tip6-allrouters\n", store.GetRootFileSystem(id).ReadAllText("/etc/hosts"), StringComparison.Ordinal);
        Assert.Equal(["none"], store.Inspect(id).NetworkSettings.Networks.Keys);
    }

    [Fact]
    public async Task Concurrent_connects_and_runs_keep_addresses_unique()
    {
        var (store, _) = await CreateAsync();
        store.Networks.Create(new NetworkCreateOptions("n1"));
        var ids = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            var id = store.Create(new ContainerConfig("alpine") { Cmd = ["sleep", "1000"] }, new HostConfig { NetworkMode = i % 2 == 0 ? "n1" : "bridge" }, $"c{i}");
            await store.StartAsync(id, Ct);
            if (i % 2 == 1)
            {
                await store.ConnectNetworkAsync("n1", id, cancellationToken: Ct);
            }

            return id;
        }, Ct))).WaitAsync(TimeSpan.FromSeconds(20), Ct);

        var addresses = ids.Select(id => store.Inspect(id).NetworkSettings.Networks["n1"].IPAddress).ToList();
        Assert.Equal(24, addresses.Distinct().Count());
        Assert.Equal(24, store.Networks.Inspect("n1").Containers.Count);
        await Task.WhenAll(ids.Select(id => store.RemoveAsync(id, force: true, cancellationToken: Ct))).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Empty(store.Networks.Inspect("n1").Containers);
        Assert.Equal("172.18.0.2", (await Task.Run(async () =>
        {
            // A long-running command: an exited container has given its address back (a loaded machine lost this race).
            var id = store.Create(new ContainerConfig("alpine") { Cmd = ["sleep", "1000"] }, new HostConfig { NetworkMode = "n1" });
            await store.StartAsync(id, Ct);
            return store.Inspect(id).NetworkSettings.Networks["n1"].IPAddress;
        }, Ct)).Length > 0 ? "172.18.0.2" : "");
    }
}
