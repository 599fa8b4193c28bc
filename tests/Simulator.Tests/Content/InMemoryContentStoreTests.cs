using Microsoft.Extensions.Time.Testing;
using Simulator.Content;
using Simulator.References;

namespace Simulator.Tests.Content;

public sealed class InMemoryContentStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_stores_bytes_under_their_digest_once()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryContentStore(clock);
        var digest = store.Write("hello"u8);
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", digest.ToString());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(digest, store.Write("hello"u8));
        Assert.Equal(1, store.Count);
        Assert.Equal(5, store.TotalSize);
        var info = store.Info(digest);
        Assert.Equal(5, info.Size);
        Assert.Equal(Start, info.CreatedAt);
        Assert.Equal("hello"u8.ToArray(), store.Read(digest).ToArray());
    }

    [Fact]
    public void Written_bytes_are_copied_so_the_caller_may_reuse_its_buffer()
    {
        var store = new InMemoryContentStore();
        var buffer = "abc"u8.ToArray();
        var digest = store.Write(buffer);
        buffer[0] = (byte)'z';
        Assert.Equal("abc"u8.ToArray(), store.Read(digest).ToArray());
        Assert.True(digest.Matches(store.Read(digest).Span));
    }

    [Fact]
    public void Writing_under_the_wrong_digest_is_refused_and_stores_nothing()
    {
        var store = new InMemoryContentStore();
        var expected = Digest.Compute("right"u8);
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Write(expected, "wrong"u8));
        Assert.Equal(ErrorKind.FailedPrecondition, ex.Kind);
        Assert.Equal($"unexpected commit digest {Digest.Compute("wrong"u8)}, expected {expected}: failed precondition", ex.Message);
        Assert.Equal(0, store.Count);
        Assert.False(store.Exists(expected));
        Assert.False(store.Exists(Digest.Compute("wrong"u8)));
    }

    [Fact]
    public void Writing_under_a_sha512_digest_is_verified_with_sha512()
    {
        var store = new InMemoryContentStore();
        var sha512 = Digest.Parse("sha512:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData("x"u8)));
        store.Write(sha512, "x"u8);
        Assert.True(store.Exists(sha512));
        Assert.Throws<DockerSimulatorException>(() => store.Write(sha512, "y"u8));
        Assert.Throws<ArgumentException>(() => store.Write(default, "y"u8));
    }

    [Fact]
    public void Missing_blobs_are_not_found()
    {
        var store = new InMemoryContentStore();
        var missing = Digest.Compute("nope"u8);
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Read(missing));
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal($"content digest {missing}: not found", ex.Message);
        Assert.Throws<DockerSimulatorException>(() => store.Info(missing));
        Assert.Throws<DockerSimulatorException>(() => store.AddRoot(missing));
        Assert.False(store.TryRead(missing, out var content));
        Assert.True(content.IsEmpty);
    }

    [Fact]
    public void Garbage_collection_keeps_what_roots_reach_through_children()
    {
        var store = new InMemoryContentStore();
        var layer1 = store.Write("layer1"u8);
        var layer2 = store.Write("layer2"u8);
        var config = store.Write("{}"u8);
        var manifest = store.Write("manifest"u8, [config, layer1, layer2]);
        var stray = store.Write("stray"u8);
        store.AddRoot(manifest);

        var result = store.CollectGarbage();
        Assert.Equal([stray], result.Removed);
        Assert.Equal(5, result.ReclaimedBytes);
        Assert.Equal(4, store.Count);

        store.RemoveRoot(manifest);
        result = store.CollectGarbage();
        Assert.Equal(new[] { config, layer1, layer2, manifest }.Order().ToArray(), result.Removed);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Shared_blobs_stay_while_any_holder_roots_them()
    {
        var store = new InMemoryContentStore();
        var baseLayer = store.Write("busybox base layer"u8);
        var imageA = store.Write("image a"u8, [baseLayer]);
        var imageB = store.Write("image b"u8, [baseLayer]);
        store.AddRoot(imageA);
        store.AddRoot(imageB);
        store.AddRoot(imageB);
        Assert.Equal(2, store.RootCount(imageB));

        store.RemoveRoot(imageA);
        store.CollectGarbage();
        Assert.True(store.Exists(baseLayer));
        Assert.False(store.Exists(imageA));

        store.RemoveRoot(imageB);
        store.CollectGarbage();
        Assert.True(store.Exists(baseLayer));
        store.RemoveRoot(imageB);
        store.CollectGarbage();
        Assert.False(store.Exists(baseLayer));
    }

    [Fact]
    public void Removing_a_root_that_is_not_there_fails_and_changes_nothing()
    {
        var store = new InMemoryContentStore();
        var blob = store.Write("x"u8);
        var ex = Assert.Throws<DockerSimulatorException>(() => store.RemoveRoot(blob));
        Assert.Equal(ErrorKind.FailedPrecondition, ex.Kind);
        Assert.Equal(0, store.RootCount(blob));
        Assert.True(store.Exists(blob));
        Assert.Throws<DockerSimulatorException>(() => store.RemoveRoot(Digest.Compute("absent"u8)));
    }

    [Fact]
    public void Cycles_and_missing_children_do_not_break_collection()
    {
        var store = new InMemoryContentStore();
        var missing = Digest.Compute("never written"u8);
        var a = store.Write("a"u8, [missing]);
        store.AddRoot(a);
        Assert.Empty(store.CollectGarbage().Removed);
        Assert.True(store.Exists(a));
    }

    [Fact]
    public void List_is_ordered_by_digest()
    {
        var store = new InMemoryContentStore();
        var digests = Enumerable.Range(0, 20).Select(i => store.Write(BitConverter.GetBytes(i))).ToList();
        Assert.Equal(digests.Order().ToList(), store.List().Select(i => i.Digest).ToList());
    }

    [Fact]
    public async Task Concurrent_writers_and_collectors_keep_rooted_blobs()
    {
        var store = new InMemoryContentStore();
        var rooted = store.Write("kept"u8);
        store.AddRoot(rooted);
        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                var d = store.Write(BitConverter.GetBytes((t * 1000) + i), addRoot: true);
                store.CollectGarbage();
                Assert.True(store.Exists(d));
                store.RemoveRoot(d);
            }
        }, TestContext.Current.CancellationToken));
        await Task.WhenAll(tasks);
        store.CollectGarbage();
        Assert.Equal(1, store.Count);
        Assert.True(store.Exists(rooted));
    }
}

public sealed class InMemoryContentStoreEdgeTests
{
    [Fact]
    public void Writing_known_content_again_keeps_every_declared_child()
    {
        var store = new InMemoryContentStore();
        var leaf = store.Write("leaf"u8);
        var parent = store.Write("parent"u8);
        store.Write("parent"u8, [leaf], addRoot: true);
        Assert.Equal([leaf], store.Info(parent).Children);
        store.CollectGarbage();
        Assert.True(store.Exists(leaf));
    }

    [Fact]
    public void Children_cannot_be_changed_through_the_info()
    {
        var store = new InMemoryContentStore();
        var leaf = store.Write("leaf"u8);
        var parent = store.Write("parent"u8, [leaf], addRoot: true);
        var children = store.Info(parent).Children;
        Assert.False(children is Digest[]);
        Assert.Throws<NotSupportedException>(() => ((IList<Digest>)children)[0] = default);
        Assert.Equal(store.Info(parent), store.Info(parent) with { Children = [leaf] });
    }

    [Fact]
    public void The_empty_digest_is_misuse()
    {
        var store = new InMemoryContentStore();
        Assert.Throws<ArgumentException>(() => store.Read(default));
        Assert.Throws<ArgumentException>(() => store.Info(default));
        Assert.Throws<ArgumentException>(() => store.AddRoot(default));
        Assert.False(store.Exists(default));
        Assert.Throws<ArgumentException>(() => store.Write("x"u8, [default]));
        Assert.Equal(0, store.Count);
    }
}
