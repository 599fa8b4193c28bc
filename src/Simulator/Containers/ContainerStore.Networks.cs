using Simulator.Networking;

namespace Simulator.Containers;

/// <summary>User-defined networks: <c>--network</c>, <c>docker network connect/disconnect</c>.</summary>
public sealed partial class ContainerStore
{
    /// <summary>The engine's networks (<c>docker network create/ls/inspect/rm/prune</c>); containers join them with <see cref="HostConfig.NetworkMode"/> and <see cref="ConnectNetworkAsync"/>.</summary>
    public NetworkStore Networks { get; }

    /// <summary>
    /// <c>docker network connect [--alias a] net c</c>: connects a container to a network; a running one is reachable
    /// there at once (and, on a user-defined network, by name, short ID and alias), a stopped one from its next start
    /// (moby daemon/container_operations.go ConnectToNetwork). A running container's <c>/etc/hosts</c> gets the line
    /// <c>&lt;ip&gt;\t&lt;hostname&gt;</c> for the new address appended (moby libnetwork sandbox addHostsEntries, etchosts.Add); a
    /// stopped one gets it when it starts (the file is rebuilt then, with a line per network).
    /// </summary>
    /// <param name="network">The network's name, ID or ID prefix.</param>
    /// <param name="idOrName">The container.</param>
    /// <param name="aliases"><c>--alias</c> names.</param>
    /// <param name="cancellationToken">Cancels waiting for the container's turn.</param>
    /// <returns>A task completing when connected.</returns>
    /// <exception cref="DockerSimulatorException">
    /// As <see cref="Inspect(string)"/> and <see cref="NetworkStore.Inspect"/>; <see cref="ErrorKind.Forbidden"/> <c>endpoint with name c already exists in network net</c>;
    /// <see cref="ErrorKind.InvalidArgument"/> <c>network-scoped alias is supported only for containers in user defined networks</c>,
    /// <c>container sharing network namespace with another container or host cannot be connected to any other network</c>,
    /// <c>container cannot be connected to multiple networks with one of the networks in private (none) mode</c>,
    /// <c>container cannot be disconnected from host network or connected to host network</c> (moby runconfig/errors.go).
    /// </exception>
    public async Task ConnectNetworkAsync(string network, string idOrName, IReadOnlyList<string>? aliases = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        Record(ContainerOperation.ConnectNetwork, idOrName, ("network", network), ("aliases", aliases is { Count: > 0 } ? string.Join(',', aliases) : null));
        var net = Networks.Find(network);
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        await rec.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                CheckConnectable(rec, net, aliases ?? []);
                var ip = net.IsDefaultBridge ? Network.ReserveAddress(rec.Id) : net.Subnet is null ? "" : Networks.Allocate(net, rec.Id);
                var a = new NetworkAttachment(net, [.. aliases ?? []], ip);
                rec.Attachments.Add(a);
                if (rec.Endpoint is not null)
                {
                    if (ip.Length > 0)
                    {
                        Network.AddAddress(rec.Endpoint, ip, net.Id);
                        EditEtcHosts(rec, text => text + HostsRecord(rec, ip));
                    }

                    Activate(rec, a);
                }

            }
        }
        finally
        {
            rec.Gate.Release();
        }
    }

    /// <summary>
    /// <c>docker network disconnect [-f] net c</c>: the container leaves the network and gives back its address; a running
    /// container's <c>/etc/hosts</c> loses that address's line (moby libnetwork deleteHostsEntries, etchosts.Delete, which also
    /// drops empty lines).
    /// </summary>
    /// <param name="network">The network's name, ID or ID prefix.</param>
    /// <param name="idOrName">The container.</param>
    /// <param name="force"><c>-f</c>: also when the network no longer exists.</param>
    /// <param name="cancellationToken">Cancels waiting for the container's turn.</param>
    /// <returns>A task completing when disconnected.</returns>
    /// <exception cref="DockerSimulatorException">
    /// As <see cref="Inspect(string)"/> and <see cref="NetworkStore.Inspect"/>; <see cref="ErrorKind.InvalidArgument"/> <c>container &lt;id&gt; is not connected to network net</c>
    /// (running) or <c>container &lt;id&gt; is not connected to the network net</c> (stopped), <c>cannot disconnect container from host network - container was created in host network mode</c>.
    /// </exception>
    public async Task DisconnectNetworkAsync(string network, string idOrName, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        Record(ContainerOperation.DisconnectNetwork, idOrName, ("network", network), ("force", force ? "true" : null));
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        NetworkStore.NetworkRecord? net;
        try
        {
            net = Networks.Find(network);
        }
        catch (DockerSimulatorException ex) when (ex.Kind == ErrorKind.NotFound && force)
        {
            net = null;
        }

        await rec.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                var a = rec.Attachments.FirstOrDefault(x => net is null ? x.Network.Name == network : ReferenceEquals(x.Network, net));
                if (a is null)
                {
                    var name = net?.Name ?? network;
                    throw new DockerSimulatorException(ErrorKind.InvalidArgument, rec.Endpoint is not null
                        ? $"container {rec.Id} is not connected to network {name}"
                        : $"container {rec.Id} is not connected to the network {name}");
                }

                if (a.Network.Name == "host")
                {
                    throw new DockerSimulatorException(ErrorKind.InvalidArgument, "cannot disconnect container from host network - container was created in host network mode");
                }

                rec.Attachments.Remove(a);
                if (rec.Endpoint is not null)
                {
                    Network.RemoveAddress(rec.Endpoint, a.Network.Id);
                    Networks.Deactivate(a.Network, rec.Id);
                    if (a.Ip.Length > 0)
                    {
                        EditEtcHosts(rec, text => DeleteHostsRecord(text, a.Ip, HostsNames(rec.Hostname)));
                    }
                }

                Release(rec, a);
            }
        }
        finally
        {
            rec.Gate.Release();
        }
    }

    /// <summary>Resolves <see cref="HostConfig.NetworkMode"/> at create (moby: a missing network fails the create).</summary>
    private List<(NetworkStore.NetworkRecord Network, IReadOnlyList<string> Aliases)> ResolveNetworks(HostConfig host)
    {
        var mode = host.NetworkMode;
        var net = string.IsNullOrEmpty(mode) || mode == "default" ? Networks.Find("bridge") : Networks.Find(mode);
        if (host.NetworkAliases.Count > 0 && NetworkStore.Predefined.Contains(net.Name))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "network-scoped alias is supported only for containers in user defined networks");
        }

        return [(net, host.NetworkAliases)];
    }

    private void CheckConnectable(ContainerRecord rec, NetworkStore.NetworkRecord net, IReadOnlyList<string> aliases)
    {
        if (rec.Attachments.Any(a => a.Network.Name == "host"))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "container sharing network namespace with another container or host cannot be connected to any other network");
        }

        if (net.Name == "host")
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "container cannot be disconnected from host network or connected to host network");
        }

        if (net.Name == "none" || rec.Attachments.Any(a => a.Network.Name == "none"))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "container cannot be connected to multiple networks with one of the networks in private (none) mode");
        }

        if (rec.Attachments.Any(a => ReferenceEquals(a.Network, net)))
        {
            throw new DockerSimulatorException(ErrorKind.Forbidden, $"endpoint with name {rec.Name} already exists in network {net.Name}");
        }

        if (aliases.Count > 0 && NetworkStore.Predefined.Contains(net.Name))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "network-scoped alias is supported only for containers in user defined networks");
        }
    }

    private void Release(ContainerRecord rec, NetworkAttachment a)
    {
        if (a.Network.IsDefaultBridge)
        {
            Network.ReleaseAddress(rec.Id);
        }
        else
        {
            Networks.Release(a.Network, rec.Id);
        }
    }

    /// <summary>moby libnetwork makeHostsRecs: the names of the container's own <c>/etc/hosts</c> line (the hostname, and its first label when it has a dot).</summary>
    internal static string HostsNames(string hostname)
    {
        int dot = hostname.IndexOf('.', StringComparison.Ordinal);
        return dot >= 0 ? hostname + " " + hostname[..dot] : hostname;
    }

    /// <summary>moby libnetwork/etchosts Record.WriteTo: <c>&lt;ip&gt;\t&lt;names&gt;\n</c>.</summary>
    private static string HostsRecord(ContainerRecord rec, string ip) => ip + "\t" + HostsNames(rec.Hostname) + "\n";

    /// <summary>moby libnetwork/etchosts Delete: drops the lines <c>&lt;ip&gt;\t&lt;names&gt;</c> and every empty line, keeps the rest.</summary>
    private static string DeleteHostsRecord(string text, string ip, string names)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] != '#' && line.EndsWith("\t" + names, StringComparison.Ordinal) && line[..^(names.Length + 1)].Trim() == ip)
            {
                continue;
            }

            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// At start: moby rebuilds <c>/etc/hosts</c> (buildHostsFile, then one line per joined endpoint). The init layer already
    /// holds the file with the first address; it is rewritten only when there are more addresses or it was edited at runtime.
    /// </summary>
    private void RebuildEtcHosts(ContainerRecord rec)
    {
        var addressed = rec.Attachments.Where(a => a.Ip.Length > 0).ToList();
        if (addressed.Count <= 1 && !rec.Root.MountPoints.Contains(EtcHosts))
        {
            return;
        }

        EditEtcHosts(rec, _ => BaseHosts + string.Concat(addressed.Select(a => HostsRecord(rec, a.Ip))));
    }

    /// <summary>
    /// Changes <c>/etc/hosts</c> as libnetwork does, outside the container's layers: the first change bind-mounts a file of its
    /// own over the init layer's (as Docker mounts the file from the container's directory, so it stays out of diff and commit).
    /// </summary>
    private void EditEtcHosts(ContainerRecord rec, Func<string, string> change)
    {
        var root = rec.Root;
        string current;
        try
        {
            current = root.ReadAllText(EtcHosts);
        }
        catch (FileSystem.FileSystemException)
        {
            return; // removed or replaced by the container: libnetwork only logs a warning
        }

        if (!root.MountPoints.Contains(EtcHosts))
        {
            var file = FileSystem.UnionFileSystem.CreateEmpty(_time);
            file.WriteAllText("/hosts", current);
            root.Mount(EtcHosts, file, "/hosts");
        }

        root.WriteAllText(EtcHosts, change(current));
    }
}
