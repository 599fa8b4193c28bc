using System.Globalization;
using System.Net;

namespace Simulator.Networking;

/// <summary>
/// <c>docker ps</c>'s PORTS column: docker/cli <c>cli/command/formatter/container.go</c> <c>DisplayablePorts</c>
/// (ports sorted by private port, address as <c>netip.Addr.Compare</c>, public port and type; consecutive ports
/// with equal public and private ports grouped into ranges; other mappings listed after the groups).
/// </summary>
public static class PortsColumn
{
    /// <summary>Renders the column.</summary>
    /// <param name="ports">The container's ports (any order).</param>
    /// <returns>The column text, e.g. <c>0.0.0.0:8080-&gt;80/tcp, [::]:8080-&gt;80/tcp</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ports"/> is <see langword="null"/>.</exception>
    public static string Format(IEnumerable<ContainerPort> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var sorted = ports.ToList();
        sorted.Sort(Compare);
        var groups = new Dictionary<string, (int First, int Last)>(StringComparer.Ordinal);
        var keys = new List<string>();
        var result = new List<string>();
        var hostMappings = new List<string>();
        foreach (var port in sorted)
        {
            int current = port.PrivatePort;
            string key = port.Type;
            if (port.Ip.Length > 0)
            {
                if (port.PublicPort != current)
                {
                    hostMappings.Add($"{JoinHostPort(port.Ip, port.PublicPort.ToString(CultureInfo.InvariantCulture))}->{port.PrivatePort}/{port.Type}");
                    continue;
                }

                key = port.Ip + "/" + port.Type;
            }

            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = (current, current);
                keys.Add(key);
                continue;
            }

            if (current == group.Last + 1)
            {
                groups[key] = (group.First, current);
                continue;
            }

            result.Add(FormGroup(key, group.First, group.Last));
            groups[key] = (current, current);
        }

        foreach (var key in keys)
        {
            var g = groups[key];
            result.Add(FormGroup(key, g.First, g.Last));
        }

        result.AddRange(hostMappings);
        return string.Join(", ", result);
    }

    /// <summary>Go's <c>net.JoinHostPort</c>: brackets around an address holding a colon.</summary>
    /// <param name="host">The address.</param>
    /// <param name="port">The port.</param>
    /// <returns><c>host:port</c> or <c>[host]:port</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static string JoinHostPort(string host, string port)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(port);
        return host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static string FormGroup(string key, int start, int last)
    {
        int slash = key.LastIndexOf('/');
        string ip = slash < 0 ? "" : key[..slash];
        string type = slash < 0 ? key : key[(slash + 1)..];
        string group = start.ToString(CultureInfo.InvariantCulture);
        if (start != last)
        {
            group += "-" + last.ToString(CultureInfo.InvariantCulture);
        }

        if (ip.Length > 0)
        {
            group = JoinHostPort(ip, group) + "->" + group;
        }

        return group + "/" + type;
    }

    private static int Compare(ContainerPort a, ContainerPort b)
    {
        if (a.PrivatePort != b.PrivatePort)
        {
            return a.PrivatePort.CompareTo(b.PrivatePort);
        }

        if (a.Ip != b.Ip)
        {
            return CompareAddr(a.Ip, b.Ip);
        }

        if (a.PublicPort != b.PublicPort)
        {
            return a.PublicPort.CompareTo(b.PublicPort);
        }

        return string.CompareOrdinal(a.Type, b.Type);
    }

    /// <summary>netip.Addr.Compare: the zero address first, then IPv4 before IPv6, then by bytes.</summary>
    private static int CompareAddr(string a, string b)
    {
        bool okA = IPAddress.TryParse(a, out var x);
        bool okB = IPAddress.TryParse(b, out var y);
        if (!okA || !okB)
        {
            return okA.CompareTo(okB) is var c && c != 0 ? c : string.CompareOrdinal(a, b);
        }

        var bx = x!.GetAddressBytes();
        var by = y!.GetAddressBytes();
        if (bx.Length != by.Length)
        {
            return bx.Length.CompareTo(by.Length);
        }

        return bx.AsSpan().SequenceCompareTo(by);
    }
}
