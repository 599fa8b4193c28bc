using Simulator.References;

namespace Simulator.Registries;

/// <summary>The outcome of <see cref="RegistryClient.PullAsync"/>.</summary>
/// <param name="Reference">The reference pulled, normalised (<c>docker.io/library/alpine:latest</c>, or with a digest).</param>
/// <param name="ImageId">The image ID.</param>
/// <param name="ManifestDigest">The manifest digest (<c>Digest: sha256:...</c>).</param>
/// <param name="Downloaded">
/// Whether the pull changed something (<c>Status: Downloaded newer image for ...</c>): the image was new or the
/// reference pointed elsewhere before; <see langword="false"/> for <c>Status: Image is up to date for ...</c>.
/// </param>
/// <param name="Output">The lines <c>docker pull</c> prints to stdout without a TTY, in order, without line ends.</param>
public sealed record PullResult(ImageReference Reference, Digest ImageId, Digest ManifestDigest, bool Downloaded, IReadOnlyList<string> Output);
