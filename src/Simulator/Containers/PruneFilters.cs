using System.Globalization;
using System.Text.RegularExpressions;
using Simulator.Volumes;

namespace Simulator.Containers;

/// <summary>The <c>until</c> and <c>label</c>/<c>label!</c> prune filters (moby daemon/prune.go, api/types/time/timestamp.go).</summary>
internal static partial class PruneFilters
{
    /// <summary>getUntilFromPruneFilters: a Go duration before <paramref name="now"/>, an RFC 3339 or date time (UTC when no zone), or Unix seconds[.nanoseconds].</summary>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: <c>more than one until filter specified</c>, <c>strconv.ParseInt: parsing "x": invalid syntax</c>.</exception>
    public static DateTimeOffset? Until(FilterArgs args, DateTimeOffset now)
    {
        var values = args.Get("until");
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "more than one until filter specified");
        }

        var value = values[0];
        if (value != "0" && TryParseGoDuration(value, out var d))
        {
            return DateTimeOffset.FromUnixTimeSeconds((now - d).ToUnixTimeSeconds());
        }

        string[] layouts = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-ddK", "yyyy-MM-dd"];
        if (DateTimeOffset.TryParseExact(value, layouts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        var parts = value.Split('.', 2);
        if (!long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"strconv.ParseInt: parsing \"{parts[0]}\": invalid syntax");
        }

        long nanos = 0;
        if (parts.Length == 2 && !long.TryParse(parts[1].PadRight(9, '0')[..9], NumberStyles.None, CultureInfo.InvariantCulture, out nanos))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"strconv.ParseInt: parsing \"{parts[1]}\": invalid syntax");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
    }

    /// <summary>matchLabels: <c>label</c> entries all match, and no <c>label!</c> entry matches.</summary>
    public static bool MatchLabels(FilterArgs args, IReadOnlyDictionary<string, string> labels) =>
        args.MatchKeyValueList("label", labels) && !(args.Contains("label!") && args.MatchKeyValueList("label!", labels));

    /// <summary>Go's <c>time.ParseDuration</c> (e.g. <c>1h30m</c>, <c>10m</c>, <c>1.5h</c>, <c>300ms</c>).</summary>
    public static bool TryParseGoDuration(string s, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var m = GoDuration().Match(s);
        if (!m.Success || s is "" or "+" or "-")
        {
            return false;
        }

        double ticks = 0;
        foreach (Capture c in m.Groups["part"].Captures)
        {
            var pm = GoDurationPart().Match(c.Value);
            var n = double.Parse(pm.Groups[1].Value, CultureInfo.InvariantCulture);
            ticks += pm.Groups[2].Value switch
            {
                "ns" => n / 100,
                "us" or "µs" or "μs" => n * 10,
                "ms" => n * TimeSpan.TicksPerMillisecond,
                "s" => n * TimeSpan.TicksPerSecond,
                "m" => n * TimeSpan.TicksPerMinute,
                _ => n * TimeSpan.TicksPerHour,
            };
        }

        duration = TimeSpan.FromTicks((long)(s.StartsWith('-') ? -ticks : ticks));
        return true;
    }

    [GeneratedRegex(@"^[+-]?(?:(?<part>(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h)))+$|^0$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDurationPart();
}
