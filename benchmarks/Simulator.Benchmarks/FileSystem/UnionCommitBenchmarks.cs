using BenchmarkDotNet.Attributes;
using Simulator.FileSystem;

namespace Simulator.Benchmarks.FileSystem;

/// <summary>
/// Target: <c>docker diff</c> plus <c>docker commit</c> of 10 changes on a 100,000-file image costs at most 2x
/// the same on a 1,000-file image: both are computed from the upper layer.
/// Growth: <see cref="Files"/> from 1,000 to 100,000 (the changes touch file 502, so 1,000 is the smallest image).
/// </summary>
[MemoryDiagnoser]
public class UnionCommitBenchmarks
{
    private UnionFileSystem _small = null!;
    private UnionFileSystem _image = null!;

    /// <summary>File counts, 1,000 to 100,000.</summary>
    public static IEnumerable<int> FileCounts => Growth.FilesBetween(1_000, 100_000);

    /// <summary>Files in the image under the changed view.</summary>
    [ParamsSource(nameof(FileCounts))]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _small = Changed(ImageFactory.Files(1_000));
        _image = Changed(ImageFactory.Files(Files));
    }

    /// <summary>Diff and commit of 10 changes on a 1,000-file image.</summary>
    [Benchmark(Baseline = true)]
    public int DiffAndCommitOnThousandFiles() => DiffAndCommit(_small);

    /// <summary>Diff and commit of 10 changes on a <see cref="Files"/>-file image.</summary>
    [Benchmark]
    public int DiffAndCommitOnFiles() => DiffAndCommit(_image);

    private static int DiffAndCommit(UnionFileSystem fs) => fs.GetChanges().Count + fs.CommitLayer().Entries.Count;

    private static UnionFileSystem Changed(LayerStack image)
    {
        var fs = UnionFileSystem.CreateWritable(image);
        for (int i = 0; i < 4; i++)
        {
            fs.WriteAllText(ImageFactory.PathOf(i * 7), "changed");
        }

        fs.Unlink(ImageFactory.PathOf(500));
        fs.Unlink(ImageFactory.PathOf(501));
        fs.Chmod(ImageFactory.PathOf(502), UnixFileMode.UserRead);
        fs.CreateDirectory("/app");
        fs.WriteAllText("/app/main", "new");
        fs.CreateSymlink("/app/main", "/usr/bin-main");
        return fs;
    }
}
