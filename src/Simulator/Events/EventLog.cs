using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Simulator.References;
using Simulator.Volumes;

namespace Simulator.Events;

/// <summary>
/// The engine's event service (moby <c>daemon/events/events.go</c>): every operation publishes an
/// <see cref="EventMessage"/>; the last 256 are kept for <c>--since</c>; subscribers get live events, filtered.
/// </summary>
/// <remarks>
/// <para><b>Time.</b> Event times come from the injected <see cref="TimeProvider"/>; <c>--until</c> ends a subscription when
/// that clock passes it (a <c>FakeTimeProvider</c> must be advanced).</para>
/// <para><b>Thread-safety.</b> Publishing and subscribing are safe from many threads; each subscriber sees events in
/// publication order.</para>
/// </remarks>
public sealed class EventLog
{
    /// <summary>How many events are kept for replay (moby <c>eventsLimit</c>).</summary>
    public const int BufferLimit = 256;

    private readonly Lock _gate = new();
    private readonly Queue<EventMessage> _buffer = new();
    private readonly List<Subscriber> _subscribers = [];
    private readonly TimeProvider _time;

    /// <summary>Creates an empty log.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public EventLog(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The buffered events, oldest first (at most <see cref="BufferLimit"/>).</summary>
    public IReadOnlyList<EventMessage> Buffered
    {
        get
        {
            lock (_gate)
            {
                return _buffer.ToArray();
            }
        }
    }

    /// <summary>Publishes an event stamped with the clock's current time (moby <c>Events.Log</c>).</summary>
    /// <param name="type">The type (<see cref="EventTypes"/>).</param>
    /// <param name="action">The action.</param>
    /// <param name="id">The actor's ID.</param>
    /// <param name="attributes">The actor's attributes; copied.</param>
    /// <returns>The message published.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public EventMessage Publish(string type, string action, string id, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(attributes);
        var message = new EventMessage(type, action, new EventActor(id, new Dictionary<string, string>(attributes, StringComparer.Ordinal)), _time.GetUtcNow());
        lock (_gate)
        {
            if (_buffer.Count == BufferLimit)
            {
                _buffer.Dequeue();
            }

            _buffer.Enqueue(message);
            foreach (var s in _subscribers)
            {
                if (s.Filter.Include(message))
                {
                    s.Channel.Writer.TryWrite(message);
                }
            }
        }

        return message;
    }

    /// <summary>
    /// <c>docker events</c>: the buffered events matching <paramref name="query"/> (only when <see cref="EventQuery.Since"/> or
    /// <see cref="EventQuery.Until"/> is given, as moby), then live ones until <see cref="EventQuery.Until"/> passes or
    /// <paramref name="cancellationToken"/> is cancelled. With <see cref="EventQuery.Until"/> not after the clock's now, only
    /// buffered events are returned.
    /// </summary>
    /// <param name="query">The query; <see cref="EventQuery.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Ends the stream (normally, without an exception).</param>
    /// <returns>The events, in order.</returns>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: a filter without <c>=</c> (<c>bad format of filter (expected name=value)</c>).</exception>
    public IAsyncEnumerable<EventMessage> SubscribeAsync(EventQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= EventQuery.Default;
        var filter = new EventFilter(FilterArgs.Parse(query.Filters));
        var now = _time.GetUtcNow();
        Subscriber? subscriber = null;
        EventMessage[] buffered;
        lock (_gate)
        {
            buffered = query.Since is null && query.Until is null
                ? []
                : _buffer.Where(m => (query.Since is null || m.Time >= query.Since.Value) && (query.Until is null || m.Time <= query.Until.Value) && filter.Include(m)).ToArray();
            if (query.Until is null || query.Until.Value > now)
            {
                subscriber = new Subscriber(filter, Channel.CreateUnbounded<EventMessage>(new UnboundedChannelOptions { SingleReader = true }));
                _subscribers.Add(subscriber);
            }
        }

        return Stream(buffered, subscriber, query.Until, now, cancellationToken);
    }

    /// <summary>The subscribers currently listening.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    private async IAsyncEnumerable<EventMessage> Stream(EventMessage[] buffered, Subscriber? subscriber, DateTimeOffset? until, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ITimer? timer = null;
        try
        {
            foreach (var m in buffered)
            {
                yield return m;
            }

            if (subscriber is null)
            {
                yield break;
            }

            if (until is not null)
            {
                timer = _time.CreateTimer(static s => ((Subscriber)s!).Channel.Writer.TryComplete(), subscriber, until.Value - now, Timeout.InfiniteTimeSpan);
            }

            var reader = subscriber.Channel.Reader;
            while (true)
            {
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                if (!more)
                {
                    yield break;
                }

                while (reader.TryRead(out var m))
                {
                    if (until is not null && m.Time > until.Value)
                    {
                        yield break;
                    }

                    yield return m;
                }
            }
        }
        finally
        {
            timer?.Dispose();
            if (subscriber is not null)
            {
                lock (_gate)
                {
                    _subscribers.Remove(subscriber);
                }
            }
        }
    }

    /// <summary>Publishes a container event with moby's attributes: the container's labels, then <c>image</c> and <c>name</c> over them (moby <c>daemon/events.go</c> LogContainerEventWithAttributes).</summary>
    internal void Container(string action, string id, string name, string image, IReadOnlyDictionary<string, string> labels, params (string Key, string Value)[] extra)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in extra)
        {
            attributes[k] = v;
        }

        foreach (var (k, v) in labels)
        {
            attributes[k] = v;
        }

        if (image.Length > 0)
        {
            attributes["image"] = image;
        }

        attributes["name"] = name;
        Publish(EventTypes.Container, action, id, attributes);
    }

    private sealed record Subscriber(EventFilter Filter, Channel<EventMessage> Channel);

    /// <summary>moby <c>daemon/events/filter.go</c>.</summary>
    private sealed class EventFilter(FilterArgs args)
    {
        public bool Include(EventMessage ev) =>
            MatchEvent(ev)
            && args.ExactMatch("type", ev.Type)
            && args.ExactMatch("scope", ev.Scope)
            && FuzzyName(ev, "daemon")
            && FuzzyName(ev, EventTypes.Container)
            && FuzzyName(ev, "plugin")
            && FuzzyName(ev, EventTypes.Volume)
            && FuzzyName(ev, EventTypes.Network)
            && MatchImage(ev)
            && (!args.Contains("label") || args.MatchKeyValueList("label", ev.Actor.Attributes));

        private bool MatchEvent(EventMessage ev)
        {
            // moby #25798: health_status, exec_create and exec_start match by prefix.
            if (args.Get("event").Any(v => v is "health_status" or "exec_create" or "exec_start"))
            {
                return args.FuzzyMatch("event", ev.Action);
            }

            return args.ExactMatch("event", ev.Action);
        }

        private bool FuzzyName(EventMessage ev, string type) =>
            args.FuzzyMatch(type, ev.Actor.ID) || args.FuzzyMatch(type, ev.Actor.Attributes.GetValueOrDefault("name", ""));

        private bool MatchImage(EventMessage ev)
        {
            var imageName = ev.Actor.Attributes.GetValueOrDefault(ev.Type == EventTypes.Image ? "name" : "image", "");
            return args.ExactMatch("image", ev.Actor.ID)
                || args.ExactMatch("image", imageName)
                || args.ExactMatch("image", StripTag(ev.Actor.ID))
                || args.ExactMatch("image", StripTag(imageName));
        }

        private static string StripTag(string image) =>
            ImageReference.TryParse(image, out var reference) && reference.HasName ? reference.FamiliarName : image;
    }
}
