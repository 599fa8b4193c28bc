using System.Globalization;
using System.Text;

namespace Simulator.Events;

/// <summary>
/// One engine event as <c>GET /events</c> streams it (moby <c>api/types/events.Message</c>): type, action, actor,
/// scope <c>local</c>, time in seconds and nanoseconds since the Unix epoch. Immutable.
/// </summary>
/// <param name="Type">The object type: <see cref="EventTypes.Container"/>, <see cref="EventTypes.Image"/>, <see cref="EventTypes.Volume"/>, <see cref="EventTypes.Network"/>.</param>
/// <param name="Action">The action, e.g. <c>create</c>, <c>die</c>, <c>exec_start: sh -c ls</c>.</param>
/// <param name="Actor">The object and its attributes.</param>
/// <param name="Time">When it happened (from the engine's <see cref="TimeProvider"/>).</param>
public sealed record EventMessage(string Type, string Action, EventActor Actor, DateTimeOffset Time)
{
    /// <summary>The scope: always <c>local</c> (no swarm).</summary>
    public string Scope => "local";

    /// <summary>Seconds since the Unix epoch (the message's <c>time</c>).</summary>
    public long TimeSeconds => Time.ToUnixTimeSeconds();

    /// <summary>Nanoseconds since the Unix epoch (the message's <c>timeNano</c>).</summary>
    public long TimeNano => (Time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>Go's <c>time.RFC3339Nano</c> in UTC (trailing zeros of the fraction dropped): <c>2026-01-02T03:04:05.5Z</c>.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string FormatRfc3339Nano(DateTimeOffset time) => Containers.LogEntry.FormatTime(time);

    /// <summary>
    /// The line <c>docker events</c> prints (docker/cli <c>cli/command/system/events.go</c> prettyPrintEvent):
    /// the time as <c>RFC3339NanoFixed</c> in UTC, type, action, actor ID and the attributes sorted by key in
    /// parentheses, ending with <c>\n</c>: <c>2026-01-02T03:04:05.000000000Z container create 4f2c… (image=alpine, name=web)</c>.
    /// </summary>
    /// <returns>The line.</returns>
    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append(Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture))
            .Append('.')
            .Append(((Time.UtcTicks % TimeSpan.TicksPerSecond) * 100).ToString("D9", CultureInfo.InvariantCulture))
            .Append("Z ")
            .Append(Type).Append(' ').Append(Action).Append(' ').Append(Actor.ID);
        if (Actor.Attributes.Count > 0)
        {
            sb.Append(" (");
            sb.AppendJoin(", ", Actor.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value));
            sb.Append(')');
        }

        return sb.Append('\n').ToString();
    }
}
