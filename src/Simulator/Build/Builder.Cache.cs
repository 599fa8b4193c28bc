using System.Globalization;
using System.Text.RegularExpressions;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Build;

public sealed partial class Builder
{
    /// <summary>
    /// Lists the build cache records (<c>docker buildx du</c>, the Engine API's <c>BuildCache</c> in <c>/system/df</c>):
    /// one per layer step built, oldest first.
    /// </summary>
    /// <returns>A snapshot of the records; <see cref="BuildCacheRecord.Shared"/> says whether an image in the store holds the layer.</returns>
    public IReadOnlyList<BuildCacheRecord> CacheRecords()
    {
        var shared = SharedDiffIds();
        return _cache.Values.Concat(_localSources.Values).OrderBy(r => r.Sequence).Select(r => r.Info(shared)).ToList();
    }

    /// <summary>
    /// Records a BuildKit local source (the build context or the Dockerfile's directory sent by the client): one mutable
    /// <c>source.local</c> record per shared key (the directory), reused and refreshed by later builds of it, as BuildKit's
    /// source/local keeps it; <c>local source for context</c> / <c>local source for dockerfile</c>.
    /// </summary>
    internal long NextSequence() => Interlocked.Increment(ref _cacheSequence);

    internal void TouchLocalSource(string sharedKey, string name, Func<long> size)
    {
        var now = TimeProvider.GetUtcNow();
        if (_localSources.TryGetValue(sharedKey, out var known))
        {
            known.LocalSize = size;
            known.Touch(now);
            return;
        }

        _localSources.TryAdd(sharedKey, new CacheRecord(CacheRecordId("local:" + sharedKey), null, now, "local source for " + name, NextSequence()) { LocalSize = size });
    }

    /// <summary>
    /// <c>docker builder prune</c>: removes build cache records as BuildKit's cache manager prunes (cache/manager.go
    /// <c>prune</c>, with moby's builder-next filters): without <see cref="BuildCachePruneOptions.All"/> only records whose
    /// layer no image holds ("dangling"; BuildKit keeps shared records then); <see cref="BuildCachePruneOptions.KeepDuration"/>
    /// keeps records used more recently than that; <see cref="BuildCachePruneOptions.KeepStorage"/> removes the least
    /// recently used records only until the remaining ones take at most that many bytes; each filter must match.
    /// </summary>
    /// <param name="options">What to remove.</param>
    /// <returns>The records removed, in the order they were made, and the bytes they held.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <remarks>Filters are BuildKit's fields: <c>id</c> (a regular expression matched against the ID, as <c>id~=</c>),
    /// <c>type</c>, <c>description</c>, <c>shared</c>, <c>private</c>, <c>inuse</c>, <c>mutable</c>, <c>immutable</c>
    /// (compared as text with <c>true</c>/<c>false</c>); an unknown field matches nothing, as BuildKit's filter adaptor.
    /// Checking the filter names against moby's list is the caller's (the CLI's) job.</remarks>
    public BuildCachePruneResult Prune(BuildCachePruneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = TimeProvider.GetUtcNow();
        var shared = SharedDiffIds();
        var candidates = _cache.Select(kv => (kv.Key, Record: kv.Value, Local: false))
            .Concat(_localSources.Select(kv => (kv.Key, Record: kv.Value, Local: true)))
            .Select(c => (Key: (c.Local ? "local\0" : "") + c.Key, c.Record, Info: c.Record.Info(shared)))
            .Where(c => options.All || !c.Info.Shared)
            .Where(c => options.KeepDuration is not { } keep || c.Info.LastUsedAt < now - keep)
            .Where(c => options.Filters.All(f => Matches(c.Info, f.Key, f.Value)))
            .OrderBy(c => c.Info.LastUsedAt).ThenBy(c => c.Record.Sequence)
            .ToList();

        if (options.KeepStorage > 0)
        {
            // Keep the most recently used records while the cache stays within the budget (BuildKit's keepBytes).
            var total = _cache.Values.Concat(_localSources.Values).Sum(r => r.Info(shared).Size);
            var trimmed = new List<(string Key, CacheRecord Record, BuildCacheRecord Info)>();
            foreach (var c in candidates)
            {
                if (total <= options.KeepStorage)
                {
                    break;
                }

                trimmed.Add(c);
                total -= c.Info.Size;
            }

            candidates = trimmed;
        }

        var removed = new List<BuildCacheRecord>();
        foreach (var c in candidates.OrderBy(c => c.Record.Sequence))
        {
            var gone = c.Key.StartsWith("local\0", StringComparison.Ordinal)
                ? _localSources.TryRemove(new KeyValuePair<string, CacheRecord>(c.Key[6..], c.Record))
                : _cache.TryRemove(new KeyValuePair<string, CacheRecord>(c.Key, c.Record));
            if (gone)
            {
                removed.Add(c.Info);
            }
        }

        if (removed.Count > 0)
        {
            _classicImages.Clear();
            _exports.Clear();
        }

        return new BuildCachePruneResult(removed.Count, removed.Sum(r => r.Size)) { CachesDeleted = removed };
    }

    private static bool Matches(BuildCacheRecord r, string key, string value)
    {
        static string B(bool b) => b ? "true" : "false";
        return key switch
        {
            "id" => Regex.IsMatch(r.Id, value, RegexOptions.None, TimeSpan.FromSeconds(1)),
            "type" => r.Type == value,
            "description" => r.Description == value,
            "shared" => B(r.Shared) == value,
            "private" => B(!r.Shared) == value,
            "inuse" => B(r.InUse) == value,
            "mutable" => B(r.Mutable) == value,
            "immutable" => B(!r.Mutable) == value,
            _ => false,
        };
    }

    private HashSet<Digest> SharedDiffIds()
    {
        var set = new HashSet<Digest>();
        foreach (var summary in Images.List(all: true))
        {
            if (Images.TryGet(summary.Id.ToString(), out var image))
            {
                set.UnionWith(image.DiffIds);
            }
        }

        return set;
    }

    /// <summary>A 25-character base-36 ID as BuildKit's identity.NewID, derived from the record's cache key (so seeded and stable).</summary>
    private static string CacheRecordId(string key)
    {
        var hash = Hash("cache-record", key) + Hash(key, "cache-record");
        var value = System.Numerics.BigInteger.Parse("0" + hash, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var chars = new char[25];
        for (var i = 24; i >= 0; i--)
        {
            chars[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[(int)(value % 36)];
            value /= 36;
        }

        return new string(chars);
    }

    /// <summary>One build cache record: a layer step's result, or a local source.</summary>
    internal sealed class CacheRecord(string id, Layer? layer, DateTimeOffset created, string description, long sequence)
    {
        private long _lastUsedTicks = created.UtcTicks;
        private int _usageCount = 1;

        public string Id { get; } = id;

        /// <summary>The layer of a layer step; <see langword="null"/> for a local source.</summary>
        public Layer Layer { get; } = layer!;

        /// <summary>A local source's size in bytes (what was transferred), computed when asked.</summary>
        public Func<long>? LocalSize { get; set; }

        public DateTimeOffset Created { get; } = created;

        public string Description { get; } = description;

        public long Sequence { get; } = sequence;

        public void Touch(DateTimeOffset now)
        {
            Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);
            Interlocked.Increment(ref _usageCount);
        }

        public BuildCacheRecord Info(HashSet<Digest> shared) => new(
            Id,
            Layer is null ? "source.local" : "regular",
            Layer is null ? LocalSize?.Invoke() ?? 0 : Image.LayerSize(Layer),
            Created,
            new DateTimeOffset(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero),
            Volatile.Read(ref _usageCount),
            Layer is not null && !Layer.IsEmpty && shared.Contains(Layer.DiffId),
            InUse: false,
            Mutable: Layer is null,
            Description);
    }
}

/// <summary>What <see cref="Builder.Prune(BuildCachePruneOptions)"/> removes (<c>docker builder prune</c>'s flags).</summary>
public sealed record BuildCachePruneOptions
{
    /// <summary><c>--all</c>: also records whose layer an image holds. Default <see langword="false"/> (dangling records only).</summary>
    public bool All { get; init; }

    /// <summary><c>--filter until=24h</c>: keep records used within this long before now. Default <see langword="null"/> (no limit).</summary>
    public TimeSpan? KeepDuration { get; init; }

    /// <summary><c>--keep-storage</c>: bytes of cache to keep (least recently used records go first). 0 (default): no budget.</summary>
    public long KeepStorage { get; init; }

    /// <summary>Other filters as (field, value) pairs; every one must match. Default empty. See <see cref="Builder.Prune(BuildCachePruneOptions)"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Filters { get; init; } = [];
}

/// <summary>A build cache record, as BuildKit's <c>client.UsageInfo</c> / the Engine API's <c>BuildCache</c> object.</summary>
/// <param name="Id">25 characters of <c>[0-9a-z]</c>, as BuildKit's identity.NewID.</param>
/// <param name="Type">The record type: <c>regular</c> for a layer step, <c>source.local</c> for the context or Dockerfile sent by the client.</param>
/// <param name="Size">The layer's size in bytes (overlay2's diff size), or the bytes of a local source's files.</param>
/// <param name="CreatedAt">When the step ran (the fake clock's time).</param>
/// <param name="LastUsedAt">When the step last ran or was a cache hit.</param>
/// <param name="UsageCount">1 plus the cache hits.</param>
/// <param name="Shared">Whether an image in the store holds the layer (the CLI's <c>*</c> after SIZE).</param>
/// <param name="InUse">Whether a build is using it (never, between builds).</param>
/// <param name="Mutable">Whether it is a mutable ref (a local source; the CLI's <c>*</c> after the ID).</param>
/// <param name="Description">The step's history text, e.g. <c>RUN /bin/sh -c make # buildkit</c>, or <c>local source for context</c>.</param>
public sealed record BuildCacheRecord(
    string Id, string Type, long Size, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, int UsageCount, bool Shared, bool InUse, bool Mutable, string Description);
