using Microsoft.Extensions.Time.Testing;
using Simulator.Build;

namespace Simulator.Tests.Build;

/// <summary>End-to-end builds on a fresh engine (Docker Hub world, fake clock).</summary>
public sealed class BuilderTests
{
    // The seed's Dockerfile (transcripts/docker-overview.t, "Building images with a Dockerfile").
    internal const string SeedDockerfile = """
        # base image
        FROM alpine
        # grab ca-certificates and nginx
        RUN apk update && apk add ca-certificates nginx
        # expose ports 80 and 443
        EXPOSE 80 443
        # start up nginx
        CMD ["nginx", "-g", "'pid /tmp/nginx.pid; daemon off;'"]

        """;

    internal static DockerSimulator NewEngine(out FakeTimeProvider time)
    {
        time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        return new DockerSimulator(new DockerSimulatorOptions { TimeProvider = time });
    }

    [Fact]
    public async Task Seed_build_gives_the_config_the_seed_inspects()
    {
        var engine = NewEngine(out _);
        var result = await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = SeedDockerfile, Tags = ["mynginx"] }, null, TestContext.Current.CancellationToken);

        var image = engine.Images.Get("mynginx");
        Assert.Equal(result.ImageId, image.Id);
        // docker inspect -f '{{json .Config.ExposedPorts}}' mynginx => {"443/tcp":{},"80/tcp":{}}
        Assert.Equal(["443/tcp", "80/tcp"], image.Config.Config.ExposedPorts);
        // docker inspect -f '{{.Config.Cmd}}' mynginx => [nginx -g 'pid /tmp/nginx.pid; daemon off;']
        Assert.Equal(["nginx", "-g", "'pid /tmp/nginx.pid; daemon off;'"], image.Config.Config.Cmd);
        Assert.Equal(1, result.ExecutedSteps);
        var history = image.Config.History.TakeLast(3).Select(h => (h.CreatedBy, h.EmptyLayer)).ToList();
        // SEMANTICS 2.8 (BuildKit commitToHistory).
        Assert.Equal(
            [
                ("RUN /bin/sh -c apk update && apk add ca-certificates nginx # buildkit", false),
                ("EXPOSE map[443/tcp:{} 80/tcp:{}]", true),
                ("CMD [\"nginx\" \"-g\" \"'pid /tmp/nginx.pid; daemon off;'\"]", true),
            ],
            history);
    }

    [Fact]
    public async Task Seed_image_runs_and_serves_nginx_on_the_published_port()
    {
        var engine = NewEngine(out _);
        await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = SeedDockerfile, Tags = ["mynginx"] }, null, TestContext.Current.CancellationToken);

        // The seed's CMD passes "'pid ...;'" with literal quotes, which nginx rejects (unknown directive "'pid"), so the
        // directives are given as nginx expects them; the image itself (nginx installed by RUN apk add) is what is under test.
        var config = new Simulator.Containers.ContainerConfig("mynginx") { Cmd = ["nginx", "-g", "pid /tmp/nginx.pid; daemon off;"] };
        var id = engine.Containers.Create(config, new Simulator.Containers.HostConfig { PortBindings = ["8080:80"] }, "web");
        await engine.Containers.StartAsync(id, TestContext.Current.CancellationToken);
        using var client = engine.Network.CreateHttpClient();

        // The seed: curl -s http://localhost:8080/ | grep -o 'Welcome to nginx!'
        string body = "";
        for (int i = 0; i < 2000 && !body.Contains("Welcome to nginx!", StringComparison.Ordinal); i++)
        {
            try
            {
                body = await client.GetStringAsync("http://localhost:8080/", TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException)
            {
                await Task.Yield(); // nginx is still starting
            }
        }

        Assert.Contains("Welcome to nginx!", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identical_rebuild_is_cached_and_gives_the_same_image_id()
    {
        var engine = NewEngine(out var time);
        var first = await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = SeedDockerfile, Tags = ["mynginx"] }, null, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(5));
        var output = new StringWriter();
        var second = await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = SeedDockerfile, Tags = ["mynginx2"] }, output, TestContext.Current.CancellationToken);

        Assert.Equal(first.ImageId, second.ImageId);
        Assert.Equal((1, 0), (second.CachedSteps, second.ExecutedSteps));
        Assert.Contains("#5 [2/2] RUN apk update && apk add ca-certificates nginx\n#5 CACHED\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_run_stops_the_build_with_buildkits_message_and_leaves_no_image()
    {
        var engine = NewEngine(out _);
        var before = engine.Images.Count;
        var ex = await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(
            new BuildRequest { Dockerfile = "FROM alpine\nRUN exit 3\n", Tags = ["bad"] }, null, TestContext.Current.CancellationToken));

        // BuildKit: ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3
        Assert.Equal("process \"/bin/sh -c exit 3\" did not complete successfully: exit code: 3", ex.Message);
        Assert.Equal(3, ex.ExitCode);
        Assert.False(engine.Images.TryGet("bad", out _));
        Assert.Equal(before + 1, engine.Images.Count); // only the pulled alpine
    }

    [Fact]
    public async Task Unknown_instruction_is_a_parse_error_with_its_line()
    {
        var engine = NewEngine(out _);
        var ex = await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(
            new BuildRequest { Dockerfile = "FROM alpine\nFOO bar\n" }, null, TestContext.Current.CancellationToken));

        // instructions/parse.go parseError + UnknownInstructionError, with suggest.WrapError's hint (distance 2 from "from").
        Assert.Equal("dockerfile parse error on line 2: unknown instruction: FOO (did you mean FROM?)", ex.Message);
        Assert.Equal(0, engine.Images.Count);
    }
}
