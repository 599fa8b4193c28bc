namespace Simulator.DockerDotNet;

/// <summary>The transport options of <see cref="SimulatorHandlerFactory"/>: which handler serves the API.</summary>
/// <param name="Handler">The Engine API handler (an <see cref="Simulator.EngineApi.EngineApiHandler"/>, possibly wrapped, e.g. in a
/// <see cref="Simulator.EngineApi.PublishedPortForwarder"/>); shared by every client built with these options and not disposed by them.</param>
public sealed record SimulatorTransportOptions(HttpMessageHandler Handler);
