using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Simulator.FileSystem;

namespace Simulator.Benchmarks.FileSystem;

/// <summary>
/// Writing, reading and enumerating <see cref="Files"/> files (directories of up to 100; 10,000 is the README's row) through
/// <see cref="UnionFileSystemAdapter"/> versus TestableIO's <see cref="MockFileSystem"/> (the baseline), both used
/// through <see cref="IFileSystem"/> exactly as user code would. Growth: 10 to 10,000 files (the MockFileSystem baseline
/// allocates about 100 MB per 10,000 files written, so the curve stops there).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FileSystemAdapterBenchmarks
{
    private string[] _paths = [];
    private string[] _contents = [];
    private IFileSystem _mockPopulated = null!;
    private IFileSystem _unionPopulated = null!;

    /// <summary>File counts, 10 to 10,000.</summary>
    public static IEnumerable<int> FileCounts => Growth.FilesBetween(10, 10_000);

    /// <summary>Files written, read and enumerated.</summary>
    [ParamsSource(nameof(FileCounts))]
    public int Files { get; set; } = 10_000;

    private int FilesPerDirectory => Math.Min(100, Files);

    private int Directories => Files / FilesPerDirectory;

    [GlobalSetup]
    public void Setup()
    {
        _paths = new string[Files];
        _contents = new string[Files];
        for (int d = 0, i = 0; d < Directories; d++)
        {
            for (int f = 0; f < FilesPerDirectory; f++, i++)
            {
                _paths[i] = $"/data/dir{d:D3}/file{f:D3}.txt";
                _contents[i] = $"line {i}: some configuration value = {i * 31}\n";
            }
        }

        _mockPopulated = Populate(new MockFileSystem());
        _unionPopulated = Populate(UnionFileSystem.CreateEmpty().AsFileSystem());
    }

    private IFileSystem Populate(IFileSystem fs)
    {
        for (int d = 0; d < Directories; d++)
        {
            fs.Directory.CreateDirectory($"/data/dir{d:D3}");
        }

        for (int i = 0; i < _paths.Length; i++)
        {
            fs.File.WriteAllText(_paths[i], _contents[i]);
        }

        return fs;
    }

    private static long ReadAll(IFileSystem fs, string[] paths)
    {
        long total = 0;
        foreach (var path in paths)
        {
            total += fs.File.ReadAllText(path).Length;
        }

        return total;
    }

    private static int Enumerate(IFileSystem fs)
    {
        int count = 0;
        foreach (var path in fs.Directory.EnumerateFiles("/data", "*.txt", SearchOption.AllDirectories))
        {
            count += path.Length > 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>Baseline: create the directories and write the files into a fresh MockFileSystem.</summary>
    [BenchmarkCategory("Write"), Benchmark(Baseline = true)]
    public IFileSystem Write_MockFileSystem() => Populate(new MockFileSystem());

    /// <summary>The same into a fresh empty union view through the adapter.</summary>
    [BenchmarkCategory("Write"), Benchmark]
    public IFileSystem Write_UnionAdapter() => Populate(UnionFileSystem.CreateEmpty().AsFileSystem());

    /// <summary>Baseline: read all the files back as text.</summary>
    [BenchmarkCategory("Read"), Benchmark(Baseline = true)]
    public long Read_MockFileSystem() => ReadAll(_mockPopulated, _paths);

    /// <summary>The same through the adapter.</summary>
    [BenchmarkCategory("Read"), Benchmark]
    public long Read_UnionAdapter() => ReadAll(_unionPopulated, _paths);

    /// <summary>Baseline: enumerate all the files recursively with a pattern.</summary>
    [BenchmarkCategory("Enumerate"), Benchmark(Baseline = true)]
    public int Enumerate_MockFileSystem() => Enumerate(_mockPopulated);

    /// <summary>The same through the adapter.</summary>
    [BenchmarkCategory("Enumerate"), Benchmark]
    public int Enumerate_UnionAdapter() => Enumerate(_unionPopulated);
}
