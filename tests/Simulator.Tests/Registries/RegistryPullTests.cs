using Simulator.Registries;
using Simulator.References;

namespace Simulator.Tests.Registries;

public sealed class RegistryPullTests
{
    private readonly RegistryFixture _f = new();

    [Fact]
    public async Task Pull_of_a_bare_name_prints_dockers_lines_and_tags_the_image()
    {
        var image = RegistryFixture.On(RegistryFixture.Base(), "app");
        var digest = _f.Hub.Put(image, "alpine");
        var lines = new List<string>();

        var result = await _f.Pull("alpine", lines.Add);

        var ids = image.DiffIds.Select(d => d.ShortId).ToArray();
        string[] expected =
        [
            "Using default tag: latest",
            "latest: Pulling from library/alpine",
            $"{ids[0]}: Pulling fs layer",
            $"{ids[1]}: Pulling fs layer",
            $"{ids[0]}: Verifying Checksum",
            $"{ids[0]}: Download complete",
            $"{ids[1]}: Verifying Checksum",
            $"{ids[1]}: Download complete",
            $"{ids[0]}: Pull complete",
            $"{ids[1]}: Pull complete",
            $"Digest: {digest}",
            "Status: Downloaded newer image for alpine:latest",
            "docker.io/library/alpine:latest",
        ];
        Assert.Equal(expected, result.Output);
        Assert.Equal(expected, lines);
        Assert.Equal(image.Id, result.ImageId);
        Assert.Equal(digest, result.ManifestDigest);
        Assert.True(result.Downloaded);
        Assert.Equal(image.Id, _f.Images.Get("alpine").Id);
        Assert.Equal(image.Id, _f.Images.Get("alpine@" + digest).Id);
        Assert.Equal(["alpine@" + digest], _f.Images.Inspect("alpine").RepoDigests);
    }

    [Fact]
    public async Task Pulling_again_is_up_to_date_and_prints_no_layer_lines()
    {
        var image = RegistryFixture.Base();
        var digest = _f.Hub.Put(image, "alpine", "3.20");
        await _f.Pull("alpine:3.20");

        var result = await _f.Pull("alpine:3.20");

        Assert.Equal(
            ["3.20: Pulling from library/alpine", $"Digest: {digest}", "Status: Image is up to date for alpine:3.20", "docker.io/library/alpine:3.20"],
            result.Output);
        Assert.False(result.Downloaded);
    }

    [Fact]
    public async Task A_second_image_on_the_same_base_reports_already_exists_and_the_base_is_stored_once()
    {
        var baseImage = RegistryFixture.Base();
        var one = RegistryFixture.On(baseImage, "one");
        var two = RegistryFixture.On(baseImage, "two");
        _f.Hub.Put(one, "team/one");
        _f.Hub.Put(two, "team/two");
        var baseLayer = baseImage.DiffIds[0];
        var blobsBefore = _f.Content.Count;

        await _f.Pull("team/one");
        var result = await _f.Pull("team/two");

        Assert.Contains($"{baseLayer.ShortId}: Already exists", result.Output);
        Assert.DoesNotContain($"{baseLayer.ShortId}: Pulling fs layer", result.Output);
        Assert.Contains($"{two.DiffIds[1].ShortId}: Pull complete", result.Output);
        // Pulling adds no blobs: registry and image store share the content store, so the base layer is one blob.
        Assert.Equal(blobsBefore, _f.Content.Count);
        Assert.Single(_f.Content.List(), i => i.Digest == baseLayer);
        // Rooted by both registry repositories and by both local images.
        Assert.Equal(4, _f.Content.RootCount(baseLayer));
        Assert.Equal(3, _f.Images.LayerCount);
    }

    [Fact]
    public async Task After_the_first_missing_layer_every_layer_is_pulled()
    {
        // Same top layer content as a local image but on another base: its ChainID differs, so it is pulled.
        var local = RegistryFixture.On(RegistryFixture.Base("a"), "same");
        var remote = RegistryFixture.On(RegistryFixture.Base("b"), "same");
        _f.Images.Add(local);
        _f.Hub.Put(remote, "team/remote");

        var result = await _f.Pull("team/remote");

        Assert.Contains($"{remote.DiffIds[1].ShortId}: Pulling fs layer", result.Output);
        Assert.DoesNotContain(result.Output, l => l.EndsWith("Already exists", StringComparison.Ordinal));
    }

    [Fact]
    public async Task More_than_three_downloads_wait()
    {
        var builder = Simulator.Images.ImageBuilder.FromScratch().WithCreated(RegistryFixture.T0);
        for (int i = 0; i < 5; i++)
        {
            builder = builder.WithFile("/l" + i, "layer " + i).WithLayer();
        }

        var image = builder.Build();
        _f.Hub.Put(image, "team/tall");

        var result = await _f.Pull("team/tall");

        var ids = image.DiffIds.Select(d => d.ShortId).ToArray();
        Assert.Equal([.. ids.Select(id => id + ": Pulling fs layer"), ids[3] + ": Waiting", ids[4] + ": Waiting"], result.Output.Skip(2).Take(7));
    }

    [Fact]
    public async Task Pull_by_digest_records_the_digest_and_no_tag()
    {
        var image = RegistryFixture.Base();
        var digest = _f.Hub.Put(image, "alpine", "3.20", ManifestFormat.Oci);

        var result = await _f.Pull("alpine@" + digest);

        Assert.Equal($"{digest}: Pulling from library/alpine", result.Output[0]);
        Assert.Equal($"Status: Downloaded newer image for alpine@{digest}", result.Output[^2]);
        Assert.Equal($"docker.io/library/alpine@{digest}", result.Output[^1]);
        Assert.Empty(_f.Images.Inspect(image.Id.ToString()).RepoTags);
        Assert.Equal(["alpine@" + digest], _f.Images.Inspect(image.Id.ToString()).RepoDigests);
    }

    [Fact]
    public async Task Pull_from_a_local_registry_names_the_path()
    {
        var registry = _f.World.Add("localhost:5000");
        var image = RegistryFixture.Base();
        registry.Put(image, "myapp", "v1");

        var result = await _f.Pull("localhost:5000/myapp:v1");

        Assert.Equal("v1: Pulling from myapp", result.Output[0]);
        Assert.Equal("Status: Downloaded newer image for localhost:5000/myapp:v1", result.Output[^2]);
        Assert.Equal("localhost:5000/myapp:v1", result.Output[^1]);
    }

    [Fact]
    public async Task Unknown_repository_on_docker_hub_is_pull_access_denied()
    {
        var e = await _f.PullFails("foo");
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("pull access denied for foo, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", e.Message);
    }

    [Fact]
    public async Task Unknown_tag_is_manifest_unknown()
    {
        _f.Hub.Put(RegistryFixture.Base(), "foo");
        var e = await _f.PullFails("foo:bar");
        Assert.Equal("manifest for foo:bar not found: manifest unknown: manifest unknown", e.Message);
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task Unknown_repository_on_another_registry_is_manifest_unknown()
    {
        _f.World.Add("localhost:5000");
        var e = await _f.PullFails("localhost:5000/nope");
        Assert.Equal("manifest for localhost:5000/nope:latest not found: manifest unknown: manifest unknown", e.Message);
    }

    [Fact]
    public async Task Unknown_registry_host_fails_as_a_dns_lookup()
    {
        var e = await _f.PullFails("registry.example.com:5000/app");
        Assert.Equal("Get \"https://registry.example.com:5000/v2/\": dial tcp: lookup registry.example.com on 127.0.0.53:53: no such host", e.Message);
        e = await _f.PullFails("localhost:5001/app");
        Assert.Equal("Get \"http://localhost:5001/v2/\": dial tcp [::1]:5001: connect: connection refused", e.Message);
        e = await _f.PullFails("127.0.0.1:5000/app");
        Assert.Equal("Get \"http://127.0.0.1:5000/v2/\": dial tcp 127.0.0.1:5000: connect: connection refused", e.Message);
    }

    [Fact]
    public async Task A_tampered_layer_fails_verification_and_changes_nothing()
    {
        var image = RegistryFixture.Base();
        _f.Hub.Put(image, "alpine");
        _f.Hub.ServeBlobAs(image.DiffIds[0], "not the layer"u8);

        var e = await _f.PullFails("alpine");

        Assert.Equal($"filesystem layer verification failed for digest {image.DiffIds[0]}", e.Message);
        Assert.Equal(0, _f.Images.Count);
    }

    [Fact]
    public async Task A_tampered_config_fails_verification()
    {
        var image = RegistryFixture.Base();
        _f.Hub.Put(image, "alpine");
        _f.Hub.ServeBlobAs(image.Id, "{}"u8);

        var e = await _f.PullFails("alpine");

        Assert.Equal($"error pulling image configuration: image config verification failed for digest {image.Id}", e.Message);
    }

    [Fact]
    public async Task A_tampered_manifest_fails_verification_when_pulled_by_digest()
    {
        var image = RegistryFixture.Base();
        var digest = _f.Hub.Put(image, "alpine");
        _f.Hub.TryGetManifest("alpine", "latest", out _, out var manifest);
        var text = System.Text.Encoding.UTF8.GetString(manifest.Span).Replace("\"schemaVersion\": 2,", "\"schemaVersion\": 2, ", StringComparison.Ordinal);
        _f.Hub.ServeBlobAs(digest, System.Text.Encoding.UTF8.GetBytes(text));

        var e = await _f.PullFails("alpine@" + digest);

        Assert.Equal($"manifest verification failed for digest {digest}", e.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"schemaVersion\": 1}")]
    [InlineData("{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\"}")]
    [InlineData("{\"schemaVersion\": 2, \"mediaType\": \"text/plain\", \"config\": {\"digest\": \"sha256:0000000000000000000000000000000000000000000000000000000000000000\"}}")]
    public async Task A_malformed_manifest_is_an_unsupported_manifest_format(string manifest)
    {
        _f.Hub.PutManifest("broken", "latest", System.Text.Encoding.UTF8.GetBytes(manifest));
        var e = await _f.PullFails("broken");
        Assert.Equal("unsupported manifest format", e.Message);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public async Task A_malformed_config_is_refused()
    {
        var config = _f.Hub.PutBlob("broken", "{\"architecture\": 1}"u8);
        var manifest = $$"""
            {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
             "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 19, "digest": "{{config}}"}, "layers": []}
            """;
        _f.Hub.PutManifest("broken", "latest", System.Text.Encoding.UTF8.GetBytes(manifest));

        var e = await _f.PullFails("broken");

        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public async Task A_config_whose_diff_ids_do_not_match_the_layers_is_refused()
    {
        var image = RegistryFixture.Base();
        var other = RegistryFixture.Base("other");
        _f.Hub.Put(other, "broken");
        var layer = _f.Hub.PutBlob("broken", _f.Content.Read(other.DiffIds[0]).Span);
        var config = _f.Hub.PutBlob("broken", image.ConfigJson.Span);
        var manifest = $$"""
            {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
             "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 1, "digest": "{{config}}"},
             "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "size": 1, "digest": "{{layer}}"}]}
            """;
        _f.Hub.PutManifest("broken", "mixed", System.Text.Encoding.UTF8.GetBytes(manifest));

        var e = await _f.PullFails("broken:mixed");

        Assert.Equal("layers from manifest don't match image configuration", e.Message);
    }

    [Fact]
    public async Task An_injected_failure_fails_the_next_pull_only()
    {
        _f.Hub.Put(RegistryFixture.Base(), "alpine");
        _f.Hub.FailNext("alpine", RegistryOperation.Pull, "received unexpected HTTP status: 503 Service Unavailable");

        var e = await _f.PullFails("alpine");

        Assert.Equal("received unexpected HTTP status: 503 Service Unavailable", e.Message);
        Assert.True((await _f.Pull("alpine")).Downloaded);
    }

    [Fact]
    public async Task A_new_tag_for_an_image_already_stored_is_downloaded_newer()
    {
        var image = RegistryFixture.Base();
        _f.Hub.Put(image, "alpine", "a");
        _f.Hub.Put(image, "alpine", "b");
        await _f.Pull("alpine:a");

        var result = await _f.Pull("alpine:b");

        Assert.True(result.Downloaded);
        Assert.Equal(image.Id, _f.Images.Get("alpine:b").Id);
    }

    [Fact]
    public async Task Manifests_are_docker_distributions_indented_json()
    {
        var image = RegistryFixture.Base();
        var digest = _f.Hub.Put(image, "alpine");
        Assert.True(_f.Hub.TryGetManifest("alpine", "latest", out var resolved, out var bytes));
        Assert.Equal(digest, resolved);
        Assert.Equal(Digest.Compute(bytes.Span), digest);
        var expected =
            "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",\n   \"config\": {\n" +
            $"      \"mediaType\": \"application/vnd.docker.container.image.v1+json\",\n      \"size\": {image.ConfigJson.Length},\n      \"digest\": \"{image.Id}\"\n   }},\n" +
            "   \"layers\": [\n      {\n         \"mediaType\": \"application/vnd.docker.image.rootfs.diff.tar\",\n" +
            $"         \"size\": {image.Layers[0].TarLength},\n         \"digest\": \"{image.DiffIds[0]}\"\n      }}\n   ]\n}}";
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(bytes.Span));
        Assert.Equal([image.DiffIds[0], image.Id], _f.Content.Info(digest).Children.OrderBy(d => d == image.Id ? 1 : 0));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Gzip_layers_are_pulled_and_their_digest_differs_from_the_diff_id()
    {
        var image = RegistryFixture.Base();
        using var tarStream = new MemoryStream();
        image.Layers[0].WriteTar(tarStream);
        var tar = tarStream.ToArray();
        using var gz = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zip.Write(tar);
        }

        var layer = _f.Hub.PutBlob("zipped", gz.ToArray());
        var config = _f.Hub.PutBlob("zipped", image.ConfigJson.Span);
        var manifest = $$"""
            {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
             "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": {{image.ConfigJson.Length}}, "digest": "{{config}}"},
             "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": {{gz.Length}}, "digest": "{{layer}}"}]}
            """;
        _f.Hub.PutManifest("zipped", "latest", System.Text.Encoding.UTF8.GetBytes(manifest));

        var result = await _f.Pull("zipped");

        Assert.NotEqual(image.DiffIds[0], layer);
        Assert.Equal(image.Id, result.ImageId);
        Assert.Contains($"{layer.ShortId}: Pull complete", result.Output);
        Assert.Equal(image.DiffIds, _f.Images.Get("zipped").DiffIds);
    }

    [Fact]
    public async Task A_private_repository_on_docker_hub_is_pulled_by_its_users_only()
    {
        var image = RegistryFixture.Base();
        _f.Hub.Put(image, "alice/secret");
        _f.Hub.Restrict("alice/secret", "alice");

        var e = await _f.PullFails("alice/secret");
        Assert.Equal("pull access denied for alice/secret, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", e.Message);

        _f.Client.Login(null, "alice", "pw");
        Assert.Equal(image.Id, (await _f.Pull("alice/secret")).ImageId);
    }

    [Fact]
    public async Task Concurrent_pulls_of_one_image_all_succeed_and_store_it_once()
    {
        var image = RegistryFixture.On(RegistryFixture.Base(), "busy");
        _f.Hub.Put(image, "busy");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _f.Pull("busy"), TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.Equal(image.Id, r.ImageId));
        Assert.Equal(1, _f.Images.Count);
        Assert.Equal(1, _f.Content.RootCount(image.Id) - 1); // one root from the image store, one from the registry
    }

    [Fact]
    public async Task Unknown_config_and_layer_media_types_are_refused()
    {
        var digest = "sha256:" + new string('0', 64);
        _f.Hub.PutManifest("odd", "config", System.Text.Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json", "config": {"mediaType": "application/x-plugin", "size": 1, "digest": "{{digest}}"}, "layers": []}"""));
        _f.Hub.PutManifest("odd", "layer", System.Text.Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 1, "digest": "{{digest}}"}, "layers": [{"mediaType": "application/zip", "size": 1, "digest": "{{digest}}"}]}"""));

        Assert.Equal("Encountered remote \"application/x-plugin\"(unknown) when fetching", (await _f.PullFails("odd:config")).Message);
        Assert.Equal("unsupported media type application/zip", (await _f.PullFails("odd:layer")).Message);
    }
}
