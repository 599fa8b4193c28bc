namespace Simulator.Images;

/// <summary>
/// One line of what <c>docker rmi</c> and <c>docker image prune</c> did, as moby's <c>image.DeleteResponse</c>:
/// exactly one of <see cref="Untagged"/> (a familiar reference, <c>foo:latest</c>) and <see cref="Deleted"/>
/// (an image ID or a removed layer's ChainID, <c>sha256:...</c>) is set.
/// </summary>
/// <param name="Untagged">The reference removed, or <see langword="null"/>.</param>
/// <param name="Deleted">The image ID or layer ChainID deleted, or <see langword="null"/>.</param>
public sealed record ImageDeleteRecord(string? Untagged, string? Deleted)
{
    /// <summary>An <c>Untagged</c> record.</summary>
    /// <param name="reference">The familiar reference.</param>
    /// <returns>The record.</returns>
    public static ImageDeleteRecord ForUntagged(string reference) => new(reference, null);

    /// <summary>A <c>Deleted</c> record.</summary>
    /// <param name="id">The image ID or ChainID.</param>
    /// <returns>The record.</returns>
    public static ImageDeleteRecord ForDeleted(string id) => new(null, id);

    /// <summary>The line the docker CLI prints for it: <c>Untagged: foo:latest</c> or <c>Deleted: sha256:...</c>.</summary>
    /// <returns>The line, without a newline.</returns>
    public override string ToString() => Untagged is not null ? "Untagged: " + Untagged : "Deleted: " + Deleted;
}
