using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>OCI layer application rules (image-spec layer.md; SEMANTICS 3.1-3.7) on the flattened stack.</summary>
public sealed class LayerStackTests
{
    private static Layer L(params (string Path, FileEntry Entry)[] entries) =>
        Layer.Create(entries.Select(e => KeyValuePair.Create(e.Path, e.Entry)));

    private static readonly Layer Base = L(
        ("/etc", FileEntry.Directory()),
        ("/etc/passwd", FileEntry.File("root")),
        ("/etc/conf.d", FileEntry.Directory()),
        ("/etc/conf.d/a", FileEntry.File("a")),
        ("/bin", FileEntry.Directory()),
        ("/bin/sh", FileEntry.File("sh")));

    [Fact]
    public void EmptyStackHasOnlyTheRoot()
    {
        Assert.Equal(1, LayerStack.Empty.Count);
        Assert.True(LayerStack.Empty.TryGetEntry("/", out var root));
        Assert.True(root.IsDirectory);
        Assert.Empty(LayerStack.Empty.GetChildren("/"));
    }

    [Fact]
    public void ChildrenAreIndexedAndSorted()
    {
        var stack = LayerStack.Create([Base]);
        Assert.Equal(["bin", "etc"], stack.GetChildren("/"));
        Assert.Equal(["conf.d", "passwd"], stack.GetChildren("/etc"));
        Assert.Empty(stack.GetChildren("/etc/passwd"));
    }

    [Fact]
    public void WhiteoutRemovesPathAndDescendants()
    {
        var stack = LayerStack.Create([Base, Layer.Create([], whiteouts: ["/etc"])]);
        Assert.False(stack.Contains("/etc"));
        Assert.False(stack.Contains("/etc/conf.d/a"));
        Assert.Equal(["bin"], stack.GetChildren("/"));
    }

    [Fact]
    public void WhiteoutAndEntryInOneLayerKeepTheEntry()
    {
        var stack = LayerStack.Create([Base, Layer.Create([KeyValuePair.Create("/etc/passwd", FileEntry.File("new"))], whiteouts: ["/etc/passwd"])]);
        Assert.True(stack.TryGetEntry("/etc/passwd", out var entry));
        Assert.Equal("new"u8.ToArray(), entry.Content.ReadAllBytes().ToArray());
    }

    [Fact]
    public void OpaqueDirectoryHidesLowerChildrenOnly()
    {
        var top = Layer.Create([KeyValuePair.Create("/etc/new", FileEntry.File("n"))], opaqueDirectories: ["/etc"]);
        var stack = LayerStack.Create([Base, top]);
        Assert.True(stack.Contains("/etc"));
        Assert.Equal(["new"], stack.GetChildren("/etc"));
        Assert.False(stack.Contains("/etc/conf.d/a"));
    }

    [Fact]
    public void DirectoryOverDirectoryReplacesAttributesAndMergesChildren()
    {
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var stack = LayerStack.Create([Base, L(("/etc", FileEntry.Directory(mode)), ("/etc/hosts", FileEntry.File("h")))]);
        Assert.True(stack.TryGetEntry("/etc", out var etc));
        Assert.Equal(mode, etc.Mode);
        Assert.Equal(["conf.d", "hosts", "passwd"], stack.GetChildren("/etc"));
    }

    [Fact]
    public void FileOverDirectoryRemovesTheDirectoryTree()
    {
        var stack = LayerStack.Create([Base, L(("/etc", FileEntry.File("flat")))]);
        Assert.True(stack.TryGetEntry("/etc", out var etc));
        Assert.Equal(EntryType.RegularFile, etc.Type);
        Assert.False(stack.Contains("/etc/passwd"));
        Assert.Empty(stack.GetChildren("/etc"));
    }

    [Fact]
    public void DirectoryOverFileReplacesIt()
    {
        var stack = LayerStack.Create([Base, L(("/bin/sh", FileEntry.Directory()), ("/bin/sh/x", FileEntry.File("x")))]);
        Assert.True(stack.GetChildren("/bin/sh").SequenceEqual(["x"]));
    }

    [Fact]
    public void HardLinksResolveToTheTargetEntryAndShareContent()
    {
        var content = FileContent.Synthetic(1 << 20, 7);
        var layer = L(("/a", FileEntry.File(content)), ("/b", new FileEntry { Type = EntryType.HardLink, LinkTarget = "/a" }));
        var stack = LayerStack.Create([layer, L(("/c", new FileEntry { Type = EntryType.HardLink, LinkTarget = "/a" }))]);
        Assert.True(stack.TryGetEntry("/b", out var b));
        Assert.True(stack.TryGetEntry("/c", out var c));
        Assert.Same(content, b.Content);
        Assert.Same(content, c.Content);
        Assert.Equal(EntryType.RegularFile, c.Type);
    }

    [Fact]
    public void HardLinkChainsInOneLayerResolve()
    {
        var layer = L(
            ("/a", new FileEntry { Type = EntryType.HardLink, LinkTarget = "/b" }),
            ("/b", new FileEntry { Type = EntryType.HardLink, LinkTarget = "/c" }),
            ("/c", FileEntry.File("c")));
        var stack = LayerStack.Create([layer]);
        Assert.True(stack.TryGetEntry("/a", out var a));
        Assert.Equal("c"u8.ToArray(), a.Content.ReadAllBytes().ToArray());
    }

    [Fact]
    public void HardLinkToMissingTargetIsInvalid()
    {
        var layer = L(("/b", new FileEntry { Type = EntryType.HardLink, LinkTarget = "/nope" }));
        var e = Assert.Throws<DockerSimulatorException>(() => LayerStack.Create([layer]));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void MissingParentsAreCreated()
    {
        var stack = LayerStack.Create([L(("/x/y/z", FileEntry.File("z")))]);
        Assert.True(stack.TryGetEntry("/x/y", out var y));
        Assert.True(y.IsDirectory);
        Assert.Equal(["/", "/x", "/x/y", "/x/y/z"], stack.GetPaths());
    }

    [Fact]
    public void PushLeavesTheOriginalUnchanged()
    {
        var first = LayerStack.Create([Base]);
        var second = first.Push(Layer.Create([KeyValuePair.Create("/etc/new", FileEntry.File("n"))], whiteouts: ["/bin"]));
        Assert.True(first.Contains("/bin/sh"));
        Assert.False(first.Contains("/etc/new"));
        Assert.Equal(["conf.d", "passwd"], first.GetChildren("/etc"));
        Assert.Equal(["conf.d", "new", "passwd"], second.GetChildren("/etc"));
        Assert.Single(first.Layers);
        Assert.Equal(2, second.Layers.Count);
    }

    [Fact]
    public void DeepStacksFlattenToTheTopmostEntry()
    {
        var stack = LayerStack.Empty;
        for (int i = 0; i < 64; i++)
        {
            stack = stack.Push(L(("/f", FileEntry.File($"v{i}")), ($"/d{i}", FileEntry.Directory())));
        }

        Assert.True(stack.TryGetEntry("/f", out var f));
        Assert.Equal("v63"u8.ToArray(), f.Content.ReadAllBytes().ToArray());
        Assert.Equal(65, stack.GetChildren("/").Count);
    }
}

public sealed class LayerStackCreateTests
{
    [Fact]
    public void Create_of_a_stack_equals_pushing_its_layers_one_by_one()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var layers = Enumerable.Range(0, 1 + (seed % 5)).Select(_ => LayerTarPropertyTests.Build(random)).ToList();
            LayerStack pushed;
            LayerStack created;
            try
            {
                pushed = LayerStack.Empty;
                foreach (var layer in layers)
                {
                    pushed = pushed.Push(layer);
                }
            }
            catch (DockerSimulatorException)
            {
                Assert.Throws<DockerSimulatorException>(() => LayerStack.Create(layers));
                continue;
            }

            created = LayerStack.Create(layers);
            Assert.Equal(pushed.GetPaths(), created.GetPaths());
            foreach (var path in pushed.GetPaths())
            {
                Assert.True(created.TryGetEntry(path, out var entry));
                pushed.TryGetEntry(path, out var expected);
                Assert.Equal(expected, entry);
                Assert.Equal(pushed.GetChildren(path), created.GetChildren(path));
            }
        }
    }
}
