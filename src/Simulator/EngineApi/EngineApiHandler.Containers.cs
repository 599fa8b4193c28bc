using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Simulator.Containers;
using Simulator.EngineApi.Internal;
using Simulator.FileSystem;

namespace Simulator.EngineApi;

/// <summary>/containers/...</summary>
public sealed partial class EngineApiHandler
{
    private const string Id = "/containers/(?<id>[^/]+)";

    private void MapContainers()
    {
        Map("POST", "/containers/create", CreateContainerAsync);
        Map("GET", "/containers/json", ListContainers);
        Map("POST", "/containers/prune", PruneContainersAsync);
        Map("GET", Id + "/json", r => Json(ContainerInspectJson(Engine.Containers.Inspect(r["id"]))));
        Map("POST", Id + "/start", StartContainerAsync);
        Map("POST", Id + "/stop", StopContainerAsync);
        Map("POST", Id + "/restart", async (r, ct) =>
        {
            await Engine.Containers.RestartAsync(r["id"], r.Int("t") ?? r.Int("timeout"), ct).ConfigureAwait(false);
            return Status(HttpStatusCode.NoContent);
        });
        Map("POST", Id + "/kill", async (r, ct) =>
        {
            var signal = r.Query("signal");
            await Engine.Containers.KillAsync(r["id"], string.IsNullOrEmpty(signal) ? null : signal, ct).ConfigureAwait(false);
            return Status(HttpStatusCode.NoContent);
        });
        Map("POST", Id + "/wait", WaitContainer);
        Map("POST", Id + "/attach", AttachContainerAsync);
        Map("GET", Id + "/logs", ContainerLogs);
        Map("DELETE", Id, async (r, ct) =>
        {
            await Engine.Containers.RemoveAsync(r["id"], r.Bool("force"), r.Bool("v"), ct).ConfigureAwait(false);
            return Status(HttpStatusCode.NoContent);
        });
        Map("POST", Id + "/pause", r =>
        {
            Engine.Containers.Pause(r["id"]);
            return Status(HttpStatusCode.NoContent);
        });
        Map("POST", Id + "/unpause", r =>
        {
            Engine.Containers.Unpause(r["id"]);
            return Status(HttpStatusCode.NoContent);
        });
        Map("POST", Id + "/rename", r =>
        {
            Engine.Containers.Rename(r["id"], r.Query("name") ?? "");
            return Status(HttpStatusCode.NoContent);
        });
        Map("POST", Id + "/resize", r =>
        {
            Engine.Containers.Inspect(r["id"]);
            return Status(HttpStatusCode.OK);
        });
        Map("GET", Id + "/top", r =>
        {
            var top = Engine.Containers.Top(r["id"]);
            return Json(new JsonObject
            {
                ["Processes"] = new JsonArray(top.Processes.Select(p => (JsonNode?)ApiJson.Strings(p)).ToArray()),
                ["Titles"] = ApiJson.Strings(top.Titles),
            });
        });
        Map("GET", Id + "/changes", r =>
        {
            var changes = Engine.Containers.Diff(r["id"]);
            return Json(changes.Count == 0 ? null : new JsonArray(changes.Select(c => (JsonNode?)new JsonObject
            {
                ["Kind"] = c.Kind switch { ChangeKind.Modified => 0, ChangeKind.Added => 1, _ => 2 },
                ["Path"] = c.Path,
            }).ToArray()));
        });
        Map("GET", Id + "/stats", ContainerStats);
        Map("GET", Id + "/export", r =>
        {
            // moby daemon/export.go: the tar streamed, no Content-Type set (Go's sniffing gives application/octet-stream).
            var tar = Engine.Containers.Export(r["id"]);
            return Stream(async (stream, ct) =>
            {
                await using (tar.ConfigureAwait(false))
                {
                    await tar.CopyToAsync(stream, ct).ConfigureAwait(false);
                }
            }, "application/octet-stream");
        });
        Map("HEAD", Id + "/archive", r =>
        {
            var stat = Engine.Containers.StatPath(r["id"], ArchivePath(r));
            var response = Status(HttpStatusCode.OK);
            response.Headers.TryAddWithoutValidation(PathStatHeader, stat.ToHeaderValue());
            return response;
        });
        Map("GET", Id + "/archive", r =>
        {
            var archive = Engine.Containers.GetArchive(r["id"], ArchivePath(r));
            var response = Stream(async (stream, ct) =>
            {
                await using (archive.Tar.ConfigureAwait(false))
                {
                    await archive.Tar.CopyToAsync(stream, ct).ConfigureAwait(false);
                }
            }, "application/x-tar");
            response.Headers.TryAddWithoutValidation(PathStatHeader, archive.Stat.ToHeaderValue());
            return response;
        });
        Map("PUT", Id + "/archive", async (r, ct) =>
        {
            var path = ArchivePath(r);
            var body = await r.ReadBodyAsync(ct).ConfigureAwait(false);
            using var tar = new MemoryStream(body, writable: false);

            // moby: noOverwriteDirNonDir only counts when present and true.
            Engine.Containers.ExtractToDirectory(r["id"], path, tar, noOverwriteDirNonDir: r.Bool("noOverwriteDirNonDir"), copyUidGid: r.Bool("copyUIDGID"));
            return Status(HttpStatusCode.OK);
        });
    }

    /// <summary>
    /// GET /containers/{id}/stats (moby daemon/stats.go, container.StatsResponse): one document with <c>stream=false</c> (or
    /// <c>one-shot</c>), else one a second on the engine's clock until the container stops or the client goes. The simulator
    /// measures no CPU, memory, I/O or network use: the counters are zero, <c>pids_stats.current</c> is the process count,
    /// <c>online_cpus</c> and the memory limit are the host's (<c>/info</c>'s NCPU and MemTotal). A stopped container's document
    /// has zero times, as moby's.
    /// </summary>
    private HttpResponseMessage ContainerStats(ApiRequest request)
    {
        var c = Engine.Containers.Inspect(request["id"]);
        bool stream = request.Bool("stream", defaultValue: true) && !request.Bool("one-shot");
        var id = c.Id;
        return Stream(async (output, ct) =>
        {
            DateTimeOffset? previous = null;
            while (true)
            {
                var now = Engine.TimeProvider.GetUtcNow();
                bool running = Engine.Containers.TryInspect(id, out var current) && current.State.Running;
                int pids = running ? Engine.Containers.Top(id).Processes.Count : 0;
                await output.WriteAsync(ApiJson.Encode(StatsJson(c, running ? now : null, running ? previous : null, pids)), ct).ConfigureAwait(false);
                await output.FlushAsync(ct).ConfigureAwait(false);
                if (!stream || !running)
                {
                    return;
                }

                previous = now;
                await Task.Delay(TimeSpan.FromSeconds(1), Engine.TimeProvider, ct).ConfigureAwait(false);
            }
        });
    }

    private static JsonObject StatsJson(Container c, DateTimeOffset? read, DateTimeOffset? preread, int pids)
    {
        static JsonObject Cpu(bool running) => new()
        {
            ["cpu_usage"] = new JsonObject { ["total_usage"] = 0, ["usage_in_kernelmode"] = 0, ["usage_in_usermode"] = 0 },
            ["system_cpu_usage"] = 0,
            ["online_cpus"] = running ? 2 : 0,
            ["throttling_data"] = new JsonObject { ["periods"] = 0, ["throttled_periods"] = 0, ["throttled_time"] = 0 },
        };

        var blkio = new JsonObject
        {
            ["io_service_bytes_recursive"] = null,
            ["io_serviced_recursive"] = null,
            ["io_queue_recursive"] = null,
            ["io_service_time_recursive"] = null,
            ["io_wait_time_recursive"] = null,
            ["io_merged_recursive"] = null,
            ["io_time_recursive"] = null,
            ["sectors_recursive"] = null,
        };
        var json = new JsonObject
        {
            ["name"] = "/" + c.Name.TrimStart('/'),
            ["id"] = c.Id,
            ["read"] = ApiJson.Time(read),
            ["preread"] = ApiJson.Time(preread),
            ["pids_stats"] = read is null ? new JsonObject() : new JsonObject { ["current"] = pids, ["limit"] = 4_611_686_018_427_387_903L },
            ["blkio_stats"] = blkio,
            ["num_procs"] = 0,
            ["storage_stats"] = new JsonObject(),
            ["cpu_stats"] = Cpu(read is not null),
            ["precpu_stats"] = Cpu(preread is not null),
            ["memory_stats"] = read is null ? new JsonObject() : new JsonObject { ["usage"] = 0, ["stats"] = new JsonObject(), ["limit"] = 8_217_473_024L },
        };
        if (read is not null)
        {
            json["networks"] = new JsonObject
            {
                ["eth0"] = new JsonObject
                {
                    ["rx_bytes"] = 0, ["rx_packets"] = 0, ["rx_errors"] = 0, ["rx_dropped"] = 0,
                    ["tx_bytes"] = 0, ["tx_packets"] = 0, ["tx_errors"] = 0, ["tx_dropped"] = 0,
                },
            };
        }

        return json;
    }

    /// <summary>The header of the archive endpoints' path stat (moby daemon/server/router/container/copy.go).</summary>
    private const string PathStatHeader = "X-Docker-Container-Path-Stat";

    /// <summary>moby httputils.ArchiveFormValues: <c>path</c> is required.</summary>
    private static string ArchivePath(ApiRequest request)
    {
        var path = request.Query("path");
        return string.IsNullOrEmpty(path) ? throw new DockerSimulatorException(ErrorKind.InvalidArgument, "bad parameter: path cannot be empty") : path;
    }

    private async Task<HttpResponseMessage> CreateContainerAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var body = await request.ReadJsonAsync(cancellationToken).ConfigureAwait(false);
        var (config, host) = ParseCreateBody(body);
        var name = request.Query("name");
        var id = Engine.Containers.Create(config, host, string.IsNullOrEmpty(name) ? null : name);
        return Json(HttpStatusCode.Created, new JsonObject { ["Id"] = id, ["Warnings"] = new JsonArray() });
    }

    /// <summary>The create body (Config with HostConfig and NetworkingConfig merged in, as moby's <c>CreateRequest</c>) into the engine's records.</summary>
    internal static (ContainerConfig Config, HostConfig Host) ParseCreateBody(JsonElement body)
    {
        var image = body.GetString("Image") ?? "";
        var config = new ContainerConfig(image)
        {
            Cmd = body.GetStrings("Cmd"),
            Entrypoint = body.GetStrings("Entrypoint"),
            Env = body.GetStrings("Env") ?? [],
            WorkingDir = body.GetString("WorkingDir"),
            User = body.GetString("User"),
            Tty = body.GetBool("Tty"),
            OpenStdin = body.GetBool("OpenStdin"),
            StdinOnce = body.GetBool("StdinOnce"),
            AttachStdin = body.GetBool("AttachStdin"),
            AttachStdout = body.GetBool("AttachStdout"),
            AttachStderr = body.GetBool("AttachStderr"),
            ExposedPorts = body.GetKeys("ExposedPorts"),
            Labels = body.GetMap("Labels"),
            Hostname = body.GetString("Hostname"),
            StopSignal = body.GetString("StopSignal"),
            StopTimeout = body.GetInt("StopTimeout"),
        };

        var hc = body.Get("HostConfig") ?? default;
        var binds = hc.GetStrings("Binds") ?? [];
        foreach (var volume in body.GetKeys("Volumes"))
        {
            // An anonymous volume (docker run -v /p); a bind or named volume at the same place wins.
            if (!binds.Any(b => b.EndsWith(":" + volume, StringComparison.Ordinal) || b.Contains(":" + volume + ":", StringComparison.Ordinal) || b == volume))
            {
                binds.Add(volume);
            }
        }

        var mounts = new List<string>();
        if (hc.Get("Mounts") is { ValueKind: JsonValueKind.Array } mountArray)
        {
            foreach (var m in mountArray.EnumerateArray())
            {
                mounts.Add(MountSpecText(m));
            }
        }

        var tmpfs = hc.GetMap("Tmpfs").Select(p => p.Value.Length == 0 ? p.Key : p.Key + ":" + p.Value).ToList();
        var ports = new List<string>();
        if (hc.Get("PortBindings") is { ValueKind: JsonValueKind.Object } bindings)
        {
            foreach (var port in bindings.EnumerateObject())
            {
                if (port.Value.ValueKind != JsonValueKind.Array || port.Value.GetArrayLength() == 0)
                {
                    ports.Add(port.Name);
                    continue;
                }

                foreach (var b in port.Value.EnumerateArray())
                {
                    var ip = b.GetString("HostIp") ?? "";
                    var hostPort = b.GetString("HostPort") ?? "";
                    if (ip.Contains(':', StringComparison.Ordinal))
                    {
                        ip = "[" + ip + "]";
                    }

                    ports.Add(ip.Length > 0 ? ip + ":" + hostPort + ":" + port.Name : hostPort.Length > 0 ? hostPort + ":" + port.Name : port.Name);
                }
            }
        }

        var restart = hc.Get("RestartPolicy");
        var host = new HostConfig
        {
            AutoRemove = hc.GetBool("AutoRemove"),
            RestartPolicy = restart is { } rp ? new RestartPolicy(rp.GetString("Name") ?? "", rp.GetInt("MaximumRetryCount") ?? 0) : RestartPolicy.No,
            ReadonlyRootfs = hc.GetBool("ReadonlyRootfs"),
            Binds = binds,
            Mounts = mounts,
            VolumesFrom = hc.GetStrings("VolumesFrom") ?? [],
            Tmpfs = tmpfs,
            PortBindings = ports,
            PublishAllPorts = hc.GetBool("PublishAllPorts"),
        };
        return (config, host);
    }

    /// <summary>An API <c>Mount</c> object as the <c>--mount</c> text the engine parses.</summary>
    private static string MountSpecText(JsonElement m)
    {
        var parts = new List<string> { "type=" + (m.GetString("Type") ?? "volume") };
        var source = m.GetString("Source");
        if (!string.IsNullOrEmpty(source))
        {
            parts.Add("source=" + Quote(source));
        }

        parts.Add("target=" + Quote(m.GetString("Target") ?? ""));
        if (m.GetBool("ReadOnly"))
        {
            parts.Add("readonly");
        }

        if (m.Get("BindOptions") is { } bo && bo.GetString("Propagation") is { Length: > 0 } propagation)
        {
            parts.Add("bind-propagation=" + propagation);
        }

        if (m.Get("VolumeOptions") is { } vo)
        {
            if (vo.GetBool("NoCopy"))
            {
                parts.Add("volume-nocopy");
            }

            foreach (var (k, v) in vo.GetMap("Labels"))
            {
                parts.Add(Quote("volume-label=" + k + "=" + v));
            }
        }

        if (m.Get("TmpfsOptions") is { } to && to.Get("SizeBytes") is { ValueKind: JsonValueKind.Number } size)
        {
            parts.Add("tmpfs-size=" + size.GetInt64().ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(',', parts);

        static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }

    /// <summary>GET /containers/json: the engine's <c>docker ps</c> (filters as moby daemon/list.go).</summary>
    private HttpResponseMessage ListContainers(ApiRequest request)
    {
        var list = Engine.Containers.List(new ContainerListOptions
        {
            All = request.Bool("all"),
            Limit = request.Int("limit") is int limit && limit > 0 ? limit : null,
            Filters = request.FilterStrings(),
        });
        return Json(new JsonArray(list.Select(c => (JsonNode?)ContainerSummaryJson(c)).ToArray()));
    }

    internal static bool MatchesLabel(IReadOnlyDictionary<string, string> labels, string filter)
    {
        var eq = filter.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? labels.ContainsKey(filter) : labels.TryGetValue(filter[..eq], out var v) && v == filter[(eq + 1)..];
    }

    private async Task<HttpResponseMessage> PruneContainersAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var filters = request.Filters();
        var deleted = new JsonArray();
        foreach (var c in Engine.Containers.List(all: true))
        {
            if (c.State.Running || (filters.TryGetValue("label", out var labels) && !labels.All(l => MatchesLabel(c.Config.Labels, l))))
            {
                continue;
            }

            await Engine.Containers.RemoveAsync(c.Id, force: false, removeVolumes: false, cancellationToken).ConfigureAwait(false);
            deleted.Add(c.Id);
        }

        return Json(new JsonObject { ["ContainersDeleted"] = deleted.Count == 0 ? null : deleted, ["SpaceReclaimed"] = 0 });
    }

    private async Task<HttpResponseMessage> StartContainerAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var before = Engine.Containers.Inspect(request["id"]);
        if (before.State.Status == ContainerStatus.Running)
        {
            return Status(HttpStatusCode.NotModified);
        }

        await Engine.Containers.StartAsync(request["id"], cancellationToken).ConfigureAwait(false);
        return Status(HttpStatusCode.NoContent);
    }

    private async Task<HttpResponseMessage> StopContainerAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var before = Engine.Containers.Inspect(request["id"]);
        if (!before.State.Running)
        {
            return Status(HttpStatusCode.NotModified);
        }

        var signal = request.Query("signal");
        await Engine.Containers.StopAsync(request["id"], request.Int("t") ?? request.Int("timeout"), string.IsNullOrEmpty(signal) ? null : signal, cancellationToken).ConfigureAwait(false);
        return Status(HttpStatusCode.NoContent);
    }

    /// <summary>POST /containers/{id}/wait: headers at once (the CLI sends start only after them), the body at the exit.</summary>
    private HttpResponseMessage WaitContainer(ApiRequest request)
    {
        var condition = request.Query("condition") switch
        {
            null or "" or "not-running" => WaitCondition.NotRunning,
            "next-exit" => WaitCondition.NextExit,
            "removed" => WaitCondition.Removed,
            var other => throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"invalid condition: \"{other}\""),
        };
        var id = request["id"];
        var wait = Engine.Containers.WaitAsync(id, condition);
        return Stream(async (stream, ct) =>
        {
            var result = await wait.WaitAsync(ct).ConfigureAwait(false);
            var json = new JsonObject();
            if (result.Error is not null)
            {
                json["Error"] = new JsonObject { ["Message"] = result.Error };
            }

            json["StatusCode"] = result.StatusCode;
            await stream.WriteAsync(ApiJson.Encode(json), ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// POST /containers/{id}/attach (moby daemon/attach.go): the container's output from now (with <c>logs</c>, its log
    /// first) until its main process ends, in frames (raw with a TTY); stdin from the connection until the client
    /// half-closes (with <c>stdin=1</c>).
    /// </summary>
    private async Task<HttpResponseMessage> AttachContainerAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var c = Engine.Containers.Inspect(request["id"]);
        var options = new AttachOptions
        {
            Stdin = request.Bool("stdin"),
            Stdout = request.Bool("stdout"),
            Stderr = request.Bool("stderr"),
            Stream = request.Bool("stream"),
            Logs = request.Bool("logs"),
            DetachKeys = request.Query("detachKeys"),
        };
        var attachment = await Engine.Containers.AttachAsync(c.Id, options, cancellationToken).ConfigureAwait(false);
        bool tty = attachment.Tty;
        async Task Session(Stream connection, CancellationToken ct)
        {
            await using (attachment.ConfigureAwait(false))
            {
                if (options.Stdin)
                {
                    _ = PumpStdinAsync(connection, attachment);
                }

                var gate = new SemaphoreSlim(1, 1);
                await Task.WhenAll(
                    PumpOutputAsync(attachment.Stdout, connection, 1, tty, gate, ct),
                    PumpOutputAsync(attachment.Stderr, connection, 2, tty, gate, ct)).ConfigureAwait(false);
            }
        }

        return request.WantsUpgrade ? Upgrade(Session, tty) : Stream(Session, tty ? StdFrames.RawType : StdFrames.MultiplexedType);
    }

    private static async Task PumpStdinAsync(Stream connection, ContainerAttachment attachment)
    {
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await connection.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await attachment.Stdin.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The connection closed.
        }

        attachment.CloseStdin();
    }

    private static async Task PumpOutputAsync(Stream source, Stream connection, byte kind, bool tty, SemaphoreSlim gate, CancellationToken ct)
    {
        var buffer = new byte[16384];
        int n;
        while ((n = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await StdFrames.WriteAsync(connection, kind, buffer.AsMemory(0, n), tty, ct).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private static async Task WriteEntriesAsync(Stream stream, IEnumerable<LogEntry> entries, bool stdout, bool stderr, bool timestamps, bool tty, CancellationToken ct)
    {
        foreach (var e in entries)
        {
            if (e.Stream == LogStream.Stdout ? !stdout : !stderr)
            {
                continue;
            }

            await StdFrames.WriteAsync(stream, e.Stream == LogStream.Stdout ? (byte)1 : (byte)2, e.Format(timestamps), tty, ct).ConfigureAwait(false);
        }
    }

    /// <summary>GET /containers/{id}/logs (moby daemon/logs.go): chunked frames; <c>follow</c> goes on until the container stops.</summary>
    private HttpResponseMessage ContainerLogs(ApiRequest request)
    {
        bool stdout = request.Bool("stdout"), stderr = request.Bool("stderr");
        if (!stdout && !stderr)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "Bad parameters: you must choose at least one stream");
        }

        var c = Engine.Containers.Inspect(request["id"]);
        var since = ParseTimestamp(request.Query("since"));
        var until = ParseTimestamp(request.Query("until"));
        var tailText = request.Query("tail");
        int tail = string.IsNullOrEmpty(tailText) || tailText == "all" ? -1 : int.TryParse(tailText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t) ? t : -1;
        bool timestamps = request.Bool("timestamps"), follow = request.Bool("follow");
        var options = new ContainerLogsOptions
        {
            Stdout = stdout,
            Stderr = stderr,
            Since = since,
            Until = until,
            Tail = tail >= 0 ? tail : null,
            Timestamps = timestamps,
        };
        bool tty = c.Config.Tty;
        if (!follow)
        {
            var entries = Engine.Containers.Logs(c.Id, options);
            return Stream((stream, ct) => WriteEntriesAsync(stream, entries, stdout, stderr, timestamps, tty, ct), tty ? StdFrames.RawType : StdFrames.MultiplexedType);
        }

        var live = Engine.Containers.FollowLogsAsync(c.Id, options);
        return Stream(
            async (stream, ct) =>
            {
                await foreach (var e in live.WithCancellation(ct).ConfigureAwait(false))
                {
                    await StdFrames.WriteAsync(stream, e.Stream == LogStream.Stdout ? (byte)1 : (byte)2, e.Format(timestamps), tty, ct).ConfigureAwait(false);
                }
            },
            tty ? StdFrames.RawType : StdFrames.MultiplexedType);
    }

    /// <summary>moby timetypes.ParseTimestamps: <c>seconds[.nanoseconds]</c>; 0 or empty is none.</summary>
    private static DateTimeOffset? ParseTimestamp(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds == 0)
            {
                return null;
            }

            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"failed to parse value as time or duration: \"{text}\"");
    }

    /// <summary>moby <c>container.Summary</c> (GET /containers/json).</summary>
    internal JsonObject ContainerSummaryJson(Container c) => ApiDocuments.ContainerSummary(Engine, c);

    /// <summary>moby <c>container.InspectResponse</c> (GET /containers/{id}/json), with the exec instances of this handler.</summary>
    internal JsonObject ContainerInspectJson(Container c) => ApiDocuments.Container(Engine, c, ExecIdsOf(c.Id));
}
