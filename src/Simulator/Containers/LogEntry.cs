using System.Globalization;

namespace Simulator.Containers;

/// <summary>One log message as the json-file driver stores it: a line (with its newline, if any), its stream and time.</summary>
/// <param name="Stream">stdout or stderr.</param>
/// <param name="Time">When it was written (from the engine's <see cref="TimeProvider"/>).</param>
/// <param name="Text">The text, ending with <c>\n</c> unless it is a partial last line.</param>
public readonly record struct LogEntry(LogStream Stream, DateTimeOffset Time, string Text)
{
    /// <summary><c>docker logs</c> output of the line: with <paramref name="timestamps"/>, prefixed with RFC 3339 nano UTC time and a space.</summary>
    /// <param name="timestamps"><c>-t</c>.</param>
    /// <returns>The text.</returns>
    public string Format(bool timestamps) => timestamps ? FormatTime(Time) + " " + Text : Text;

    /// <summary>Go's <c>time.RFC3339Nano</c> in UTC, as <c>docker logs -t</c> prints: <c>2024-01-02T03:04:05.123456789Z</c> (trailing zeros trimmed).</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string FormatTime(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        long ticks = utc.Ticks % TimeSpan.TicksPerSecond;
        if (ticks != 0)
        {
            text += "." + (ticks * 100).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return text + "Z";
    }
}
