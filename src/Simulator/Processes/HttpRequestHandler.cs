namespace Simulator.Processes;

/// <summary>Serves one HTTP request that reached a port a program listens on (see <see cref="ProcessNetworkExtensions.ListenHttp"/>).</summary>
/// <param name="request">The request; <see cref="ProcessNetworkExtensions.RemoteAddressKey"/> in its options holds the peer's address.</param>
/// <param name="cancellationToken">Cancelled when the client gives up.</param>
/// <returns>The response.</returns>
public delegate Task<HttpResponseMessage> HttpRequestHandler(HttpRequestMessage request, CancellationToken cancellationToken);
