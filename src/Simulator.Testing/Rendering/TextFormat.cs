using System.Globalization;
using System.Text;

namespace Simulator.Testing.Rendering;

/// <summary>Shared culture-free formatting of the renderers.</summary>
internal static class TextFormat
{
    public static string Time(DateTimeOffset? time, DateTimeOffset? origin)
    {
        if (time is not { } t)
        {
            return "-";
        }

        if (origin is not { } o)
        {
            return t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        var d = t - o;
        var sign = d < TimeSpan.Zero ? "-" : "+";
        d = d.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"T{sign}{(long)d.TotalHours}h{d.Minutes:00}m{d.Seconds:00}s");
    }

    public static string List(IEnumerable<string> items)
    {
        var s = new StringBuilder("[");
        bool first = true;
        foreach (var item in items)
        {
            s.Append(first ? "" : ", ").Append(Quote(item));
            first = false;
        }

        return s.Append(']').ToString();
    }

    public static string Quote(string text)
    {
        var s = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            s.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when c < ' ' || c == '\x7f' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return s.Append('"').ToString();
    }

    /// <summary>A path (or link target) on one line: control characters as <c>\n</c>, <c>\t</c>, <c>\r</c> or <c>\xHH</c>, the rest as is.</summary>
    public static string Path(string path)
    {
        if (!path.Any(c => c < ' ' || c == '\x7f'))
        {
            return path;
        }

        var s = new StringBuilder(path.Length + 8);
        foreach (var c in path)
        {
            s.Append(c switch
            {
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when c < ' ' || c == '\x7f' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return s.ToString();
    }

    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Pads every column but the last to its widest cell plus two spaces; trims line ends.</summary>
    public static void AppendTable(StringBuilder text, IReadOnlyList<string[]> rows, string indent, int rightAligned = -1)
    {
        if (rows.Count == 0)
        {
            return;
        }

        int columns = rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Length - 1; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            var line = new StringBuilder(indent);
            for (int i = 0; i < row.Length; i++)
            {
                bool last = i == row.Length - 1;
                var cell = last ? row[i] : i == rightAligned ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]);
                line.Append(cell);
                if (!last)
                {
                    line.Append("  ");
                }
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }
}
