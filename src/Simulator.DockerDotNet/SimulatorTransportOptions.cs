using Simulator.EngineApi;

namespace Simulator.DockerDotNet;

/// <summary>The transport options of <see cref="SimulatorHandlerFactory"/>: which handler serves the API.</summary>
/// <param name="Handler">The Engine API handler (one per engine; shared by every client built with these options).</param>
public sealed record SimulatorTransportOptions(EngineApiHandler Handler);
