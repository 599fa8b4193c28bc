using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>Mounts on top of a view: shadowing, EROFS, EXDEV, EBUSY, and never in the view's changes (SEMANTICS 3.30).</summary>
public sealed class UnionMountPointTests
{
    private static UnionFileSystem Container()
    {
        var image = LayerStack.Create([Layer.Create(
        [
            KeyValuePair.Create("/data/from-image", FileEntry.File("image")),
            KeyValuePair.Create("/etc/hosts", FileEntry.File("127.0.0.1 localhost")),
            KeyValuePair.Create("/link-to-data", FileEntry.Symlink("/data")),
        ])]);
        return UnionFileSystem.CreateWritable(image);
    }

    [Fact]
    public void WritesUnderAMountGoToTheMountedTreeNotTheUpper()
    {
        var fs = Container();
        var volume = UnionFileSystem.CreateEmpty();
        fs.Mount("/data", volume);
        Assert.Empty(fs.ReadDirectory("/data")); // the image's /data is shadowed
        fs.WriteAllText("/data/db", "rows");
        fs.CreateDirectory("/data/sub");
        fs.WriteAllText("/link-to-data/sub/x", "via link");
        Assert.Equal("rows", volume.ReadAllText("/db"));
        Assert.Equal("via link", volume.ReadAllText("/sub/x"));
        Assert.Empty(fs.GetChanges());
        Assert.True(fs.CommitLayer().IsEmpty);
        Assert.Equal(["/data"], fs.MountPoints);

        Assert.True(fs.Unmount("/data"));
        Assert.Equal("image", fs.ReadAllText("/data/from-image"));
        Assert.False(fs.Exists("/data/db"));
    }

    [Fact]
    public void ReadOnlyMountGivesErofs()
    {
        var fs = Container();
        var volume = UnionFileSystem.CreateEmpty();
        volume.WriteAllText("/conf", "c");
        fs.Mount("/etc/app", volume, readOnly: true);
        Assert.Equal("c", fs.ReadAllText("/etc/app/conf"));
        Assert.Contains("app", fs.ReadDirectory("/etc"));
        Assert.Equal(Errno.EROFS, Assert.Throws<FileSystemException>(() => fs.WriteAllText("/etc/app/conf", "x")).Errno);
        Assert.Equal(Errno.EROFS, Assert.Throws<FileSystemException>(() => fs.Unlink("/etc/app/conf")).Errno);
        fs.WriteAllText("/etc/hosts", "changed");
        Assert.Equal(["C /etc", "C /etc/hosts"], fs.GetChanges().Select(c => c.ToString()));
    }

    [Fact]
    public void RenameAndLinkAcrossMountsGiveExdevAndMountPointsAreBusy()
    {
        var fs = Container();
        fs.Mount("/data", UnionFileSystem.CreateEmpty());
        fs.WriteAllText("/data/a", "a");
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => fs.Rename("/data/a", "/a")).Errno);
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => fs.Rename("/etc/hosts", "/data/hosts")).Errno);
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => fs.Link("/etc/hosts", "/data/hosts")).Errno);
        Assert.Equal(Errno.EBUSY, Assert.Throws<FileSystemException>(() => fs.RemoveDirectory("/data")).Errno);
        Assert.Equal(Errno.EBUSY, Assert.Throws<FileSystemException>(() => fs.Rename("/data", "/data2")).Errno);
        fs.Rename("/data/a", "/data/b");
        Assert.Equal("a", fs.ReadAllText("/data/b"));
    }

    [Fact]
    public void OneVolumeSharedByTwoContainersSeesBothWrites()
    {
        var volume = UnionFileSystem.CreateEmpty();
        var first = Container();
        var second = Container();
        first.Mount("/shared", volume);
        second.Mount("/data", volume);
        first.WriteAllText("/shared/msg", "hello");
        Assert.Equal("hello", second.ReadAllText("/data/msg"));
        Parallel.For(0, 100, i => (i % 2 == 0 ? first : second).Append(i % 2 == 0 ? "/shared/log" : "/data/log", "x"u8));
        Assert.Equal(100, volume.ReadAllBytes("/log").Length);
    }

    [Fact]
    public void NewVolumeIsPopulatedFromTheImageWithoutCopyingBytes()
    {
        var content = FileContent.Synthetic(8 << 20, 3);
        var image = LayerStack.Create([Layer.Create(
        [
            KeyValuePair.Create("/var/lib/db/data", FileEntry.File(content) with { Uid = 70, Gid = 70 }),
            KeyValuePair.Create("/var/lib/db/conf", FileEntry.Symlink("data")),
            KeyValuePair.Create("/var/lib/db/empty", FileEntry.Directory((UnixFileMode)0x1c0)),
        ])]);
        var fs = UnionFileSystem.CreateWritable(image);
        var volume = UnionFileSystem.CreateEmpty();
        fs.CopyTree("/var/lib/db", volume, "/");
        fs.Mount("/var/lib/db", volume);
        Assert.Same(content, fs.Stat("/var/lib/db/conf").Content);
        Assert.Equal(70, fs.Stat("/var/lib/db/data").Uid);
        Assert.Equal((UnixFileMode)0x1c0, fs.Stat("/var/lib/db/empty").Mode);
        Assert.Equal(
            ["/var/lib/db", "/var/lib/db/conf", "/var/lib/db/data", "/var/lib/db/empty"],
            fs.Walk("/var/lib/db").Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["/", "/conf", "/data", "/empty"], volume.Walk("/").Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Empty(fs.GetChanges());
    }

    [Fact]
    public void MountArgumentsAreValidated()
    {
        var fs = Container();
        var volume = UnionFileSystem.CreateEmpty();
        Assert.Throws<ArgumentException>(() => fs.Mount("/", volume));
        Assert.Throws<ArgumentException>(() => fs.Mount("/x", fs.WithCaller(1, 1)));
        fs.Mount("/x", volume);
        Assert.Equal(Errno.EBUSY, Assert.Throws<FileSystemException>(() => fs.Mount("/x/", volume)).Errno);
    }

    [Fact]
    public void TwoMountsOfOneTreeAreDifferentDevices()
    {
        var fs = Container();
        var volume = UnionFileSystem.CreateEmpty();
        volume.WriteAllText("/a", "x");
        volume.CreateDirectory("/d");
        fs.CreateDirectory("/m1");
        fs.CreateDirectory("/m2");
        fs.Mount("/m1", volume);
        fs.Mount("/m2", volume);
        fs.CreateSymlink("/m2", "/to-m2");

        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => fs.Rename("/m1/a", "/m2/b")).Errno);
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => fs.Link("/m1/a", "/m2/b")).Errno);
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => fs.Rename("/m1/d", "/to-m2/e")).Errno);
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => fs.Link("/m2/a", "/m1/../m1/b")).Errno);
        Assert.False(volume.Exists("/b"));
        Assert.Equal("x", volume.ReadAllText("/a"));

        // Within one mount both work, and the other mount sees the result (same tree).
        fs.Link("/m1/a", "/m1/b");
        fs.Rename("/m2/b", "/m2/c");
        Assert.Equal("x", fs.ReadAllText("/m1/c"));
    }

    [Fact]
    public void ReadOnlyAndWritableMountsOfOneTreeAreDifferentDevices()
    {
        var fs = Container();
        var volume = UnionFileSystem.CreateEmpty();
        volume.WriteAllText("/a", "x");
        fs.CreateDirectory("/rw");
        fs.CreateDirectory("/ro");
        fs.Mount("/rw", volume);
        fs.Mount("/ro", volume, readOnly: true);
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => fs.Rename("/rw/a", "/ro/a")).Errno);
        Assert.Equal(Errno.EROFS, Assert.Throws<FileSystemException>(() => fs.Rename("/ro/a", "/ro/b")).Errno);
    }

    [Fact]
    public void ReadOnlyMountsGiveErofsInLinuxOrder()
    {
        // Checked against a read-only bind mount on Linux (python, as root): EROFS before the final lookup for
        // unlink/rmdir/rename; EEXIST, ENOENT of a parent, EINVAL/ENOTEMPTY for "."/".." come first.
        var volume = UnionFileSystem.CreateEmpty();
        volume.CreateDirectories("/d/sub");
        volume.CreateDirectory("/e");
        volume.WriteAllText("/f", "x");
        volume.WriteAllText("/d/sub/g", "x");
        var fs = Container();
        fs.CreateDirectory("/ro");
        fs.Mount("/ro", volume, readOnly: true);
        foreach (var view in new[] { fs, UnionFileSystem.CreateReadOnly(LayerStack.Create([volume.CommitLayer()])) })
        {
            var r = ReferenceEquals(view, fs) ? "/ro" : "";
            void Is(Errno errno, Action action) => Assert.Equal(errno, Assert.Throws<FileSystemException>(action).Errno);
            Is(Errno.EROFS, () => view.Unlink(r + "/none"));
            Is(Errno.EROFS, () => view.Unlink(r + "/d"));
            Is(Errno.ENOENT, () => view.Unlink(r + "/none/x"));
            Is(Errno.EROFS, () => view.Unlink(r + "/f/"));
            Is(Errno.EROFS, () => view.RemoveDirectory(r + "/none"));
            Is(Errno.EROFS, () => view.RemoveDirectory(r + "/f"));
            Is(Errno.EROFS, () => view.RemoveDirectory(r + "/d"));
            Is(Errno.EROFS, () => view.RemoveDirectory(r + "/e"));
            Is(Errno.EINVAL, () => view.RemoveDirectory(r + "/e/."));
            Is(Errno.ENOTEMPTY, () => view.RemoveDirectory(r + "/d/sub/.."));
            Is(Errno.EROFS, () => view.Rename(r + "/none", r + "/x"));
            Is(Errno.EROFS, () => view.Rename(r + "/f", r + "/d"));
            Is(Errno.EROFS, () => view.Rename(r + "/e", r + "/f"));
            Is(Errno.EROFS, () => view.Rename(r + "/e", r + "/d"));
            Is(Errno.EROFS, () => view.Rename(r + "/d", r + "/d/sub/x"));
            Is(Errno.EROFS, () => view.Rename(r + "/f", r + "/f"));
            Is(Errno.ENOENT, () => view.Rename(r + "/f", r + "/none/x"));
            Is(Errno.EEXIST, () => view.CreateDirectory(r + "/d"));
            Is(Errno.EROFS, () => view.CreateDirectory(r + "/new"));
            Is(Errno.EEXIST, () => view.CreateSymlink("t", r + "/f"));
            Is(Errno.EEXIST, () => view.Link(r + "/f", r + "/d"));
            Is(Errno.EROFS, () => view.Link(r + "/f", r + "/n"));
            Is(Errno.EROFS, () => view.Link(r + "/d", r + "/n"));
            Is(Errno.ENOENT, () => view.Link(r + "/none", r + "/n"));
            Is(Errno.ENOENT, () => view.Truncate(r + "/none", 0));
            Is(Errno.EISDIR, () => view.Truncate(r + "/d", 0));
        }

        // Between a read-only mount and the writable view: EXDEV when the new parent is writable, EROFS when it is not.
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => fs.Rename("/ro/none", "/x")).Errno);
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => fs.Link("/ro/f", "/x")).Errno);
        Assert.Equal(Errno.EROFS, Assert.Throws<FileSystemException>(() => fs.Link("/etc/hosts", "/ro/x")).Errno);
    }

    [Fact]
    public void MountsBeneathARenamedDirectoryMoveWithIt()
    {
        var fs = UnionFileSystem.CreateEmpty();
        var volume = UnionFileSystem.CreateEmpty();
        volume.WriteAllText("/v", "volume");
        fs.CreateDirectories("/p/m");
        fs.Mount("/p/m", volume);
        fs.Rename("/p", "/q");
        Assert.Equal(["/q/m"], fs.MountPoints);
        Assert.Equal("volume", fs.ReadAllText("/q/m/v"));
        Assert.False(fs.Exists("/p"));
        Assert.Equal(Errno.EBUSY, Assert.Throws<FileSystemException>(() => fs.Rename("/q/m", "/q/n")).Errno);
        fs.Rename("/q", "/qq"); // "/q/m" must not match "/qq" either way
        Assert.Equal(["/qq/m"], fs.MountPoints);
        Assert.Equal(["v"], fs.ReadDirectory("/qq/m"));
    }
}
