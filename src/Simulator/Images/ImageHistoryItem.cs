namespace Simulator.Images;

/// <summary>One row of <c>docker history</c>, as moby's <c>image.HistoryResponseItem</c> (newest first).</summary>
/// <param name="Id">The image ID (<c>sha256:...</c>) for the image's own top row and its local parents' rows, otherwise <c>&lt;missing&gt;</c>.</param>
/// <param name="Created">The history entry's time, or <see langword="null"/> when it has none.</param>
/// <param name="CreatedBy">The step's command.</param>
/// <param name="Comment">The step's comment.</param>
/// <param name="Size">The diff size of the layer the step made (<see cref="Image.LayerSize"/>); 0 for an empty layer.</param>
/// <param name="Tags">The familiar tagged references of the row's image (<c>foo:latest</c>), sorted; empty for <c>&lt;missing&gt;</c> rows.</param>
public sealed record ImageHistoryItem(
    string Id,
    DateTimeOffset? Created,
    string CreatedBy,
    string Comment,
    long Size,
    IReadOnlyList<string> Tags);
