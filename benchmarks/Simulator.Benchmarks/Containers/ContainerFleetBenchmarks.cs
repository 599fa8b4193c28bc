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
/// A fleet of 1,000 idle (created) containers from one alpine image, against the baseline of constructing one TestableIO
/// <see cref="MockFileSystem"/> holding the alpine tree. Target: an idle container holds at most 4 KiB of its own
/// (beyond its changes); <see cref="RetainedBytesPerContainer"/> is printed by the setup (GC.GetTotalMemory after a full
/// collection, divided by the fleet size).
/// </summary>
[MemoryDiagnoser]
public class ContainerFleetBenchmarks
{
    private const int Fleet = 1000;
    private static readonly ContainerConfig Idle = new("alpine") { Cmd = ["sh"] };
    private InMemoryContentStore _content = null!;
    private List<string> _directories = null!;
    private List<(string Path, byte[] Bytes)> _files = null!;
    private ContainerStore _store = null!;

    /// <summary>Bytes retained per idle container, measured once in the setup.</summary>
    public static long RetainedBytesPerContainer { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _content = new InMemoryContentStore();
        _store = NewStore();
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
            else
            {
                _files.Add((path, entry.Type == EntryType.RegularFile ? entry.Content.ReadAllBytes().ToArray() : System.Text.Encoding.UTF8.GetBytes(entry.LinkTarget ?? "")));
            }
        }

        // Retained memory: one container first (warms the per-image stack cache), then the fleet.
        var store = NewStore();
        store.Create(Idle);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < Fleet; i++)
        {
            store.Create(Idle);
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        RetainedBytesPerContainer = (after - before) / Fleet;
        Console.WriteLine($"// Retained per idle container: {RetainedBytesPerContainer} B ({store.Count} containers)");
        GC.KeepAlive(store);
    }

    [IterationSetup(Target = nameof(CreateFleet))]
    public void FreshStore() => _store = NewStore(warm: true);

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

    /// <summary>1,000 <c>docker create alpine sh</c> into one engine.</summary>
    [Benchmark(OperationsPerInvoke = Fleet)]
    public ContainerStore CreateFleet()
    {
        for (int i = 0; i < Fleet; i++)
        {
            _store.Create(Idle);
        }

        return _store;
    }

    private ContainerStore NewStore(bool warm = false)
    {
        var store = ContainerStore.CreateWithImageStore(_content, Busybox.Register(new ProgramRegistry()), TimeProvider.System, seed: 1);
        var client = new RegistryClient(DefaultWorld.Create(_content), (InMemoryImageStore)store.Images, new MockFileSystem());
        client.PullAsync("alpine").GetAwaiter().GetResult();
        if (warm)
        {
            store.Create(Idle);
        }

        return store;
    }
}
