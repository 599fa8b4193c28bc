using Simulator.Build;
using Simulator.FileSystem;
using Simulator.Images;

namespace Simulator.Tests.Build;

/// <summary>Multi-stage builds, --target, ARG scoping, ONBUILD, .dockerignore, the cache, and failures that leave nothing behind.</summary>
public sealed class BuildStagesCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string MultiStage = """
        ARG BASE=alpine
        FROM ${BASE} AS build
        ARG VERSION=1.0
        ENV APP_HOME=/src
        WORKDIR $APP_HOME
        COPY . .
        RUN echo "v$VERSION" > version.txt && cat main.txt >> version.txt

        FROM ${BASE}
        ARG BASE
        LABEL base=$BASE
        WORKDIR /app
        COPY --from=build /src/version.txt ./
        COPY --from=0 /src/keep/ ./keep/
        CMD ["cat", "/app/version.txt"]

        """;

    private static DockerSimulator EngineWithContext()
    {
        var engine = BuilderTests.NewEngine(out _);
        var fs = engine.HostFileSystem;
        fs.Directory.CreateDirectory("/ctx/keep");
        fs.Directory.CreateDirectory("/ctx/node_modules/x");
        fs.File.WriteAllText("/ctx/main.txt", "main\n");
        fs.File.WriteAllText("/ctx/secret.env", "TOKEN=1");
        fs.File.WriteAllText("/ctx/keep/a.log", "a");
        fs.File.WriteAllText("/ctx/keep/important.log", "i");
        fs.File.WriteAllText("/ctx/node_modules/x/index.js", "js");
        // patternmatcher rules: later patterns win, ! re-includes, ** crosses directories.
        fs.File.WriteAllText("/ctx/.dockerignore", "# comment\n*.env\nnode_modules\n**/*.log\n!keep/important.log\n");
        return engine;
    }

    [Fact]
    public async Task Multi_stage_with_arg_env_workdir_copy_from_and_dockerignore()
    {
        var engine = EngineWithContext();
        var r = await engine.Builds.BuildAsync(new BuildRequest { ContextDirectory = "/ctx", Dockerfile = MultiStage, Tags = ["app"] }, null, Ct);

        var root = UnionFileSystem.CreateReadOnly(LayerStack.Create(r.Image.Layers));
        Assert.Equal("v1.0\nmain\n", root.ReadAllText("/app/version.txt"));
        Assert.Equal(["important.log"], root.ReadDirectory("/app/keep"));
        Assert.False(root.Exists("/src")); // the build stage's files stay in it
        Assert.Equal("alpine", r.Image.Config.Config.Labels["base"]);
        Assert.Equal("/app", r.Image.Config.Config.WorkingDir);
        Assert.DoesNotContain(r.Image.Config.Config.Env, e => e.StartsWith("APP_HOME", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dockerignore_excludes_files_from_copy()
    {
        var engine = EngineWithContext();
        var r = await engine.Builds.BuildAsync(new BuildRequest { ContextDirectory = "/ctx", Dockerfile = "FROM scratch\nCOPY . /c/\n" }, null, Ct);
        var root = UnionFileSystem.CreateReadOnly(LayerStack.Create(r.Image.Layers));
        Assert.False(root.Exists("/c/secret.env"));
        Assert.False(root.Exists("/c/node_modules"));
        Assert.False(root.Exists("/c/keep/a.log"));
        Assert.True(root.Exists("/c/keep/important.log"));
        Assert.True(root.Exists("/c/.dockerignore")); // Docker sends .dockerignore itself unless it is listed
    }

    [Fact]
    public async Task Target_builds_only_the_named_stage_and_an_unknown_target_fails()
    {
        var engine = EngineWithContext();
        var r = await engine.Builds.BuildAsync(new BuildRequest { ContextDirectory = "/ctx", Dockerfile = MultiStage, Target = "build" }, null, Ct);
        Assert.Equal("/src", r.Image.Config.Config.WorkingDir);
        Assert.Contains("APP_HOME=/src", r.Image.Config.Config.Env);

        var count = engine.Images.Count;
        var ex = await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(
            new BuildRequest { ContextDirectory = "/ctx", Dockerfile = MultiStage, Target = "nope" }, null, Ct));
        Assert.Equal("target stage \"nope\" could not be found", ex.Message); // dockerfile2llb
        Assert.Equal(count, engine.Images.Count);
    }

    [Fact]
    public async Task Build_args_override_defaults_and_meta_args()
    {
        var engine = EngineWithContext();
        var r = await engine.Builds.BuildAsync(new BuildRequest
        {
            ContextDirectory = "/ctx",
            Dockerfile = MultiStage,
            BuildArgs = new Dictionary<string, string?> { ["VERSION"] = "2.5" },
        }, null, Ct);
        var root = UnionFileSystem.CreateReadOnly(LayerStack.Create(r.Image.Layers));
        Assert.Equal("v2.5\nmain\n", root.ReadAllText("/app/version.txt"));
    }

    [Fact]
    public async Task Onbuild_triggers_are_stored_then_run_in_the_child_build()
    {
        var engine = BuilderTests.NewEngine(out _);
        var parent = await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = "FROM alpine\nONBUILD RUN echo triggered > /onbuild.txt\nONBUILD ENV FROM_PARENT=1\n", Tags = ["parent"] }, null, Ct);
        Assert.Equal(["RUN echo triggered > /onbuild.txt", "ENV FROM_PARENT=1"], parent.Image.Config.Config.OnBuild);
        Assert.DoesNotContain(parent.Image.Config.History, h => h.CreatedBy.StartsWith("ONBUILD", StringComparison.Ordinal)); // no history entry

        var output = new StringWriter();
        var child = await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = "FROM parent\nRUN cat /onbuild.txt\n" }, output, Ct);
        var root = UnionFileSystem.CreateReadOnly(LayerStack.Create(child.Image.Layers));
        Assert.Equal("triggered\n", root.ReadAllText("/onbuild.txt"));
        Assert.Contains("FROM_PARENT=1", child.Image.Config.Config.Env);
        Assert.Empty(child.Image.Config.Config.OnBuild); // triggers do not carry to grandchildren
        Assert.Contains("[2/3] ONBUILD RUN echo triggered > /onbuild.txt\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_a_copied_file_invalidates_from_that_step_on()
    {
        var engine = BuilderTests.NewEngine(out var time);
        var fs = engine.HostFileSystem;
        fs.Directory.CreateDirectory("/p");
        fs.File.WriteAllText("/p/a", "1");
        fs.File.WriteAllText("/p/b", "1");
        const string df = "FROM alpine\nRUN echo base > /base\nCOPY a /a\nRUN cat /a > /a.copy\nCOPY b /b\n";
        var req = new BuildRequest { ContextDirectory = "/p", Dockerfile = df };
        var first = await engine.Builds.BuildAsync(req, null, Ct);
        Assert.Equal((0, 4), (first.CachedSteps, first.ExecutedSteps));

        time.Advance(TimeSpan.FromHours(1));
        var same = await engine.Builds.BuildAsync(req, null, Ct);
        Assert.Equal((4, 0), (same.CachedSteps, same.ExecutedSteps));
        Assert.Equal(first.ImageId, same.ImageId);

        fs.File.WriteAllText("/p/a", "2");
        var changed = await engine.Builds.BuildAsync(req, null, Ct);
        Assert.Equal((1, 3), (changed.CachedSteps, changed.ExecutedSteps));
        Assert.NotEqual(first.ImageId, changed.ImageId);

        var noCache = await engine.Builds.BuildAsync(req with { NoCache = true }, null, Ct);
        Assert.Equal((0, 4), (noCache.CachedSteps, noCache.ExecutedSteps));
    }

    [Fact]
    public async Task Prune_empties_the_cache_so_the_next_build_runs_again()
    {
        var engine = BuilderTests.NewEngine(out _);
        var req = new BuildRequest { Dockerfile = "FROM alpine\nRUN echo x > /x\n" };
        await engine.Builds.BuildAsync(req, null, Ct);
        Assert.Equal(1, engine.Builds.CacheCount);

        // The RUN layer (2 bytes) and the Dockerfile's local source (its 28 bytes, as buildx sends it).
        var pruned = engine.Builds.Prune();
        Assert.Equal((2, 30L), (pruned.Removed, pruned.ReclaimedBytes));
        Assert.Equal(0, engine.Builds.CacheCount);
        var again = await engine.Builds.BuildAsync(req, null, Ct);
        Assert.Equal(1, again.ExecutedSteps);
    }

    [Fact]
    public async Task A_failed_build_does_not_move_an_existing_tag()
    {
        var engine = BuilderTests.NewEngine(out _);
        var good = await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = "FROM alpine\nRUN echo ok > /ok\n", Tags = ["app:1"] }, null, Ct);
        await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(
            new BuildRequest { Dockerfile = "FROM alpine\nRUN echo ok > /ok\nRUN false\n", Tags = ["app:1"] }, null, Ct));
        Assert.Equal(good.ImageId, engine.Images.Get("app:1").Id);
    }

    [Fact]
    public async Task Missing_copy_source_and_add_url_fail_with_buildkits_texts()
    {
        var engine = BuilderTests.NewEngine(out _);
        engine.HostFileSystem.Directory.CreateDirectory("/e");
        var missing = await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(
            new BuildRequest { ContextDirectory = "/e", Dockerfile = "FROM scratch\nCOPY nothere /x\n" }, null, Ct));
        // failed to compute cache key: failed to calculate checksum of ref <id>::<id>: "/nothere": not found
        Assert.StartsWith("failed to compute cache key: failed to calculate checksum of ref ", missing.Message, StringComparison.Ordinal);
        Assert.EndsWith(": \"/nothere\": not found", missing.Message, StringComparison.Ordinal);

        var url = await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(
            new BuildRequest { Dockerfile = "FROM scratch\nADD https://example.com/f.txt /f\n" }, null, Ct));
        Assert.Equal("failed to load cache key: Get \"https://example.com/f.txt\": dial tcp: lookup example.com on 127.0.0.53:53: no such host", url.Message);

        var copyUrl = await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(
            new BuildRequest { Dockerfile = "FROM scratch\nCOPY https://example.com/f.txt /f\n" }, null, Ct));
        Assert.Equal("dockerfile parse error on line 2: source can't be a URL for COPY", copyUrl.Message);
    }

    [Fact]
    public async Task Instruction_errors_name_their_line()
    {
        var engine = BuilderTests.NewEngine(out _);
        async Task<string> Fail(string df) =>
            (await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(new BuildRequest { Dockerfile = df }, null, Ct))).Message;

        // Texts from buildkit instructions/parse.go.
        Assert.Equal("dockerfile parse error on line 1: FROM requires either one or three arguments", await Fail("FROM a b\n"));
        Assert.Equal("dockerfile parse error on line 2: WORKDIR requires exactly one argument", await Fail("FROM scratch\nWORKDIR\n"));
        Assert.Equal("dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined", await Fail("FROM scratch\nCOPY a\n"));
        Assert.Equal("dockerfile parse error on line 2: Unknown flag: bogus", await Fail("FROM scratch\nCOPY --bogus=1 a b\n"));
        Assert.Equal("dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", await Fail("FROM scratch\nONBUILD ONBUILD RUN x\n"));
        Assert.Equal("dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form", await Fail("FROM scratch\nSHELL /bin/bash\n"));
        Assert.Equal("dockerfile parse error on line 1: invalid name for build stage: \"1st\", name can't start with a number or contain symbols", await Fail("FROM alpine AS 1st\n"));
        Assert.Equal("ENV must have two arguments", await Fail("FROM scratch\nENV PATH\n"));
        Assert.Equal("file with no instructions", await Fail("# nothing\n"));
        Assert.Equal("the Dockerfile cannot be empty", await Fail("")); // BuildKit dockerfile2llb toDispatchState
        Assert.Equal("invalid stage index 5", await Fail("FROM alpine\nCOPY --from=5 /x /x\n")); // BuildKit findStateByIndex
        Assert.Equal(0, engine.Images.Count);
    }

    [Fact]
    public async Task Copy_from_an_index_or_name_of_a_later_stage_builds_that_stage_first()
    {
        // BuildKit dockerfile2llb toCommand: findStateByIndex/findStateByName look at every stage, and the stage copied
        // from becomes a dependency; only a cycle is refused.
        var engine = BuilderTests.NewEngine(out _);
        const string df = "FROM alpine AS app\nCOPY --from=1 /made /from-index\nCOPY --from=maker /made /from-name\n" +
            "FROM alpine AS maker\nRUN echo made > /made\n";
        var r = await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = df, Target = "app" }, null, Ct);

        var root = UnionFileSystem.CreateReadOnly(LayerStack.Create(r.Image.Layers));
        Assert.Equal("made\n", root.ReadAllText("/from-index"));
        Assert.Equal("made\n", root.ReadAllText("/from-name"));
    }

    [Fact]
    public async Task Copy_from_its_own_stage_or_a_cycle_fails_before_anything_runs()
    {
        var engine = BuilderTests.NewEngine(out _);
        var imagesBefore = engine.Images.Count;
        async Task<string> Fail(string df) =>
            (await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(new BuildRequest { Dockerfile = df }, null, Ct))).Message;

        // BuildKit hasCircularDependency; an unnamed stage is "stage-N" (its dispatch state's name).
        Assert.Equal("circular dependency detected on stage: stage-0", await Fail("FROM alpine\nRUN echo x > /x\nCOPY --from=0 /x /y\n"));

        // BuildKit's TestDockerfileCircularDependencies cases.
        Assert.Equal("circular dependency detected on stage: stage0", await Fail("FROM busybox AS stage0\nCOPY --from=stage0 f1 /sub/\n"));
        Assert.Equal(
            "circular dependency detected on stage: stage0",
            await Fail("FROM busybox AS stage0\nCOPY --from=stage2 f1 /sub/\nFROM busybox AS stage1\nCOPY --from=stage0 f2 /sub/\nFROM busybox AS stage2\nCOPY --from=stage1 f2 /sub/\n"));
        Assert.Equal(imagesBefore, engine.Images.Count);
        Assert.Equal(0, engine.Builds.CacheCount);
    }
}
