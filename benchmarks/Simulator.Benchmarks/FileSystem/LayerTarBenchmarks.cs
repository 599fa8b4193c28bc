using System.Formats.Tar;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Simulator.FileSystem;
using Simulator.References;

namespace Simulator.Benchmarks.FileSystem;

/// <summary>
/// Export of a layer as a tar and its DiffID (<see cref="Layer.WriteTar"/>, <see cref="Layer.DiffId"/>)
/// against the BCL baseline: the same entries written with a bare <see cref="TarWriter"/> into a
/// <see cref="MemoryStream"/>. Growth: <see cref="Files"/> from 10 to 10,000 (1,000 is the README's row; 100,000 files
/// of up to 4 KB would hold about 1 GB of tar copies per case, so the curve stops at 10,000).
/// </summary>
[MemoryDiagnoser]
public class LayerTarBenchmarks
{
    private Layer _layer = Layer.Empty;
    private byte[] _tar = [];
    private (string Name, byte[] Data)[] _raw = [];

    /// <summary>File counts, 10 to 10,000.</summary>
    public static IEnumerable<int> FileCounts => Growth.FilesBetween(10, 10_000);

    /// <summary>Files in the layer (directories of up to 50).</summary>
    [ParamsSource(nameof(FileCounts))]
    public int Files { get; set; } = 1_000;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var entries = new List<KeyValuePair<string, FileEntry>>();
        var raw = new List<(string, byte[])>();
        var perDirectory = Math.Min(50, Files);
        for (int d = 0; d < Files / perDirectory; d++)
        {
            entries.Add(new($"/usr/lib/pkg{d:D2}", FileEntry.Directory()));
            for (int f = 0; f < perDirectory; f++)
            {
                var data = new byte[random.Next(100, 4000)];
                random.NextBytes(data);
                var path = $"/usr/lib/pkg{d:D2}/file{f:D3}.so";
                entries.Add(new(path, FileEntry.File(FileContent.FromOwnedBytes(data))));
                raw.Add((path[1..], data));
            }
        }

        _layer = Layer.Create(entries);
        _raw = [.. raw];
        var stream = new MemoryStream();
        _layer.WriteTar(stream);
        _tar = stream.ToArray();
    }

    /// <summary>BCL baseline: the same files written with a bare TarWriter into a MemoryStream.</summary>
    [Benchmark(Baseline = true)]
    public long BareTarWriter()
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, data) in _raw)
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    DataStream = new MemoryStream(data, writable: false),
                });
            }
        }

        return stream.Length;
    }

    /// <summary>The layer's tar into a MemoryStream.</summary>
    [Benchmark]
    public long WriteTarToMemory()
    {
        var stream = new MemoryStream();
        _layer.WriteTar(stream);
        return stream.Length;
    }

    /// <summary>The DiffID, uncached: the tar streamed into an incremental SHA-256.</summary>
    [Benchmark]
    public Digest ComputeDiffId() => _layer.ComputeTarSummary().DiffId;

    /// <summary>The BCL digest of the already-written tar bytes, for scale.</summary>
    [Benchmark]
    public byte[] Sha256OfTarBytes() => SHA256.HashData(_tar);

    /// <summary>Import of the tar back into a layer.</summary>
    [Benchmark]
    public int FromTar() => Layer.FromTar(new MemoryStream(_tar, writable: false)).Entries.Count;
}
