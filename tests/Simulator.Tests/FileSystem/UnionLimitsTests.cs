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
}
