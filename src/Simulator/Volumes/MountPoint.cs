namespace Simulator.Volumes;

/// <summary>
/// A resolved mount of a container: moby's <c>volume/mounts.MountPoint</c>, what <c>docker inspect</c>
/// shows under <c>Mounts</c>. Made by <see cref="MountResolver.Resolve"/>; names filled in by
/// <see cref="VolumeStore.Acquire"/>.
/// </summary>
/// <remarks>Immutable.</remarks>
public sealed record MountPoint
{
    /// <summary>The kind of mount.</summary>
    public required MountType Type { get; init; }

    /// <summary>The volume's name; <see langword="null"/> for a volume still to be created (anonymous), and for binds and tmpfs.</summary>
    public string? Name { get; init; }

    /// <summary>A bind's host path, or a volume's <see cref="Volume.Mountpoint"/> once acquired; empty otherwise.</summary>
    public string Source { get; init; } = "";

    /// <summary>The cleaned absolute path in the container.</summary>
    public required string Destination { get; init; }

    /// <summary>Whether the container may write (for <c>--volumes-from</c>: the source's RW and the mode is not <c>ro</c>).</summary>
    public bool RW { get; init; } = true;

    /// <summary>A bind's propagation (<c>rprivate</c> by default); empty for other kinds.</summary>
    public string Propagation { get; init; } = "";

    /// <summary>Whether a new, empty volume is populated from the image at <see cref="Destination"/> when the container
    /// is created (SEMANTICS 4.2-4.3): true for volumes unless <c>nocopy</c>; false for binds, tmpfs and <c>--volumes-from</c>.</summary>
    public bool CopyData { get; init; }

    /// <summary>The driver of a volume (<c>local</c>); empty for other kinds.</summary>
    public string Driver { get; init; } = "";

    /// <summary>The <c>-v</c> mode string (moby's <c>Relabel</c>, <c>Mode</c> in <c>docker inspect</c>): as written; <c>z</c>
    /// for a <c>-v</c>/<c>--mount</c> volume given none (moby <c>setBindModeIfNull</c>); empty for binds without one, image
    /// volumes and <c>--volumes-from</c> copies (moby copies no mode).</summary>
    public string Mode { get; init; } = "";

    /// <summary>The spec this mount point came from (for <c>--volumes-from</c>: the source container's spec).</summary>
    public required MountSpec Spec { get; init; }

    /// <summary>Whether <c>docker rm -v</c> removes this mount's volume (when nobody else uses it): a volume whose spec has no source.</summary>
    public bool IsAnonymousVolume => Type == MountType.Volume && Spec.Source.Length == 0;
}
