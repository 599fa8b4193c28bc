using System.Globalization;
using System.Text;
using System.Text.Json;
using Simulator.References;

namespace Simulator.Registries;

/// <summary>One content descriptor of a manifest: media type, size and digest.</summary>
internal readonly record struct BlobDescriptor(string MediaType, long Size, Digest Digest);

/// <summary>A parsed image manifest.</summary>
internal sealed record ParsedManifest(string MediaType, BlobDescriptor Config, IReadOnlyList<BlobDescriptor> Layers);

/// <summary>
/// Image manifests as docker/distribution's <c>schema2.FromStruct</c> and <c>ocischema.FromStruct</c> serialise them
/// (<c>json.MarshalIndent(m, "", "   ")</c>: three-space indent, fields <c>schemaVersion</c>, <c>mediaType</c>,
/// <c>config</c>, <c>layers</c>; descriptors <c>mediaType</c>, <c>size</c>, <c>digest</c>; no trailing newline), so
/// the manifest digest is the one a real registry computes for the same content.
/// </summary>
internal static class ManifestJson
{
    public static byte[] Write(string mediaType, BlobDescriptor config, IReadOnlyList<BlobDescriptor> layers)
    {
        var sb = new StringBuilder();
        sb.Append("{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"").Append(mediaType).Append("\",\n   \"config\": ");
        AppendDescriptor(sb, config, "   ");
        sb.Append(",\n   \"layers\": [");
        for (int i = 0; i < layers.Count; i++)
        {
            sb.Append(i == 0 ? "\n      " : ",\n      ");
            AppendDescriptor(sb, layers[i], "      ");
        }

        sb.Append(layers.Count == 0 ? "]\n}" : "\n   ]\n}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void AppendDescriptor(StringBuilder sb, BlobDescriptor d, string indent)
    {
        sb.Append("{\n").Append(indent).Append("   \"mediaType\": \"").Append(d.MediaType).Append("\",\n")
            .Append(indent).Append("   \"size\": ").Append(d.Size.ToString(CultureInfo.InvariantCulture)).Append(",\n")
            .Append(indent).Append("   \"digest\": \"").Append(d.Digest.ToString()).Append("\"\n")
            .Append(indent).Append('}');
    }

    /// <summary>Parses a schema 2 or OCI image manifest; <see langword="null"/> when it is not one (malformed JSON, other schema, missing fields, bad digests).</summary>
    public static ParsedManifest? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 2)
            {
                return null;
            }

            string mediaType = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString()! : MediaTypes.OciManifest;
            if (mediaType is not (MediaTypes.DockerManifest or MediaTypes.OciManifest))
            {
                return null;
            }

            if (!root.TryGetProperty("config", out var configElement) || ParseDescriptor(configElement) is not { } config)
            {
                return null;
            }

            var layers = new List<BlobDescriptor>();
            if (root.TryGetProperty("layers", out var layersElement) && layersElement.ValueKind != JsonValueKind.Null)
            {
                if (layersElement.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                foreach (var element in layersElement.EnumerateArray())
                {
                    if (ParseDescriptor(element) is not { } layer)
                    {
                        return null;
                    }

                    layers.Add(layer);
                }
            }

            return new ParsedManifest(mediaType, config, layers);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static BlobDescriptor? ParseDescriptor(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object ||
            !e.TryGetProperty("digest", out var digest) || digest.ValueKind != JsonValueKind.String ||
            !Digest.TryParse(digest.GetString(), out var d))
        {
            return null;
        }

        string mediaType = e.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString()! : "";
        long size = e.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
        return new BlobDescriptor(mediaType, size, d);
    }
}
