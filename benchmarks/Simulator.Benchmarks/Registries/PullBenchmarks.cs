using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using Simulator.Content;
using Simulator.Images;
using Simulator.Registries;

namespace Simulator.Benchmarks.Registries;

/// <summary>
/// <c>docker pull</c> of a small two-layer image from a simulated Docker Hub: into an engine that has it
/// (<c>Status: Image is up to date</c>, the baseline), into an empty engine (every layer pulled), and into an engine
/// that has the base layer (<c>Already exists</c> for it).
/// </summary>
[MemoryDiagnoser]
public class PullBenchmarks
{
    private readonly MockFileSystem _fileSystem = new();
    private InMemoryContentStore _content = null!;
    private RegistryWorld _world = null!;
    private RegistryClient _warm = null!;
    private Image _base = null!;

    [GlobalSetup]
    public void Setup()
    {
        var created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _content = new InMemoryContentStore();
        _world = new RegistryWorld(_content);
        _base = ImageBuilder.FromScratch().WithFile("/etc/os-release", "ID=bench\n").WithFile("/bin/sh", "#!sim sh\n").WithCreated(created).Build();
        var app = ImageBuilder.From(_base).WithFile("/app/main", "payload").WithCmd("/app/main").WithCreated(created).Build();
        _world.DockerHub.Put(app, "bench/app");
        _warm = NewClient(out _);
        _warm.PullAsync("bench/app").GetAwaiter().GetResult();
    }

    /// <summary>Baseline: the image is in the store; only the manifest is fetched and the tag checked.</summary>
    [Benchmark(Baseline = true)]
    public Task<PullResult> PullUpToDate() => _warm.PullAsync("bench/app");

    /// <summary>An empty engine: config and both layers fetched, verified and added.</summary>
    [Benchmark]
    public Task<PullResult> PullIntoEmptyEngine() => NewClient(out _).PullAsync("bench/app");

    /// <summary>An engine with the base image: the base layer <c>Already exists</c>, the top layer is pulled.</summary>
    [Benchmark]
    public Task<PullResult> PullWithBaseLayerPresent()
    {
        var client = NewClient(out var images);
        images.Add(_base);
        return client.PullAsync("bench/app");
    }

    private RegistryClient NewClient(out InMemoryImageStore images)
    {
        images = new InMemoryImageStore(_content);
        return new RegistryClient(_world, images, _fileSystem, "/root/.docker/config.json");
    }
}
