namespace Simulator.Tests.Cli;

/// <summary>
/// Bad input that needs the engine's state or leaves it untouched: typed flag values, --pull, restart policies, stop's
/// deprecated --time, search. Texts: the real docker 28.2.2 client (no daemon for client-side checks, against
/// <c>dsim serve</c> for daemon errors); sources as named per test.
/// </summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("--memory", "1x", "-m, --memory", "invalid suffix: 'x'")]
    [InlineData("--memory", "xyz", "-m, --memory", "invalid size: 'xyz'")]
    [InlineData("--memory", "-1", "-m, --memory", "invalid size: '-1'")]
    [InlineData("--memory", "1kbb", "-m, --memory", "invalid suffix: 'kbb'")]
    [InlineData("--shm-size", "1.5.5g", "--shm-size", "strconv.ParseFloat: parsing \"1.5.5\": invalid syntax")]
    [InlineData("--memory-reservation", "1Q", "--memory-reservation", "invalid suffix: 'q'")]
    [InlineData("--cpus", "x", "--cpus", "failed to parse x as a rational number")]
    [InlineData("--cpus", "0.0000000001", "--cpus", "value is too precise")]
    [InlineData("--health-interval", "x", "--health-interval", "time: invalid duration \"x\"")]
    [InlineData("--health-interval", "1", "--health-interval", "time: missing unit in duration \"1\"")]
    [InlineData("--health-interval", "1x", "--health-interval", "time: unknown unit \"x\" in duration \"1x\"")]
    [InlineData("--filter", "bogus", "-f, --filter", "bad format of filter (expected name=value)")]
    public async Task Typed_flag_values_are_checked_when_set(string flag, string value, string display, string error)
    {
        // go-units size.go parseSize, docker/cli opts.NanoCPUs, Go time.ParseDuration, filters.ParseFlag.
        var f = new CliFixture();
        var command = flag == "--filter" ? "ps" : "run";
        var r = command == "ps" ? await f.RunAsync("ps", flag, value) : await f.RunAsync("run", flag, value, "alpine");

        var usage = command == "ps" ? "docker ps [OPTIONS]" : "docker run [OPTIONS] IMAGE [COMMAND] [ARG...]";
        Assert.Equal((125, $"invalid argument \"{value}\" for \"{display}\" flag: {error}\n\nUsage:  {usage}\n\nRun 'docker {command} --help' for more information\n"), (r.ExitCode, r.Stderr));
        Assert.Empty(f.Engine.Containers.List(all: true));
    }

    [Theory]
    [InlineData("--memory", "1.5g")]
    [InlineData("--memory", "10kb")]
    [InlineData("--memory", "2GiB")]
    [InlineData("--memory-swap", "-1")]
    [InlineData("--cpus", "1.5")]
    [InlineData("--cpus", "3/2")]
    [InlineData("--health-interval", "1.5h30m")]
    public async Task Good_typed_values_pass(string flag, string value)
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunAsync("create", flag, value, "alpine");
        Assert.Equal((0, ""), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task Empty_container_names_for_rm_and_rename_are_refused_by_the_client()
    {
        // The real docker 28.2.2 client with no daemon (client-side checks, exit 1): container/rm.go, container/rename.go.
        var f = await CliFixture.WithImagesAsync("alpine");
        Assert.Equal(0, (await f.RunAsync("create", "--name", "keep", "alpine")).ExitCode);
        var r = await f.RunAsync("rm", "", "/", "keep");
        Assert.Equal((1, "keep\n", "container name cannot be empty\ncontainer name cannot be empty\n"), (r.ExitCode, r.Stdout, r.Stderr));
        Assert.Empty(f.Engine.Containers.List(all: true));
        r = await f.RunAsync("rename", "c1", "");
        Assert.Equal((1, "Error: Neither old nor new names may be empty\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task Inspect_of_an_ambiguous_container_prefix_fails_instead_of_trying_other_kinds()
    {
        // docker/cli v28.2.2 cli/command/system/inspect.go inspectAll: a kind's error other than not-found is the answer
        // (moby daemon/container/view.go ErrAmbiguousPrefix). Two containers whose IDs share a first hex digit.
        var f = await CliFixture.WithImagesAsync("alpine");
        var ids = new List<string>();
        while (ids.GroupBy(i => i[0]).All(g => g.Count() < 2))
        {
            ids.Add((await f.RunAsync("create", "alpine")).Stdout.Trim());
        }

        var prefix = ids.GroupBy(i => i[0]).First(g => g.Count() >= 2).Key.ToString();
        var r = await f.RunAsync("inspect", prefix);
        Assert.Equal((1, "[]\n", "Error response from daemon: multiple IDs found with provided prefix: " + prefix + "\n"), (r.ExitCode, r.Stdout, r.Stderr));
    }

    [Fact]
    public async Task Pull_option_is_checked_first_and_nothing_is_created()
    {
        var f = await CliFixture.WithImagesAsync("alpine");

        // container/create.go validatePullOpt (run and create), exit 125.
        var r = await f.RunAsync("run", "--pull=sometimes", "alpine");
        Assert.Equal((125, "docker: invalid pull option: 'sometimes': must be one of \"always\", \"missing\" or \"never\"\n\nRun 'docker run --help' for more information\n"), (r.ExitCode, r.Stderr));
        r = await f.RunAsync("create", "--pull=x", "alpine");
        Assert.Equal((125, "docker: invalid pull option: 'x': must be one of \"always\", \"missing\" or \"never\"\n\nRun 'docker create --help' for more information\n"), (r.ExitCode, r.Stderr));
        Assert.Empty(f.Engine.Containers.List(all: true));
    }

    [Fact]
    public async Task An_unknown_restart_policy_is_the_daemons_error_and_a_bad_count_the_clients()
    {
        var f = new CliFixture();

        // Real client against dsim serve: moby's verifyContainerSettings, before any pull.
        var r = await f.RunAsync("run", "--restart=bogus", "alpine");
        Assert.Equal((125, "docker: Error response from daemon: invalid restart policy: unknown policy 'bogus'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'\n\nRun 'docker run --help' for more information\n"), (r.ExitCode, r.Stderr));
        Assert.Empty(f.Engine.Images.List());

        // docker/cli opts.ParseRestartPolicy (client-side).
        r = await f.RunAsync("run", "--restart=on-failure:x", "alpine");
        Assert.Equal((125, "docker: invalid restart policy format: maximum retry count must be an integer\n\nRun 'docker run --help' for more information\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task Stop_takes_the_deprecated_time_flag_with_pflags_notice()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("create", "--name", "c1", "alpine", "true");

        // container/stop.go: --time is hidden and deprecated; pflag's notice goes to the command's output (stdout).
        var r = await f.RunAsync("stop", "--time", "3", "c1");
        Assert.Equal((0, "Flag --time has been deprecated, use --timeout instead\nc1\n", ""), (r.ExitCode, r.Stdout, r.Stderr));

        r = await f.RunAsync("stop", "--time", "3", "--timeout", "4", "c1");
        Assert.Equal((1, "Flag --time has been deprecated, use --timeout instead\n", "conflicting options: cannot specify both --timeout and --time\n"), (r.ExitCode, r.Stdout, r.Stderr));
    }

    [Fact]
    public async Task Search_checks_like_the_daemon_then_fails_without_a_network()
    {
        var f = new CliFixture();

        // moby registry/search.go and search_session.go, in their order; the lookup error as the engine's registry errors.
        var r = await f.RunAsync("search", "alpine");
        Assert.Equal((1, "Error response from daemon: Get \"https://index.docker.io/v1/search?q=alpine&n=25\": dial tcp: lookup index.docker.io on 127.0.0.53:53: no such host\n"), (r.ExitCode, r.Stderr));
        r = await f.RunAsync("search", "--limit", "5", "library/redis");
        Assert.Contains("search?q=redis&n=5\"", r.Stderr);
        r = await f.RunAsync("search", "--limit", "101", "alpine");
        Assert.Equal("Error response from daemon: limit 101 is outside the range of [1, 100]\n", r.Stderr);
        r = await f.RunAsync("search", "--filter", "bogus=1", "alpine");
        Assert.Equal("Error response from daemon: invalid filter 'bogus'\n", r.Stderr);
        r = await f.RunAsync("search", "https://x/y");
        Assert.Equal("Error response from daemon: invalid repository name: repository name (https://x/y) should not have a scheme\n", r.Stderr);

        // Real 28.2.2 client, no daemon: cli/required.go.
        r = await f.RunAsync("search");
        Assert.Equal((1, "docker: 'docker search' requires 1 argument\n\nUsage:  docker search [OPTIONS] TERM\n\nRun 'docker search --help' for more information\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task Root_flag_errors_show_cobras_use_line_and_cp_both_usages()
    {
        var f = new CliFixture();

        // Real 28.2.2 client, no daemon.
        var r = await f.RunAsync("--foo", "ps");
        Assert.Equal((125, "unknown flag: --foo\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n"), (r.ExitCode, r.Stderr));
        r = await f.RunAsync("cp", "a");
        Assert.Equal((1, "docker: 'docker cp' requires 2 arguments\n\nUsage:  docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH\n\nRun 'docker cp --help' for more information\n"), (r.ExitCode, r.Stderr));
    }
}
