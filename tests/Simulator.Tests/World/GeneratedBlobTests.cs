using System.IO.Abstractions.TestingHelpers;
using Simulator.Content;
using Simulator.Images;
using Simulator.References;
using Simulator.Registries;
using Simulator.World;

namespace Simulator.Tests.World;

/// <summary>Big layer blobs are generated from their layer on read, so stock images cost the content store no bytes.</summary>
public sealed class GeneratedBlobTests
{
    [Fact]
    public async Task A_pulled_stock_layer_is_a_generated_blob_that_reads_its_tar()
    {
        var content = new InMemoryContentStore();
        var world = DefaultWorld.Create(content);
        var client = new RegistryClient(world, new InMemoryImageStore(content), new MockFileSystem(), "/root/.docker/config.json");
        await client.PullAsync("alpine", null, TestContext.Current.CancellationToken);
        var diffId = StockImages.Alpine.Image.DiffIds[0];

        var blob = content.Read(diffId);

        Assert.True(GeneratedBlob.Is(blob));
        Assert.Equal(StockImages.Alpine.Image.Layers[0].TarLength, blob.Length);
        Assert.Equal(blob.Length, content.Info(diffId).Size);
        Assert.True(diffId.Matches(blob.Span));
        using (blob.Pin())
        {
        }

        Assert.Equal(2, content.RootCount(diffId)); // the registry repository and the image store
    }

    [Fact]
    public async Task A_tampered_big_blob_still_fails_verification()
    {
        var content = new InMemoryContentStore();
        var world = DefaultWorld.Create(content);
        var client = new RegistryClient(world, new InMemoryImageStore(content), new MockFileSystem(), "/root/.docker/config.json");
        Assert.True(world.DockerHub.TryGetManifest("busybox", "latest", out _, out _));
        var diffId = StockImages.Busybox.Image.DiffIds[0];
        world.DockerHub.ServeBlobAs(diffId, "not a tar"u8);

        var e = await Assert.ThrowsAsync<DockerSimulatorException>(() => client.PullAsync("busybox", null, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.FailedPrecondition, e.Kind);
        Assert.Contains("filesystem layer verification failed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_big_image_to_an_image_store_stores_generated_blobs_and_small_layers_as_bytes()
    {
        var content = new InMemoryContentStore();
        var images = new InMemoryImageStore(content);

        images.Add(StockImages.NginxAlpine.Image);

        var layers = StockImages.NginxAlpine.Image.Layers;
        Assert.True(GeneratedBlob.Is(content.Read(layers[0].DiffId)));
        Assert.True(GeneratedBlob.Is(content.Read(layers[1].DiffId)));
        Assert.False(GeneratedBlob.Is(content.Read(layers[^1].DiffId)));
        Assert.True(layers[^1].DiffId.Matches(content.Read(layers[^1].DiffId).Span));
        Assert.Equal(layers.Sum(l => l.TarLength), layers.Sum(l => content.Info(l.DiffId).Size));
    }

    [Fact]
    public void Garbage_collection_removes_unreferenced_generated_blobs()
    {
        var content = new InMemoryContentStore();
        var world = DefaultWorld.Create(content);
        Assert.True(world.DockerHub.TryGetManifest("hello-world", "latest", out _, out _));
        var layer = StockImages.Alpine.Image.Layers[0];
        Assert.True(GeneratedBlob.TryWrite(content, layer.DiffId, layer.TarLength, () => throw new InvalidOperationException("never read"), addRoot: false));

        var result = content.CollectGarbage();

        Assert.Contains(layer.DiffId, result.Removed);
        Assert.False(content.Exists(layer.DiffId));
        Assert.True(content.Exists(StockImages.HelloWorld.Image.DiffIds[0]));
    }
}
