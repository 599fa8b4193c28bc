using Simulator;
using Simulator.Containers;
using Simulator.Testing.Fixtures;

namespace Deployer.Tests;

/// <summary>The deployer's <see cref="IDockerEngine"/> over the in-memory simulator: one line per operation.</summary>
public sealed class SimulatorDockerEngine(DockerSimulator engine) : IDockerEngine
{
    public Task PullAsync(string image, CancellationToken cancellationToken) => engine.PullAsync(image, cancellationToken);

    public bool ContainerExists(string name) => engine.Containers.TryInspect(name, out _);

    public Task RemoveAsync(string name, CancellationToken cancellationToken) => engine.Containers.RemoveAsync(name, force: true, cancellationToken);

    public Task<string> RunDetachedAsync(RunSpec spec, CancellationToken cancellationToken) =>
        engine.Containers.RunDetachedAsync(
            new ContainerConfig(spec.Image) { Labels = spec.Labels },
            new HostConfig { Binds = spec.Volumes, PortBindings = spec.Ports },
            spec.Name,
            cancellationToken);

    public async Task<(int ExitCode, string Stderr)> ExecAsync(string container, IReadOnlyList<string> command, byte[]? stdin, CancellationToken cancellationToken)
    {
        var result = await engine.Containers.ExecAsync(container, new ExecConfig(command) { Stdin = stdin }, cancellationToken);
        return (result.ExitCode, result.Stderr);
    }

    public Task<string> CommitAsync(string container, string reference, CancellationToken cancellationToken) =>
        Task.FromResult(engine.Containers.Commit(container, new CommitOptions { Reference = reference }).Id.ToString());
}
