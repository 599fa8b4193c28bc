using Simulator.Internal;
using Simulator.References;

namespace Simulator.Content;

/// <summary>The in-memory <see cref="IContentStore"/>.</summary>
/// <remarks>
/// Thread-safe: every member may be called from any thread; each is atomic. Blob bytes are copied in
/// on write and handed out as read-only memory, never copied on read.
/// </remarks>
public sealed partial class InMemoryContentStore : IContentStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Digest, Blob> _blobs = [];
    private readonly TimeProvider _time;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock for <see cref="ContentInfo.CreatedAt"/>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemoryContentStore(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The number of blobs stored.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _blobs.Count;
            }
        }
    }

    /// <summary>The sum of the sizes of all blobs stored, in bytes.</summary>
    public long TotalSize
    {
        get
        {
            lock (_gate)
            {
                long total = 0;
                foreach (var blob in _blobs.Values)
                {
                    total += blob.Content.Length;
                }

                return total;
            }
        }
    }

    /// <inheritdoc/>
    public bool Exists(Digest digest)
    {
        lock (_gate)
        {
            return _blobs.ContainsKey(digest);
        }
    }

    /// <inheritdoc/>
    public ContentInfo Info(Digest digest)
    {
        lock (_gate)
        {
            return Get(digest).Info;
        }
    }

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> Read(Digest digest)
    {
        lock (_gate)
        {
            return Get(digest).Content;
        }
    }

    /// <inheritdoc/>
    public bool TryRead(Digest digest, out ReadOnlyMemory<byte> content)
    {
        lock (_gate)
        {
            if (_blobs.TryGetValue(digest, out var blob))
            {
                content = blob.Content;
                return true;
            }
        }

        content = default;
        return false;
    }

    /// <inheritdoc/>
    public Digest Write(ReadOnlySpan<byte> content, IReadOnlyList<Digest>? children = null, bool addRoot = false)
    {
        var digest = Digest.Compute(content);
        Store(digest, content, children, addRoot);
        return digest;
    }

    /// <inheritdoc/>
    public void Write(Digest expected, ReadOnlySpan<byte> content, IReadOnlyList<Digest>? children = null, bool addRoot = false)
    {
        if (expected.IsEmpty)
        {
            throw new ArgumentException("The expected digest is empty.", nameof(expected));
        }

        if (!expected.Matches(content))
        {
            var actual = Digest.Compute(expected.Algorithm, content);
            throw Errors.FailedPrecondition($"unexpected commit digest {actual}, expected {expected}: failed precondition");
        }

        Store(expected, content, children, addRoot);
    }

    /// <inheritdoc/>
    public void AddRoot(Digest digest)
    {
        lock (_gate)
        {
            var blob = Get(digest);
            blob.Roots = checked(blob.Roots + 1);
        }
    }

    /// <inheritdoc/>
    public void RemoveRoot(Digest digest)
    {
        lock (_gate)
        {
            if (!_blobs.TryGetValue(digest, out var blob) || blob.Roots == 0)
            {
                throw Errors.FailedPrecondition($"content digest {digest}: has no root reference");
            }

            blob.Roots--;
        }
    }

    /// <inheritdoc/>
    public int RootCount(Digest digest)
    {
        lock (_gate)
        {
            return _blobs.TryGetValue(digest, out var blob) ? blob.Roots : 0;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<ContentInfo> List()
    {
        lock (_gate)
        {
            var infos = new List<ContentInfo>(_blobs.Count);
            foreach (var blob in _blobs.Values)
            {
                infos.Add(blob.Info);
            }

            infos.Sort(static (a, b) => a.Digest.CompareTo(b.Digest));
            return infos;
        }
    }

    /// <inheritdoc/>
    public GarbageCollectionResult CollectGarbage()
    {
        lock (_gate)
        {
            var reachable = new HashSet<Digest>();
            var pending = new Stack<Digest>();
            foreach (var (digest, blob) in _blobs)
            {
                if (blob.Roots > 0)
                {
                    pending.Push(digest);
                }
            }

            while (pending.Count > 0)
            {
                var digest = pending.Pop();
                if (!reachable.Add(digest) || !_blobs.TryGetValue(digest, out var blob))
                {
                    continue;
                }

                foreach (var child in blob.Info.Children)
                {
                    pending.Push(child);
                }
            }

            var removed = new List<Digest>();
            long reclaimed = 0;
            foreach (var (digest, blob) in _blobs)
            {
                if (!reachable.Contains(digest))
                {
                    removed.Add(digest);
                    reclaimed += blob.Content.Length;
                }
            }

            foreach (var digest in removed)
            {
                _blobs.Remove(digest);
            }

            removed.Sort();
            return new GarbageCollectionResult(removed, reclaimed);
        }
    }

    private void Store(Digest digest, ReadOnlySpan<byte> content, IReadOnlyList<Digest>? children, bool addRoot)
    {
        lock (_gate)
        {
            if (!_blobs.TryGetValue(digest, out var blob))
            {
                blob = new Blob(new ContentInfo(digest, content.Length, _time.GetUtcNow(), Children([], children)), content.ToArray());
                _blobs.Add(digest, blob);
            }
            else if (children is { Count: > 0 })
            {
                // Writing known content again may name more children; keep every edge ever declared.
                blob.Info = blob.Info with { Children = Children(blob.Info.Children, children) };
            }

            if (addRoot)
            {
                blob.Roots = checked(blob.Roots + 1);
            }
        }
    }

    private static IReadOnlyList<Digest> Children(IReadOnlyList<Digest> existing, IReadOnlyList<Digest>? added)
    {
        if (added is null || added.Count == 0)
        {
            return existing.Count == 0 ? Array.Empty<Digest>() : existing;
        }

        var merged = new SortedSet<Digest>(existing);
        foreach (var child in added)
        {
            if (child.IsEmpty)
            {
                throw new ArgumentException("A child digest is empty.", nameof(added));
            }

            merged.Add(child);
        }

        return Array.AsReadOnly(merged.ToArray());
    }

    private Blob Get(Digest digest)
    {
        if (digest.IsEmpty)
        {
            throw new ArgumentException("The digest is empty.", nameof(digest));
        }

        return _blobs.TryGetValue(digest, out var blob) ? blob : throw Errors.NotFound($"content digest {digest}: not found");
    }

    private sealed class Blob(ContentInfo info, ReadOnlyMemory<byte> content)
    {
        public ContentInfo Info { get; set; } = info;

        public ReadOnlyMemory<byte> Content { get; } = content;

        public int Roots { get; set; }
    }
}
