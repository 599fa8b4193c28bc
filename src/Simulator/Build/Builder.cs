using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Abstractions;
using System.Security.Cryptography;
using System.Runtime.CompilerServices;
using System.Text;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Processes;
using Simulator.References;
using Simulator.Registries;

namespace Simulator.Build;

/// <summary>
/// The engine's image builder, <c>docker build</c> as Docker 28 runs it with BuildKit (moby/buildkit
/// frontend/dockerfile/dockerfile2llb): parses the Dockerfile (<see cref="DockerfileParser"/>), runs the stages the
/// target needs, each instruction on the stage's state (RUN in a build container over the stage's layers,
/// committing its changes as a layer), and stores and tags the image.
/// </summary>
/// <remarks>
/// <para>
/// <b>Cache.</b> Every layer step (RUN, COPY, ADD, a WORKDIR that creates its directory) has a key made of its
/// parent's key, the instruction after expansion with its environment, user and working directory, and for
/// COPY/ADD the content of the files copied, as BuildKit's cache keys. A known key reuses the layer and its
/// creation time (<c>CACHED</c>), so an unchanged rebuild gives the same image ID at once and a change
/// invalidates from that step on. <see cref="BuildRequest.NoCache"/> bypasses it; <see cref="Prune(BuildCachePruneOptions)"/>
/// removes records (<c>docker builder prune</c>) and <see cref="CacheRecords"/> lists them (<c>docker buildx du</c>).
/// </para>
/// <para>
/// <b>History</b> as BuildKit writes it (dockerfile2llb convert.go <c>commitToHistory</c>): <c>RUN /bin/sh -c
/// cmd # buildkit</c>, <c>COPY src dest # buildkit</c>, <c>ENV k=v</c>, <c>CMD ["a" "b"]</c>, <c>EXPOSE map[80/tcp:{}]</c>, ...,
/// comment <c>buildkit.dockerfile.v0</c>; only RUN, COPY, ADD and a WORKDIR that creates its directory add layers.
/// A step's time is when its layer was made; metadata steps take the time of the step before.
/// </para>
/// <para><b>Failures</b> leave nothing behind: no image, no tag moved. Thread-safe; builds may run concurrently.</para>
/// </remarks>
public sealed partial class Builder
{
    internal const string HistoryComment = "buildkit.dockerfile.v0";

    private readonly ConcurrentDictionary<string, CacheRecord> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CacheRecord> _localSources = new(StringComparer.Ordinal);
    private long _cacheSequence;
    private readonly ConditionalWeakTableStacks _stacks = new();
    private readonly ConcurrentDictionary<string, byte> _classicImages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DockerfileParseResult> _parsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Image> _exports = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<FileContent, StrongBox<string>> _contentDigests = new();

    /// <summary>Creates a builder over an engine's stores.</summary>
    /// <param name="images">Where base images come from and the result goes.</param>
    /// <param name="programs">The programs RUN can run.</param>
    /// <param name="hostFileSystem">The host file system build contexts are read from by default.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="registryClient">Pulls base images that are not local; <see langword="null"/> for none (then a missing base image fails).</param>
    /// <exception cref="ArgumentNullException"><paramref name="images"/>, <paramref name="programs"/> or <paramref name="hostFileSystem"/> is <see langword="null"/>.</exception>
    public Builder(IImageStore images, ProgramRegistry programs, IFileSystem hostFileSystem, TimeProvider? timeProvider = null, RegistryClient? registryClient = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(programs);
        ArgumentNullException.ThrowIfNull(hostFileSystem);
        Images = images;
        Programs = programs;
        HostFileSystem = hostFileSystem;
        TimeProvider = timeProvider ?? TimeProvider.System;
        RegistryClient = registryClient;
    }

    /// <summary>The image store.</summary>
    public IImageStore Images { get; }

    /// <summary>The programs RUN can run.</summary>
    public ProgramRegistry Programs { get; }

    /// <summary>The default context file system.</summary>
    public IFileSystem HostFileSystem { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The client pulling missing base images, or <see langword="null"/>.</summary>
    public RegistryClient? RegistryClient { get; }

    /// <summary>The number of build cache records (one per layer step built).</summary>
    public int CacheCount => _cache.Count;

    /// <summary>
    /// <c>docker build</c>: builds the image <paramref name="request"/> describes, stores it and tags it.
    /// </summary>
    /// <param name="request">What to build.</param>
    /// <param name="progress">Where progress goes (the CLI's stderr for <see cref="BuildProgressFormat.Plain"/>, stdout for
    /// <see cref="BuildProgressFormat.Classic"/>); <see langword="null"/> discards it.</param>
    /// <param name="cancellationToken">Cancels the build (nothing is stored).</param>
    /// <returns>The image, its tags and cache counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="BuildFailedException">
    /// <see cref="ErrorKind.InvalidArgument"/>: a Dockerfile error (<c>dockerfile parse error on line 2: unknown instruction: FOO</c>),
    /// a missing Dockerfile (<c>failed to read dockerfile: open Dockerfile: no such file or directory</c>), an unknown
    /// <c>--target</c> (<c>target stage "x" could not be found</c>), a COPY source missing (<c>failed to compute cache key:
    /// failed to calculate checksum of ref ...: "/x": not found</c>), a tag that is not a reference;
    /// <see cref="ErrorKind.FailedPrecondition"/>: a RUN that ends non-zero (<c>process "/bin/sh -c exit 3" did not complete
    /// successfully: exit code: 3</c>), ADD of a URL (no network);
    /// <see cref="ErrorKind.NotFound"/>: a base image that is neither local nor pullable.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<BuildResult> BuildAsync(BuildRequest request, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new BuildRun(this, request, request.Quiet ? TextWriter.Null : progress ?? TextWriter.Null, cancellationToken);
        return await run.ExecuteAsync().ConfigureAwait(false);
    }

    /// <summary><c>docker builder prune -a -f</c>: removes every build cache record.</summary>
    /// <returns>The records removed and the layer bytes they held.</returns>
    public BuildCachePruneResult Prune() => Prune(new BuildCachePruneOptions { All = true });

    internal bool TryGetCached(string key, out CacheRecord record)
    {
        if (!_cache.TryGetValue(key, out record!))
        {
            return false;
        }

        record.Touch(TimeProvider.GetUtcNow());
        return true;
    }

    internal CacheRecord AddCached(string key, Layer layer, string description)
    {
        var now = TimeProvider.GetUtcNow();
        var record = new CacheRecord(CacheRecordId(key), layer, now, description, Interlocked.Increment(ref _cacheSequence));
        return _cache.GetOrAdd(key, record);
    }

    /// <summary>Records an intermediate image ID the legacy builder made; <see langword="false"/> when it was made before (its cache).</summary>
    internal bool RecordClassicImage(string id) => _classicImages.TryAdd(id, 0);

    /// <summary>Parses a Dockerfile, reusing the AST of the same text (ASTs are never changed after parsing).</summary>
    internal DockerfileParseResult Parse(string dockerfile)
    {
        if (_parsed.TryGetValue(dockerfile, out var known))
        {
            return known;
        }

        var result = DockerfileParser.Parse(dockerfile);
        if (_parsed.Count >= 256)
        {
            _parsed.Clear();
        }

        _parsed.TryAdd(dockerfile, result);
        return result;
    }

    /// <summary>The image an earlier build exported for the same final state, or <see langword="null"/>.</summary>
    internal Image? ExportedImage(string key) => _exports.TryGetValue(key, out var image) ? image : null;

    internal void AddExported(string key, Image image)
    {
        if (_exports.Count >= 1024)
        {
            _exports.Clear();
        }

        _exports.TryAdd(key, image);
    }

    internal LayerStack StackOf(IReadOnlyList<Layer> layers) => _stacks.Get(layers);

    /// <summary>
    /// A 128-bit key over the parts (length-prefixed, so <c>("ab","c")</c> and <c>("a","bc")</c> differ): two FNV-1a
    /// lanes finished with splitmix64. Keys live only in this process's memory, so a fast non-cryptographic hash will do.
    /// </summary>
    internal static string Hash(params string[] parts)
    {
        ulong h1 = 0xcbf29ce484222325UL, h2 = 0x6a09e667f3bcc909UL;
        foreach (var p in parts)
        {
            Step(ref h1, ref h2, (uint)p.Length);
            foreach (var c in p)
            {
                Step(ref h1, ref h2, c);
            }
        }

        return Finish(h1).ToString("x16", CultureInfo.InvariantCulture) + Finish(h2 ^ h1).ToString("x16", CultureInfo.InvariantCulture);

        static void Step(ref ulong a, ref ulong b, uint value)
        {
            a = (a ^ value) * 0x100000001b3UL;
            b = (b ^ value) * 0x9e3779b97f4a7c15UL;
            b ^= b >> 29;
        }

        static ulong Finish(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>The SHA-256 of a file's content, remembered per (immutable) content object.</summary>
    internal string ContentDigest(FileContent content) =>
        _contentDigests.GetValue(content, static c =>
        {
            using var stream = c.OpenRead();
            return new StrongBox<string>(Convert.ToHexStringLower(SHA256.HashData(stream)));
        }).Value!;


    // Layer stacks by the identity of their top layer list, so consecutive RUNs do not re-flatten.
    private sealed class ConditionalWeakTableStacks
    {
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Layer, LayerStack> _byTop = new();

        public LayerStack Get(IReadOnlyList<Layer> layers)
        {
            if (layers.Count == 0)
            {
                return LayerStack.Empty;
            }

            var top = layers[^1];
            if (_byTop.TryGetValue(top, out var stack) && stack.Layers.Count == layers.Count && SameLayers(stack.Layers, layers))
            {
                return stack;
            }

            stack = LayerStack.Create(layers);
            _byTop.AddOrUpdate(top, stack);
            return stack;
        }

        private static bool SameLayers(IReadOnlyList<Layer> a, IReadOnlyList<Layer> b)
        {
            for (int i = 0; i < a.Count; i++)
            {
                if (!ReferenceEquals(a[i], b[i]) && a[i].DiffId != b[i].DiffId)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
