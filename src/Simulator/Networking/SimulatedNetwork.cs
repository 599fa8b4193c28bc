using System.Globalization;
using Simulator.Processes;

namespace Simulator.Networking;

/// <summary>
/// The in-process network of a container store: Docker's default bridge (<c>172.17.0.0/16</c>, gateway
/// <c>172.17.0.1</c>, containers from <c>172.17.0.2</c> up, lowest free address first) and the host's published
/// ports. <see cref="CreateHttpClient"/> reaches <c>http://localhost:&lt;hostPort&gt;/</c> (also <c>127.0.0.1</c>,
/// <c>0.0.0.0</c>, <c>[::1]</c>) through the ports published there, and <c>http://172.17.0.x:&lt;port&gt;/</c>
/// directly; nothing listening gives <see cref="HttpRequestException"/> <c>Connection refused (host:port)</c>, and a host
/// name other than <c>localhost</c> <c>Name or service not known (host:port)</c>, as .NET's <c>SocketsHttpHandler</c>
/// reports them on Linux. No real sockets are used.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class SimulatedNetwork
{
    /// <summary>The default bridge's gateway: the address a container sees host connections come from.</summary>
    public const string Gateway = "172.17.0.1";

    private readonly object _gate = new();
    private readonly Dictionary<string, string> _ipByOwner = new(StringComparer.Ordinal);
    private readonly HostIndexPool _usedHosts = new(2);
    private readonly Dictionary<string, ContainerEndpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Ip, int Port), (string Owner, int ContainerPort)> _published = [];
    private readonly Dictionary<string, string> _networkOfIp = new(StringComparer.Ordinal);

    /// <summary>Creates a network.</summary>
    /// <param name="seed">The seed for ephemeral host ports.</param>
    public SimulatedNetwork(int seed = 0) => Ports = new PortAllocator(seed);

    /// <summary>The host port allocator.</summary>
    public PortAllocator Ports { get; }

    /// <summary>An <see cref="HttpClient"/> on the host (see <see cref="CreateHandler"/>).</summary>
    /// <returns>A new client; dispose it.</returns>
    public HttpClient CreateHttpClient() => new(CreateHandler());

    /// <summary>A handler making requests from the host: published ports on local addresses, container addresses directly.</summary>
    /// <returns>A new handler.</returns>
    public HttpMessageHandler CreateHandler() => new SimulatedNetworkHandler(this, null);

    /// <summary>Reserves the lowest free bridge address for <paramref name="owner"/> (kept until <see cref="ReleaseAddress"/>).</summary>
    internal string ReserveAddress(string owner)
    {
        lock (_gate)
        {
            if (_ipByOwner.TryGetValue(owner, out var existing))
            {
                return existing;
            }

            var host = _usedHosts.LowestFree();
            _usedHosts.Add(host);
            var ip = string.Create(CultureInfo.InvariantCulture, $"172.17.{host / 256}.{host % 256}");
            _ipByOwner[owner] = ip;
            return ip;
        }
    }

    internal void ReleaseAddress(string owner)
    {
        lock (_gate)
        {
            if (_ipByOwner.Remove(owner, out var ip))
            {
                var parts = ip.Split('.');
                _usedHosts.Remove((uint.Parse(parts[2], CultureInfo.InvariantCulture) * 256) + uint.Parse(parts[3], CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Connects a started container: a fresh endpoint at its address, attached to <paramref name="ns"/>.</summary>
    internal ContainerEndpoint Connect(string owner, ProcessNamespace ns)
    {
        var ip = ReserveAddress(owner);
        var endpoint = new ContainerEndpoint(this, ip, owner);
        lock (_gate)
        {
            _endpoints[ip] = endpoint;
        }

        ProcessNetworkExtensions.Attach(ns, endpoint);
        return endpoint;
    }

    /// <summary>Connects a started container on its networks: a fresh endpoint reachable at each address (the first is its primary one).</summary>
    internal ContainerEndpoint Connect(string owner, ProcessNamespace ns, IReadOnlyList<(string Ip, string NetworkId)> addresses)
    {
        var endpoint = new ContainerEndpoint(this, addresses.Count > 0 ? addresses[0].Ip : null, owner);
        foreach (var (ip, networkId) in addresses)
        {
            AddAddress(endpoint, ip, networkId);
        }

        ProcessNetworkExtensions.Attach(ns, endpoint);
        return endpoint;
    }

    /// <summary>Makes a running container reachable at <paramref name="ip"/> on a network (<c>docker network connect</c>).</summary>
    internal void AddAddress(ContainerEndpoint endpoint, string ip, string networkId)
    {
        lock (_gate)
        {
            _endpoints[ip] = endpoint;
            _networkOfIp[ip] = networkId;
            endpoint.Networks[networkId] = ip;
        }
    }

    /// <summary>Removes a running container's address on a network (<c>docker network disconnect</c>).</summary>
    internal void RemoveAddress(ContainerEndpoint endpoint, string networkId)
    {
        lock (_gate)
        {
            if (endpoint.Networks.TryRemove(networkId, out var ip) && _endpoints.TryGetValue(ip, out var current) && ReferenceEquals(current, endpoint))
            {
                _endpoints.Remove(ip);
                _networkOfIp.Remove(ip);
            }
        }
    }

    /// <summary>The embedded DNS of user-defined networks: the address a name has as seen from a container's endpoint, or <see langword="null"/>.</summary>
    internal Func<ContainerEndpoint, string, string?>? Resolver { get; set; }

    /// <summary>Disconnects a stopped container's endpoint (its listeners close).</summary>
    internal void Disconnect(ContainerEndpoint endpoint)
    {
        lock (_gate)
        {
            if (endpoint.IPAddress is not null && _endpoints.TryGetValue(endpoint.IPAddress, out var current) && ReferenceEquals(current, endpoint))
            {
                _endpoints.Remove(endpoint.IPAddress);
            }

            foreach (var (_, ip) in endpoint.Networks)
            {
                if (_endpoints.TryGetValue(ip, out var other) && ReferenceEquals(other, endpoint))
                {
                    _endpoints.Remove(ip);
                    _networkOfIp.Remove(ip);
                }
            }

            endpoint.Networks.Clear();
        }

        endpoint.CloseAll();
    }

    /// <summary>
    /// Publishes <paramref name="owner"/>'s ports: allocates each binding's host port (ephemeral when empty, the first
    /// free of a range) and routes it; all or nothing.
    /// </summary>
    /// <returns>The bindings as inspect shows them (an empty host address as <c>0.0.0.0</c> and <c>::</c>).</returns>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.Conflict"/> <c>Bind for 0.0.0.0:8080 failed: port is already allocated</c>.</exception>
    internal IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?> Publish(string owner, IEnumerable<KeyValuePair<string, IReadOnlyList<PortBinding>?>> ports)
    {
        var result = new Dictionary<string, IReadOnlyList<PortBinding>?>(StringComparer.Ordinal);
        try
        {
            foreach (var (key, bindings) in ports)
            {
                if (bindings is null)
                {
                    result[key] = null;
                    continue;
                }

                var (proto, portText) = PortSpecs.SplitProtoPort(key);
                int containerPort = int.Parse(portText, CultureInfo.InvariantCulture);
                string target;
                lock (_gate)
                {
                    target = _ipByOwner.TryGetValue(owner, out var cip) ? cip + ":" + portText : "";
                }

                var list = new List<PortBinding>();
                foreach (var b in bindings)
                {
                    int hostPort = AllocateBinding(b, proto, owner, target);
                    var hp = hostPort.ToString(CultureInfo.InvariantCulture);
                    if (proto == "tcp")
                    {
                        // Only TCP ports route HTTP: a UDP port of the same number belongs to whoever holds it.
                        lock (_gate)
                        {
                            _published[(b.HostIp.Length == 0 ? "0.0.0.0" : b.HostIp, hostPort)] = (owner, containerPort);
                        }
                    }

                    if (b.HostIp.Length == 0)
                    {
                        list.Add(new PortBinding("0.0.0.0", hp));
                        list.Add(new PortBinding("::", hp));
                    }
                    else
                    {
                        list.Add(new PortBinding(b.HostIp, hp));
                    }
                }

                result[key] = list;
            }
        }
        catch
        {
            Unpublish(owner);
            throw;
        }

        return result;
    }

    /// <summary>Releases and unroutes every port <paramref name="owner"/> published.</summary>
    internal void Unpublish(string owner)
    {
        Ports.ReleaseAll(owner);
        lock (_gate)
        {
            foreach (var key in _published.Where(p => p.Value.Owner == owner).Select(p => p.Key).ToList())
            {
                _published.Remove(key);
            }
        }
    }

    /// <summary>Finds who serves <paramref name="host"/>:<paramref name="port"/> as seen from the host (or from <paramref name="from"/>).</summary>
    internal HttpRequestHandler? Route(string host, int port, ContainerEndpoint? from)
    {
        bool loopback = host is "localhost" or "127.0.0.1" or "0.0.0.0" or "::1" or "::" or "[::1]" or "[::]";
        if (from is not null && loopback)
        {
            return from.TryGetListener(port, out var own) ? own : null;
        }

        if (from is not null && !System.Net.IPAddress.TryParse(host, out _))
        {
            // Names resolve only through the embedded DNS of the container's user-defined networks.
            var resolved = Resolver?.Invoke(from, host);
            if (resolved is null)
            {
                return null;
            }

            host = resolved;
        }

        lock (_gate)
        {
            if (loopback || host == Gateway)
            {
                string[] candidates = host == Gateway ? ["0.0.0.0", Gateway] : ["0.0.0.0", "127.0.0.1", "::", "::1"];
                foreach (var ip in candidates)
                {
                    if (_published.TryGetValue((ip, port), out var target) && _ipByOwner.TryGetValue(target.Owner, out var cip) &&
                        _endpoints.TryGetValue(cip, out var ep))
                    {
                        return ep.TryGetListener(target.ContainerPort, out var h) ? h : null;
                    }
                }

                return null;
            }

            if (_endpoints.TryGetValue(host, out var endpoint))
            {
                // Networks are isolated: a container reaches only addresses on networks it shares.
                if (from is not null && _networkOfIp.TryGetValue(host, out var networkId) && !from.Networks.ContainsKey(networkId))
                {
                    return null;
                }

                return endpoint.TryGetListener(port, out var h) ? h : null;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a connection from the host to <paramref name="host"/>:<paramref name="port"/> would reach a listening process
    /// now, as a TCP connect probe tells (Testcontainers' port wait): no request is sent, so no server logs it.
    /// </summary>
    /// <param name="host">A loopback name or address (<c>localhost</c>), the gateway, or a container's address.</param>
    /// <param name="port">The port: a published host port for loopback hosts, a container port for a container's address.</param>
    /// <returns><see langword="true"/> when something listens there. Thread-safe.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    public bool IsListening(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        return Route(host, port, null) is not null;
    }

    /// <summary>Whether a connected (running) container publishes <paramref name="port"/> on a loopback or any address.</summary>
    internal bool IsPublishedByRunning(string host, int port)
    {
        lock (_gate)
        {
            foreach (var ip in new[] { "0.0.0.0", "127.0.0.1", "::", "::1" })
            {
                if (_published.TryGetValue((ip, port), out var target) && _ipByOwner.TryGetValue(target.Owner, out var cip) && _endpoints.ContainsKey(cip))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private int AllocateBinding(PortBinding binding, string proto, string owner, string target)
    {
        if (binding.HostPort.Length == 0)
        {
            return Ports.Allocate(binding.HostIp, proto, 0, owner, target);
        }

        if (!PortSpecs.TryParseRange(binding.HostPort, out var start, out var end))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "invalid hostPort: " + binding.HostPort);
        }

        if (start == end)
        {
            return Ports.Allocate(binding.HostIp, proto, start, owner, target);
        }

        for (int p = start; p <= end; p++)
        {
            if (!Ports.IsAllocated(binding.HostIp, proto, p))
            {
                return Ports.Allocate(binding.HostIp, proto, p, owner, target);
            }
        }

        // moby portallocator: a range with no free port fails on its last attempt.
        return Ports.Allocate(binding.HostIp, proto, end, owner, target);
    }
}
