namespace Simulator.Networking;

/// <summary>The Engine API's container list <c>Port</c> (what <c>docker ps</c> renders in PORTS).</summary>
/// <param name="Ip">The host address, or empty when the port is only exposed.</param>
/// <param name="PrivatePort">The container port.</param>
/// <param name="PublicPort">The host port, or 0 when unset.</param>
/// <param name="Type">The protocol: <c>tcp</c>, <c>udp</c>, <c>sctp</c>.</param>
public sealed record ContainerPort(string Ip, int PrivatePort, int PublicPort, string Type);
