using System.Text;
using Simulator.Cli.CommandLine;
using Simulator.Volumes;

namespace Simulator.Cli.Commands;

/// <summary><c>docker system prune</c> (docker/cli v28.2.2 cli/command/system/prune.go).</summary>
internal static class SystemPruneCommand
{
    /// <summary>The filter keys the confirmation lists (prune.go <c>confirmationMessage</c>'s fixed list).</summary>
    private static readonly string[] ListedFilters = ["label", "label!", "until"];

    /// <summary>
    /// Prunes stopped containers, unused custom networks, with <c>--volumes</c> unused anonymous volumes, dangling images
    /// (all unused ones with <c>-a</c>) and with <c>-a</c> the build cache, in that order, printing each part's list and
    /// then the total; without <c>-f</c> it asks first (a declined prompt prints nothing more, exit 0).
    /// </summary>
    public static async Task<int> RunAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        bool all = f.Bool("all");
        bool volumes = f.Bool("volumes");
        var filters = f.List("filter");
        if (volumes && filters.Any(x => x.StartsWith("until=", StringComparison.Ordinal)))
        {
            throw new CliError("ERROR: The \"until\" filter is not supported with \"--volumes\"");
        }

        if (!f.Bool("force") && !await ImageCommands.PromptAsync(inv, ConfirmationMessage(all, volumes, filters)).ConfigureAwait(false))
        {
            return 0;
        }

        var e = inv.Engine;
        long reclaimed = 0;
        void Part(string title, IReadOnlyCollection<string> items)
        {
            // Each part's output ends with "\n" and is printed with Fprintln: a blank line follows it.
            if (items.Count > 0)
            {
                inv.Out.WriteLine(title + "\n" + string.Concat(items.Select(i => i + "\n")));
            }
        }

        var containers = await e.Containers.PruneAsync(filters, inv.CancellationToken).ConfigureAwait(false);
        reclaimed += containers.SpaceReclaimed;
        Part("Deleted Containers:", containers.ContainersDeleted);
        Part("Deleted Networks:", e.Containers.Networks.Prune(filters));
        if (volumes)
        {
            var v = e.Volumes.Prune(all: false, filters);
            reclaimed += v.SpaceReclaimed;
            Part("Deleted Volumes:", v.VolumesDeleted);
        }

        var images = e.Images.Prune(all);
        reclaimed += images.SpaceReclaimed;
        Part("Deleted Images:", images.ImagesDeleted.Select(r => r.Untagged is { } u ? "untagged: " + u : "deleted: " + r.Deleted).ToList());
        if (all)
        {
            // The simulated cache has no per-record IDs to list; BuildKit's "Deleted build cache objects:" is left out.
            reclaimed += e.Builds.Prune().ReclaimedBytes;
        }

        inv.Out.WriteLine("Total reclaimed space: " + GoUnits.HumanSize(reclaimed));
        return 0;
    }

    /// <summary>prune.go's <c>confirmationTemplate</c> rendered (API 1.50, so the build cache line is always there).</summary>
    internal static string ConfirmationMessage(bool all, bool volumes, IReadOnlyList<string> filters)
    {
        var warnings = new List<string> { "all stopped containers", "all networks not used by at least one container" };
        if (volumes)
        {
            warnings.Add("all anonymous volumes not used by at least one container");
        }

        warnings.Add(all ? "all images without at least one container associated to them" : "all dangling images");
        warnings.Add(all ? "all build cache" : "unused build cache");
        var listed = new List<string>();
        foreach (var name in ListedFilters)
        {
            foreach (var item in filters)
            {
                if (item.StartsWith(name + "=", StringComparison.Ordinal))
                {
                    listed.Add(item);
                }
            }
        }

        // sortorder.NaturalLess; the filter texts here compare as ordinal strings except for digit runs, rare enough to ignore.
        listed.Sort(StringComparer.Ordinal);
        var sb = new StringBuilder("WARNING! This will remove:");
        foreach (var w in warnings)
        {
            sb.Append("\n  - ").Append(w);
        }

        sb.Append('\n');
        if (listed.Count > 0)
        {
            sb.Append("\n  Items to be pruned will be filtered with:");
            foreach (var l in listed)
            {
                sb.Append("\n  - ").Append(l);
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
