namespace Simulator.Containers;

/// <summary>The container store's operations, as <see cref="ContainerStore.Journal"/> records them and <see cref="ContainerStore.FailNext"/> targets them.</summary>
public enum ContainerOperation
{
    /// <summary><see cref="ContainerStore.Create"/> (<c>docker create</c>).</summary>
    Create,

    /// <summary><see cref="ContainerStore.StartAsync"/>.</summary>
    Start,

    /// <summary><see cref="ContainerStore.StopAsync"/>.</summary>
    Stop,

    /// <summary><see cref="ContainerStore.KillAsync"/>.</summary>
    Kill,

    /// <summary><see cref="ContainerStore.RestartAsync"/>.</summary>
    Restart,

    /// <summary><see cref="ContainerStore.Pause"/>.</summary>
    Pause,

    /// <summary><see cref="ContainerStore.Unpause"/>.</summary>
    Unpause,

    /// <summary><see cref="ContainerStore.RemoveAsync(string, bool, bool, CancellationToken)"/>.</summary>
    Remove,

    /// <summary><see cref="ContainerStore.Rename"/>.</summary>
    Rename,

    /// <summary><see cref="ContainerStore.WaitAsync"/>.</summary>
    Wait,

    /// <summary><see cref="ContainerStore.ExecAsync(string, ExecConfig, CancellationToken)"/> and its streaming overload.</summary>
    Exec,

    /// <summary><see cref="ContainerStore.AttachAsync"/>.</summary>
    Attach,

    /// <summary><see cref="ContainerStore.Commit"/>.</summary>
    Commit,

    /// <summary><see cref="ContainerStore.GetArchive"/>.</summary>
    GetArchive,

    /// <summary><see cref="ContainerStore.ExtractToDirectory"/>.</summary>
    ExtractToDirectory,

    /// <summary><see cref="ContainerStore.Export"/>.</summary>
    Export,

    /// <summary><see cref="ContainerStore.PruneAsync"/>.</summary>
    Prune,

    /// <summary><see cref="ContainerStore.ConnectNetworkAsync"/>.</summary>
    ConnectNetwork,

    /// <summary><see cref="ContainerStore.DisconnectNetworkAsync"/>.</summary>
    DisconnectNetwork,
}
