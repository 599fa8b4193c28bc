using Simulator.References;

namespace Simulator.Images;

/// <summary>What <c>docker image inspect</c> shows of a stored image (moby's <c>image.InspectResponse</c>): the image and its store metadata.</summary>
/// <param name="Image">The image (ID, config, layers, size).</param>
/// <param name="RepoTags">Familiar tagged references, sorted by their canonical form.</param>
/// <param name="RepoDigests">Familiar digested references, sorted by their canonical form.</param>
/// <param name="Parent">The local parent image's ID, or the empty digest.</param>
/// <param name="LastTagTime">When the image was last tagged (<c>Metadata.LastTagTime</c>), or <see langword="null"/>.</param>
public sealed record ImageInspectInfo(
    Image Image,
    IReadOnlyList<string> RepoTags,
    IReadOnlyList<string> RepoDigests,
    Digest Parent,
    DateTimeOffset? LastTagTime)
{
    /// <summary>The image ID (<c>Id</c>).</summary>
    public Digest Id => Image.Id;

    /// <summary>The image size in bytes (<c>Size</c>).</summary>
    public long Size => Image.Size;

    /// <summary>The run config (<c>Config</c>).</summary>
    public RunConfig Config => Image.Config.Config;
}
