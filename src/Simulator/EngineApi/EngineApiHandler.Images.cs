using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Simulator.Containers;
using Simulator.EngineApi.Internal;
using Simulator.Images;
using Simulator.Registries;

namespace Simulator.EngineApi;

/// <summary>/images/..., /commit, /build.</summary>
public sealed partial class EngineApiHandler
{
    private static readonly Regex ProgressLine = new(@"^(?<id>[^\s:]+): (?<status>.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    private void MapImages()
    {
        Map("GET", "/images/json", ListImages);
        Map("POST", "/images/create", PullImageAsync);
        Map("POST", "/images/load", LoadImagesAsync);
        Map("GET", "/images/get", r => SaveImages(r.QueryAll("names")));
        Map("POST", "/images/prune", r =>
        {
            var filters = r.Filters();
            bool all = filters.TryGetValue("dangling", out var d) && d.Any(v => v is "false" or "0");
            var result = Engine.Images.Prune(all);
            return Json(new JsonObject
            {
                ["ImagesDeleted"] = result.ImagesDeleted.Count == 0 ? null : DeleteRecords(result.ImagesDeleted),
                ["SpaceReclaimed"] = result.SpaceReclaimed,
            });
        });
        Map("GET", "/images/(?<name>.+)/json", r => Json(ImageInspectJson(Engine.Images.Inspect(r["name"]))));
        Map("GET", "/images/(?<name>.+)/history", r => Json(new JsonArray(Engine.Images.History(r["name"]).Select(h => (JsonNode?)new JsonObject
        {
            ["Comment"] = h.Comment,
            ["Created"] = ApiJson.Unix(h.Created),
            ["CreatedBy"] = h.CreatedBy,
            ["Id"] = h.Id,
            ["Size"] = h.Size,
            ["Tags"] = h.Tags.Count == 0 ? null : ApiJson.Strings(h.Tags),
        }).ToArray())));
        Map("GET", "/images/(?<name>.+)/get", r => SaveImages([r["name"]]));
        Map("POST", "/images/(?<name>.+)/push", PushImage);
        Map("POST", "/images/(?<name>.+)/tag", r =>
        {
            var repo = r.Query("repo") ?? "";
            var tag = r.Query("tag");
            Engine.Images.Tag(r["name"], string.IsNullOrEmpty(tag) ? repo : repo + ":" + tag);
            return Status(HttpStatusCode.Created);
        });
        Map("DELETE", "/images/(?<name>.+)", r =>
            Json(DeleteRecords(Engine.Images.Remove(r["name"], r.Bool("force"), !r.Bool("noprune")))));
        Map("GET", "/distribution/(?<name>.+)/json", DistributionInspect);
        Map("POST", "/commit", Commit);
        Map("POST", "/build", BuildAsync);
        Map("POST", "/build/prune", r =>
        {
            // moby api/server/router/build postPrune: all, keep-storage; CachesDeleted lists the record IDs (null when none).
            var pruned = Engine.Builds.Prune(new Simulator.Build.BuildCachePruneOptions
            {
                All = r.Bool("all"),
                KeepStorage = long.TryParse(r.Query("keep-storage"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var keep) ? keep : 0,
            });
            return Json(new JsonObject
            {
                ["CachesDeleted"] = pruned.CachesDeleted.Count == 0 ? null : ApiJson.Strings(pruned.CachesDeleted.Select(c => c.Id).ToList()),
                ["SpaceReclaimed"] = pruned.ReclaimedBytes,
            });
        });
    }

    private static JsonArray DeleteRecords(IEnumerable<ImageDeleteRecord> records) =>
        new(records.Select(d => (JsonNode?)(d.Untagged is not null ? new JsonObject { ["Untagged"] = d.Untagged } : new JsonObject { ["Deleted"] = d.Deleted })).ToArray());

    internal static JsonObject ImageSummaryJson(ImageSummary i) => new()
    {
        ["Containers"] = -1,
        ["Created"] = ApiJson.Unix(i.Created),
        ["Id"] = i.Id.ToString(),
        ["Labels"] = ApiJson.Map(i.Labels),
        ["ParentId"] = i.ParentId.IsEmpty ? "" : i.ParentId.ToString(),
        ["RepoDigests"] = ApiJson.StringsOrEmpty(i.RepoDigests),
        ["RepoTags"] = ApiJson.StringsOrEmpty(i.RepoTags),
        ["SharedSize"] = -1,
        ["Size"] = i.Size,
    };

    private HttpResponseMessage ListImages(ApiRequest request)
    {
        var filters = request.Filters();
        bool? dangling = filters.TryGetValue("dangling", out var d) && d.Count > 0 ? d[0] is "true" or "1" : null;
        IEnumerable<ImageSummary> list = Engine.Images.List(request.Bool("all"), dangling);
        if (filters.TryGetValue("reference", out var references))
        {
            // moby daemon/images/image_list.go: only the matching references stay in RepoTags and RepoDigests.
            bool Match(string reference) => references.Any(r => GlobMatch(r, reference) || GlobMatch(r, reference.Split('@')[0].Split(':')[0]));
            list = list
                .Select(i => i with { RepoTags = i.RepoTags.Where(Match).ToList(), RepoDigests = i.RepoDigests.Where(Match).ToList() })
                .Where(i => i.RepoTags.Count + i.RepoDigests.Count > 0);
        }

        if (filters.TryGetValue("label", out var labels))
        {
            list = list.Where(i => labels.All(l => MatchesLabel(i.Labels, l)));
        }

        return Json(new JsonArray(list.Select(i => (JsonNode?)ImageSummaryJson(i)).ToArray()));
    }

    /// <summary>Go's path.Match for reference filters (<c>*</c> and <c>?</c> within a path segment).</summary>
    private static bool GlobMatch(string pattern, string text) =>
        Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);

    /// <summary>
    /// GET /distribution/{name}/json (moby api/server/router/distribution, registry.DistributionInspect): the manifest's
    /// descriptor as the registry serves it and its platform (the simulated images are linux/amd64). A reference the registry
    /// lacks is the pull's error text with 404.
    /// </summary>
    private HttpResponseMessage DistributionInspect(ApiRequest request)
    {
        var reference = References.ImageReference.Parse(request["name"]).ToDockerReference();
        var tagOrDigest = reference.Digest?.ToString() ?? reference.Tag ?? References.ImageReference.DefaultTag;
        if (!Engine.Registries.TryGet(reference.Domain, out var registry) || !registry.TryGetManifest(reference.Path, tagOrDigest, out var digest, out var manifest))
        {
            throw RegistryErrors.ManifestUnknown(reference);
        }

        var mediaType = System.Text.Json.Nodes.JsonNode.Parse(manifest.Span)?["mediaType"]?.GetValue<string>() ?? "application/vnd.docker.distribution.manifest.v2+json";
        return Json(new JsonObject
        {
            ["Descriptor"] = new JsonObject { ["mediaType"] = mediaType, ["digest"] = digest.ToString(), ["size"] = manifest.Length },
            ["Platforms"] = new JsonArray(new JsonObject { ["architecture"] = "amd64", ["os"] = "linux" }),
        });
    }

    /// <summary>moby <c>image.InspectResponse</c> (GET /images/{name}/json).</summary>
    internal static JsonObject ImageInspectJson(ImageInspectInfo info) => ApiDocuments.Image(info);

    /// <summary>One line of the engine's pull/push text as the JSON message dockerd streams (moby pkg/jsonmessage).</summary>
    internal static JsonObject ProgressMessage(string line)
    {
        var m = ProgressLine.Match(line);
        if (m.Success && m.Groups["id"].Value is not ("Digest" or "Status") && !m.Groups["status"].Value.StartsWith("digest: ", StringComparison.Ordinal))
        {
            var json = new JsonObject { ["status"] = m.Groups["status"].Value };
            var status = m.Groups["status"].Value;
            if (!status.StartsWith("Pulling from ", StringComparison.Ordinal))
            {
                json["progressDetail"] = new JsonObject();
            }

            json["id"] = m.Groups["id"].Value;
            return json;
        }

        return new JsonObject { ["status"] = line };
    }

    private static JsonObject StreamError(string message) =>
        new() { ["errorDetail"] = new JsonObject { ["message"] = message }, ["error"] = message };

    /// <summary>Streams NDJSON lines, flushing each (dockerd ends lines with CRLF).</summary>
    private static HttpResponseMessage JsonLines(IEnumerable<JsonObject> messages) => Stream(async (stream, ct) =>
    {
        foreach (var message in messages)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(message.ToJsonString(ApiJson.Compact) + "\r\n");
            await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }
    });

    /// <summary>POST /images/create?fromImage=&amp;tag= (moby api/server/router/image postImagesCreate): an error before any progress is an HTTP error.</summary>
    private async Task<HttpResponseMessage> PullImageAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var from = request.Query("fromImage");
        if (string.IsNullOrEmpty(from))
        {
            return NotImplemented("POST /images/create?fromSrc= (import)");
        }

        var tag = request.Query("tag");
        var reference = string.IsNullOrEmpty(tag) ? from : from + (tag.Contains(':', StringComparison.Ordinal) ? "@" : ":") + tag;
        var lines = new List<string>();
        PullResult result;
        try
        {
            result = await Engine.RegistryClient.PullAsync(reference, lines.Add, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerSimulatorException ex)
        {
            var shown = lines.Where(l => !l.StartsWith("Using default tag: ", StringComparison.Ordinal) && !l.Contains(": Pulling from ", StringComparison.Ordinal)).ToList();
            if (shown.Count == 0)
            {
                throw;
            }

            return JsonLines(Messages(lines).Append(StreamError(ex.Message)));
        }

        // The CLI prints "Using default tag" and the final reference itself.
        var last = result.Reference.ToString();
        return JsonLines(Messages(lines.Where(l => l != last && l != result.Reference.FamiliarString)));

        static IEnumerable<JsonObject> Messages(IEnumerable<string> lines) =>
            lines.Where(l => !l.StartsWith("Using default tag: ", StringComparison.Ordinal)).Select(ProgressMessage);
    }

    /// <summary>POST /images/{name}/push?tag= (moby daemon/internal/distribution/push_v2.go): progress, then the <c>aux</c> with tag, digest and size.</summary>
    private HttpResponseMessage PushImage(ApiRequest request)
    {
        var tag = request.Query("tag");
        var reference = string.IsNullOrEmpty(tag) ? request["name"] : request["name"] + ":" + tag;
        var lines = new List<string>();
        PushResult result;
        try
        {
            result = Engine.RegistryClient.PushAsync(reference, lines.Add).GetAwaiter().GetResult();
        }
        catch (DockerSimulatorException ex)
        {
            var shown = lines.Where(l => !l.StartsWith("Using default tag: ", StringComparison.Ordinal)).ToList();
            if (shown.Count == 0)
            {
                throw;
            }

            return JsonLines(shown.Select(ProgressMessage).Append(StreamError(ex.Message)));
        }

        var messages = lines.Where(l => !l.StartsWith("Using default tag: ", StringComparison.Ordinal)).Select(ProgressMessage).ToList();
        messages.Add(new JsonObject
        {
            ["progressDetail"] = new JsonObject(),
            ["aux"] = new JsonObject { ["Tag"] = result.Reference.Tag ?? "latest", ["Digest"] = result.ManifestDigest.ToString(), ["Size"] = result.ManifestSize },
        });
        return JsonLines(messages);
    }

    /// <summary>
    /// POST /build (the legacy builder's API, moby api/server/router/build): the context tar in the body; progress as
    /// <c>{"stream":"Step 1/2 : FROM alpine\n"}</c> lines, <c>{"aux":{"ID":"sha256:..."}}</c> before <c>Successfully built</c>;
    /// a failed step ends the stream with <c>{"errorDetail":{...},"error":"..."}</c>.
    /// </summary>
    private async Task<HttpResponseMessage> BuildAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (request.Query("version") == "2")
        {
            return NotImplemented("POST /build?version=2 (BuildKit sessions)");
        }

        var body = await request.ReadBodyAsync(cancellationToken).ConfigureAwait(false);
        var buildArgs = new Dictionary<string, string?>(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, target) in new[] { ("buildargs", (IDictionary<string, string?>)buildArgs), ("labels", null) })
        {
            var text = request.Query(key);
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            using var doc = System.Text.Json.JsonDocument.Parse(text);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var value = p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? p.Value.GetString() : null;
                if (target is not null)
                {
                    target[p.Name] = value;
                }
                else
                {
                    labels[p.Name] = value ?? "";
                }
            }
        }

        var build = new Simulator.Build.BuildRequest
        {
            ContextTar = new MemoryStream(body, writable: false),
            DockerfilePath = string.IsNullOrEmpty(request.Query("dockerfile")) ? "Dockerfile" : request.Query("dockerfile")!,
            Tags = request.QueryAll("t").Where(t => t.Length > 0).ToList(),
            BuildArgs = buildArgs,
            Labels = labels,
            Target = string.IsNullOrEmpty(request.Query("target")) ? null : request.Query("target"),
            NoCache = request.Bool("nocache"),
            Pull = request.Bool("pull"),
            Quiet = request.Bool("q"),
            Progress = Simulator.Build.BuildProgressFormat.Classic,
        };
        var progress = new StringWriter();
        var messages = new List<JsonObject>();
        try
        {
            var result = await Engine.Builds.BuildAsync(build, progress, cancellationToken).ConfigureAwait(false);
            bool aux = false;
            foreach (var line in Lines(progress.ToString()))
            {
                if (!aux && line.StartsWith("Successfully built ", StringComparison.Ordinal))
                {
                    messages.Add(new JsonObject { ["aux"] = new JsonObject { ["ID"] = result.ImageId.ToString() } });
                    aux = true;
                }

                messages.Add(new JsonObject { ["stream"] = line });
            }

            if (!aux)
            {
                messages.Add(new JsonObject { ["aux"] = new JsonObject { ["ID"] = result.ImageId.ToString() } });
            }

            if (build.Quiet)
            {
                messages.Add(new JsonObject { ["stream"] = result.ImageId + "\n" });
            }
        }
        catch (DockerSimulatorException ex)
        {
            messages.AddRange(Lines(progress.ToString()).Select(l => new JsonObject { ["stream"] = l }));
            var detail = new JsonObject();
            if (ex is Simulator.Build.BuildFailedException { ExitCode: int code })
            {
                detail["code"] = code;
            }

            detail["message"] = ex.Message;
            messages.Add(new JsonObject { ["errorDetail"] = detail, ["error"] = ex.Message });
        }

        return JsonLines(messages);

        // Each line with its newline, as the legacy builder's stream messages carry them.
        static IEnumerable<string> Lines(string text)
        {
            int start = 0;
            while (start < text.Length)
            {
                int nl = text.IndexOf('\n', start);
                int end = nl < 0 ? text.Length : nl + 1;
                yield return text[start..end];
                start = end;
            }
        }
    }

    private HttpResponseMessage SaveImages(IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            Engine.Images.Get(name);
        }

        var buffer = new MemoryStream();
        ImageArchive.Save(Engine.Images, names, buffer);
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-tar");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private async Task<HttpResponseMessage> LoadImagesAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var body = await request.ReadBodyAsync(cancellationToken).ConfigureAwait(false);
        var result = ImageArchive.Load(Engine.Images, new MemoryStream(body, writable: false));
        return JsonLines(result.Output.Select(line => new JsonObject { ["stream"] = line.EndsWith('\n') ? line : line + "\n" }));
    }

    /// <summary>POST /commit?container=&amp;repo=&amp;tag=&amp;comment=&amp;author=&amp;pause=&amp;changes= (moby api/server/router/container postCommit).</summary>
    private HttpResponseMessage Commit(ApiRequest request)
    {
        var container = request.Query("container") ?? "";
        var repo = request.Query("repo");
        var tag = request.Query("tag");
        string? reference = string.IsNullOrEmpty(repo) ? null : string.IsNullOrEmpty(tag) ? repo : repo + ":" + tag;
        var image = Engine.Containers.Commit(container, new CommitOptions
        {
            Reference = reference,
            Message = request.Query("comment") ?? "",
            Author = request.Query("author") ?? "",
            Changes = request.QueryAll("changes").SelectMany(c => c.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList(),
            Pause = request.Bool("pause", true),
        });
        return Json(HttpStatusCode.Created, new JsonObject { ["Id"] = image.Id.ToString() });
    }
}
