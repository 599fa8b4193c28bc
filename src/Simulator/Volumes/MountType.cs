namespace Simulator.Volumes;

/// <summary>The kind of a mount, as moby's <c>api/types/mount.Type</c> (<c>volume</c>, <c>bind</c>, <c>tmpfs</c>).</summary>
public enum MountType
{
    /// <summary>A volume (<c>-v name:/p</c>, <c>-v /p</c>, <c>--mount type=volume</c>, image <c>VOLUME</c>).</summary>
    Volume,

    /// <summary>A host path (<c>-v /host:/p</c>, <c>--mount type=bind</c>).</summary>
    Bind,

    /// <summary>A memory filesystem (<c>--tmpfs /p</c>, <c>--mount type=tmpfs</c>).</summary>
    Tmpfs,
}
