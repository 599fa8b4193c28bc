using System.Net.Sockets;
using Simulator.Processes;

namespace Simulator.Networking;

/// <summary>Routes requests over a <see cref="SimulatedNetwork"/>, from the host (<c>from</c> null) or from a container.</summary>
internal sealed class SimulatedNetworkHandler(SimulatedNetwork? network, ContainerEndpoint? from) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("An invalid request URI was provided. Either the request URI must be an absolute URI or BaseAddress must be set.");
        if (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https"))
        {
            throw new NotSupportedException($"The '{uri.Scheme}' scheme is not supported.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var host = uri.IdnHost;
        HttpRequestHandler? handler = network is not null
            ? network.Route(host, uri.Port, from)
            : (host is "localhost" or "127.0.0.1" or "::1" or "[::1]" && from is not null && from.TryGetListener(uri.Port, out var own) ? own : null);
        if (handler is null && uri.HostNameType == UriHostNameType.Dns && host != "localhost")
        {
            // No DNS on the simulated network: names other than localhost do not resolve.
            throw new HttpRequestException(
                HttpRequestError.NameResolutionError,
                $"Name or service not known ({host}:{uri.Port})",
                new SocketException((int)SocketError.HostNotFound));
        }

        if (handler is null)
        {
            var display = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : host;
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                $"Connection refused ({display}:{uri.Port})",
                new SocketException((int)SocketError.ConnectionRefused));
        }

        bool loopback = host is "localhost" or "127.0.0.1" or "::1" or "[::1]" or "0.0.0.0";
        var remote = from is null ? SimulatedNetwork.Gateway : loopback || from.IPAddress is null ? "127.0.0.1" : from.IPAddress;
        request.Options.Set(ProcessNetworkExtensions.RemoteAddressKey, remote);
        var response = await handler(request, cancellationToken).ConfigureAwait(false);
        response.RequestMessage ??= request;
        return response;
    }
}
