using System.Runtime.CompilerServices;

namespace Simulator.Processes;

/// <summary>
/// The network API of a <see cref="ProcessContext"/>: listen on ports of the container, make requests from it. A
/// namespace not attached to a network (created outside a container store) gets a private loopback one.
/// </summary>
public static class ProcessNetworkExtensions
{
    private static readonly ConditionalWeakTable<ProcessNamespace, IProcessNetwork> Attached = new();

    /// <summary>The key of the peer's address (<c>172.17.0.1</c> for the host) in <see cref="HttpRequestMessage.Options"/>.</summary>
    public static HttpRequestOptionsKey<string> RemoteAddressKey { get; } = new("Simulator.RemoteAddress");

    /// <summary>The namespace's network.</summary>
    /// <param name="context">The process context.</param>
    /// <returns>The network view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    public static IProcessNetwork GetNetwork(this ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return GetNetwork(context.Namespace);
    }

    /// <summary>Listens on a TCP port of the container (see <see cref="IProcessNetwork.ListenHttp"/>).</summary>
    /// <param name="context">The process context.</param>
    /// <param name="port">The port.</param>
    /// <param name="handler">Serves each request.</param>
    /// <returns>Stops listening when disposed.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="IOException"><c>Address in use</c>.</exception>
    public static IDisposable ListenHttp(this ProcessContext context, int port, HttpRequestHandler handler) =>
        context.GetNetwork().ListenHttp(port, handler);

    /// <summary>The peer's address recorded on a request, or <c>127.0.0.1</c>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public static string GetRemoteAddress(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(RemoteAddressKey, out var value) ? value : "127.0.0.1";
    }

    internal static IProcessNetwork GetNetwork(ProcessNamespace ns) =>
        Attached.GetValue(ns, static _ => new Networking.ContainerEndpoint(null, null));

    internal static void Attach(ProcessNamespace ns, IProcessNetwork network) => Attached.AddOrUpdate(ns, network);
}
