using System.Globalization;
using Simulator.Events;
using Simulator.References;
using Simulator.Volumes;

namespace Simulator.Containers;

/// <summary><c>docker ps</c> with filters.</summary>
public sealed partial class ContainerStore
{
    private static readonly string[] PsFilterKeys = ["ancestor", "before", "exited", "id", "isolation", "label", "name", "status", "health", "since", "volume", "network", "is-task", "publish", "expose"];
    private static readonly string[] States = ["created", "running", "paused", "restarting", "removing", "exited", "dead"];
    private static readonly string[] Healths = ["none", "starting", "healthy", "unhealthy"];

    /// <summary>
    /// <c>docker ps [-a] [-n N] [--filter ...]</c>: snapshots, newest first, filtered as moby's daemon/list.go does
    /// (see <see cref="ContainerListOptions.Filters"/>).
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>The snapshots.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: <c>bad format of filter (expected name=value)</c>, <c>invalid filter 'x'</c> (unknown key),
    /// <c>invalid filter 'status=foo': invalid value for state (foo): must be one of created, running, paused, restarting, removing, exited, dead</c>,
    /// <c>invalid filter 'health=x': invalid value for health (x): must be one of none, starting, healthy, unhealthy</c>,
    /// <c>invalid filter 'exited=x': strconv.Atoi: parsing "x": invalid syntax</c>, <c>invalid filter 'is-task=[x]'</c>,
    /// <c>filter for 'publish' should not contain ':': x</c>, <c>error while looking up for publish x: ...</c>;
    /// <see cref="ErrorKind.NotFound"/> <c>No such container: x</c> for <c>before</c>/<c>since</c>.
    /// </exception>
    public IReadOnlyList<Container> List(ContainerListOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = FilterArgs.Parse(options.Filters);
        args.Validate(PsFilterKeys);
        var exited = new List<int>();
        foreach (var v in args.Get("exited"))
        {
            if (!int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"invalid filter 'exited={v}': strconv.Atoi: parsing {GoQuote(v)}: invalid syntax");
            }

            exited.Add(code);
        }

        bool all = options.All;
        foreach (var v in args.Get("status"))
        {
            if (!States.Contains(v, StringComparer.Ordinal))
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"invalid filter 'status={v}': invalid value for state ({v}): must be one of {string.Join(", ", States)}");
            }

            all = true;
        }

        bool taskFilter = args.Contains("is-task");
        bool isTask = false;
        if (taskFilter)
        {
            // filters.Args.GetBoolOrDefault: invalidFilter{key, values} prints the values as Go's %s of a []string.
            var values = args.Get("is-task");
            bool isFalse = values.Contains("0") || values.Contains("false"), isTrue = values.Contains("1") || values.Contains("true");
            if (isFalse == isTrue)
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"invalid filter 'is-task=[{string.Join(' ', values)}]'");
            }

            isTask = isTrue;
        }
        foreach (var v in args.Get("health"))
        {
            if (!Healths.Contains(v, StringComparer.Ordinal))
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"invalid filter 'health={v}': invalid value for health ({v}): must be one of {string.Join(", ", Healths)}");
            }
        }

        var publish = PortFilter(args, "publish");
        var expose = PortFilter(args, "expose");
        var now = _time.GetUtcNow();
        List<Container> result;
        List<ContainerRecord> records;
        lock (_gate)
        {
            ContainerRecord? before = null, since = null;
            foreach (var v in args.Get("before"))
            {
                before = Find(v);
            }

            foreach (var v in args.Get("since"))
            {
                since = Find(v);
            }

            HashSet<Digest>? ancestors = null;
            if (args.Contains("ancestor"))
            {
                ancestors = [];
                foreach (var v in args.Get("ancestor"))
                {
                    if (Images.TryGet(v, out var image))
                    {
                        ancestors.Add(image.Id);
                    }
                }
            }

            var ordered = _byId.Values.OrderByDescending(r => r.Created).ThenByDescending(r => r.Sequence).ToList();
            result = new List<Container>();
            records = new List<ContainerRecord>();
            int limit = options.Limit ?? 0;
            foreach (var rec in ordered)
            {
                if (before is not null)
                {
                    if (rec == before)
                    {
                        before = null;
                    }

                    continue;
                }

                if (since is not null && rec == since)
                {
                    break;
                }

                if (!rec.IsRunningLike && !all && limit <= 0)
                {
                    continue;
                }

                if (!args.MatchOrEmpty("name", "/" + rec.Name) && !args.MatchOrEmpty("name", rec.Name))
                {
                    continue;
                }

                if (!args.MatchOrEmpty("id", rec.Id))
                {
                    continue;
                }

                if ((taskFilter && isTask) || !args.MatchKeyValueList("label", rec.Config.Labels))
                {
                    continue;
                }

                if (limit > 0 && result.Count == limit)
                {
                    break;
                }

                if (exited.Count > 0 && !(exited.Contains(rec.ExitCode) && !rec.IsRunningLike && rec.StartedAt is not null))
                {
                    continue;
                }

                if (!args.MatchOrEmpty("status", StateName(rec.Status)) || !args.ExactMatch("health", "none"))
                {
                    continue;
                }

                if (args.Contains("volume") && !rec.Mounts.Any(m => args.Get("volume").Any(v => v == m.Destination || v == (m.Name ?? m.Source))))
                {
                    continue;
                }

                if (ancestors is not null && !IsDescendant(rec.Image.Id, ancestors))
                {
                    continue;
                }

                if (args.Contains("network") && !ContainerNetworks(rec).Any(n => args.Get("network").Any(v => v == n.Name || n.Id.StartsWith(v, StringComparison.Ordinal))))
                {
                    continue;
                }

                if ((publish.Count > 0 || expose.Count > 0)
                    && !rec.NetworkSettings.ToContainerPorts().Any(p => publish.Contains($"{p.PublicPort}/{p.Type}") || expose.Contains($"{p.PrivatePort}/{p.Type}")))
                {
                    continue;
                }

                result.Add(rec.Snapshot(now));
                records.Add(rec);
            }

            if (!options.Size)
            {
                return result;
            }
        }

        // Sizes are measured outside the store lock (each root has its own).
        for (int i = 0; i < result.Count; i++)
        {
            result[i] = WithSize(result[i], records[i]);
        }

        return result;
    }

    /// <summary>
    /// <c>docker inspect --size</c> / <c>GET /containers/{id}/json?size=true</c>: <see cref="Inspect(string)"/> with
    /// <see cref="Container.SizeRw"/> and <see cref="Container.SizeRootFs"/> filled in when <paramref name="size"/> is set.
    /// </summary>
    /// <param name="idOrName">A full ID, a name (with or without <c>/</c>) or a unique ID prefix.</param>
    /// <param name="size">Whether to measure the writable layer (costs a walk of it).</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="idOrName"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>.</exception>
    public Container Inspect(string idOrName, bool size)
    {
        ContainerRecord rec;
        Container snapshot;
        lock (_gate)
        {
            rec = Find(idOrName);
            snapshot = rec.Snapshot(_time.GetUtcNow());
        }

        return size ? WithSize(snapshot, rec) : snapshot;
    }

    // moby daemon/images/image.go GetContainerLayerSize: SizeRw is the RW layer's Size, SizeRootFs its parent chain's plus SizeRw.
    private static Container WithSize(Container c, ContainerRecord rec)
    {
        long rw = WritableSize(rec.Root);
        return c with { SizeRw = rw, SizeRootFs = rec.Image.Size + rw };
    }

    /// <summary>The Engine API state name (<c>State.Status</c>).</summary>
    internal static string StateName(ContainerStatus status) => status switch
    {
        ContainerStatus.Created => "created",
        ContainerStatus.Running => "running",
        ContainerStatus.Paused => "paused",
        ContainerStatus.Restarting => "restarting",
        ContainerStatus.Removing => "removing",
        ContainerStatus.Exited => "exited",
        _ => "dead",
    };

    private bool IsDescendant(Digest image, HashSet<Digest> ancestors)
    {
        for (var id = image; !id.IsEmpty; id = Images.Contains(id) ? Images.Inspect(id.ToString()).Parent : default)
        {
            if (ancestors.Contains(id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>moby daemon/list.go portOp: <c>port[/proto]</c> or <c>start-end[/proto]</c> into <c>port/proto</c> keys.</summary>
    private static HashSet<string> PortFilter(FilterArgs args, string key)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in args.Get(key))
        {
            if (value.Contains(':', StringComparison.Ordinal))
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"filter for '{key}' should not contain ':': {value}");
            }

            var slash = value.IndexOf('/', StringComparison.Ordinal);
            var proto = slash < 0 ? "tcp" : value[(slash + 1)..];
            var port = slash < 0 ? value : value[..slash];
            var dash = port.IndexOf('-', StringComparison.Ordinal);
            if (!ushort.TryParse(dash < 0 ? port : port[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !ushort.TryParse(dash < 0 ? port : port[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
                || end < start)
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"error while looking up for {key} {value}: invalid port range: {port}");
            }

            for (int p = start; p <= end; p++)
            {
                set.Add($"{p}/{proto}");
            }
        }

        return set;
    }

    /// <summary>The networks the container is connected to (name, ID): the default bridge.</summary>
    private static IEnumerable<(string Name, string Id)> ContainerNetworks(ContainerRecord rec) => rec.Attachments.Select(a => (a.Network.Name, a.Network.Id));

    private static string GoQuote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
