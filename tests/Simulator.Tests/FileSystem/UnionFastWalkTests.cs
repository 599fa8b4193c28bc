using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>
/// A clean path takes the fast walk, which also follows a final symlink to a clean target itself; the same path written
/// unclean ("/./x") takes the general component-by-component walk. Both must give the same entry, errno and changes.
/// </summary>
public sealed class UnionFastWalkTests
{
    private static readonly string[] Paths =
    [
        "/bin/echo", "/bin/sh", "/usr/bin/env", "/etc/loop", "/etc/dangling", "/etc/abs-dir-link", "/etc/rel-dir-link",
        "/etc/chain1", "/etc/to-root", "/etc/slash-target", "/etc/empty-dir/inner", "/secret/link", "/secret/file",
        "/bin/busybox", "/etc/to-file-as-dir", "/etc/deep/a/b/c",
    ];

    private static UnionFileSystem NewView(int uid)
    {
        var image = LayerStack.Create([Layer.Create(
        [
            KeyValuePair.Create("/bin/busybox", FileEntry.File("#!busybox") with { Mode = (UnixFileMode)0b111_101_101 }),
            KeyValuePair.Create("/bin/echo", FileEntry.Symlink("/bin/busybox")),
            KeyValuePair.Create("/bin/sh", FileEntry.Symlink("busybox")),
            KeyValuePair.Create("/usr/bin/env", FileEntry.Symlink("../../bin/busybox")),
            KeyValuePair.Create("/etc/loop", FileEntry.Symlink("loop")),
            KeyValuePair.Create("/etc/dangling", FileEntry.Symlink("/var/new-file")),
            KeyValuePair.Create("/etc/abs-dir-link", FileEntry.Symlink("/bin")),
            KeyValuePair.Create("/etc/rel-dir-link", FileEntry.Symlink("deep/a")),
            KeyValuePair.Create("/etc/chain1", FileEntry.Symlink("chain2")),
            KeyValuePair.Create("/etc/chain2", FileEntry.Symlink("/bin/sh")),
            KeyValuePair.Create("/etc/to-root", FileEntry.Symlink("/")),
            KeyValuePair.Create("/etc/slash-target", FileEntry.Symlink("/bin/busybox/")),
            KeyValuePair.Create("/etc/empty-dir", FileEntry.Directory()),
            KeyValuePair.Create("/etc/to-file-as-dir", FileEntry.Symlink("/bin/busybox/x")),
            KeyValuePair.Create("/etc/deep/a/b/c", FileEntry.Symlink("../../../loop")),
            KeyValuePair.Create("/var", FileEntry.Directory()),
            KeyValuePair.Create("/secret", FileEntry.Directory() with { Mode = (UnixFileMode)0b111_000_000 }),
            KeyValuePair.Create("/secret/file", FileEntry.File("x")),
            KeyValuePair.Create("/secret/link", FileEntry.Symlink("file")),
        ])]);
        return UnionFileSystem.CreateWritable(image).WithCaller(uid, uid);
    }

    private static string Outcome(Func<object?> op)
    {
        try
        {
            return op()?.ToString() ?? "ok";
        }
        catch (FileSystemException e)
        {
            return e.Errno.ToString();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public void The_fast_walk_agrees_with_the_general_walk(int uid)
    {
        foreach (var path in Paths)
        {
            var fast = NewView(uid);
            var general = NewView(uid);
            var unclean = "/." + path;
            Assert.Equal(Outcome(() => general.Stat(unclean)), Outcome(() => fast.Stat(path)));
            Assert.Equal(Outcome(() => general.LStat(unclean)), Outcome(() => fast.LStat(path)));
            Assert.Equal(Outcome(() => general.ReadAllText(unclean)), Outcome(() => fast.ReadAllText(path)));

            // Writing through the link (creating the target of a dangling one) lands in the same place.
            Assert.Equal(Outcome(() => { general.WriteAllText(unclean, "w"); return null; }), Outcome(() => { fast.WriteAllText(path, "w"); return null; }));
            Assert.Equal(
                general.GetChanges().Select(c => c.ToString()),
                fast.GetChanges().Select(c => c.ToString()));
        }
    }
}
