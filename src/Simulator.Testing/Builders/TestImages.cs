using Simulator.FileSystem;
using Simulator.Images;
using Simulator.World;

namespace Simulator.Testing.Builders;

/// <summary>
/// Makes images for tests: <c>FROM scratch</c> plus files, or a stock image (or any image) plus <see cref="FsChange"/>
/// steps as one more layer; and stores them in an engine under a tag. For config (Cmd, Env, ports) use
/// <see cref="ImageBuilder"/> (<see cref="ImageBuilder.FromScratch"/>, <see cref="ImageBuilder.From"/>), which these wrap.
/// </summary>
/// <remarks>Images are immutable; the same inputs give the same image ID (times are the Unix epoch). Stateless and thread-safe.</remarks>
public static class TestImages
{
    /// <summary><c>FROM scratch</c> with the files (text, <c>0644</c>, root) in one layer, their parent directories included.</summary>
    /// <param name="files">Absolute path to text.</param>
    /// <returns>The image (not stored anywhere: see <see cref="AddImage"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="files"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">A path is not allowed in a layer.</exception>
    public static Image FromScratch(IEnumerable<KeyValuePair<string, string>> files) =>
        ImageBuilder.FromScratch().WithLayer(TestLayers.FromFiles(files), "COPY . / # buildkit").Build();

    /// <summary><paramref name="baseImage"/> plus one layer made by <paramref name="changes"/> (history <c>createdBy</c> says what made it).</summary>
    /// <param name="baseImage">The base image, e.g. <c>StockImages.Alpine.Image</c> or <c>engine.Images.Get("alpine")</c>.</param>
    /// <param name="createdBy">The new history entry's <c>created_by</c>, e.g. <c>RUN /bin/sh -c apk add curl</c>.</param>
    /// <param name="changes">The steps.</param>
    /// <returns>The image, with the base's config and history.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">A step failed against the base's tree.</exception>
    public static Image With(Image baseImage, string createdBy, params IEnumerable<FsChange> changes)
    {
        ArgumentNullException.ThrowIfNull(baseImage);
        ArgumentNullException.ThrowIfNull(createdBy);
        var layer = TestLayers.FromChanges(LayerStack.Create(baseImage.Layers), changes);
        return ImageBuilder.From(baseImage).WithLayer(layer, createdBy).Build();
    }

    /// <summary>A stock image plus one layer made by <paramref name="changes"/>.</summary>
    /// <param name="stock">The stock image, e.g. <see cref="StockImages.Alpine"/>.</param>
    /// <param name="createdBy">The new history entry's <c>created_by</c>.</param>
    /// <param name="changes">The steps.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">A step failed against the stock tree.</exception>
    public static Image With(StockImage stock, string createdBy, params IEnumerable<FsChange> changes)
    {
        ArgumentNullException.ThrowIfNull(stock);
        return With(stock.Image, createdBy, changes);
    }

    /// <summary>Stores an image in the engine and tags it, so <c>docker run</c> (and <c>ContainerConfig</c>) can name it.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="image">The image.</param>
    /// <param name="reference">The tag, e.g. <c>myapp:1.0</c> (<c>:latest</c> when it has none).</param>
    /// <returns>The stored image.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><paramref name="reference"/> is not a valid tag (<c>invalid reference format</c>) or has a digest; the image is then not stored.</exception>
    public static Image AddImage(this DockerSimulator engine, Image image, string reference)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(reference);
        // Check the tag first so a bad one leaves the store as it was (moby's tag checks, as IImageStore.Tag).
        if (References.ImageReference.Parse(reference).Digest is not null)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "refusing to create a tag with a digest reference");
        }

        var stored = engine.Images.Add(image);
        engine.Images.Tag(stored.Id.ToString(), reference);
        return stored;
    }
}
