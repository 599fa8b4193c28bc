namespace Simulator.Networking;

/// <summary>
/// The daemon's host port allocator and host port binding, as Docker 28.2 does them (moby v28.2.2
/// <c>libnetwork/portallocator</c> and <c>libnetwork/drivers/bridge/port_mapping_linux.go</c>): the allocator holds one
/// map per (address, protocol), so the same port on the same address is <c>Bind for 0.0.0.0:8080 failed: port is
/// already allocated</c>; an empty address means both <c>0.0.0.0</c> and <c>::</c>. Then the daemon binds the socket
/// itself (<c>SO_REUSEADDR</c>, IPv6 sockets <c>V6ONLY</c>), so a TCP port held on <c>0.0.0.0</c> also refuses
/// <c>127.0.0.1</c> (and the reverse) with <c>failed to bind host port for ...: address already in use</c>, while UDP
/// sockets on different addresses share a port. Ephemeral ports come from <see cref="EphemeralStart"/>-<see cref="EphemeralEnd"/>,
/// the first probe chosen by the seeded generator (deterministic per seed), then the next free port upwards, wrapping.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class PortAllocator
{
    /// <summary>The first ephemeral port (Linux <c>ip_local_port_range</c> default).</summary>
    public const int EphemeralStart = 32768;

    /// <summary>The last ephemeral port.</summary>
    public const int EphemeralEnd = 60999;

    private readonly object _gate = new();
    private readonly Dictionary<(string Ip, string Proto, int Port), string> _owners = [];
    private readonly Random _random;

    /// <summary>Creates an allocator.</summary>
    /// <param name="seed">The seed for ephemeral ports.</param>
    public PortAllocator(int seed = 0) => _random = new Random(seed);

    /// <summary>Allocates <paramref name="port"/> (0 for an ephemeral one) on <paramref name="ip"/> for <paramref name="owner"/>.</summary>
    /// <param name="ip">The host address; empty means both <c>0.0.0.0</c> and <c>::</c>.</param>
    /// <param name="proto">The protocol.</param>
    /// <param name="port">The port, or 0.</param>
    /// <param name="owner">Who holds it (a container ID), for <see cref="ReleaseAll"/>.</param>
    /// <returns>The allocated port.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.Conflict"/>: <c>Bind for 0.0.0.0:8080 failed: port is already
    /// allocated</c> (the address in the text is Go's <c>net.IP</c> form, <c>::1</c> unbracketed); <c>failed to bind host port for
    /// 127.0.0.1:8080/tcp: address already in use</c> (a TCP port held on an overlapping address); <c>all ports are allocated</c>.</exception>
    public int Allocate(string ip, string proto, int port, string owner) => Allocate(ip, proto, port, owner, "");

    /// <summary>As <see cref="Allocate(string, string, int, string)"/>; <paramref name="target"/> is the container side of the
    /// binding (<c>172.17.0.2:80</c>) for the bind error, as moby's <c>types.PortBinding.String</c>.</summary>
    internal int Allocate(string ip, string proto, int port, string owner, string target)
    {
        ArgumentNullException.ThrowIfNull(ip);
        ArgumentNullException.ThrowIfNull(proto);
        ArgumentNullException.ThrowIfNull(owner);
        var ips = Expand(ip);
        lock (_gate)
        {
            if (port != 0)
            {
                if (Conflict(ips, proto, port, target) is { } error)
                {
                    throw new DockerSimulatorException(ErrorKind.Conflict, error);
                }

                Take(ips, proto, port, owner);
                return port;
            }

            int count = EphemeralEnd - EphemeralStart + 1;
            int first = _random.Next(count);
            for (int i = 0; i < count; i++)
            {
                int candidate = EphemeralStart + ((first + i) % count);
                if (Conflict(ips, proto, candidate, target) is null)
                {
                    Take(ips, proto, candidate, owner);
                    return candidate;
                }
            }

            throw new DockerSimulatorException(ErrorKind.Conflict, "all ports are allocated");
        }
    }

    /// <summary>Whether allocating <paramref name="port"/> on <paramref name="ip"/> would fail (held on that address, or for TCP
    /// on an overlapping one).</summary>
    /// <param name="ip">The address; empty means both <c>0.0.0.0</c> and <c>::</c>.</param>
    /// <param name="proto">The protocol.</param>
    /// <param name="port">The port.</param>
    /// <returns><see langword="true"/> if allocated.</returns>
    public bool IsAllocated(string ip, string proto, int port)
    {
        var ips = Expand(ip ?? "");
        lock (_gate)
        {
            return Conflict(ips, proto, port, "") is not null;
        }
    }

    /// <summary>Releases one port.</summary>
    /// <param name="ip">The address; empty means both <c>0.0.0.0</c> and <c>::</c>.</param>
    /// <param name="proto">The protocol.</param>
    /// <param name="port">The port.</param>
    public void Release(string ip, string proto, int port)
    {
        lock (_gate)
        {
            foreach (var a in Expand(ip ?? ""))
            {
                _owners.Remove((a, proto, port));
            }
        }
    }

    /// <summary>Releases every port <paramref name="owner"/> holds.</summary>
    /// <param name="owner">The owner.</param>
    public void ReleaseAll(string owner)
    {
        lock (_gate)
        {
            foreach (var key in _owners.Where(p => p.Value == owner).Select(p => p.Key).ToList())
            {
                _owners.Remove(key);
            }
        }
    }

    private static string[] Expand(string ip) => ip.Length == 0 ? ["0.0.0.0", "::"] : [ip];

    private static bool IsV6(string ip) => ip.Contains(':', StringComparison.Ordinal);

    private static bool IsUnspecified(string ip) => ip is "0.0.0.0" or "::";

    private void Take(string[] ips, string proto, int port, string owner)
    {
        foreach (var a in ips)
        {
            _owners[(a, proto, port)] = owner;
        }
    }

    private string? Conflict(string[] ips, string proto, int port, string target)
    {
        // portallocator.RequestPortsInRange: the per-address maps, in request order.
        foreach (var a in ips)
        {
            if (_owners.ContainsKey((a, proto, port)))
            {
                return $"Bind for {a}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)} failed: port is already allocated";
            }
        }

        if (proto != "tcp")
        {
            return null; // SO_REUSEADDR datagram sockets share a port across addresses
        }

        // bindTCPOrUDP: a listening TCP socket on the wildcard of a family takes the port on every address of it.
        foreach (var a in ips)
        {
            foreach (var k in _owners.Keys)
            {
                if (k.Proto == proto && k.Port == port && IsV6(k.Ip) == IsV6(a) && (IsUnspecified(k.Ip) || IsUnspecified(a)))
                {
                    var host = IsV6(a) ? "[" + a + "]" : a;
                    var binding = host + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + (target.Length == 0 ? "" : target + "/") ;
                    binding = target.Length == 0 ? binding.TrimEnd(':') + "/" + proto : binding + proto;
                    return $"failed to bind host port for {binding}: address already in use";
                }
            }
        }

        return null;
    }
}
