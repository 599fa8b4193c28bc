using BenchmarkDotNet.Attributes;
using Docker.DotNet;
using Docker.DotNet.Models;
using Simulator.Containers;
using Simulator.DockerDotNet;

namespace Simulator.Benchmarks.EngineApi;

/// <summary>
/// A container's create + start + wait + remove (<c>alpine true</c>) through Docker.DotNet on the in-process Engine API
/// transport, against the same sequence on <see cref="ContainerStore"/> directly: the adapter's overhead (JSON, HTTP
/// messages, routing) as a ratio.
/// </summary>
[MemoryDiagnoser]
public class EngineApiRunBenchmarks
{
    private static readonly Simulator.Containers.ContainerConfig True = new("alpine") { Cmd = ["true"] };
    private DockerSimulator _engine = null!;
    private IDockerClient _docker = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new DockerSimulator(new DockerSimulatorOptions { Seed = 1 });
        _engine.PullAsync("alpine").GetAwaiter().GetResult();
        _docker = _engine.CreateDockerClient();
        Direct().GetAwaiter().GetResult();
        ThroughDockerDotNet().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _docker.Dispose();

    /// <summary>Baseline: the engine's own API.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> Direct()
    {
        var store = _engine.Containers;
        var id = store.Create(True);
        var exited = store.WaitAsync(id, WaitCondition.NextExit);
        await store.StartAsync(id);
        var result = await exited;
        await store.RemoveAsync(id);
        return result.StatusCode;
    }

    /// <summary>The same through Docker.DotNet and the Engine API handler.</summary>
    [Benchmark]
    public async Task<long> ThroughDockerDotNet()
    {
        var created = await _docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "alpine", Cmd = ["true"] });
        await _docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        var wait = await _docker.Containers.WaitContainerAsync(created.ID);
        await _docker.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters());
        return wait.StatusCode;
    }
}
