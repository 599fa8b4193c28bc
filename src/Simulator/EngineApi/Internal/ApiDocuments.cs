using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Simulator.Containers;
using Simulator.Images;
using Simulator.Networking;
using Simulator.Volumes;

namespace Simulator.EngineApi.Internal;

/// <summary>
/// The Engine API's JSON documents of containers, images, networks and volumes, built in one place: the API answers with them
/// and <c>docker inspect</c> prints them indented (docker/cli prints what the daemon returns). Keys in moby's struct order,
/// Go maps (labels, ports, networks, volumes) in sorted key order as Go's encoding/json writes them, <c>omitempty</c> fields
/// left out when empty (moby <c>api/types</c> container.InspectResponse, container.Summary, image.InspectResponse,
/// network.Inspect, volume.Volume). Times are RFC 3339 with nanoseconds, trailing zeros dropped, as Go's
/// <c>time.RFC3339Nano</c>. Thread-safe (pure functions of the engine's state).
/// </summary>
internal static class ApiDocuments
{
    /// <summary>moby <c>container.InspectResponse</c> (GET /containers/{id}/json, <c>docker container inspect</c>).</summary>
    /// <param name="engine">The engine (image volumes, the default bridge's ID).</param>
    /// <param name="c">The container.</param>
    /// <param name="execIds">The running exec instances' IDs (<c>ExecIDs</c>); <see langword="null"/> when none.</param>
    public static JsonObject Container(DockerSimulator engine, Container c, IReadOnlyList<string>? execIds)
    {
        var s = c.State;
        var cfg = c.Config;
        var hc = c.HostConfig;
        var ns = c.NetworkSettings;
        var portSpecs = TryParsePorts(hc.PortBindings);
        var imageVolumes = engine.Images.TryGet(c.ImageId.ToString(), out var image) ? image.Config.Config.Volumes : [];
        var anonymous = c.Mounts.Where(m => m.IsAnonymousVolume).Select(m => m.Destination);
        var exposed = cfg.ExposedPorts.Concat(portSpecs?.ExposedPorts ?? []).Concat(ns.Ports.Keys);
        var config = new JsonObject
        {
            // moby: the hostname defaults to the short ID.
            ["Hostname"] = string.IsNullOrEmpty(cfg.Hostname) ? ShortId(c.Id) : cfg.Hostname,
            ["Domainname"] = "",
            ["User"] = cfg.User ?? "",
            ["AttachStdin"] = cfg.AttachStdin,
            ["AttachStdout"] = cfg.AttachStdout,
            ["AttachStderr"] = cfg.AttachStderr,
        };
        if (Set(exposed) is { } exposedSet)
        {
            config["ExposedPorts"] = exposedSet;
        }

        config["Tty"] = cfg.Tty;
        config["OpenStdin"] = cfg.OpenStdin;
        config["StdinOnce"] = cfg.StdinOnce;
        config["Env"] = ApiJson.Strings(cfg.Env);
        config["Cmd"] = cfg.Cmd is { Count: > 0 } cmd ? ApiJson.Strings(cmd) : null;
        config["Image"] = cfg.Image;
        config["Volumes"] = Set(imageVolumes.Concat(anonymous));
        config["WorkingDir"] = cfg.WorkingDir ?? "";
        config["Entrypoint"] = cfg.Entrypoint is { Count: > 0 } ep ? ApiJson.Strings(ep) : null;
        config["OnBuild"] = null;
        config["Labels"] = SortedMap(cfg.Labels);
        if (!string.IsNullOrEmpty(cfg.StopSignal))
        {
            config["StopSignal"] = cfg.StopSignal;
        }

        if (cfg.StopTimeout is int stopTimeout)
        {
            config["StopTimeout"] = stopTimeout;
        }

        var tmpfs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in hc.Tmpfs)
        {
            var colon = t.IndexOf(':', StringComparison.Ordinal);
            tmpfs[colon < 0 ? t : t[..colon]] = colon < 0 ? "" : t[(colon + 1)..];
        }

        var hostConfig = new JsonObject
        {
            ["Binds"] = hc.Binds.Count == 0 ? null : ApiJson.Strings(hc.Binds.Where(b => b.Contains(':', StringComparison.Ordinal))),
            ["ContainerIDFile"] = "",
            ["LogConfig"] = new JsonObject { ["Type"] = "json-file", ["Config"] = new JsonObject() },
            ["NetworkMode"] = NetworkMode(hc),
            ["PortBindings"] = PortsMap(portSpecs?.Bindings.ToDictionary(p => p.Key, p => (IReadOnlyList<PortBinding>?)p.Value, StringComparer.Ordinal) ?? []),
            ["RestartPolicy"] = new JsonObject { ["Name"] = hc.RestartPolicy.Name, ["MaximumRetryCount"] = hc.RestartPolicy.MaximumRetryCount },
            ["AutoRemove"] = hc.AutoRemove,
            ["VolumeDriver"] = "",
            ["VolumesFrom"] = hc.VolumesFrom.Count == 0 ? null : ApiJson.Strings(hc.VolumesFrom),
            ["ConsoleSize"] = new JsonArray(0, 0),
            ["CapAdd"] = null,
            ["CapDrop"] = null,
            ["CgroupnsMode"] = "private",
            ["Dns"] = new JsonArray(),
            ["DnsOptions"] = new JsonArray(),
            ["DnsSearch"] = new JsonArray(),
            ["ExtraHosts"] = null,
            ["GroupAdd"] = null,
            ["IpcMode"] = "private",
            ["Cgroup"] = "",
            ["Links"] = null,
            ["OomScoreAdj"] = 0,
            ["PidMode"] = "",
            ["Privileged"] = false,
            ["PublishAllPorts"] = hc.PublishAllPorts,
            ["ReadonlyRootfs"] = hc.ReadonlyRootfs,
            ["SecurityOpt"] = null,
            ["UTSMode"] = "",
            ["UsernsMode"] = "",
            ["ShmSize"] = 67108864,
            ["Runtime"] = "runc",
            ["Isolation"] = "",
            ["Memory"] = 0,
            ["NanoCpus"] = 0,
            ["CpuShares"] = 0,
            ["PidsLimit"] = null,
            ["Init"] = null,
        };
        if (tmpfs.Count > 0)
        {
            hostConfig["Tmpfs"] = SortedMap(tmpfs);
        }

        var dir = "/var/lib/docker/containers/" + c.Id;
        return new JsonObject
        {
            ["Id"] = c.Id,
            ["Created"] = ApiJson.Time(c.Created),
            ["Path"] = c.Path,
            ["Args"] = ApiJson.StringsOrEmpty(c.Args),
            ["State"] = new JsonObject
            {
                ["Status"] = s.StatusText,
                ["Running"] = s.Running,
                ["Paused"] = s.Paused,
                ["Restarting"] = s.Restarting,
                ["OOMKilled"] = s.OOMKilled,
                ["Dead"] = s.Dead,
                ["Pid"] = s.Pid,
                ["ExitCode"] = s.ExitCode,
                ["Error"] = s.Error,
                ["StartedAt"] = ApiJson.Time(s.StartedAt),
                ["FinishedAt"] = ApiJson.Time(s.FinishedAt),
            },
            ["Image"] = c.ImageId.ToString(),
            ["ResolvConfPath"] = dir + "/resolv.conf",
            ["HostnamePath"] = dir + "/hostname",
            ["HostsPath"] = dir + "/hosts",
            ["LogPath"] = dir + "/" + c.Id + "-json.log",
            ["Name"] = "/" + c.Name.TrimStart('/'),
            ["RestartCount"] = c.RestartCount,
            ["Driver"] = "overlay2",
            ["Platform"] = "linux",
            ["MountLabel"] = "",
            ["ProcessLabel"] = "",
            ["AppArmorProfile"] = "",
            ["ExecIDs"] = execIds is { Count: > 0 } ? ApiJson.Strings(execIds) : null,
            ["HostConfig"] = hostConfig,
            ["GraphDriver"] = new JsonObject
            {
                ["Data"] = new JsonObject
                {
                    ["MergedDir"] = "/var/lib/docker/overlay2/" + c.Id + "/merged",
                    ["UpperDir"] = "/var/lib/docker/overlay2/" + c.Id + "/diff",
                    ["WorkDir"] = "/var/lib/docker/overlay2/" + c.Id + "/work",
                },
                ["Name"] = "overlay2",
            },
            ["Mounts"] = Mounts(c.Mounts),
            ["Config"] = config,
            ["NetworkSettings"] = new JsonObject
            {
                ["Bridge"] = "",
                ["SandboxID"] = ns.IPAddress.Length > 0 ? DerivedId("sandbox/" + c.Id) : "",
                ["SandboxKey"] = ns.IPAddress.Length > 0 ? "/var/run/docker/netns/" + DerivedId("sandbox/" + c.Id)[..12] : "",
                ["Ports"] = PortsMap(ns.Ports),
                ["HairpinMode"] = false,
                ["LinkLocalIPv6Address"] = "",
                ["LinkLocalIPv6PrefixLen"] = 0,
                ["SecondaryIPAddresses"] = null,
                ["SecondaryIPv6Addresses"] = null,
                ["EndpointID"] = ns.IPAddress.Length > 0 ? DerivedId("endpoint/" + c.Id) : "",
                ["Gateway"] = ns.Gateway,
                ["GlobalIPv6Address"] = "",
                ["GlobalIPv6PrefixLen"] = 0,
                ["IPAddress"] = ns.IPAddress,
                ["IPPrefixLen"] = ns.IPPrefixLen,
                ["IPv6Gateway"] = "",
                ["MacAddress"] = Mac(ns.IPAddress),
                ["Networks"] = Networks(engine, c),
            },
        };
    }

    /// <summary>moby <c>container.Summary</c> (GET /containers/json).</summary>
    public static JsonObject ContainerSummary(DockerSimulator engine, Container c)
    {
        var ports = new JsonArray();
        foreach (var p in c.NetworkSettings.ToContainerPorts())
        {
            var port = new JsonObject();
            if (p.Ip.Length > 0)
            {
                port["IP"] = p.Ip;
            }

            port["PrivatePort"] = p.PrivatePort;
            if (p.PublicPort != 0)
            {
                port["PublicPort"] = p.PublicPort;
            }

            port["Type"] = p.Type;
            ports.Add(port);
        }

        return new JsonObject
        {
            ["Id"] = c.Id,
            ["Names"] = new JsonArray("/" + c.Name.TrimStart('/')),
            ["Image"] = c.ImageName,
            ["ImageID"] = c.ImageId.ToString(),
            ["Command"] = c.Command,
            ["Created"] = ApiJson.Unix(c.Created),
            ["Ports"] = ports,
            ["Labels"] = SortedMap(c.Config.Labels),
            ["State"] = c.State.StatusText,
            ["Status"] = c.Status,
            ["HostConfig"] = new JsonObject { ["NetworkMode"] = NetworkMode(c.HostConfig) },
            ["NetworkSettings"] = new JsonObject { ["Networks"] = Networks(engine, c) },
            ["Mounts"] = Mounts(c.Mounts),
        };
    }

    /// <summary>
    /// moby <c>image.InspectResponse</c> (GET /images/{name}/json, <c>docker image inspect</c>): the stored config's
    /// <c>config</c>, <c>comment</c> and <c>docker_version</c>, the store's tags, digests and size.
    /// </summary>
    public static JsonObject Image(ImageInspectInfo info)
    {
        var image = info.Image;
        var configJson = JsonNode.Parse(image.ConfigJson.Span) as JsonObject ?? [];
        var config = configJson["config"]?.DeepClone() as JsonObject ?? [];
        return new JsonObject
        {
            ["Id"] = image.Id.ToString(),
            ["RepoTags"] = ApiJson.StringsOrEmpty(info.RepoTags),
            ["RepoDigests"] = ApiJson.StringsOrEmpty(info.RepoDigests),
            ["Parent"] = info.Parent.IsEmpty ? "" : info.Parent.ToString(),
            ["Comment"] = configJson["comment"]?.GetValue<string>() ?? "",
            ["Created"] = ApiJson.Time(image.Created),
            ["DockerVersion"] = configJson["docker_version"]?.GetValue<string>() ?? "",
            ["Author"] = image.Config.Author,
            ["Config"] = config,
            ["Architecture"] = image.Config.Architecture,
            ["Os"] = image.Config.Os,
            ["Size"] = info.Size,
            ["GraphDriver"] = new JsonObject { ["Data"] = null, ["Name"] = "overlay2" },
            ["RootFS"] = new JsonObject { ["Type"] = "layers", ["Layers"] = ApiJson.StringsOrEmpty(image.DiffIds.Select(d => d.ToString())) },
            ["Metadata"] = new JsonObject { ["LastTagTime"] = ApiJson.Time(info.LastTagTime) },
        };
    }

    /// <summary>
    /// moby <c>network.Inspect</c> (GET /networks/{id}, <c>docker network inspect</c>). <c>EnableIPv4</c> is true for every
    /// network, <c>host</c> and <c>none</c> included (libnetwork's default, controller.go NewNetwork).
    /// </summary>
    public static JsonObject Network(NetworkResource n)
    {
        var containers = new JsonObject();
        foreach (var (id, e) in n.Containers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            containers[id] = new JsonObject
            {
                ["Name"] = e.Name,
                ["EndpointID"] = e.EndpointID,
                ["MacAddress"] = e.MacAddress,
                ["IPv4Address"] = e.IPv4Address,
                ["IPv6Address"] = e.IPv6Address,
            };
        }

        return new JsonObject
        {
            ["Name"] = n.Name,
            ["Id"] = n.Id,
            ["Created"] = ApiJson.Time(n.Created),
            ["Scope"] = n.Scope,
            ["Driver"] = n.Driver,
            ["EnableIPv4"] = true,
            ["EnableIPv6"] = n.EnableIPv6,
            ["IPAM"] = new JsonObject
            {
                ["Driver"] = n.IpamDriver,
                ["Options"] = null,
                ["Config"] = new JsonArray(n.IpamConfig.Select(c => (JsonNode?)new JsonObject { ["Subnet"] = c.Subnet, ["Gateway"] = c.Gateway }).ToArray()),
            },
            ["Internal"] = n.Internal,
            ["Attachable"] = n.Attachable,
            ["Ingress"] = false,
            ["ConfigFrom"] = new JsonObject { ["Network"] = "" },
            ["ConfigOnly"] = false,
            ["Containers"] = containers,
            ["Options"] = SortedMap(n.Options),
            ["Labels"] = SortedMap(n.Labels),
        };
    }

    /// <summary>moby <c>volume.Volume</c>: <c>Labels</c>/<c>Options</c> are <c>null</c> when the creator gave none, as the volume keeps them.</summary>
    public static JsonObject Volume(Volume v) => (JsonObject)JsonNode.Parse(v.ToInspectJson())!;

    /// <summary><c>HostConfig.NetworkMode</c>: what was asked, <c>bridge</c> for the default.</summary>
    private static string NetworkMode(HostConfig hc) => hc.NetworkMode is null or "" or "default" ? "bridge" : hc.NetworkMode;

    private static PortSpecResult? TryParsePorts(IReadOnlyList<string> specs)
    {
        try
        {
            return PortSpecs.Parse(specs);
        }
        catch (DockerSimulatorException)
        {
            return null;
        }
    }

    private static string ShortId(string id) => id.Length > 12 ? id[..12] : id;

    private static string Mac(string ip)
    {
        if (ip.Length == 0)
        {
            return "";
        }

        var octets = ip.Split('.').Select(o => byte.Parse(o, CultureInfo.InvariantCulture)).ToArray();
        return "02:42:" + string.Join(':', octets.Select(o => o.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static string DerivedId(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    /// <summary><c>NetworkSettings.Networks</c>: the engine's endpoints, or the default bridge's (without an address) while a bridged container has none.</summary>
    private static JsonObject Networks(DockerSimulator engine, Container c)
    {
        var networks = new JsonObject();
        foreach (var (name, e) in c.NetworkSettings.Networks.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            networks[name] = Endpoint(e.NetworkID, e.EndpointID, e.Gateway, e.IPAddress, e.IPPrefixLen, e.MacAddress, e.Aliases, e.DNSNames);
        }

        if (networks.Count == 0 && NetworkMode(c.HostConfig) == "bridge")
        {
            var ns = c.NetworkSettings;
            networks["bridge"] = Endpoint(engine.Containers.Networks.BridgeId, ns.IPAddress.Length > 0 ? DerivedId("endpoint/" + c.Id) : "", ns.Gateway, ns.IPAddress, ns.IPPrefixLen, Mac(ns.IPAddress), [], []);
        }

        return networks;
    }

    private static JsonObject Endpoint(string networkId, string endpointId, string gateway, string ip, int prefix, string mac, IReadOnlyList<string> aliases, IReadOnlyList<string> dnsNames) => new()
    {
        ["IPAMConfig"] = null,
        ["Links"] = null,
        ["Aliases"] = aliases.Count == 0 ? null : ApiJson.Strings(aliases),
        ["MacAddress"] = mac,
        ["DriverOpts"] = null,
        ["GwPriority"] = 0,
        ["NetworkID"] = networkId,
        ["EndpointID"] = endpointId,
        ["Gateway"] = gateway,
        ["IPAddress"] = ip,
        ["IPPrefixLen"] = prefix,
        ["IPv6Gateway"] = "",
        ["GlobalIPv6Address"] = "",
        ["GlobalIPv6PrefixLen"] = 0,
        ["DNSNames"] = dnsNames.Count == 0 ? null : ApiJson.Strings(dnsNames),
    };

    /// <summary>moby <c>container.MountPoint</c>: <c>Name</c> and <c>Driver</c> are <c>omitempty</c>.</summary>
    private static JsonArray Mounts(IEnumerable<MountPoint> mounts) =>
        new(mounts.Select(m =>
        {
            var json = new JsonObject { ["Type"] = m.Type.ToString().ToLowerInvariant() };
            if (!string.IsNullOrEmpty(m.Name))
            {
                json["Name"] = m.Name;
            }

            json["Source"] = m.Source;
            json["Destination"] = m.Destination;
            if (m.Driver.Length > 0)
            {
                json["Driver"] = m.Driver;
            }

            json["Mode"] = m.Mode;
            json["RW"] = m.RW;
            json["Propagation"] = m.Propagation;
            return (JsonNode?)json;
        }).ToArray());

    private static JsonObject PortsMap(IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?> ports)
    {
        var obj = new JsonObject();
        foreach (var (key, bindings) in ports.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            obj[key] = bindings is null ? null : new JsonArray(bindings.Select(b => (JsonNode?)new JsonObject { ["HostIp"] = b.HostIp, ["HostPort"] = b.HostPort }).ToArray());
        }

        return obj;
    }

    /// <summary>A Go <c>map[string]string</c>: keys sorted.</summary>
    private static JsonObject SortedMap(IEnumerable<KeyValuePair<string, string>> values)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            obj[k] = v;
        }

        return obj;
    }

    /// <summary>A Go <c>map[string]struct{}</c>, keys sorted: <c>{"80/tcp":{}}</c>; <see langword="null"/> when empty.</summary>
    private static JsonObject? Set(IEnumerable<string> keys) => ApiJson.Set(keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
