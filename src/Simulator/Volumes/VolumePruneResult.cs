using System.Text;

namespace Simulator.Volumes;

/// <summary>What <c>docker volume prune</c> did, as moby's <c>volume.PruneReport</c>.</summary>
/// <param name="VolumesDeleted">The names removed, in natural order.</param>
/// <param name="SpaceReclaimed">The sum of the sizes of the files in the removed volumes, in bytes.</param>
public sealed record VolumePruneResult(IReadOnlyList<string> VolumesDeleted, long SpaceReclaimed)
{
    /// <summary>
    /// The CLI's output (docker/cli cli/command/volume/prune.go): <c>Deleted Volumes:</c>, one name a line and a blank
    /// line when any were removed, then <c>Total reclaimed space: &lt;HumanSize&gt;</c> (go-units, <c>%.4g</c> decimal
    /// units, e.g. <c>0B</c>, <c>1.024kB</c>); every line ends with <c>\n</c>.
    /// </summary>
    /// <returns>The text.</returns>
    public string ToCliOutput()
    {
        var sb = new StringBuilder();
        if (VolumesDeleted.Count > 0)
        {
            sb.Append("Deleted Volumes:\n");
            foreach (var name in VolumesDeleted)
            {
                sb.Append(name).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append("Total reclaimed space: ").Append(GoUnits.HumanSize(SpaceReclaimed)).Append('\n');
        return sb.ToString();
    }
}
