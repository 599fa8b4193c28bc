using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using Simulator.Containers;
using Simulator.Content;

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
    private AlpineTree _tree = null!;
    private ContainerStore _store = null!;

    /// <summary>Bytes retained per idle container, measured once in the setup.</summary>
    public static long RetainedBytesPerContainer { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _content = new InMemoryContentStore();
        _store = NewStore();
        _tree = new AlpineTree(_store);

        RetainedBytesPerContainer = MeasureRetainedBytesPerContainer(_content);
        Console.WriteLine($"// Retained per idle container: {RetainedBytesPerContainer} B ({Fleet} containers)");
    }

    /// <summary>
    /// Bytes an idle <c>docker create alpine sh</c> container keeps of its own: <c>GC.GetTotalMemory</c> after a full
    /// collection, before and after creating <see cref="Fleet"/> of them in one engine (one container first, which warms
    /// the per-image stack cache), divided by the fleet size. Deterministic up to the GC's own bookkeeping.
    /// </summary>
    public static long MeasureRetainedBytesPerContainer(InMemoryContentStore? content = null)
    {
        var store = AlpineTree.NewStore(content ?? new InMemoryContentStore());
        store.Create(Idle);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < Fleet; i++)
        {
            store.Create(Idle);
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(store);
        return (after - before) / Fleet;
    }

    [IterationSetup(Target = nameof(CreateFleet))]
    public void FreshStore() => _store = NewStore(warm: true);

    /// <summary>Baseline: a MockFileSystem with alpine's tree.</summary>
    [Benchmark(Baseline = true)]
    public MockFileSystem MockFileSystemWithAlpineTree() => _tree.ToMockFileSystem();

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
        var store = AlpineTree.NewStore(_content);
        if (warm)
        {
            store.Create(Idle);
        }

        return store;
    }
}
