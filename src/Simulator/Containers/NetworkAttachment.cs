using Simulator.Networking;

namespace Simulator.Containers;

/// <summary>A container's membership of one network: its address (kept from create or connect until disconnect or remove) and, while running, its endpoint.</summary>
internal sealed class NetworkAttachment(NetworkStore.NetworkRecord network, IReadOnlyList<string> aliases, string ip)
{
    public NetworkStore.NetworkRecord Network { get; } = network;

    public IReadOnlyList<string> Aliases { get; } = aliases;

    public string Ip { get; } = ip;

    public string EndpointId { get; set; } = "";

    /// <summary>moby's generated MAC: <c>02:42</c> and the four address bytes.</summary>
    public string MacAddress => Ip.Length == 0 ? "" : "02:42:" + string.Join(':', Ip.Split('.').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
