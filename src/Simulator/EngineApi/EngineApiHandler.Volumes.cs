using System.Net;
using System.Text.Json.Nodes;
using Simulator.EngineApi.Internal;
using Simulator.Volumes;

namespace Simulator.EngineApi;

/// <summary>/volumes/..., /networks/...</summary>
public sealed partial class EngineApiHandler
{
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

        var networks = Engine.Containers.Networks;
        Map("GET", "/networks", r => Json(new JsonArray(networks.List(r.FilterStrings()).Select(n => (JsonNode?)NetworkJson(n)).ToArray())));
        Map("GET", "/networks/(?<id>[^/]+)", r => Json(NetworkJson(networks.Inspect(r["id"]))));
        Map("POST", "/networks/create", async (r, ct) =>
        {
            var body = await r.ReadJsonAsync(ct).ConfigureAwait(false);
            string? subnet = null, gateway = null;
            if (body.Get("IPAM") is { } ipam && ipam.Get("Config") is { ValueKind: System.Text.Json.JsonValueKind.Array } configs && configs.GetArrayLength() > 0)
            {
                subnet = configs[0].GetString("Subnet");
                gateway = configs[0].GetString("Gateway");
            }

            var created = networks.Create(new Networking.NetworkCreateOptions(body.GetString("Name") ?? "")
            {
                Driver = string.IsNullOrEmpty(body.GetString("Driver")) ? "bridge" : body.GetString("Driver")!,
                Subnet = subnet,
                Gateway = gateway,
                Internal = body.GetBool("Internal"),
                Attachable = body.GetBool("Attachable"),
                Labels = body.GetMap("Labels"),
                Options = body.GetMap("Options"),
            });
            return Json(HttpStatusCode.Created, new JsonObject { ["Id"] = created.Id, ["Warning"] = "" });
        });
        Map("POST", "/networks/prune", r =>
        {
            var deleted = networks.Prune(r.FilterStrings());
            return Json(new JsonObject { ["NetworksDeleted"] = deleted.Count == 0 ? null : ApiJson.Strings(deleted) });
        });
        Map("POST", "/networks/(?<id>[^/]+)/connect", async (r, ct) =>
        {
            var body = await r.ReadJsonAsync(ct).ConfigureAwait(false);
            var aliases = body.Get("EndpointConfig") is { } ec ? ec.GetStrings("Aliases") : null;
            await Engine.Containers.ConnectNetworkAsync(r["id"], body.GetString("Container") ?? "", aliases, ct).ConfigureAwait(false);
            return Status(HttpStatusCode.OK);
        });
        Map("POST", "/networks/(?<id>[^/]+)/disconnect", async (r, ct) =>
        {
            var body = await r.ReadJsonAsync(ct).ConfigureAwait(false);
            await Engine.Containers.DisconnectNetworkAsync(r["id"], body.GetString("Container") ?? "", body.GetBool("Force"), ct).ConfigureAwait(false);
            return Status(HttpStatusCode.OK);
        });
        Map("DELETE", "/networks/(?<id>[^/]+)", r =>
        {
            networks.Remove(r["id"]);
            return Status(HttpStatusCode.NoContent);
        });
    }

    private static JsonObject NetworkJson(Networking.NetworkResource n) => ApiDocuments.Network(n);

    internal static JsonObject VolumeJson(Volume v) => ApiDocuments.Volume(v);
}
