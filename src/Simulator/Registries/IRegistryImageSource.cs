using Simulator.Images;
using Simulator.References;

namespace Simulator.Registries;

/// <summary>
/// Images a registry stores only when first asked for (the default world's stock images): a repository's manifest,
/// config and layer blobs are written on the first lookup of one of its tags, so a world that never pulls
/// <c>postgres</c> never holds its layers. Implementations are thread-safe and deterministic.
/// </summary>
internal interface IRegistryImageSource
{
    /// <summary>The repository paths the source knows (<c>library/alpine</c>).</summary>
    IEnumerable<string> Repositories { get; }

    /// <summary>A repository's tags; empty when unknown.</summary>
    IEnumerable<string> Tags(string path);

    /// <summary>The image a tag names, or <see langword="null"/>.</summary>
    Image? Find(string path, string tag);
}
