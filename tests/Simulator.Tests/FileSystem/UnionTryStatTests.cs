using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>
/// <see cref="UnionFileSystem.TryStat"/> (the exception-free probe of a PATH search and <see cref="UnionFileSystem.Exists"/>)
/// gives exactly what <see cref="UnionFileSystem.Stat"/> gives: the same entry, or the errno Stat throws.
/// </summary>
public sealed class UnionTryStatTests
{
    private static readonly string[] Paths =
    [
        "/", "/bin", "/bin/echo", "/bin/sh", "/bin/busybox", "/usr/bin/env", "/usr/local/bin/echo", "/usr/local/sbin/echo",
        "/usr/bin/echo", "/nope/echo", "/etc/passwd/x", "/etc/passwd", "/etc/passwd/", "/etc/", "/etc/loop", "/etc/loop/x",
        "/etc/dangling", "/etc/up/etc/passwd", "/secret", "/secret/file", "/secret/missing", "/bin/../etc/passwd",
        "//bin//echo", "/./bin/echo", "bin/echo", "", "/mnt/data/f", "/mnt/data/missing", "/mnt/data", "/mnt/link/f",
        "/" + new string('a', 300), "/" + string.Join('/', Enumerable.Repeat(new string('b', 200), 25)),
    ];

    private static UnionFileSystem NewView(bool withMount)
    {
        var image = LayerStack.Create([Layer.Create(
        [
            KeyValuePair.Create("/bin/busybox", FileEntry.File("#!busybox") with { Mode = (UnixFileMode)0b111_101_101 }),
            KeyValuePair.Create("/bin/echo", FileEntry.Symlink("/bin/busybox")),
            KeyValuePair.Create("/bin/sh", FileEntry.Symlink("busybox")),
            KeyValuePair.Create("/usr/bin/env", FileEntry.Symlink("../../bin/busybox")),
            KeyValuePair.Create("/usr/local/bin", FileEntry.Directory()),
            KeyValuePair.Create("/etc/passwd", FileEntry.File("root:x:0:0")),
            KeyValuePair.Create("/etc/loop", FileEntry.Symlink("loop")),
            KeyValuePair.Create("/etc/dangling", FileEntry.Symlink("/gone")),
            KeyValuePair.Create("/etc/up", FileEntry.Symlink("../../..")),
            KeyValuePair.Create("/secret", FileEntry.Directory() with { Mode = (UnixFileMode)0b111_000_000 }),
            KeyValuePair.Create("/secret/file", FileEntry.File("x")),
            KeyValuePair.Create("/mnt/link", FileEntry.Symlink("data")),
        ])]);
        var fs = UnionFileSystem.CreateWritable(image);
        fs.WriteAllText("/usr/local/bin/tool", "upper");
        if (withMount)
        {
            var volume = UnionFileSystem.CreateEmpty();
            volume.WriteAllText("/f", "in a volume");
            fs.CreateDirectories("/mnt/data");
            fs.Mount("/mnt/data", volume, "/", readOnly: false);
        }

        return fs;
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 1000)]
    [InlineData(true, 0)]
    [InlineData(true, 1000)]
    public void TryStat_gives_Stats_entry_or_errno(bool withMount, int uid)
    {
        var fs = NewView(withMount).WithCaller(uid, uid);
        foreach (var path in Paths)
        {
            Errno? thrown = null;
            FileEntry? stat = null;
            try
            {
                stat = fs.Stat(path);
            }
            catch (FileSystemException e)
            {
                thrown = e.Errno;
            }

            var errno = fs.TryStat(path, out var entry);
            Assert.True((thrown ?? 0) == errno, $"{path}: Stat gave {thrown}, TryStat {errno}");
            Assert.Equal(stat, entry);
            Assert.Equal(thrown is null, fs.Exists(path));
        }
    }

    [Fact]
    public void TryStat_refuses_a_NUL_as_Stat_does()
    {
        var fs = NewView(withMount: false);
        var stat = Assert.Throws<ArgumentException>(() => fs.Stat("/bin\0/echo"));
        var probe = Assert.Throws<ArgumentException>(() => fs.TryStat("/bin\0/echo", out _));
        Assert.Equal(stat.Message, probe.Message);
        Assert.False(fs.Exists("/bin\0/echo"));
    }
}
