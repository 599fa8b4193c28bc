namespace Simulator.Networking;

/// <summary><c>docker network inspect</c> of one network (Engine API <c>network.Inspect</c>) at one moment. Immutable.</summary>
public sealed record NetworkResource
{
    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The ID (64 hex; from the engine's seed).</summary>
    public required string Id { get; init; }

    /// <summary>When it was created (the engine's start for the predefined networks).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Always <c>local</c>.</summary>
    public string Scope => "local";

    /// <summary>The driver: <c>bridge</c>, <c>host</c> or <c>null</c> (the <c>none</c> network).</summary>
    public required string Driver { get; init; }

    /// <summary>Whether IPv6 is enabled: always <see langword="false"/>.</summary>
    public bool EnableIPv6 => false;

    /// <summary>The IPAM driver: <c>default</c>.</summary>
    public string IpamDriver => "default";

    /// <summary>The IPAM configs: one subnet and gateway for bridge networks, none for host and none.</summary>
    public IReadOnlyList<IpamConfig> IpamConfig { get; init; } = [];

    /// <summary><c>--internal</c>.</summary>
    public bool Internal { get; init; }

    /// <summary><c>--attachable</c>.</summary>
    public bool Attachable { get; init; }

    /// <summary>The running containers' endpoints by container ID.</summary>
    public IReadOnlyDictionary<string, NetworkEndpoint> Containers { get; init; } = new Dictionary<string, NetworkEndpoint>(StringComparer.Ordinal);

    /// <summary>Driver options (the default bridge's <c>com.docker.network.bridge.*</c>).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>One IPAM pool of a network.</summary>
/// <param name="Subnet">The subnet in CIDR form, e.g. <c>172.18.0.0/16</c>.</param>
/// <param name="Gateway">The gateway, e.g. <c>172.18.0.1</c>.</param>
public sealed record IpamConfig(string Subnet, string Gateway);

/// <summary>A running container's endpoint as <c>docker network inspect</c>'s <c>Containers</c> lists it.</summary>
/// <param name="Name">The container's name (no slash).</param>
/// <param name="EndpointID">The endpoint's ID (64 hex).</param>
/// <param name="MacAddress">The MAC address.</param>
/// <param name="IPv4Address">The address with its prefix, e.g. <c>172.18.0.2/16</c>.</param>
/// <param name="IPv6Address">Empty (no IPv6).</param>
public sealed record NetworkEndpoint(string Name, string EndpointID, string MacAddress, string IPv4Address, string IPv6Address);
