using System.Runtime.CompilerServices;
using Simulator.Events;
using Simulator.Volumes;

namespace Simulator.Containers;

/// <summary>Attach, logs follow, events.</summary>
public sealed partial class ContainerStore
{
    /// <summary>
    /// The engine's events (<c>docker events</c>): the store publishes container events (create, start, die with
    /// <c>exitCode</c>, kill with <c>signal</c>, stop, restart, pause, unpause, rename, attach, detach, commit, destroy,
    /// exec_create/exec_start/exec_die) and volume mount/unmount, with moby's attributes (daemon/events.go); its
    /// <see cref="Volumes"/>, <see cref="Networks"/> and (an <see cref="Images.InMemoryImageStore"/>) <see cref="Images"/> publish
    /// here too: volume create/destroy/prune, network create/connect/disconnect/destroy/prune, image
    /// pull/push/tag/untag/delete/load/save/prune and commit's create (moby daemon/images/image_events.go, volume/service, daemon/network.go).
    /// Created by the store (same clock); set it to share one log between parts of an engine.
    /// </summary>
    public EventLog Events { get; init; }

    /// <summary>
    /// <c>docker attach</c> / <c>POST /containers/{id}/attach</c>: connects to the container's stdio (see
    /// <see cref="ContainerAttachment"/>). Attach before <see cref="StartAsync"/> to see all output (what <c>docker run</c>
    /// does); an attachment ends when the container's main process ends. Attaching to a container that is not running
    /// waits for its next start (the CLI refuses that: <c>You cannot attach to a stopped container, start it first</c>).
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="options">The options; <see cref="AttachOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Not used for waiting (attaching does not wait); reserved.</param>
    /// <returns>The attachment.</returns>
    /// <exception cref="DockerSimulatorException">
    /// As <see cref="Inspect(string)"/>; <see cref="ErrorKind.InvalidArgument"/> <c>Invalid detach keys (x) provided</c>;
    /// <see cref="ErrorKind.Conflict"/> <c>container x is paused, unpause the container before attach</c> (moby daemon/attach.go).
    /// </exception>
    public Task<ContainerAttachment> AttachAsync(string idOrName, AttachOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= AttachOptions.Default;
        Record(ContainerOperation.Attach, idOrName, ("stdin", options.Stdin ? "true" : null), ("logs", options.Logs ? "true" : null), ("detachKeys", options.DetachKeys));
        var keys = ContainerAttachment.ParseDetachKeys(options.DetachKeys);
        lock (_gate)
        {
            var rec = Find(idOrName);
            if (rec.Status == ContainerStatus.Paused)
            {
                throw new DockerSimulatorException(ErrorKind.Conflict, $"container {idOrName} is paused, unpause the container before attach");
            }

            var subscriber = new ContainerIo.Subscriber(options.Stdout, options.Stderr, rec.Config.Tty);
            var stdin = options.Stdin && rec.Config.OpenStdin;
            var attachment = new ContainerAttachment(rec.Io, subscriber, stdin, rec.Config.StdinOnce, keys, () =>
            {
                lock (_gate)
                {
                    Emit(rec, "detach");
                }
            });
            rec.Io.Subscribe(subscriber, options.Logs);
            if (!options.Stream)
            {
                rec.Io.Unsubscribe(subscriber);
                subscriber.End(detached: false);
            }

            Emit(rec, "attach");
            return Task.FromResult(attachment);
        }
    }

    /// <summary>
    /// <c>docker logs --follow</c>: the entries of <see cref="Logs"/> (since, until, tail applied to those already
    /// written), then new ones as they are written, ending when the container's current run ends (at once for a
    /// container that is not running), at <see cref="ContainerLogsOptions.Until"/>, or when cancelled.
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="options">The options; <see cref="ContainerLogsOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Ends the stream (normally, without an exception).</param>
    /// <returns>The entries in order.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>.</exception>
    public IAsyncEnumerable<LogEntry> FollowLogsAsync(string idOrName, ContainerLogsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= ContainerLogsOptions.Default;
        ContainerRecord rec;
        bool running;
        int generation;
        Task changed;
        lock (_gate)
        {
            rec = Find(idOrName);
            running = rec.IsRunningLike && rec.Status != ContainerStatus.Restarting;
            generation = rec.Io.Generation;
            changed = rec.Io.Changed;
        }

        return Follow(rec, options, running, generation, changed, cancellationToken);
    }

    private async IAsyncEnumerable<LogEntry> Follow(ContainerRecord rec, ContainerLogsOptions options, bool running, int generation, Task changed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int index;
        List<LogEntry> first;
        lock (rec.Logs)
        {
            index = rec.Logs.Count;
            first = rec.Logs.Where(e => Included(e, options)).ToList();
        }

        if (options.Tail is int tail && tail >= 0 && tail < first.Count)
        {
            first = first.GetRange(first.Count - tail, tail);
        }

        foreach (var e in first)
        {
            if (options.Until is not null && e.Time > options.Until.Value)
            {
                yield break;
            }

            yield return e;
        }

        while (running)
        {
            try
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            changed = rec.Io.Changed;
            bool ended = rec.Io.Generation != generation;
            List<LogEntry> more;
            lock (rec.Logs)
            {
                more = rec.Logs.Skip(index).ToList();
                index = rec.Logs.Count;
            }

            foreach (var e in more)
            {
                if (options.Until is not null && e.Time > options.Until.Value)
                {
                    yield break;
                }

                if (Included(e, options))
                {
                    yield return e;
                }
            }

            running = !ended;
        }
    }

    private static bool Included(LogEntry e, ContainerLogsOptions options) =>
        (e.Stream == LogStream.Stdout ? options.Stdout : options.Stderr)
        && (options.Since is null || e.Time >= options.Since.Value)
        && (options.Until is null || e.Time <= options.Until.Value);

    /// <summary>A container event with the container's labels, image and name (call under the store lock).</summary>
    private void Emit(ContainerRecord rec, string action, params (string Key, string Value)[] extra) =>
        Events.Container(action, rec.Id, rec.Name, rec.Config.Image, rec.Config.Labels, extra);

    /// <summary>moby daemon/volumes_unix.go setupMounts (<c>mount</c>) and container.UnmountVolumes (<c>unmount</c>): one event per volume mount.</summary>
    private void EmitMounts(ContainerRecord rec, string action)
    {
        foreach (var m in rec.Mounts)
        {
            if (m.Type != MountType.Volume || m.Name is null)
            {
                continue;
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["driver"] = m.Driver.Length == 0 ? "local" : m.Driver,
                ["container"] = rec.Id,
            };
            if (action == "mount")
            {
                attributes["destination"] = m.Destination;
                attributes["read/write"] = m.RW ? "true" : "false";
                attributes["propagation"] = m.Propagation;
            }

            Events.Publish(EventTypes.Volume, action, m.Name, attributes);
        }
    }
}
