using Simulator.Volumes;

namespace Simulator.Cli.Formatting;

/// <summary>A row of <c>docker volume ls</c> as docker/cli's volumeContext (cli/command/formatter/volume.go).</summary>
internal sealed class VolumeContext(Volume v)
{
    public static readonly IReadOnlyList<Column<VolumeContext>> Columns =
    [
        new("Driver", "DRIVER", x => x.Driver),
        new("Name", "VOLUME NAME", x => x.Name),
    ];

    public static readonly IReadOnlyList<Column<VolumeContext>> QuietColumns = [Columns[1]];

    public static readonly IReadOnlyList<Column<VolumeContext>> AllColumns =
    [
        .. Columns,
        new("Scope", "SCOPE", x => x.Scope),
        new("Mountpoint", "MOUNTPOINT", x => x.Mountpoint),
        new("Labels", "LABELS", x => x.Labels),
        new("Links", "LINKS", x => x.Links),
        new("Size", "SIZE", x => x.Size),
    ];

    public string Name => v.Name;

    public string Driver => v.Driver;

    public string Scope => v.Scope;

    public string Mountpoint => v.Mountpoint;

    public string Labels => string.Join(",", v.Labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    public string Label(string name) => v.Labels.TryGetValue(name, out var s) ? s : "";

    public string Links => "N/A";

    public string Size => "N/A";

    public SortedDictionary<string, string> ToJson() => new(StringComparer.Ordinal)
    {
        ["Availability"] = "N/A", ["Driver"] = Driver, ["Group"] = "N/A", ["Labels"] = Labels, ["Links"] = Links, ["Mountpoint"] = Mountpoint,
        ["Name"] = Name, ["Scope"] = Scope, ["Size"] = Size, ["Status"] = "N/A",
    };
}
