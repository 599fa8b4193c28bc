using System.Text;
using Simulator.FileSystem;
using Simulator.References;

namespace Simulator.Tests.FileSystem;

public sealed class FileSystemModelTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("a/b", "/a/b")]
    [InlineData("/a//b/./c/", "/a/b/c")]
    [InlineData("/../../etc/passwd", "/etc/passwd")]
    [InlineData("/a/b/../../..", "/")]
    [InlineData("./x", "/x")]
    public void Clean_is_go_path_clean_from_the_root(string input, string expected)
    {
        Assert.Equal(expected, FsPath.Clean(input));
        Assert.True(FsPath.IsClean(expected));
    }

    [Fact]
    public void Parent_name_combine_and_ancestry()
    {
        Assert.Equal("/a", FsPath.Parent("/a/b"));
        Assert.Equal("/", FsPath.Parent("/a"));
        Assert.Equal("/", FsPath.Parent("/"));
        Assert.Equal("b", FsPath.Name("/a/b"));
        Assert.Equal("", FsPath.Name("/"));
        Assert.Equal("/x", FsPath.Combine("/", "x"));
        Assert.Equal("/a/x", FsPath.Combine("/a", "x"));
        Assert.True(FsPath.IsSameOrUnder("/a/b", "/a"));
        Assert.True(FsPath.IsSameOrUnder("/a", "/a"));
        Assert.False(FsPath.IsSameOrUnder("/ab", "/a"));
        Assert.True(FsPath.IsSameOrUnder("/anything", "/"));
    }

    [Fact]
    public void Synthetic_content_is_deterministic_and_sized_without_allocation()
    {
        var big = FileContent.Synthetic(64L * 1024 * 1024, seed: 7);
        Assert.Equal(64L * 1024 * 1024, big.Length);
        var a = new byte[100];
        var b = new byte[100];
        Assert.Equal(100, big.Read(1_000_003, a));
        Assert.Equal(100, FileContent.Synthetic(64L * 1024 * 1024, seed: 7).Read(1_000_003, b));
        Assert.Equal(a, b);
        Assert.NotEqual(a, new byte[100]);
        Assert.Equal(0, big.Read(big.Length, a));
        Assert.Equal(3, big.Read(big.Length - 3, a));
    }

    [Fact]
    public void Synthetic_stream_reads_what_read_at_offset_reads()
    {
        var content = FileContent.Synthetic(10_000, seed: 3);
        using var stream = content.OpenRead();
        var all = new MemoryStream();
        stream.CopyTo(all);
        Assert.Equal(content.ReadAllBytes().ToArray(), all.ToArray());
        Assert.True(content.Equals(FileContent.FromBytes(all.ToArray())));
        Assert.False(content.Equals(FileContent.Synthetic(10_000, seed: 4)));
    }

    [Fact]
    public void Byte_content_is_copied_and_compared_by_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes(":xxx:yyy:zzz");
        var content = FileContent.FromBytes(bytes);
        bytes[0] = (byte)'!';
        Assert.Equal(":xxx:yyy:zzz", Encoding.UTF8.GetString(content.ReadAllBytes().Span));
        Assert.Equal(content, FileContent.FromString(":xxx:yyy:zzz"));
        Assert.Same(FileContent.Empty, FileContent.FromBytes([]));
        Assert.Equal(12, FileEntry.File(content).Size);
        Assert.Equal(4, FileEntry.Symlink("../a").Size);
        Assert.Equal(0, FileEntry.Directory().Size);
    }

    [Fact]
    public void Layer_create_cleans_paths_and_refuses_reserved_names()
    {
        var layer = Layer.Create([new("etc//hosts/", FileEntry.File("127.0.0.1 localhost\n"))], ["/tmp/x"], ["var"]);
        Assert.Contains("/etc/hosts", layer.Entries.Keys);
        Assert.Contains("/tmp/x", layer.Whiteouts);
        Assert.Contains("/var", layer.OpaqueDirectories);
        Assert.False(layer.IsEmpty);
        Assert.Same(Layer.Empty, Layer.Create([]));

        var ex = Assert.Throws<DockerSimulatorException>(() => Layer.Create([new("/a/.wh.b", FileEntry.File(""))]));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Throws<DockerSimulatorException>(() => Layer.Create([], ["/"]));
        Assert.Throws<DockerSimulatorException>(() => Layer.Create([new("/l", new FileEntry { Type = EntryType.HardLink })]));
    }

    [Fact]
    public void Chain_id_follows_the_oci_formula()
    {
        var d1 = Digest.Compute("layer one"u8);
        var d2 = Digest.Compute("layer two"u8);
        var d3 = Digest.Compute("layer three"u8);
        Assert.Equal(d1, Layer.ChainId([d1]));
        var c12 = Digest.Compute(Encoding.ASCII.GetBytes(d1 + " " + d2));
        Assert.Equal(c12, Layer.ChainId([d1, d2]));
        Assert.Equal(Digest.Compute(Encoding.ASCII.GetBytes(c12 + " " + d3)), Layer.ChainId([d1, d2, d3]));
        Assert.Throws<ArgumentException>(() => Layer.ChainId([]));
        Assert.Throws<ArgumentException>(() => Layer.ChainId([d1, default]));
    }
}

public sealed class LayerCreateValidationTests
{
    [Theory]
    [InlineData("/a/.wh.x/child")]
    [InlineData("/.wh..wh..opq/b")]
    public void Reserved_names_anywhere_in_an_entry_path_are_refused(string path)
    {
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() => Layer.Create([new(path, FileEntry.File("x"))])).Kind);
    }

    [Fact]
    public void Reserved_names_in_whiteouts_and_opaque_dirs_are_refused()
    {
        Assert.Throws<DockerSimulatorException>(() => Layer.Create([], ["/a/.wh.x"]));
        Assert.Throws<DockerSimulatorException>(() => Layer.Create([], ["/.wh.a/b"]));
        Assert.Throws<DockerSimulatorException>(() => Layer.Create([], null, ["/.wh.x"]));
    }

    [Fact]
    public void Structural_nonsense_is_refused()
    {
        Assert.Throws<DockerSimulatorException>(() => Layer.Create([new("/", FileEntry.File("x"))]));
        Assert.Throws<DockerSimulatorException>(() => Layer.Create([new("/a", FileEntry.File("x")), new("/a/b", FileEntry.File("y"))]));
        Assert.Throws<DockerSimulatorException>(() => Layer.Create([new("/d", FileEntry.Directory() with { Content = FileContent.FromString("x") })]));
        Assert.Throws<ArgumentException>(() => Layer.Create([new("/x", new FileEntry { Type = (EntryType)99 })]));
        Assert.NotNull(Layer.Create([new("/", FileEntry.Directory())]));
    }

    [Fact]
    public void Hard_link_targets_are_cleaned_into_the_root()
    {
        var layer = Layer.Create([new("/x", FileEntry.File("1")), new("/l", new FileEntry { Type = EntryType.HardLink, LinkTarget = "../../x" })]);
        Assert.Equal("/x", layer.Entries["/l"].LinkTarget);
    }
}

public sealed class FsPathLocalTests
{
    [Theory]
    // go-archive: path.Clean(strings.TrimLeft(name, "/")) then filepath.IsLocal.
    [InlineData("etc/passwd", "/etc/passwd")]
    [InlineData("/etc/passwd", "/etc/passwd")]
    [InlineData("./a/", "/a")]
    [InlineData("a/../b", "/b")]
    [InlineData("./", "/")]
    [InlineData("../x", null)]
    [InlineData("a/../../x", null)]
    [InlineData("/../x", null)]
    [InlineData("..", null)]
    public void Archive_names_stay_inside_the_root(string name, string? expected)
    {
        Assert.Equal(expected is not null, FsPath.TryCleanLocal(name, out var path));
        Assert.Equal(expected, path);
    }
}
