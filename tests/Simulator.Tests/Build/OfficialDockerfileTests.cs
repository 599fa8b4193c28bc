using Simulator.Build;
using Simulator.Tests.Support;

namespace Simulator.Tests.Build;

/// <summary>
/// The official images' Dockerfiles (../shared/corpus/dockerfiles, byte-exact upstream copies) built with their
/// contexts, in a world where the alpine/nginx tags they name resolve to the stock images: each parses, then fails with a
/// <see cref="BuildFailedException"/> whose progress output names what is missing (a context file's BuildKit
/// <c>"/x": not found</c>, an apk package's <c>(no such package)</c>, a busybox applet, a host wget cannot reach,
/// an image's <c>pull access denied</c>), never another exception, and leaves no image and no tag.
/// </summary>
public sealed class OfficialDockerfileTests
{
    // What each build stops on today. The texts are BuildKit's (dockerfile2llb/contexthash), apk-tools' and busybox's
    // messages as the simulated userland prints them.
    public static TheoryData<string, string, string> Cases() => new()
    {
        // The root-filesystem tarballs and the hello binary are not in the corpus (its README says so).
        { "alpine", "Dockerfile", "\"/alpine-minirootfs-3.24.2-x86_64.tar.gz\": not found" },
        { "busybox", "Dockerfile", "\"/busybox.tar.gz\": not found" },
        { "hello-world", "Dockerfile", "\"/hello\": not found" },

        // Packages the simulated apk index does not carry (after adduser/addgroup ran).
        { "busybox", "Dockerfile.builder", "  bzip2 (no such package):" },
        { "nginx/alpine-slim", "Dockerfile", "  openssl (no such package):" },
        { "nginx", "Dockerfile", "  openssl (no such package):" },
        { "redis", "Dockerfile", "  tzdata (no such package):" },
        { "redis/redis-8", "Dockerfile", "  tzdata (no such package):" },
        { "golang", "Dockerfile", "  gnupg (no such package):" },
        { "httpd", "Dockerfile", "  apr (no such package):" },
        { "memcached", "Dockerfile", "  libsasl (no such package):" },

        // busybox's install applet is not simulated; its users were made by addgroup/adduser first.
        { "postgres", "Dockerfile", "install: applet not found" },

        // No network: the download fails as busybox wget does without a route.
        { "registry", "Dockerfile", "wget: bad address 'github.com'" },

        // curl is installed by apk but not simulated as a program; the download's checksum step then fails.
        { "node", "Dockerfile", "sha256sum: can't open 'node-v26.7.0-linux-x64-musl.tar.xz': No such file or directory" },

        // The Debian base is not in the simulated registry.
        { "python", "Dockerfile", "pull access denied for debian, repository does not exist or may require 'docker login'" },
    };

    private static DockerSimulator Engine() => new(new DockerSimulatorOptions
    {
        TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero)),
        ConfigureWorld = world =>
        {
            var hub = world.DockerHub;
            hub.TryGetManifest("library/alpine", "latest", out _, out var alpine);
            foreach (var tag in new[] { "3.21", "3.23", "3.24" })
            {
                hub.PutManifest("library/alpine", tag, alpine.Span);
            }

            hub.TryGetManifest("library/nginx", "alpine", out _, out var nginx);
            hub.PutManifest("library/nginx", "1.29.8-alpine-slim", nginx.Span);
        },
    });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parses(string dir, string file, string expected)
    {
        _ = expected;
        var text = File.ReadAllText(Path.Combine(SharedCorpus.File(Path.Combine("dockerfiles", dir)), file));
        var result = DockerfileParser.Parse(text);
        Assert.Contains(result.Ast.Children, n => n.Value.Equals("from", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Builds_until_it_fails_naming_what_is_missing(string dir, string file, string expected)
    {
        var context = SharedCorpus.File(Path.Combine("dockerfiles", dir));
        var engine = Engine();
        var imagesBefore = engine.Images.Count;
        var output = new StringWriter();
        var tag = "corpus/" + dir.Replace('/', '-');
        var request = new BuildRequest
        {
            ContextDirectory = context,
            ContextFileSystem = new System.IO.Abstractions.FileSystem(),
            DockerfilePath = file,
            Tags = [tag],
        };

        var ex = await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(request, output, TestContext.Current.CancellationToken));

        var text = output.ToString() + "\n" + ex.Message;
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.False(engine.Images.TryGet(tag, out _));
        Assert.True(engine.Images.Count <= imagesBefore + 3, "only pulled base images remain");
    }

    [Fact]
    public async Task Adduser_and_addgroup_lines_of_the_alpine_images_run()
    {
        // memcached's RUN that makes its user, as the official image does (its /etc/passwd has this line).
        var engine = Engine();
        var request = new BuildRequest
        {
            Dockerfile = "FROM alpine:3.24\nRUN set -eux; addgroup -g 11211 memcache; adduser -D -u 11211 -G memcache memcache\nUSER memcache\n",
            Tags = ["users"],
        };

        var result = await engine.Builds.BuildAsync(request, null, TestContext.Current.CancellationToken);

        var fs = Simulator.FileSystem.UnionFileSystem.CreateReadOnly(Simulator.FileSystem.LayerStack.Create(result.Image.Layers));
        Assert.Contains("memcache:x:11211:11211:Linux User,,,:/home/memcache:/bin/sh\n", fs.ReadAllText("/etc/passwd"), StringComparison.Ordinal);
        Assert.EndsWith("memcache:x:11211:memcache\n", fs.ReadAllText("/etc/group"), StringComparison.Ordinal);
        Assert.Equal(11211, fs.Stat("/home/memcache").Uid);
    }

    [Fact]
    public void Stock_busybox_config_matches_the_published_one()
    {
        // docker-library/busybox latest/musl/amd64/image-config.json: config has only Cmd ["sh"] and the default PATH.
        using var published = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(SharedCorpus.File(Path.Combine("dockerfiles", "busybox", "image-config.musl.json"))));
        using var ours = System.Text.Json.JsonDocument.Parse(Simulator.World.StockImages.Busybox.Image.ConfigJson);

        static string Canonical(System.Text.Json.JsonElement e) =>
            string.Join("\n", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value.GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal)));

        Assert.Equal(Canonical(published.RootElement.GetProperty("config")), Canonical(ours.RootElement.GetProperty("config")));
        Assert.Equal(published.RootElement.GetProperty("architecture").GetString(), ours.RootElement.GetProperty("architecture").GetString());
        Assert.Equal(published.RootElement.GetProperty("os").GetString(), ours.RootElement.GetProperty("os").GetString());
        Assert.Single(ours.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray());

        // Known difference kept for stable image IDs: our history has a BuildKit-style CMD entry after the layer's
        // "BusyBox 1.36.1 (glibc), Debian 12"; upstream has only the free-text layer entry.
        Assert.StartsWith("BusyBox ", ours.RootElement.GetProperty("history")[0].GetProperty("created_by").GetString(), StringComparison.Ordinal);
    }
}
