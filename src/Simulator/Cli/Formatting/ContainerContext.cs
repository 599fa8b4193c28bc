using Simulator.Containers;
using Simulator.Networking;

namespace Simulator.Cli.Formatting;

/// <summary>
/// A row of <c>docker ps</c> as docker/cli's containerContext (cli/command/formatter/container.go) shows it to templates:
/// Go-named fields, truncated unless <c>--no-trunc</c>.
/// </summary>
internal sealed class ContainerContext(Container c, DateTimeOffset now, bool trunc)
{
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

    public string Size => "0B";

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
    public SortedDictionary<string, string> ToJson() => new(StringComparer.Ordinal)
    {
        ["Command"] = Command, ["CreatedAt"] = CreatedAt, ["ID"] = ID, ["Image"] = Image, ["Labels"] = Labels,
        ["LocalVolumes"] = LocalVolumes, ["Mounts"] = Mounts, ["Names"] = Names, ["Networks"] = Networks, ["Ports"] = Ports,
        ["RunningFor"] = RunningFor, ["Size"] = Size, ["State"] = State, ["Status"] = Status,
    };
}
