using BenchmarkDotNet.Attributes;
using Simulator.Containers;

namespace Simulator.Benchmarks.Containers;

/// <summary>
/// How the cost of one <c>docker run alpine echo hello</c> (create, start, wait, logs, remove) and of one
/// <c>docker ps -a</c> grows with the number of containers already in the engine (<see cref="Containers"/>: 1 to
/// 10,000 idle, created containers). Baseline in each case: the same run in an engine holding no other container.
/// Expected shape: the run stays flat (lookups are by ID and name), <c>ps -a</c> grows linearly (it lists them all).
/// </summary>
[MemoryDiagnoser]
public class ContainerGrowthBenchmarks
{
    private static readonly ContainerConfig Echo = new("alpine") { Cmd = ["echo", "hello"] };
    private static readonly ContainerConfig Idle = new("alpine") { Cmd = ["sh"] };
    private DockerSimulator _empty = null!;
    private DockerSimulator _crowded = null!;

    /// <summary>Idle containers already in the crowded engine.</summary>
    [ParamsSource(typeof(Growth), nameof(Growth.Containers))]
    public int Containers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _empty = NewEngine();
        _crowded = NewEngine();
        for (int i = 0; i < Containers; i++)
        {
            _crowded.Containers.Create(Idle);
        }

        // Warm both (the per-image flattened stack cache, the JIT), as a test's first container does.
        RunAsync(_empty).GetAwaiter().GetResult();
        RunAsync(_crowded).GetAwaiter().GetResult();
    }

    /// <summary>Baseline: the run in an engine with no other container.</summary>
    [Benchmark(Baseline = true)]
    public Task<string> RunInEmptyEngine() => RunAsync(_empty);

    /// <summary>The run among <see cref="Containers"/> idle containers.</summary>
    [Benchmark]
    public Task<string> RunAmongContainers() => RunAsync(_crowded);

    /// <summary><c>docker ps -a</c> over the crowded engine.</summary>
    [Benchmark]
    public int ListAll() => _crowded.Containers.List(all: true).Count;

    private static DockerSimulator NewEngine()
    {
        var engine = new DockerSimulator(new DockerSimulatorOptions { Seed = 1 });
        engine.PullAsync("alpine").GetAwaiter().GetResult();
        return engine;
    }

    private static async Task<string> RunAsync(DockerSimulator engine)
    {
        var store = engine.Containers;
        var id = store.Create(Echo);
        var exited = store.WaitAsync(id, WaitCondition.NextExit);
        await store.StartAsync(id).ConfigureAwait(false);
        await exited.ConfigureAwait(false);
        var logs = store.LogsText(id);
        await store.RemoveAsync(id).ConfigureAwait(false);
        return logs;
    }
}
