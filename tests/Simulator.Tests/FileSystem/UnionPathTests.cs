using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>Path resolution stays inside the view's root, whatever the links say; ELOOP; errno texts.</summary>
public sealed class UnionPathTests
{
    private static UnionFileSystem NewView()
    {
        var image = LayerStack.Create([Layer.Create(
        [
            KeyValuePair.Create("/etc/passwd", FileEntry.File("root:x:0:0")),
            KeyValuePair.Create("/etc/up", FileEntry.Symlink("../../../../..")),
            KeyValuePair.Create("/etc/abs", FileEntry.Symlink("/etc/../../x")),
            KeyValuePair.Create("/etc/rootlink", FileEntry.Symlink("/")),
            KeyValuePair.Create("/etc/chain1", FileEntry.Symlink("chain2")),
            KeyValuePair.Create("/etc/chain2", FileEntry.Symlink("../etc/up/etc/passwd")),
        ])]);
        return UnionFileSystem.CreateWritable(image);
    }

    [Theory]
    [InlineData("/..")]
    [InlineData("/../../..")]
    [InlineData("../..")]
    [InlineData("/etc/../../..")]
    [InlineData("/etc/up")]
    [InlineData("/etc/up/..")]
    [InlineData("/etc/rootlink/..")]
    public void DotDotAtTheRootStaysAtTheRoot(string path)
    {
        var fs = NewView();
        Assert.Equal(fs.ReadDirectory("/"), fs.ReadDirectory(path));
    }

    [Fact]
    public void RelativeLinksClimbingAboveTheRootResolveInside()
    {
        var fs = NewView();
        Assert.Equal("root:x:0:0", fs.ReadAllText("/etc/up/etc/passwd"));
        Assert.Equal("root:x:0:0", fs.ReadAllText("/etc/chain1"));
        Assert.Equal("root:x:0:0", fs.ReadAllText("/etc/rootlink/etc/passwd"));
    }

    [Fact]
    public void AbsoluteLinksAreRelativeToTheViewsRoot()
    {
        var fs = NewView();
        Assert.Equal(Errno.ENOENT, Assert.Throws<FileSystemException>(() => fs.Stat("/etc/abs")).Errno);
        fs.WriteAllText("/etc/abs", "created inside");
        Assert.Equal("created inside", fs.ReadAllText("/x"));
        Assert.Equal(["A /x"], fs.GetChanges().Select(c => c.ToString()));
    }

    [Fact]
    public void WritesThroughEscapingLinksLandInsideTheView()
    {
        var fs = NewView();
        fs.CreateSymlink("../../../../tmp/evil", "/etc/evil");
        fs.CreateDirectory("/tmp");
        fs.WriteAllText("/etc/evil", "x");
        Assert.Equal("x", fs.ReadAllText("/tmp/evil"));
        fs.CreateSymlink("/../../../../", "/escape");
        fs.WriteAllText("/escape/y", "y");
        Assert.Equal("y", fs.ReadAllText("/y"));
    }

    [Fact]
    public void SymlinkLoopsGiveEloop()
    {
        var fs = NewView();
        fs.CreateSymlink("b", "/a");
        fs.CreateSymlink("a", "/b");
        Assert.Equal(Errno.ELOOP, Assert.Throws<FileSystemException>(() => fs.Stat("/a")).Errno);
        Assert.Equal(Errno.ELOOP, Assert.Throws<FileSystemException>(() => fs.WriteAllText("/a", "x")).Errno);
        Assert.Equal(EntryType.Symlink, fs.LStat("/a").Type);
    }

    [Fact]
    public void FortyHopsResolveFortyOneDoNot()
    {
        var fs = NewView();
        fs.WriteAllText("/target", "t");
        fs.CreateSymlink("target", "/l0");
        for (int i = 1; i <= 40; i++)
        {
            fs.CreateSymlink($"l{i - 1}", $"/l{i}");
        }

        Assert.Equal("t", fs.ReadAllText("/l39"));
        Assert.Equal(Errno.ELOOP, Assert.Throws<FileSystemException>(() => fs.ReadAllText("/l40")).Errno);
    }

    [Fact]
    public void NoFollowOnASymlinkIsEloop()
    {
        var fs = NewView();
        Assert.Equal(Errno.ELOOP, Assert.Throws<FileSystemException>(() => fs.Open("/etc/chain1", OpenFlags.ReadOnly | OpenFlags.NoFollow)).Errno);
    }

    [Fact]
    public void LongNamesAreRefused()
    {
        var fs = NewView();
        Assert.Equal(Errno.ENAMETOOLONG, Assert.Throws<FileSystemException>(() => fs.CreateDirectory("/" + new string('n', 256))).Errno);
        fs.CreateDirectory("/" + new string('n', 255));
    }

    [Fact]
    public void ErrorsCarryErrnoPathAndStrerrorText()
    {
        var fs = NewView();
        var e = Assert.Throws<FileSystemException>(() => fs.Stat("/nope"));
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Equal("/nope", e.Path);
        Assert.Equal("No such file or directory", e.Message);
        Assert.IsAssignableFrom<IOException>(e);
        Assert.Equal("Directory not empty", FileSystemException.StrError(Errno.ENOTEMPTY));
        Assert.Equal("Invalid cross-device link", FileSystemException.StrError(Errno.EXDEV));
        Assert.Equal("File too large", FileSystemException.StrError(Errno.EFBIG));
    }

    [Fact]
    public void RootCannotBeRemovedOrRenamed()
    {
        var fs = NewView();
        Assert.Equal(Errno.EBUSY, Assert.Throws<FileSystemException>(() => fs.RemoveDirectory("/")).Errno);
        Assert.Equal(Errno.EBUSY, Assert.Throws<FileSystemException>(() => fs.Rename("/", "/x")).Errno);
        Assert.Equal(Errno.EINVAL, Assert.Throws<FileSystemException>(() => fs.RemoveDirectory("/etc/.")).Errno);
        Assert.Equal(Errno.ENOTEMPTY, Assert.Throws<FileSystemException>(() => fs.RemoveDirectory("/etc/..")).Errno);
    }

    [Fact]
    public void ReadOnlyViewRefusesWritesWithErofs()
    {
        var fs = UnionFileSystem.CreateReadOnly(NewView().Lower);
        Assert.True(fs.IsReadOnly);
        Assert.Equal("root:x:0:0", fs.ReadAllText("/etc/passwd"));
        Assert.Equal(Errno.EROFS, Assert.Throws<FileSystemException>(() => fs.WriteAllText("/etc/passwd", "x")).Errno);
        Assert.Equal(Errno.EROFS, Assert.Throws<FileSystemException>(() => fs.CreateDirectory("/d")).Errno);
        Assert.Equal(Errno.EROFS, Assert.Throws<FileSystemException>(() => fs.Unlink("/etc/passwd")).Errno);
        Assert.Equal(Errno.EROFS, Assert.Throws<FileSystemException>(() => fs.Chmod("/etc/passwd", 0)).Errno);
        Assert.Equal(Errno.ENOENT, Assert.Throws<FileSystemException>(() => fs.Open("/none", OpenFlags.ReadOnly)).Errno);
    }

    [Fact]
    public void ChmodByNonOwnerIsEpermAndReadOfUnreadableIsEacces()
    {
        var fs = NewView();
        fs.WriteAllText("/secret", "s", (UnixFileMode)0x180); // 0600, root
        var user = fs.WithCaller(1000, 1000);
        Assert.Equal(Errno.EACCES, Assert.Throws<FileSystemException>(() => user.ReadAllText("/secret")).Errno);
        Assert.Equal(Errno.EPERM, Assert.Throws<FileSystemException>(() => user.Chmod("/secret", 0)).Errno);
        Assert.Equal(Errno.EPERM, Assert.Throws<FileSystemException>(() => user.Chown("/secret", 1000, 1000)).Errno);
        Assert.Equal(Errno.EACCES, Assert.Throws<FileSystemException>(() => user.CreateDirectory("/etc/mine")).Errno);
        fs.Chown("/secret", 1000, 1000);
        Assert.Equal("s", user.ReadAllText("/secret"));
    }

    [Fact]
    public void ChownMinusOneLeavesAnIdUnchangedAndOtherNegativesAreEinval()
    {
        var fs = NewView();
        fs.WriteAllText("/f", "s");
        fs.Chown("/f", 1000, 2000);
        fs.Chown("/f", -1, -1);
        Assert.Equal((1000, 2000), (fs.Stat("/f").Uid, fs.Stat("/f").Gid));
        fs.Chown("/f", 7, -1);
        Assert.Equal((7, 2000), (fs.Stat("/f").Uid, fs.Stat("/f").Gid));
        fs.Chown("/f", -1, 8);
        Assert.Equal((7, 8), (fs.Stat("/f").Uid, fs.Stat("/f").Gid));
        Assert.Equal(Errno.EINVAL, Assert.Throws<FileSystemException>(() => fs.Chown("/f", -2, 0)).Errno);
        Assert.Equal(Errno.EINVAL, Assert.Throws<FileSystemException>(() => fs.Chown("/f", 0, int.MinValue)).Errno);
        Assert.Equal(Errno.ENOENT, Assert.Throws<FileSystemException>(() => fs.Chown("/none", -2, 0)).Errno);
        Assert.Equal((7, 8), (fs.Stat("/f").Uid, fs.Stat("/f").Gid));
    }

    [Fact]
    public void ChownByTheOwnerMayOnlyKeepItsUidAndSetItsOwnGroup()
    {
        // As Linux's chown_ok/chgrp_ok (checked as uid 1000 on a real file system).
        var fs = NewView();
        fs.WriteAllText("/root-file", "r");
        fs.WriteAllText("/mine", "m");
        fs.Chown("/mine", 1000, 5);
        var user = fs.WithCaller(1000, 1000);
        user.Chown("/root-file", -1, -1); // no change: allowed even for a non-owner
        user.Chown("/mine", 1000, -1);
        user.Chown("/mine", -1, 1000);
        Assert.Equal((1000, 1000), (fs.Stat("/mine").Uid, fs.Stat("/mine").Gid));
        Assert.Equal(Errno.EPERM, Assert.Throws<FileSystemException>(() => user.Chown("/mine", 0, -1)).Errno);
        Assert.Equal(Errno.EPERM, Assert.Throws<FileSystemException>(() => user.Chown("/mine", -1, 5)).Errno);
        Assert.Equal(Errno.EPERM, Assert.Throws<FileSystemException>(() => user.Chown("/root-file", -1, 1000)).Errno);
    }

    [Fact]
    public void ASymlinkTargetEndingInASlashMustBeADirectory()
    {
        // As Linux (checked with python): "l -> f/" with f a file.
        var fs = NewView();
        fs.CreateDirectory("/dir");
        fs.WriteAllText("/f", "x");
        fs.CreateSymlink("f/", "/l");
        fs.CreateSymlink("f/.", "/l2");
        fs.CreateSymlink("dir/", "/ld");
        fs.CreateSymlink("newfile/", "/dang");
        fs.CreateSymlink("newdir/", "/dang2");
        Errno Of(Action action) => Assert.Throws<FileSystemException>(action).Errno;

        Assert.Equal(Errno.ENOTDIR, Of(() => fs.Stat("/l")));
        Assert.Equal(Errno.ENOTDIR, Of(() => fs.Stat("/l2")));
        Assert.Equal(Errno.ENOTDIR, Of(() => fs.Stat("/l/")));
        Assert.Equal(EntryType.Symlink, fs.LStat("/l").Type);
        Assert.Equal("f/", fs.ReadLink("/l"));
        Assert.Equal(Errno.ENOTDIR, Of(() => fs.Open("/l", OpenFlags.ReadOnly)));
        Assert.Equal(Errno.ENOTDIR, Of(() => fs.Open("/l", OpenFlags.WriteOnly)));
        Assert.Equal(Errno.ENOTDIR, Of(() => fs.Truncate("/l", 0)));
        Assert.False(fs.Exists("/l"));
        Assert.True(fs.Stat("/ld").IsDirectory);
        fs.Open("/l", OpenFlags.WriteOnly | OpenFlags.Create).Dispose(); // Linux lets O_CREAT open the existing file

        Assert.Equal(Errno.EISDIR, Of(() => fs.Open("/dang", OpenFlags.WriteOnly | OpenFlags.Create)));
        Assert.Equal(Errno.EEXIST, Of(() => fs.Open("/dang", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive)));
        Assert.Equal(Errno.ENOENT, Of(() => fs.Stat("/dang")));
        Assert.Equal(Errno.EEXIST, Of(() => fs.CreateDirectory("/dang2")));
        Assert.False(fs.Exists("/newfile"));
        fs.Rename("/l", "/l3");
        Assert.Equal("f/", fs.ReadLink("/l3"));
    }

    [Fact]
    public void RemovalPermissionsAreCheckedBeforeTheTypeAndEmptiness()
    {
        // As Linux's may_delete (checked as uid 1000): EACCES/EPERM before ENOTDIR, EISDIR and ENOTEMPTY.
        var fs = NewView();
        fs.CreateDirectory("/tmp");
        fs.Chmod("/tmp", (UnixFileMode)0x3FF); // 01777
        fs.CreateDirectories("/tmp/rootdir/x");
        fs.CreateDirectories("/tmp/mine/x");
        fs.Chown("/tmp/mine", 1000, 1000);
        fs.CreateDirectories("/rodir/sub/x");
        fs.WriteAllText("/rodir/f", "x");
        fs.CreateDirectories("/own/e");
        fs.CreateDirectories("/own/ne/x");
        fs.Chown("/own", 1000, 1000);
        var user = fs.WithCaller(1000, 1000);
        Errno Of(Action action) => Assert.Throws<FileSystemException>(action).Errno;

        Assert.Equal(Errno.EPERM, Of(() => user.RemoveDirectory("/tmp/rootdir")));
        Assert.Equal(Errno.EACCES, Of(() => user.RemoveDirectory("/rodir/sub")));
        Assert.Equal(Errno.EACCES, Of(() => user.RemoveDirectory("/rodir/f")));
        Assert.Equal(Errno.ENOENT, Of(() => user.RemoveDirectory("/rodir/none")));
        Assert.Equal(Errno.ENOENT, Of(() => user.Unlink("/rodir/none")));
        Assert.Equal(Errno.EACCES, Of(() => user.Unlink("/rodir/sub")));
        Assert.Equal(Errno.ENOTDIR, Of(() => user.Unlink("/rodir/f/")));
        Assert.Equal(Errno.ENOTEMPTY, Of(() => user.Rename("/own/e", "/own/ne")));
        Assert.Equal(Errno.ENOENT, Of(() => user.Rename("/rodir/none", "/own/z")));
        Assert.Equal(Errno.EACCES, Of(() => user.Rename("/own/e", "/rodir/sub")));
        Assert.Equal(Errno.EACCES, Of(() => user.Rename("/own/e", "/rodir/f")));
        Assert.Equal(Errno.EPERM, Of(() => user.Rename("/tmp/mine", "/tmp/rootdir")));
    }

    [Fact]
    public void StickyDirectoriesProtectOtherUsersFiles()
    {
        var fs = NewView();
        fs.CreateDirectory("/tmp", (UnixFileMode)0x3ff); // 01777
        var alice = fs.WithCaller(1000, 1000);
        var bob = fs.WithCaller(1001, 1001);
        alice.WriteAllText("/tmp/a", "a");
        Assert.Equal(Errno.EPERM, Assert.Throws<FileSystemException>(() => bob.Unlink("/tmp/a")).Errno);
        Assert.Equal(Errno.EPERM, Assert.Throws<FileSystemException>(() => bob.Rename("/tmp/a", "/tmp/b")).Errno);
        alice.Unlink("/tmp/a");
    }

    [Fact]
    public void NameChangesUpdateTheParentsMtime()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var fs = UnionFileSystem.CreateWritable(NewView().Lower, clock);
        clock.Advance(TimeSpan.FromHours(1));
        fs.WriteAllText("/etc/new", "n");
        Assert.Equal(clock.GetUtcNow(), fs.Stat("/etc").ModifiedAt);
        Assert.Equal(clock.GetUtcNow(), fs.Stat("/etc/new").ModifiedAt);
        clock.Advance(TimeSpan.FromHours(1));
        fs.Unlink("/etc/new");
        Assert.Equal(clock.GetUtcNow(), fs.Stat("/etc").ModifiedAt);
    }

    [Fact]
    public void HandlesSurviveRenameAndUnlink()
    {
        var fs = NewView();
        using var handle = fs.Open("/etc/passwd", OpenFlags.ReadWrite);
        fs.Rename("/etc/passwd", "/etc/passwd2");
        handle.Write(0, "ROOT"u8);
        Assert.Equal("ROOT:x:0:0", fs.ReadAllText("/etc/passwd2"));
        handle.SetLength(4);
        Assert.Equal("ROOT", fs.ReadAllText("/etc/passwd2"));
        fs.Unlink("/etc/passwd2");
        var buffer = new byte[4];
        Assert.Equal(4, handle.Read(0, buffer));
        handle.Dispose();
        Assert.Equal(Errno.EBADF, Assert.Throws<FileSystemException>(() => handle.Read(0, buffer)).Errno);
    }

    [Fact]
    public void ConcurrentWritersOnOneViewDoNotCorruptIt()
    {
        var fs = NewView();
        Parallel.For(0, 8, t =>
        {
            fs.CreateDirectory($"/t{t}");
            for (int i = 0; i < 200; i++)
            {
                fs.WriteAllText($"/t{t}/f{i}", $"{t}:{i}");
                fs.Append("/etc/log", "x"u8);
            }
        });
        Assert.Equal(1600, fs.ReadAllBytes("/etc/log").Length);
        Assert.Equal(200, fs.ReadDirectory("/t3").Count);
        Assert.Equal("5:7", fs.ReadAllText("/t5/f7"));
    }
}
