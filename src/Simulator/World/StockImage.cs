using Simulator.Images;

namespace Simulator.World;

/// <summary>
/// One stock image of the default world: its Docker Hub repository, its tags and the image, built on first use.
/// </summary>
/// <remarks>
/// Immutable and thread-safe: <see cref="Image"/> is built once per process (the first caller builds it, others wait)
/// and then shared by every world, registry and engine, which only hold references to its layers.
/// </remarks>
public sealed class StockImage
{
    private readonly Lazy<Image> _image;

    internal StockImage(string repository, IReadOnlyList<string> tags, long documentedSize, Func<Image> build)
    {
        Repository = repository;
        Tags = tags;
        DocumentedSize = documentedSize;
        _image = new Lazy<Image>(build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The repository path on Docker Hub: <c>library/alpine</c>.</summary>
    public string Repository { get; }

    /// <summary>The tags that name this image: <c>latest</c> (or <c>alpine</c> for <c>nginx:alpine</c>) and a version tag.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>
    /// The size in bytes <c>docker images</c> shows for the real image this one models (Docker 28, classic store,
    /// linux/amd64), which <see cref="Images.Image.Size"/> matches within a few per cent. See <see cref="StockImages"/> for
    /// the versions and where the numbers come from.
    /// </summary>
    public long DocumentedSize { get; }

    /// <summary>The image; built on first access (for <c>nginx</c> and <c>postgres</c> that hashes their synthetic
    /// hundreds of megabytes once, well under a second each).</summary>
    public Image Image => _image.Value;

    /// <summary>The familiar name of the first tag: <c>alpine:latest</c>, <c>nginx:alpine</c>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => (Repository.StartsWith("library/", StringComparison.Ordinal) ? Repository["library/".Length..] : Repository) + ":" + Tags[0];
}
