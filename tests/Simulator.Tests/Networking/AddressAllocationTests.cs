using Simulator.Containers;
using Simulator.Networking;
using Simulator.Tests.Support;

namespace Simulator.Tests.Networking;

/// <summary>
/// Addresses come lowest free first, on the default bridge (from 172.17.0.2) and on a user-defined network (from .2,
/// the gateway holding .1), and a released address is the next one handed out.
/// </summary>
public sealed class AddressAllocationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("bridge", "172.17.0.")]
    [InlineData("n1", "172.18.0.")]
    public async Task A_released_address_is_reused_before_higher_ones(string network, string prefix)
    {
        var (store, _) = await StockEngine.CreateAsync(Now, 1, "alpine");
        if (network != "bridge")
        {
            store.Networks.Create(new NetworkCreateOptions(network));
        }

        async Task<string> RunAsync(string name)
        {
            var id = store.Create(new ContainerConfig("alpine") { Cmd = ["sleep", "1000"] }, new HostConfig { NetworkMode = network }, name);
            await store.StartAsync(id, Ct);
            return store.Inspect(id).NetworkSettings.Networks[network].IPAddress;
        }

        Assert.Equal(prefix + "2", await RunAsync("aa"));
        Assert.Equal(prefix + "3", await RunAsync("bb"));
        Assert.Equal(prefix + "4", await RunAsync("cc"));
        await store.RemoveAsync("bb", force: true, cancellationToken: Ct);
        await store.RemoveAsync("aa", force: true, cancellationToken: Ct);
        Assert.Equal(prefix + "2", await RunAsync("dd"));
        Assert.Equal(prefix + "3", await RunAsync("ee"));
        Assert.Equal(prefix + "5", await RunAsync("ff"));
    }

    [Fact]
    public void The_pool_skips_marked_indexes_and_goes_back_to_a_freed_one()
    {
        var pool = new HostIndexPool(1);
        pool.Add(1); // a gateway
        Assert.Equal(2u, pool.LowestFree());
        pool.Add(2);
        pool.Add(3);
        pool.Add(5);
        Assert.Equal(4u, pool.LowestFree());
        pool.Add(4);
        Assert.Equal(6u, pool.LowestFree());
        pool.Remove(3);
        pool.Remove(9); // not in use: nothing changes
        Assert.Equal(3u, pool.LowestFree());
        pool.Add(3);
        Assert.Equal(6u, pool.LowestFree());
    }
}
