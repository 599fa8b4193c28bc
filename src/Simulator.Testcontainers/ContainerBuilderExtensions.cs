using System.Runtime.CompilerServices;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Simulator.Testcontainers;

/// <summary>Runs Testcontainers' containers on a <see cref="DockerSimulator"/>.</summary>
public static class ContainerBuilderExtensions
{
    private static readonly ConditionalWeakTable<DockerSimulator, SimulatorDockerEndpoint> Endpoints = new();

    /// <summary>The engine's Testcontainers endpoint: one per engine, created on first use.</summary>
    /// <param name="engine">The engine.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    public static SimulatorDockerEndpoint GetTestcontainersEndpoint(this DockerSimulator engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Endpoints.GetValue(engine, static e => new SimulatorDockerEndpoint(e));
    }

    /// <summary>
    /// <c>WithDockerEndpoint(engine.GetTestcontainersEndpoint())</c>, and turns the resource reaper off process-wide
    /// (<c>TestcontainersSettings.ResourceReaperEnabled = false</c>): Ryuk cannot run in process. Disposing the container still
    /// removes it and its anonymous volumes (<c>DELETE /containers/{id}?v=1&amp;force=1</c>); <c>WithCleanUp(false)</c> would only stop it.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="engine">The engine.</param>
    /// <returns>A configured builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ContainerBuilder WithDockerSimulator(this ContainerBuilder builder, DockerSimulator engine)
    {
        ArgumentNullException.ThrowIfNull(builder);
        TestcontainersSettings.ResourceReaperEnabled = false;
        return builder.WithDockerEndpoint(engine.GetTestcontainersEndpoint());
    }
}
