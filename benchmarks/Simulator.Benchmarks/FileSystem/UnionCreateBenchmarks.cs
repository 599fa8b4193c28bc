using BenchmarkDotNet.Attributes;
using Simulator.FileSystem;

namespace Simulator.Benchmarks.FileSystem;

/// <summary>
/// Target: creating a writable view (a container's root filesystem) on a 100,000-file image costs at most 1.5x a 10-file image.
/// Growth: <see cref="Files"/> from 10 to 100,000 (the 100,000 case is the target's).
/// </summary>
[MemoryDiagnoser]
public class UnionCreateBenchmarks
{
    private LayerStack _small = null!;
    private LayerStack _image = null!;

    /// <summary>File counts, 10 to 100,000.</summary>
    public static IEnumerable<int> FileCounts => Growth.Files;

    /// <summary>Files in the image under the view.</summary>
    [ParamsSource(nameof(FileCounts))]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _small = ImageFactory.Files(10);
        _image = ImageFactory.Files(Files);
    }

    /// <summary>A view on a 10-file image.</summary>
    [Benchmark(Baseline = true)]
    public UnionFileSystem CreateOnTenFiles() => UnionFileSystem.CreateWritable(_small);

    /// <summary>A view on a <see cref="Files"/>-file image.</summary>
    [Benchmark]
    public UnionFileSystem Create() => UnionFileSystem.CreateWritable(_image);
}
