using Simulator.FileSystem;

namespace Simulator.Volumes;

/// <summary>Everything that decides a new container's mounts, the input of <see cref="MountResolver.Resolve"/>.</summary>
/// <remarks>Immutable; lists default to empty.</remarks>
public sealed record MountRequest
{
    /// <summary>Mount points the container has already (moby's step 1; empty for a new container).</summary>
    public IReadOnlyList<MountPoint> Existing { get; init; } = [];

    /// <summary>Each <c>--volumes-from</c>, in command-line order, with the source container's mount points.</summary>
    public IReadOnlyList<VolumesFromSource> VolumesFrom { get; init; } = [];

    /// <summary>Each <c>-v</c>, in order (from <see cref="MountSpecParser.ParseVolume"/>): binds, named and anonymous volumes.</summary>
    public IReadOnlyList<MountSpec> Volumes { get; init; } = [];

    /// <summary>Each <c>--mount</c>, in order (from <see cref="MountSpecParser.ParseMount"/>).</summary>
    public IReadOnlyList<MountSpec> Mounts { get; init; } = [];

    /// <summary>Each <c>--tmpfs</c> (from <see cref="MountSpecParser.ParseTmpfs"/>); a later one at the same destination replaces an earlier one.</summary>
    public IReadOnlyList<MountSpec> Tmpfs { get; init; } = [];

    /// <summary>The image config's <c>Volumes</c> paths (<c>VOLUME</c> instructions).</summary>
    public IReadOnlyList<string> ImageVolumes { get; init; } = [];

    /// <summary>The image's root filesystem (read-only view), to refuse a volume over an existing non-directory;
    /// <see langword="null"/> skips that check.</summary>
    public UnionFileSystem? ImageRoot { get; init; }
}
