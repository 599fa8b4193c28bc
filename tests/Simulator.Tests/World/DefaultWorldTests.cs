using System.IO.Abstractions.TestingHelpers;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.References;
using Simulator.Registries;
using Simulator.World;

namespace Simulator.Tests.World;

public sealed class DefaultWorldTests
{
    private sealed class Engine
    {
        public Engine(RegistryWorld? world = null)
        {
            World = world ?? DefaultWorld.Create(Content);
            if (world is not null)
            {
                Content = (InMemoryContentStore)world.Content;
            }

            Images = new InMemoryImageStore(Content);
            Client = new RegistryClient(World, Images, new MockFileSystem(), "/root/.docker/config.json");
        }

        public InMemoryContentStore Content { get; } = new();

        public RegistryWorld World { get; }

        public InMemoryImageStore Images { get; }

        public RegistryClient Client { get; }

        public Task<PullResult> Pull(string reference) => Client.PullAsync(reference, null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Pull_alpine_prints_dockers_lines()
    {
        var engine = new Engine();

        var result = await engine.Pull("alpine");

        var layer = StockImages.Alpine.Image.DiffIds[0].ShortId;
        var digest = Registry.ManifestDigest(StockImages.Alpine.Image);
        Assert.Equal(
        [
            "Using default tag: latest",
            "latest: Pulling from library/alpine",
            layer + ": Pulling fs layer",
            layer + ": Verifying Checksum",
            layer + ": Download complete",
            layer + ": Pull complete",
            "Digest: " + digest,
            "Status: Downloaded newer image for alpine:latest",
            "docker.io/library/alpine:latest",
        ], result.Output);
        Assert.Equal(StockImages.Alpine.Image.Id, result.ImageId);
        Assert.True(engine.Images.TryGet("alpine:3.20", out _) is false);
        Assert.True(engine.Images.TryGet("alpine", out var pulled));
        Assert.Same(StockImages.Alpine.Image.Layers[0], pulled.Layers[0]);

        var again = await engine.Pull("alpine:latest");
        Assert.Equal("Status: Image is up to date for alpine:latest", again.Output[^2]);
    }

    [Fact]
    public async Task Nginx_alpine_and_registry_after_alpine_reuse_the_base_layer_held_once()
    {
        var engine = new Engine();
        await engine.Pull("alpine");
        var baseLayer = StockImages.Alpine.Image.DiffIds[0];

        var nginx = await engine.Pull("nginx:alpine");
        var registry = await engine.Pull("registry:2");

        Assert.Equal("alpine: Pulling from library/nginx", nginx.Output[0]);
        Assert.Equal(baseLayer.ShortId + ": Already exists", nginx.Output[1]);
        Assert.Equal("Status: Downloaded newer image for nginx:alpine", nginx.Output[^2]);
        Assert.Equal(baseLayer.ShortId + ": Already exists", registry.Output[1]);
        Assert.Equal("Status: Downloaded newer image for registry:2", registry.Output[^2]);
        var blobs = engine.Content.List();
        Assert.Single(blobs, b => b.Digest == baseLayer);
        Assert.Equal(StockImages.Alpine.Image.Layers[0].TarLength, engine.Content.Info(baseLayer).Size);
        // Every layer blob is held once: the sum of sizes is that of the distinct layers.
        var layers = new[] { StockImages.Alpine, StockImages.NginxAlpine, StockImages.Registry }
            .SelectMany(s => s.Image.Layers).DistinctBy(l => l.DiffId).ToDictionary(l => l.DiffId);
        var layerBlobs = blobs.Where(b => layers.ContainsKey(b.Digest)).ToList();
        Assert.Equal(layers.Count, layerBlobs.Count);
        Assert.Equal(layers.Values.Sum(l => l.TarLength), layerBlobs.Sum(b => b.Size));
    }

    [Fact]
    public async Task Every_stock_tag_resolves_and_other_tags_of_stock_repositories_are_unknown()
    {
        var engine = new Engine();
        var hub = engine.World.DockerHub;

        Assert.Equal(["library/alpine", "library/busybox", "library/hello-world", "library/nginx", "library/postgres", "library/registry", "testcontainers/ryuk"], hub.Repositories());
        Assert.Equal(["0.14.0", "latest"], hub.Tags("testcontainers/ryuk"));
        Assert.Equal(["1.27", "1.27-alpine", "alpine", "latest"], hub.Tags("nginx"));
        Assert.True(hub.TryGetManifest("busybox", "1.36", out var busybox, out _));
        Assert.Equal(Registry.ManifestDigest(StockImages.Busybox.Image), busybox);
        Assert.True(hub.TryGetManifest("hello-world", "latest", out _, out _));
        Assert.False(hub.TryGetManifest("alpine", "2.0", out _, out _));

        var e = await Assert.ThrowsAsync<DockerSimulatorException>(() => engine.Pull("alpine:2.0"));
        Assert.Equal("manifest for alpine:2.0 not found: manifest unknown: manifest unknown", e.Message);
        var denied = await Assert.ThrowsAsync<DockerSimulatorException>(() => engine.Pull("nosuchimage"));
        Assert.StartsWith("pull access denied for nosuchimage", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_by_digest_before_any_tag_lookup_provides_the_image()
    {
        var engine = new Engine();
        var digest = Registry.ManifestDigest(StockImages.HelloWorld.Image);

        var result = await engine.Pull("hello-world@" + digest);

        Assert.Equal(StockImages.HelloWorld.Image.Id, result.ImageId);
    }

    [Fact]
    public async Task A_tag_a_test_puts_itself_wins_over_the_stock_image()
    {
        var engine = new Engine();
        var own = ImageBuilder.FromScratch().WithFile("/own", "x").Build();
        engine.World.DockerHub.Put(own, "alpine", "latest");

        var result = await engine.Pull("alpine");

        Assert.Equal(own.Id, result.ImageId);
    }

    [Fact]
    public async Task Two_worlds_give_the_same_digests_and_creating_one_stores_nothing()
    {
        var first = new Engine();
        var second = new Engine();
        Assert.Equal(0, first.Content.Count);

        var a = await first.Pull("busybox");
        var b = await second.Pull("busybox");

        Assert.Equal(a.ManifestDigest, b.ManifestDigest);
        Assert.Equal(a.ImageId, b.ImageId);
        Assert.Equal(first.Content.List().Select(i => i.Digest), second.Content.List().Select(i => i.Digest));
    }

    [Fact]
    public void Stock_images_are_deterministic_functions_of_their_definitions()
    {
        // A second build from the same definitions (not the cached instances) gives the same IDs and DiffIDs.
        var layer = AlpineImage.BaseLayer();
        Assert.NotSame(StockImages.Alpine.Image.Layers[0], layer);
        Assert.Equal(StockImages.Alpine.Image.Id, AlpineImage.Build(layer).Id);
        Assert.Equal(StockImages.Busybox.Image.Id, BusyboxImage.Build().Id);
        Assert.Equal(StockImages.HelloWorld.Image.Id, HelloWorldImage.Build().Id);
        Assert.Equal(StockImages.Registry.Image.Id, RegistryImage.Build(layer).Id);
    }

    [Fact]
    public async Task Synthesis_is_off_by_default_and_makes_a_sleeping_image_when_on()
    {
        var engine = new Engine();
        var hub = engine.World.DockerHub;
        Assert.False(hub.SynthesizeUnknownImages);
        await Assert.ThrowsAsync<DockerSimulatorException>(() => engine.Pull("team/unknown:1.0"));

        hub.SynthesizeUnknownImages = true;
        var result = await engine.Pull("team/unknown:1.0");

        Assert.Equal("Status: Downloaded newer image for team/unknown:1.0", result.Output[^2]);
        Assert.True(engine.Images.TryGet("team/unknown:1.0", out var image));
        var layer = Assert.Single(image.Layers);
        Assert.Equal(["sleep-forever"], image.Config.Config.Cmd);
        Assert.Equal("true", image.Config.Config.Labels["org.simulator.synthesized"]);
        var fs = UnionFileSystem.CreateReadOnly(LayerStack.Create(image.Layers));
        Assert.Equal("#!simulator sleep-forever\n", fs.ReadAllText("/usr/local/bin/sleep-forever"));
        Assert.Equal("docker.io/team/unknown:1.0\n", fs.ReadAllText("/etc/synthesized-image"));
        Assert.NotNull(layer);

        // Deterministic, distinct per reference, and stock images still come from the stock.
        Assert.Equal(image.Id, Registry.Synthesize("docker.io", "team/unknown", "1.0").Id);
        Assert.NotEqual(image.Id, Registry.Synthesize("docker.io", "team/unknown", "2.0").Id);
        Assert.Equal(StockImages.HelloWorld.Image.Id, (await engine.Pull("hello-world")).ImageId);
        await Assert.ThrowsAsync<DockerSimulatorException>(() => engine.Pull("team/other@sha256:" + new string('a', 64)));

        hub.SynthesizeUnknownImages = false;
        await Assert.ThrowsAsync<DockerSimulatorException>(() => engine.Pull("team/third"));
        Assert.Equal(image.Id, (await engine.Pull("team/unknown:1.0")).ImageId);
    }

    [Fact]
    public async Task Concurrent_pulls_from_many_engines_share_one_world_and_store_each_layer_once()
    {
        var content = new InMemoryContentStore();
        var world = DefaultWorld.Create(content);
        string[] names = ["alpine", "nginx:alpine", "registry:2", "busybox", "hello-world", "alpine:3.20"];

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            var engine = new Engine(world);
            return await engine.Pull(names[i % names.Length]);
        }, TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.StartsWith("Status: Downloaded newer image for ", r.Output[^2], StringComparison.Ordinal));
        var alpineLayer = StockImages.Alpine.Image.DiffIds[0];
        Assert.Single(content.List(), b => b.Digest == alpineLayer);
        Assert.Equal(["3.20", "latest"], world.DockerHub.Tags("alpine"));
    }

    [Fact]
    public async Task Synthesis_works_on_any_registry()
    {
        var content = new InMemoryContentStore();
        var world = new RegistryWorld(content);
        var local = world.Add("localhost:5000");
        local.SynthesizeUnknownImages = true;
        var engine = new Engine(world);

        var result = await engine.Pull("localhost:5000/app:v1");

        Assert.Equal("Status: Downloaded newer image for localhost:5000/app:v1", result.Output[^2]);
    }
}
