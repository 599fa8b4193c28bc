namespace Simulator.Events;

/// <summary><c>docker events</c> options (<c>GET /events?since=&amp;until=&amp;filters=</c>). Immutable.</summary>
public sealed record EventQuery
{
    /// <summary>The defaults: live events only, no end, no filter.</summary>
    public static EventQuery Default { get; } = new();

    /// <summary><c>--since</c>: also replay the buffered events at or after this time (the engine keeps the last 256, as moby).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary><c>--until</c>: stop at this time (on the engine's clock); with a time already past, only buffered events are returned.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>
    /// <c>--filter key=value</c> entries: <c>container</c>, <c>image</c>, <c>event</c>, <c>type</c>, <c>label</c>, <c>volume</c>,
    /// <c>network</c>, <c>scope</c> (moby <c>daemon/events/filter.go</c>): values of one key are ORed, keys are ANDed.
    /// </summary>
    public IReadOnlyList<string> Filters { get; init; } = [];
}
