using Simulator.References;

namespace Simulator.Registries;

/// <summary>The outcome of <see cref="RegistryClient.PushAsync"/>.</summary>
/// <param name="Reference">The tagged reference pushed, normalised (<c>localhost:5000/app:latest</c>).</param>
/// <param name="ImageId">The image ID pushed.</param>
/// <param name="ManifestDigest">The manifest digest (<c>latest: digest: sha256:... size: N</c>).</param>
/// <param name="ManifestSize">The manifest's length in bytes.</param>
/// <param name="Output">The lines <c>docker push</c> prints to stdout without a TTY, in order, without line ends.</param>
public sealed record PushResult(ImageReference Reference, Digest ImageId, Digest ManifestDigest, int ManifestSize, IReadOnlyList<string> Output);
