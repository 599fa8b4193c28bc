using System.Globalization;
using System.Text;
using System.Text.Json;
using Simulator.Internal;
using Simulator.References;

namespace Simulator.Images;

/// <summary>
/// The canonical JSON of image configs, byte for byte as Go's <c>encoding/json</c> marshals moby's image
/// (top-level keys sorted, as moby's <c>image.Image.MarshalJSON</c>; nested objects in struct order; map keys
/// sorted by UTF-8 bytes; <c>omitempty</c> honoured; strings escaped as Go escapes them), and the tolerant parser.
/// </summary>
internal static class ImageConfigJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static byte[] Write(ImageConfig config)
    {
        var sb = new StringBuilder(256);
        sb.Append('{');
        var first = true;

        // Keys in sorted order: architecture, author, config, created, history, os, rootfs, variant.
        if (config.Architecture.Length > 0)
        {
            Key(sb, "architecture", ref first);
            Str(sb, config.Architecture);
        }

        if (config.Author.Length > 0)
        {
            Key(sb, "author", ref first);
            Str(sb, config.Author);
        }

        Key(sb, "config", ref first);
        WriteRunConfig(sb, config.Config);
        if (config.Created is { } created)
        {
            Key(sb, "created", ref first);
            Time(sb, created);
        }

        if (config.History.Count > 0)
        {
            Key(sb, "history", ref first);
            sb.Append('[');
            for (int i = 0; i < config.History.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                WriteHistory(sb, config.History[i]);
            }

            sb.Append(']');
        }

        if (config.Os.Length > 0)
        {
            Key(sb, "os", ref first);
            Str(sb, config.Os);
        }

        Key(sb, "rootfs", ref first);
        sb.Append("{\"type\":");
        Str(sb, config.RootFsType);
        if (config.DiffIds.Count > 0)
        {
            sb.Append(",\"diff_ids\":[");
            for (int i = 0; i < config.DiffIds.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                Str(sb, config.DiffIds[i].ToString());
            }

            sb.Append(']');
        }

        sb.Append('}');
        if (config.Variant.Length > 0)
        {
            Key(sb, "variant", ref first);
            Str(sb, config.Variant);
        }

        sb.Append('}');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static string WriteRunConfig(RunConfig config)
    {
        var sb = new StringBuilder(64);
        WriteRunConfig(sb, config);
        return sb.ToString();
    }

    private static void WriteRunConfig(StringBuilder sb, RunConfig c)
    {
        sb.Append('{');
        var first = true;
        if (c.User.Length > 0)
        {
            Key(sb, "User", ref first);
            Str(sb, c.User);
        }

        SetMember(sb, "ExposedPorts", c.ExposedPorts, ref first);
        ListMember(sb, "Env", c.Env, ref first);
        ListMember(sb, "Entrypoint", c.Entrypoint, ref first);
        ListMember(sb, "Cmd", c.Cmd, ref first);
        SetMember(sb, "Volumes", c.Volumes, ref first);
        if (c.WorkingDir.Length > 0)
        {
            Key(sb, "WorkingDir", ref first);
            Str(sb, c.WorkingDir);
        }

        if (c.Labels.Count > 0)
        {
            Key(sb, "Labels", ref first);
            sb.Append('{');
            var keys = c.Labels.Keys.ToList();
            keys.Sort(CompareUtf8);
            for (int i = 0; i < keys.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                Str(sb, keys[i]);
                sb.Append(':');
                Str(sb, c.Labels[keys[i]]);
            }

            sb.Append('}');
        }

        if (c.StopSignal.Length > 0)
        {
            Key(sb, "StopSignal", ref first);
            Str(sb, c.StopSignal);
        }

        if (c.ArgsEscaped)
        {
            Key(sb, "ArgsEscaped", ref first);
            sb.Append("true");
        }

        if (c.Healthcheck is { } h)
        {
            Key(sb, "Healthcheck", ref first);
            sb.Append('{');
            var hf = true;
            ListMember(sb, "Test", h.Test, ref hf);
            DurationMember(sb, "Interval", h.Interval, ref hf);
            DurationMember(sb, "Timeout", h.Timeout, ref hf);
            DurationMember(sb, "StartPeriod", h.StartPeriod, ref hf);
            DurationMember(sb, "StartInterval", h.StartInterval, ref hf);
            if (h.Retries != 0)
            {
                Key(sb, "Retries", ref hf);
                sb.Append(h.Retries.ToString(CultureInfo.InvariantCulture));
            }

            sb.Append('}');
        }

        ListMember(sb, "OnBuild", c.OnBuild, ref first);
        ListMember(sb, "Shell", c.Shell, ref first);
        sb.Append('}');
    }

    private static void WriteHistory(StringBuilder sb, HistoryEntry h)
    {
        sb.Append('{');
        var first = true;
        if (h.Created is { } created)
        {
            Key(sb, "created", ref first);
            Time(sb, created);
        }

        if (h.CreatedBy.Length > 0)
        {
            Key(sb, "created_by", ref first);
            Str(sb, h.CreatedBy);
        }

        if (h.Author.Length > 0)
        {
            Key(sb, "author", ref first);
            Str(sb, h.Author);
        }

        if (h.Comment.Length > 0)
        {
            Key(sb, "comment", ref first);
            Str(sb, h.Comment);
        }

        if (h.EmptyLayer)
        {
            Key(sb, "empty_layer", ref first);
            sb.Append("true");
        }

        sb.Append('}');
    }

    private static void Key(StringBuilder sb, string key, ref bool first)
    {
        if (!first)
        {
            sb.Append(',');
        }

        first = false;
        Str(sb, key);
        sb.Append(':');
    }

    private static void ListMember(StringBuilder sb, string key, IReadOnlyList<string> values, ref bool first)
    {
        if (values.Count == 0)
        {
            return;
        }

        Key(sb, key, ref first);
        sb.Append('[');
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            Str(sb, values[i]);
        }

        sb.Append(']');
    }

    private static void SetMember(StringBuilder sb, string key, IReadOnlyList<string> values, ref bool first)
    {
        if (values.Count == 0)
        {
            return;
        }

        var keys = values.Distinct(StringComparer.Ordinal).ToList();
        keys.Sort(CompareUtf8);
        Key(sb, key, ref first);
        sb.Append('{');
        for (int i = 0; i < keys.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            Str(sb, keys[i]);
            sb.Append(":{}");
        }

        sb.Append('}');
    }

    private static void DurationMember(StringBuilder sb, string key, TimeSpan value, ref bool first)
    {
        if (value == TimeSpan.Zero)
        {
            return;
        }

        Key(sb, key, ref first);
        sb.Append((value.Ticks * 100).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Orders strings by their UTF-8 bytes, as Go sorts map keys.</summary>
    internal static int CompareUtf8(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return string.CompareOrdinal(a, b);
        }

        // UTF-16 ordinal order equals UTF-8 byte order except for surrogates against U+E000..U+FFFF.
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y)
            {
                continue;
            }

            bool xs = char.IsSurrogate(x), ys = char.IsSurrogate(y);
            if (xs != ys && (x >= '\uE000' || y >= '\uE000'))
            {
                return xs ? 1 : -1;
            }

            return x.CompareTo(y);
        }

        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Writes a JSON string as Go's <c>encoding/json</c> does with HTML escaping on.</summary>
    internal static void Str(StringBuilder sb, string s)
    {
        const string hex = "0123456789abcdef";
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '<' or '>' or '&':
                case < ' ':
                    sb.Append("\\u00").Append(hex[c >> 4]).Append(hex[c & 0xF]);
                    break;
                case '\u2028':
                    sb.Append("\\u2028");
                    break;
                case '\u2029':
                    sb.Append("\\u2029");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        sb.Append("\\ufffd"); // Go writes invalid UTF-8 as U+FFFD.
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>Writes a time as Go's <c>time.Time.MarshalJSON</c> (RFC 3339 with trimmed nanoseconds).</summary>
    internal static void Time(StringBuilder sb, DateTimeOffset t)
    {
        sb.Append('"').Append(FormatTime(t)).Append('"');
    }

    internal static string FormatTime(DateTimeOffset t)
    {
        var s = t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        long fraction = t.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            s += "." + fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        if (t.Offset == TimeSpan.Zero)
        {
            return s + "Z";
        }

        var offset = t.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        offset = offset.Duration();
        return s + sign + offset.Hours.ToString("D2", CultureInfo.InvariantCulture) + ":" + offset.Minutes.ToString("D2", CultureInfo.InvariantCulture);
    }

    public static ImageConfig Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            StrictUtf8.GetCharCount(json);
        }
        catch (DecoderFallbackException)
        {
            throw Errors.InvalidArgument(Errors.InvalidImageJson("invalid UTF-8"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw Errors.InvalidArgument(Errors.InvalidImageJson(GoJsonSyntax.Error(json) ?? e.Message));
        }

        using (document)
        {
            var root = document.RootElement;
            Expect(root, JsonValueKind.Object, "Image");
            if (!root.TryGetProperty("rootfs", out var rootfs) || rootfs.ValueKind == JsonValueKind.Null)
            {
                throw Errors.InvalidArgument(Errors.ImageJsonNoRootFs);
            }

            Expect(rootfs, JsonValueKind.Object, "Image.rootfs");
            var config = new ImageConfig
            {
                Architecture = GetString(root, "architecture", "Image.architecture"),
                Os = GetString(root, "os", "Image.os"),
                Variant = GetString(root, "variant", "Image.variant"),
                Author = GetString(root, "author", "Image.author"),
                Created = GetTime(root, "created", "Image.created"),
                Config = TryGet(root, "config", out var run) ? ParseRunConfig(run) : RunConfig.Empty,
                RootFsType = GetString(rootfs, "type", "Image.rootfs.type"),
                DiffIds = GetStrings(rootfs, "diff_ids", "Image.rootfs.diff_ids").Select(ParseDiffId).ToArray(),
                History = TryGet(root, "history", out var history) ? ParseHistory(history) : [],
            };
            return config;
        }
    }

    private static Digest ParseDiffId(string s) =>
        Digest.TryParse(s, out var digest, out var error) ? digest : throw Errors.InvalidArgument(error);

    private static RunConfig ParseRunConfig(JsonElement e)
    {
        Expect(e, JsonValueKind.Object, "Image.config");
        HealthcheckConfig? health = null;
        if (TryGet(e, "Healthcheck", out var h))
        {
            Expect(h, JsonValueKind.Object, "Image.config.Healthcheck");
            health = new HealthcheckConfig
            {
                Test = GetStrings(h, "Test", "Image.config.Healthcheck.Test"),
                Interval = GetDuration(h, "Interval"),
                Timeout = GetDuration(h, "Timeout"),
                StartPeriod = GetDuration(h, "StartPeriod"),
                StartInterval = GetDuration(h, "StartInterval"),
                Retries = TryGet(h, "Retries", out var r) ? GetInt(r, "Image.config.Healthcheck.Retries") : 0,
            };
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (TryGet(e, "Labels", out var l))
        {
            Expect(l, JsonValueKind.Object, "Image.config.Labels");
            foreach (var p in l.EnumerateObject())
            {
                labels[p.Name] = p.Value.ValueKind == JsonValueKind.Null ? "" : AsString(p.Value, "Image.config.Labels");
            }
        }

        return new RunConfig
        {
            User = GetString(e, "User", "Image.config.User"),
            ExposedPorts = GetKeys(e, "ExposedPorts"),
            Env = GetStrings(e, "Env", "Image.config.Env"),
            Entrypoint = GetStrings(e, "Entrypoint", "Image.config.Entrypoint"),
            Cmd = GetStrings(e, "Cmd", "Image.config.Cmd"),
            Volumes = GetKeys(e, "Volumes"),
            WorkingDir = GetString(e, "WorkingDir", "Image.config.WorkingDir"),
            Labels = labels,
            StopSignal = GetString(e, "StopSignal", "Image.config.StopSignal"),
            ArgsEscaped = TryGet(e, "ArgsEscaped", out var a) && GetBool(a, "Image.config.ArgsEscaped"),
            Healthcheck = health,
            OnBuild = GetStrings(e, "OnBuild", "Image.config.OnBuild"),
            Shell = GetStrings(e, "Shell", "Image.config.Shell"),
        };
    }

    private static HistoryEntry[] ParseHistory(JsonElement e)
    {
        Expect(e, JsonValueKind.Array, "Image.history");
        var list = new List<HistoryEntry>();
        foreach (var item in e.EnumerateArray())
        {
            Expect(item, JsonValueKind.Object, "Image.history");
            list.Add(new HistoryEntry
            {
                Created = GetTime(item, "created", "Image.history.created"),
                CreatedBy = GetString(item, "created_by", "Image.history.created_by"),
                Author = GetString(item, "author", "Image.history.author"),
                Comment = GetString(item, "comment", "Image.history.comment"),
                EmptyLayer = TryGet(item, "empty_layer", out var b) && GetBool(b, "Image.history.empty_layer"),
            });
        }

        return [.. list];
    }

    // Go matches keys case-insensitively when no exact match exists; null is "absent".
    private static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value))
        {
            return value.ValueKind != JsonValueKind.Null;
        }

        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return value.ValueKind != JsonValueKind.Null;
            }
        }

        return false;
    }

    private static string GetString(JsonElement obj, string name, string field) =>
        TryGet(obj, name, out var v) ? AsString(v, field) : "";

    private static string AsString(JsonElement v, string field)
    {
        Expect(v, JsonValueKind.String, field);
        return v.GetString()!;
    }

    private static string[] GetStrings(JsonElement obj, string name, string field)
    {
        if (!TryGet(obj, name, out var v))
        {
            return [];
        }

        Expect(v, JsonValueKind.Array, field);
        return [.. v.EnumerateArray().Select(x => AsString(x, field))];
    }

    private static string[] GetKeys(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var v))
        {
            return [];
        }

        Expect(v, JsonValueKind.Object, "Image.config." + name);
        return [.. v.EnumerateObject().Select(p => p.Name).Distinct(StringComparer.Ordinal)];
    }

    private static DateTimeOffset? GetTime(JsonElement obj, string name, string field)
    {
        if (!TryGet(obj, name, out var v))
        {
            return null;
        }

        var s = AsString(v, field);
        return TryParseTime(s, out var t) ? t : throw Errors.InvalidArgument(Errors.InvalidImageJson($"parsing time \"{s}\" as RFC 3339"));
    }

    private static bool TryParseTime(string s, out DateTimeOffset value)
    {
        // RFC 3339: up to 9 fraction digits; .NET keeps 7.
        int dot = s.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            int end = dot + 1;
            while (end < s.Length && char.IsAsciiDigit(s[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                s = s[..(dot + 8)] + s[end..];
            }
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"];
        return DateTimeOffset.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static TimeSpan GetDuration(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var v))
        {
            return TimeSpan.Zero;
        }

        Expect(v, JsonValueKind.Number, "Image.config.Healthcheck." + name);
        return v.TryGetInt64(out var ns) ? TimeSpan.FromTicks(ns / 100) : throw TypeError("number " + v.GetRawText(), "Image.config.Healthcheck." + name, "time.Duration");
    }

    private static int GetInt(JsonElement v, string field)
    {
        Expect(v, JsonValueKind.Number, field);
        return v.TryGetInt32(out var i) ? i : throw TypeError("number " + v.GetRawText(), field, "int");
    }

    private static bool GetBool(JsonElement v, string field)
    {
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw TypeError(GoKind(v.ValueKind), field, "bool");
        }

        return v.GetBoolean();
    }

    private static void Expect(JsonElement v, JsonValueKind kind, string field)
    {
        if (v.ValueKind != kind)
        {
            var type = kind switch
            {
                JsonValueKind.Object => field == "Image" ? "image.Image" : "object",
                JsonValueKind.Array => "array",
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                _ => "value",
            };
            throw TypeError(GoKind(v.ValueKind), field, type);
        }
    }

    private static DockerSimulatorException TypeError(string what, string field, string type) =>
        Errors.InvalidArgument($"json: cannot unmarshal {what} into Go struct field {field} of type {type}");

    private static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };
}
