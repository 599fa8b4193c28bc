using System.IO.Abstractions;
using Simulator.FileSystem;
using Simulator.Testing.Conformance;

namespace Simulator.Testing.Tests.Conformance;

/// <summary>The layer-application suite against the simulator's own tar reader and <see cref="LayerStack"/>.</summary>
public sealed class SimulatorLayerApplyConformanceTests : LayerApplyConformance
{
    protected override IEnumerable<ConformanceEntry> Extract(IReadOnlyList<byte[]> layerTars)
    {
        var stack = LayerStack.Create(layerTars.Select(t => Layer.FromTar(new MemoryStream(t))));
        var view = UnionFileSystem.CreateReadOnly(stack);
        foreach (var (path, entry) in view.Walk("/"))
        {
            yield return new ConformanceEntry(path, entry.Type, entry.Type == EntryType.RegularFile ? TextOf(entry.Content) : null, entry.LinkTarget);
        }
    }
}

/// <summary>The union-view suite against <see cref="UnionFileSystemAdapter"/> over a writable <see cref="UnionFileSystem"/>.</summary>
public sealed class SimulatorUnionViewConformanceTests : UnionViewConformance
{
    protected override IFileSystem CreateView(IReadOnlyList<Layer> lower) => UnionFileSystem.CreateWritable(LayerStack.Create(lower)).AsFileSystem();

    protected override IReadOnlyList<string>? GetChanges(IFileSystem view) => ((UnionFileSystemAdapter)view).Union.GetChanges().Select(c => c.ToString()).ToList();
}

/// <summary>The suites fail an implementation that breaks the rules (private implementations, so xunit does not run them as classes).</summary>
public sealed class ConformanceSuitesCatchBrokenImplementationsTests
{
    [Fact]
    public void An_extractor_that_ignores_whiteouts_fails()
    {
        var broken = new IgnoresWhiteouts();
        broken.Applies_layers_as_the_oci_image_spec("single layer");
        Assert.ThrowsAny<Exception>(() => broken.Applies_layers_as_the_oci_image_spec("whiteout removes a lower file"));
        Assert.ThrowsAny<Exception>(() => broken.Applies_layers_as_the_oci_image_spec("opaque directory hides lower children and keeps its own"));
    }

    [Fact]
    public void A_view_that_writes_through_to_the_lower_layer_fails()
    {
        var broken = new SharedView();
        broken.Reads_lower_files();
        Assert.ThrowsAny<Exception>(broken.Writing_a_lower_file_copies_it_up_and_leaves_the_layer_alone);
    }

    private sealed class IgnoresWhiteouts : LayerApplyConformance
    {
        protected override IEnumerable<ConformanceEntry> Extract(IReadOnlyList<byte[]> layerTars)
        {
            var all = new SortedDictionary<string, ConformanceEntry>(StringComparer.Ordinal);
            foreach (var tar in layerTars)
            {
                foreach (var (path, entry) in Layer.FromTar(new MemoryStream(tar)).Entries)
                {
                    all[path] = new ConformanceEntry(path, entry.Type, entry.Type == EntryType.RegularFile ? TextOf(entry.Content) : null, entry.LinkTarget);
                }
            }

            return all.Values;
        }
    }

    /// <summary>Every view is the same writable tree, so a write shows through a "fresh" view.</summary>
    private sealed class SharedView : UnionViewConformance
    {
        private UnionFileSystemAdapter? _view;

        protected override IFileSystem CreateView(IReadOnlyList<Layer> lower) => _view ??= UnionFileSystem.CreateWritable(LayerStack.Create(lower)).AsFileSystem();
    }
}
