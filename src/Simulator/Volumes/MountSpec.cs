namespace Simulator.Volumes;

/// <summary>
/// One requested mount as the user wrote it, parsed: moby's <c>api/types/mount.Mount</c> plus the
/// <c>-v</c> mode string. Made by <see cref="MountSpecParser"/>; turned into a <see cref="MountPoint"/> by
/// <see cref="MountResolver.Resolve"/>.
/// </summary>
/// <remarks>
/// Immutable. Equality is member-wise except for the dictionaries, which compare by reference.
/// </remarks>
public sealed record MountSpec
{
    /// <summary>The kind of mount.</summary>
    public required MountType Type { get; init; }

    /// <summary>
    /// The volume name (empty for an anonymous volume), the absolute host path of a bind, or empty for tmpfs.
    /// An empty source is what makes a volume "anonymous" for <c>docker rm -v</c> (moby daemon/mounts.go).
    /// </summary>
    public string Source { get; init; } = "";

    /// <summary>The path in the container, as written (the mount point's destination is its cleaned form).</summary>
    public required string Target { get; init; }

    /// <summary>Whether the mount is read-only (<c>:ro</c>, <c>readonly</c>); default read-write.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Whether copying image content into a new volume is disabled (<c>:nocopy</c>, <c>volume-nocopy</c>).</summary>
    public bool NoCopy { get; init; }

    /// <summary>A bind's propagation (<c>rprivate</c>, <c>private</c>, <c>rshared</c>, <c>shared</c>, <c>rslave</c>,
    /// <c>slave</c>) when given; <see langword="null"/> otherwise.</summary>
    public string? Propagation { get; init; }

    /// <summary>The <c>-v</c> mode field as written (e.g. <c>ro,z</c>), empty when none; kept, not interpreted
    /// beyond <see cref="ReadOnly"/>, <see cref="NoCopy"/> and <see cref="Propagation"/> (SELinux labels are ignored).</summary>
    public string Mode { get; init; } = "";

    /// <summary>The consistency option (<c>consistent</c>, <c>cached</c>, <c>delegated</c>); accepted and ignored, as on Linux.</summary>
    public string? Consistency { get; init; }

    /// <summary>A tmpfs size limit in bytes (<c>tmpfs-size</c>, <c>--tmpfs /p:size=64m</c>); <see langword="null"/> for none.</summary>
    public long? TmpfsSizeBytes { get; init; }

    /// <summary>A tmpfs root mode (<c>tmpfs-mode=1770</c>, <c>--tmpfs /p:mode=1777</c>); <see langword="null"/> for the default.</summary>
    public UnixFileMode? TmpfsMode { get; init; }

    /// <summary>The raw option list of <c>--tmpfs /p:opts</c> (e.g. <c>rw,noexec,size=64m</c>); <see langword="null"/> otherwise.</summary>
    public string? TmpfsOptions { get; init; }

    /// <summary>Labels for a volume the mount creates (<c>volume-label=k=v</c>); <see langword="null"/> when none.</summary>
    public IReadOnlyDictionary<string, string>? VolumeLabels { get; init; }

    /// <summary>The volume driver named by <c>volume-driver=</c>; <see langword="null"/> for the default (<c>local</c>).</summary>
    public string? VolumeDriver { get; init; }

    /// <summary>Driver options for a volume the mount creates (<c>volume-opt=k=v</c>); <see langword="null"/> when none.</summary>
    public IReadOnlyDictionary<string, string>? VolumeDriverOptions { get; init; }
}
