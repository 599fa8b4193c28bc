namespace Simulator.Images;

/// <summary>What <c>docker image prune</c> did, as moby's <c>image.PruneReport</c>.</summary>
/// <param name="ImagesDeleted">Every <c>Untagged</c> and <c>Deleted</c> record, in the order they happened.</param>
/// <param name="SpaceReclaimed">The sum of the diff sizes of the layers deleted, in bytes (<see cref="Image.LayerSize"/>).</param>
public sealed record ImagePruneResult(IReadOnlyList<ImageDeleteRecord> ImagesDeleted, long SpaceReclaimed);
