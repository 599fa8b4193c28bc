using System.Net;
using System.Net.Sockets;
using Simulator.Containers;
using Simulator.EngineApi.Internal;

namespace Simulator.EngineApi;

/// <summary>
/// Makes the engine's published ports reachable over real loopback TCP: for every host port a running container publishes,
/// an HTTP/1.1 listener on <c>127.0.0.1:port</c> relays each request into the engine's <see cref="Networking.SimulatedNetwork"/>
/// (so <c>curl http://localhost:8080/</c>, or Testcontainers' HTTP wait strategy, reaches a simulated nginx).
/// </summary>
/// <remarks>
/// <para>
/// Use it as the outer handler: <c>new PublishedPortForwarder(new EngineApiHandler(engine))</c>. After each request that
/// starts, stops, restarts, kills, pauses or removes a container the listeners are brought in line with the published
/// ports (call <see cref="Sync"/> after changes made through other surfaces). HTTP only: the simulated network carries
/// HTTP requests, not raw TCP. A host port already taken on the real machine is skipped.
/// </para>
/// <para>
/// <b>Ryuk.</b> For a running <c>testcontainers/ryuk</c> container (image label <c>org.testcontainers.ryuk=true</c>) the
/// host port of its 8080 serves the reaper protocol instead, as Testcontainers expects over a socket: filter lines answered
/// with <c>ACK</c>, and once the last client has been gone for <c>RYUK_RECONNECTION_TIMEOUT</c> (10 s on the engine's clock)
/// the labelled containers, networks, volumes and images are removed through this handler and ryuk gets <c>SIGTERM</c>
/// (testcontainers/moby-ryuk reaper.go).
/// </para>
/// <para>Thread-safe. Disposing closes the listeners (not the inner handler unless asked).</para>
/// </remarks>
public sealed class PublishedPortForwarder : DelegatingHandler
{
    private readonly DockerSimulator _engine;
    private readonly HttpMessageHandler _network;
    private readonly Dictionary<int, EngineApiServer?> _listeners = [];
    private readonly Dictionary<string, RyukReaper> _reapers = new(StringComparer.Ordinal);
    private readonly bool _disposeInner;
    private bool _disposed;

    /// <summary>Wraps an Engine API handler.</summary>
    /// <param name="inner">The API handler.</param>
    /// <param name="disposeInner">Whether disposing this disposes <paramref name="inner"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is <see langword="null"/>.</exception>
    public PublishedPortForwarder(EngineApiHandler inner, bool disposeInner = true)
        : base(inner ?? throw new ArgumentNullException(nameof(inner)))
    {
        _engine = inner.Engine;
        _network = _engine.Network.CreateHandler();
        _disposeInner = disposeInner;
    }

    /// <summary>The host ports forwarded now, sorted.</summary>
    public IReadOnlyList<int> ForwardedPorts
    {
        get
        {
            lock (_listeners)
            {
                return _listeners.Where(l => l.Value is not null).Select(l => l.Key).Order().ToList();
            }
        }
    }

    /// <summary>Opens listeners for newly published ports and closes those no longer published.</summary>
    public void Sync()
    {
        var wanted = new HashSet<int>();
        var reapers = new Dictionary<string, (int Port, Container Container)>(StringComparer.Ordinal);
        foreach (var c in _engine.Containers.List())
        {
            var ryukPort = IsRyuk(c) ? (EnvOf(c, "RYUK_PORT") ?? "8080") + "/tcp" : null;
            foreach (var (key, bindings) in c.NetworkSettings.Ports)
            {
                foreach (var b in bindings ?? [])
                {
                    if (b.HostIp is "0.0.0.0" or "127.0.0.1" or "" && int.TryParse(b.HostPort, out var port))
                    {
                        if (key == ryukPort)
                        {
                            reapers.TryAdd(c.Id, (port, c));
                        }
                        else
                        {
                            wanted.Add(port);
                        }
                    }
                }
            }
        }

        var closing = new List<EngineApiServer>();
        lock (_listeners)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var id in _reapers.Keys.Where(id => !reapers.ContainsKey(id)).ToList())
            {
                var gone = _reapers[id];
                _reapers.Remove(id);
                _ = gone.Completion.IsCompleted || !gone.IsPruning
                    ? gone.DisposeAsync().AsTask()
                    : gone.Completion.ContinueWith(_ => gone.DisposeAsync().AsTask(), TaskScheduler.Default).Unwrap();
            }

            foreach (var (id, (port, c)) in reapers.Where(r => !_reapers.ContainsKey(r.Key)))
            {
                try
                {
                    _reapers[id] = new RyukReaper(
                        this,
                        _engine.TimeProvider,
                        id,
                        port,
                        RyukReaper.ParseDuration(EnvOf(c, "RYUK_CONNECTION_TIMEOUT")) ?? TimeSpan.FromSeconds(60),
                        RyukReaper.ParseDuration(EnvOf(c, "RYUK_RECONNECTION_TIMEOUT")) ?? TimeSpan.FromSeconds(10));
                }
                catch (SocketException)
                {
                    // The port is taken on this machine.
                }
            }

            foreach (var port in _listeners.Keys.Where(p => !wanted.Contains(p)).ToList())
            {
                if (_listeners[port] is { } server)
                {
                    closing.Add(server);
                }

                _listeners.Remove(port);
            }

            foreach (var port in wanted.Where(p => !_listeners.ContainsKey(p)))
            {
                try
                {
                    _listeners[port] = EngineApiServer.ListenTcp(new RelayHandler(_network, port), new IPEndPoint(IPAddress.Loopback, port));
                }
                catch (SocketException)
                {
                    _listeners[port] = null;
                }
            }
        }

        foreach (var server in closing)
        {
            _ = server.DisposeAsync().AsTask();
        }
    }

    /// <summary>A <c>testcontainers/ryuk</c> container: its image is labelled <c>org.testcontainers.ryuk=true</c>.</summary>
    private bool IsRyuk(Container c) =>
        c.Config.Labels.TryGetValue("org.testcontainers.ryuk", out var v) ? v == "true" :
        _engine.Images.TryGet(c.ImageId.ToString(), out var image) && image.Config.Config.Labels.TryGetValue("org.testcontainers.ryuk", out var l) && l == "true";

    private static string? EnvOf(Container c, string name) =>
        c.Config.Env.LastOrDefault(e => e.StartsWith(name + "=", StringComparison.Ordinal)) is { } entry ? entry[(name.Length + 1)..] : null;

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (path.Contains("/containers/", StringComparison.Ordinal) && (int)response.StatusCode is >= 200 and < 300 &&
            (request.Method == HttpMethod.Delete || path.EndsWith("/start", StringComparison.Ordinal) || path.EndsWith("/stop", StringComparison.Ordinal) ||
             path.EndsWith("/restart", StringComparison.Ordinal) || path.EndsWith("/kill", StringComparison.Ordinal) || path.EndsWith("/unpause", StringComparison.Ordinal)))
        {
            Sync();
        }

        return response;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            List<EngineApiServer> servers;
            lock (_listeners)
            {
                _disposed = true;
                servers = _listeners.Values.OfType<EngineApiServer>().ToList();
                _listeners.Clear();
                foreach (var reaper in _reapers.Values)
                {
                    reaper.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }

                _reapers.Clear();
            }

            foreach (var server in servers)
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            _network.Dispose();
            if (!_disposeInner)
            {
                // DelegatingHandler.Dispose would dispose the inner handler.
                return;
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Sends a request received on a host port into the simulated network, addressed to that port on the host.</summary>
    private sealed class RelayHandler(HttpMessageHandler network, int port) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(network, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = new UriBuilder("http", "127.0.0.1", port) { Path = request.RequestUri!.AbsolutePath, Query = request.RequestUri.Query.TrimStart('?') }.Uri;
            using var forward = new HttpRequestMessage(request.Method, target);
            if (request.Content is { } content && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
            {
                forward.Content = content;
            }

            foreach (var (name, values) in request.Headers)
            {
                if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                {
                    forward.Headers.TryAddWithoutValidation(name, values);
                }
            }

            try
            {
                var response = await _invoker.SendAsync(forward, cancellationToken).ConfigureAwait(false);
                var body = response.Content is null ? [] : await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var copy = new ByteArrayContent(body);
                if (response.Content is not null)
                {
                    foreach (var (name, values) in response.Content.Headers)
                    {
                        if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        {
                            copy.Headers.TryAddWithoutValidation(name, values);
                        }
                    }
                }

                var result = new HttpResponseMessage(response.StatusCode) { Content = copy, ReasonPhrase = response.ReasonPhrase };
                foreach (var (name, values) in response.Headers)
                {
                    result.Headers.TryAddWithoutValidation(name, values);
                }

                response.Dispose();
                return result;
            }
            catch (HttpRequestException ex)
            {
                return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(ex.Message + "\n") };
            }
        }
    }
}
