using System.Globalization;

namespace Simulator.Containers;

/// <summary>
/// go-units <c>HumanDuration</c> (duration.go): how the docker CLI words an age, as in the <c>CREATED</c>
/// column (<c>2 hours ago</c>) and the <c>STATUS</c> column (<c>Up 44 minutes</c>).
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
public static class HumanDuration
{
    /// <summary>
    /// Words <paramref name="duration"/>: below 1 s <c>Less than a second</c>; <c>1 second</c>; <c>N seconds</c> below a
    /// minute; <c>About a minute</c>; <c>N minutes</c> below an hour; then by rounded hours h = (int)(hours + 0.5):
    /// 1 <c>About an hour</c>, below 48 <c>N hours</c>, below 336 <c>h/24 days</c>, below 1440 <c>h/24/7 weeks</c>,
    /// below 17520 <c>h/24/30 months</c>, else <c>N years</c>.
    /// </summary>
    /// <param name="duration">The duration; a negative one reads as less than a second (as go-units does).</param>
    /// <returns>The words, without <c> ago</c>.</returns>
    public static string Format(TimeSpan duration)
    {
        // go-units: seconds := int(d.Seconds())
        long seconds = (long)duration.TotalSeconds;
        if (seconds < 1)
        {
            return "Less than a second";
        }

        if (seconds == 1)
        {
            return "1 second";
        }

        if (seconds < 60)
        {
            return N(seconds) + " seconds";
        }

        long minutes = (long)duration.TotalMinutes;
        if (minutes == 1)
        {
            return "About a minute";
        }

        if (minutes < 60)
        {
            return N(minutes) + " minutes";
        }

        long hours = (long)(duration.TotalHours + 0.5);
        if (hours == 1)
        {
            return "About an hour";
        }

        if (hours < 48)
        {
            return N(hours) + " hours";
        }

        if (hours < 24 * 7 * 2)
        {
            return N(hours / 24) + " days";
        }

        if (hours < 24 * 30 * 2)
        {
            return N(hours / 24 / 7) + " weeks";
        }

        if (hours < 24 * 365 * 2)
        {
            return N(hours / 24 / 30) + " months";
        }

        return N((long)(duration.TotalHours / 24 / 365)) + " years";
    }

    /// <summary><see cref="Format"/> plus <c> ago</c>: the <c>CREATED</c> column (<c>2 hours ago</c>).</summary>
    /// <param name="duration">How long ago.</param>
    /// <returns>The words.</returns>
    public static string Ago(TimeSpan duration) => Format(duration) + " ago";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
