using System.Globalization;
using System.Net;

namespace Simulator.Networking;

/// <summary>
/// Parses <c>docker run -p</c> specs as go-connections <c>nat.ParsePortSpecs</c> / <c>ParsePortSpec</c> (used by
/// docker/cli <c>cli/command/container/opts.go</c>): <c>container[/proto]</c>, <c>host:container[/proto]</c>,
/// <c>ip:host:container[/proto]</c>, <c>ip::container</c>, ranges (<c>8000-8001:80-81</c>), IPv6 in brackets.
/// </summary>
public static class PortSpecs
{
    /// <summary>Parses specs into exposed ports and bindings (nat.ParsePortSpecs).</summary>
    /// <param name="specs">The <c>-p</c> values.</param>
    /// <returns>The exposed ports and bindings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="specs"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/> with nat's texts: <c>invalid containerPort: x</c>, <c>invalid hostPort: x</c>, <c>invalid proto: x</c>, <c>invalid IP address: x</c>, <c>no port specified: x&lt;empty&gt;</c>, <c>invalid ranges specified for container and host Ports: x and y</c>.</exception>
    public static PortSpecResult Parse(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var exposed = new List<string>();
        var bindings = new Dictionary<string, List<PortBinding>>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            foreach (var (port, binding) in ParseSpec(spec))
            {
                if (!bindings.TryGetValue(port, out var list))
                {
                    exposed.Add(port);
                    bindings[port] = list = [];
                }

                list.Add(binding);
            }
        }

        return new PortSpecResult(exposed, bindings.ToDictionary(p => p.Key, p => (IReadOnlyList<PortBinding>)p.Value, StringComparer.Ordinal));
    }

    /// <summary>Parses one spec (nat.ParsePortSpec): one (port, binding) pair per container port.</summary>
    /// <param name="spec">The <c>-p</c> value.</param>
    /// <returns>The container ports (<c>80/tcp</c>) with their bindings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">As <see cref="Parse"/>.</exception>
    public static IReadOnlyList<KeyValuePair<string, PortBinding>> ParseSpec(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(':');
        int n = parts.Length;
        string containerPort = parts[n - 1];
        string ip = n switch
        {
            1 or 2 => "",
            3 => parts[0],
            _ => string.Join(':', parts[..(n - 2)]),
        };
        string hostPort = n == 1 ? "" : parts[n - 2];
        var (proto, port) = SplitProtoPort(containerPort);
        containerPort = port;

        if (ip.Length > 0 && ip[0] == '[')
        {
            // net.SplitHostPort(ip + ":")
            int close = ip.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close != ip.Length - 1)
            {
                throw Invalid($"invalid IP address {ip}: address {ip}:: " + (close < 0 ? "missing ']' in address" : "too many colons in address"));
            }

            ip = ip[1..close];
        }

        if (ip.Length > 0 && !IsGoIP(ip))
        {
            throw Invalid("invalid IP address: " + ip);
        }

        if (containerPort.Length == 0)
        {
            throw Invalid($"no port specified: {spec}<empty>");
        }

        if (!TryParseRange(containerPort, out var start, out var end))
        {
            throw Invalid("invalid containerPort: " + containerPort);
        }

        int hostStart = 0, hostEnd = 0;
        if (hostPort.Length > 0 && !TryParseRange(hostPort, out hostStart, out hostEnd))
        {
            throw Invalid("invalid hostPort: " + hostPort);
        }

        if (hostPort.Length > 0 && end - start != hostEnd - hostStart && end != start)
        {
            throw Invalid($"invalid ranges specified for container and host Ports: {containerPort} and {hostPort}");
        }

        var lower = proto.ToLowerInvariant();
        if (lower is not ("tcp" or "udp" or "sctp"))
        {
            throw Invalid("invalid proto: " + proto);
        }

        var result = new List<KeyValuePair<string, PortBinding>>();
        for (int i = 0; i <= end - start; i++)
        {
            string hp = hostPort.Length > 0 ? (hostStart + i).ToString(CultureInfo.InvariantCulture) : "";
            if (start == end && hostStart != hostEnd)
            {
                hp = hp + "-" + hostEnd.ToString(CultureInfo.InvariantCulture);
            }

            result.Add(new((start + i).ToString(CultureInfo.InvariantCulture) + "/" + lower, new PortBinding(ip, hp)));
        }

        return result;
    }

    /// <summary>Splits <c>80/tcp</c> into protocol and port (nat.SplitProtoPort): <c>tcp</c> when absent.</summary>
    /// <param name="rawPort">The port with an optional protocol.</param>
    /// <returns>The protocol and the port (both empty for an empty input).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rawPort"/> is <see langword="null"/>.</exception>
    public static (string Proto, string Port) SplitProtoPort(string rawPort)
    {
        ArgumentNullException.ThrowIfNull(rawPort);
        var parts = rawPort.Split('/');
        if (rawPort.Length == 0 || parts.Length == 0 || parts[0].Length == 0)
        {
            return ("", "");
        }

        if (parts.Length == 1)
        {
            return ("tcp", rawPort);
        }

        if (parts[1].Length == 0)
        {
            return ("tcp", parts[0]);
        }

        return (parts[1], parts[0]);
    }

    /// <summary>nat.ParsePortRange: <c>80</c> or <c>8000-8010</c>, each a 16-bit unsigned number, end not below start.</summary>
    internal static bool TryParseRange(string ports, out int start, out int end)
    {
        start = end = 0;
        if (ports.Length == 0)
        {
            return false;
        }

        int dash = ports.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (!TryParseUint16(ports, out start))
            {
                return false;
            }

            end = start;
            return true;
        }

        var parts = ports.Split('-');
        return TryParseUint16(parts[0], out start) && TryParseUint16(parts[1], out end) && end >= start;
    }

    /// <summary>Go's <c>net.ParseIP</c>: a dotted quad (no leading zeros) or an IPv6 address without a zone.</summary>
    private static bool IsGoIP(string ip)
    {
        if (ip.Contains(':', StringComparison.Ordinal))
        {
            return !ip.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(ip, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        var parts = ip.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && (p.Length == 1 || p[0] != '0') && TryParseUint16(p, out var v) && v <= 255);
    }

    private static bool TryParseUint16(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= ushort.MaxValue;

    private static DockerSimulatorException Invalid(string message) => new(ErrorKind.InvalidArgument, message);
}
