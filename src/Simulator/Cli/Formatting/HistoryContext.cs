using Simulator.Containers;
using Simulator.Images;

namespace Simulator.Cli.Formatting;

/// <summary>A row of <c>docker history</c> as docker/cli's historyContext (cli/command/image/formatter_history.go).</summary>
internal sealed class HistoryContext(ImageHistoryItem h, DateTimeOffset now, bool trunc, bool human)
{
    public static readonly IReadOnlyList<Column<HistoryContext>> Columns =
    [
        new("ID", "IMAGE", x => x.ID),
        new("CreatedSince", "CREATED", x => x.CreatedSince),
        new("CreatedBy", "CREATED BY", x => x.CreatedBy),
        new("Size", "SIZE", x => x.Size),
        new("Comment", "COMMENT", x => x.Comment),
    ];

    public static readonly IReadOnlyList<Column<HistoryContext>> AllColumns = [.. Columns, new("CreatedAt", "CREATED AT", x => x.CreatedAt)];

    public string ID => h.Id is "<missing>" or "" ? "<missing>" : trunc ? Text.ShortId(h.Id) : h.Id;

    public string CreatedAt => h.Created is { } t ? (human ? Text.GoTime(t) : Text.Rfc3339Nano(t)) : "";

    public string CreatedSince
    {
        get
        {
            if (!human)
            {
                return CreatedAt;
            }

            return h.Created is { } t && t.Year >= 2000 ? HumanDuration.Ago(now - t) : "N/A";
        }
    }

    public string CreatedBy
    {
        get
        {
            var s = h.CreatedBy.Replace("\t", " ", StringComparison.Ordinal);
            return trunc ? Text.Ellipsis(s, 45) : s;
        }
    }

    public string Size => human ? Text.Size(h.Size) : h.Size.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Comment => h.Comment;

    public SortedDictionary<string, string> ToJson() => new(StringComparer.Ordinal)
    {
        ["Comment"] = Comment, ["CreatedAt"] = CreatedAt, ["CreatedBy"] = CreatedBy, ["CreatedSince"] = CreatedSince, ["ID"] = ID, ["Size"] = Size,
    };
}
