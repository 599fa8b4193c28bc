using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using Simulator.Content;
using Simulator.Images;
using Simulator.Registries;
using Simulator.World;

namespace Simulator.Benchmarks.World;

/// <summary>
/// <c>docker pull alpine</c> in the default world: into an engine that already has it (<c>Status: Image is up to date</c>,
/// the baseline), into a new empty engine over a new default world (the stock image stored in the world's content
/// store on first lookup, then pulled), and into a new engine over a world that already stores it. The stock images
/// themselves are built once, in the setup, as once per process in tests.
/// </summary>
[MemoryDiagnoser]
public class StockPullBenchmarks
{
    private readonly MockFileSystem _fileSystem = new();
    private InMemoryContentStore _content = null!;
    private RegistryWorld _world = null!;
    private RegistryClient _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ = StockImages.Alpine.Image.Layers[0].DiffId;
        _content = new InMemoryContentStore();
        _world = DefaultWorld.Create(_content);
        _warm = new RegistryClient(_world, new InMemoryImageStore(_content), _fileSystem, "/root/.docker/config.json");
        _warm.PullAsync("alpine").GetAwaiter().GetResult();
    }

    /// <summary>Baseline: alpine is in the store; only the manifest is resolved and the tag checked.</summary>
    [Benchmark(Baseline = true)]
    public Task<PullResult> PullUpToDate() => _warm.PullAsync("alpine");

    /// <summary>A new world and engine: alpine's 7.8 MB layer tar is written to the content store, then pulled.</summary>
    [Benchmark]
    public Task<PullResult> PullIntoNewWorld()
    {
        var content = new InMemoryContentStore();
        var world = DefaultWorld.Create(content);
        return new RegistryClient(world, new InMemoryImageStore(content), _fileSystem, "/root/.docker/config.json").PullAsync("alpine");
    }

    /// <summary>A new, empty engine on a world that stores alpine already: the layer blob is read and verified, not written.</summary>
    [Benchmark]
    public Task<PullResult> PullIntoEmptyEngine() =>
        new RegistryClient(_world, new InMemoryImageStore(_content), _fileSystem, "/root/.docker/config.json").PullAsync("alpine");

    /// <summary>Creating a default world: nothing is stored until a pull.</summary>
    [Benchmark]
    public RegistryWorld CreateDefaultWorld() => DefaultWorld.Create(new InMemoryContentStore());
}
