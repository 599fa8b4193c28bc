using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using DotNet.Testcontainers.Configurations;
using Simulator.DockerDotNet;
using Simulator.EngineApi;

namespace Simulator.Testcontainers;

/// <summary>
/// A Testcontainers (4.16) Docker endpoint served by a <see cref="DockerSimulator"/> in process: pass it to
/// <c>ContainerBuilder.WithDockerEndpoint(...)</c>. Every Docker call goes to the engine's Engine API handler through
/// <see cref="SimulatorHandlerFactory"/>; the published ports of running containers are forwarded on real loopback TCP
/// (<see cref="PublishedPortForwarder"/>), so Testcontainers' HTTP wait strategy and test code reach them at
/// <c>127.0.0.1:&lt;mapped port&gt;</c>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Endpoint"/> is <c>http://127.0.0.1:&lt;n&gt;/</c> with an <c>n</c> unique to this instance: Testcontainers caches
/// its Docker clients by endpoint and takes the container <c>Hostname</c> from it. Nothing listens at that port.
/// </para>
/// <para>
/// The resource reaper (Ryuk) cannot run in process (it needs a Docker socket mounted into a real container): set
/// <c>TestcontainersSettings.ResourceReaperEnabled = false</c> (<see cref="ContainerBuilderExtensions.WithDockerSimulator"/> does).
/// Published host ports are real loopback ports: engines with the same seed allocate the same ports, so give engines used
/// at the same time different seeds (a port taken on the machine is not forwarded). Thread-safe; dispose it to close the
/// port forwarders.
/// </para>
/// </remarks>
public sealed class SimulatorDockerEndpoint : IDockerEndpointAuthenticationConfiguration, IDisposable
{
    private static int s_next;
    private readonly PublishedPortForwarder _forwarder;

    /// <summary>Creates an endpoint over <paramref name="engine"/>'s shared Engine API handler.</summary>
    /// <param name="engine">The engine.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    public SimulatorDockerEndpoint(DockerSimulator engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        _forwarder = new PublishedPortForwarder(engine.GetEngineApiHandler(), disposeInner: false);
        Endpoint = new Uri("http://127.0.0.1:" + (40000 + (Interlocked.Increment(ref s_next) % 20000)) + "/");
    }

    /// <summary>The engine.</summary>
    public DockerSimulator Engine { get; }

    /// <summary>No fixed API version: Testcontainers picks its own (1.44).</summary>
    public Version? Version => null;

    /// <summary>The endpoint Testcontainers sees (see the remarks).</summary>
    public Uri Endpoint { get; }

    /// <summary>No authentication.</summary>
    public IAuthProvider AuthProvider => NoopAuthProvider.Instance;

    /// <summary>A Docker.DotNet client builder on the in-process transport, with Testcontainers' session header.</summary>
    /// <param name="sessionId">Testcontainers' session.</param>
    /// <returns>The builder.</returns>
    public DockerClientBuilder GetDockerClientBuilder(Guid sessionId) =>
        new DockerClientBuilder()
            .WithEndpoint(Endpoint)
            .WithHeader("x-tc-sid", sessionId.ToString("D"))
            .WithTransportOptions(SimulatorHandlerFactory.Instance, new SimulatorTransportOptions(_forwarder));

    /// <summary>Closes the port forwarders.</summary>
    public void Dispose() => _forwarder.Dispose();
}
