namespace Simulator.Images;

/// <summary>
/// One entry of an image config's <c>history</c> (image-spec config.md, <c>specs-go/v1</c> <c>History</c>):
/// the step that made a layer, or an empty step (<c>ENV</c>, <c>CMD</c>, ...) that made none.
/// </summary>
/// <remarks>
/// JSON members, in this order and omitted when empty: <c>created</c>, <c>created_by</c>, <c>author</c>,
/// <c>comment</c>, <c>empty_layer</c>. Every entry with <see cref="EmptyLayer"/> <see langword="false"/>
/// corresponds, in order, to one of the config's <c>rootfs.diff_ids</c>. Immutable and thread-safe.
/// </remarks>
public sealed record HistoryEntry
{
    /// <summary>When the step ran; <see langword="null"/> (the default) omits it.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The command of the step, e.g. <c>/bin/sh -c #(nop)  CMD ["sh"]</c>; <c>""</c> by default.</summary>
    public string CreatedBy { get; init; } = "";

    /// <summary>The author of the step; <c>""</c> by default.</summary>
    public string Author { get; init; } = "";

    /// <summary>A free comment; <c>""</c> by default.</summary>
    public string Comment { get; init; } = "";

    /// <summary>Whether the step made no layer; <see langword="false"/> by default.</summary>
    public bool EmptyLayer { get; init; }
}
