using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Simulator.FileSystem;
using Simulator.Processes;
using Simulator.Registries;
using Simulator.References;

namespace Simulator.Userland;

/// <summary>
/// The <c>registry</c> program of the stock <c>registry:2</c> image (distribution 2.8.3, <c>#!simulator registry</c> at
/// <c>/bin/registry</c>), run by the image's entrypoint as <c>registry serve /etc/docker/registry/config.yml</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Serving.</b> Listens on the port of <c>http.addr</c> (<c>:5000</c>; <c>REGISTRY_HTTP_ADDR</c> overrides) and stores
/// into <c>storage.filesystem.rootdirectory</c> (<c>/var/lib/registry</c>, the image's <c>VOLUME</c>;
/// <c>REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY</c> overrides) in distribution's layout (see the remarks of
/// <c>RegistryStorage</c>: <c>docker/registry/v2/repositories/&lt;name&gt;/_manifests/tags/&lt;tag&gt;/current/link</c>,
/// <c>blobs/sha256/xx/&lt;hex&gt;/data</c>). An engine whose <c>RegistryClient.Network</c> routes <c>localhost:PORT</c>
/// to the container (a published port) pushes and pulls there. HTTP clients (curl, <c>HttpClient</c>) get the read side
/// of the Registry V2 API: <c>GET /v2/</c> (<c>{}</c>), <c>/v2/_catalog</c>, <c>/v2/&lt;name&gt;/tags/list</c>,
/// <c>GET</c>/<c>HEAD</c> of manifests and blobs, with distribution's error bodies (<c>NAME_UNKNOWN</c>,
/// <c>MANIFEST_UNKNOWN</c>, <c>BLOB_UNKNOWN</c>); uploads over HTTP are not served.
/// </para>
/// <para>
/// <b>Logs</b> (stderr, logrus text format at the clock's time, as the 2.8 image prints them): the <c>No HTTP secret
/// provided</c> warning, <c>redis not configured</c>, <c>Starting upload purge in Nm0s</c> (seeded by the PID), <c>using
/// inmemory blob descriptor cache</c>, <c>listening on [::]:5000</c>. Each request is logged to stdout in the combined
/// format of the registry's access log (<c>172.17.0.1 - - [29/Nov/2026:10:00:00 +0000] "GET /v2/ HTTP/1.1" 200 2 ""
/// "docker/28.2.2 ..."</c>); the per-request logrus <c>response completed</c> lines are not written.
/// </para>
/// <para>
/// <b>Stop.</b> The 2.8 server installs no handler for <c>SIGTERM</c>/<c>SIGINT</c> (no <c>http.draintimeout</c>): Go's runtime
/// exits with status 2, so <c>docker stop registry</c> shows <c>Exited (2)</c>.
/// </para>
/// <para>Other commands: <c>--version</c>/<c>-v</c>, <c>help</c>; a missing config fails as <c>configuration error: open
/// /x: no such file or directory</c> with the usage, exit 1. Source: distribution v2.8.3 <c>registry/registry.go</c>,
/// <c>registry/handlers/app.go</c>.</para>
/// </remarks>
public static class RegistryProgram
{
    /// <summary>The program name (the marker <c>#!simulator registry</c>).</summary>
    public const string ProgramName = "registry";

    /// <summary>The version string the binary reports and logs: <c>v2.8.3+unknown</c> (the library image builds without a version tag).</summary>
    public const string Version = "v2.8.3+unknown";

    private const string GoVersion = "go1.20.8";

    private const string Usage =
        "`serve` stores and distributes Docker images.\n\nUsage: \n  registry serve <config> [flags]\nFlags:\n  -h, --help=false: help for serve\n\n\nAdditional help topics:\n\n";

    /// <summary>Runs the program with the context's argv.</summary>
    /// <param name="context">The process context.</param>
    /// <returns>The exit status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    public static async Task<int> RunAsync(ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var args = context.Argv.Skip(1).ToList();
        if (args.Count == 0 || args[0] is "help" or "-h" or "--help")
        {
            await context.WriteAsync(
                "`registry`\n\nUsage: \n  registry [flags]\n  registry [command]\n\nAvailable Commands: \n" +
                "  serve           `serve` stores and distributes Docker images\n" +
                "  garbage-collect `garbage-collect` deletes layers not referenced by any manifests\n" +
                "  help            Help about any command\n\nFlags:\n  -h, --help=false: help for registry\n" +
                "  -v, --version=false: show the version and exit\n\n\nUse \"registry help [command]\" for more information about a command.\n").ConfigureAwait(false);
            return 0;
        }

        if (args[0] is "-v" or "--version")
        {
            await context.WriteAsync("registry github.com/docker/distribution " + Version + "\n").ConfigureAwait(false);
            return 0;
        }

        if (args[0] != "serve")
        {
            await context.WriteErrorAsync($"Error: unknown command \"{args[0]}\" for \"registry\"\nRun 'registry --help' for usage.\n").ConfigureAwait(false);
            return 1;
        }

        var configPath = args.Count > 1 ? args[1] : context.GetEnv("REGISTRY_CONFIGURATION_PATH");
        if (string.IsNullOrEmpty(configPath))
        {
            await context.WriteErrorAsync("configuration error: configuration path unspecified\n" + Usage).ConfigureAwait(false);
            return 1;
        }

        string configText;
        try
        {
            configText = context.FileSystem.ReadAllText(context.ResolvePath(configPath));
        }
        catch (FileSystemException e)
        {
            var reason = e.Errno == Errno.EISDIR ? "is a directory" : e.Errno == Errno.EACCES ? "permission denied" : "no such file or directory";
            await context.WriteErrorAsync($"configuration error: open {configPath}: {reason}\n" + Usage).ConfigureAwait(false);
            return 1;
        }

        var config = ParseYaml(configText);
        var root = context.GetEnv("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY") is { Length: > 0 } r ? r
            : config.GetValueOrDefault("storage.filesystem.rootdirectory", "/var/lib/registry");
        var addr = context.GetEnv("REGISTRY_HTTP_ADDR") is { Length: > 0 } a ? a : config.GetValueOrDefault("http.addr", ":5000");
        bool secret = context.GetEnv("REGISTRY_HTTP_SECRET") is { Length: > 0 } || config.ContainsKey("http.secret");
        int colon = addr.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(addr.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            await LogAsync(context, "fatal", $"listen tcp: address {addr}: missing port in address", null).ConfigureAwait(false);
            return 1;
        }

        var instance = InstanceId(context);
        var fields = $"go.version={GoVersion} instance.id={instance} service=registry version=\"{Version}\"";
        if (!secret)
        {
            await LogAsync(context, "warning",
                "No HTTP secret provided - generated random secret. This may cause problems with uploads if multiple registries are behind a load-balancer. " +
                "To provide a shared secret, fill in http.secret in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.", fields).ConfigureAwait(false);
        }

        await LogAsync(context, "info", "redis not configured", fields).ConfigureAwait(false);
        var jitter = (int)(Mix((ulong)context.Pid + (ulong)context.TimeProvider.GetUtcNow().Ticks) % 60);
        await LogAsync(context, "info", $"Starting upload purge in {jitter}m0s", fields).ConfigureAwait(false);
        await LogAsync(context, "info", "using inmemory blob descriptor cache", fields).ConfigureAwait(false);

        var host = addr[..colon];
        var stdout = context.Stdout;
        var storage = new RegistryStorage(context.FileSystem, context.ResolvePath(root), line =>
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            lock (stdout)
            {
                stdout.Write(bytes);
            }
        });
        var server = new HttpApi(context, storage);
        HttpRequestHandler handler = server.HandleAsync;
        IDisposable listener;
        try
        {
            listener = context.ListenHttp(port, handler);
        }
        catch (IOException)
        {
            await LogAsync(context, "fatal", $"listen tcp {addr}: bind: address already in use", fields).ConfigureAwait(false);
            return 1;
        }

        storage.Bind(handler);
        await LogAsync(context, "info", "listening on " + (host.Length == 0 ? "[::]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture), fields).ConfigureAwait(false);
        using (listener)
        {
            try
            {
                await context.WaitForSignalAsync(Signal.Term, Signal.Int).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return 137;
            }
        }

        // Go's runtime: a fatal signal without a handler, ignored by the kernel for PID 1, ends in exit(2).
        return 2;
    }

    private static async Task LogAsync(ProcessContext context, string level, string message, string? fields)
    {
        var time = context.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        var line = $"time=\"{time}\" level={level} msg=\"{message.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" + (fields is null ? "" : " " + fields) + " \n";
        await context.WriteErrorAsync(line).ConfigureAwait(false);
    }

    /// <summary>A version-4 UUID from the PID and the clock (distribution's <c>uuid.Generate()</c>, made deterministic).</summary>
    private static string InstanceId(ProcessContext context)
    {
        var a = Mix((ulong)context.TimeProvider.GetUtcNow().Ticks ^ ((ulong)context.Pid << 32));
        var b = Mix(a);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, a);
        BitConverter.TryWriteBytes(bytes[8..], b);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The scalar keys of a block-style YAML document, dotted (<c>storage.filesystem.rootdirectory</c>).</summary>
    private static Dictionary<string, string> ParseYaml(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new List<(int Indent, string Key)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            int hash = line.IndexOf(" #", StringComparison.Ordinal);
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (hash >= 0)
            {
                line = line[..hash];
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            int indent = line.Length - line.TrimStart().Length;
            var body = line.Trim();
            int colon = body.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || body.StartsWith('-'))
            {
                continue;
            }

            while (stack.Count > 0 && stack[^1].Indent >= indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            var key = body[..colon].Trim();
            var value = body[(colon + 1)..].Trim().Trim('"', '\'');
            var full = string.Join('.', stack.Select(s => s.Key).Append(key));
            if (value.Length == 0)
            {
                stack.Add((indent, key));
            }
            else
            {
                result[full] = value;
            }
        }

        return result;
    }

    /// <summary>The read side of the Registry V2 HTTP API (distribution <c>registry/handlers</c>).</summary>
    private sealed class HttpApi(ProcessContext context, RegistryStorage storage)
    {
        public Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var path = Uri.UnescapeDataString(uri.AbsolutePath);
            var host = request.Headers.Host ?? uri.Authority;
            var response = Serve(request.Method, path, host);
            response.Headers.TryAddWithoutValidation("Docker-Distribution-Api-Version", "registry/2.0");
            response.Headers.TryAddWithoutValidation("X-Content-Type-Options", "nosniff");
            response.Headers.Date = context.TimeProvider.GetUtcNow();
            response.RequestMessage = request;
            long size = request.Method == HttpMethod.Head ? 0 : response.Content.Headers.ContentLength ?? 0;
            var agent = request.Headers.TryGetValues("User-Agent", out var ua) ? string.Join(' ', ua) : "";
            storage.LogRequest(context.TimeProvider.GetUtcNow(), request.GetRemoteAddress(), request.Method.Method, uri.PathAndQuery, (int)response.StatusCode, size, agent);
            if (request.Method == HttpMethod.Head)
            {
                var length = response.Content.Headers.ContentLength;
                var type = response.Content.Headers.ContentType;
                response.Content = new ByteArrayContent([]);
                response.Content.Headers.ContentLength = length;
                response.Content.Headers.ContentType = type;
            }

            return Task.FromResult(response);
        }

        private HttpResponseMessage Serve(HttpMethod method, string path, string host)
        {
            if (method != HttpMethod.Get && method != HttpMethod.Head)
            {
                return path.StartsWith("/v2/", StringComparison.Ordinal) || path == "/v2"
                    ? Error(HttpStatusCode.MethodNotAllowed, "UNSUPPORTED", "The operation is unsupported.", null)
                    : NotFound();
            }

            if (path is "/v2/" or "/v2")
            {
                return Json(HttpStatusCode.OK, "{}");
            }

            if (!path.StartsWith("/v2/", StringComparison.Ordinal))
            {
                return NotFound();
            }

            var registry = storage.ForHttp(host);
            if (path == "/v2/_catalog")
            {
                var names = registry.Repositories();
                return Json(HttpStatusCode.OK, "{\"repositories\":" + JsonSerializer.Serialize(names) + "}\n");
            }

            var rest = path["/v2/".Length..];
            if (rest.EndsWith("/tags/list", StringComparison.Ordinal))
            {
                var name = rest[..^"/tags/list".Length];
                var tags = Valid(registry, name) ? registry.Tags(name) : [];
                return tags.Count == 0
                    ? Error(HttpStatusCode.NotFound, "NAME_UNKNOWN", "repository name not known to registry", new Dictionary<string, string> { ["name"] = name })
                    : Json(HttpStatusCode.OK, "{\"name\":" + JsonSerializer.Serialize(name) + ",\"tags\":" + JsonSerializer.Serialize(tags) + "}\n");
            }

            foreach (var kind in new[] { "/manifests/", "/blobs/" })
            {
                int at = rest.LastIndexOf(kind, StringComparison.Ordinal);
                if (at <= 0)
                {
                    continue;
                }

                var name = rest[..at];
                var reference = rest[(at + kind.Length)..];
                if (!Valid(registry, name))
                {
                    return Error(HttpStatusCode.NotFound, "NAME_UNKNOWN", "repository name not known to registry", new Dictionary<string, string> { ["name"] = name });
                }

                return kind == "/manifests/" ? Manifest(registry, name, reference) : Blob(registry, name, reference);
            }

            return NotFound();
        }

        private static bool Valid(Registry registry, string name)
        {
            try
            {
                registry.NormalizeRepository(name);
                return true;
            }
            catch (DockerSimulatorException)
            {
                return false;
            }
        }

        private static HttpResponseMessage Manifest(Registry registry, string name, string reference)
        {
            if (!registry.TryGetManifest(name, reference, out var digest, out var bytes))
            {
                var detail = Digest.TryParse(reference, out _)
                    ? new Dictionary<string, string> { ["Name"] = name, ["Revision"] = reference }
                    : new Dictionary<string, string> { ["Tag"] = reference };
                return Error(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", "manifest unknown", detail);
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ReadOnlyMemoryContent(bytes) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(ManifestJson.TryParse(bytes.Span)?.MediaType is { Length: > 0 } m ? m : MediaTypes.DockerManifest);
            response.Content.Headers.ContentLength = bytes.Length;
            response.Headers.TryAddWithoutValidation("Docker-Content-Digest", digest.ToString());
            response.Headers.ETag = new EntityTagHeaderValue("\"" + digest + "\"");
            return response;
        }

        private static HttpResponseMessage Blob(Registry registry, string name, string reference)
        {
            if (!Digest.TryParse(reference, out var digest))
            {
                return Error(HttpStatusCode.BadRequest, "DIGEST_INVALID", "provided digest did not match uploaded content", null);
            }

            if (!registry.TryReadBlob(registry.NormalizeRepository(name), digest, out var bytes, out _))
            {
                return Error(HttpStatusCode.NotFound, "BLOB_UNKNOWN", "blob unknown to registry", new Dictionary<string, string> { ["digest"] = reference });
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ReadOnlyMemoryContent(bytes) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            response.Content.Headers.ContentLength = bytes.Length;
            response.Headers.TryAddWithoutValidation("Docker-Content-Digest", digest.ToString());
            response.Headers.ETag = new EntityTagHeaderValue("\"" + digest + "\"");
            response.Headers.CacheControl = new CacheControlHeaderValue { MaxAge = TimeSpan.FromSeconds(31536000) };
            return response;
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(bytes) };
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
            response.Content.Headers.ContentLength = bytes.Length;
            return response;
        }

        private static HttpResponseMessage Error(HttpStatusCode status, string code, string message, Dictionary<string, string>? detail)
        {
            var detailJson = detail is null ? "null" : JsonSerializer.Serialize(detail);
            return Json(status, "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":" + detailJson + "}]}\n");
        }

        private static HttpResponseMessage NotFound()
        {
            var bytes = Encoding.UTF8.GetBytes("404 page not found\n");
            var response = new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent(bytes) };
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");
            response.Content.Headers.ContentLength = bytes.Length;
            return response;
        }
    }
}
