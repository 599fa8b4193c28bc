namespace Simulator.Containers;

/// <summary>What the Engine API's streams need beyond the public surface.</summary>
public sealed partial class ContainerStore
{
    /// <summary>The container's live log buffer (lock it while reading); it outlives the container's removal, so an attach sees an auto-removed container's output.</summary>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect"/>.</exception>
    internal List<LogEntry> LogBuffer(string idOrName)
    {
        lock (_gate)
        {
            return Find(idOrName).Logs;
        }
    }
}
