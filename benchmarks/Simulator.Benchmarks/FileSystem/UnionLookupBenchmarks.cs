using BenchmarkDotNet.Attributes;
using Simulator.FileSystem;

namespace Simulator.Benchmarks.FileSystem;

/// <summary>
/// Target: a lookup (<c>stat</c>) in a 64-layer stack costs at most 1.2x the same lookup in a 1-layer stack
/// holding the same files: the lower stack is flattened once, so depth does not matter.
/// </summary>
[MemoryDiagnoser]
public class UnionLookupBenchmarks
{
    private const int Files = 6400;
    private UnionFileSystem _oneLayer = null!;
    private UnionFileSystem _sixtyFourLayers = null!;
    private string[] _paths = [];

    [GlobalSetup]
    public void Setup()
    {
        _oneLayer = UnionFileSystem.CreateWritable(ImageFactory.Layered(Files, 1));
        _sixtyFourLayers = UnionFileSystem.CreateWritable(ImageFactory.Layered(Files, 64));
        _paths = [.. Enumerable.Range(0, 16).Select(i => ImageFactory.PathOf(i * 397 % Files))];
    }

    /// <summary>16 stats in a view over one layer.</summary>
    [Benchmark(Baseline = true)]
    public long StatOneLayer() => Stat(_oneLayer);

    /// <summary>The same 16 stats in a view over 64 layers.</summary>
    [Benchmark]
    public long StatSixtyFourLayers() => Stat(_sixtyFourLayers);

    private long Stat(UnionFileSystem fs)
    {
        long total = 0;
        foreach (var path in _paths)
        {
            total += fs.Stat(path).Size;
        }

        return total;
    }
}
