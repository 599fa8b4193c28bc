using Simulator.Containers;
using Simulator.Images;

namespace Simulator.Cli.Formatting;

/// <summary>A row of the classic <c>docker images</c> table as docker/cli's imageContext (cli/command/formatter/image.go).</summary>
[Templates.GoTypeName("*formatter.ImageContext")]
internal sealed class ImageContext(ImageListRow row, DateTimeOffset now, bool trunc)
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

    // docker images asks for neither shared sizes nor container counts (image/list.go ListOptions), so the daemon sends -1
    // and formatter/image.go prints N/A (real 28.2.2 client against dsim serve).
    public string SharedSize => "N/A";

    public string UniqueSize => "N/A";

    public string Containers => "N/A";

    public SortedDictionary<string, string> ToJson() => new(StringComparer.Ordinal)
    {
        ["Containers"] = Containers, ["CreatedAt"] = CreatedAt, ["CreatedSince"] = CreatedSince, ["Digest"] = Digest, ["ID"] = ID,
        ["Repository"] = Repository, ["SharedSize"] = SharedSize, ["Size"] = Size, ["Tag"] = Tag, ["UniqueSize"] = UniqueSize,
        ["VirtualSize"] = VirtualSize,
    };
}

/// <summary>The header row of <c>docker images</c> tables.</summary>
internal sealed class ImageHeader
{
    public string ID => "IMAGE ID";

    public string Repository => "REPOSITORY";

    public string Tag => "TAG";

    public string Digest => "DIGEST";

    public string CreatedSince => "CREATED";

    public string CreatedAt => "CREATED AT";

    public string Size => "SIZE";

    public string VirtualSize => "VIRTUAL SIZE";

    public string SharedSize => "SHARED SIZE";

    public string UniqueSize => "UNIQUE SIZE";

    public string Containers => "CONTAINERS";
}
