using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Simulator.EngineApi.Internal;

/// <summary>JSON helpers shaped as Go's encoding/json output of moby's API types.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>Go's <c>time.RFC3339Nano</c> in UTC (trailing zeros of the fraction dropped); the zero time for <see langword="null"/>.</summary>
    public static string Time(DateTimeOffset? time)
    {
        if (time is null)
        {
            return "0001-01-01T00:00:00Z";
        }

        var utc = time.Value.UtcDateTime;
        var text = utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        long fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            text += "." + (fraction * 100).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return text + "Z";
    }

    public static long Unix(DateTimeOffset? time) => time?.ToUnixTimeSeconds() ?? 0;

    public static JsonArray? Strings(IEnumerable<string>? values) =>
        values is null ? null : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    public static JsonArray StringsOrEmpty(IEnumerable<string>? values) => Strings(values ?? []) !;

    public static JsonObject Map(IEnumerable<KeyValuePair<string, string>>? values)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in values ?? [])
        {
            obj[k] = v;
        }

        return obj;
    }

    /// <summary>A Go <c>map[string]struct{}</c>: <c>{"80/tcp":{}}</c>; <see langword="null"/> when empty.</summary>
    public static JsonObject? Set(IEnumerable<string> keys)
    {
        JsonObject? obj = null;
        foreach (var k in keys)
        {
            obj ??= [];
            obj[k] = new JsonObject();
        }

        return obj;
    }

    /// <summary>The writer options of <c>ToJsonString(Compact)</c>: its encoder, no indentation, its maximum depth (64).</summary>
    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = Compact.Encoder, Indented = false, MaxDepth = 64, SkipValidation = true };

    /// <summary>This thread's output buffer and writer for <see cref="Encode"/>, or null while in use.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? idleBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? idleWriter;

    /// <summary>
    /// The node as Go's <c>json.Encoder</c> writes it: compact, then a newline. The bytes are those of
    /// <c>ToJsonString(Compact)</c> (same writer options), written straight to UTF-8 through a buffer and writer reused per
    /// thread, so a response allocates its byte array only.
    /// </summary>
    public static byte[] Encode(JsonNode? node)
    {
        if (node is null)
        {
            return [.. "null\n"u8];
        }

        var buffer = idleBuffer ?? new ArrayBufferWriter<byte>(256);
        var writer = idleWriter ?? new Utf8JsonWriter(buffer, CompactWriter);
        idleBuffer = null;
        idleWriter = null;
        writer.Reset(buffer);
        try
        {
            node.WriteTo(writer, Compact);
            writer.Flush();
            var bytes = new byte[buffer.WrittenCount + 1];
            buffer.WrittenSpan.CopyTo(bytes);
            bytes[^1] = (byte)'\n';
            return bytes;
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity <= 64 * 1024)
            {
                idleBuffer = buffer;
                idleWriter = writer;
            }
        }
    }

    public static string? GetString(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool GetBool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static int? GetInt(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    public static JsonElement? Get(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>A string array member, or <see langword="null"/> when absent or null (a plain string counts as one element, as moby's StrSlice).</summary>
    public static List<string>? GetStrings(this JsonElement e, string name)
    {
        var v = e.Get(name);
        return v switch
        {
            null => null,
            { ValueKind: JsonValueKind.Array } a => ToStrings(a),
            { ValueKind: JsonValueKind.String } s => [s.GetString()!],
            _ => null,
        };
    }

    private static List<string> ToStrings(JsonElement array)
    {
        var list = new List<string>(array.GetArrayLength());
        foreach (var x in array.EnumerateArray())
        {
            list.Add(x.GetString() ?? "");
        }

        return list;
    }

    /// <summary>The keys of an object member (<c>{"80/tcp":{}}</c>).</summary>
    public static List<string> GetKeys(this JsonElement e, string name)
    {
        var v = e.Get(name);
        return v is { ValueKind: JsonValueKind.Object } o ? o.EnumerateObject().Select(p => p.Name).ToList() : [];
    }

    public static Dictionary<string, string> GetMap(this JsonElement e, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.Get(name) is { ValueKind: JsonValueKind.Object } o)
        {
            foreach (var p in o.EnumerateObject())
            {
                map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }

        return map;
    }
}
