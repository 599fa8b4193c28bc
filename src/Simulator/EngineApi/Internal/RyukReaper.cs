using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Simulator.EngineApi.Internal;

/// <summary>
/// The reaper protocol of a running <c>testcontainers/ryuk</c> container, on the real loopback port its 8080 is published to
/// (testcontainers/moby-ryuk reaper.go): each line a client sends is a filter in query form (<c>label=k=v</c>), answered with
/// <c>ACK\n</c>; when no client connects within the connection timeout (60 s), or the last one has been gone for the
/// reconnection timeout (<c>RYUK_RECONNECTION_TIMEOUT</c>, 10 s), the containers (forced, with their volumes), networks, volumes
/// and images matching a filter are removed through the Engine API, as ryuk removes them through the Docker socket, and the
/// ryuk container gets <c>SIGTERM</c> (it exits 0; Testcontainers creates it with <c>AutoRemove</c>).
/// </summary>
/// <remarks>Timeouts run on the engine's clock. Containers labelled <c>org.testcontainers.ryuk=true</c> are never removed. Thread-safe.</remarks>
internal sealed class RyukReaper : IAsyncDisposable
{
    private const string RyukLabel = "org.testcontainers.ryuk";
    private readonly Socket _listener;
    private readonly HttpMessageInvoker _api;
    private readonly string _containerId;
    private readonly TimeProvider _time;
    private readonly TimeSpan _reconnectionTimeout;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(string Key, string Value)>> _filters = new(StringComparer.Ordinal);
    private readonly List<Socket> _clients = [];
    private ITimer? _pruneTimer;
    private int _pruned;

    public RyukReaper(HttpMessageHandler api, TimeProvider time, string containerId, int port, TimeSpan connectionTimeout, TimeSpan reconnectionTimeout)
    {
        _api = new HttpMessageInvoker(api, disposeHandler: false);
        _time = time;
        _containerId = containerId;
        _reconnectionTimeout = reconnectionTimeout;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _listener.Listen(16);
        _pruneTimer = _time.CreateTimer(_ => _ = PruneAsync(), null, connectionTimeout, Timeout.InfiniteTimeSpan);
        _ = AcceptLoopAsync();
    }

    /// <summary>Whether the prune has begun.</summary>
    public bool IsPruning => Volatile.Read(ref _pruned) != 0;

    /// <summary>Completes when the reaper has pruned and signalled its container.</summary>
    public Task Completion => _completion.Task;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Go's time.ParseDuration for the simple forms ryuk's settings use (<c>10s</c>, <c>1m</c>, <c>500ms</c>, <c>1m30s</c>).</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var total = TimeSpan.Zero;
        var match = System.Text.RegularExpressions.Regex.Matches(text, @"([0-9.]+)(ms|s|m|h)");
        if (match.Sum(m => m.Length) != text.Length)
        {
            return null;
        }

        foreach (System.Text.RegularExpressions.Match m in match)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch { "ms" => TimeSpan.FromMilliseconds(n), "s" => TimeSpan.FromSeconds(n), "m" => TimeSpan.FromMinutes(n), _ => TimeSpan.FromHours(n) };
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        lock (_gate)
        {
            _pruneTimer?.Dispose();
            _pruneTimer = null;
            foreach (var c in _clients)
            {
                c.Dispose();
            }

            _clients.Clear();
        }

        _api.Dispose();
    }

    private Task AcceptLoopAsync() => AcceptLoop.RunAsync(_listener, _stop.Token, client =>
    {
        lock (_gate)
        {
            _clients.Add(client);
            _pruneTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        _ = HandleAsync(client);
    });

    private async Task HandleAsync(Socket client)
    {
        try
        {
            using var stream = new NetworkStream(client, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    // ryuk: "empty filter received", no ACK.
                    continue;
                }

                AddFilter(line);
                await stream.WriteAsync("ACK\n"u8.ToArray(), _stop.Token).ConfigureAwait(false);
                await stream.FlushAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away.
        }
        finally
        {
            client.Dispose();
            lock (_gate)
            {
                _clients.Remove(client);
                if (_clients.Count == 0 && _pruneTimer is not null)
                {
                    if (_reconnectionTimeout <= TimeSpan.Zero)
                    {
                        _ = PruneAsync();
                    }
                    else
                    {
                        _pruneTimer.Change(_reconnectionTimeout, Timeout.InfiniteTimeSpan);
                    }
                }
            }
        }
    }

    /// <summary>ryuk addFilter: url.ParseQuery of the line; the same set of pairs in any order is one filter.</summary>
    private void AddFilter(string line)
    {
        var pairs = new List<(string Key, string Value)>();
        foreach (var part in line.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            var value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            pairs.Add((key, value));
        }

        pairs.Sort();
        var identity = string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
        lock (_gate)
        {
            _filters.TryAdd(identity, pairs);
        }
    }

    private async Task PruneAsync()
    {
        if (Interlocked.Exchange(ref _pruned, 1) != 0)
        {
            return;
        }

        try
        {
            List<List<(string Key, string Value)>> filters;
            lock (_gate)
            {
                filters = [.. _filters.Values];
            }

            foreach (var filter in filters)
            {
                var json = new JsonObject();
                foreach (var group in filter.GroupBy(p => p.Key, StringComparer.Ordinal))
                {
                    var values = new JsonObject();
                    foreach (var (_, v) in group)
                    {
                        values[v] = true;
                    }

                    json[group.Key] = values;
                }

                var query = "filters=" + Uri.EscapeDataString(json.ToJsonString());
                var labels = filter.Where(p => p.Key == "label").Select(p => p.Value).ToList();

                // Containers first (forced, with their anonymous volumes), then networks, volumes, images, as ryuk prune.
                foreach (var c in await ListAsync("/containers/json?all=1&" + query).ConfigureAwait(false))
                {
                    if (Matches(c, labels) && !(c["Labels"]?[RyukLabel]?.GetValue<string>() == "true") && c["Id"]?.GetValue<string>() is { } id && id != _containerId)
                    {
                        await SendAsync(HttpMethod.Delete, "/containers/" + id + "?force=1&v=1").ConfigureAwait(false);
                    }
                }

                foreach (var n in await ListAsync("/networks?" + query).ConfigureAwait(false))
                {
                    if (Matches(n, labels) && n["Id"]?.GetValue<string>() is { } id)
                    {
                        await SendAsync(HttpMethod.Delete, "/networks/" + id).ConfigureAwait(false);
                    }
                }

                var volumes = await SendAsync(HttpMethod.Get, "/volumes?" + query).ConfigureAwait(false);
                foreach (var v in (volumes?["Volumes"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (Matches(v, labels) && v["Name"]?.GetValue<string>() is { } name)
                    {
                        await SendAsync(HttpMethod.Delete, "/volumes/" + Uri.EscapeDataString(name) + "?force=1").ConfigureAwait(false);
                    }
                }

                foreach (var i in await ListAsync("/images/json?" + query).ConfigureAwait(false))
                {
                    if (Matches(i, labels) && i["Id"]?.GetValue<string>() is { } id)
                    {
                        await SendAsync(HttpMethod.Delete, "/images/" + id + "?force=1").ConfigureAwait(false);
                    }
                }
            }

            await SendAsync(HttpMethod.Post, "/containers/" + _containerId + "/kill?signal=TERM").ConfigureAwait(false);
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    /// <summary>Checks the labels again on what a list returned: a filter never widens to everything.</summary>
    private static bool Matches(JsonObject resource, List<string> labels)
    {
        if (labels.Count == 0)
        {
            return false;
        }

        var have = resource["Labels"] as JsonObject;
        return labels.All(l =>
        {
            var eq = l.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? l : l[..eq];
            return have is not null && have.TryGetPropertyValue(key, out var value) && (eq < 0 || value?.GetValue<string>() == l[(eq + 1)..]);
        });
    }

    private async Task<IEnumerable<JsonObject>> ListAsync(string path) =>
        (await SendAsync(HttpMethod.Get, path).ConfigureAwait(false) as JsonArray ?? []).OfType<JsonObject>();

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path)
    {
        try
        {
            using var request = new HttpRequestMessage(method, "http://api.moby.localhost" + path);
            using var response = await _api.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
            var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return response.IsSuccessStatusCode && body.Length > 0 ? JsonNode.Parse(body) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or DockerSimulatorException or InvalidOperationException)
        {
            return null;
        }
    }
}
