using System.Net;
using System.Text.Json.Nodes;
using Simulator.Containers;
using Simulator.EngineApi.Internal;

namespace Simulator.EngineApi;

/// <summary>_ping, version, info, auth, system df, events.</summary>
public sealed partial class EngineApiHandler
{
    private const string GitCommit = "45873be";
    private const string GoVersion = "go1.24.3";
    private const string KernelVersion = "6.10.14-linuxkit";
    private const string BuildTime = "2025-05-30T12:07:26.000000000+00:00";

    private void MapSystem()
    {
        Map("GET", "/_ping", _ => Ping(head: false));
        Map("HEAD", "/_ping", _ => Ping(head: true));
        Map("GET", "/version", _ => Json(VersionJson()));
        Map("GET", "/info", _ => Json(InfoJson()));
        Map("POST", "/auth", AuthAsync);
        Map("GET", "/system/df", _ => Json(DiskUsage()));
        Map("GET", "/events", Events);
    }

    /// <summary>moby api/server/router/system: <c>OK</c> and the headers the CLI negotiates with.</summary>
    private static HttpResponseMessage Ping(bool head)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(head ? [] : "OK"u8.ToArray()) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "text/plain; charset=utf-8");
        response.Headers.TryAddWithoutValidation("Builder-Version", "1");
        response.Headers.TryAddWithoutValidation("Swarm", "inactive");
        response.Headers.TryAddWithoutValidation("Cache-Control", "no-cache, no-store, must-revalidate");
        response.Headers.TryAddWithoutValidation("Pragma", "no-cache");
        return response;
    }

    private static JsonObject VersionJson() => new()
    {
        ["Platform"] = new JsonObject { ["Name"] = "Docker Engine - Community" },
        ["Components"] = new JsonArray(
            new JsonObject
            {
                ["Name"] = "Engine",
                ["Version"] = EngineVersion,
                ["Details"] = new JsonObject
                {
                    ["ApiVersion"] = ApiVersion,
                    ["Arch"] = "amd64",
                    ["BuildTime"] = BuildTime,
                    ["Experimental"] = "false",
                    ["GitCommit"] = GitCommit,
                    ["GoVersion"] = GoVersion,
                    ["KernelVersion"] = KernelVersion,
                    ["MinAPIVersion"] = MinApiVersion,
                    ["Os"] = "linux",
                },
            },
            new JsonObject { ["Name"] = "containerd", ["Version"] = "1.7.27", ["Details"] = new JsonObject { ["GitCommit"] = "05044ec0a9a75232cad458027ca83437aae3f4da" } },
            new JsonObject { ["Name"] = "runc", ["Version"] = "1.2.5", ["Details"] = new JsonObject { ["GitCommit"] = "v1.2.5-0-g59923ef" } },
            new JsonObject { ["Name"] = "docker-init", ["Version"] = "0.19.0", ["Details"] = new JsonObject { ["GitCommit"] = "de40ad0" } }),
        ["Version"] = EngineVersion,
        ["ApiVersion"] = ApiVersion,
        ["MinAPIVersion"] = MinApiVersion,
        ["GitCommit"] = GitCommit,
        ["GoVersion"] = GoVersion,
        ["Os"] = "linux",
        ["Arch"] = "amd64",
        ["KernelVersion"] = KernelVersion,
        ["BuildTime"] = BuildTime,
    };

    private JsonObject InfoJson()
    {
        var containers = Engine.Containers.List(all: true);
        return new JsonObject
        {
            ["ID"] = "SIMU:LATO:RDOC:KERE:NGIN:E000:0000:0000:0000:0000:0000:0000",
            ["Containers"] = containers.Count,
            ["ContainersRunning"] = containers.Count(c => c.State.Status is ContainerStatus.Running or ContainerStatus.Restarting),
            ["ContainersPaused"] = containers.Count(c => c.State.Status == ContainerStatus.Paused),
            ["ContainersStopped"] = containers.Count(c => !c.State.Running),
            ["Images"] = Engine.Images.Count,
            ["Driver"] = "overlay2",
            ["DriverStatus"] = new JsonArray(new JsonArray("Backing Filesystem", "extfs"), new JsonArray("Supports d_type", "true"), new JsonArray("Using metacopy", "false"), new JsonArray("Native Overlay Diff", "true"), new JsonArray("userxattr", "false")),
            ["Plugins"] = new JsonObject
            {
                ["Volume"] = new JsonArray("local"),
                ["Network"] = new JsonArray("bridge", "host", "ipvlan", "macvlan", "null", "overlay"),
                ["Authorization"] = null,
                ["Log"] = new JsonArray("awslogs", "fluentd", "gcplogs", "gelf", "journald", "json-file", "local", "splunk", "syslog"),
            },
            ["MemoryLimit"] = true,
            ["SwapLimit"] = true,
            ["CpuCfsPeriod"] = true,
            ["CpuCfsQuota"] = true,
            ["CPUShares"] = true,
            ["CPUSet"] = true,
            ["PidsLimit"] = true,
            ["IPv4Forwarding"] = true,
            ["Debug"] = false,
            ["NFd"] = 24,
            ["OomKillDisable"] = false,
            ["NGoroutines"] = 42,
            ["SystemTime"] = ApiJson.Time(Engine.TimeProvider.GetUtcNow()),
            ["LoggingDriver"] = "json-file",
            ["CgroupDriver"] = "cgroupfs",
            ["CgroupVersion"] = "2",
            ["NEventsListener"] = 0,
            ["KernelVersion"] = KernelVersion,
            ["OperatingSystem"] = "Docker Simulator",
            ["OSVersion"] = "",
            ["OSType"] = "linux",
            ["Architecture"] = "x86_64",
            ["IndexServerAddress"] = "https://index.docker.io/v1/",
            ["RegistryConfig"] = new JsonObject
            {
                ["IndexConfigs"] = new JsonObject
                {
                    ["docker.io"] = new JsonObject { ["Name"] = "docker.io", ["Mirrors"] = new JsonArray(), ["Secure"] = true, ["Official"] = true },
                },
                ["InsecureRegistryCIDRs"] = new JsonArray("::1/128", "127.0.0.0/8"),
                ["Mirrors"] = null,
            },
            ["NCPU"] = 2,
            ["MemTotal"] = 8_217_473_024L,
            ["GenericResources"] = null,
            ["DockerRootDir"] = "/var/lib/docker",
            ["HttpProxy"] = "",
            ["HttpsProxy"] = "",
            ["NoProxy"] = "",
            ["Name"] = "docker-simulator",
            ["Labels"] = new JsonArray(),
            ["ExperimentalBuild"] = false,
            ["ServerVersion"] = EngineVersion,
            ["Runtimes"] = new JsonObject { ["runc"] = new JsonObject { ["path"] = "runc" }, ["io.containerd.runc.v2"] = new JsonObject { ["path"] = "runc" } },
            ["DefaultRuntime"] = "runc",
            ["Swarm"] = new JsonObject
            {
                ["NodeID"] = "",
                ["NodeAddr"] = "",
                ["LocalNodeState"] = "inactive",
                ["ControlAvailable"] = false,
                ["Error"] = "",
                ["RemoteManagers"] = null,
            },
            ["LiveRestoreEnabled"] = false,
            ["Isolation"] = "",
            ["InitBinary"] = "docker-init",
            ["ContainerdCommit"] = new JsonObject { ["ID"] = "05044ec0a9a75232cad458027ca83437aae3f4da" },
            ["RuncCommit"] = new JsonObject { ["ID"] = "v1.2.5-0-g59923ef" },
            ["InitCommit"] = new JsonObject { ["ID"] = "de40ad0" },
            ["SecurityOptions"] = new JsonArray("name=seccomp,profile=builtin", "name=cgroupns"),
            ["Warnings"] = null,
        };
    }

    /// <summary>GET /events?since=&amp;until=&amp;filters= (moby api/server/router/system getEvents): NDJSON events, flushed one by one, until <c>until</c> or the client leaves.</summary>
    private HttpResponseMessage Events(ApiRequest request)
    {
        var query = new Simulator.Events.EventQuery
        {
            Since = request.Query("since") is { Length: > 0 } since ? ParseTimestamp(since) ?? DateTimeOffset.UnixEpoch : null,
            Until = ParseTimestamp(request.Query("until")),
            Filters = request.FilterStrings(),
        };
        var events = Engine.Containers.Events.SubscribeAsync(query);
        return Stream(async (stream, ct) =>
        {
            await stream.FlushAsync(ct).ConfigureAwait(false);
            await foreach (var e in events.WithCancellation(ct).ConfigureAwait(false))
            {
                var json = new JsonObject();
                if (e.Type == Simulator.Events.EventTypes.Container || e.Type == Simulator.Events.EventTypes.Image)
                {
                    // moby's deprecated fields, still sent for containers and images.
                    json["status"] = e.Action;
                    json["id"] = e.Actor.ID;
                    if (e.Actor.Attributes.TryGetValue("image", out var from))
                    {
                        json["from"] = from;
                    }
                }

                json["Type"] = e.Type;
                json["Action"] = e.Action;
                json["Actor"] = new JsonObject { ["ID"] = e.Actor.ID, ["Attributes"] = ApiJson.Map(e.Actor.Attributes) };
                json["scope"] = e.Scope;
                json["time"] = e.TimeSeconds;
                json["timeNano"] = e.TimeNano;
                await stream.WriteAsync(ApiJson.Encode(json), ct).ConfigureAwait(false);
                await stream.FlushAsync(ct).ConfigureAwait(false);
            }
        });
    }

    /// <summary>
    /// POST /auth: checks the login with the registry (moby daemon/pkg/registry/auth.go) and, as the simulator's engine
    /// keeps registry credentials in its own client config, stores it there so later pushes and pulls use it.
    /// </summary>
    private async Task<HttpResponseMessage> AuthAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var body = await request.ReadJsonAsync(cancellationToken).ConfigureAwait(false);
        var server = body.GetString("serveraddress");
        var user = body.GetString("username") ?? "";
        var password = body.GetString("password") ?? "";
        try
        {
            var status = Engine.RegistryClient.Login(string.IsNullOrEmpty(server) ? null : server, user, password);
            return Json(new JsonObject { ["IdentityToken"] = "", ["Status"] = status });
        }
        catch (DockerSimulatorException ex) when (ex.Kind == ErrorKind.FailedPrecondition)
        {
            // moby: a failed login is errdefs.Unauthorized (401).
            return Error(HttpStatusCode.Unauthorized, ex.Message);
        }
    }

    private JsonObject DiskUsage()
    {
        var images = Engine.Images.List(all: true);
        var containers = Engine.Containers.List(all: true);
        var volumes = Engine.Volumes.List();
        var imageArray = new JsonArray();
        foreach (var i in images)
        {
            var summary = ImageSummaryJson(i);
            summary["Containers"] = i.Containers;
            summary["SharedSize"] = i.SharedSize;
            imageArray.Add(summary);
        }

        var volumeArray = new JsonArray();
        foreach (var v in volumes)
        {
            var json = VolumeJson(v);
            json["UsageData"] = new JsonObject { ["RefCount"] = Engine.Volumes.GetUsers(v.Name).Count, ["Size"] = v.ContentSize() };
            volumeArray.Add(json);
        }

        return new JsonObject
        {
            ["LayersSize"] = images.Sum(i => i.Size - i.SharedSize) + images.Where(i => i.SharedSize > 0).Select(i => i.SharedSize).DefaultIfEmpty(0).Max(),
            ["Images"] = imageArray,
            ["Containers"] = new JsonArray(containers.Select(c => (JsonNode?)ContainerSummaryJson(c)).ToArray()),
            ["Volumes"] = volumeArray,
            ["BuildCache"] = new JsonArray(),
        };
    }
}
