using Docker.DotNet.Handler.Abstractions;
using Microsoft.Extensions.Logging;
using Simulator.EngineApi;

namespace Simulator.DockerDotNet;

/// <summary>
/// A Docker.DotNet (Enhanced 4.3) transport that serves every request in process with an <see cref="EngineApiHandler"/>
/// and hijacks <c>attach</c>/<c>exec start</c> onto an in-memory duplex stream: no socket, no daemon.
/// </summary>
/// <remarks>
/// Pass it to <c>DockerClientBuilder.WithTransportOptions(SimulatorHandlerFactory.Instance, new SimulatorTransportOptions(handler))</c>,
/// or use <see cref="DockerSimulatorClientExtensions.CreateDockerClient(DockerSimulator, Version?)"/>. The handler is not
/// disposed with the client. Thread-safe.
/// </remarks>
public sealed class SimulatorHandlerFactory : IDockerHandlerFactory<SimulatorTransportOptions>
{
    /// <summary>The one instance (the factory holds no state).</summary>
    public static SimulatorHandlerFactory Instance { get; } = new();

    /// <summary>Gives the options' handler, wrapped so the client's disposal does not dispose it.</summary>
    /// <param name="transportOptions">The options.</param>
    /// <param name="clientOptions">The resolved client options (their endpoint is kept as the effective endpoint).</param>
    /// <param name="logger">Unused.</param>
    /// <returns>The transport.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transportOptions"/> or <paramref name="clientOptions"/> is <see langword="null"/>.</exception>
    public ResolvedTransport CreateHandler(SimulatorTransportOptions transportOptions, ResolvedClientOptions clientOptions, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(transportOptions);
        ArgumentNullException.ThrowIfNull(clientOptions);
        return new ResolvedTransport(new NonDisposingHandler(transportOptions.Handler), clientOptions.Endpoint);
    }

    /// <summary>Not supported: the factory needs its <see cref="SimulatorTransportOptions"/>.</summary>
    /// <param name="clientOptions">Unused.</param>
    /// <param name="logger">Unused.</param>
    /// <returns>Never.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) =>
        throw new NotSupportedException("The simulator transport needs SimulatorTransportOptions (the engine's EngineApiHandler).");

    /// <summary>Opens the in-memory connection of a <c>101 UPGRADED</c> response.</summary>
    /// <param name="content">The response content, an <see cref="UpgradedContent"/>.</param>
    /// <returns>The client end; <c>CloseWrite</c> ends the process's stdin.</returns>
    /// <exception cref="NotSupportedException"><paramref name="content"/> is not from an <see cref="EngineApiHandler"/>.</exception>
    public Task<WriteClosableStream> HijackStreamAsync(HttpContent content)
    {
        if (content is not UpgradedContent upgraded)
        {
            throw new NotSupportedException("The response was not upgraded by the simulator's Engine API.");
        }

        return Task.FromResult<WriteClosableStream>(new DuplexWriteClosableStream(upgraded.OpenClientStream()));
    }

    private sealed class NonDisposingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
            // The engine's handler outlives the clients.
        }
    }
}
