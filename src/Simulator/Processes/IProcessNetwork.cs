namespace Simulator.Processes;

/// <summary>
/// A process namespace's view of the in-process network (a container's network namespace): ports its programs
/// listen on and a way to make requests from inside. No real sockets are involved.
/// </summary>
public interface IProcessNetwork
{
    /// <summary>The namespace's address on its network (<c>172.17.0.2</c>), or <see langword="null"/> when it has none.</summary>
    string? IPAddress { get; }

    /// <summary>Listens on a TCP port, serving HTTP with <paramref name="handler"/> until the result is disposed (as <c>bind</c> + <c>listen</c> on all addresses).</summary>
    /// <param name="port">The port, 1-65535.</param>
    /// <param name="handler">Serves each request.</param>
    /// <returns>Stops listening when disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is out of range.</exception>
    /// <exception cref="IOException"><c>Address in use</c>: something listens there already.</exception>
    IDisposable ListenHttp(int port, HttpRequestHandler handler);

    /// <summary>A handler for requests made from inside the namespace: <c>localhost</c> reaches its own ports, other addresses the network.</summary>
    /// <returns>A new handler.</returns>
    HttpMessageHandler CreateHandler();
}
