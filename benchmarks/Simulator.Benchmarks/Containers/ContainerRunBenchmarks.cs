using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using Simulator.Containers;
using Simulator.Content;

namespace Simulator.Benchmarks.Containers;

/// <summary>
/// <c>docker run alpine echo hello</c> end to end (create, start, wait, logs, remove) against the baseline of
/// constructing a TestableIO <see cref="MockFileSystem"/> holding the same alpine file tree (directories, files with
/// their bytes, symlinks as small files). Target: the run costs at most 1/10 of the baseline.
/// </summary>
[MemoryDiagnoser]
public class ContainerRunBenchmarks
{
    private static readonly ContainerConfig Echo = new("alpine") { Cmd = ["echo", "hello"] };
    private ContainerStore _store = null!;
    private AlpineTree _tree = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = AlpineTree.NewStore(new InMemoryContentStore());
        _tree = new AlpineTree(_store);

        // Warm the per-image flattened stack cache, as a test's first container does.
        Run().GetAwaiter().GetResult();
    }

    /// <summary>Baseline: a MockFileSystem with alpine's tree.</summary>
    [Benchmark(Baseline = true)]
    public MockFileSystem MockFileSystemWithAlpineTree() => _tree.ToMockFileSystem();

    /// <summary><c>docker run alpine echo hello</c>: create, start, wait, logs, remove.</summary>
    [Benchmark]
    public async Task<string> Run()
    {
        var id = _store.Create(Echo);
        var exited = _store.WaitAsync(id, WaitCondition.NextExit);
        await _store.StartAsync(id).ConfigureAwait(false);
        await exited.ConfigureAwait(false);
        var logs = _store.LogsText(id);
        await _store.RemoveAsync(id).ConfigureAwait(false);
        return logs;
    }
}
