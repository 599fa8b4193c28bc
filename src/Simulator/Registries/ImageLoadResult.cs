using Simulator.References;

namespace Simulator.Registries;

/// <summary>The outcome of <see cref="ImageArchive.Load"/>.</summary>
/// <param name="ImageIds">The IDs of the images in the archive, in archive order.</param>
/// <param name="Output">
/// The lines <c>docker load</c> prints: <c>Loaded image: alpine:latest</c> per tag (after <c>The image alpine:latest already
/// exists, renaming the old one with ID sha256:... to empty string</c> when the tag moves), or <c>Loaded image ID: sha256:...</c>
/// per image when the last image in the archive has no tags (moby's tarexport prints them then).
/// </param>
public sealed record ImageLoadResult(IReadOnlyList<Digest> ImageIds, IReadOnlyList<string> Output);
