using System.Net;
using System.Text.Json.Nodes;
using Simulator.EngineApi.Internal;
using Simulator.Volumes;

namespace Simulator.EngineApi;

/// <summary>/volumes/..., /networks/...</summary>
public sealed partial class EngineApiHandler
{
    private static readonly (string Name, string Driver, string Id)[] DefaultNetworks =
    [
        ("bridge", "bridge", BridgeNetworkId),
        ("host", "host", "b1c2d3e4f5a60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"),
        ("none", "null", "c2d3e4f5a60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1"),
    ];

    private void MapVolumesAndNetworks()
    {
        Map("GET", "/volumes", r => Json(new JsonObject
        {
            ["Volumes"] = new JsonArray(Engine.Volumes.List(r.FilterStrings()).Select(v => (JsonNode?)VolumeJson(v)).ToArray()),
            ["Warnings"] = null,
        }));
        Map("POST", "/volumes/create", async (r, ct) =>
        {
            var body = await r.ReadJsonAsync(ct).ConfigureAwait(false);
            var volume = Engine.Volumes.Create(body.GetString("Name"), body.GetMap("Labels"), body.GetMap("DriverOpts"), body.GetString("Driver"));
            return Json(HttpStatusCode.Created, VolumeJson(volume));
        });
        Map("POST", "/volumes/prune", r =>
        {
            var result = Engine.Volumes.Prune(filters: r.FilterStrings());
            return Json(new JsonObject
            {
                ["VolumesDeleted"] = result.VolumesDeleted.Count == 0 ? null : ApiJson.Strings(result.VolumesDeleted),
                ["SpaceReclaimed"] = result.SpaceReclaimed,
            });
        });
        Map("GET", "/volumes/(?<name>[^/]+)", r => Json(VolumeJson(Engine.Volumes.Get(r["name"]))));
        Map("DELETE", "/volumes/(?<name>[^/]+)", r =>
        {
            Engine.Volumes.Remove(r["name"], r.Bool("force"));
            return Status(HttpStatusCode.NoContent);
        });

        Map("GET", "/networks", _ => Json(new JsonArray(DefaultNetworks.Select(n => (JsonNode?)NetworkJson(n)).ToArray())));
        Map("GET", "/networks/(?<id>[^/]+)", r => Json(NetworkJson(FindNetwork(r["id"]))));
        Map("POST", "/networks/create", _ => NotImplemented("POST /networks/create"));
        Map("POST", "/networks/prune", _ => Json(new JsonObject { ["NetworksDeleted"] = null }));
        Map("POST", "/networks/(?<id>[^/]+)/connect", r =>
        {
            FindNetwork(r["id"]);
            return NotImplemented("POST /networks/{id}/connect");
        });
        Map("POST", "/networks/(?<id>[^/]+)/disconnect", r =>
        {
            FindNetwork(r["id"]);
            return NotImplemented("POST /networks/{id}/disconnect");
        });
        Map("DELETE", "/networks/(?<id>[^/]+)", r =>
        {
            var n = FindNetwork(r["id"]);
            return Error(HttpStatusCode.Forbidden, n.Name + " is a pre-defined network and cannot be removed");
        });
    }

    private static (string Name, string Driver, string Id) FindNetwork(string idOrName)
    {
        foreach (var n in DefaultNetworks)
        {
            if (n.Name == idOrName || n.Id.StartsWith(idOrName, StringComparison.Ordinal))
            {
                return n;
            }
        }

        throw new DockerSimulatorException(ErrorKind.NotFound, "network " + idOrName + " not found");
    }

    private JsonObject NetworkJson((string Name, string Driver, string Id) n)
    {
        var containers = new JsonObject();
        if (n.Name == "bridge")
        {
            foreach (var c in Engine.Containers.List().Where(c => c.NetworkSettings.IPAddress.Length > 0))
            {
                containers[c.Id] = new JsonObject
                {
                    ["Name"] = c.Name.TrimStart('/'),
                    ["EndpointID"] = DerivedId("endpoint/" + c.Id + "/" + ApiJson.Time(c.State.StartedAt)),
                    ["MacAddress"] = Mac(c.NetworkSettings.IPAddress),
                    ["IPv4Address"] = c.NetworkSettings.IPAddress + "/" + c.NetworkSettings.IPPrefixLen,
                    ["IPv6Address"] = "",
                };
            }
        }

        return new JsonObject
        {
            ["Name"] = n.Name,
            ["Id"] = n.Id,
            ["Created"] = ApiJson.Time(DateTimeOffset.UnixEpoch),
            ["Scope"] = "local",
            ["Driver"] = n.Driver,
            ["EnableIPv4"] = n.Name == "bridge",
            ["EnableIPv6"] = false,
            ["IPAM"] = new JsonObject
            {
                ["Driver"] = "default",
                ["Options"] = null,
                ["Config"] = n.Name == "bridge" ? new JsonArray(new JsonObject { ["Subnet"] = "172.17.0.0/16", ["Gateway"] = Networking.SimulatedNetwork.Gateway }) : null,
            },
            ["Internal"] = false,
            ["Attachable"] = false,
            ["Ingress"] = false,
            ["ConfigFrom"] = new JsonObject { ["Network"] = "" },
            ["ConfigOnly"] = false,
            ["Containers"] = containers,
            ["Options"] = n.Name == "bridge" ? new JsonObject
            {
                ["com.docker.network.bridge.default_bridge"] = "true",
                ["com.docker.network.bridge.enable_icc"] = "true",
                ["com.docker.network.bridge.enable_ip_masquerade"] = "true",
                ["com.docker.network.bridge.host_binding_ipv4"] = "0.0.0.0",
                ["com.docker.network.bridge.name"] = "docker0",
                ["com.docker.network.driver.mtu"] = "1500",
            } : new JsonObject(),
            ["Labels"] = new JsonObject(),
        };
    }

    /// <summary>moby <c>volume.Volume</c>.</summary>
    internal static JsonObject VolumeJson(Volume v) => new()
    {
        ["CreatedAt"] = v.CreatedAtText,
        ["Driver"] = v.Driver,
        ["Labels"] = ApiJson.Map(v.Labels),
        ["Mountpoint"] = v.Mountpoint,
        ["Name"] = v.Name,
        ["Options"] = v.Options.Count == 0 ? null : ApiJson.Map(v.Options),
        ["Scope"] = v.Scope,
    };
}
