using Simulator.FileSystem;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Registries;

/// <summary>Images provided on first lookup: stock sources and synthesised unknown images.</summary>
public sealed partial class Registry
{
    private readonly Lock _provideGate = new();
    private volatile IRegistryImageSource[] _sources = [];
    private volatile bool _synthesize;

    /// <summary>
    /// Whether a pull of an image this registry does not have gets a synthesised one instead of an error, for tests that
    /// pull many images they do not care about. Off by default.
    /// </summary>
    /// <remarks>
    /// <para>
    /// When on, the first lookup of a tag that neither the registry nor a stock source (the default world's images)
    /// has stores, under that repository and tag, a one-layer image: <c>/usr/local/bin/sleep-forever</c>, a simulated
    /// program (<c>#!simulator sleep-forever</c>) that runs until the container is stopped, as <c>CMD</c>;
    /// <c>/etc/synthesized-image</c> holding the reference (so every name gets its own image); <c>PATH</c> in
    /// <c>Env</c>; the label <c>org.simulator.synthesized=true</c>; created 2024-01-01T00:00:00Z. The image is a
    /// deterministic function of the reference: the same digests in every world. Digest references are never
    /// synthesised (no image has a digest chosen in advance): they fail as before.
    /// </para>
    /// <para>Thread-safe; turning it off does not remove images already synthesised.</para>
    /// </remarks>
    public bool SynthesizeUnknownImages
    {
        get => _synthesize;
        set => _synthesize = value;
    }

    /// <summary>Adds a source of images provided on first lookup; sources are asked in the order added.</summary>
    internal void AddSource(IRegistryImageSource source)
    {
        lock (_provideGate)
        {
            if (!_sources.Contains(source))
            {
                _sources = [.. _sources, source];
            }
        }
    }

    /// <summary>Whether a source knows the repository (so a missing tag is <c>manifest unknown</c>, not access denied).</summary>
    private bool SourceHasRepository(string path) => _sources.Any(s => s.Repositories.Contains(path, StringComparer.Ordinal));

    private IEnumerable<string> SourceRepositories() => _sources.SelectMany(s => s.Repositories);

    private IEnumerable<string> SourceTags(string path) => _sources.SelectMany(s => s.Tags(path));

    /// <summary>
    /// Stores the image a tag names, from a source or synthesised, when the repository lacks that tag. For a digest,
    /// provides every source tag of the repository whose manifest would have that digest.
    /// </summary>
    private void Provide(string path, string tagOrDigest)
    {
        var sources = _sources;
        if ((sources.Length == 0 && !_synthesize) || (!tagOrDigest.StartsWith("sha", StringComparison.Ordinal) && HasTag(path, tagOrDigest)))
        {
            return;
        }

        lock (_provideGate)
        {
            if (Digest.TryParse(tagOrDigest, out var digest))
            {
                foreach (var source in sources)
                {
                    foreach (var tag in source.Tags(path))
                    {
                        if (source.Find(path, tag) is { } image && !HasTag(path, tag) && ManifestDigest(image) == digest)
                        {
                            PutImage(path, tag, image, ManifestFormat.DockerV2);
                        }
                    }
                }

                return;
            }

            if (HasTag(path, tagOrDigest))
            {
                return;
            }

            foreach (var source in sources)
            {
                if (source.Find(path, tagOrDigest) is { } image)
                {
                    PutImage(path, tagOrDigest, image, ManifestFormat.DockerV2);
                    return;
                }
            }

            if (_synthesize)
            {
                PutImage(path, tagOrDigest, Synthesize(Host, path, tagOrDigest), ManifestFormat.DockerV2);
            }
        }
    }

    private bool HasTag(string path, string tag)
    {
        lock (_s.Gate)
        {
            return _s.Repositories.TryGetValue(path, out var repo) && repo.Tags.ContainsKey(tag);
        }
    }

    /// <summary>The digest <see cref="PutImage"/> gives an image's Docker schema 2 manifest, without storing anything.</summary>
    internal static Digest ManifestDigest(Image image)
    {
        var layers = image.Layers.Select(l => new BlobDescriptor(MediaTypes.DockerLayer, l.TarLength, l.DiffId)).ToArray();
        var config = new BlobDescriptor(MediaTypes.DockerConfig, image.ConfigJson.Length, Digest.Compute(image.ConfigJson.Span));
        return Digest.Compute(ManifestJson.Write(MediaTypes.DockerManifest, config, layers));
    }

    /// <summary>The image <see cref="SynthesizeUnknownImages"/> stores for a reference.</summary>
    internal static Image Synthesize(string host, string path, string tag)
    {
        var created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var mode = FileEntry.DefaultDirectoryMode;
        var program = FileEntry.File(PrefixedSyntheticContent.Program("sleep-forever"), mode) with { ModifiedAt = created };
        var name = FileEntry.File(host + "/" + path + ":" + tag + "\n") with { ModifiedAt = created };
        var layer = Layer.Create(
        [
            new("/etc", FileEntry.Directory() with { ModifiedAt = created }),
            new("/etc/synthesized-image", name),
            new("/usr", FileEntry.Directory() with { ModifiedAt = created }),
            new("/usr/local", FileEntry.Directory() with { ModifiedAt = created }),
            new("/usr/local/bin", FileEntry.Directory() with { ModifiedAt = created }),
            new("/usr/local/bin/sleep-forever", program),
            new("/tmp", FileEntry.Directory(FileEntry.SymlinkMode | UnixFileMode.StickyBit) with { ModifiedAt = created }),
        ]);
        return ImageBuilder.FromScratch()
            .WithLayer(layer, "COPY sleep-forever /usr/local/bin/ # buildkit")
            .WithConfig(c => c with { Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] })
            .WithLabel("org.simulator.synthesized", "true")
            .WithCmd("sleep-forever")
            .WithCreated(created)
            .Build();
    }
}
