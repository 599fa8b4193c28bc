using Simulator.Registries;

namespace Simulator.Tests.Registries;

public sealed class RegistryPushTests
{
    private readonly RegistryFixture _f = new();

    [Fact]
    public async Task Push_to_a_local_registry_prints_dockers_lines_top_layer_first()
    {
        var registry = _f.World.Add("localhost:5000");
        var image = RegistryFixture.On(RegistryFixture.Base(), "nginx");
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "localhost:5000/mynginx");
        var ids = image.DiffIds.Select(d => d.ShortId).ToArray();

        var result = await _f.Push("localhost:5000/mynginx");

        Assert.True(registry.TryGetManifest("mynginx", "latest", out var digest, out var manifest));
        Assert.Equal(
            [
                "Using default tag: latest",
                "The push refers to repository [localhost:5000/mynginx]",
                $"{ids[1]}: Preparing",
                $"{ids[0]}: Preparing",
                $"{ids[1]}: Pushed",
                $"{ids[0]}: Pushed",
                $"latest: digest: {digest} size: {manifest.Length}",
            ],
            result.Output);
        Assert.Equal(digest, result.ManifestDigest);
        Assert.Equal(["localhost:5000/mynginx@" + digest], _f.Images.Inspect(image.Id.ToString()).RepoDigests);
        Assert.Equal(["latest"], registry.Tags("mynginx"));
    }

    [Fact]
    public async Task Pushing_again_reports_layers_that_exist_and_a_base_from_another_repository_is_mounted()
    {
        var registry = _f.World.Add("localhost:5000");
        var baseImage = RegistryFixture.Base();
        var app = RegistryFixture.On(baseImage, "app");
        _f.Images.Add(app);
        _f.Images.Tag(app.Id.ToString(), "localhost:5000/app:v1");
        registry.Put(baseImage, "base");

        var first = await _f.Push("localhost:5000/app:v1");
        var second = await _f.Push("localhost:5000/app:v1");

        Assert.Equal($"{app.DiffIds[1].ShortId}: Pushed", first.Output[3]);
        Assert.Equal($"{app.DiffIds[0].ShortId}: Mounted from base", first.Output[4]);
        Assert.Equal($"{app.DiffIds[1].ShortId}: Layer already exists", second.Output[3]);
        Assert.Equal($"{app.DiffIds[0].ShortId}: Layer already exists", second.Output[4]);
        Assert.Equal(first.ManifestDigest, second.ManifestDigest);
    }

    [Fact]
    public async Task Push_then_pull_into_another_engine_round_trips_to_the_same_image_and_digest()
    {
        _f.World.Add("localhost:5000");
        var image = RegistryFixture.On(RegistryFixture.Base(), "round");
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "localhost:5000/round:1.0");
        var pushed = await _f.Push("localhost:5000/round:1.0");

        var other = new RegistryFixture(_f.World);
        var pulled = await other.Pull("localhost:5000/round:1.0");

        Assert.Equal(image.Id, pulled.ImageId);
        Assert.Equal(pushed.ManifestDigest, pulled.ManifestDigest);
        Assert.Equal($"Digest: {pushed.ManifestDigest}", pulled.Output[^3]);
        Assert.Equal(image.DiffIds, other.Images.Get("localhost:5000/round:1.0").DiffIds);
    }

    [Fact]
    public async Task Push_to_docker_hub_needs_a_login_and_ones_own_namespace()
    {
        var image = RegistryFixture.Base();
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "yourname/app");
        _f.Images.Tag(image.Id.ToString(), "someoneelse/app");
        var output = new List<string>();

        var e = await _f.PushFails("yourname/app", output);
        Assert.Equal("denied: requested access to the resource is denied", e.Message);
        Assert.Equal(ErrorKind.FailedPrecondition, e.Kind);
        Assert.Equal(["Using default tag: latest", "The push refers to repository [docker.io/yourname/app]", $"{image.DiffIds[0].ShortId}: Preparing"], output);

        _f.Client.Login(null, "yourname", "secret");
        e = await _f.PushFails("someoneelse/app");
        Assert.Equal("denied: requested access to the resource is denied", e.Message);

        var result = await _f.Push("yourname/app");
        Assert.Equal("The push refers to repository [docker.io/yourname/app]", result.Output[1]);
        Assert.Equal(["latest"], _f.Hub.Tags("yourname/app"));
    }

    [Fact]
    public async Task Push_to_a_registry_with_users_needs_a_login()
    {
        var registry = _f.World.Add("registry.example.com");
        registry.AddUser("ci", "s3cret");
        var image = RegistryFixture.Base();
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "registry.example.com/team/app:1");

        var e = await _f.PushFails("registry.example.com/team/app:1");
        Assert.Equal("no basic auth credentials", e.Message);

        _f.Client.Login("registry.example.com", "ci", "s3cret");
        await _f.Push("registry.example.com/team/app:1");

        var other = new RegistryFixture(_f.World);
        var pull = await other.PullFails("registry.example.com/team/app:1");
        Assert.Equal("Head \"https://registry.example.com/v2/team/app/manifests/1\": no basic auth credentials", pull.Message);
    }

    [Fact]
    public async Task A_restricted_repository_denies_other_users()
    {
        var registry = _f.World.Add("localhost:5000");
        registry.Restrict("private", "alice");
        var image = RegistryFixture.Base();
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "localhost:5000/private");

        var e = await _f.PushFails("localhost:5000/private");
        Assert.Equal("denied: requested access to the resource is denied", e.Message);

        registry.Put(image, "private");
        e = await _f.PullFails("localhost:5000/private");
        Assert.Equal("pull access denied for localhost:5000/private, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", e.Message);
    }

    [Fact]
    public async Task Push_of_an_image_the_store_lacks_fails_as_docker_does()
    {
        _f.World.Add("localhost:5000");
        var e = await _f.PushFails("localhost:5000/none");
        Assert.Equal("An image does not exist locally with the tag: localhost:5000/none", e.Message);
        Assert.Equal(ErrorKind.NotFound, e.Kind);

        var image = RegistryFixture.Base();
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "localhost:5000/some:v1");
        e = await _f.PushFails("localhost:5000/some:v2");
        Assert.Equal("tag does not exist: localhost:5000/some:v2", e.Message);

        e = await _f.PushFails("localhost:5000/some@sha256:" + new string('a', 64));
        Assert.Equal("cannot push a digest reference", e.Message);
    }

    [Fact]
    public async Task Push_to_an_unknown_host_fails_after_naming_the_repository()
    {
        var image = RegistryFixture.Base();
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "nohost.example:5000/app");
        var output = new List<string>();

        var e = await _f.PushFails("nohost.example:5000/app", output);

        Assert.Equal("Get \"https://nohost.example:5000/v2/\": dial tcp: lookup nohost.example on 127.0.0.53:53: no such host", e.Message);
        Assert.Equal("The push refers to repository [nohost.example:5000/app]", output[^1]);
    }

    [Fact]
    public async Task An_injected_failure_fails_the_next_push_only()
    {
        var registry = _f.World.Add("localhost:5000");
        var image = RegistryFixture.Base();
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "localhost:5000/app");
        registry.FailNext("app", RegistryOperation.Push, "blob upload unknown");

        var output = new List<string>();
        var e = await _f.PushFails("localhost:5000/app", output);

        Assert.Equal("blob upload unknown", e.Message);
        Assert.Equal(["Using default tag: latest", "The push refers to repository [localhost:5000/app]", image.DiffIds[0].ShortId + ": Preparing"], output);
        Assert.Empty(registry.Repositories());
        await _f.Push("localhost:5000/app");
        Assert.Equal(["app"], registry.Repositories());
    }

    [Fact]
    public async Task A_layer_pushed_to_two_registries_is_held_once()
    {
        _f.World.Add("localhost:5000");
        _f.World.Add("localhost:5001");
        var image = RegistryFixture.Base();
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "localhost:5000/app");
        _f.Images.Tag(image.Id.ToString(), "localhost:5001/app");
        var before = _f.Content.Count;

        var one = await _f.Push("localhost:5000/app");
        var two = await _f.Push("localhost:5001/app");

        Assert.Equal(one.ManifestDigest, two.ManifestDigest);
        Assert.Equal(before + 1, _f.Content.Count); // only the manifest is new
        Assert.Equal(3, _f.Content.RootCount(image.DiffIds[0])); // the image store and two repositories
        Assert.Equal(2, _f.Content.RootCount(one.ManifestDigest));
    }

    [Fact]
    public async Task A_base_pulled_from_docker_hub_is_mounted_from_its_library_repository()
    {
        var baseImage = RegistryFixture.Base();
        _f.Hub.Put(baseImage, "alpine");
        await _f.Pull("alpine");
        var app = RegistryFixture.On(_f.Images.Get("alpine"), "mine");
        _f.Images.Add(app);
        _f.Images.Tag(app.Id.ToString(), "yourname/app:1.0");
        _f.Client.Login(null, "yourname", "pw");

        var result = await _f.Push("yourname/app:1.0");

        Assert.Equal(
            [
                "The push refers to repository [docker.io/yourname/app]",
                $"{app.DiffIds[1].ShortId}: Preparing",
                $"{app.DiffIds[0].ShortId}: Preparing",
                $"{app.DiffIds[1].ShortId}: Pushed",
                $"{app.DiffIds[0].ShortId}: Mounted from library/alpine",
                $"1.0: digest: {result.ManifestDigest} size: {result.ManifestSize}",
            ],
            result.Output);
    }

    [Fact]
    public async Task More_than_five_uploads_wait()
    {
        _f.World.Add("localhost:5000");
        var builder = Simulator.Images.ImageBuilder.FromScratch().WithCreated(RegistryFixture.T0);
        for (int i = 0; i < 7; i++)
        {
            builder = builder.WithFile("/l" + i, "layer " + i).WithLayer();
        }

        var image = builder.Build();
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "localhost:5000/tall");

        var result = await _f.Push("localhost:5000/tall");

        Assert.Equal([$"{image.DiffIds[1].ShortId}: Waiting", $"{image.DiffIds[0].ShortId}: Waiting"], result.Output.Skip(9).Take(2));
    }
}
