namespace Simulator.Images;

/// <summary>
/// One row of the classic <c>docker images</c> table (docker/cli cli/command/formatter/image.go): one per
/// repository and tag, <c>&lt;none&gt;</c> for what is missing.
/// </summary>
/// <param name="Repository">The familiar repository name (<c>alpine</c>, <c>localhost:5000/app</c>) or <c>&lt;none&gt;</c>.</param>
/// <param name="Tag">The tag or <c>&lt;none&gt;</c>.</param>
/// <param name="Digest">The repository digest (<c>sha256:...</c>), <c>&lt;none&gt;</c>, or <c>""</c> for a digest-only row when digests are not shown.</param>
/// <param name="ImageId">The full image ID, <c>sha256:...</c> (the table shows its first 12 hex digits).</param>
/// <param name="Created">The image's creation time, or <see langword="null"/> (shown <c>N/A</c>).</param>
/// <param name="Size">The image size in bytes (<see cref="Image.Size"/>).</param>
public sealed record ImageListRow(string Repository, string Tag, string Digest, string ImageId, DateTimeOffset? Created, long Size);
