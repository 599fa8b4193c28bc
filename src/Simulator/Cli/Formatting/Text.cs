using System.Globalization;
using System.Text;

namespace Simulator.Cli.Formatting;

/// <summary>Small text helpers of docker/cli's formatter package and Go's strconv/time.</summary>
internal static class Text
{
    /// <summary>docker/cli formatter.Ellipsis: truncates to <paramref name="maxWidth"/> display columns, the last being <c>…</c>.</summary>
    public static string Ellipsis(string s, int maxWidth)
    {
        if (maxWidth <= 0)
        {
            return "";
        }

        if (TabWriter.DisplayWidth(s) <= maxWidth)
        {
            return s;
        }

        var sb = new StringBuilder();
        int width = 0;
        foreach (var rune in s.EnumerateRunes())
        {
            int w = TabWriter.DisplayWidth(rune.ToString());
            if (width + w > maxWidth - 1)
            {
                break;
            }

            sb.Append(rune.ToString());
            width += w;
        }

        return sb.Append('…').ToString();
    }

    /// <summary>Go's strconv.Quote for the printable text docker shows (escapes backslash, quote, control characters).</summary>
    public static string GoQuote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (ch < 0x20 || ch == 0x7F)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)ch:x2}");
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Go's time.Time.String() for a UTC time: <c>2026-01-02 03:04:05 +0000 UTC</c>.</summary>
    public static string GoTime(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy'-'MM'-'dd HH':'mm':'ss", CultureInfo.InvariantCulture) + " +0000 UTC";

    /// <summary>RFC 3339 with nanoseconds as Go's time.RFC3339Nano prints it (trailing zeros dropped).</summary>
    public static string Rfc3339Nano(DateTimeOffset t)
    {
        var s = t.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return s + "Z";
    }

    /// <summary>go-units HumanSizeWithPrecision(size, 3), as docker/cli shows sizes.</summary>
    public static string Size(long bytes) => Volumes.GoUnits.HumanSizeWithPrecision(bytes, 3);

    /// <summary>12 hex characters of an ID, without <c>sha256:</c> (stringid.TruncateID).</summary>
    public static string ShortId(string id)
    {
        var s = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return s.Length > 12 ? s[..12] : s;
    }
}
