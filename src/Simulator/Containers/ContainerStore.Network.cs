using System.Security.Cryptography;
using System.Text;
using Simulator.Networking;
using Simulator.Processes;

namespace Simulator.Containers;

/// <summary>Networking: the default bridge address, published ports (<c>-p</c>, <c>-P</c>), the in-process network.</summary>
public sealed partial class ContainerStore
{
    /// <summary>
    /// The in-process network: <see cref="SimulatedNetwork.CreateHttpClient"/> reaches ports published by running
    /// containers (<c>http://localhost:8080/</c>) and containers' addresses (<c>http://172.17.0.2/</c>).
    /// </summary>
    public SimulatedNetwork Network { get; }

    /// <summary><c>docker port</c>: <c>80/tcp -&gt; 0.0.0.0:8080</c> lines of a running container.</summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="privatePort">Only this port (<c>80</c>, <c>80/tcp</c>), or <see langword="null"/>.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>; <see cref="ErrorKind.NotFound"/> <c>No public port '80/tcp' published for x</c>.</exception>
    public IReadOnlyList<string> Port(string idOrName, string? privatePort = null)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        var c = Inspect(idOrName);
        var lines = c.NetworkSettings.FormatPortLines(privatePort);
        if (privatePort is not null && lines.Count == 0)
        {
            var (proto, port) = PortSpecs.SplitProtoPort(privatePort);
            throw new DockerSimulatorException(ErrorKind.NotFound, $"No public port '{port}/{proto}' published for {idOrName}");
        }

        return lines;
    }

    /// <summary>Validates <c>-p</c> specs at create (as the CLI parses them before create) and adds their ports to the exposed ones.</summary>
    private static ContainerConfig WithPublishedExposed(ContainerConfig resolved, HostConfig host)
    {
        if (host.PortBindings.Count == 0)
        {
            return resolved;
        }

        var parsed = PortSpecs.Parse(host.PortBindings);
        return resolved with { ExposedPorts = resolved.ExposedPorts.Concat(parsed.ExposedPorts).Distinct(StringComparer.Ordinal).ToArray() };
    }

    /// <summary>Publishes the container's ports and connects its namespace; on a port conflict throws moby's start error.</summary>
    private void ConnectNetwork(ContainerRecord rec, ProcessNamespace ns)
    {
        var parsed = PortSpecs.Parse(rec.Host.PortBindings);
        var ports = new List<KeyValuePair<string, IReadOnlyList<PortBinding>?>>();
        foreach (var exposed in rec.Config.ExposedPorts.Concat(parsed.ExposedPorts).Distinct(StringComparer.Ordinal))
        {
            var (proto, port) = PortSpecs.SplitProtoPort(exposed);
            var key = port + "/" + proto;
            if (parsed.Bindings.TryGetValue(key, out var bindings))
            {
                ports.Add(new(key, bindings));
            }
            else
            {
                ports.Add(new(key, rec.Host.PublishAllPorts ? [new PortBinding("", "")] : null));
            }
        }

        IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?> published;
        try
        {
            published = Network.Publish(rec.Id, ports);
        }
        catch (DockerSimulatorException ex) when (ex.Kind == ErrorKind.Conflict)
        {
            var endpointId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("endpoint/" + rec.Id)));
            throw new DockerSimulatorException(
                ErrorKind.Conflict,
                $"driver failed programming external connectivity on endpoint {rec.Name} ({endpointId}): {ex.Message}",
                ex);
        }

        List<(string Ip, string NetworkId)> addresses;
        lock (_gate)
        {
            addresses = rec.Attachments.Where(a => a.Ip.Length > 0).Select(a => (a.Ip, a.Network.Id)).ToList();
        }

        var endpoint = Network.Connect(rec.Id, ns, addresses);
        ns.HttpHandler ??= endpoint.CreateHandler(); // wget and other clients inside the container reach the network
        lock (_gate)
        {
            rec.Endpoint = endpoint;
            foreach (var a in rec.Attachments)
            {
                Activate(rec, a);
            }

            RebuildEtcHosts(rec);

            rec.Ports = published;
        }
    }

    /// <summary>Creates the endpoint of a running container on one network (libnetwork join): inspect's <c>Containers</c>, DNS names, the <c>network connect</c> event.</summary>
    private void Activate(ContainerRecord rec, NetworkAttachment a)
    {
        a.EndpointId = Networks.NewEndpointId();
        var prefix = a.Network.Subnet?.PrefixLength ?? 0;
        var ipv4 = a.Ip.Length == 0 ? "" : a.Ip + "/" + prefix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Networks.Activate(a.Network, rec.Id, new NetworkEndpoint(rec.Name, a.EndpointId, a.MacAddress, ipv4, ""), DnsNames(rec, a));
    }

    private static IReadOnlyList<string> DnsNames(ContainerRecord rec, NetworkAttachment a) =>
        NetworkStore.Predefined.Contains(a.Network.Name) ? [] : [rec.Name, rec.Id[..12], .. a.Aliases];

    /// <summary>Inspect's <c>NetworkSettings</c>: the bridge's address at the top (moby's legacy fields) and every network's endpoint.</summary>
    internal static NetworkSettings Settings(ContainerRecord rec, IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?>? ports)
    {
        bool running = rec.Endpoint is not null;
        var networks = new Dictionary<string, EndpointSettings>(StringComparer.Ordinal);
        foreach (var a in rec.Attachments)
        {
            networks[a.Network.Name] = new EndpointSettings
            {
                NetworkID = a.Network.Id,
                EndpointID = running ? a.EndpointId : "",
                Gateway = running ? a.Network.Gateway : "",
                IPAddress = running ? a.Ip : "",
                IPPrefixLen = running && a.Ip.Length > 0 ? a.Network.Subnet?.PrefixLength ?? 0 : 0,
                MacAddress = running ? a.MacAddress : "",
                Aliases = a.Aliases,
                DNSNames = running ? DnsNames(rec, a) : [],
            };
        }

        var bridge = rec.Attachments.FirstOrDefault(a => a.Network.IsDefaultBridge);
        return new NetworkSettings
        {
            IPAddress = running && bridge is not null ? bridge.Ip : "",
            Gateway = running && bridge is not null ? SimulatedNetwork.Gateway : "",
            IPPrefixLen = running && bridge is not null ? 16 : 0,
            Ports = ports ?? NetworkSettings.Empty.Ports,
            Networks = networks,
        };
    }

    /// <summary>Unpublishes the ports and closes the listeners of a container that stopped.</summary>
    private void DisconnectNetwork(ContainerRecord rec)
    {
        Network.Unpublish(rec.Id);
        lock (_gate)
        {
            if (rec.Endpoint is not null)
            {
                Network.Disconnect(rec.Endpoint);
                rec.Endpoint = null;
                foreach (var a in rec.Attachments)
                {
                    Networks.Deactivate(a.Network, rec.Id);
                    a.EndpointId = "";
                }
            }

            rec.Ports = null;
        }
    }
}
