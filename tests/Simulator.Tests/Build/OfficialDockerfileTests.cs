using Simulator.Build;
using Simulator.Tests.Support;

namespace Simulator.Tests.Build;

/// <summary>
/// The official images' Dockerfiles (../shared/corpus/dockerfiles, byte-exact upstream copies) built with their
/// contexts, in a world where the alpine/nginx tags they name resolve to the stock images: each either builds or
/// fails with a <see cref="BuildFailedException"/> whose progress output names what is missing (a program's
/// "applet not found", a context file's "not found", an image's "pull access denied"), never another exception.
/// </summary>
public sealed class OfficialDockerfileTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "alpine", "Dockerfile" },
        { "busybox", "Dockerfile" },
        { "busybox", "Dockerfile.builder" },
        { "nginx/alpine-slim", "Dockerfile" },
        { "nginx", "Dockerfile" },
        { "redis", "Dockerfile" },
        { "redis/redis-8", "Dockerfile" },
        { "python", "Dockerfile" },
        { "node", "Dockerfile" },
        { "golang", "Dockerfile" },
        { "postgres", "Dockerfile" },
        { "httpd", "Dockerfile" },
        { "memcached", "Dockerfile" },
        { "registry", "Dockerfile" },
        { "hello-world", "Dockerfile" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Builds_or_fails_clearly(string dir, string file)
    {
        var context = SharedCorpus.File(Path.Combine("dockerfiles", dir));
        var engine = new DockerSimulator(new DockerSimulatorOptions
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
        var output = new StringWriter();
        var request = new BuildRequest
        {
            ContextDirectory = context,
            ContextFileSystem = new System.IO.Abstractions.FileSystem(),
            DockerfilePath = file,
            Tags = ["corpus/" + dir.Replace('/', '-')],
        };

        try
        {
            var result = await engine.Builds.BuildAsync(request, output, TestContext.Current.CancellationToken);
            Assert.True(engine.Images.TryGet("corpus/" + dir.Replace('/', '-'), out _));
            Assert.NotNull(result.Image);
        }
        catch (BuildFailedException ex)
        {
            var text = output.ToString() + ex.Message;
            Assert.True(
                text.Contains("not found", StringComparison.Ordinal) || text.Contains("pull access denied", StringComparison.Ordinal) ||
                text.Contains("ERROR: ", StringComparison.Ordinal),
                text);
            Assert.False(engine.Images.TryGet("corpus/" + dir.Replace('/', '-'), out _));
        }
    }
}
