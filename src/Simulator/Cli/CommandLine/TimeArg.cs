using System.Globalization;
using System.Text.RegularExpressions;

namespace Simulator.Cli.CommandLine;

/// <summary>Time arguments of <c>--since</c>/<c>--until</c> (docker/cli opts via moby api/types/time GetTimestamp) and log timestamps.</summary>
internal static partial class TimeArg
{
    /// <summary>A Go duration (<c>10s</c>, <c>1m30s</c>, <c>2h</c>: that long before now), a Unix timestamp, or an RFC 3339 date.</summary>
    /// <exception cref="CliError">Not a time.</exception>
    public static DateTimeOffset Parse(string value, DateTimeOffset now, string flag)
    {
        var m = GoDuration().Match(value);
        if (m.Success)
        {
            double seconds = 0;
            foreach (Capture c in m.Groups["p"].Captures)
            {
                var part = PartPattern().Match(c.Value);
                var n = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
                seconds += part.Groups[2].Value switch
                {
                    "h" => n * 3600,
                    "m" => n * 60,
                    "s" => n,
                    "ms" => n / 1000,
                    "us" or "µs" => n / 1e6,
                    _ => n / 1e9,
                };
            }

            return now - TimeSpan.FromSeconds(seconds);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var unix))
        {
            return DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(unix);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            return t;
        }

        throw new CliError($"invalid value for \"{flag}\": failed to parse value as time or duration: \"{value}\"");
    }

    /// <summary>moby's RFC3339NanoFixed: nine fraction digits, <c>Z</c>.</summary>
    public static string Rfc3339NanoFixed(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff", CultureInfo.InvariantCulture) + "00Z";

    [GeneratedRegex(@"^(?<p>[0-9]+(?:\.[0-9]+)?(?:ns|us|µs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();
}
