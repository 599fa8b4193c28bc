using Simulator.Containers;
using Simulator.Networking;
using Simulator.Tests.Support;

namespace Simulator.Tests.Networking;

/// <summary>
/// <c>/etc/hosts</c> across <c>docker network connect/disconnect</c>, as moby v28.2.2's libnetwork writes it: sandbox
/// addHostsEntries appends <c>&lt;ip&gt;\t&lt;hostname&gt;</c> when a running container joins a network (etchosts.Add),
/// deleteHostsEntries removes that line and every empty line when it leaves (etchosts.Delete), and the file is rebuilt at
/// start with a line per network (buildHostsFile, then a join per endpoint). The file is a bind mount: never in diff.
/// </summary>
public sealed class EtcHostsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    // libnetwork/etchosts v28 defaultContent (IPv6 lines included).
    private const string Base = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> CatAsync(ContainerStore store, string container)
    {
        var r = await store.ExecAsync(container, new ExecConfig(["cat", "/etc/hosts"]), Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(0, r.ExitCode);
        return r.Stdout;
    }

    [Fact]
    public async Task Connect_appends_the_new_address_and_disconnect_removes_it()
    {
        var (store, _) = await StockEngine.CreateAsync(Now, 1, "alpine");
        store.Networks.Create(new NetworkCreateOptions("back"));
        var id = store.Create(new ContainerConfig("alpine") { Cmd = ["sleep", "3600"] }, name: "app");
        await store.StartAsync(id, Ct);
        var host = id[..12];
        Assert.Equal(Base + $"172.17.0.2\t{host}\n", await CatAsync(store, "app"));

        await store.ConnectNetworkAsync("back", "app", cancellationToken: Ct);
        Assert.Equal(Base + $"172.17.0.2\t{host}\n172.18.0.2\t{host}\n", await CatAsync(store, "app"));
        Assert.DoesNotContain(store.Diff("app"), c => c.Path.StartsWith("/etc", StringComparison.Ordinal));

        await store.DisconnectNetworkAsync("back", "app", cancellationToken: Ct);
        Assert.Equal(Base + $"172.17.0.2\t{host}\n", await CatAsync(store, "app"));
        Assert.Empty(store.Diff("app"));
    }

    [Fact]
    public async Task Disconnect_keeps_other_lines_and_drops_empty_ones()
    {
        var (store, _) = await StockEngine.CreateAsync(Now, 1, "alpine");
        store.Networks.Create(new NetworkCreateOptions("back"));
        var id = store.Create(new ContainerConfig("alpine") { Cmd = ["sleep", "3600"] }, new HostConfig { NetworkMode = "back" }, "app");
        await store.StartAsync(id, Ct);
        await store.ConnectNetworkAsync("bridge", "app", cancellationToken: Ct);
        var host = id[..12];
        var edit = await store.ExecAsync("app", new ExecConfig(["sh", "-c", "echo >> /etc/hosts; echo '# mine' >> /etc/hosts; echo '10.1.2.3\tother' >> /etc/hosts"]), Ct)
            .WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(0, edit.ExitCode);

        // The bridge line goes; the user's lines stay, the empty one does not (etchosts.Delete skips empty lines).
        await store.DisconnectNetworkAsync("bridge", "app", cancellationToken: Ct);
        Assert.Equal(Base + $"172.18.0.2\t{host}\n# mine\n10.1.2.3\tother\n", await CatAsync(store, "app"));
        Assert.Empty(store.Diff("app")); // writes to the bind-mounted file are not changes of the container's layer
    }

    [Fact]
    public async Task Start_writes_a_line_per_network_with_the_hostnames_short_name()
    {
        var (store, _) = await StockEngine.CreateAsync(Now, 1, "alpine");
        store.Networks.Create(new NetworkCreateOptions("back"));
        var id = store.Create(new ContainerConfig("alpine") { Cmd = ["sleep", "3600"], Hostname = "web.example.com" }, name: "app");

        // Connected while created: no change to the file until the start joins both networks (libnetwork makeHostsRecs:
        // the FQDN and its first label).
        await store.ConnectNetworkAsync("back", "app", cancellationToken: Ct);
        Assert.Equal(Base + "172.17.0.2\tweb.example.com web\n", store.GetRootFileSystem("app").ReadAllText("/etc/hosts"));
        await store.StartAsync(id, Ct);
        Assert.Equal(Base + "172.17.0.2\tweb.example.com web\n172.18.0.2\tweb.example.com web\n", await CatAsync(store, "app"));
        Assert.Empty(store.Diff("app"));
    }
}
