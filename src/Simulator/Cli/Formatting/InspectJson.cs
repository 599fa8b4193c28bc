using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Simulator.Containers;
using Simulator.Images;
using Simulator.Volumes;

namespace Simulator.Cli.Formatting;

/// <summary>
/// The Engine API's inspect objects (moby api/types container.InspectResponse, image.InspectResponse) as JSON nodes, keys in
/// Docker's order, for <c>docker inspect</c> and its <c>-f</c> templates.
/// </summary>
internal static class InspectJson
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>json.MarshalIndent(list, "", "    ") plus a newline, as docker inspect prints without <c>-f</c>.</summary>
    public static string Array(IEnumerable<JsonNode> items)
    {
        var array = new JsonArray(items.Select(i => i.DeepClone()).ToArray());
        return array.Count == 0 ? "[]\n" : array.ToJsonString(Indented) + "\n";
    }

    private static JsonArray? Strings(IEnumerable<string>? list) => list is null ? null : new JsonArray(list.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());

    private static JsonObject Map(IEnumerable<KeyValuePair<string, string>> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            o[k] = v;
        }

        return o;
    }

    private static JsonObject Set(IEnumerable<string> keys)
    {
        var o = new JsonObject();
        foreach (var k in keys.Distinct(StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal))
        {
            o[k] = new JsonObject();
        }

        return o;
    }

    /// <summary>docker container inspect's object.</summary>
    public static JsonObject Container(Container c)
    {
        var s = c.State;
        var cfg = c.Config;
        var ports = new JsonObject();
        foreach (var (port, bindings) in c.NetworkSettings.Ports.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            ports[port] = bindings is null ? null : new JsonArray(bindings.Select(b => (JsonNode?)new JsonObject { ["HostIp"] = b.HostIp, ["HostPort"] = b.HostPort }).ToArray());
        }

        return new JsonObject
        {
            ["Id"] = c.Id,
            ["Created"] = Text.Rfc3339Nano(c.Created),
            ["Path"] = c.Path,
            ["Args"] = Strings(c.Args),
            ["State"] = new JsonObject
            {
                ["Status"] = s.Status.ToString().ToLowerInvariant(),
                ["Running"] = s.Running,
                ["Paused"] = s.Paused,
                ["Restarting"] = s.Restarting,
                ["OOMKilled"] = s.OOMKilled,
                ["Dead"] = s.Dead,
                ["Pid"] = s.Pid,
                ["ExitCode"] = s.ExitCode,
                ["Error"] = s.Error,
                ["StartedAt"] = s.StartedAt is { } st ? Text.Rfc3339Nano(st) : "0001-01-01T00:00:00Z",
                ["FinishedAt"] = s.FinishedAt is { } ft ? Text.Rfc3339Nano(ft) : "0001-01-01T00:00:00Z",
            },
            ["Image"] = c.ImageId.ToString(),
            ["ResolvConfPath"] = $"/var/lib/docker/containers/{c.Id}/resolv.conf",
            ["HostnamePath"] = $"/var/lib/docker/containers/{c.Id}/hostname",
            ["HostsPath"] = $"/var/lib/docker/containers/{c.Id}/hosts",
            ["LogPath"] = $"/var/lib/docker/containers/{c.Id}/{c.Id}-json.log",
            ["Name"] = "/" + c.Name.TrimStart('/'),
            ["RestartCount"] = c.RestartCount,
            ["Driver"] = "overlay2",
            ["Platform"] = "linux",
            ["MountLabel"] = "",
            ["ProcessLabel"] = "",
            ["AppArmorProfile"] = "",
            ["ExecIDs"] = null,
            ["HostConfig"] = new JsonObject
            {
                ["Binds"] = c.HostConfig.Binds.Count == 0 ? null : Strings(c.HostConfig.Binds),
                ["NetworkMode"] = "bridge",
                ["PortBindings"] = PortBindings(c.HostConfig.PortBindings),
                ["RestartPolicy"] = new JsonObject { ["Name"] = c.HostConfig.RestartPolicy.Name, ["MaximumRetryCount"] = c.HostConfig.RestartPolicy.MaximumRetryCount },
                ["AutoRemove"] = c.HostConfig.AutoRemove,
                ["VolumesFrom"] = c.HostConfig.VolumesFrom.Count == 0 ? null : Strings(c.HostConfig.VolumesFrom),
                ["PublishAllPorts"] = c.HostConfig.PublishAllPorts,
                ["ReadonlyRootfs"] = c.HostConfig.ReadonlyRootfs,
            },
            ["Mounts"] = new JsonArray(c.Mounts.Select(m => (JsonNode?)Mount(m)).ToArray()),
            ["Config"] = new JsonObject
            {
                ["Hostname"] = cfg.Hostname ?? Text.ShortId(c.Id),
                ["Domainname"] = "",
                ["User"] = cfg.User ?? "",
                ["AttachStdin"] = cfg.AttachStdin,
                ["AttachStdout"] = cfg.AttachStdout,
                ["AttachStderr"] = cfg.AttachStderr,
                ["ExposedPorts"] = cfg.ExposedPorts.Count == 0 && c.NetworkSettings.Ports.Count == 0 ? null : Set(cfg.ExposedPorts.Concat(c.NetworkSettings.Ports.Keys)),
                ["Tty"] = cfg.Tty,
                ["OpenStdin"] = cfg.OpenStdin,
                ["StdinOnce"] = cfg.StdinOnce,
                ["Env"] = Strings(cfg.Env),
                ["Cmd"] = Strings(cfg.Cmd),
                ["Image"] = cfg.Image,
                ["Volumes"] = null,
                ["WorkingDir"] = cfg.WorkingDir ?? "",
                ["Entrypoint"] = Strings(cfg.Entrypoint),
                ["OnBuild"] = null,
                ["Labels"] = Map(cfg.Labels),
            },
            ["NetworkSettings"] = new JsonObject
            {
                ["Bridge"] = "",
                ["SandboxID"] = "",
                ["Ports"] = ports,
                ["Gateway"] = c.NetworkSettings.Gateway,
                ["IPAddress"] = c.NetworkSettings.IPAddress,
                ["IPPrefixLen"] = c.NetworkSettings.IPPrefixLen,
                ["MacAddress"] = "",
                ["Networks"] = new JsonObject
                {
                    ["bridge"] = new JsonObject
                    {
                        ["NetworkID"] = "",
                        ["Gateway"] = c.NetworkSettings.Gateway,
                        ["IPAddress"] = c.NetworkSettings.IPAddress,
                        ["IPPrefixLen"] = c.NetworkSettings.IPPrefixLen,
                    },
                },
            },
        };
    }

    private static JsonObject PortBindings(IReadOnlyList<string> specs)
    {
        var o = new JsonObject();
        try
        {
            foreach (var (port, bindings) in Networking.PortSpecs.Parse(specs).Bindings.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                o[port] = new JsonArray(bindings.Select(b => (JsonNode?)new JsonObject { ["HostIp"] = b.HostIp, ["HostPort"] = b.HostPort }).ToArray());
            }
        }
        catch (DockerSimulatorException)
        {
        }

        return o;
    }

    private static JsonObject Mount(MountPoint m)
    {
        var o = new JsonObject { ["Type"] = m.Type.ToString().ToLowerInvariant() };
        if (m.Type == MountType.Volume)
        {
            o["Name"] = m.Name;
        }

        o["Source"] = m.Source;
        o["Destination"] = m.Destination;
        if (m.Type == MountType.Volume)
        {
            o["Driver"] = m.Driver;
        }

        o["Mode"] = m.Mode;
        o["RW"] = m.RW;
        o["Propagation"] = m.Propagation;
        return o;
    }

    /// <summary>docker image inspect's object: the image config's <c>config</c> as <c>Config</c>, plus the store's tags and digests.</summary>
    public static JsonObject Image(ImageInspectInfo info)
    {
        var image = info.Image;
        var configJson = JsonNode.Parse(image.ConfigJson.Span) as JsonObject ?? [];
        var config = configJson["config"]?.DeepClone() as JsonObject ?? [];
        return new JsonObject
        {
            ["Id"] = image.Id.ToString(),
            ["RepoTags"] = Strings(info.RepoTags),
            ["RepoDigests"] = Strings(info.RepoDigests),
            ["Parent"] = info.Parent.IsEmpty ? "" : info.Parent.ToString(),
            ["Comment"] = configJson["comment"]?.GetValue<string>() ?? "",
            ["Created"] = image.Created is { } t ? Text.Rfc3339Nano(t) : "0001-01-01T00:00:00Z",
            ["DockerVersion"] = configJson["docker_version"]?.GetValue<string>() ?? "",
            ["Author"] = image.Config.Author,
            ["Config"] = config,
            ["Architecture"] = image.Config.Architecture,
            ["Os"] = image.Config.Os,
            ["Size"] = info.Size,
            ["GraphDriver"] = new JsonObject { ["Data"] = null, ["Name"] = "overlay2" },
            ["RootFS"] = new JsonObject { ["Type"] = "layers", ["Layers"] = Strings(image.DiffIds.Select(d => d.ToString())) },
            ["Metadata"] = new JsonObject { ["LastTagTime"] = info.LastTagTime is { } lt ? Text.Rfc3339Nano(lt) : "0001-01-01T00:00:00Z" },
        };
    }

    /// <summary>docker volume inspect's object.</summary>
    public static JsonNode Volume(Volume v) => JsonNode.Parse(v.ToInspectJson())!;
}
