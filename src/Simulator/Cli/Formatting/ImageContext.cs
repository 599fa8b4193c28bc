using Simulator.Containers;
using Simulator.Images;

namespace Simulator.Cli.Formatting;

/// <summary>A row of the classic <c>docker images</c> table as docker/cli's imageContext (cli/command/formatter/image.go).</summary>
internal sealed class ImageContext(ImageListRow row, ImageSummary summary, DateTimeOffset now, bool trunc)
{
    public static readonly IReadOnlyList<Column<ImageContext>> Columns =
    [
        new("Repository", "REPOSITORY", x => x.Repository),
        new("Tag", "TAG", x => x.Tag),
        new("ID", "IMAGE ID", x => x.ID),
        new("CreatedSince", "CREATED", x => x.CreatedSince),
        new("Size", "SIZE", x => x.Size),
    ];

    public static readonly IReadOnlyList<Column<ImageContext>> DigestColumns =
    [
        Columns[0], Columns[1], new("Digest", "DIGEST", x => x.Digest), Columns[2], Columns[3], Columns[4],
    ];

    public static readonly IReadOnlyList<Column<ImageContext>> AllColumns =
    [
        .. DigestColumns,
        new("CreatedAt", "CREATED AT", x => x.CreatedAt),
        new("Containers", "CONTAINERS", x => x.Containers),
        new("VirtualSize", "VIRTUAL SIZE", x => x.VirtualSize),
        new("SharedSize", "SHARED SIZE", x => x.SharedSize),
        new("UniqueSize", "UNIQUE SIZE", x => x.UniqueSize),
    ];

    public string ID => trunc ? Text.ShortId(row.ImageId) : row.ImageId;

    public string Repository => row.Repository;

    public string Tag => row.Tag;

    public string Digest => row.Digest;

    public string CreatedSince => row.Created is { } t && t.Year > 1 ? HumanDuration.Ago(now - t) : "N/A";

    public string CreatedAt => row.Created is { } t ? Text.GoTime(t) : "";

    public string Size => Text.Size(row.Size);

    public string VirtualSize => Text.Size(row.Size);

    public string SharedSize => summary.SharedSize < 0 ? "N/A" : Text.Size(summary.SharedSize);

    public string UniqueSize => Text.Size(summary.UniqueSize);

    public string Containers => summary.Containers < 0 ? "N/A" : summary.Containers.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public SortedDictionary<string, string> ToJson() => new(StringComparer.Ordinal)
    {
        ["Containers"] = Containers, ["CreatedAt"] = CreatedAt, ["CreatedSince"] = CreatedSince, ["Digest"] = Digest, ["ID"] = ID,
        ["Repository"] = Repository, ["SharedSize"] = SharedSize, ["Size"] = Size, ["Tag"] = Tag, ["UniqueSize"] = UniqueSize,
        ["VirtualSize"] = VirtualSize,
    };
}
