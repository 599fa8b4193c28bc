namespace Simulator.Networking;

/// <summary>What <see cref="PortSpecs.Parse"/> makes of <c>-p</c> specs: the exposed ports and their bindings, as go-connections <c>nat.ParsePortSpecs</c> returns them.</summary>
/// <param name="ExposedPorts">The container ports (<c>80/tcp</c>), in first-seen order.</param>
/// <param name="Bindings">The bindings of each container port, in spec order.</param>
public sealed record PortSpecResult(IReadOnlyList<string> ExposedPorts, IReadOnlyDictionary<string, IReadOnlyList<PortBinding>> Bindings);
