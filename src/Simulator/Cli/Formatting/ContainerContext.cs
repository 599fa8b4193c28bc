using Simulator.Containers;
using Simulator.Networking;

namespace Simulator.Cli.Formatting;

/// <summary>
/// A row of <c>docker ps</c> as docker/cli's containerContext (cli/command/formatter/container.go) shows it to templates:
/// Go-named fields, truncated unless <c>--no-trunc</c>.
/// </summary>
[Templates.GoTypeName("*formatter.ContainerContext")]
internal sealed class ContainerContext(Container c, DateTimeOffset now, bool trunc)
{
    /// <summary>An empty row, as docker/cli's list.go runs the template on before asking the daemon.</summary>
    public static ContainerContext Empty(DateTimeOffset now) => new(new Container
    {
        Id = "", Name = "", Created = now, ImageId = default, ImageName = "", Path = "", Args = [], Config = new ContainerConfig(""),
        HostConfig = new HostConfig(), State = new ContainerState(), Status = "", CreatedText = "",
    }, now, true);

    /// <summary>The default table columns (container.go defaultContainerTableFormat, header map).</summary>
    public static readonly IReadOnlyList<Column<ContainerContext>> Columns =
    [
        new("ID", "CONTAINER ID", x => x.ID),
        new("Image", "IMAGE", x => x.Image),
        new("Command", "COMMAND", x => x.Command),
        new("RunningFor", "CREATED", x => x.RunningFor),
        new("Status", "STATUS", x => x.Status),
        new("Ports", "PORTS", x => x.Ports),
        new("Names", "NAMES", x => x.Names),
    ];

    /// <summary>The header map for <c>table</c> templates.</summary>
    public static readonly IReadOnlyList<Column<ContainerContext>> AllColumns =
    [
        .. Columns,
        new("CreatedAt", "CREATED AT", x => x.CreatedAt),
        new("Size", "SIZE", x => x.Size),
        new("Labels", "LABELS", x => x.Labels),
        new("Mounts", "MOUNTS", x => x.Mounts),
        new("Networks", "NETWORKS", x => x.Networks),
        new("LocalVolumes", "LOCAL VOLUMES", x => x.LocalVolumes),
        new("State", "STATE", x => x.State),
    ];

    public string ID => trunc ? Text.ShortId(c.Id) : c.Id;

    public string Names => c.Name.TrimStart('/');

    public string Image
    {
        get
        {
            var image = c.ImageName;
            if (string.IsNullOrEmpty(image))
            {
                return "<no image>";
            }

            if (trunc && image.StartsWith("sha256:", StringComparison.Ordinal))
            {
                return Text.ShortId(image);
            }

            int at = image.IndexOf('@', StringComparison.Ordinal);
            return trunc && at > 0 ? image[..at] : image;
        }
    }

    public string Command => Text.GoQuote(trunc ? Text.Ellipsis(c.Command, 20) : c.Command);

    public string CreatedAt => Text.GoTime(c.Created);

    public string RunningFor => HumanDuration.Ago(now - c.Created);

    public string Ports => PortsColumn.Format(c.NetworkSettings.ToContainerPorts());

    public string Status => c.Status;

    public string State => c.State.Status.ToString().ToLowerInvariant();

    /// <summary>container.go Size: <c>2B (virtual 7.8MB)</c>; just the writable size when SizeRootFs is 0 (not asked for).</summary>
    public string Size => c.SizeRootFs is > 0 ? $"{Text.Size(c.SizeRw ?? 0)} (virtual {Text.Size(c.SizeRootFs.Value)})" : Text.Size(c.SizeRw ?? 0);

    public string Labels => string.Join(",", c.Config.Labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    public string Label(string name) => c.Config.Labels.TryGetValue(name, out var v) ? v : "";

    public string Mounts => string.Join(",", c.Mounts.Select(m =>
    {
        var name = string.IsNullOrEmpty(m.Name) ? m.Source : m.Name;
        return trunc ? Text.Ellipsis(name, 15) : name;
    }));

    public string Networks => "bridge";

    public string LocalVolumes => c.Mounts.Count(m => m.Type == Volumes.MountType.Volume).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>json</c> format's object (docker/cli marshals every field as a string, keys sorted).</summary>
    /// <remarks><c>Platform</c> is the image manifest's platform (API 1.46+), not recorded by the simulator: <c>null</c>.</remarks>
    public SortedDictionary<string, string?> ToJson() => new(StringComparer.Ordinal)
    {
        ["Command"] = Command, ["CreatedAt"] = CreatedAt, ["ID"] = ID, ["Image"] = Image, ["Labels"] = Labels,
        ["LocalVolumes"] = LocalVolumes, ["Mounts"] = Mounts, ["Names"] = Names, ["Networks"] = Networks, ["Platform"] = null, ["Ports"] = Ports,
        ["RunningFor"] = RunningFor, ["Size"] = Size, ["State"] = State, ["Status"] = Status,
    };
}

/// <summary>The header row of <c>docker ps</c> tables: each field gives its column title (container.go header map; <c>.Label "a.b-c"</c> gives <c>b c</c>).</summary>
internal sealed class ContainerHeader
{
    public string ID => "CONTAINER ID";

    public string Names => "NAMES";

    public string Image => "IMAGE";

    public string Command => "COMMAND";

    public string CreatedAt => "CREATED AT";

    public string RunningFor => "CREATED";

    public string Ports => "PORTS";

    public string Status => "STATUS";

    public string State => "STATE";

    public string Size => "SIZE";

    public string Labels => "LABELS";

    public string Mounts => "MOUNTS";

    public string Networks => "NETWORKS";

    public string LocalVolumes => "LOCAL VOLUMES";

    public string Label(string name) => HeaderText.Label(name);
}

/// <summary>Header helpers.</summary>
internal static class HeaderText
{
    /// <summary>docker/cli container.go Label: the last dot-separated part, <c>-</c> and <c>_</c> as spaces.</summary>
    public static string Label(string name)
    {
        var parts = name.Split('.');
        return parts[^1].Replace('-', ' ').Replace('_', ' ');
    }
}
