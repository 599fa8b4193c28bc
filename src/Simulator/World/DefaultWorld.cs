using Simulator.Content;
using Simulator.Registries;

namespace Simulator.World;

/// <summary>
/// The embedded default world, in which <c>docker pull alpine</c> (and <c>docker run alpine ...</c>) just works: a
/// <see cref="RegistryWorld"/> whose Docker Hub serves the <see cref="StockImages"/> under their <c>library/</c>
/// repositories.
/// </summary>
/// <remarks>
/// <para>
/// <b>Lazily stored, cheaply created.</b> Stocking a registry writes nothing: the registry lists the stock repositories
/// and tags at once, and stores an image's blobs (layer tars, config, manifest) in its world's content store on the
/// first lookup of one of its tags (a pull, <see cref="Registry.TryGetManifest"/>). Creating a world therefore costs
/// microseconds whatever the stock; the images themselves are built once per process and shared.
/// </para>
/// <para>
/// <b>Memory.</b> Layer blobs are uncompressed tars; those of 1 MiB or more (every stock base and program layer) are
/// stored in an <see cref="InMemoryContentStore"/> as blobs generated from the shared layer when read, so the first
/// pull of nginx (192 MB) or postgres (435 MB) into a new world allocates about 0.2 MB and takes milliseconds; the bytes
/// are only generated for code that reads the blob (<c>docker save</c>, a registry served over HTTP), transiently. Over
/// another <see cref="IContentStore"/> the tars are written as bytes, once per store. The images' file contents stay
/// synthetic (no bytes) in the layers themselves.
/// </para>
/// <para>
/// A repository or tag a test stores itself (<see cref="Registry.Put"/>) takes precedence: the stock image is only
/// provided for a tag the registry does not have. Thread-safe.
/// </para>
/// </remarks>
public static class DefaultWorld
{
    /// <summary>A new world over <paramref name="content"/> whose Docker Hub serves the stock images.</summary>
    /// <param name="content">The content store shared with the engine's image store.</param>
    /// <returns>The world.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is <see langword="null"/>.</exception>
    public static RegistryWorld Create(IContentStore content)
    {
        var world = new RegistryWorld(content);
        Stock(world.DockerHub);
        return world;
    }

    /// <summary>Makes a registry serve the stock images (normally Docker Hub; any registry may), stored on first lookup.
    /// Calling it again does nothing.</summary>
    /// <param name="registry">The registry.</param>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is <see langword="null"/>.</exception>
    public static void Stock(Registry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddSource(StockSource.Instance);
    }
}
