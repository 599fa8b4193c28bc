namespace Simulator.Networking;

/// <summary>
/// The daemon's host port allocator (moby <c>portallocator</c>): one owner per (address, protocol, port), where a
/// port taken on the unspecified address (<c>0.0.0.0</c> / <c>::</c>) conflicts with any address; ephemeral ports come
/// from <see cref="EphemeralStart"/>-<see cref="EphemeralEnd"/>, the first probe chosen by the seeded generator
/// (deterministic per seed), then the next free port upwards, wrapping.
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
    /// <param name="ip">The host address; empty means <c>0.0.0.0</c>.</param>
    /// <param name="proto">The protocol.</param>
    /// <param name="port">The port, or 0.</param>
    /// <param name="owner">Who holds it (a container ID), for <see cref="ReleaseAll"/>.</param>
    /// <returns>The allocated port.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.Conflict"/> <c>Bind for 0.0.0.0:8080 failed: port is already allocated</c>; <c>all ports are allocated</c>.</exception>
    public int Allocate(string ip, string proto, int port, string owner)
    {
        ArgumentNullException.ThrowIfNull(ip);
        ArgumentNullException.ThrowIfNull(proto);
        ArgumentNullException.ThrowIfNull(owner);
        ip = Normalize(ip);
        lock (_gate)
        {
            if (port != 0)
            {
                if (IsTaken(ip, proto, port))
                {
                    throw new DockerSimulatorException(ErrorKind.Conflict, $"Bind for {PortsColumn.JoinHostPort(ip, port.ToString(System.Globalization.CultureInfo.InvariantCulture))} failed: port is already allocated");
                }

                _owners[(ip, proto, port)] = owner;
                return port;
            }

            int count = EphemeralEnd - EphemeralStart + 1;
            int first = _random.Next(count);
            for (int i = 0; i < count; i++)
            {
                int candidate = EphemeralStart + ((first + i) % count);
                if (!IsTaken(ip, proto, candidate))
                {
                    _owners[(ip, proto, candidate)] = owner;
                    return candidate;
                }
            }

            throw new DockerSimulatorException(ErrorKind.Conflict, "all ports are allocated");
        }
    }

    /// <summary>Whether a port is held on an address (or on the unspecified address).</summary>
    /// <param name="ip">The address; empty means <c>0.0.0.0</c>.</param>
    /// <param name="proto">The protocol.</param>
    /// <param name="port">The port.</param>
    /// <returns><see langword="true"/> if allocated.</returns>
    public bool IsAllocated(string ip, string proto, int port)
    {
        lock (_gate)
        {
            return IsTaken(Normalize(ip ?? ""), proto, port);
        }
    }

    /// <summary>Releases one port.</summary>
    /// <param name="ip">The address; empty means <c>0.0.0.0</c>.</param>
    /// <param name="proto">The protocol.</param>
    /// <param name="port">The port.</param>
    public void Release(string ip, string proto, int port)
    {
        lock (_gate)
        {
            _owners.Remove((Normalize(ip ?? ""), proto, port));
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

    private static string Normalize(string ip) => ip.Length == 0 ? "0.0.0.0" : ip;

    private static bool IsUnspecified(string ip) => ip is "0.0.0.0" or "::";

    private bool IsTaken(string ip, string proto, int port)
    {
        if (_owners.ContainsKey((ip, proto, port)))
        {
            return true;
        }

        if (IsUnspecified(ip))
        {
            return _owners.Keys.Any(k => k.Proto == proto && k.Port == port);
        }

        return _owners.ContainsKey(("0.0.0.0", proto, port)) || _owners.ContainsKey(("::", proto, port));
    }
}
