using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>The adapter's bulk readdir (UnionFileSystem.Adapter.cs) agrees with ReadDirectory plus LStat of each name.</summary>
public sealed class ReadDirectoryEntriesTests
{
    [Fact]
    public void Matches_ReadDirectory_and_LStat_over_upper_lower_whiteouts_opaque_dirs_and_mounts()
    {
        var lower = LayerStack.Create([
            Layer.Create(new Dictionary<string, FileEntry>
            {
                ["/a"] = FileEntry.Directory(),
                ["/a/lower1"] = FileEntry.File("1"),
                ["/a/lower2"] = FileEntry.File("2"),
                ["/a/shadowed"] = FileEntry.File("lower"),
                ["/a/sub"] = FileEntry.Directory(),
                ["/a/sub/x"] = FileEntry.File("x"),
                ["/a/link"] = FileEntry.Symlink("lower1"),
                ["/b"] = FileEntry.Directory(),
                ["/b/gone"] = FileEntry.File("g"),
            }),
            Layer.Create(new Dictionary<string, FileEntry> { ["/a/second"] = FileEntry.File("s") }, whiteouts: ["/a/lower2"]),
        ]);
        var union = UnionFileSystem.CreateWritable(lower);
        union.WriteAllText("/a/upper", "u");
        union.WriteAllText("/a/shadowed", "upper");
        union.Unlink("/a/lower1");
        union.Chmod("/a/second", UnixFileMode.UserRead);
        union.Unlink("/a/sub/x");
        union.RemoveDirectory("/a/sub");
        union.CreateDirectory("/a/sub");
        union.WriteAllText("/a/sub/fresh", "f");
        var volume = UnionFileSystem.CreateEmpty();
        volume.WriteAllText("/inside", "v");
        union.Mount("/a/mnt", volume);
        union.Mount("/a/upper", volume, readOnly: true);

        foreach (var dir in new[] { "/", "/a", "/a/sub", "/b", "/a/mnt" })
        {
            var expected = union.ReadDirectory(dir).Select(n => (n, union.LStat(FsPath.Combine(dir, n)))).ToList();
            var actual = union.ReadDirectoryEntries(dir).Select(e => (e.Key, e.Value)).ToList();
            Assert.Equal(expected, actual);
        }

        Assert.Equal(
            union.ReadDirectory("/a").Order(StringComparer.Ordinal),
            union.ReadDirectoryEntries("/a").Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Throws<FileSystemException>(() => union.ReadDirectoryEntries("/a/shadowed"));
        Assert.Throws<FileSystemException>(() => union.ReadDirectoryEntries("/missing"));
    }
}
