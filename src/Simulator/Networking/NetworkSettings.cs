using System.Globalization;

namespace Simulator.Networking;

/// <summary>
/// <c>docker inspect</c>'s <c>NetworkSettings</c> (default bridge part): the address and the published ports. While
/// the container is not running the address is empty and <see cref="Ports"/> is empty, as moby reports it.
/// </summary>
public sealed record NetworkSettings
{
    /// <summary>Settings of a container that is not running.</summary>
    public static NetworkSettings Empty { get; } = new();

    /// <summary>The address on the default bridge (<c>172.17.0.2</c>), or empty.</summary>
    public string IPAddress { get; init; } = "";

    /// <summary>The bridge gateway (<c>172.17.0.1</c>), or empty.</summary>
    public string Gateway { get; init; } = "";

    /// <summary>The prefix length (16 on the default bridge), or 0.</summary>
    public int IPPrefixLen { get; init; }

    /// <summary>The networks the container is connected to, by name (<c>bridge</c>, <c>mynet</c>): kept while it is stopped (addresses then empty), as moby's <c>NetworkSettings.Networks</c>.</summary>
    public IReadOnlyDictionary<string, EndpointSettings> Networks { get; init; } = new Dictionary<string, EndpointSettings>(StringComparer.Ordinal);

    /// <summary>Each exposed port (<c>80/tcp</c>) with its host bindings; <see langword="null"/> for a port exposed but not published (JSON <c>null</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?> Ports { get; init; } = new Dictionary<string, IReadOnlyList<PortBinding>?>(StringComparer.Ordinal);

    /// <summary>The ports as the container list reports them (what <see cref="PortsColumn.Format"/> renders).</summary>
    /// <returns>One entry per binding, and one per exposed port without bindings.</returns>
    public IReadOnlyList<ContainerPort> ToContainerPorts()
    {
        var list = new List<ContainerPort>();
        foreach (var (key, bindings) in Ports)
        {
            var (proto, port) = PortSpecs.SplitProtoPort(key);
            int priv = int.Parse(port, CultureInfo.InvariantCulture);
            if (bindings is null || bindings.Count == 0)
            {
                list.Add(new ContainerPort("", priv, 0, proto));
                continue;
            }

            foreach (var b in bindings)
            {
                list.Add(new ContainerPort(b.HostIp, priv, int.Parse(b.HostPort, CultureInfo.InvariantCulture), proto));
            }
        }

        return list;
    }

    /// <summary><c>docker port</c>'s lines (docker/cli <c>cli/command/container/port.go</c>): <c>80/tcp -&gt; 0.0.0.0:8080</c>, sorted.</summary>
    /// <param name="privatePort">Only this port (<c>80</c> or <c>80/tcp</c>), or <see langword="null"/> for all.</param>
    /// <returns>The lines, without line ends.</returns>
    public IReadOnlyList<string> FormatPortLines(string? privatePort = null)
    {
        string? filter = null;
        if (privatePort is not null)
        {
            var (proto, port) = PortSpecs.SplitProtoPort(privatePort);
            filter = port + "/" + proto;
        }

        var lines = new List<string>();
        foreach (var (key, bindings) in Ports)
        {
            if (bindings is null || (filter is not null && key != filter))
            {
                continue;
            }

            foreach (var b in bindings)
            {
                lines.Add(key + " -> " + PortsColumn.JoinHostPort(b.HostIp, b.HostPort));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
