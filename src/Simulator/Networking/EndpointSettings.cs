namespace Simulator.Networking;

/// <summary>A container's endpoint on one network, as <c>docker inspect</c>'s <c>NetworkSettings.Networks[name]</c> shows it (Engine API <c>EndpointSettings</c>). Immutable.</summary>
public sealed record EndpointSettings
{
    /// <summary>The network's ID (64 hex).</summary>
    public string NetworkID { get; init; } = "";

    /// <summary>The endpoint's ID (64 hex) while the container runs, else empty.</summary>
    public string EndpointID { get; init; } = "";

    /// <summary>The network's gateway while the container runs, else empty.</summary>
    public string Gateway { get; init; } = "";

    /// <summary>The container's address on the network while it runs, else empty.</summary>
    public string IPAddress { get; init; } = "";

    /// <summary>The subnet's prefix length while the container runs, else 0.</summary>
    public int IPPrefixLen { get; init; }

    /// <summary>The MAC address (<c>02:42:</c> + the address bytes) while the container runs, else empty.</summary>
    public string MacAddress { get; init; } = "";

    /// <summary>The aliases given with <c>--network-alias</c> / <c>docker network connect --alias</c>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The names other containers on a user-defined network resolve to it: its name, its 12-hex short ID and its aliases (empty on the default bridge, which has no embedded DNS).</summary>
    public IReadOnlyList<string> DNSNames { get; init; } = [];
}
