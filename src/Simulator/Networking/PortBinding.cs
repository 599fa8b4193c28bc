namespace Simulator.Networking;

/// <summary>
/// The Engine API's <c>PortBinding</c> (go-connections <c>nat.PortBinding</c>): where a container port is published
/// on the host. Empty strings mean unset: any address, or a port the daemon picks.
/// </summary>
/// <param name="HostIp">The host address (<c>0.0.0.0</c>, <c>::</c>, <c>127.0.0.1</c>...), or empty for all.</param>
/// <param name="HostPort">The host port or range (<c>8080</c>, <c>8000-8010</c>), or empty for an ephemeral one.</param>
public sealed record PortBinding(string HostIp, string HostPort);
