using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Simulator.EngineApi.Internal;

namespace Simulator.EngineApi;

/// <summary>
/// The Docker Engine REST API (API version 1.50, as Docker 28.2) served in process over a <see cref="DockerSimulator"/>:
/// an <see cref="HttpMessageHandler"/> to give an <see cref="HttpClient"/>, Docker.DotNet or a socket front end
/// (<see cref="EngineApiServer"/>). Routes are matched with or without the <c>/vX.Y</c> prefix.
/// </summary>
/// <remarks>
/// <para>
/// <b>Shapes and codes</b> follow the API reference (docs.docker.com/reference/api/engine/version/v1.50) and moby's
/// <c>api/types</c>: JSON bodies end with a newline as Go's <c>json.Encoder</c> writes them; errors are
/// <c>{"message":"..."}</c> with the status of the engine's <see cref="ErrorKind"/>
/// (<see cref="DockerSimulatorException.StatusCode"/>); unknown routes are <c>404 page not found</c>. Every response
/// carries <c>Api-Version</c>, <c>Docker-Experimental</c>, <c>Ostype</c> and <c>Server</c> headers.
/// </para>
/// <para>
/// <b>Streams</b> are produced while the client reads: pull and push progress as newline-delimited JSON, logs as
/// 8-byte-header multiplexed frames (raw for a TTY container), <c>wait</c>'s headers at once and its body at the exit.
/// <c>attach</c> and <c>exec start</c> with <c>Upgrade: tcp</c> answer <c>101 UPGRADED</c> with an
/// <see cref="UpgradedContent"/>.
/// </para>
/// <para>
/// <b>Versions.</b> A path version below 1.24 fails with <c>client version 1.23 is too old. Minimum supported API version
/// is 1.24, please upgrade your client to a newer version</c>, one above 1.50 with <c>client version 1.51 is too new.
/// Maximum supported API version is 1.50</c> (400, moby <c>api/server/middleware/version.go</c>).
/// </para>
/// <para>Thread-safety: one handler serves any number of concurrent requests.</para>
/// </remarks>
public sealed partial class EngineApiHandler : HttpMessageHandler
{
    /// <summary>The API version advertised: <c>1.50</c> (Docker 28.2).</summary>
    public const string ApiVersion = "1.50";

    /// <summary>The oldest API version accepted: <c>1.24</c>.</summary>
    public const string MinApiVersion = "1.24";

    /// <summary>The engine version reported by <c>/version</c> and the <c>Server</c> header: <c>28.2.2</c>.</summary>
    public const string EngineVersion = "28.2.2";

    private static readonly Version Max = Version.Parse(ApiVersion);
    private static readonly Version Min = Version.Parse(MinApiVersion);
    private static readonly Regex VersionPrefix = new(@"^/v(?<v>[0-9]+\.[0-9]+)(?<rest>/.*)$", RegexOptions.CultureInvariant);
    private readonly List<Route> _routes = [];
    private readonly Random _random;

    /// <summary>Creates a handler serving <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    public EngineApiHandler(DockerSimulator engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        _random = new Random(engine.Seed ^ 0x45786563);
        MapSystem();
        MapContainers();
        MapExec();
        MapImages();
        MapVolumesAndNetworks();
    }

    /// <summary>The engine served.</summary>
    public DockerSimulator Engine { get; }

    /// <summary>
    /// Makes the socket a server listens on visible on the engine's simulated host, as a daemon's socket is on a real one, so
    /// a bind of it (Testcontainers' ryuk mounts <c>/var/run/docker.sock</c>, or the <c>unix://</c> path) finds its source. Only
    /// on the default in-memory host file system (never a real disk); an existing path is left alone.
    /// </summary>
    internal void PublishSocket(string path)
    {
        if (Engine.HostFileSystem is not FileSystem.UnionFileSystemAdapter fs)
        {
            return;
        }

        try
        {
            var dir = fs.Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir))
            {
                fs.Directory.CreateDirectory(dir);
            }

            if (!fs.File.Exists(path) && !fs.Directory.Exists(path))
            {
                fs.File.WriteAllBytes(path, []);
            }
        }
        catch (IOException)
        {
            // A file in the way: leave the host as it is.
        }
    }

    /// <summary>The <see cref="EngineApiHandler"/> at the end of a chain of delegating handlers, or <see langword="null"/>.</summary>
    internal static EngineApiHandler? Find(HttpMessageHandler? handler)
    {
        for (int depth = 0; handler is not null && depth < 16; depth++)
        {
            if (handler is EngineApiHandler api)
            {
                return api;
            }

            handler = (handler as DelegatingHandler)?.InnerHandler;
        }

        return null;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage response;
        try
        {
            response = await DispatchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (DockerSimulatorException ex)
        {
            response = Error((HttpStatusCode)ex.StatusCode, ex.Message);
        }
        catch (FormatException ex)
        {
            response = Error(HttpStatusCode.BadRequest, ex.Message);
        }
        catch (NotSupportedException ex)
        {
            response = Error(HttpStatusCode.NotImplemented, ex.Message);
        }
        catch (ArgumentException ex)
        {
            response = Error(HttpStatusCode.BadRequest, ex.Message);
        }

        response.RequestMessage = request;
        response.Headers.TryAddWithoutValidation("Api-Version", ApiVersion);
        response.Headers.TryAddWithoutValidation("Docker-Experimental", "false");
        response.Headers.TryAddWithoutValidation("Ostype", "linux");
        response.Headers.TryAddWithoutValidation("Server", "Docker/" + EngineVersion + " (linux)");
        return response;
    }

    private Task<HttpResponseMessage> DispatchAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        var query = uri.IsAbsoluteUri ? uri.Query : (uri.OriginalString.Contains('?', StringComparison.Ordinal) ? uri.OriginalString[uri.OriginalString.IndexOf('?', StringComparison.Ordinal)..] : "");
        path = Uri.UnescapeDataString(path);
        Version? version = null;
        var m = VersionPrefix.Match(path);
        if (m.Success)
        {
            version = Version.Parse(m.Groups["v"].Value);
            path = m.Groups["rest"].Value;
            if (version < Min)
            {
                return Task.FromResult(Error(HttpStatusCode.BadRequest, $"client version {m.Groups["v"].Value} is too old. Minimum supported API version is {MinApiVersion}, please upgrade your client to a newer version"));
            }

            if (version > Max)
            {
                return Task.FromResult(Error(HttpStatusCode.BadRequest, $"client version {m.Groups["v"].Value} is too new. Maximum supported API version is {ApiVersion}"));
            }
        }

        if (path.Length > 1)
        {
            path = path.TrimEnd('/');
        }

        var requestMethod = request.Method.Method;
        foreach (var route in _routes)
        {
            // The literal prefix is a necessary condition of the pattern, so skipping on it changes no match.
            if (!string.Equals(route.Method, requestMethod, StringComparison.OrdinalIgnoreCase)
                || !path.StartsWith(route.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var match = route.Pattern.Match(path);
            if (!match.Success)
            {
                continue;
            }

            var values = new Dictionary<string, string>(route.GroupNames.Length, StringComparer.Ordinal);
            foreach (var name in route.GroupNames)
            {
                values[name] = match.Groups[name].Value;
            }

            return route.Handle(new ApiRequest(request, path, version, query, values), cancellationToken);
        }

        return Task.FromResult(Error(HttpStatusCode.NotFound, "page not found"));
    }

    private void Map(string method, string pattern, Func<ApiRequest, CancellationToken, Task<HttpResponseMessage>> handle)
    {
        var regex = new Regex("^" + pattern + "$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
        var literal = pattern.AsSpan().IndexOfAny("\\.()[]{}*+?|^$");
        if (literal > 0 && pattern[literal] is '*' or '+' or '?' or '{')
        {
            literal--; // the quantified character is not certain
        }

        if (pattern.Contains('|', StringComparison.Ordinal))
        {
            literal = 0; // an alternation may not share the prefix
        }

        _routes.Add(new Route(
            method,
            literal < 0 ? pattern : pattern[..literal],
            regex,
            [.. regex.GetGroupNames().Where(name => !char.IsDigit(name[0]))],
            handle));
    }

    /// <summary>A route: its method, the literal text its pattern starts with, the anchored pattern and its named groups.</summary>
    private sealed record Route(
        string Method,
        string Prefix,
        Regex Pattern,
        string[] GroupNames,
        Func<ApiRequest, CancellationToken, Task<HttpResponseMessage>> Handle);

    private void Map(string method, string pattern, Func<ApiRequest, HttpResponseMessage> handle) =>
        Map(method, pattern, (r, _) => Task.FromResult(handle(r)));

    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[32];
        lock (_random)
        {
            _random.NextBytes(bytes);
        }

        return Convert.ToHexStringLower(bytes);
    }

    internal static HttpResponseMessage Json(HttpStatusCode status, JsonNode? body)
    {
        var content = new ByteArrayContent(ApiJson.Encode(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return new HttpResponseMessage(status) { Content = content };
    }

    internal static HttpResponseMessage Json(JsonNode? body) => Json(HttpStatusCode.OK, body);

    internal static HttpResponseMessage Status(HttpStatusCode status) => new(status) { Content = new ByteArrayContent([]) };

    internal static HttpResponseMessage Error(HttpStatusCode status, string message) =>
        Json(status, new JsonObject { ["message"] = message });

    internal static HttpResponseMessage NotImplemented(string what) =>
        Error(HttpStatusCode.NotImplemented, what + " is not implemented by the simulator");

    internal static HttpResponseMessage Stream(Func<Stream, CancellationToken, Task> producer, string contentType = "application/json") =>
        new(HttpStatusCode.OK) { Content = new StreamingContent(producer, contentType) };

    internal static HttpResponseMessage Upgrade(Func<Stream, CancellationToken, Task> session, bool tty)
    {
        var response = new HttpResponseMessage(HttpStatusCode.SwitchingProtocols)
        {
            ReasonPhrase = "UPGRADED",
            Content = new UpgradedContent(session, tty ? StdFrames.RawType : StdFrames.MultiplexedType),
        };
        response.Headers.TryAddWithoutValidation("Connection", "Upgrade");
        response.Headers.TryAddWithoutValidation("Upgrade", "tcp");
        return response;
    }
}
