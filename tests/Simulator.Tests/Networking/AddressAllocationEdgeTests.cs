using Simulator.Containers;
using Simulator.Networking;
using Simulator.Tests.Support;

namespace Simulator.Tests.Networking;

/// <summary>Address allocation at its edges: a full small subnet, a gateway that is not .1, an invalid gateway, and
/// concurrent runs and removals (no two running containers share an address; the lowest free one comes next).</summary>
public sealed class AddressAllocationEdgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> RunAsync(ContainerStore store, string network, string name)
    {
        var id = store.Create(new ContainerConfig("alpine") { Cmd = ["sleep", "1000"] }, new HostConfig { NetworkMode = network }, name);
        await store.StartAsync(id, Ct);
        return store.Inspect(id).NetworkSettings.Networks[network].IPAddress;
    }

    [Fact]
    public async Task A_slash_29_hands_out_its_five_hosts_then_refuses_and_a_custom_gateway_leaves_dot_1_free()
    {
        var (store, _) = await StockEngine.CreateAsync(Now, 1, "alpine");
        store.Networks.Create(new NetworkCreateOptions("small") { Subnet = "10.9.0.0/29", Gateway = "10.9.0.6" });
        var ips = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            ips.Add(await RunAsync(store, "small", "c" + i));
        }

        Assert.Equal(["10.9.0.1", "10.9.0.2", "10.9.0.3", "10.9.0.4", "10.9.0.5"], ips);
        var e = await Assert.ThrowsAnyAsync<DockerSimulatorException>(() => RunAsync(store, "small", "c5"));
        Assert.Contains("no available IPv4 addresses on this network's address pools: small", e.Message, StringComparison.Ordinal);
        await store.RemoveAsync("c2", force: true, cancellationToken: Ct);
        Assert.Equal("10.9.0.3", await RunAsync(store, "small", "c6"));
    }

    [Theory]
    [InlineData("10.8.0.0/24", "10.9.0.1", "invalid network config:\ninvalid gateway 10.9.0.1: parent subnet 10.8.0.0/24 doesn't contain this address")]
    [InlineData("10.8.0.0/24", "nope", "invalid network config:\ninvalid gateway nope: invalid address")]
    [InlineData(null, "10.8.0.1", "invalid network config:\ninvalid subnet : invalid CIDR block notation")]
    [InlineData("10.8.0.5/24", "10.8.0.1", "invalid network config:\ninvalid subnet 10.8.0.5/24: it should be 10.8.0.0/24")]
    public async Task A_gateway_outside_its_subnet_is_refused_as_the_daemon_refuses_it(string? subnet, string gateway, string message)
    {
        var (store, _) = await StockEngine.CreateAsync(Now, 1, "alpine");
        var e = Assert.Throws<DockerSimulatorException>(() => store.Networks.Create(new NetworkCreateOptions("n") { Subnet = subnet, Gateway = gateway }));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
        Assert.DoesNotContain(store.Networks.List(), n => n.Name == "n");
    }

    [Theory]
    [InlineData("10.9.0.1", "no matching subnet for gateway 10.9.0.1")]
    [InlineData("nope", "no matching subnet for gateway nope")]
    public async Task The_cli_checks_the_gateway_against_its_subnets_first(string gateway, string message)
    {
        var f = await Simulator.Tests.Cli.CliFixture.WithImagesAsync("alpine");
        var r = await f.RunAsync("network", "create", "--subnet", "10.8.0.0/24", "--gateway", gateway, "n");
        Assert.Equal((1, "", message + "\n"), (r.ExitCode, r.Stdout, r.Stderr));
        var none = await f.RunAsync("network", "create", "--gateway", "10.8.0.1", "n");
        Assert.Equal((1, "every ip-range or gateway must have a corresponding subnet\n"), (none.ExitCode, none.Stderr));
    }

    [Theory]
    [InlineData("bridge")]
    [InlineData("user")]
    public async Task Concurrent_runs_and_removals_never_share_an_address(string network)
    {
        var (store, _) = await StockEngine.CreateAsync(Now, 1, "alpine");
        if (network != "bridge")
        {
            store.Networks.Create(new NetworkCreateOptions(network));
        }

        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 15; i++)
            {
                await RunAsync(store, network, $"w{w}-{i}");
                if (i % 3 == 1)
                {
                    await store.RemoveAsync($"w{w}-{i - 1}", force: true, cancellationToken: Ct);
                }
            }
        }, Ct)).ToArray();
        await Task.WhenAll(workers);

        var running = store.List(all: false).Select(c => store.Inspect(c.Id).NetworkSettings.Networks[network].IPAddress).ToList();
        Assert.Equal(40, running.Count);
        Assert.Equal(running.Count, running.Distinct().Count());
        // Every hole is below the highest address: the next run takes the lowest free one.
        var hosts = running.Select(ip => int.Parse(ip.Split('.')[3], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var lowest = Enumerable.Range(2, 100).First(h => !hosts.Contains(h));
        Assert.EndsWith("." + lowest, await RunAsync(store, network, "last"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_frees_the_address_and_a_reconnect_takes_the_lowest_free_one()
    {
        var (store, _) = await StockEngine.CreateAsync(Now, 1, "alpine");
        store.Networks.Create(new NetworkCreateOptions("n"));
        Assert.Equal("172.18.0.2", await RunAsync(store, "n", "ca"));
        await RunAsync(store, "bridge", "cb");
        await RunAsync(store, "bridge", "cc");
        await store.ConnectNetworkAsync("n", "cb", cancellationToken: Ct);
        Assert.Equal("172.18.0.3", store.Inspect("cb").NetworkSettings.Networks["n"].IPAddress);
        await store.DisconnectNetworkAsync("n", "cb", cancellationToken: Ct);
        await store.ConnectNetworkAsync("n", "cc", cancellationToken: Ct);
        Assert.Equal("172.18.0.3", store.Inspect("cc").NetworkSettings.Networks["n"].IPAddress);
        await store.ConnectNetworkAsync("n", "cb", cancellationToken: Ct);
        Assert.Equal("172.18.0.4", store.Inspect("cb").NetworkSettings.Networks["n"].IPAddress);
        await store.RemoveAsync("ca", force: true, cancellationToken: Ct);
        Assert.Equal("172.18.0.2", await RunAsync(store, "n", "cd"));
    }
}
