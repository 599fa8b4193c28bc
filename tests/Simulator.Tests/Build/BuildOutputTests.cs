using Simulator.Build;

namespace Simulator.Tests.Build;

/// <summary>
/// The progress text: BuildKit's plain format (buildx progress printer; vertex names from dockerfile2llb
/// prefixCommand, <c>[i/n]</c>) and the legacy builder's (moby builder/dockerfile: <c>Step i/n : ...</c>,
/// <c> ---&gt; Running in</c>, <c> ---&gt; Removed intermediate container</c>, <c> ---&gt; Using cache</c>,
/// <c>Successfully built</c>/<c>tagged</c>, as in published <c>DOCKER_BUILDKIT=0</c> logs). Times come from the fake clock.
/// </summary>
public sealed class BuildOutputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Dockerfile = "FROM alpine\nWORKDIR /app\nCOPY index.html .\nRUN echo hi && cat index.html\nEXPOSE 80\nCMD [\"cat\", \"index.html\"]\n";

    private static DockerSimulator Engine()
    {
        var engine = BuilderTests.NewEngine(out _);
        engine.HostFileSystem.Directory.CreateDirectory("/c");
        engine.HostFileSystem.File.WriteAllText("/c/index.html", "<h1>hi</h1>\n");
        return engine;
    }

    [Fact]
    public async Task Plain_output_cold_then_cached()
    {
        var engine = Engine();
        var cold = new StringWriter();
        var r = await engine.Builds.BuildAsync(new BuildRequest { ContextDirectory = "/c", Dockerfile = Dockerfile, Tags = ["web"] }, cold, Ct);
        var alpine = engine.Images.Inspect("alpine").RepoDigests.Single()["alpine@".Length..];
        var from = $"docker.io/library/alpine:latest@{alpine}";

        Assert.Equal(
            $"""
            #0 building with "default" instance using docker driver

            #1 [internal] load build definition from Dockerfile
            #1 transferring dockerfile: 109B done
            #1 DONE 0.0s

            #2 [internal] load metadata for docker.io/library/alpine:latest
            #2 DONE 0.0s

            #3 [internal] load .dockerignore
            #3 transferring context: 2B done
            #3 DONE 0.0s

            #4 [1/4] FROM {from}
            #4 resolve {from} done
            #4 DONE 0.0s

            #5 [internal] load build context
            #5 transferring context: 12B done
            #5 DONE 0.0s

            #6 [2/4] WORKDIR /app
            #6 DONE 0.0s

            #7 [3/4] COPY index.html .
            #7 DONE 0.0s

            #8 [4/4] RUN echo hi && cat index.html
            #8 0.000 hi
            #8 0.000 <h1>hi</h1>
            #8 DONE 0.0s

            #9 exporting to image
            #9 exporting layers done
            #9 writing image {r.ImageId} done
            #9 naming to docker.io/library/web:latest done
            #9 DONE 0.0s

            """.ReplaceLineEndings("\n"),
            cold.ToString());

        var warm = new StringWriter();
        await engine.Builds.BuildAsync(new BuildRequest { ContextDirectory = "/c", Dockerfile = Dockerfile, Tags = ["web"] }, warm, Ct);
        Assert.Contains($"#4 [1/4] FROM {from}\n#4 resolve {from} done\n#4 CACHED\n\n", warm.ToString(), StringComparison.Ordinal);
        Assert.Contains("#6 [2/4] WORKDIR /app\n#6 CACHED\n\n#7 [3/4] COPY index.html .\n#7 CACHED\n\n#8 [4/4] RUN echo hi && cat index.html\n#8 CACHED\n\n", warm.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_output_of_a_failing_run_shows_its_logs_and_source()
    {
        var engine = Engine();
        var output = new StringWriter();
        await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(
            new BuildRequest { Dockerfile = "FROM alpine\nRUN echo oops && exit 3\n" }, output, Ct));

        Assert.EndsWith(
            """
            #5 [2/2] RUN echo oops && exit 3
            #5 0.000 oops
            #5 ERROR: process "/bin/sh -c echo oops && exit 3" did not complete successfully: exit code: 3
            ------
             > [2/2] RUN echo oops && exit 3:
            0.000 oops
            ------
            Dockerfile:2
            --------------------
               1 |     FROM alpine
               2 | >>> RUN echo oops && exit 3
               3 |     
            --------------------

            """.ReplaceLineEndings("\n"),
            output.ToString());
    }

    [Fact]
    public async Task Multi_stage_vertices_carry_the_stage_name()
    {
        var engine = Engine();
        var output = new StringWriter();
        await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = "FROM alpine AS build\nRUN echo a > /a\nFROM alpine\nCOPY --from=build /a /a\n" }, output, Ct);
        var text = output.ToString();
        Assert.Contains("[build 2/2] RUN echo a > /a\n", text, StringComparison.Ordinal);
        Assert.Contains("[stage-1 2/2] COPY --from=build /a /a\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classic_output_cold_then_cached()
    {
        var engine = Engine();
        var cold = new StringWriter();
        var r = await engine.Builds.BuildAsync(new BuildRequest { ContextDirectory = "/c", Dockerfile = Dockerfile, Tags = ["web"], Progress = BuildProgressFormat.Classic }, cold, Ct);
        var lines = cold.ToString().Split('\n');
        Assert.Equal("Step 1/6 : FROM alpine", lines[0]);
        Assert.Equal(" ---> " + engine.Images.Get("alpine").Id.ToString()[7..19], lines[1]);
        Assert.Equal("Step 2/6 : WORKDIR /app", lines[2]);
        Assert.StartsWith(" ---> Running in ", lines[3], StringComparison.Ordinal);
        Assert.Equal(" ---> Removed intermediate container " + lines[3][17..], lines[4]);
        Assert.Equal("Step 3/6 : COPY index.html .", lines[6]); // COPY runs no container
        Assert.StartsWith(" ---> ", lines[7], StringComparison.Ordinal);
        Assert.Equal("Step 4/6 : RUN echo hi && cat index.html", lines[8]);
        Assert.Equal(["hi", "<h1>hi</h1>"], lines[10..12]);
        Assert.Equal($"Successfully built {r.ImageId.ToString()[7..19]}", lines[^3]);
        Assert.Equal("Successfully tagged web:latest", lines[^2]);

        var warm = new StringWriter();
        await engine.Builds.BuildAsync(new BuildRequest { ContextDirectory = "/c", Dockerfile = Dockerfile, Tags = ["web"], Progress = BuildProgressFormat.Classic }, warm, Ct);
        Assert.Equal(5, warm.ToString().Split('\n').Count(l => l == " ---> Using cache"));
        Assert.DoesNotContain("Running in", warm.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_writes_no_progress()
    {
        var engine = Engine();
        var output = new StringWriter();
        var r = await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = "FROM alpine\nRUN true\n", Quiet = true }, output, Ct);
        Assert.Equal("", output.ToString());
        Assert.StartsWith("sha256:", r.ImageId.ToString(), StringComparison.Ordinal);
    }
}
