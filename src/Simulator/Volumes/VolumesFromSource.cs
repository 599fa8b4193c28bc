namespace Simulator.Volumes;

/// <summary>A <c>--volumes-from</c> request together with the mount points of the container it names, looked up by the
/// container store (which reports <c>No such container: C</c> itself).</summary>
/// <param name="Spec">The parsed flag.</param>
/// <param name="MountPoints">The source container's mount points (volumes and binds, including those it got through its own <c>--volumes-from</c>).</param>
public sealed record VolumesFromSource(VolumesFromSpec Spec, IReadOnlyList<MountPoint> MountPoints);
