using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using Simulator.Containers;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Processes;
using Simulator.Registries;
using Simulator.Userland;
using Simulator.World;

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
    private List<string> _directories = null!;
    private List<(string Path, byte[] Bytes)> _files = null!;

    [GlobalSetup]
    public void Setup()
    {
        var content = new InMemoryContentStore();
        _store = ContainerStore.CreateWithImageStore(content, Busybox.Register(new ProgramRegistry()), TimeProvider.System, seed: 1);
        var client = new RegistryClient(DefaultWorld.Create(content), (InMemoryImageStore)_store.Images, new MockFileSystem());
        client.PullAsync("alpine").GetAwaiter().GetResult();

        var stack = LayerStack.Create(_store.Images.Get("alpine").Layers);
        _directories = [];
        _files = [];
        foreach (var path in stack.GetPaths())
        {
            stack.TryGetEntry(path, out var entry);
            if (entry!.IsDirectory)
            {
                _directories.Add(path);
            }
            else if (entry.Type == EntryType.RegularFile)
            {
                _files.Add((path, entry.Content.ReadAllBytes().ToArray()));
            }
            else
            {
                _files.Add((path, System.Text.Encoding.UTF8.GetBytes(entry.LinkTarget ?? "")));
            }
        }

        // Warm the per-image flattened stack cache, as a test's first container does.
        Run().GetAwaiter().GetResult();
    }

    /// <summary>Baseline: a MockFileSystem with alpine's tree.</summary>
    [Benchmark(Baseline = true)]
    public MockFileSystem MockFileSystemWithAlpineTree()
    {
        var fs = new MockFileSystem();
        foreach (var dir in _directories)
        {
            fs.AddDirectory(dir);
        }

        foreach (var (path, bytes) in _files)
        {
            fs.AddFile(path, new MockFileData(bytes));
        }

        return fs;
    }

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
