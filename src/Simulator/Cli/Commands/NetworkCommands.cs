using Simulator.Cli.CommandLine;
using Simulator.Cli.Formatting;
using Simulator.Networking;

namespace Simulator.Cli.Commands;

/// <summary>The network commands (docker/cli v28.2.2 cli/command/network/*.go).</summary>
internal static class NetworkCommands
{
    /// <summary><c>docker network create</c>: prints the ID.</summary>
    public static Task<int> CreateAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        var subnets = f.List("subnet");
        var gateways = f.List("gateway");
        if (gateways.Count > subnets.Count)
        {
            // docker/cli create.go consolidateIpam
            throw new CliError("every ip-range or gateway must have a corresponding subnet");
        }

        foreach (var g in gateways)
        {
            if (!subnets.Any(s => SubnetMatches(s, g)))
            {
                throw new CliError($"no matching subnet for gateway {g}");
            }
        }

        var network = inv.Engine.Containers.Networks.Create(new NetworkCreateOptions(inv.Args[0])
        {
            Driver = f.String("driver", "bridge")!,
            Subnet = subnets.Count > 0 ? subnets[0] : null,
            Gateway = gateways.Count > 0 ? gateways[0] : null,
            Internal = f.Bool("internal"),
            Attachable = f.Bool("attachable"),
            Labels = f.KeyValues("label"),
            Options = f.KeyValues("opt"),
        });
        inv.Out.WriteLine(network.Id);
        return Task.FromResult(0);
    }

    // docker/cli create.go subnetMatches: whether the address (or CIDR) data lies in the subnet.
    private static bool SubnetMatches(string subnet, string data)
    {
        if (!NetworkStore.Subnet.TryParse(subnet, out var s))
        {
            throw new CliError($"invalid subnet: invalid CIDR address: {subnet}");
        }

        var slash = data.IndexOf('/', StringComparison.Ordinal);
        return System.Net.IPAddress.TryParse(slash < 0 ? data : data[..slash], out var ip)
            && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && s.Contains(ip);
    }

    /// <summary><c>docker network ls</c>: NETWORK ID, NAME, DRIVER, SCOPE sorted by name.</summary>
    public static Task<int> ListAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        var now = inv.Engine.TimeProvider.GetUtcNow();
        var rows = inv.Engine.Containers.Networks.List(f.List("filter")).Select(n => new NetworkContext(n, !f.Bool("no-trunc"))).ToList();
        inv.Out.Write(TableFormatter.Render(f.String("format"), rows, NetworkContext.Columns, f.Bool("quiet"), r => r.ToJson(), new NetworkHeader()));
        return Task.FromResult(0);
    }

    /// <summary><c>docker network inspect</c>.</summary>
    public static Task<int> InspectAsync(CliInvocation inv) =>
        InspectCommands.WriteAsync(inv, name => InspectJson.Network(inv.Engine.Containers.Networks.Inspect(name)));

    /// <summary><c>docker network rm</c> (remove.go): echoes each; on failure the errors, then <c>exit status 1</c>.</summary>
    public static Task<int> RemoveAsync(CliInvocation inv)
    {
        bool failed = false;
        foreach (var name in inv.Args)
        {
            try
            {
                inv.Engine.Containers.Networks.Remove(name);
                inv.Out.WriteLine(name);
            }
            catch (DockerSimulatorException ex)
            {
                if (inv.Flags.Bool("force") && ex.Kind == ErrorKind.NotFound)
                {
                    continue;
                }

                inv.Err.WriteLine("Error response from daemon: " + ex.Message);
                failed = true;
            }
        }

        return failed ? throw new CliError("exit status 1") : Task.FromResult(0);
    }

    /// <summary><c>docker network connect</c>.</summary>
    public static async Task<int> ConnectAsync(CliInvocation inv)
    {
        await inv.Engine.Containers.ConnectNetworkAsync(inv.Args[0], inv.Args[1], inv.Flags.List("alias"), inv.CancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary><c>docker network disconnect</c>.</summary>
    public static async Task<int> DisconnectAsync(CliInvocation inv)
    {
        await inv.Engine.Containers.DisconnectNetworkAsync(inv.Args[0], inv.Args[1], inv.Flags.Bool("force"), inv.CancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary><c>docker network prune</c> (prune.go).</summary>
    public static async Task<int> PruneAsync(CliInvocation inv)
    {
        if (!inv.Flags.Bool("force") && !await ImageCommands.PromptAsync(inv, "WARNING! This will remove all custom networks not used by at least one container.").ConfigureAwait(false))
        {
            return 0;
        }

        var removed = inv.Engine.Containers.Networks.Prune(inv.Flags.List("filter"));
        if (removed.Count > 0)
        {
            inv.Out.WriteLine("Deleted Networks:\n" + string.Join("", removed.Select(r => r + "\n")));
        }

        return 0;
    }
}

/// <summary>A row of <c>docker network ls</c> (formatter/network.go).</summary>
[Templates.GoTypeName("*formatter.networkContext")]
internal sealed class NetworkContext(NetworkResource n, bool trunc)
{
    public static readonly IReadOnlyList<Column<NetworkContext>> Columns =
    [
        new("ID", "NETWORK ID", x => x.ID),
        new("Name", "NAME", x => x.Name),
        new("Driver", "DRIVER", x => x.Driver),
        new("Scope", "SCOPE", x => x.Scope),
    ];

    public string ID => trunc ? Text.ShortId(n.Id) : n.Id;

    public string Name => n.Name;

    public string Driver => n.Driver;

    public string Scope => n.Scope;

    public string IPv6 => n.EnableIPv6 ? "true" : "false";

    public string Internal => n.Internal ? "true" : "false";

    public string Labels => string.Join(",", n.Labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    public string Label(string name) => n.Labels.TryGetValue(name, out var v) ? v : "";

    public string CreatedAt => Text.GoTime(n.Created);

    public SortedDictionary<string, string> ToJson() => new(StringComparer.Ordinal)
    {
        ["CreatedAt"] = CreatedAt, ["Driver"] = Driver, ["ID"] = ID, ["IPv6"] = IPv6, ["Internal"] = Internal, ["Labels"] = Labels, ["Name"] = Name, ["Scope"] = Scope,
    };
}

/// <summary>The header row of <c>docker network ls</c> tables.</summary>
internal sealed class NetworkHeader
{
    public string ID => "NETWORK ID";

    public string Name => "NAME";

    public string Driver => "DRIVER";

    public string Scope => "SCOPE";

    public string IPv6 => "IPV6";

    public string Internal => "INTERNAL";

    public string Labels => "LABELS";

    public string CreatedAt => "CREATED AT";

    public string Label(string name) => HeaderText.Label(name);
}
