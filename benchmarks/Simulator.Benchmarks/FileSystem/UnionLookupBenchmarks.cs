using BenchmarkDotNet.Attributes;
using Simulator.FileSystem;

namespace Simulator.Benchmarks.FileSystem;

/// <summary>
/// Target: a lookup (<c>stat</c>) in a 64-layer stack costs at most 1.2x the same lookup in a 1-layer stack
/// holding the same files: the lower stack is flattened once, so depth does not matter.
/// Growth: <see cref="Layers"/> from 1 to 128 (the 64-layer case is the target's).
/// </summary>
[MemoryDiagnoser]
public class UnionLookupBenchmarks
{
    private const int Files = 6400;
    private UnionFileSystem _oneLayer = null!;
    private UnionFileSystem _layered = null!;
    private string[] _paths = [];

    /// <summary>Layer counts, 1 to 128.</summary>
    public static IEnumerable<int> LayerCounts => Growth.Layers;

    /// <summary>How many layers the same 6,400 files are spread over.</summary>
    [ParamsSource(nameof(LayerCounts))]
    public int Layers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _oneLayer = UnionFileSystem.CreateWritable(ImageFactory.Layered(Files, 1));
        _layered = UnionFileSystem.CreateWritable(ImageFactory.Layered(Files, Layers));
        _paths = [.. Enumerable.Range(0, 16).Select(i => ImageFactory.PathOf(i * 397 % Files))];
    }

    /// <summary>16 stats in a view over one layer.</summary>
    [Benchmark(Baseline = true)]
    public long StatOneLayer() => Stat(_oneLayer);

    /// <summary>The same 16 stats in a view over <see cref="Layers"/> layers.</summary>
    [Benchmark]
    public long StatLayered() => Stat(_layered);

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
