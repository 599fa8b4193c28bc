using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Simulator.EngineApi.Internal;

/// <summary>One Engine API request after routing: method, path without the <c>/vX.Y</c> prefix, query, body.</summary>
internal sealed class ApiRequest
{
    /// <summary><c>{}</c>, what an empty body reads as (a JSON element is immutable and safe to share).</summary>
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    private readonly Dictionary<string, string> _query;

    public ApiRequest(HttpRequestMessage message, string path, Version? version, string rawQuery, IReadOnlyDictionary<string, string> route)
    {
        RawQuery = rawQuery;
        var query = ParseQuery(rawQuery);
        Message = message;
        Path = path;
        ApiVersion = version;
        _query = query;
        Route = route;
    }

    public HttpRequestMessage Message { get; }

    public string RawQuery { get; }

    /// <summary>Every value of a repeated parameter (<c>names=a&amp;names=b</c>).</summary>
    public List<string> QueryAll(string key) =>
        RawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => Unescape(p[0]) == key)
            .Select(p => p.Length > 1 ? Unescape(p[1]) : "")
            .ToList();

    public string Method => Message.Method.Method;

    public string Path { get; }

    /// <summary>The version from the path, or <see langword="null"/> for an unversioned route.</summary>
    public Version? ApiVersion { get; }

    public IReadOnlyDictionary<string, string> Route { get; }

    /// <summary>Whether the client asked for a hijacked connection (<c>Upgrade: tcp</c>).</summary>
    public bool WantsUpgrade =>
        Message.Headers.TryGetValues("Upgrade", out var up) && up.Any(v => v.Contains("tcp", StringComparison.OrdinalIgnoreCase));

    public string this[string routeKey] => Route[routeKey];

    /// <summary>Go's <c>r.FormValue</c>: the first value, or <see langword="null"/>.</summary>
    public string? Query(string key) => _query.TryGetValue(key, out var v) ? v : null;

    /// <summary>moby httputils.BoolValue: anything but "", 0, no, false, none is true.</summary>
    public bool Bool(string key)
    {
        var s = (Query(key) ?? "").Trim().ToLowerInvariant();
        return !(s is "" or "0" or "no" or "false" or "none");
    }

    /// <summary>moby httputils.BoolValueOrDefault.</summary>
    public bool Bool(string key, bool defaultValue) => _query.ContainsKey(key) ? Bool(key) : defaultValue;

    /// <summary>An optional integer (strconv.Atoi's error text when malformed).</summary>
    public int? Int(string key)
    {
        var s = Query(key);
        if (string.IsNullOrEmpty(s))
        {
            return null;
        }

        if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"strconv.Atoi: parsing \"{s}\": invalid syntax");
        }

        return value;
    }

    public async Task<byte[]> ReadBodyAsync(CancellationToken cancellationToken)
    {
        if (Message.Content is null)
        {
            return [];
        }

        return await Message.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body as JSON; an empty body is an empty object. Malformed JSON fails as moby's <c>invalid JSON: ...</c>.</summary>
    public async Task<JsonElement> ReadJsonAsync(CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length == 0 || body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return EmptyObject;
        }

        var error = Simulator.Internal.GoJsonSyntax.Error(body);
        if (error is not null)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "invalid JSON: " + error);
        }

        // One value with exact-size buffers of its own (what JsonDocument.Parse then Clone gives, without the pooled
        // intermediate); the syntax check above has already refused anything after the value.
        var reader = new Utf8JsonReader(body);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>The <c>filters</c> query parameter: <c>{"key":["v"]}</c> or the older <c>{"key":{"v":true}}</c>.</summary>
    public Dictionary<string, List<string>> Filters()
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var text = Query("filters");
        if (string.IsNullOrEmpty(text))
        {
            return result;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "invalid filter: " + (Simulator.Internal.GoJsonSyntax.Error(Encoding.UTF8.GetBytes(text)) ?? text));
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return result;
            }

            foreach (var field in doc.RootElement.EnumerateObject())
            {
                var values = new List<string>();
                if (field.Value.ValueKind == JsonValueKind.Array)
                {
                    values.AddRange(field.Value.EnumerateArray().Select(v => v.GetString() ?? ""));
                }
                else if (field.Value.ValueKind == JsonValueKind.Object)
                {
                    values.AddRange(field.Value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.False).Select(p => p.Name));
                }

                result[field.Name] = values;
            }
        }

        return result;
    }

    /// <summary>Filters as <c>key=value</c> strings (what the volume store takes).</summary>
    public List<string> FilterStrings() =>
        Filters().SelectMany(f => f.Value.Select(v => f.Key + "=" + v)).ToList();

    /// <summary>Parses a query string as Go's url.ParseQuery (first value wins for <see cref="Query"/>).</summary>
    public static Dictionary<string, string> ParseQuery(string? query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(query))
        {
            return result;
        }

        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Unescape(part[(eq + 1)..]);
            result.TryAdd(key, value);
        }

        return result;
    }

    private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
