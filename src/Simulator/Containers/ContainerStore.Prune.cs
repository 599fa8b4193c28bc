using System.Globalization;
using Simulator.FileSystem;
using Simulator.Volumes;

namespace Simulator.Containers;

/// <summary><c>docker container prune</c>.</summary>
public sealed partial class ContainerStore
{
    private static readonly string[] PruneFilterKeys = ["label", "label!", "until"];

    /// <summary>
    /// <c>docker container prune</c> / <c>POST /containers/prune</c>: removes every container that is not running (created,
    /// exited, dead; paused and restarting ones count as running) matching the filters, as <c>docker rm</c> without
    /// <c>-v</c> (moby daemon/prune.go); publishes the <c>prune</c> event with the <c>reclaimed</c> bytes.
    /// </summary>
    /// <param name="filters"><c>until</c> (created before: a Go duration like <c>24h</c>, Unix seconds or an RFC 3339 time), <c>label</c>, <c>label!</c>.</param>
    /// <param name="cancellationToken">Cancels waiting for containers' turns.</param>
    /// <returns>The IDs removed and the bytes reclaimed.</returns>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: <c>invalid filter 'x'</c>, <c>more than one until filter specified</c>, a bad <c>until</c>; nothing is removed then.</exception>
    public async Task<ContainerPruneResult> PruneAsync(IEnumerable<string>? filters = null, CancellationToken cancellationToken = default)
    {
        var list = filters?.ToList() ?? [];
        Record(ContainerOperation.Prune, "", ("filters", list.Count == 0 ? null : string.Join(',', list)));
        var args = FilterArgs.Parse(list);
        args.Validate(PruneFilterKeys);
        var until = PruneFilters.Until(args, _time.GetUtcNow());
        List<ContainerRecord> candidates;
        lock (_gate)
        {
            candidates = _byId.Values
                .Where(r => !r.IsRunningLike && (until is null || r.Created <= until.Value) && PruneFilters.MatchLabels(args, r.Config.Labels))
                .OrderByDescending(r => r.Created)
                .ThenByDescending(r => r.Sequence)
                .ToList();
        }

        var deleted = new List<string>();
        long reclaimed = 0;
        foreach (var rec in candidates)
        {
            long size = WritableSize(rec.Root);
            try
            {
                await RemoveRecordAsync(rec, rec.Id, force: false, removeVolumes: false, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerSimulatorException)
            {
                continue; // started meanwhile, or already removed: moby logs and goes on
            }

            deleted.Add(rec.Id);
            reclaimed += size;
        }

        Events.Publish(Simulator.Events.EventTypes.Container, "prune", "", [new("reclaimed", reclaimed.ToString(CultureInfo.InvariantCulture))]);
        return new ContainerPruneResult(deleted, reclaimed);
    }

    /// <summary>The size of a container's writable layer (<c>SizeRw</c>): the upper layer's bytes (moby overlay2 <c>Size</c>).</summary>
    internal static long WritableSize(UnionFileSystem root) => root.UpperSize();
}
