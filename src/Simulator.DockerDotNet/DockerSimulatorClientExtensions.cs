using System.Runtime.CompilerServices;
using Docker.DotNet;
using Simulator.EngineApi;

namespace Simulator.DockerDotNet;

/// <summary><see cref="IDockerClient"/>s over a <see cref="DockerSimulator"/>, served in process.</summary>
public static class DockerSimulatorClientExtensions
{
    /// <summary>The endpoint the in-process clients report (<c>http://docker.sim/</c>); nothing listens there.</summary>
    public static Uri Endpoint { get; } = new("http://docker.sim/");

    private static readonly ConditionalWeakTable<DockerSimulator, EngineApiHandler> Handlers = new();

    /// <summary>The engine's Engine API handler: one per engine, created on first use (exec instances live there).</summary>
    /// <param name="engine">The engine.</param>
    /// <returns>The handler.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    public static EngineApiHandler GetEngineApiHandler(this DockerSimulator engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Handlers.GetValue(engine, static e => new EngineApiHandler(e));
    }

    /// <summary>A Docker.DotNet client builder wired to the engine (endpoint <see cref="Endpoint"/>, the in-process transport).</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="apiVersion">The API version for the paths (<c>/v1.44/...</c>); <see langword="null"/> sends unversioned paths, as Docker.DotNet does by default.</param>
    /// <returns>The builder; add a timeout or headers, then <c>Build()</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    public static DockerClientBuilder<SimulatorTransportOptions> CreateDockerClientBuilder(this DockerSimulator engine, Version? apiVersion = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var builder = new DockerClientBuilder().WithEndpoint(Endpoint);
        if (apiVersion is not null)
        {
            builder = builder.WithApiVersion(apiVersion);
        }

        return builder.WithTransportOptions(SimulatorHandlerFactory.Instance, new SimulatorTransportOptions(engine.GetEngineApiHandler()));
    }

    /// <summary>
    /// An <see cref="IDockerClient"/> whose every call is served by the engine in process, e.g.
    /// <c>using var docker = sim.CreateDockerClient(); await docker.Containers.ListContainersAsync(new() { All = true });</c>.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="apiVersion">As <see cref="CreateDockerClientBuilder"/>.</param>
    /// <returns>The client; dispose it (the engine lives on).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    public static IDockerClient CreateDockerClient(this DockerSimulator engine, Version? apiVersion = null) =>
        engine.CreateDockerClientBuilder(apiVersion).Build();
}
