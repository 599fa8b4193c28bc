using BenchmarkDotNet.Attributes;
using Simulator.FileSystem;

namespace Simulator.Benchmarks.FileSystem;

/// <summary>Target: creating a writable view (a container's root filesystem) on a 100,000-file image costs at most 1.5x a 10-file image.</summary>
[MemoryDiagnoser]
public class UnionCreateBenchmarks
{
    private LayerStack _small = null!;
    private LayerStack _large = null!;

    [GlobalSetup]
    public void Setup()
    {
        _small = ImageFactory.Files(10);
        _large = ImageFactory.Files(100_000);
    }

    /// <summary>A view on a 10-file image.</summary>
    [Benchmark(Baseline = true)]
    public UnionFileSystem CreateOnTenFiles() => UnionFileSystem.CreateWritable(_small);

    /// <summary>A view on a 100,000-file image.</summary>
    [Benchmark]
    public UnionFileSystem CreateOnHundredThousandFiles() => UnionFileSystem.CreateWritable(_large);
}
