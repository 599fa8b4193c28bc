using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>File sizes, IDs, names and modes at and past their limits: errno values, never .NET argument or overflow exceptions.</summary>
public sealed class UnionLimitsTests
{
    private static Errno ErrnoOf(Action action) => Assert.Throws<FileSystemException>(action).Errno;

    [Fact]
    public void TruncatingPastTheLargestFileIsEfbigAndNegativeIsEinval()
    {
        var fs = UnionFileSystem.CreateEmpty();
        fs.WriteAllText("/f", "abc");
        Assert.Equal(Errno.EFBIG, ErrnoOf(() => fs.Truncate("/f", long.MaxValue)));
        Assert.Equal(Errno.EFBIG, ErrnoOf(() => fs.Truncate("/f", 1L << 40)));
        Assert.Equal(Errno.EINVAL, ErrnoOf(() => fs.Truncate("/f", -1)));
        using var handle = fs.Open("/f", OpenFlags.ReadWrite);
        Assert.Equal(Errno.EFBIG, ErrnoOf(() => handle.SetLength(long.MaxValue)));
        Assert.Equal(Errno.EINVAL, ErrnoOf(() => handle.SetLength(-1)));
        Assert.Equal("abc", fs.ReadAllText("/f"));
    }

    [Fact]
    public void ALargeSyntheticFileCanBeTruncatedToItsOwnSizeOnly()
    {
        var fs = UnionFileSystem.CreateEmpty();
        fs.WriteContent("/syn", FileContent.Synthetic(3L << 30, 1));
        fs.Truncate("/syn", 3L << 30);
        using (var handle = fs.Open("/syn", OpenFlags.ReadWrite))
        {
            handle.SetLength(3L << 30);
            Assert.Equal(Errno.EFBIG, ErrnoOf(() => handle.Write(0, "x"u8)));
        }

        Assert.Equal(Errno.EFBIG, ErrnoOf(() => fs.Truncate("/syn", (3L << 30) - 1)));
        Assert.Equal(3L << 30, fs.Stat("/syn").Size);
    }

    [Fact]
    public void WritingWithAnOverflowingOrHugeEndFailsWithAnErrno()
    {
        var fs = UnionFileSystem.CreateEmpty();
        fs.WriteAllText("/f", "abc");
        Assert.Equal(Errno.EINVAL, ErrnoOf(() => fs.Write("/f", long.MaxValue, "xy"u8)));
        Assert.Equal(Errno.EINVAL, ErrnoOf(() => fs.Write("/f", long.MaxValue - 1, "xy"u8)));
        Assert.Equal(Errno.EFBIG, ErrnoOf(() => fs.Write("/f", long.MaxValue - 2, "xy"u8)));
        Assert.Equal(Errno.EFBIG, ErrnoOf(() => fs.Write("/f", 1L << 40, "x"u8)));
        Assert.Equal(Errno.EINVAL, ErrnoOf(() => fs.Write("/f", -1, "x"u8)));
        using var handle = fs.Open("/f", OpenFlags.WriteOnly);
        Assert.Equal(Errno.EINVAL, ErrnoOf(() => handle.Write(-1, "x"u8)));
        Assert.Equal(Errno.EFBIG, ErrnoOf(() => handle.Write(int.MaxValue, "x"u8)));
        Assert.Equal("abc", fs.ReadAllText("/f"));
        Assert.Equal(Errno.ENOENT, ErrnoOf(() => fs.Write("/none", -1, "x"u8))); // open first, as pwrite after open
    }

    [Fact]
    public void WritingNoBytesPastTheEndDoesNotExtendTheFile()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var fs = UnionFileSystem.CreateEmpty(time);
        fs.WriteAllText("/f", "abc");
        time.Advance(TimeSpan.FromHours(1));
        fs.Write("/f", 100, ReadOnlySpan<byte>.Empty);
        fs.Write("/f", long.MaxValue, ReadOnlySpan<byte>.Empty);
        Assert.Equal(3, fs.Stat("/f").Size);
        Assert.Equal(DateTimeOffset.UnixEpoch, fs.Stat("/f").ModifiedAt); // pwrite of 0 bytes changes nothing
        Assert.Equal("abc", fs.ReadAllText("/f"));
    }

    [Fact]
    public void NulInAPathOrSymlinkTargetIsRefusedAsDotNetDoes()
    {
        var fs = UnionFileSystem.CreateEmpty();
        fs.WriteAllText("/f", "x");
        Assert.Equal("Null character in path. (Parameter 'path')", Assert.Throws<ArgumentException>(() => fs.WriteAllText("/a\0b", "x")).Message);
        Assert.Throws<ArgumentException>(() => fs.CreateDirectory("/d\0"));
        Assert.Throws<ArgumentException>(() => fs.Stat("/f\0"));
        Assert.Throws<ArgumentException>(() => fs.Rename("/f", "/g\0"));
        Assert.Throws<ArgumentException>(() => fs.Link("/f", "/g\0"));
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => fs.CreateSymlink("/f\0x", "/s")).ParamName);
        Assert.Throws<ArgumentException>(() => fs.Mount("/m\0", UnionFileSystem.CreateEmpty()));
        Assert.False(fs.Exists("/f\0"));
        Assert.Equal(["f"], fs.ReadDirectory("/"));
    }

    [Fact]
    public void LayerCreateRefusesNulInPathsAndLinkTargets()
    {
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() =>
            Layer.Create([KeyValuePair.Create("/a\0b", FileEntry.File("x"))])).Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() =>
            Layer.Create([KeyValuePair.Create("/s", FileEntry.Symlink("t\0"))])).Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() =>
            Layer.Create([], whiteouts: ["/w\0"])).Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() =>
            Layer.Create([], opaqueDirectories: ["/o\0"])).Kind);
    }

    [Fact]
    public void CreatedEntriesKeepOnlyThePermissionBitsOfTheirMode()
    {
        var fs = UnionFileSystem.CreateEmpty();
        var typeBits = (UnixFileMode)0x81A4; // S_IFREG | 0644
        fs.WriteAllText("/f", "x", typeBits);
        fs.CreateDirectory("/d", (UnixFileMode)0x41ED); // S_IFDIR | 0755
        fs.CreateDirectories("/e/f", (UnixFileMode)0xF1ED);
        using (fs.Open("/o", OpenFlags.WriteOnly | OpenFlags.Create, (UnixFileMode)0x1FFFF))
        {
        }

        Assert.Equal((UnixFileMode)0x1A4, fs.Stat("/f").Mode);
        Assert.Equal((UnixFileMode)0x1ED, fs.Stat("/d").Mode);
        Assert.Equal((UnixFileMode)0x1ED, fs.Stat("/e/f").Mode);
        Assert.Equal((UnixFileMode)0xFFF, fs.Stat("/o").Mode);

        // The commit re-applied gives the same tree.
        var again = UnionFileSystem.CreateReadOnly(fs.Lower.Push(fs.CommitLayer()));
        foreach (var path in new[] { "/f", "/d", "/e/f", "/o" })
        {
            Assert.Equal(fs.Stat(path).Mode, again.Stat(path).Mode);
        }
    }

    [Fact]
    public void LayerCreateKeepsOnlyThePermissionBits()
    {
        var layer = Layer.Create(
        [
            KeyValuePair.Create("/f", FileEntry.File("x") with { Mode = (UnixFileMode)0x81A4 }),
            KeyValuePair.Create("/d", FileEntry.Directory() with { Mode = (UnixFileMode)0x4FFFF }),
        ]);
        Assert.Equal((UnixFileMode)0x1A4, layer.Entries["/f"].Mode);
        Assert.Equal((UnixFileMode)0xFFF, layer.Entries["/d"].Mode);
        var view = UnionFileSystem.CreateReadOnly(LayerStack.Create([layer]));
        var back = Layer.FromTar(TarOf(layer));
        Assert.Equal(view.Stat("/f").Mode, back.Entries["/f"].Mode);
        Assert.Equal(view.Stat("/d").Mode, back.Entries["/d"].Mode);
    }

    private static MemoryStream TarOf(Layer layer)
    {
        var stream = new MemoryStream();
        layer.WriteTar(stream);
        stream.Position = 0;
        return stream;
    }

    [Theory]
    [InlineData(OpenFlags.WriteOnly | OpenFlags.Truncate)]
    [InlineData(OpenFlags.ReadOnly | OpenFlags.Truncate)]
    [InlineData(OpenFlags.ReadWrite | OpenFlags.Create | OpenFlags.Truncate)]
    public void TruncatingAnEmptyLowerFileSetsItsMtimeAndCopiesItUp(OpenFlags flags)
    {
        var lower = LayerStack.Create([Layer.Create([KeyValuePair.Create("/empty", FileEntry.File("") with { ModifiedAt = DateTimeOffset.UnixEpoch })])]);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var fs = UnionFileSystem.CreateWritable(lower, time);
        using (fs.Open("/empty", flags))
        {
        }

        Assert.Equal(time.GetUtcNow(), fs.Stat("/empty").ModifiedAt);
        Assert.Equal([new FileChange(ChangeKind.Modified, "/empty")], fs.GetChanges());
    }

    [Fact]
    public void PathAndSymlinkTargetLimitsCountUtf8Bytes()
    {
        // Linux: a name of 255 bytes and a path or symlink target of 4095 bytes are fine, one byte more is ENAMETOOLONG.
        var fs = UnionFileSystem.CreateEmpty();
        fs.WriteAllText("/" + new string('é', 127) + "a", "x"); // 255 bytes
        Assert.Equal(Errno.ENAMETOOLONG, ErrnoOf(() => fs.WriteAllText("/" + new string('é', 128), "x"))); // 256 bytes
        Assert.Equal(Errno.ENOENT, ErrnoOf(() => fs.Stat("/none" + new string('/', 4090)))); // 4095 bytes
        fs.Stat(new string('/', 4095));
        Assert.Equal(Errno.ENAMETOOLONG, ErrnoOf(() => fs.Stat(new string('/', 4096))));
        var dirs = string.Concat(Enumerable.Repeat("/" + new string('é', 100), 20)); // 20 x 201 = 4020 bytes, 2020 chars
        Assert.Equal(Errno.ENAMETOOLONG, ErrnoOf(() => fs.Stat(dirs + dirs)));
        Assert.Equal(Errno.ENOENT, ErrnoOf(() => fs.Stat(dirs)));

        fs.CreateSymlink(new string('a', 4095), "/ok");
        Assert.Equal(Errno.ENAMETOOLONG, ErrnoOf(() => fs.CreateSymlink(new string('a', 4096), "/long")));
        Assert.Equal(Errno.ENAMETOOLONG, ErrnoOf(() => fs.CreateSymlink(new string('é', 2048), "/ok"))); // before EEXIST
        Assert.Equal(4095, fs.ReadLink("/ok").Length);
    }

    [Fact]
    public void ChownClearsSetUserIdOfRegularFilesEvenForRoot()
    {
        // Checked on Linux as root: chown (even to -1, -1) clears S_ISUID, and S_ISGID when group-executable.
        var fs = UnionFileSystem.CreateEmpty();
        fs.WriteAllText("/a", "x", (UnixFileMode)0xDED); // 06755
        fs.WriteAllText("/b", "x", (UnixFileMode)0xDE5); // 06745
        fs.CreateDirectory("/d", (UnixFileMode)0xDED);
        fs.Chown("/a", -1, -1);
        fs.Chown("/b", 1000, -1);
        fs.Chown("/d", 1000, -1);
        Assert.Equal((UnixFileMode)0x1ED, fs.Stat("/a").Mode);
        Assert.Equal((UnixFileMode)0x5E5, fs.Stat("/b").Mode); // 02745
        Assert.Equal((UnixFileMode)0xDED, fs.Stat("/d").Mode);
    }

    [Fact]
    public void WritesAndTruncatesByNonRootClearSetUserId()
    {
        // Checked on Linux as uid 1000: a write (owner or not), truncate or O_TRUNC clears S_ISUID (and S_ISGID when
        // group-executable); writing no bytes, or writing as root, does not.
        var fs = UnionFileSystem.CreateEmpty();
        foreach (var name in new[] { "own", "own2", "other", "trunc", "otrunc", "empty", "root" })
        {
            fs.WriteAllText("/" + name, "abc", name == "own2" ? (UnixFileMode)0xDE5 : (UnixFileMode)0xDFF);
            fs.Chown("/" + name, name == "other" ? 0 : 1000, 1000);
            fs.Chmod("/" + name, name == "own2" ? (UnixFileMode)0xDE5 : (UnixFileMode)0xDFF);
        }

        var user = fs.WithCaller(1000, 1000);
        user.Write("/own", 0, "x"u8);
        user.Write("/own2", 0, "x"u8);
        user.Write("/other", 0, "x"u8);
        user.Truncate("/trunc", 1);
        user.Open("/otrunc", OpenFlags.WriteOnly | OpenFlags.Truncate).Dispose();
        user.Write("/empty", 0, ReadOnlySpan<byte>.Empty);
        fs.Write("/root", 0, "x"u8);
        Assert.Equal((UnixFileMode)0x1FF, fs.Stat("/own").Mode);
        Assert.Equal((UnixFileMode)0x5E5, fs.Stat("/own2").Mode);
        Assert.Equal((UnixFileMode)0x1FF, fs.Stat("/other").Mode);
        Assert.Equal((UnixFileMode)0x1FF, fs.Stat("/trunc").Mode);
        Assert.Equal((UnixFileMode)0x1FF, fs.Stat("/otrunc").Mode);
        Assert.Equal((UnixFileMode)0xDFF, fs.Stat("/empty").Mode);
        Assert.Equal((UnixFileMode)0xDFF, fs.Stat("/root").Mode);
    }

    [Fact]
    public void ChmodByANonRootOwnerOutsideTheGroupDropsSetGroupId()
    {
        // Checked on Linux as uid/gid 1000: chmod 2755 of an own file of group 50 gives 0755; of group 1000 gives 2755.
        var fs = UnionFileSystem.CreateEmpty();
        fs.WriteAllText("/other-group", "x");
        fs.Chown("/other-group", 1000, 50);
        fs.CreateDirectory("/dir");
        fs.Chown("/dir", 1000, 50);
        fs.WriteAllText("/own-group", "x");
        fs.Chown("/own-group", 1000, 1000);
        var user = fs.WithCaller(1000, 1000);
        user.Chmod("/other-group", (UnixFileMode)0x5ED);
        user.Chmod("/dir", (UnixFileMode)0x5ED);
        user.Chmod("/own-group", (UnixFileMode)0x5ED);
        Assert.Equal((UnixFileMode)0x1ED, fs.Stat("/other-group").Mode);
        Assert.Equal((UnixFileMode)0x1ED, fs.Stat("/dir").Mode);
        Assert.Equal((UnixFileMode)0x5ED, fs.Stat("/own-group").Mode);
        fs.Chmod("/other-group", (UnixFileMode)0x5ED); // root may
        Assert.Equal((UnixFileMode)0x5ED, fs.Stat("/other-group").Mode);
    }

    [Fact]
    public void EntriesCreatedInASetGroupIdDirectoryTakeItsGroup()
    {
        // Checked on Linux as uid/gid 1000 in a 02777 directory of group 50: every new entry has group 50, a new
        // directory is set-group-ID, and a requested 02775 file loses set-group-ID (not in group 50).
        var fs = UnionFileSystem.CreateEmpty();
        fs.CreateDirectory("/shared", (UnixFileMode)0x5FF); // 02777
        fs.Chown("/shared", 0, 50);
        var user = fs.WithCaller(1000, 1000);
        user.CreateDirectory("/shared/sub", (UnixFileMode)0x1ED);
        user.WriteAllText("/shared/f", "x");
        user.CreateSymlink("x", "/shared/s");
        user.Open("/shared/g", OpenFlags.WriteOnly | OpenFlags.Create, (UnixFileMode)0x5FD).Dispose();
        Assert.Equal((50, (UnixFileMode)0x5ED), (fs.Stat("/shared/sub").Gid, fs.Stat("/shared/sub").Mode));
        Assert.Equal((50, (UnixFileMode)0x1A4), (fs.Stat("/shared/f").Gid, fs.Stat("/shared/f").Mode));
        Assert.Equal(50, fs.LStat("/shared/s").Gid);
        Assert.Equal((50, (UnixFileMode)0x1FD), (fs.Stat("/shared/g").Gid, fs.Stat("/shared/g").Mode));
        fs.CreateDirectory("/open", (UnixFileMode)0x1FF);
        fs.Chown("/open", 0, 50);
        user.CreateDirectory("/open/mine");
        Assert.Equal((1000, (UnixFileMode)0x1ED), (fs.Stat("/open/mine").Gid, fs.Stat("/open/mine").Mode));
    }
}
