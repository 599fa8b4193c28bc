using System.Globalization;
using System.Text;
using Simulator.Cli.CommandLine;
using Simulator.Cli.Formatting;
using Simulator.Containers;
using Simulator.Volumes;

namespace Simulator.Cli.Commands;

/// <summary><c>docker version</c>, <c>info</c> and the other system commands.</summary>
internal static class SystemCommands
{
    /// <summary><c>docker version</c>: client and server sections as Docker 28.2.2 prints them (version.go template).</summary>
    public static Task<int> VersionAsync(CliInvocation inv)
    {
        inv.Out.Write("""
            Client:
             Version:           28.2.2
             API version:       1.50
             Go version:        go1.24.3
             Git commit:        e6534b4
             Built:             Fri May 30 12:07:14 2025
             OS/Arch:           linux/amd64
             Context:           default

            Server: Docker Engine - Community
             Engine:
              Version:          28.2.2
              API version:      1.50 (minimum version 1.24)
              Go version:       go1.24.3
              Git commit:       45873be
              Built:            Fri May 30 12:07:26 2025
              OS/Arch:          linux/amd64
              Experimental:     false
             containerd:
              Version:          1.7.27
              GitCommit:        05044ec0a9a75232cad458027ca83437aae3f4da
             runc:
              Version:          1.2.5
              GitCommit:        v1.2.5-0-g59923ef
             docker-init:
              Version:          0.19.0
              GitCommit:        de40ad0

            """);
        return Task.FromResult(0);
    }

    /// <summary><c>docker system df</c> (formatter/disk_usage.go): TYPE, TOTAL, ACTIVE, SIZE, RECLAIMABLE with go-units HumanSize.</summary>
    public static Task<int> DiskUsageAsync(CliInvocation inv)
    {
        var e = inv.Engine;
        var images = e.Images.List(all: true);
        var layers = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in images)
        {
            var image = e.Images.Get(s.Id.ToString());
            for (int i = 0; i < image.DiffIds.Count && i < image.Layers.Count; i++)
            {
                layers[image.DiffIds[i].ToString()] = Images.Image.LayerSize(image.Layers[i]);
            }
        }

        long imagesTotal = layers.Values.Sum();
        long used = images.Where(s => s.Containers > 0).Sum(s => s.Size - Math.Max(0, s.SharedSize));
        var containers = e.Containers.List(new ContainerListOptions { All = true, Size = true });
        var volumes = e.Volumes.List();
        long volumesTotal = volumes.Sum(v => v.ContentSize());
        long volumesReclaimable = volumes.Where(v => !e.Volumes.IsInUse(v.Name)).Sum(v => v.ContentSize());

        static string Reclaim(long reclaimable, long total) =>
            total > 0 ? $"{GoUnits.HumanSize(reclaimable)} ({reclaimable * 100 / total}%)" : GoUnits.HumanSize(reclaimable);

        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        static bool IsActive(Container c) => c.State.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;
        int active = containers.Count(IsActive);

        // disk_usage.go: the containers' SizeRw; reclaimable from the inactive ones.
        long containersTotal = containers.Sum(c => c.SizeRw ?? 0);
        long containersReclaimable = containers.Where(c => !IsActive(c)).Sum(c => c.SizeRw ?? 0);
        var rows = new List<DiskUsageRow>
        {
            new("Images", N(images.Count), N(images.Count(s => s.Containers > 0)), GoUnits.HumanSize(imagesTotal), Reclaim(imagesTotal - used, imagesTotal)),
            new("Containers", N(containers.Count), N(active), GoUnits.HumanSize(containersTotal), Reclaim(containersReclaimable, containersTotal)),
            new("Local Volumes", N(volumes.Count), N(volumes.Count(v => e.Volumes.IsInUse(v.Name))), GoUnits.HumanSize(volumesTotal), Reclaim(volumesReclaimable, volumesTotal)),
            new("Build Cache", "0", "0", "0B", "0B"),
        };
        inv.Out.Write(TableFormatter.Render(inv.Flags.String("format"), rows, DiskUsageRow.Columns, false, r => r, new DiskUsageRow("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE")));
        return Task.FromResult(0);
    }

    /// <summary><c>docker container prune</c> (container/prune.go): removes every stopped container.</summary>
    public static async Task<int> ContainerPruneAsync(CliInvocation inv)
    {
        if (!inv.Flags.Bool("force") && !await ImageCommands.PromptAsync(inv, "WARNING! This will remove all stopped containers.").ConfigureAwait(false))
        {
            return 0;
        }

        // moby daemon/prune.go ContainersPrune: the stopped containers matching the filters, and their writable layers' bytes.
        var report = await inv.Engine.Containers.PruneAsync(inv.Flags.List("filter"), inv.CancellationToken).ConfigureAwait(false);
        if (report.ContainersDeleted.Count > 0)
        {
            inv.Out.WriteLine("Deleted Containers:\n" + string.Join("", report.ContainersDeleted.Select(d => d + "\n")));
        }

        inv.Out.WriteLine("Total reclaimed space: " + GoUnits.HumanSize(report.SpaceReclaimed));
        return 0;
    }

    /// <summary><c>docker info</c>: the counts docker info's template shows first (info.go prettyPrintServerInfo).</summary>
    public static Task<int> InfoAsync(CliInvocation inv)
    {
        var e = inv.Engine;
        var all = e.Containers.List(all: true);
        int running = all.Count(c => c.State.Status == ContainerStatus.Running);
        int paused = all.Count(c => c.State.Status == ContainerStatus.Paused);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        inv.Out.Write($"""
            Client:
             Version:    28.2.2
             Context:    default
             Debug Mode: false

            Server:
             Containers: {N(all.Count)}
              Running: {N(running)}
              Paused: {N(paused)}
              Stopped: {N(all.Count - running - paused)}
             Images: {N(e.Images.Count)}
             Server Version: 28.2.2
             Storage Driver: overlay2
             Logging Driver: json-file
             Cgroup Driver: systemd
             Cgroup Version: 2
             Default Runtime: runc
             Operating System: Docker Simulator
             OSType: linux
             Architecture: x86_64
             Docker Root Dir: /var/lib/docker
             Debug Mode: false
             Experimental: false
             Live Restore Enabled: false


            """);
        return Task.FromResult(0);
    }
}

/// <summary>A row of <c>docker system df</c> (formatter/disk_usage.go).</summary>
internal sealed record DiskUsageRow(string Type, string TotalCount, string Active, string Size, string Reclaimable)
{
    public static readonly IReadOnlyList<Column<DiskUsageRow>> Columns =
    [
        new("Type", "TYPE", x => x.Type),
        new("TotalCount", "TOTAL", x => x.TotalCount),
        new("Active", "ACTIVE", x => x.Active),
        new("Size", "SIZE", x => x.Size),
        new("Reclaimable", "RECLAIMABLE", x => x.Reclaimable),
    ];
}
