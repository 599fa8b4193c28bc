using System.Globalization;
using System.Text;
using Simulator.Cli.CommandLine;
using Simulator.Cli.Formatting;
using Simulator.Cli.Templates;
using Simulator.Containers;
using Simulator.Volumes;

namespace Simulator.Cli.Commands;

/// <summary><c>docker version</c>, <c>info</c> and the other system commands.</summary>
internal static class SystemCommands
{
    /// <summary>
    /// <c>docker version</c>: docker/cli v28.2.2 cli/command/system/version.go's template. The Client part is what the real
    /// docker 28.2.2 binary prints (no daemon needed); the Server part is what it prints for the engine's <c>GET /version</c>
    /// (EngineApi's document, checked against <c>dsim serve</c>).
    /// </summary>
    public static Task<int> VersionAsync(CliInvocation inv)
    {
        var format = inv.Flags.String("format");
        if (!string.IsNullOrEmpty(format))
        {
            return FormatVersion(inv, format == "json" ? "{{json .}}" : format);
        }

        inv.Out.Write(DefaultVersionText);
        return Task.FromResult(0);
    }

    /// <summary>
    /// <c>docker version --format</c>: the template runs over the <c>versionInfo</c> document the real 28.2.2 client marshals
    /// for <c>{{json .}}</c> (captured against <c>dsim serve</c>); a parse error exits 64 (<c>template parsing error: ...</c>),
    /// an execution error prints a newline and exits 1, as version.go's prettyPrintVersion. The template is Go's
    /// <c>version</c> template; fields resolve by their JSON names (<c>.Client.ApiVersion</c> where Go names it APIVersion).
    /// </summary>
    private static Task<int> FormatVersion(CliInvocation inv, string format)
    {
        GoTemplate template;
        try
        {
            template = GoTemplate.Parse(format);
        }
        catch (GoTemplateException ex)
        {
            throw new CliError("template parsing error: " + Rename(ex.Message), 64);
        }

        var doc = System.Text.Json.Nodes.JsonNode.Parse(VersionJson)!;
        try
        {
            inv.Out.Write(template.ExecuteInspect(doc) + "\n");
        }
        catch (GoTemplateException ex)
        {
            inv.Out.Write("\n");
            throw new CliError(Rename(ex.Message));
        }

        return Task.FromResult(0);

        static string Rename(string message) =>
            message.Replace("template: :", "template: version:", StringComparison.Ordinal).Replace("executing \"\"", "executing \"version\"", StringComparison.Ordinal);
    }

    /// <summary>The real 28.2.2 client's <c>docker version --format '{{json .}}'</c> against the simulated engine.</summary>
    private const string VersionJson = """
        {"Client":{"Version":"28.2.2","ApiVersion":"1.50","DefaultAPIVersion":"1.50","GitCommit":"e6534b4","GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","BuildTime":"Fri May 30 12:07:14 2025","Context":"default"},"Server":{"Platform":{"Name":"Docker Engine - Community"},"Components":[{"Name":"Engine","Version":"28.2.2","Details":{"ApiVersion":"1.50","Arch":"amd64","BuildTime":"Fri May 30 12:07:26 2025","Experimental":"false","GitCommit":"45873be","GoVersion":"go1.24.3","KernelVersion":"6.10.14-linuxkit","MinAPIVersion":"1.24","Os":"linux"}},{"Name":"containerd","Version":"1.7.27","Details":{"GitCommit":"05044ec0a9a75232cad458027ca83437aae3f4da"}},{"Name":"runc","Version":"1.2.5","Details":{"GitCommit":"v1.2.5-0-g59923ef"}},{"Name":"docker-init","Version":"0.19.0","Details":{"GitCommit":"de40ad0"}}],"Version":"28.2.2","ApiVersion":"1.50","MinAPIVersion":"1.24","GitCommit":"45873be","GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","KernelVersion":"6.10.14-linuxkit","BuildTime":"2025-05-30T12:07:26.000000000+00:00"}}
        """;

    /// <summary>version.go's default template as the real client prints it for the simulated engine.</summary>
    private const string DefaultVersionText = """
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

            """;

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

    /// <summary><c>docker container prune</c> (container/prune.go): removes every stopped container matching <c>--filter</c>.</summary>
    public static async Task<int> ContainerPruneAsync(CliInvocation inv)
    {
        if (!inv.Flags.Bool("force") && !await ImageCommands.PromptAsync(inv, "WARNING! This will remove all stopped containers.").ConfigureAwait(false))
        {
            return 0;
        }

        var result = await inv.Engine.Containers.PruneAsync(inv.Flags.List("filter"), inv.CancellationToken).ConfigureAwait(false);
        if (result.ContainersDeleted.Count > 0)
        {
            inv.Out.WriteLine("Deleted Containers:\n" + string.Join("", result.ContainersDeleted.Select(d => d + "\n")));
        }

        inv.Out.WriteLine("Total reclaimed space: " + GoUnits.HumanSize(result.SpaceReclaimed));
        return 0;
    }

    /// <summary>
    /// <c>docker info</c>: docker/cli v28.2.2 cli/command/system/info.go (<c>prettyPrintClientInfo</c>, <c>prettyPrintServerInfo</c>)
    /// rendering the engine's <c>GET /info</c> (EngineApi's document: same counts, drivers, plugins, IDs); checked line for
    /// line against the real docker 28.2.2 client talking to <c>dsim serve</c>.
    /// </summary>
    public static Task<int> InfoAsync(CliInvocation inv)
    {
        var e = inv.Engine;
        var all = e.Containers.List(all: true);
        int running = all.Count(c => c.State.Status is ContainerStatus.Running or ContainerStatus.Restarting);
        int paused = all.Count(c => c.State.Status == ContainerStatus.Paused);
        int stopped = all.Count(c => !c.State.Running);
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
              Stopped: {N(stopped)}
             Images: {N(e.Images.Count)}
             Server Version: 28.2.2
             Storage Driver: overlay2
              Backing Filesystem: extfs
              Supports d_type: true
              Using metacopy: false
              Native Overlay Diff: true
              userxattr: false
             Logging Driver: json-file
             Cgroup Driver: cgroupfs
             Cgroup Version: 2
             Plugins:
              Volume: local
              Network: bridge host ipvlan macvlan null overlay
              Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog
             Swarm: inactive
             Runtimes: io.containerd.runc.v2 runc
             Default Runtime: runc
             Init Binary: docker-init
             containerd version: 05044ec0a9a75232cad458027ca83437aae3f4da
             runc version: v1.2.5-0-g59923ef
             init version: de40ad0
             Security Options:
              seccomp
               Profile: builtin
              cgroupns
             Kernel Version: 6.10.14-linuxkit
             Operating System: Docker Simulator
             OSType: linux
             Architecture: x86_64
             CPUs: 2
             Total Memory: 7.653GiB
             Name: docker-simulator
             ID: SIMU:LATO:RDOC:KERE:NGIN:E000:0000:0000:0000:0000:0000:0000
             Docker Root Dir: /var/lib/docker
             Debug Mode: false
             Experimental: false
             Insecure Registries:
              ::1/128
              127.0.0.0/8
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
