using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Simulator.FileSystem;
using Simulator.References;

namespace Simulator.Tests.FileSystem;

public sealed class LayerTarTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void EmptyLayerIs1024ZeroBytesWithDockersEmptyLayerDiffId()
    {
        var bytes = Export(Layer.Empty);

        Assert.Equal(new byte[1024], bytes);
        Assert.Equal("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef", Layer.Empty.DiffId.ToString());
        Assert.Equal(1024, Layer.Empty.TarLength);
        Assert.Equal(Layer.Empty.DiffId, Layer.Create([]).DiffId);
    }

    [Fact]
    public void DiffIdIsTheDigestOfTheExportedTar()
    {
        var layer = Sample();
        var bytes = Export(layer);

        Assert.Equal(Digest.Compute(bytes), layer.DiffId);
        Assert.Equal(bytes.Length, layer.TarLength);
        Assert.Equal(0, bytes.Length % 512);
    }

    [Fact]
    public void ExportIsDeterministicWhateverTheInsertionOrder()
    {
        var layer = Sample();
        var reversed = Layer.Create(layer.Entries.Reverse(), layer.Whiteouts.Reverse(), layer.OpaqueDirectories.Reverse());

        Assert.Equal(Export(layer), Export(layer));
        Assert.Equal(Export(layer), Export(reversed));
        Assert.Equal(layer.DiffId, reversed.DiffId);
    }

    [Fact]
    public void ExportWritesSortedRelativeNamesAndMetadata()
    {
        var layer = Layer.Create(
        [
            new("/usr/bin/tool", FileEntry.File("#!/bin/sh\n", (UnixFileMode)0x1ED) with { Uid = 1000, Gid = 100, ModifiedAt = T0.AddMilliseconds(900) }),
            new("/usr", FileEntry.Directory() with { ModifiedAt = T0 }),
            new("/usr/bin", FileEntry.Directory() with { ModifiedAt = T0 }),
            new("/a-b", FileEntry.Symlink("/usr/bin/tool") with { ModifiedAt = T0 }),
            new("/usr/bin/alias", new FileEntry { Type = EntryType.HardLink, LinkTarget = "/usr/bin/tool", Mode = (UnixFileMode)0x1ED, ModifiedAt = T0 }),
        ]);

        var entries = ReadRaw(Export(layer));

        Assert.Equal(["a-b", "usr/", "usr/bin/", "usr/bin/tool", "usr/bin/alias"], entries.Select(e => e.Name));
        Assert.Equal(
            [TarEntryType.SymbolicLink, TarEntryType.Directory, TarEntryType.Directory, TarEntryType.RegularFile, TarEntryType.HardLink],
            entries.Select(e => e.Type));
        Assert.All(entries, e => Assert.Equal(TarEntryFormat.Ustar, e.Format));
        var tool = entries[3];
        Assert.Equal(1000, tool.Uid);
        Assert.Equal(100, tool.Gid);
        Assert.Equal(T0, tool.ModifiedAt); // whole seconds
        Assert.Equal((UnixFileMode)0x1ED, tool.Mode);
        Assert.Equal("#!/bin/sh\n", Encoding.UTF8.GetString(tool.Data));
        Assert.Equal("/usr/bin/tool", entries[0].LinkName);
        Assert.Equal("usr/bin/tool", entries[4].LinkName);
        Assert.Empty(entries[4].Data);
    }

    [Fact]
    public void WhiteoutsAreEmptyRegularFilesNextToTheDeletedPath()
    {
        var layer = Layer.Create(
            [new("/etc", FileEntry.Directory()), new("/etc/passwd", FileEntry.File("root\n"))],
            whiteouts: ["/etc/shadow", "/tmp/x", "/gone"]);

        var entries = ReadRaw(Export(layer));

        Assert.Equal(["etc/", "etc/passwd", "etc/.wh.shadow", ".wh.gone", "tmp/.wh.x"], entries.Select(e => e.Name));
        foreach (var whiteout in entries.Where(e => e.Name.Contains(".wh.", StringComparison.Ordinal)))
        {
            Assert.Equal(TarEntryType.RegularFile, whiteout.Type);
            Assert.Empty(whiteout.Data);
            Assert.Equal((UnixFileMode)0, whiteout.Mode);
            Assert.Equal(DateTimeOffset.UnixEpoch, whiteout.ModifiedAt);
        }
    }

    [Fact]
    public void OpaqueMarkerFollowsItsDirectoryAndInheritsItsModeAndOwner()
    {
        var layer = Layer.Create(
            [
                new("/data", FileEntry.Directory((UnixFileMode)0x1E8) with { Uid = 5, Gid = 6, ModifiedAt = T0 }),
                new("/data/new", FileEntry.File("n")),
                new("/data-other", FileEntry.File("o")),
            ],
            opaqueDirectories: ["/data", "/", "/var/cache"]);

        var entries = ReadRaw(Export(layer));

        Assert.Equal(
            [".wh..wh..opq", "data/", "data/.wh..wh..opq", "data-other", "data/new", "var/cache/.wh..wh..opq"],
            entries.Select(e => e.Name));
        var marker = entries.Single(e => e.Name == "data/.wh..wh..opq");
        Assert.Equal(TarEntryType.RegularFile, marker.Type);
        Assert.Empty(marker.Data);
        Assert.Equal((UnixFileMode)0x1E8, marker.Mode); // 0750
        Assert.Equal(5, marker.Uid);
        Assert.Equal(6, marker.Gid);
        Assert.Equal(DateTimeOffset.UnixEpoch, marker.ModifiedAt);
    }

    [Fact]
    public void WhiteoutIsWrittenBeforeTheEntryThatRecreatesThePath()
    {
        var layer = Layer.Create([new("/d", FileEntry.Directory())], whiteouts: ["/d"], opaqueDirectories: ["/d"]);

        Assert.Equal([".wh.d", "d/", "d/.wh..wh..opq"], ReadRaw(Export(layer)).Select(e => e.Name));
        AssertSameLayer(layer, RoundTrip(layer));
    }

    [Fact]
    public void HardLinkIsWrittenAfterATargetThatSortsLater()
    {
        var layer = Layer.Create(
        [
            new("/a", new FileEntry { Type = EntryType.HardLink, LinkTarget = "/z/file" }),
            new("/b", new FileEntry { Type = EntryType.HardLink, LinkTarget = "/a" }),
            new("/c", FileEntry.File("c")),
            new("/z", FileEntry.Directory()),
            new("/z/file", FileEntry.File("shared")),
        ]);

        Assert.Equal(["c", "z/", "z/file", "a", "b"], ReadRaw(Export(layer)).Select(e => e.Name));
        AssertSameLayer(layer, RoundTrip(layer));
    }

    [Fact]
    public void FieldsThatDoNotFitUstarUseDeterministicGnuRecords()
    {
        var longDir = "/" + new string('d', 120);
        var longFile = longDir + "/" + new string('f', 110);
        var splittable = longDir + "/short";
        var layer = Layer.Create(
        [
            new(longDir, FileEntry.Directory()),
            new(longFile, FileEntry.File("x")),
            new(splittable, FileEntry.File("y")),
            new("/link", FileEntry.Symlink("/" + new string('t', 150))),
            new("/bigid", FileEntry.File("z") with { Uid = 3_000_000, Gid = 70_000 }),
            new("/future", FileEntry.File("f") with { ModifiedAt = DateTimeOffset.FromUnixTimeSeconds(1L << 34) }),
        ]);

        var bytes = Export(layer);
        var entries = ReadRaw(bytes);

        Assert.Equal(bytes, Export(layer));
        Assert.DoesNotContain("PaxHeaders", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(TarEntryFormat.Gnu, entries.Single(e => e.Name == longDir[1..] + "/").Format);
        Assert.Equal(TarEntryFormat.Gnu, entries.Single(e => e.Name == longFile[1..]).Format);
        Assert.Equal(TarEntryFormat.Ustar, entries.Single(e => e.Name == splittable[1..]).Format);
        Assert.Equal(TarEntryFormat.Gnu, entries.Single(e => e.Name == "link").Format);
        Assert.Equal(3_000_000, entries.Single(e => e.Name == "bigid").Uid);
        Assert.Equal(1L << 34, entries.Single(e => e.Name == "future").ModifiedAt.ToUnixTimeSeconds());
        AssertSameLayer(layer, RoundTrip(layer));
    }

    [Fact]
    public void LongNamesAreSplitIntoPrefixAndNameAsGoDoes()
    {
        // Go archive/tar splitUSTARPath: prefix = up to the last slash (at most 155 bytes), name = the rest.
        var prefix = new string('p', 140) + "/q";
        var tar = Export(Layer.Create([new("/" + prefix + "/file.txt", FileEntry.File("x"))]));

        Assert.Equal("file.txt", Encoding.ASCII.GetString(tar, 0, 100).TrimEnd('\0'));
        Assert.Equal(prefix, Encoding.ASCII.GetString(tar, 345, 155).TrimEnd('\0'));
        Assert.Equal("ustar\000", Encoding.ASCII.GetString(tar, 257, 8));
    }

    [Fact]
    public void PreEpochTimesRoundTripAndNegativeIdsAreRefused()
    {
        var old = DateTimeOffset.FromUnixTimeSeconds(-1_000_000_000);
        var layer = Layer.Create([new("/old", FileEntry.File("x") with { ModifiedAt = old })]);

        Assert.Equal(TarEntryFormat.Gnu, ReadRaw(Export(layer)).Single().Format);
        Assert.Equal(old, RoundTrip(layer).Entries["/old"].ModifiedAt);

        var negative = Layer.Create([new("/f", FileEntry.File("x") with { Uid = -1 })]);
        Assert.Throws<InvalidOperationException>(() => Export(negative));
        Assert.Throws<InvalidOperationException>(() => negative.DiffId);
    }

    [Fact]
    public void Synthetic64MiBFileIsStreamed()
    {
        const long size = 64L * 1024 * 1024;
        var layer = Layer.Create([new("/big", FileEntry.File(FileContent.Synthetic(size, 7)))]);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var first = layer.ComputeTarSummary();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var second = layer.ComputeTarSummary();

        Assert.Equal(512 + size + 1024, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(first.DiffId, layer.DiffId);
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated} bytes");

        // WriteTar into a hashing sink gives the same digest (and the header is a plain USTAR one).
        using var sink = new HashSink();
        layer.WriteTar(sink);
        Assert.Equal(first.DiffId, sink.Digest());
        Assert.Equal(first.Length, sink.Length);
        Assert.Equal(size, Convert.ToInt64(Encoding.ASCII.GetString(sink.FirstBlock, 124, 11), 8));
        Assert.Equal("ustar\0", Encoding.ASCII.GetString(sink.FirstBlock, 257, 6));
    }

    [Fact]
    public async Task WriteTarAsyncWritesTheSameBytes()
    {
        foreach (var layer in new[] { Layer.Empty, Sample() })
        {
            var stream = new MemoryStream();
            await layer.WriteTarAsync(stream, TestContext.Current.CancellationToken);

            Assert.Equal(Export(layer), stream.ToArray());
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Sample().WriteTarAsync(new MemoryStream(), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void DiffIdIsCachedAndSafeToReadConcurrently()
    {
        var layer = Sample();
        var ids = new Digest[8];
        Parallel.For(0, ids.Length, i => ids[i] = layer.DiffId);

        Assert.All(ids, id => Assert.Equal(Digest.Compute(Export(layer)), id));
    }

    [Fact]
    public void RoundTripKeepsEntriesWhiteoutsOpaqueDirectoriesAndHardLinks()
    {
        var layer = Sample();
        var imported = RoundTrip(layer);

        AssertSameLayer(layer, imported);
        Assert.Equal(Export(layer), Export(imported));
    }

    [Fact]
    public void RoundTripTruncatesMtimeToSeconds()
    {
        var layer = Layer.Create([new("/f", FileEntry.File("x") with { ModifiedAt = T0.AddTicks(1234567) })]);

        Assert.Equal(T0, RoundTrip(layer).Entries["/f"].ModifiedAt);
    }

    [Fact]
    public void ChainIdOfOneLayerIsItsDiffIdAndThenChains()
    {
        // OCI image-spec config.md: ChainID(L0) = DiffID(L0); ChainID(L0|L1) = Digest(ChainID(L0) + " " + DiffID(L1)).
        var empty = Layer.Empty.DiffId;
        var other = Sample().DiffId;

        Assert.Equal(empty, Layer.ChainId([empty]));
        var two = Layer.ChainId([empty, other]);
        Assert.Equal(Digest.Compute(Encoding.ASCII.GetBytes(empty + " " + other)), two);
        Assert.Equal(Digest.Compute(Encoding.ASCII.GetBytes(two + " " + empty)), Layer.ChainId([empty, other, empty]));
        Assert.Equal(
            "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(
                "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"))),
            Layer.ChainId([empty, empty]).ToString());
    }

    internal static Layer Sample() => Layer.Create(
        [
            new("/", FileEntry.Directory() with { ModifiedAt = T0 }),
            new("/bin", FileEntry.Directory() with { ModifiedAt = T0 }),
            new("/bin/sh", FileEntry.File(FileContent.Synthetic(100_000, 1), (UnixFileMode)0x1ED) with { ModifiedAt = T0 }),
            new("/bin/ash", new FileEntry { Type = EntryType.HardLink, LinkTarget = "/bin/sh", Mode = (UnixFileMode)0x1ED, ModifiedAt = T0 }),
            new("/etc", FileEntry.Directory() with { ModifiedAt = T0 }),
            new("/etc/hostname", FileEntry.File("box\n") with { Uid = 1, Gid = 2, ModifiedAt = T0 }),
            new("/etc/localtime", FileEntry.Symlink("../usr/share/zoneinfo/UTC") with { ModifiedAt = T0 }),
            new("/etc/abs", FileEntry.Symlink("/etc/hostname") with { ModifiedAt = T0 }),
            new("/var", FileEntry.Directory((UnixFileMode)0x3FF) with { ModifiedAt = T0 }),
            new("/var/empty", FileEntry.File(FileContent.Empty)),
        ],
        whiteouts: ["/etc/motd", "/opt", "/var/cache/apt"],
        opaqueDirectories: ["/var", "/srv/data"]);

    internal static byte[] Export(Layer layer)
    {
        var stream = new MemoryStream();
        layer.WriteTar(stream);
        return stream.ToArray();
    }

    internal static Layer RoundTrip(Layer layer) => Layer.FromTar(new MemoryStream(Export(layer)));

    internal static void AssertSameLayer(Layer expected, Layer actual)
    {
        Assert.Equal(expected.Entries.Keys.Order(StringComparer.Ordinal), actual.Entries.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, entry) in expected.Entries)
        {
            var normalized = entry with
            {
                ModifiedAt = DateTimeOffset.FromUnixTimeSeconds(entry.ModifiedAt.ToUnixTimeSeconds()),
                LinkTarget = entry.Type == EntryType.HardLink ? FsPath.Clean(entry.LinkTarget!) : entry.LinkTarget,
            };
            Assert.True(normalized == actual.Entries[path], $"{path}: expected {normalized}, got {actual.Entries[path]}");
        }

        Assert.Equal(expected.Whiteouts.Order(StringComparer.Ordinal), actual.Whiteouts.Order(StringComparer.Ordinal));
        Assert.Equal(expected.OpaqueDirectories.Order(StringComparer.Ordinal), actual.OpaqueDirectories.Order(StringComparer.Ordinal));
    }

    internal static List<RawEntry> ReadRaw(byte[] tar)
    {
        var list = new List<RawEntry>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            list.Add(new RawEntry(entry.Name, entry.EntryType, entry.Format, entry.Mode, entry.Uid, entry.Gid, entry.ModificationTime, entry.LinkName, data.ToArray()));
        }

        return list;
    }

    private sealed class HashSink : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public byte[] FirstBlock { get; } = new byte[512];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public Digest Digest() => Simulator.References.Digest.FromSha256Hash(_hash.GetCurrentHash());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_length < 512)
            {
                var head = buffer[..(int)Math.Min(buffer.Length, 512 - _length)];
                head.CopyTo(FirstBlock.AsSpan((int)_length));
            }

            _hash.AppendData(buffer);
            _length += buffer.Length;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _hash.Dispose();
            base.Dispose(disposing);
        }
    }

    internal sealed record RawEntry(
        string Name, TarEntryType Type, TarEntryFormat Format, UnixFileMode Mode, int Uid, int Gid, DateTimeOffset ModifiedAt, string LinkName, byte[] Data);
}
