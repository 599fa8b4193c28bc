using BenchmarkDotNet.Attributes;
using Simulator.Content;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Benchmarks.Images;

/// <summary>
/// Lookups in the local image store (<see cref="InMemoryImageStore.Get"/> by tag, by full ID, by short ID
/// prefix), a tag move, and image config serialisation, against the baseline of a plain
/// <see cref="Dictionary{TKey, TValue}"/> lookup of the canonical reference string.
/// </summary>
[MemoryDiagnoser]
public class ImageStoreBenchmarks
{
    private InMemoryImageStore _store = null!;
    private Dictionary<string, Image> _baseline = [];
    private Image[] _images = [];
    private string _tag = "";
    private string _fullId = "";
    private string _shortId = "";
    private int _flip;

    /// <summary>How many images the store holds.</summary>
    [Params(100, 1000)]
    public int Images { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new InMemoryImageStore(new InMemoryContentStore());
        var created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var baseImage = ImageBuilder.FromScratch().WithFile("/etc/os-release", "ID=bench\n").WithCreated(created).Build();
        _images = new Image[Images];
        for (int i = 0; i < Images; i++)
        {
            var image = ImageBuilder.From(baseImage).WithFile("/app/" + i, "payload " + i).WithEnv("N", i.ToString()).WithCreated(created).Build();
            _images[i] = _store.Add(image);
            _store.Tag(image.Id.ToString(), $"registry.example.com/team/app{i}:v1");
            _baseline[$"registry.example.com/team/app{i}:v1"] = image;
        }

        var middle = _images[Images / 2];
        _tag = $"registry.example.com/team/app{Images / 2}:v1";
        _fullId = middle.Id.ToString();
        _shortId = middle.Id.Encoded[..12];
    }

    /// <summary>BCL baseline: a dictionary lookup of the already canonical reference string.</summary>
    [Benchmark(Baseline = true)]
    public Image DictionaryLookup() => _baseline[_tag];

    /// <summary>Lookup by tag: parse, normalise, reference lookup.</summary>
    [Benchmark]
    public Image GetByTag() => _store.Get(_tag);

    /// <summary>Lookup by full ID (<c>sha256:...</c>).</summary>
    [Benchmark]
    public Image GetByFullId() => _store.Get(_fullId);

    /// <summary>Lookup by a 12-hex prefix: a reference miss, then a prefix scan.</summary>
    [Benchmark]
    public Image GetByShortId() => _store.Get(_shortId);

    /// <summary>Moving a tag between two images (<c>docker tag</c>).</summary>
    [Benchmark]
    public void MoveTag()
    {
        _flip ^= 1;
        _store.Tag(_images[_flip].Id.ToString(), "bench:moving");
    }

    /// <summary>Canonical config JSON and the image ID it gives.</summary>
    [Benchmark]
    public Digest ConfigId() => _images[0].Config.ComputeId();
}
