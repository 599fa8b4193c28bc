using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>A small layer pushed on a flat stack is kept as a delta over it; it must read exactly as the flattened stack.</summary>
public sealed class LayerStackDeltaTests
{
    [Fact]
    public void Delta_push_reads_as_the_flattened_stack_including_removals()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var baseLayers = Enumerable.Range(0, 1 + (seed % 3)).Select(_ => LayerTarPropertyTests.Build(random)).ToList();
            LayerStack flat;
            try
            {
                flat = LayerStack.Create(baseLayers);
            }
            catch (DockerSimulatorException)
            {
                continue;
            }

            // A small top layer that also deletes (whiteouts, opaque directories) some of what is below.
            var top = LayerTarPropertyTests.Build(random);
            var paths = flat.GetPaths().Where(p => p != "/").ToList();
            var whiteouts = paths.Where((_, i) => random.Next(4) == 0).Take(3).ToList();
            var opaque = paths.Where(p => flat.TryGetEntry(p, out var e) && e.IsDirectory && random.Next(3) == 0).Take(1).ToList();
            Layer layer;
            try
            {
                layer = Layer.Create(top.Entries, whiteouts: whiteouts.Where(w => !top.Entries.ContainsKey(w)), opaqueDirectories: opaque);
            }
            catch (DockerSimulatorException)
            {
                continue; // the random top layer conflicts with the chosen deletions
            }

            LayerStack delta;
            try
            {
                delta = flat.Push(layer);
            }
            catch (DockerSimulatorException)
            {
                Assert.Throws<DockerSimulatorException>(() => LayerStack.Create([.. baseLayers, layer]));
                continue;
            }

            var expected = LayerStack.Create([.. baseLayers, layer]);
            Assert.Equal(expected.GetPaths(), delta.GetPaths());
            Assert.Equal(expected.Count, delta.Count);
            foreach (var path in expected.GetPaths().Concat(paths).Concat(whiteouts).Distinct())
            {
                Assert.Equal(expected.Contains(path), delta.Contains(path));
                Assert.Equal(expected.TryGetEntry(path, out var e1) ? e1 : null, delta.TryGetEntry(path, out var e2) ? e2 : null);
                Assert.Equal(expected.GetChildren(path), delta.GetChildren(path));
            }

            // A push on a delta flattens first and still agrees.
            var again = delta.Push(Layer.Create([KeyValuePair.Create("/zz-new", FileEntry.File("n"))]));
            Assert.Equal(expected.Push(Layer.Create([KeyValuePair.Create("/zz-new", FileEntry.File("n"))])).GetPaths(), again.GetPaths());
            Assert.Equal(delta.Layers.Count + 1, again.Layers.Count);
        }
    }
}
