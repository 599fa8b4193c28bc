namespace Simulator.Containers;

/// <summary><c>docker container prune</c>'s report (Engine API <c>container.PruneReport</c>); the CLI prints <c>Deleted Containers:</c>, the IDs, and <c>Total reclaimed space: 12B</c>.</summary>
/// <param name="ContainersDeleted">The full IDs removed, newest first.</param>
/// <param name="SpaceReclaimed">Bytes of the removed containers' writable layers (moby overlay2 upper directory size).</param>
public sealed record ContainerPruneResult(IReadOnlyList<string> ContainersDeleted, long SpaceReclaimed);
