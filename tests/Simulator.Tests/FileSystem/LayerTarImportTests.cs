using System.Formats.Tar;
using System.Text;
using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

public sealed class LayerTarImportTests
{
    [Fact]
    public void ImportsFilesDirectoriesLinksWhiteoutsAndOpaqueMarkers()
    {
        var layer = Import(
            Dir("etc/"),
            File("etc/hosts", "127.0.0.1 localhost\n", mode: 0x1A4, uid: 3, gid: 4, mtime: 1_600_000_000),
            Symlink("etc/mtab", "/proc/mounts"),
            Link("etc/hosts2", "etc/hosts"),
            File("etc/.wh.shadow", ""),
            File("var/lib/.wh..wh..opq", ""),
            File(".wh.opt", ""));

        Assert.Equal(["/etc", "/etc/hosts", "/etc/hosts2", "/etc/mtab"], layer.Entries.Keys.Order(StringComparer.Ordinal));
        var hosts = layer.Entries["/etc/hosts"];
        Assert.Equal(EntryType.RegularFile, hosts.Type);
        Assert.Equal("127.0.0.1 localhost\n", Encoding.UTF8.GetString(hosts.Content.ReadAllBytes().Span));
        Assert.Equal((UnixFileMode)0x1A4, hosts.Mode);
        Assert.Equal(3, hosts.Uid);
        Assert.Equal(4, hosts.Gid);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_600_000_000), hosts.ModifiedAt);
        Assert.Equal("/proc/mounts", layer.Entries["/etc/mtab"].LinkTarget);
        Assert.Equal(new FileEntry { Type = EntryType.HardLink, LinkTarget = "/etc/hosts", Mode = FileEntry.DefaultFileMode, ModifiedAt = DateTimeOffset.UnixEpoch }, layer.Entries["/etc/hosts2"]);
        Assert.Equal(["/etc/shadow", "/opt"], layer.Whiteouts.Order(StringComparer.Ordinal));
        Assert.Equal(["/var/lib"], layer.OpaqueDirectories);
    }

    [Fact]
    public void PaxHeadersAsGoWritesThemAreRead()
    {
        var longName = "usr/share/" + new string('l', 150) + "/file";
        var mtime = DateTimeOffset.FromUnixTimeSeconds(1_650_000_000).AddMilliseconds(750);
        var layer = Import(
            Raw(new PaxTarEntry(TarEntryType.RegularFile, longName)
            {
                ModificationTime = mtime,
                Uid = 4_000_000,
                Mode = (UnixFileMode)0x1ED,
                DataStream = new MemoryStream("pax"u8.ToArray()),
            }),
            Raw(new PaxTarEntry(TarEntryType.SymbolicLink, "s") { LinkName = "/" + new string('t', 200), ModificationTime = mtime }),
            Raw(new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["comment"] = "ignored" })));

        var file = layer.Entries["/" + longName];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_650_000_000), file.ModifiedAt);
        Assert.Equal(4_000_000, file.Uid);
        Assert.Equal("pax", Encoding.UTF8.GetString(file.Content.ReadAllBytes().Span));
        Assert.Equal("/" + new string('t', 200), layer.Entries["/s"].LinkTarget);
        Assert.Equal(2, layer.Entries.Count);
    }

    [Theory]
    [InlineData("/etc/x")]
    [InlineData("./etc/x")]
    [InlineData("etc//./x")]
    [InlineData("//etc/x/")]
    [InlineData("etc/y/../x")]
    public void NamesAreCleanedAndTakenFromTheRoot(string name)
    {
        var layer = Import(File(name, "x"));

        Assert.Equal(["/etc/x"], layer.Entries.Keys);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("..")]
    [InlineData("./../etc/passwd")]
    [InlineData("/../x")]
    public void NamesClimbingAboveTheRootAreRefused(string name)
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => Import(File("ok", "fine"), File(name, "x")));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal($"invalid entry name \"{name}\"", ex.Message);
    }

    [Fact]
    public void HardLinkEscapingTheRootIsRefused()
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => Import(File("etc/passwd", "root"), Link("evil", "../../etc/passwd")));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal("invalid hardlink target \"../../etc/passwd\"", ex.Message);
        Assert.Throws<DockerSimulatorException>(() => Import(File("etc/passwd", "root"), Link("evil", "/../etc/passwd")));
        Assert.Throws<DockerSimulatorException>(() => Import(File("etc/passwd", "root"), Link("evil", "etc/../..")));
    }

    [Fact]
    public void HardLinkToAMissingOrDirectoryTargetIsRefused()
    {
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() => Import(Link("l", "nowhere"))).Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() => Import(Dir("d/"), Link("l", "d"))).Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() => Import(Link("l", "l"))).Kind);

        // A target later in the archive is not there yet when go-archive links.
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() => Import(Link("l", "f"), File("f", "x"))).Kind);
    }

    [Fact]
    public void AbsoluteHardLinkTargetIsTakenFromTheRoot()
    {
        var layer = Import(File("etc/passwd", "root"), Link("p", "/etc/passwd"));

        Assert.Equal("/etc/passwd", layer.Entries["/p"].LinkTarget);
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("../../../..")]
    [InlineData("../../etc")]
    public void EntryBeneathASymlinkOfTheSameArchiveIsRefused(string target)
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => Import(Symlink("a", target), File("a/passwd", "pwned")));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains("symlink", ex.Message, StringComparison.Ordinal);

        Assert.Throws<DockerSimulatorException>(() => Import(Symlink("a", target), File("a/.wh.x", "")));
        Assert.Throws<DockerSimulatorException>(() => Import(Symlink("a", target), Dir("a/b/"), File("a/b/c", "")));
    }

    [Fact]
    public void SymlinkTargetsAreDataAndMayPointAnywhere()
    {
        var layer = Import(Symlink("up", "../../../etc/passwd"), Symlink("abs", "/etc/passwd"));

        Assert.Equal("../../../etc/passwd", layer.Entries["/up"].LinkTarget);
        Assert.Equal("/etc/passwd", layer.Entries["/abs"].LinkTarget);
    }

    [Fact]
    public void EntryBeneathAFileIsRefusedButAReplacedSymlinkIsFine()
    {
        Assert.Throws<DockerSimulatorException>(() => Import(File("f", "x"), File("f/g", "y")));

        var layer = Import(Symlink("a", "/etc"), Dir("a/"), File("a/x", "ok"));
        Assert.Equal(EntryType.Directory, layer.Entries["/a"].Type);
        Assert.True(layer.Entries.ContainsKey("/a/x"));
    }

    [Fact]
    public void LaterEntryReplacesEarlierAndANonDirectoryRemovesWhatWasBeneath()
    {
        var layer = Import(Dir("d/"), File("d/x", "1"), File("d/sub/y", "2"), File("d", "now a file"), File("e", "1"), File("e", "2"));

        Assert.Equal(["/d", "/e"], layer.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(EntryType.RegularFile, layer.Entries["/d"].Type);
        Assert.Equal("2", Encoding.UTF8.GetString(layer.Entries["/e"].Content.ReadAllBytes().Span));

        var merged = Import(Dir("d/", mode: 0x1ED), File("d/x", "1"), Dir("d/", mode: 0x1C0));
        Assert.Equal((UnixFileMode)0x1C0, merged.Entries["/d"].Mode);
        Assert.True(merged.Entries.ContainsKey("/d/x"));
    }

    [Theory]
    [InlineData("dir/.wh.")]
    [InlineData(".wh.")]
    [InlineData("dir/.wh..")]
    [InlineData("dir/.wh...")]
    public void BareWhiteoutIsRefused(string name)
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => Import(File(name, "")));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal($"invalid whiteout entry \"{name}\"", ex.Message);
    }

    [Fact]
    public void OtherReservedNamesAreIgnoredAndPlnkFilesBackHardLinks()
    {
        var layer = Import(
            File(".wh..wh.plnk/1234", "shared content", mode: 0x1ED, uid: 9),
            File(".wh..wh.aufs", ""),
            File("d/.wh..wh.other", ""),
            Link("bin/tool", ".wh..wh.plnk/1234"));

        Assert.Equal(["/bin/tool"], layer.Entries.Keys);
        Assert.Empty(layer.Whiteouts);
        var tool = layer.Entries["/bin/tool"];
        Assert.Equal(EntryType.RegularFile, tool.Type);
        Assert.Equal("shared content", Encoding.UTF8.GetString(tool.Content.ReadAllBytes().Span));
        Assert.Equal(9, tool.Uid);
    }

    [Fact]
    public void RootOpaqueMarkerAndRootDirectoryAreKept()
    {
        var layer = Import(Dir("./", mode: 0x1ED), File(".wh..wh..opq", ""));

        Assert.Equal(["/"], layer.Entries.Keys);
        Assert.Equal(["/"], layer.OpaqueDirectories);
        Assert.Throws<DockerSimulatorException>(() => Import(File("./", "")));
    }

    [Fact]
    public void DevicesAndFifosAreSkippedButStillCheckedForEscapes()
    {
        var layer = Import(
            Raw(new UstarTarEntry(TarEntryType.CharacterDevice, "dev/null") { DeviceMajor = 1, DeviceMinor = 3 }),
            Raw(new UstarTarEntry(TarEntryType.Fifo, "run/fifo")),
            File("ok", "x"));

        Assert.Equal(["/ok"], layer.Entries.Keys);
        Assert.Throws<DockerSimulatorException>(() => Import(Raw(new UstarTarEntry(TarEntryType.Fifo, "../fifo"))));
    }

    [Fact]
    public void UnsupportedTypesAndGarbageAreRefused()
    {
        // System.Formats.Tar will not write typeflag '7' (contiguous file): patch a regular file's header.
        var tar = LayerTarTests.Export(Layer.Create([new("/c", FileEntry.File("x"))]));
        tar[156] = (byte)'7';
        tar.AsSpan(148, 8).Fill((byte)' ');
        int sum = 0;
        foreach (var b in tar.AsSpan(0, 512))
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ", tar.AsSpan(148, 8));
        var contiguous = Assert.Throws<DockerSimulatorException>(() => Layer.FromTar(new MemoryStream(tar)));
        Assert.Equal(ErrorKind.InvalidArgument, contiguous.Kind);
        Assert.Contains("unhandled tar header type", contiguous.Message, StringComparison.Ordinal);

        var garbage = new byte[1024];
        garbage.AsSpan().Fill((byte)'x');
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() => Layer.FromTar(new MemoryStream(garbage))).Kind);

        var truncated = LayerTarTests.Export(Layer.Create([new("/f", FileEntry.File(new string('a', 2000)))]))[..1000];
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() => Layer.FromTar(new MemoryStream(truncated))).Kind);
    }

    [Fact]
    public void ImportReadsFromANonSeekableStream()
    {
        var tar = LayerTarTests.Export(LayerTarTests.Sample());

        var layer = Layer.FromTar(new NonSeekable(new MemoryStream(tar)));

        LayerTarTests.AssertSameLayer(LayerTarTests.Sample(), layer);
    }

    [Fact]
    public async Task FromTarAsyncReadsTheSameLayerAndRefusesTheSameArchives()
    {
        var tar = LayerTarTests.Export(LayerTarTests.Sample());

        var layer = await Layer.FromTarAsync(new NonSeekable(new MemoryStream(tar)), TestContext.Current.CancellationToken);

        LayerTarTests.AssertSameLayer(LayerTarTests.Sample(), layer);
        var escaping = new MemoryStream();
        using (var writer = new TarWriter(escaping, leaveOpen: true))
        {
            File("../x", "x")(writer);
        }

        escaping.Position = 0;
        var ex = await Assert.ThrowsAsync<DockerSimulatorException>(() => Layer.FromTarAsync(escaping, TestContext.Current.CancellationToken));
        Assert.Equal("invalid entry name \"../x\"", ex.Message);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Layer.FromTarAsync(new MemoryStream(tar), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void EmptyArchiveIsTheEmptyLayer()
    {
        Assert.Same(Layer.Empty, Layer.FromTar(new MemoryStream(new byte[1024])));
        Assert.Same(Layer.Empty, Layer.FromTar(new MemoryStream()));
    }

    [Theory]
    [InlineData("a\0b", null)]
    [InlineData("dir/a\0", null)]
    [InlineData("s", "target\0rest")]
    public void NulInANameOrLinkNameIsInvalidArgument(string name, string? linkName)
    {
        var entry = linkName is null
            ? new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream([1]) }
            : new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = linkName };
        var ex = Assert.Throws<DockerSimulatorException>(() => Import(Raw(entry)));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains("NUL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NulInAHardLinkNameIsInvalidArgument()
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => Import(File("f", "x"), Raw(new PaxTarEntry(TarEntryType.HardLink, "l") { LinkName = "f\0" })));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }

    [Fact]
    public async Task AHugeClaimedSizeIsNotAllocatedUpFrontAndATruncatedBodyIsInvalid()
    {
        // A 1,536-byte archive whose header claims 0x7FFFFF00 bytes.
        var tar = OneEntryTar(header =>
        {
            Encoding.ASCII.GetBytes(Convert.ToString(0x7FFFFF00, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        });
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<DockerSimulatorException>(() => Layer.FromTar(new NonSeekable(new MemoryStream(tar))));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64_000_000, "the claimed size was allocated");
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal("unexpected EOF", ex.Message);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() => Layer.FromTar(new MemoryStream(tar))).Kind);

        var asyncEx = await Assert.ThrowsAsync<DockerSimulatorException>(() => Layer.FromTarAsync(new NonSeekable(new MemoryStream(tar)), TestContext.Current.CancellationToken));
        Assert.Equal(ErrorKind.InvalidArgument, asyncEx.Kind);
    }

    [Fact]
    public async Task LargeFilesAreReadWholeInChunks()
    {
        var data = new byte[3_000_000];
        new Random(7).NextBytes(data);
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "big") { DataStream = new MemoryStream(data) });
        }

        Assert.Equal(data, Layer.FromTar(new NonSeekable(new MemoryStream(stream.ToArray()))).Entries["/big"].Content.ReadAllBytes().ToArray());
        var layer = await Layer.FromTarAsync(new NonSeekable(new MemoryStream(stream.ToArray())), TestContext.Current.CancellationToken);
        Assert.Equal(data, layer.Entries["/big"].Content.ReadAllBytes().ToArray());
    }

    [Fact]
    public async Task SparseEntriesAreAnUnhandledHeaderType()
    {
        var tar = OneEntryTar(header => header[156] = (byte)'S');
        var ex = Assert.Throws<DockerSimulatorException>(() => Layer.FromTar(new MemoryStream(tar)));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.StartsWith("unhandled tar header type", ex.Message, StringComparison.Ordinal);
        var asyncEx = await Assert.ThrowsAsync<DockerSimulatorException>(() => Layer.FromTarAsync(new MemoryStream(tar), TestContext.Current.CancellationToken));
        Assert.Equal(ErrorKind.InvalidArgument, asyncEx.Kind);
    }

    [Fact]
    public void AHardLinkKeepsTheFileItLinkedWhenALaterEntryReplacesTheTarget()
    {
        // go-archive: RemoveAll("b") then create a new "b"; "a" still holds the old inode.
        var layer = Import(File("b", "old"), Link("a", "b"), Link("c", "b"), File("b", "new"));
        var view = UnionFileSystem.CreateReadOnly(LayerStack.Create([layer]));
        Assert.Equal("old", view.ReadAllText("/a"));
        Assert.Equal("old", view.ReadAllText("/c"));
        Assert.Equal("new", view.ReadAllText("/b"));
        Assert.Equal(EntryType.RegularFile, layer.Entries["/a"].Type);
        Assert.Equal("/a", layer.Entries["/c"].LinkTarget);
        Assert.Equal(layer.DiffId, RoundTrip(layer).DiffId);
    }

    [Fact]
    public void AHardLinkKeepsTheFileItLinkedWhenADirectoryReplacesTheTarget()
    {
        var layer = Import(File("b", "old"), Link("a", "b"), Dir("b/"), File("b/c", "y"));
        var stack = LayerStack.Empty.Push(layer); // used to fail: "hard link target /b does not exist"
        var view = UnionFileSystem.CreateReadOnly(stack);
        Assert.Equal("old", view.ReadAllText("/a"));
        Assert.Equal("y", view.ReadAllText("/b/c"));
        Assert.Equal(EntryType.RegularFile, layer.Entries["/a"].Type);

        var removedByDir = Import(File("b", "old"), Link("a", "b"), Dir("b/"));
        Assert.Equal("old", UnionFileSystem.CreateReadOnly(LayerStack.Empty.Push(removedByDir)).ReadAllText("/a"));
    }

    [Fact]
    public void AHardLinkToAReplacedLinkFollowsItsTarget()
    {
        var layer = Import(File("f", "x"), Link("b", "f"), Link("a", "b"), File("b", "new"));
        var view = UnionFileSystem.CreateReadOnly(LayerStack.Empty.Push(layer));
        Assert.Equal("x", view.ReadAllText("/a"));
        Assert.Equal("/f", layer.Entries["/a"].LinkTarget);
        Assert.Equal("new", view.ReadAllText("/b"));
    }

    [Fact]
    public void AFileReplacingADirectoryDropsTheWhiteoutsAndOpaqueMarkersBeneathIt()
    {
        var layer = Import(Dir("a/"), File("a/.wh.x", ""), Dir("a/d/"), File("a/d/.wh..wh..opq", ""), File("a/d/f", "f"), File("a", "file"));
        Assert.Empty(layer.Whiteouts);
        Assert.Empty(layer.OpaqueDirectories);
        Assert.Equal(["/a"], layer.Entries.Keys);
        var back = RoundTrip(layer);
        Assert.Equal(layer.DiffId, back.DiffId);

        // Whiteouts elsewhere, and of the replaced path itself, stay.
        var kept = Import(File(".wh.a", ""), Dir("a/"), File("a/.wh.x", ""), File("b/.wh.y", ""), File("a", "file"));
        Assert.Equal(["/a", "/b/y"], kept.Whiteouts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LayerCreateRefusesWhiteoutsAndOpaqueDirectoriesBeneathANonDirectory()
    {
        var file = KeyValuePair.Create("/a", FileEntry.File("x"));
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() => Layer.Create([file], whiteouts: ["/a/x"])).Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() => Layer.Create([file], whiteouts: ["/a/b/x"])).Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() => Layer.Create([file], opaqueDirectories: ["/a"])).Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DockerSimulatorException>(() =>
            Layer.Create([KeyValuePair.Create("/s", FileEntry.Symlink("/d"))], opaqueDirectories: ["/s/e"])).Kind);
        var fine = Layer.Create([file], whiteouts: ["/a", "/b/x"], opaqueDirectories: ["/b"]);
        Assert.Equal(fine.DiffId, RoundTrip(fine).DiffId);
    }

    [Fact]
    public void LinksIntoADirectoryReplacedByAFileKeepTheirFilesThroughLinkChains()
    {
        // d/t, d/l2 -> d/t, d/l1 -> d/l2, x -> d/l1, then "d" becomes a file: x keeps t's content.
        var layer = Import(Dir("d/"), File("d/t", "t"), Link("d/l2", "d/t"), Link("d/l1", "d/l2"), Link("x", "d/l1"), Link("y", "d/t"), File("d", "file"));
        var view = UnionFileSystem.CreateReadOnly(LayerStack.Empty.Push(layer));
        Assert.Equal("t", view.ReadAllText("/x"));
        Assert.Equal("t", view.ReadAllText("/y"));
        Assert.Equal("file", view.ReadAllText("/d"));
        Assert.Equal(EntryType.RegularFile, layer.Entries["/x"].Type);
        Assert.Equal("/x", layer.Entries["/y"].LinkTarget);
    }

    private static Layer RoundTrip(Layer layer)
    {
        var stream = new MemoryStream();
        layer.WriteTar(stream);
        stream.Position = 0;
        return Layer.FromTar(stream);
    }

    /// <summary>A ustar archive of one small regular file <c>f</c> whose header is edited (the checksum is recomputed).</summary>
    private static byte[] OneEntryTar(Action<byte[]> editHeader)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "f") { DataStream = new MemoryStream("x"u8.ToArray()) });
        }

        var tar = stream.ToArray();
        var header = tar.AsSpan(0, 512).ToArray();
        editHeader(header);
        header.AsSpan(148, 8).Fill((byte)' ');
        int sum = 0;
        foreach (var b in header)
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        header.CopyTo(tar, 0);
        return tar;
    }

    private static Layer Import(params Action<TarWriter>[] writes)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var write in writes)
            {
                write(writer);
            }
        }

        stream.Position = 0;
        return Layer.FromTar(stream);
    }

    private static Action<TarWriter> Raw(TarEntry entry) => w => w.WriteEntry(entry);

    private static Action<TarWriter> File(string name, string text, int mode = 0x1A4, int uid = 0, int gid = 0, long mtime = 0) => w =>
    {
        var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = (UnixFileMode)mode,
            Uid = uid,
            Gid = gid,
            ModificationTime = DateTimeOffset.FromUnixTimeSeconds(mtime),
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
        };
        w.WriteEntry(entry);
    };

    private static Action<TarWriter> Dir(string name, int mode = 0x1ED) => w =>
        w.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)mode, ModificationTime = DateTimeOffset.UnixEpoch });

    private static Action<TarWriter> Symlink(string name, string target) => w =>
        w.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = FileEntry.SymlinkMode, ModificationTime = DateTimeOffset.UnixEpoch });

    private static Action<TarWriter> Link(string name, string target) => w =>
        w.WriteEntry(new UstarTarEntry(TarEntryType.HardLink, name) { LinkName = target, Mode = FileEntry.DefaultFileMode, ModificationTime = DateTimeOffset.UnixEpoch });

    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 100));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class LayerTarErrorTextTests
{
    [Fact]
    public void Garbage_is_go_archive_tars_invalid_header_or_unexpected_eof()
    {
        var garbage = Assert.Throws<DockerSimulatorException>(() => Layer.FromTar(new MemoryStream("garbage"u8.ToArray())));
        Assert.Contains(garbage.Message, new[] { "unexpected EOF", "archive/tar: invalid tar header" });
    }
}
