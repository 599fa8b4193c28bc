using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Simulator.Content;
using Simulator.References;

namespace Simulator.Benchmarks.References;

/// <summary>
/// Digest computation (<see cref="Digest.Compute(ReadOnlySpan{byte})"/>) and content-store writes against
/// the BCL baseline <see cref="SHA256.HashData(ReadOnlySpan{byte})"/> of the same bytes.
/// </summary>
[MemoryDiagnoser]
public class DigestBenchmarks
{
    private byte[] _data = [];

    /// <summary>Blob size in bytes: a config (1 KiB) to a layer (1 MiB).</summary>
    [Params(1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(42).NextBytes(_data);
    }

    /// <summary>BCL baseline: the raw hash.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Sha256HashData() => SHA256.HashData(_data);

    /// <summary>The digest value, hex-encoded.</summary>
    [Benchmark]
    public Digest DigestCompute() => Digest.Compute(_data);

    /// <summary>The digest parsed back from its string form.</summary>
    [Benchmark]
    public Digest DigestComputeAndParse() => Digest.Parse(Digest.Compute(_data).ToString());

    /// <summary>A verified write into a fresh content store (hash, copy, index).</summary>
    [Benchmark]
    public int ContentStoreWriteVerified()
    {
        var store = new InMemoryContentStore();
        var digest = Digest.Compute(_data);
        store.Write(digest, _data);
        return store.Count;
    }
}
