using CsCheck;
using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

public sealed class LayerTarPropertyTests
{
    private static readonly string[] Names = ["a", "b", "c", "d-e", "x y", "ünï", "file.txt", "..a", ".hidden", new string('n', 99), new string('m', 160)];

    /// <summary>Random valid layers: only directories have children; links point at earlier non-directories.</summary>
    private static readonly Gen<Layer> GenLayer = Gen.Int.Select(seed => Build(new Random(seed)));

    [Fact]
    public void ImportOfExportIsTheSameLayerAndExportsIdentically()
    {
        GenLayer.Sample(
            layer =>
            {
                var tar = LayerTarTests.Export(layer);
                var imported = Layer.FromTar(new MemoryStream(tar));

                LayerTarTests.AssertSameLayer(layer, imported);
                Assert.Equal(tar, LayerTarTests.Export(imported));
                Assert.Equal(layer.DiffId, imported.DiffId);
            },
            iter: 300);
    }

    internal static Layer Build(Random random)
    {
        var entries = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
        var directories = new List<string> { FsPath.Root };
        var linkable = new List<string>();
        if (random.Next(4) == 0)
        {
            entries[FsPath.Root] = FileEntry.Directory() with { ModifiedAt = Time(random) };
        }

        int count = random.Next(0, 25);
        for (int i = 0; i < count; i++)
        {
            var parent = directories[random.Next(directories.Count)];
            var path = FsPath.Combine(parent, Names[random.Next(Names.Length)]);
            if (entries.ContainsKey(path))
            {
                continue;
            }

            var entry = random.Next(10) switch
            {
                < 3 => FileEntry.Directory(),
                < 7 => FileEntry.File(random.Next(3) == 0 ? FileContent.Synthetic(random.Next(1, 5000), (ulong)random.Next()) : Bytes(random)),
                < 9 => FileEntry.Symlink(random.Next(3) switch { 0 => "/etc/passwd", 1 => "../../../x", _ => "sibling" }),
                _ when linkable.Count > 0 => new FileEntry { Type = EntryType.HardLink, LinkTarget = linkable[random.Next(linkable.Count)] },
                _ => FileEntry.File(Bytes(random)),
            };
            entry = entry with
            {
                Mode = (UnixFileMode)random.Next(0, 4096),
                Uid = random.Next(8) == 0 ? random.Next(2_000_000, 5_000_000) : random.Next(0, 70_000),
                Gid = random.Next(0, 70_000),
                ModifiedAt = Time(random),
            };
            entries[path] = entry;
            if (entry.IsDirectory)
            {
                directories.Add(path);
            }
            else
            {
                linkable.Add(path);
            }
        }

        var whiteouts = new List<string>();
        for (int i = random.Next(0, 5); i > 0; i--)
        {
            var parent = random.Next(3) == 0 ? "/gone" + random.Next(3) : directories[random.Next(directories.Count)];
            whiteouts.Add(FsPath.Combine(parent, Names[random.Next(Names.Length)]));
        }

        var opaque = new List<string>();
        for (int i = random.Next(0, 3); i > 0; i--)
        {
            opaque.Add(random.Next(3) == 0 ? "/fresh" + random.Next(3) : directories[random.Next(directories.Count)]);
        }

        return Layer.Create(entries, whiteouts, opaque);
    }

    private static FileContent Bytes(Random random)
    {
        var bytes = new byte[random.Next(0, 700)];
        random.NextBytes(bytes);
        return FileContent.FromBytes(bytes);
    }

    private static DateTimeOffset Time(Random random) =>
        DateTimeOffset.FromUnixTimeSeconds(random.Next(10) switch
        {
            0 => random.NextInt64(1L << 33, 1L << 35), // beyond USTAR's 11 octal digits
            1 => random.NextInt64(-2_000_000_000, 0), // before 1970
            _ => random.NextInt64(0, 2_000_000_000),
        }).AddMilliseconds(random.Next(0, 1000));
}
