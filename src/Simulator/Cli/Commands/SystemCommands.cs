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
        var containers = e.Containers.List(all: true);
        var volumes = e.Volumes.List();
        long volumesTotal = volumes.Sum(v => v.ContentSize());
        long volumesReclaimable = volumes.Where(v => !e.Volumes.IsInUse(v.Name)).Sum(v => v.ContentSize());

        static string Reclaim(long reclaimable, long total) =>
            total > 0 ? $"{GoUnits.HumanSize(reclaimable)} ({reclaimable * 100 / total}%)" : GoUnits.HumanSize(reclaimable);

        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder("TYPE\tTOTAL\tACTIVE\tSIZE\tRECLAIMABLE\n");
        sb.Append(CultureInfo.InvariantCulture, $"Images\t{N(images.Count)}\t{N(images.Count(s => s.Containers > 0))}\t{GoUnits.HumanSize(imagesTotal)}\t{Reclaim(imagesTotal - used, imagesTotal)}\n");
        int active = containers.Count(c => c.State.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting);
        sb.Append(CultureInfo.InvariantCulture, $"Containers\t{N(containers.Count)}\t{N(active)}\t0B\t0B\n");
        sb.Append(CultureInfo.InvariantCulture, $"Local Volumes\t{N(volumes.Count)}\t{N(volumes.Count(v => e.Volumes.IsInUse(v.Name)))}\t{GoUnits.HumanSize(volumesTotal)}\t{Reclaim(volumesReclaimable, volumesTotal)}\n");
        sb.Append("Build Cache\t0\t0\t0B\t0B\n");
        inv.Out.Write(TabWriter.Format(sb.ToString()));
        return Task.FromResult(0);
    }

    /// <summary><c>docker container prune</c> (container/prune.go): removes every stopped container.</summary>
    public static async Task<int> ContainerPruneAsync(CliInvocation inv)
    {
        if (!inv.Flags.Bool("force") && !await ImageCommands.PromptAsync(inv, "WARNING! This will remove all stopped containers.").ConfigureAwait(false))
        {
            return 0;
        }

        var deleted = new List<string>();
        foreach (var c in inv.Engine.Containers.List(all: true))
        {
            if (c.State.Status is ContainerStatus.Created or ContainerStatus.Exited or ContainerStatus.Dead)
            {
                await inv.Engine.Containers.RemoveAsync(c.Id, force: false, removeVolumes: false, inv.CancellationToken).ConfigureAwait(false);
                deleted.Add(c.Id);
            }
        }

        if (deleted.Count > 0)
        {
            inv.Out.WriteLine("Deleted Containers:\n" + string.Join("", deleted.Select(d => d + "\n")));
        }

        inv.Out.WriteLine("Total reclaimed space: 0B");
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
