using System.Globalization;
using System.Text;

namespace Simulator.Registries;

/// <summary>Bits of Go's <c>encoding/json</c> output, for byte-exact archive metadata.</summary>
internal static class GoJson
{
    /// <summary>A JSON string as Go's <c>json.Marshal</c> writes it (HTML-safe escapes for <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>An OCI descriptor (<c>ocispec.Descriptor</c>: mediaType, digest, size, annotations).</summary>
    public static string OciDescriptor(string mediaType, string digest, long size, IReadOnlyList<KeyValuePair<string, string>>? annotations = null)
    {
        var sb = new StringBuilder();
        sb.Append("{\"mediaType\":").Append(Quote(mediaType)).Append(",\"digest\":").Append(Quote(digest))
            .Append(",\"size\":").Append(size.ToString(CultureInfo.InvariantCulture));
        if (annotations is { Count: > 0 })
        {
            sb.Append(",\"annotations\":{");
            bool first = true;
            foreach (var (k, v) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                sb.Append(first ? "" : ",").Append(Quote(k)).Append(':').Append(Quote(v));
                first = false;
            }

            sb.Append('}');
        }

        return sb.Append('}').ToString();
    }
}
