using System.Globalization;
using System.Net;
using Simulator.Containers;
using Simulator.Events;
using Simulator.Volumes;

namespace Simulator.Networking;

/// <summary>
/// The engine's networks (<c>docker network create/ls/inspect/rm/prune</c>): the predefined <c>bridge</c>
/// (<c>172.17.0.0/16</c>), <c>host</c> and <c>none</c>, and user-defined bridge networks with subnets from Docker's
/// default address pools (<c>172.18.0.0/16</c> … <c>172.31.0.0/16</c>, then <c>192.168.0.0/20</c>, <c>192.168.16.0/20</c>, …;
/// moby libnetwork/ipamutils), IDs from the engine's seed. Containers join them through
/// <see cref="Containers.ContainerStore.ConnectNetworkAsync"/> and <c>--network</c> (<see cref="Containers.HostConfig.NetworkMode"/>).
/// </summary>
/// <remarks>
/// <para>On a user-defined network containers resolve each other by name, 12-hex short ID and alias (the embedded
/// DNS); on the default bridge they do not, as Docker. Addresses are taken when a container is created or connected
/// and given back when it is disconnected or removed (lowest free first).</para>
/// <para><b>Thread-safety.</b> Every member is safe to call from many threads.</para>
/// </remarks>
public sealed class NetworkStore
{
    /// <summary>The predefined networks' names.</summary>
    public static readonly IReadOnlyList<string> Predefined = ["bridge", "host", "none"];

    private static readonly string[] ListFilterKeys = ["dangling", "driver", "id", "label", "name", "scope", "type"];
    private static readonly string[] PruneFilterKeys = ["label", "label!", "until"];
    private readonly Lock _gate = new();
    private readonly List<NetworkRecord> _networks = [];
    private readonly Random _random;
    private readonly TimeProvider _time;
    private readonly Func<EventLog?> _events;

    /// <summary>Creates a store holding the predefined networks.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="seed">The seed for network and endpoint IDs.</param>
    /// <param name="events">The event log network events go to; none when <see langword="null"/>.</param>
    public NetworkStore(TimeProvider? timeProvider = null, int seed = 0, EventLog? events = null)
        : this(timeProvider, seed, () => events)
    {
    }

    internal NetworkStore(TimeProvider? timeProvider, int seed, Func<EventLog?> events)
    {
        _time = timeProvider ?? TimeProvider.System;
        _random = new Random(unchecked((seed * 7919) + 0x4E7));
        _events = events;
        var now = _time.GetUtcNow();
        _networks.Add(new NetworkRecord(NewId(), "bridge", "bridge", now, Subnet.Parse("172.17.0.0/16"), "172.17.0.1")
        {
            Options = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["com.docker.network.bridge.default_bridge"] = "true",
                ["com.docker.network.bridge.enable_icc"] = "true",
                ["com.docker.network.bridge.enable_ip_masquerade"] = "true",
                ["com.docker.network.bridge.host_binding_ipv4"] = "0.0.0.0",
                ["com.docker.network.bridge.name"] = "docker0",
                ["com.docker.network.driver.mtu"] = "1500",
            },
        });
        _networks.Add(new NetworkRecord(NewId(), "host", "host", now, null, ""));
        _networks.Add(new NetworkRecord(NewId(), "none", "null", now, null, ""));
    }

    /// <summary>The default bridge's ID.</summary>
    public string BridgeId => _networks[0].Id;

    /// <summary>
    /// <c>docker network create</c>: a bridge network with the given or the next free default subnet; publishes the
    /// <c>network create</c> event.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.Forbidden"/> <c>operation is not permitted on predefined bridge network </c> (moby's text has the trailing space);
    /// <see cref="ErrorKind.Conflict"/> <c>network with name x already exists</c>; <see cref="ErrorKind.InvalidArgument"/> an invalid
    /// subnet (<c>invalid CIDR address: x</c>), <c>Pool overlaps with other one on this address space</c>,
    /// <c>no available network</c> when the pools are used up.
    /// </exception>
    public NetworkResource Create(NetworkCreateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Predefined.Contains(options.Name, StringComparer.Ordinal))
        {
            throw new DockerSimulatorException(ErrorKind.Forbidden, $"operation is not permitted on predefined {options.Name} network ");
        }

        lock (_gate)
        {
            if (_networks.Any(n => n.Name == options.Name))
            {
                throw new DockerSimulatorException(ErrorKind.Conflict, $"network with name {options.Name} already exists");
            }

            Subnet subnet;
            if (options.Subnet is not null)
            {
                subnet = Subnet.TryParse(options.Subnet, out var parsed)
                    ? parsed
                    : throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"invalid CIDR address: {options.Subnet}");
                if (options.Subnet[..options.Subnet.IndexOf('/', StringComparison.Ordinal)] != subnet.Address(0))
                {
                    // moby ValidateIPAM: host bits set
                    throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"invalid network config:\ninvalid subnet {options.Subnet}: it should be {subnet}");
                }

                if (_networks.Any(n => n.Subnet is { } s && s.Overlaps(subnet)))
                {
                    throw new DockerSimulatorException(ErrorKind.Forbidden, "Pool overlaps with other one on this address space");
                }
            }
            else
            {
                subnet = DefaultPools().FirstOrDefault(p => !_networks.Any(n => n.Subnet is { } s && s.Overlaps(p)))
                    ?? throw new DockerSimulatorException(ErrorKind.InvalidArgument, "all predefined address pools have been fully subnetted");
            }

            var gateway = options.Gateway ?? subnet.Address(1);
            if (options.Gateway is not null)
            {
                ValidateGateway(options, subnet);
            }

            var rec = new NetworkRecord(NewId(), options.Name, options.Driver, _time.GetUtcNow(), subnet, gateway)
            {
                Internal = options.Internal,
                Attachable = options.Attachable,
                Labels = new Dictionary<string, string>(options.Labels, StringComparer.Ordinal),
                Options = new Dictionary<string, string>(options.Options, StringComparer.Ordinal),
            };
            rec.Used.Add(subnet.HostIndex(gateway));
            _networks.Add(rec);
            Publish(rec, "create");
            return rec.ToResource();
        }
    }

    /// <summary><c>docker network inspect</c>: by full ID, full name, then unique ID prefix (moby findUniqueNetwork).</summary>
    /// <param name="idOrName">The ID, name or ID prefix.</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="idOrName"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.NotFound"/> <c>network x not found</c>; <see cref="ErrorKind.InvalidArgument"/> <c>network x is ambiguous (2 matches found based on ID prefix)</c>.</exception>
    public NetworkResource Inspect(string idOrName)
    {
        lock (_gate)
        {
            return Find(idOrName).ToResource();
        }
    }

    /// <summary><c>docker network ls</c>: the networks sorted by name (as the CLI sorts), filtered (moby daemon/network/filter.go).</summary>
    /// <param name="filters"><c>driver</c>, <c>id</c>, <c>name</c> (regular expressions), <c>label</c>, <c>scope</c>, <c>type</c> (<c>custom</c>|<c>builtin</c>), <c>dangling</c> (<c>true</c>: no containers).</param>
    /// <returns>The networks.</returns>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: <c>invalid filter 'x'</c>, <c>invalid filter: 'type'='x'</c>, a bad <c>dangling</c> value.</exception>
    public IReadOnlyList<NetworkResource> List(IEnumerable<string>? filters = null)
    {
        var args = FilterArgs.Parse(filters);
        args.Validate(ListFilterKeys);
        foreach (var t in args.Get("type"))
        {
            if (t is not ("custom" or "builtin"))
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"invalid filter: 'type'='{t}'");
            }
        }

        bool? dangling = null;
        var danglingValues = args.Get("dangling");
        if (danglingValues.Count > 1)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "got more than one value for filter key \"dangling\"");
        }

        if (danglingValues.Count == 1)
        {
            dangling = danglingValues[0] switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw new DockerSimulatorException(ErrorKind.InvalidArgument, "invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")"),
            };
        }

        lock (_gate)
        {
            return _networks
                .Where(n => args.ExactMatch("driver", n.Driver)
                    && args.MatchOrEmpty("name", n.Name)
                    && args.MatchOrEmpty("id", n.Id)
                    && args.MatchKeyValueList("label", n.Labels)
                    && args.ExactMatch("scope", "local")
                    && (args.Get("type").Count == 0 || args.Get("type").Contains(Predefined.Contains(n.Name) ? "builtin" : "custom"))
                    && (dangling is null || dangling == (n.Endpoints.Count == 0 && !Predefined.Contains(n.Name))))
                .OrderBy(n => n.Name, NaturalOrder.Instance)
                .Select(n => n.ToResource())
                .ToList();
        }
    }

    /// <summary><c>docker network rm</c>: removes a user-defined network without running containers; publishes <c>network destroy</c>.</summary>
    /// <param name="idOrName">The ID, name or ID prefix.</param>
    /// <exception cref="DockerSimulatorException">
    /// As <see cref="Inspect"/>; <see cref="ErrorKind.Forbidden"/> <c>bridge is a pre-defined network and cannot be removed</c>,
    /// <c>error while removing network: network x has active endpoints (name:"web" id:"0123456789ab")</c> (moby daemon/network.go, libnetwork/error.go).
    /// </exception>
    public void Remove(string idOrName)
    {
        lock (_gate)
        {
            var n = Find(idOrName);
            if (Predefined.Contains(n.Name, StringComparer.Ordinal))
            {
                throw new DockerSimulatorException(ErrorKind.Forbidden, $"{n.Name} is a pre-defined network and cannot be removed");
            }

            if (n.Endpoints.Count > 0)
            {
                var list = string.Join(", ", n.Endpoints.Values.Select(e => $"name:\"{e.Name}\" id:\"{e.EndpointID[..12]}\""));
                throw new DockerSimulatorException(ErrorKind.Forbidden, $"error while removing network: network {n.Name} has active endpoints ({list})");
            }

            _networks.Remove(n);
            n.Removed = true;
            Publish(n, "destroy");
        }
    }

    /// <summary><c>docker network prune</c>: removes user-defined networks without running containers (moby daemon/prune.go).</summary>
    /// <param name="filters"><c>until</c> (a duration like <c>24h</c>, a Unix time or an RFC 3339 time), <c>label</c>, <c>label!</c>.</param>
    /// <returns>The names removed, sorted.</returns>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: <c>invalid filter 'x'</c>, a bad <c>until</c>.</exception>
    public IReadOnlyList<string> Prune(IEnumerable<string>? filters = null)
    {
        var args = FilterArgs.Parse(filters);
        args.Validate(PruneFilterKeys);
        var until = PruneFilters.Until(args, _time.GetUtcNow());
        lock (_gate)
        {
            var removed = new List<string>();
            foreach (var n in _networks.ToList())
            {
                if (Predefined.Contains(n.Name) || n.Endpoints.Count > 0 || (until is not null && n.Created > until.Value) || !PruneFilters.MatchLabels(args, n.Labels))
                {
                    continue;
                }

                _networks.Remove(n);
                n.Removed = true;
                Publish(n, "destroy");
                removed.Add(n.Name);
            }

            removed.Sort(StringComparer.Ordinal);

            // moby daemon/prune.go NetworksPrune
            _events()?.Publish(EventTypes.Network, "prune", "", [new("reclaimed", "0")]);
            return removed;
        }
    }

    internal NetworkRecord Find(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        lock (_gate)
        {
            var byId = _networks.FirstOrDefault(n => n.Id == idOrName);
            if (byId is not null)
            {
                return byId;
            }

            var byName = _networks.FirstOrDefault(n => n.Name == idOrName);
            if (byName is not null)
            {
                return byName;
            }

            var byPrefix = idOrName.Length == 0 ? [] : _networks.Where(n => n.Id.StartsWith(idOrName, StringComparison.Ordinal)).ToList();
            if (byPrefix.Count > 1)
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"network {idOrName} is ambiguous ({byPrefix.Count} matches found based on ID prefix)");
            }

            return byPrefix.Count == 1 ? byPrefix[0] : throw new DockerSimulatorException(ErrorKind.NotFound, $"network {idOrName} not found");
        }
    }

    /// <summary>Reserves the lowest free address of a user-defined network for <paramref name="owner"/>.</summary>
    internal string Allocate(NetworkRecord n, string owner)
    {
        lock (_gate)
        {
            if (n.Allocations.TryGetValue(owner, out var ip))
            {
                return ip;
            }

            var subnet = n.Subnet ?? throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"network {n.Name} has no address pool");
            var host = n.Used.LowestFree();

            if (host >= subnet.Size - 1)
            {
                throw new DockerSimulatorException(ErrorKind.Conflict, "no available IPv4 addresses on this network's address pools: " + n.Name);
            }

            n.Used.Add(host);
            ip = subnet.Address(host);
            n.Allocations[owner] = ip;
            return ip;
        }
    }

    internal void Release(NetworkRecord n, string owner)
    {
        lock (_gate)
        {
            if (n.Allocations.Remove(owner, out var ip) && n.Subnet is { } subnet)
            {
                n.Used.Remove(subnet.HostIndex(ip));
            }
        }
    }

    /// <summary>Records a running container's endpoint (inspect's <c>Containers</c>, DNS) and publishes <c>network connect</c>.</summary>
    internal void Activate(NetworkRecord n, string containerId, NetworkEndpoint endpoint, IReadOnlyList<string> dnsNames)
    {
        lock (_gate)
        {
            n.Endpoints[containerId] = endpoint;
            n.DnsNames[containerId] = dnsNames;
            Publish(n, "connect", ("container", containerId));
        }
    }

    /// <summary>Drops a container's endpoint and publishes <c>network disconnect</c>.</summary>
    internal void Deactivate(NetworkRecord n, string containerId)
    {
        lock (_gate)
        {
            if (n.Endpoints.Remove(containerId))
            {
                n.DnsNames.Remove(containerId);
                Publish(n, "disconnect", ("container", containerId));
            }
        }
    }

    /// <summary>The embedded DNS: the address of the container named <paramref name="host"/> on one of <paramref name="networkIds"/> (user-defined networks only).</summary>
    internal string? Resolve(IEnumerable<string> networkIds, string host)
    {
        lock (_gate)
        {
            foreach (var id in networkIds)
            {
                var n = _networks.FirstOrDefault(x => x.Id == id);
                if (n is null || Predefined.Contains(n.Name))
                {
                    continue;
                }

                foreach (var (cid, names) in n.DnsNames)
                {
                    if (names.Contains(host, StringComparer.OrdinalIgnoreCase) && n.Endpoints.TryGetValue(cid, out var ep))
                    {
                        return ep.IPv4Address.Split('/')[0];
                    }
                }
            }

            return null;
        }
    }

    internal string NewEndpointId()
    {
        lock (_gate)
        {
            return NewId();
        }
    }

    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[32];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private void Publish(NetworkRecord n, string action, params (string Key, string Value)[] extra)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = n.Name, ["type"] = n.Driver };
        foreach (var (k, v) in extra)
        {
            attributes[k] = v;
        }

        _events()?.Publish(EventTypes.Network, action, n.Id, attributes);
    }

    private static IEnumerable<Subnet> DefaultPools()
    {
        // moby libnetwork/ipamutils: 172.17.0.0/16 (the bridge) … 172.31.0.0/16, then 192.168.0.0/16 split into /20s.
        for (int b = 18; b <= 31; b++)
        {
            yield return Subnet.Parse($"172.{b}.0.0/16");
        }

        for (int c = 0; c < 256; c += 16)
        {
            yield return Subnet.Parse($"192.168.{c}.0/20");
        }
    }


    // moby api/types/network ValidateIPAM: a gateway needs its subnet and must be an address in it.
    private static void ValidateGateway(NetworkCreateOptions options, Subnet subnet)
    {
        var gateway = options.Gateway!;
        string? error = options.Subnet is null ? "invalid subnet : invalid CIDR block notation"
            : !IPAddress.TryParse(gateway, out var ip) || gateway.Contains(':', StringComparison.Ordinal) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? $"invalid gateway {gateway}: invalid address"
            : ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork ? $"invalid gateway {gateway}: parent subnet is an IPv4 block"
            : !subnet.Contains(ip) ? $"invalid gateway {gateway}: parent subnet {options.Subnet} doesn't contain this address"
            : null;
        if (error is not null)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "invalid network config:\n" + error);
        }
    }

    /// <summary>An IPv4 subnet.</summary>
    internal sealed record Subnet(uint Network, int PrefixLength)
    {
        public uint Size => PrefixLength == 0 ? uint.MaxValue : 1u << (32 - PrefixLength);

        public static Subnet Parse(string cidr) => TryParse(cidr, out var s) ? s : throw new FormatException(cidr);

        public static bool TryParse(string cidr, out Subnet subnet)
        {
            subnet = null!;
            var slash = cidr.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
                || !int.TryParse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix is < 1 or > 30)
            {
                return false;
            }

            var bytes = ip.GetAddressBytes();
            uint value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
            uint mask = uint.MaxValue << (32 - prefix);
            subnet = new Subnet(value & mask, prefix);
            return true;
        }

        public bool Overlaps(Subnet other)
        {
            int p = Math.Min(PrefixLength, other.PrefixLength);
            uint mask = uint.MaxValue << (32 - p);
            return (Network & mask) == (other.Network & mask);
        }

        public bool Contains(IPAddress ip)
        {
            var bytes = ip.GetAddressBytes();
            uint value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
            return (value & (uint.MaxValue << (32 - PrefixLength))) == Network;
        }

        public string Address(uint host)
        {
            uint v = Network + host;
            return string.Create(CultureInfo.InvariantCulture, $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}");
        }

        public uint HostIndex(string ip)
        {
            var parts = ip.Split('.').Select(p => uint.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) - Network;
        }

        public override string ToString() => Address(0) + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A network's mutable state; guarded by the store's lock.</summary>
    internal sealed class NetworkRecord(string id, string name, string driver, DateTimeOffset created, Subnet? subnet, string gateway)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public string Driver { get; } = driver;

        public DateTimeOffset Created { get; } = created;

        public Subnet? Subnet { get; } = subnet;

        public string Gateway { get; } = gateway;

        public bool Internal { get; init; }

        public bool Attachable { get; init; }

        public bool Removed { get; set; }

        public bool IsDefaultBridge => Name == "bridge";

        public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public HostIndexPool Used { get; } = new(1);

        public Dictionary<string, string> Allocations { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, NetworkEndpoint> Endpoints { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, IReadOnlyList<string>> DnsNames { get; } = new(StringComparer.Ordinal);

        public NetworkResource ToResource() => new()
        {
            Name = Name,
            Id = Id,
            Created = Created,
            Driver = Driver,
            IpamConfig = Subnet is null ? [] : [new IpamConfig(Subnet.ToString(), Gateway)],
            Internal = Internal,
            Attachable = Attachable,
            Containers = new Dictionary<string, NetworkEndpoint>(Endpoints, StringComparer.Ordinal),
            Options = Options,
            Labels = Labels,
        };
    }
}
