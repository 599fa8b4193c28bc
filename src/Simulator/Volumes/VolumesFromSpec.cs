namespace Simulator.Volumes;

/// <summary>A parsed <c>--volumes-from C[:mode]</c> (moby volume/mounts/linux_parser.go <c>ParseVolumesFrom</c>).</summary>
/// <param name="Container">The container name or ID as written.</param>
/// <param name="Mode">The mode, <c>rw</c> when none was given.</param>
/// <param name="ReadOnly">Whether the mode contains <c>ro</c>: every copied mount point becomes read-only.</param>
public sealed record VolumesFromSpec(string Container, string Mode, bool ReadOnly);
