using CsCheck;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Testing.Rendering;

namespace Simulator.Testing.Tests.Rendering;

public sealed class RenderPropertyTests
{
    // Random trees: paths of 1-3 segments over a small alphabet with characters that sort around '/' ('-', '.', '0').
    private static readonly Gen<string> Segment = Gen.String[Gen.Char["a-.0B"], 1, 3].Where(s => s is not "." and not "..");

    private static readonly Gen<string[]> Paths = Segment.Array[1, 3].Select(s => "/" + string.Join('/', s)).Array[1, 25];

    private static Layer Tree(IEnumerable<string> files)
    {
        var entries = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            for (var dir = FsPath.Parent(file); dir != "/"; dir = FsPath.Parent(dir))
            {
                entries[dir] = FileEntry.Directory();
            }
        }

        foreach (var file in files)
        {
            if (!entries.ContainsKey(file))
            {
                entries[file] = FileEntry.File(file);
            }
        }

        return Layer.Create(entries);
    }

    [Fact]
    public void Render_is_independent_of_insertion_order_and_lists_parents_before_children()
    {
        Paths.Sample(paths =>
        {
            var layer = Tree(paths);
            var text = FileTreeRenderer.Render(LayerStack.Create([layer]));
            Assert.Equal(text, FileTreeRenderer.Render(LayerStack.Create([Layer.Create(layer.Entries.Reverse())])));

            var lines = FileTreeRenderer.Render(layer, new TreeRenderOptions { Columns = TreeColumns.None }).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
            foreach (var path in lines)
            {
                Assert.Contains(FsPath.Parent(path), seen);
                seen.Add(path);
            }

            Assert.Equal(layer.Entries.Count, lines.Length);
        }, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Image_render_shows_config_layers_and_history_in_order()
    {
        // created_by forms: BuildKit's, as ImageBuilder writes them (see its remarks).
        var image = ImageBuilder.FromScratch()
            .WithFile("/app/run.sh", "#!/bin/sh\necho hi\n", (UnixFileMode)0b111_101_101)
            .WithEnv("A", "b")
            .WithCmd("/app/run.sh")
            .WithExposedPort("8080/tcp")
            .WithLabel("org.opencontainers.image.title", "demo")
            .WithCreated(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Build();
        var text = ImageRenderer.Render(image, timeOrigin: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var lines = text.Split('\n');
        Assert.Equal("id        " + image.Id, lines[0]);
        Assert.Equal("platform  linux/amd64", lines[1]);
        Assert.Equal("created   T+0h00m00s", lines[2]);
        Assert.Contains("  Env           [\"A=b\"]\n", text, StringComparison.Ordinal);
        Assert.Contains("  Cmd           [\"/app/run.sh\"]\n", text, StringComparison.Ordinal);
        Assert.Contains("  ExposedPorts  [\"8080/tcp\"]\n", text, StringComparison.Ordinal);
        Assert.Contains("  Label         org.opencontainers.image.title=demo\n", text, StringComparison.Ordinal);
        Assert.Contains("layers\n  1  " + image.DiffIds[0] + "  ", text, StringComparison.Ordinal);
        var history = text[text.IndexOf("history\n", StringComparison.Ordinal)..].Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(image.Config.History.Count, history.Count);
        Assert.All(history, h => Assert.StartsWith("  T+0h00m00s  ", h, StringComparison.Ordinal));
        Assert.Equal(text, ImageRenderer.Render(image, timeOrigin: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
