using System.Text;
using Simulator.Cli;

namespace Simulator.Tests.Cli;

/// <summary>
/// <c>docker builder prune</c> and <c>docker build --progress</c>. Texts: buildx commands/prune.go and commands/build.go
/// (the docker CLI forwards <c>builder</c> to buildx, cmd/docker/builder.go), docker/cli cli/command/builder/prune.go
/// with <c>DOCKER_BUILDKIT=0</c>, BuildKit progressui.NewDisplay; prompts and flag errors as the real docker 28.2.2 CLI
/// printed them (<c>echo n | docker builder prune</c>, <c>docker builder prune --filter foo</c>).
/// </summary>
public sealed class BuilderPruneCommandTests
{
    private const string Dockerfile = "FROM alpine\nRUN echo one > /one\nRUN echo two > /two\n";

    private static async Task<CliFixture> BuiltAsync(string tag = "app")
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunWithStdinAsync(Dockerfile, "build", "-q", "-t", tag, "-");
        Assert.Equal(0, r.ExitCode);
        return f;
    }

    private static async Task<DockerCliResult> RunAsync(CliFixture f, string stdin, IReadOnlyList<string> env, params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var streams = new DockerCliStreams(new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdout, stderr) { Environment = env };
        var code = await f.Cli.RunAsync(args, streams);
        return new DockerCliResult(code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task Declining_the_prompt_removes_nothing()
    {
        var f = await BuiltAsync();
        var r = await f.RunWithStdinAsync("n\n", "builder", "prune");

        Assert.Equal((0, "WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] ", ""), (r.ExitCode, r.Stdout, r.Stderr));
        Assert.Equal(2, f.Engine.Builds.CacheCount);

        r = await f.RunWithStdinAsync("", "builder", "prune", "-a");
        Assert.Equal("WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] ", r.Stdout);
        Assert.Equal(2, f.Engine.Builds.CacheCount);
    }

    [Fact]
    public async Task Without_all_the_layers_of_tagged_images_stay()
    {
        // BuildKit's prune keeps shared records unless --all: both RUN layers are in the tagged image; the Dockerfile's
        // local source (mutable: "*" after the ID) goes.
        var f = await BuiltAsync();
        var local = Assert.Single(f.Engine.Builds.CacheRecords(), r => r.Type == "source.local");
        Assert.Equal(("local source for dockerfile", true, (long)Dockerfile.Length), (local.Description, local.Mutable, local.Size));
        var r = await f.RunAsync("builder", "prune", "-f");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(
            "ID\t\t\t\t\t\tRECLAIMABLE\tSIZE\t\tLAST ACCESSED\n" +
            (local.Id + "*").PadRight(40) + "\ttrue \t\t" + "52B".PadRight(10) + "\tLess than a second ago\n" +
            "Total:\t52B\n",
            r.Stdout);
        Assert.Equal(2, f.Engine.Builds.CacheCount);
        Assert.DoesNotContain(f.Engine.Builds.CacheRecords(), x => x.Type == "source.local");
    }

    [Fact]
    public async Task Pruning_all_lists_each_record_then_the_total()
    {
        var f = await BuiltAsync();
        f.Time.Advance(TimeSpan.FromMinutes(5));
        var records = f.Engine.Builds.CacheRecords();
        Assert.Equal(["source.local", "regular", "regular"], records.Select(x => x.Type));
        var r = await f.RunWithStdinAsync("y\n", "builder", "prune", "--all");

        Assert.Equal(0, r.ExitCode);
        static string Size(Simulator.Build.BuildCacheRecord x) => (Simulator.Volumes.GoUnits.HumanSize(x.Size) + (x.Shared ? "*" : "")).PadRight(10);
        var total = Simulator.Volumes.GoUnits.HumanSize(records.Sum(x => x.Size));

        // buildx printTableRow "%-40s\t%-5v\t%-10s\t%s" through tabwriter(1, 8, 1, '\t'); header and first row flushed together.
        Assert.Equal(
            "WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] " +
            "ID\t\t\t\t\t\tRECLAIMABLE\tSIZE\t\tLAST ACCESSED\n" +
            (records[0].Id + "*").PadRight(40) + "\ttrue \t\t" + Size(records[0]) + "\t5 minutes ago\n" +
            records[1].Id.PadRight(40) + "\ttrue \t" + Size(records[1]) + "\t5 minutes ago\n" +
            records[2].Id.PadRight(40) + "\ttrue \t" + Size(records[2]) + "\t5 minutes ago\n" +
            "Total:\t" + total + "\n",
            r.Stdout);
        Assert.Equal(0, f.Engine.Builds.CacheCount);
        Assert.Empty(f.Engine.Builds.CacheRecords());
        Assert.All(records, x => Assert.Matches("^[0-9a-z]{25}$", x.Id));

        // The next build runs its steps again.
        var again = await f.RunWithStdinAsync(Dockerfile, "build", "--progress=plain", "-t", "app", "-");
        Assert.Contains("#5 [2/3] RUN echo one > /one\n#5 DONE", again.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("#6 CACHED", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_context_directory_is_one_local_source_reused_by_later_builds()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var fs = f.Engine.HostFileSystem;
        fs.Directory.CreateDirectory("/ctx");
        fs.File.WriteAllText("/ctx/a.txt", "12345");
        fs.File.WriteAllText("/ctx/Dockerfile", "FROM alpine\nCOPY a.txt /\n");
        Assert.Equal(0, (await f.RunAsync("build", "-q", "-t", "one", "/ctx")).ExitCode);
        f.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await f.RunAsync("build", "-q", "-t", "two", "/ctx")).ExitCode);

        var locals = f.Engine.Builds.CacheRecords().Where(x => x.Type == "source.local").ToList();
        Assert.Equal(["local source for dockerfile", "local source for context"], locals.Select(x => x.Description));
        Assert.All(locals, x => Assert.Equal(2, x.UsageCount));
        Assert.Equal(5 + "FROM alpine\nCOPY a.txt /\n".Length, locals[1].Size); // the context's files
    }

    [Fact]
    public async Task Dangling_records_go_without_all()
    {
        var f = await BuiltAsync();
        Assert.Equal(0, (await f.RunAsync("rmi", "app")).ExitCode);
        var r = await f.RunAsync("builder", "prune", "-f");

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("ID\t\t\t\t\t\tRECLAIMABLE\tSIZE\t\tLAST ACCESSED\n", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(4, r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1); // three records and the total
        Assert.Equal(0, f.Engine.Builds.CacheCount);
    }

    [Fact]
    public async Task Until_keeps_records_used_recently()
    {
        var f = await BuiltAsync();
        f.Time.Advance(TimeSpan.FromHours(2));

        // A cached rebuild uses (and so refreshes) only the first step's record.
        Assert.Equal(0, (await f.RunWithStdinAsync("FROM alpine\nRUN echo one > /one\n", "build", "-q", "-t", "half", "-")).ExitCode);
        var r = await f.RunAsync("builder", "prune", "-af", "--filter", "until=1h");

        Assert.Equal(0, r.ExitCode);
        Assert.Single(f.Engine.Builds.CacheRecords(), x => x.Type == "regular");
        Assert.Contains("2 hours ago", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keep_storage_removes_least_recently_used_until_within_budget()
    {
        var f = await BuiltAsync();
        var records = f.Engine.Builds.CacheRecords();
        f.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await f.RunWithStdinAsync("FROM alpine\nRUN echo one > /one\n", "build", "-q", "-t", "half", "-")).ExitCode);
        var kept = f.Engine.Builds.CacheRecords().Where(x => x.LastUsedAt == f.Time.GetUtcNow()).ToList(); // the RUN record and the new Dockerfile
        var r = await f.RunAsync("builder", "prune", "-af", "--keep-storage", kept.Sum(x => x.Size).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(kept.Select(x => x.Id), f.Engine.Builds.CacheRecords().Select(x => x.Id));
        Assert.Contains(records[1].Id, kept.Select(x => x.Id));
    }

    [Theory]
    [InlineData("--filter=until=abc", "ERROR: \"until\" filter expects a duration (e.g., '24h'): time: invalid duration \"abc\"\n")]
    [InlineData("--filter=until=10", "ERROR: \"until\" filter expects a duration (e.g., '24h'): time: missing unit in duration \"10\"\n")]
    [InlineData("--filter=until=1h --filter=unused-for=2h", "ERROR: conflicting filters \"until\" and \"unused-for\"\n")]
    public async Task Buildx_filter_errors_remove_nothing(string flags, string stderr)
    {
        var f = await BuiltAsync();
        var r = await f.RunAsync(["builder", "prune", "-af", .. flags.Split(' ')]);

        Assert.Equal((1, "", stderr), (r.ExitCode, r.Stdout, r.Stderr));
        Assert.Equal(2, f.Engine.Builds.CacheCount);
    }

    [Theory]
    [InlineData("--filter=foo", "invalid argument \"foo\" for \"--filter\" flag: bad format of filter (expected name=value)")]
    [InlineData("--keep-storage=abc", "invalid argument \"abc\" for \"--keep-storage\" flag: invalid size: 'abc'")]
    [InlineData("--keep-storage=1.5q", "invalid argument \"1.5q\" for \"--keep-storage\" flag: invalid suffix: 'q'")]
    public async Task Flag_errors_are_the_clis(string flag, string message)
    {
        // Captured from the real docker 28.2.2 CLI.
        var f = await BuiltAsync();
        var r = await f.RunAsync("builder", "prune", "-f", flag);

        Assert.Equal(125, r.ExitCode);
        Assert.Equal(message + "\n\nUsage:  docker builder prune\n\nRun 'docker builder prune --help' for more information\n", r.Stderr);
        Assert.Equal(2, f.Engine.Builds.CacheCount);

        r = await f.RunAsync("builder", "prune", "x");
        Assert.Equal((1, "docker: 'docker builder prune' accepts no arguments\n\nUsage:  docker builder prune\n\nRun 'docker builder prune --help' for more information\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task Legacy_prune_with_buildkit_disabled()
    {
        var f = await BuiltAsync();
        var records = f.Engine.Builds.CacheRecords();
        var r = await RunAsync(f, "", ["DOCKER_BUILDKIT=0"], "builder", "prune", "-af");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(
            "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n" +
            "            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n" +
            "            environment-variable.\n\n",
            r.Stderr);
        Assert.Equal(
            "Deleted build cache objects:\n" + string.Concat(records.Select(x => x.Id + "\n")) + "\n" +
            "Total reclaimed space: " + Simulator.Volumes.GoUnits.HumanSize(records.Sum(x => x.Size)) + "\n",
            r.Stdout);

        r = await RunAsync(f, "", ["DOCKER_BUILDKIT=0"], "builder", "prune", "-f");
        Assert.Equal("Total reclaimed space: 0B\n", r.Stdout);

        // moby builder-next checks the filter names.
        r = await RunAsync(f, "", ["DOCKER_BUILDKIT=0"], "builder", "prune", "-f", "--filter", "foo=bar");
        Assert.Equal(1, r.ExitCode);
        Assert.EndsWith("Error response from daemon: invalid filter 'foo'\n", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--progress=fancy" }, "ERROR: invalid progress mode fancy\n")]
    [InlineData(new[] { "--progress=plain", "-q" }, "ERROR: progress=plain and quiet cannot be used together\n")]
    [InlineData(new[] { "--progress=tty" }, "ERROR: failed to get console: provided file is not a console\n")]
    public async Task Progress_modes_are_checked_before_anything_is_built(string[] flags, string stderr)
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunWithStdinAsync(Dockerfile, ["build", .. flags, "-t", "app", "-"]);

        Assert.Equal((1, "", stderr), (r.ExitCode, r.Stdout, r.Stderr));
        Assert.False(f.Engine.Images.TryGet("app", out _));
        Assert.Equal(0, f.Engine.Builds.CacheCount);
    }

    [Fact]
    public async Task Progress_quiet_is_quiet()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunWithStdinAsync(Dockerfile, "build", "--progress=quiet", "-t", "app", "-");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        Assert.Equal(f.Engine.Images.Get("app").Id + "\n", r.Stdout);
    }
}

/// <summary>The Engine API's <c>POST /build/prune</c> (moby api/server/router/build: <c>all</c>, <c>keep-storage</c>; the reply's <c>CachesDeleted</c> IDs).</summary>
public sealed class BuildPruneEndpointTests
{
    [Fact]
    public async Task Prune_replies_with_the_ids_and_the_space()
    {
        using var f = new Simulator.Tests.EngineApi.EngineApiFixture();
        await f.PullAsync("alpine");
        await f.Engine.Builds.BuildAsync(new Simulator.Build.BuildRequest { Dockerfile = "FROM alpine\nRUN echo x > /x\n", Tags = ["app"] }, null, TestContext.Current.CancellationToken);
        var records = f.Engine.Builds.CacheRecords();

        var (status, json) = await f.SendJsonAsync(HttpMethod.Post, "/v1.50/build/prune");
        Assert.Equal(200, status);
        Assert.Equal([records[0].Id], json.GetProperty("CachesDeleted").EnumerateArray().Select(e => e.GetString()));

        (status, json) = await f.SendJsonAsync(HttpMethod.Post, "/v1.50/build/prune?all=1");
        Assert.Equal([records[1].Id], json.GetProperty("CachesDeleted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(records[1].Size, json.GetProperty("SpaceReclaimed").GetInt64());

        (_, json) = await f.SendJsonAsync(HttpMethod.Post, "/v1.50/build/prune?all=1");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("CachesDeleted").ValueKind);
        Assert.Equal(0, json.GetProperty("SpaceReclaimed").GetInt64());
    }
}

/// <summary>
/// <c>DOCKER_BUILDKIT=0 docker build</c>: docker/cli's legacy build (cli/command/image/build.go, processBuilder's warning)
/// over the classic builder's stream (moby builder/dockerfile: <c>Step i/n : ...</c>, <c> ---&gt; Running in ...</c>).
/// </summary>
public sealed class LegacyBuildCommandTests
{
    private static async Task<DockerCliResult> RunAsync(CliFixture f, params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var streams = new DockerCliStreams(new MemoryStream(), stdout, stderr) { Environment = ["DOCKER_BUILDKIT=0"] };
        var code = await f.Cli.RunAsync(args, streams);
        return new DockerCliResult(code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    private const string Warning =
        "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n" +
        "            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n" +
        "            environment-variable.\n\n";

    [Fact]
    public async Task Classic_output_on_stdout_after_the_context_line()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        f.Engine.HostFileSystem.Directory.CreateDirectory("/ctx");
        f.Engine.HostFileSystem.File.WriteAllText("/ctx/Dockerfile", "FROM alpine\nRUN echo hi\n");
        var r = await RunAsync(f, "build", "-t", "app", "/ctx");

        Assert.Equal((0, Warning), (r.ExitCode, r.Stderr));

        // One small file: a 512-byte header, one data block and the two end blocks = 2048 bytes, go-units "2.048kB" in %8v.
        Assert.StartsWith("Sending build context to Docker daemon  2.048kB\r\r\nStep 1/2 : FROM alpine\n", r.Stdout, StringComparison.Ordinal);
        Assert.Matches(
            "Step 2/2 : RUN echo hi\n ---> Running in [0-9a-f]{12}\nhi\n ---> Removed intermediate container [0-9a-f]{12}\n ---> [0-9a-f]{12}\n" +
            "Successfully built [0-9a-f]{12}\nSuccessfully tagged app:latest\n$",
            r.Stdout);
        Assert.True(f.Engine.Images.TryGet("app", out _));
    }

    [Fact]
    public async Task A_failing_run_exits_with_its_code_and_progress_is_an_unknown_flag()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        f.Engine.HostFileSystem.Directory.CreateDirectory("/ctx");
        f.Engine.HostFileSystem.File.WriteAllText("/ctx/Dockerfile", "FROM alpine\nRUN exit 3\n");
        var r = await RunAsync(f, "build", "-t", "broken", "/ctx");

        Assert.Equal(3, r.ExitCode);
        Assert.Equal(Warning + "The command '/bin/sh -c exit 3' returned a non-zero code: 3\n", r.Stderr);
        Assert.False(f.Engine.Images.TryGet("broken", out _));

        // Captured from the real docker 28.2.2 CLI with DOCKER_BUILDKIT=0.
        r = await RunAsync(f, "build", "--progress=plain", "/ctx");
        Assert.Equal(125, r.ExitCode);
        Assert.Equal(Warning + "unknown flag: --progress\n\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nRun 'docker build --help' for more information\n", r.Stderr);
    }

    [Fact]
    public async Task Client_side_context_errors_have_no_buildx_prefix()
    {
        // Captured from the real docker 28.2.2 CLI with DOCKER_BUILDKIT=0 (and DOCKER_BUILDKIT=maybe).
        var f = await CliFixture.WithImagesAsync("alpine");
        f.Engine.HostFileSystem.Directory.CreateDirectory("/ctx");
        var r = await RunAsync(f, "build", "/nonexistent");
        Assert.Equal((1, Warning + "unable to prepare context: path \"/nonexistent\" not found\n"), (r.ExitCode, r.Stderr));

        r = await RunAsync(f, "build", "-f", "/nope.df", "/ctx");
        Assert.Equal((1, Warning + "unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat /nope.df: no such file or directory\n"), (r.ExitCode, r.Stderr));

        var stderr = new MemoryStream();
        var code = await f.Cli.RunAsync(["build", "/ctx"], new DockerCliStreams(new MemoryStream(), new MemoryStream(), stderr) { Environment = ["DOCKER_BUILDKIT=maybe"] }, TestContext.Current.CancellationToken);
        Assert.Equal((1, "DOCKER_BUILDKIT environment variable expects boolean value: strconv.ParseBool: parsing \"maybe\": invalid syntax\n"), (code, Encoding.UTF8.GetString(stderr.ToArray())));
    }
}
