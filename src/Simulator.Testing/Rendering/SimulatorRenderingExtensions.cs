using Simulator.FileSystem;

namespace Simulator.Testing.Rendering;

/// <summary>The renderers as calls on a <see cref="DockerSimulator"/>, by container name, image reference or volume name.</summary>
/// <remarks>Thread-safe as the stores are.</remarks>
public static class SimulatorRenderingExtensions
{
    /// <summary>Renders a container's root filesystem as its processes see it (volumes and binds included), as <see cref="FileTreeRenderer.Render(UnionFileSystem, TreeRenderOptions?)"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="container">A container name, full ID or unique ID prefix.</param>
    /// <param name="options">What to show; <see cref="TreeRenderOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="container"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">No such container (<c>No such container: x</c>).</exception>
    /// <exception cref="FileSystemException"><see cref="TreeRenderOptions.Root"/> does not exist.</exception>
    public static string RenderContainerTree(this DockerSimulator engine, string container, TreeRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(container);
        return FileTreeRenderer.Render(engine.Containers.GetRootFileSystem(container), options);
    }

    /// <summary>Renders an image's root filesystem.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="image">A reference (<c>alpine</c>) or image ID.</param>
    /// <param name="options">What to show; <see cref="TreeRenderOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="image"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">No such image (<c>No such image: x:latest</c>).</exception>
    /// <exception cref="FileSystemException"><see cref="TreeRenderOptions.Root"/> does not exist.</exception>
    public static string RenderImageTree(this DockerSimulator engine, string image, TreeRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(image);
        return FileTreeRenderer.Render(engine.Images.Get(image), options);
    }

    /// <summary>Renders a volume's content.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="volume">The volume's name.</param>
    /// <param name="options">What to show; <see cref="TreeRenderOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="volume"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">No such volume.</exception>
    /// <exception cref="FileSystemException"><see cref="TreeRenderOptions.Root"/> does not exist.</exception>
    public static string RenderVolumeTree(this DockerSimulator engine, string volume, TreeRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(volume);
        return FileTreeRenderer.Render(engine.Volumes.Get(volume), options);
    }

    /// <summary>Renders a container's <c>docker diff</c>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="container">A container name, full ID or unique ID prefix.</param>
    /// <returns>The lines (<c>A /foo</c>), sorted by path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="container"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">No such container.</exception>
    public static string RenderChanges(this DockerSimulator engine, string container)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(container);
        return ChangesRenderer.Render(engine.Containers.Diff(container));
    }

    /// <summary>Renders an image's config, layers and history, as <see cref="ImageRenderer.Render"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="image">A reference or image ID.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="image"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">No such image.</exception>
    public static string RenderImage(this DockerSimulator engine, string image)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(image);
        return ImageRenderer.Render(engine.Images.Get(image));
    }

    /// <summary>Renders the engine's containers, images and volumes, as <see cref="EngineStateRenderer.Render"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="options">ID masking and time format; <see cref="StateRenderOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    public static string RenderState(this DockerSimulator engine, StateRenderOptions? options = null) => EngineStateRenderer.Render(engine, options);
}
