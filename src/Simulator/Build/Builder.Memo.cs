using System.Collections.Concurrent;
using System.Text;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Build;

/// <summary>
/// The whole-build memo: an unchanged, fully cached rebuild replays the last such build (its progress text, cache
/// hits, local sources, export and tags) instead of dispatching every step again. It only answers when everything a
/// build reads is as it was: the same request (Dockerfile text, path, context directory, build args, target, labels,
/// tags), the same context tree (every entry under the context directory equal, so a changed, added or removed file,
/// or a new <c>.dockerignore</c>, misses), the same image behind every base and <c>--from</c> reference, and the same
/// cache records. The context tree is compared entry by entry only when the union's change stamp moved since the
/// last comparison. <c>--no-cache</c>, <c>--pull</c>, tar and stdin contexts, the classic format and builds that ran a
/// step are never memoised. The observable result (output, image, tags, cache usage) equals the full build's.
/// </summary>
public sealed partial class Builder
{
    private readonly ConcurrentDictionary<string, BuildMemo> _memos = new(StringComparer.Ordinal);
    private int _memoHits;

    /// <summary>How many builds were answered by the memo (for tests: the memo is otherwise invisible).</summary>
    internal int MemoHits => Volatile.Read(ref _memoHits);

    /// <summary>The memo key of a request, or <see langword="null"/> when such a build is never memoised.</summary>
    internal string? MemoKey(BuildRequest request)
    {
        if (request.NoCache || request.Pull || request.Progress != BuildProgressFormat.Plain || request.ContextTar is not null
            || request.ContextDirectory is null || (request.ContextFileSystem ?? HostFileSystem) is not UnionFileSystemAdapter
            || request.DockerfilePath.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        if (request.BuildArgs.Count == 0 && request.Labels.Count == 0 && request.Tags.Count <= 1)
        {
            // The common case without sorting or a list.
            return Hash(
                request.Dockerfile is null ? "\u0001" : "\u0002" + request.Dockerfile,
                request.DockerfilePath,
                request.ContextDirectory,
                request.Target ?? "\u0001",
                request.Quiet ? "q" : "-",
                request.Tags.Count == 1 ? "t" + request.Tags[0] : "");
        }

        var parts = new List<string>(8 + request.BuildArgs.Count + request.Labels.Count + request.Tags.Count)
        {
            request.Dockerfile is null ? "\u0001" : "\u0002" + request.Dockerfile,
            request.DockerfilePath,
            request.ContextDirectory,
            request.Target ?? "\u0001",
            request.Quiet ? "q" : "-",
        };
        foreach (var (k, v) in request.BuildArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            parts.Add("a" + k + "\0" + (v ?? "\u0001"));
        }

        foreach (var (k, v) in request.Labels.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            parts.Add("l" + k + "\0" + v);
        }

        foreach (var t in request.Tags)
        {
            parts.Add("t" + t);
        }

        return Hash([.. parts]);
    }

    /// <summary>Replays the memo of <paramref name="key"/> when every input it read is unchanged.</summary>
    internal bool TryReplay(string key, BuildRequest request, TextWriter? progress, out BuildResult result)
    {
        result = null!;
        if (!_memos.TryGetValue(key, out var memo) || !memo.IsCurrent(this, request))
        {
            return false;
        }

        Interlocked.Increment(ref _memoHits);
        var now = TimeProvider.GetUtcNow();
        foreach (var record in memo.Records)
        {
            record.Touch(now);
        }

        foreach (var (sharedKey, name, size) in memo.LocalSources)
        {
            TouchLocalSource(sharedKey, name, size);
        }

        if (!request.Quiet && progress is not null)
        {
            progress.Write(memo.Output);
        }

        var stored = Images.Add(memo.Image);
        if (memo.TagNames.Length > 0)
        {
            var id = stored.Id.ToString();
            foreach (var tag in memo.TagNames)
            {
                Images.Tag(id, tag);
            }
        }

        result = new BuildResult(stored, memo.Tags, memo.Cached, 0);
        return true;
    }

    internal void AddMemo(string key, BuildMemo memo)
    {
        if (_memos.Count >= 256)
        {
            _memos.Clear();
        }

        _memos[key] = memo;
    }

    /// <summary>What a fully cached build read and did (see <see cref="Builder"/>'s memo remarks).</summary>
    internal sealed class BuildMemo
    {
        public required ContextRoot Context { get; init; }

        public required (string Path, FileEntry Entry)[] Tree { get; init; }

        /// <summary>The context union's <see cref="UnionFileSystem.ChangeStamp"/> when <see cref="Tree"/> was last found
        /// current: the same stamp now means the same tree without walking it.</summary>
        public required long? TreeStamp { get; set; }

        public required (string Reference, Digest Id)[] BaseImages { get; init; }

        public required (string Key, CacheRecord Record)[] CacheKeys { get; init; }

        public required IReadOnlyList<CacheRecord> Records { get; init; }

        public required int Cached { get; init; }

        public required (string Key, string Name, Func<long> Size)[] LocalSources { get; init; }

        public required string Output { get; init; }

        public required Image Image { get; init; }

        public required IReadOnlyList<ImageReference> Tags { get; init; }

        public string[] TagNames => field ??= [.. Tags.Select(t => t.ToString())];

        public bool IsCurrent(Builder builder, BuildRequest request)
        {
            if ((request.ContextFileSystem ?? builder.HostFileSystem) is not UnionFileSystemAdapter adapter
                || !ReferenceEquals(adapter.Union, Context.Union)
                || FsPath.Clean(request.ContextDirectory!.StartsWith('/') ? request.ContextDirectory : adapter.Path.GetFullPath(request.ContextDirectory)) != Context.Root)
            {
                return false;
            }

            foreach (var (k, record) in CacheKeys)
            {
                if (!builder._cache.TryGetValue(k, out var now) || !ReferenceEquals(now, record))
                {
                    return false;
                }
            }

            foreach (var (reference, id) in BaseImages)
            {
                if (!builder.Images.TryGet(reference, out var image) || image.Id != id)
                {
                    return false;
                }
            }

            var stamp = Context.Union.ChangeStamp;
            if (stamp is not null && stamp == TreeStamp)
            {
                return true;
            }

            // Something in the union changed (maybe outside the context): compare the tree, and remember the stamp it matched.
            if (!SameTree(Context.Union, Context.Root, Tree))
            {
                return false;
            }

            TreeStamp = stamp;
            return true;
        }
    }

    /// <summary>Every entry under a context directory (itself first, then each directory's children in
    /// <c>readdir</c> order, depth first), each directory read under one lock; <see langword="null"/> (no memo) when a
    /// symlink in it may lead out of it (an absolute target or one with a <c>..</c>): a step reading through it reads
    /// what the tree does not hold, so an equal tree would not mean an equal build.</summary>
    internal static (string Path, FileEntry Entry)[]? SnapshotTree(UnionFileSystem union, string root)
    {
        var list = new List<(string, FileEntry)>();
        return VisitTree(union, root, (path, entry) =>
        {
            list.Add((path, entry));
            return entry.Type != EntryType.Symlink || StaysBeneath(entry.LinkTarget!);
        }) ? [.. list] : null;
    }

    // A relative target without a ".." component resolves beneath the link's directory.
    private static bool StaysBeneath(string target) =>
        target.Length > 0 && target[0] != '/' && !target.Split('/').Contains("..");

    internal static bool SameTree(UnionFileSystem union, string root, (string Path, FileEntry Entry)[] tree)
    {
        int i = 0;
        bool same = VisitTree(union, root, (path, entry) =>
        {
            if (i >= tree.Length || tree[i].Path != path || !tree[i].Entry.Equals(entry))
            {
                return false;
            }

            i++;
            return true;
        });
        return same && i == tree.Length;
    }

    // Stops (false) when visit says so, or when the tree changes under the walk.
    private static bool VisitTree(UnionFileSystem union, string root, Func<string, FileEntry, bool> visit)
    {
        try
        {
            var rootEntry = union.Stat(root);
            if (!visit(root, rootEntry))
            {
                return false;
            }

            if (!rootEntry.IsDirectory)
            {
                return true;
            }

            var pending = new Stack<string>();
            pending.Push(root);
            while (pending.TryPop(out var dir))
            {
                var children = union.ReadDirectoryEntries(dir);
                for (int c = children.Count - 1; c >= 0; c--)
                {
                    // Pushed in reverse so directories come out in readdir order.
                    if (children[c].Value.IsDirectory)
                    {
                        pending.Push(FsPath.Combine(dir, children[c].Key));
                    }
                }

                foreach (var (name, entry) in children)
                {
                    if (!visit(FsPath.Combine(dir, name), entry))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        catch (FileSystemException)
        {
            return false;
        }
    }

    /// <summary>The context a memo read: a union file system and the context directory in it.</summary>
    internal sealed record ContextRoot(UnionFileSystem Union, string Root);
}

/// <summary>Writes to another writer and keeps a copy of the text (the memo's progress output).</summary>
internal sealed class CapturingWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => inner.Encoding;

    public string Text => _text.ToString();

    public override void Write(char value)
    {
        _text.Append(value);
        inner.Write(value);
    }

    public override void Write(string? value)
    {
        _text.Append(value);
        inner.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        _text.Append(buffer, index, count);
        inner.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        _text.Append(buffer);
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();
}
