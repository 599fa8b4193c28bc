using Simulator.Containers;

namespace Simulator.Testing.Fixtures;

/// <summary>Shortcuts on <see cref="ContainerStore"/> that tests need often.</summary>
/// <remarks>Thread-safe as the store is.</remarks>
public static class ContainerStoreExtensions
{
    /// <summary><c>docker run -d</c>: creates and starts a container and returns its ID without waiting for it to exit
    /// (<see cref="ContainerStore.RunAsync"/> waits, which a long-running program on a fake clock never ends).</summary>
    /// <param name="containers">The store.</param>
    /// <param name="config">The container config.</param>
    /// <param name="hostConfig">The host config (binds, ports); none when <see langword="null"/>.</param>
    /// <param name="name">The name, or <see langword="null"/> for a generated one.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The full 64-hex ID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="containers"/> or <paramref name="config"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">As <see cref="ContainerStore.Create"/> and <see cref="ContainerStore.StartAsync"/>
    /// (the created container stays, as with <c>docker run -d</c> when the start fails).</exception>
    public static async Task<string> RunDetachedAsync(this ContainerStore containers, ContainerConfig config, HostConfig? hostConfig = null, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(config);
        var id = containers.Create(config, hostConfig, name);
        await containers.StartAsync(id, cancellationToken).ConfigureAwait(false);
        return id;
    }
}
