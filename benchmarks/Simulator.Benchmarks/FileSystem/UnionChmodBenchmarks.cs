using BenchmarkDotNet.Attributes;
using Simulator.FileSystem;

namespace Simulator.Benchmarks.FileSystem;

/// <summary>
/// Target: <c>chmod</c> of a 64 MiB lower file (copy-up of metadata, content shared) costs at most 1.5x that of a
/// 1 KiB file. Each run makes a fresh view so the copy-up happens every time.
/// </summary>
[MemoryDiagnoser]
public class UnionChmodBenchmarks
{
    private LayerStack _image = null!;

    [GlobalSetup]
    public void Setup() => _image = LayerStack.Create([Layer.Create(
    [
        KeyValuePair.Create("/data/small", FileEntry.File(FileContent.Synthetic(1024, 1))),
        KeyValuePair.Create("/data/large", FileEntry.File(FileContent.Synthetic(64L << 20, 2))),
    ])]);

    /// <summary>New view, chmod of the 1 KiB file.</summary>
    [Benchmark(Baseline = true)]
    public UnionFileSystem ChmodOneKiB() => Chmod("/data/small");

    /// <summary>New view, chmod of the 64 MiB file.</summary>
    [Benchmark]
    public UnionFileSystem ChmodSixtyFourMiB() => Chmod("/data/large");

    private UnionFileSystem Chmod(string path)
    {
        var fs = UnionFileSystem.CreateWritable(_image);
        fs.Chmod(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return fs;
    }
}
