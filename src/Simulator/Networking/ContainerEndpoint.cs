using System.Collections.Concurrent;
using Simulator.Processes;

namespace Simulator.Networking;

/// <summary>A container's (or a detached namespace's) network namespace: its listeners and its address.</summary>
internal sealed class ContainerEndpoint : IProcessNetwork
{
    // Created by the first ListenHttp: most containers never listen, and every start made one.
    private ConcurrentDictionary<int, HttpRequestHandler>? _listeners;

    public ContainerEndpoint(SimulatedNetwork? network, string? ipAddress, string? owner = null)
    {
        Network = network;
        IPAddress = ipAddress;
        Owner = owner;
    }

    public SimulatedNetwork? Network { get; }

    public string? IPAddress { get; }

    /// <summary>The container this endpoint belongs to, if any.</summary>
    public string? Owner { get; }

    /// <summary>The IDs of the networks it is connected to (for isolation and name resolution).</summary>
    public ConcurrentDictionary<string, string> Networks { get; } = new(StringComparer.Ordinal);

    public IDisposable ListenHttp(int port, HttpRequestHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        if (!LazyInitializer.EnsureInitialized(ref _listeners).TryAdd(port, handler))
        {
            throw new IOException("Address in use");
        }

        return new Listener(this, port, handler);
    }

    public HttpMessageHandler CreateHandler() => new SimulatedNetworkHandler(Network, this);

    public bool TryGetListener(int port, out HttpRequestHandler handler)
    {
        handler = null!;
        return Volatile.Read(ref _listeners) is { } listeners && listeners.TryGetValue(port, out handler!);
    }

    public void CloseAll() => Volatile.Read(ref _listeners)?.Clear();

    private sealed class Listener(ContainerEndpoint owner, int port, HttpRequestHandler handler) : IDisposable
    {
        public void Dispose() => owner._listeners!.TryRemove(new KeyValuePair<int, HttpRequestHandler>(port, handler));
    }
}
