using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>
/// Layer sequences in the spirit of continuity's fstest suite (SEMANTICS 3.22): for each layer, a container on
/// the layers below makes the same changes with POSIX calls, commits, and the committed layer applied on the
/// base must give the same tree as the original layer.
/// </summary>
public sealed class LayerSequenceTests
{
    private static KeyValuePair<string, FileEntry> Dir(string path, int mode = 0x1ed) => KeyValuePair.Create(path, FileEntry.Directory((UnixFileMode)mode));

    private static KeyValuePair<string, FileEntry> File(string path, string text, int mode = 0x1a4, int uid = 0) =>
        KeyValuePair.Create(path, FileEntry.File(text, (UnixFileMode)mode) with { Uid = uid, Gid = uid });

    private static KeyValuePair<string, FileEntry> Sym(string path, string target) => KeyValuePair.Create(path, FileEntry.Symlink(target));

    private static KeyValuePair<string, FileEntry> Hard(string path, string target) =>
        KeyValuePair.Create(path, new FileEntry { Type = EntryType.HardLink, LinkTarget = target });

    public static TheoryData<string> Sequences() => [.. All.Keys];

    private static readonly Dictionary<string, Layer[]> All = new()
    {
        ["basic"] =
        [
            Layer.Create([Dir("/etc"), File("/etc/hosts", "127.0.0.1 localhost"), Hard("/etc/hosts.allow", "/etc/hosts"),
                Dir("/usr/local/lib"), File("/usr/local/lib/libnothing.so", "\0\0", 0x1ed), Sym("/usr/local/lib/libnothing.so.2", "libnothing.so"),
                Dir("/home"), Dir("/home/derek", 0x1c0)]),
            Layer.Create([File("/etc/hosts", "127.0.0.1 localhost.localdomain"), File("/etc/fstab", "/dev/sda1\t/\text4\tdefaults 1 1\n"),
                Dir("/home/derek/.ssh", 0x1c0), File("/home/derek/.ssh/authorized_keys", "ssh-rsa", 0x180, 1000)]),
        ],
        ["deletion"] =
        [
            Layer.Create([Dir("/etc"), File("/etc/passwd", "root:x:0:0"), File("/etc/badfile", "bad"), Dir("/dir/a/b", 0x1c0), File("/dir/a/b/f", "f"),
                File("/rootfile.txt", "/")]),
            Layer.Create([], whiteouts: ["/etc/badfile", "/rootfile.txt", "/dir/a"]),
            Layer.Create([File("/rootfile.txt", "back"), Dir("/dir/a")], whiteouts: ["/etc/passwd"]),
        ],
        ["update"] =
        [
            Layer.Create([Dir("/d1"), File("/d1/f", "v1"), Sym("/d1/l", "f"), Dir("/d2"), File("/d2/f", "x")]),
            Layer.Create([File("/d1/f", "v2", 0x180), Sym("/d1/l", "/d2/f"), File("/d2", "now a file"), Dir("/d1/f2")]),
            Layer.Create([Dir("/d2"), File("/d2/again", "a"), Dir("/d1", 0x1c0)]),
        ],
        ["directory-permissions"] =
        [
            Layer.Create([Dir("/d1", 0x1c0), Dir("/d1/d", 0x1ed), Dir("/d2", 0x1e8), File("/d2/f", "f")]),
            Layer.Create([Dir("/d1", 0x1ed), Dir("/d2", 0x1c0), Dir("/d3", 0x3ff)]),
        ],
        ["opaque"] =
        [
            Layer.Create([Dir("/d"), File("/d/old1", "1"), Dir("/d/sub"), File("/d/sub/old2", "2")]),
            Layer.Create([File("/d/new", "n"), Dir("/d/sub")], opaqueDirectories: ["/d"]),
        ],
        ["hardlinks"] =
        [
            Layer.Create([File("/a", "content"), Hard("/b", "/a")]),
            Layer.Create([File("/a", "modified"), Hard("/c", "/b")]),
            Layer.Create([Hard("/d", "/b")], whiteouts: ["/a"]),
        ],
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void CommittedChangesReproduceEachLayer(string sequence)
    {
        var layers = All[sequence];
        for (int i = 0; i < layers.Length; i++)
        {
            var below = LayerStack.Create(layers[..i]);
            var expected = UnionTestContext.Snapshot(UnionFileSystem.CreateReadOnly(below.Push(layers[i])));
            var container = UnionFileSystem.CreateWritable(below);
            ApplyWithCalls(container, layers[i]);
            Assert.Equal(expected, UnionTestContext.Snapshot(container));
            var committed = container.CommitLayer();
            Assert.Equal(expected, UnionTestContext.Snapshot(UnionFileSystem.CreateReadOnly(below.Push(committed))));
        }
    }

    /// <summary>Makes a layer's changes with POSIX calls, as a process in a container would.</summary>
    private static void ApplyWithCalls(UnionFileSystem fs, Layer layer)
    {
        foreach (var dir in layer.OpaqueDirectories)
        {
            if (fs.Exists(dir) && fs.LStat(dir).IsDirectory)
            {
                foreach (var name in fs.ReadDirectory(dir).ToArray())
                {
                    RemoveTree(fs, FsPath.Combine(dir, name));
                }
            }
        }

        foreach (var path in layer.Whiteouts)
        {
            if (Exists(fs, path))
            {
                RemoveTree(fs, path);
            }
        }

        foreach (var path in layer.Entries.Keys.Order(StringComparer.Ordinal))
        {
            var entry = layer.Entries[path];
            fs.CreateDirectories(FsPath.Parent(path));
            if (Exists(fs, path))
            {
                if (entry.IsDirectory && fs.LStat(path).IsDirectory)
                {
                    fs.Chmod(path, entry.Mode);
                    fs.Chown(path, entry.Uid, entry.Gid);
                    continue;
                }

                RemoveTree(fs, path);
            }

            switch (entry.Type)
            {
                case EntryType.Directory:
                    fs.CreateDirectory(path, entry.Mode);
                    break;
                case EntryType.Symlink:
                    fs.CreateSymlink(entry.LinkTarget!, path);
                    continue;
                case EntryType.HardLink:
                    fs.Link(entry.LinkTarget!, path);
                    continue;
                default:
                    fs.WriteContent(path, entry.Content, entry.Mode);
                    break;
            }

            fs.Chown(path, entry.Uid, entry.Gid);
        }
    }

    private static bool Exists(UnionFileSystem fs, string path)
    {
        try
        {
            fs.LStat(path);
            return true;
        }
        catch (FileSystemException)
        {
            return false;
        }
    }

    private static void RemoveTree(UnionFileSystem fs, string path)
    {
        if (fs.LStat(path).IsDirectory)
        {
            foreach (var name in fs.ReadDirectory(path).ToArray())
            {
                RemoveTree(fs, FsPath.Combine(path, name));
            }

            fs.RemoveDirectory(path);
        }
        else
        {
            fs.Unlink(path);
        }
    }
}
