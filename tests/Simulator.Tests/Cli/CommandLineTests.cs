using Simulator.Cli.CommandLine;

namespace Simulator.Tests.Cli;

/// <summary>
/// Argument parsing and the CLI's own errors. Expected texts and exit codes were observed with the real docker CLI 28.2.2
/// binary (no daemon needed for these) and match docker/cli v28.2.2 cli/required.go and spf13/pflag's messages.
/// </summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Unknown_command()
    {
        var r = await new CliFixture().RunAsync("foo");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal("docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n", r.Stderr);
    }

    [Fact]
    public async Task Unknown_subcommand_of_a_management_command()
    {
        var f = new CliFixture();
        var r = await f.RunAsync("volume", "foo");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("docker: unknown command: docker volume foo\n\nUsage:  docker volume COMMAND\n\nRun 'docker volume --help' for more information\n", r.Stderr);
        r = await f.RunAsync("container", "foo");
        Assert.Equal("docker: unknown command: docker container foo\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n", r.Stderr);
    }

    [Fact]
    public async Task Unknown_flag_exits_125_with_usage()
    {
        var r = await new CliFixture().RunAsync("run", "--x", "alpine");
        Assert.Equal(125, r.ExitCode);
        Assert.Equal("unknown flag: --x\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", r.Stderr);
    }

    [Theory]
    [InlineData("type=volume,src=v,dst=/x,bogus=1", "unexpected key 'bogus' in 'bogus=1'")]
    [InlineData("type=bind,src=/host/f.conf", "target is required")]
    public async Task Mount_syntax_errors_are_flag_errors(string spec, string error)
    {
        // docker/cli opts/mount.go MountOpt.Set runs while flags are parsed: pflag's "invalid argument" form, exit 125, nothing created.
        var f = new CliFixture();
        var r = await f.RunAsync("run", "--rm", "--mount", spec, "alpine", "true");
        Assert.Equal(125, r.ExitCode);
        Assert.Equal($"invalid argument \"{spec}\" for \"--mount\" flag: {error}\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", r.Stderr);
        Assert.Empty(f.Engine.Containers.List(all: true));
    }

    [Fact]
    public async Task Unknown_shorthand_flag()
    {
        var r = await new CliFixture().RunAsync("run", "-z", "alpine");
        Assert.Equal(125, r.ExitCode);
        Assert.StartsWith("unknown shorthand flag: 'z' in -z\n\nUsage:  docker run", r.Stderr);
    }

    [Fact]
    public async Task Flag_needs_an_argument()
    {
        var r = await new CliFixture().RunAsync("run", "--name");
        Assert.Equal(125, r.ExitCode);
        Assert.StartsWith("flag needs an argument: --name\n", r.Stderr);
    }

    [Fact]
    public async Task Invalid_int_and_bool_values()
    {
        var f = new CliFixture();
        var r = await f.RunAsync("ps", "-n", "abc");
        Assert.Equal(125, r.ExitCode);
        Assert.Equal("invalid argument \"abc\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", r.Stderr);
        r = await f.RunAsync("ps", "--all=maybe");
        Assert.Equal(125, r.ExitCode);
        Assert.StartsWith("invalid argument \"maybe\" for \"-a, --all\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\n", r.Stderr);
    }

    [Theory]
    [InlineData("rm", "docker: 'docker rm' requires at least 1 argument\n\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker rm --help' for more information\n")]
    [InlineData("rename a", "docker: 'docker rename' requires 2 arguments\n\nUsage:  docker rename CONTAINER NEW_NAME\n\nRun 'docker rename --help' for more information\n")]
    [InlineData("ps extra", "docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n")]
    [InlineData("port", "docker: 'docker port' requires at least 1 and at most 2 arguments\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nRun 'docker port --help' for more information\n")]
    [InlineData("logs a b", "docker: 'docker logs' requires 1 argument\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nRun 'docker logs --help' for more information\n")]
    [InlineData("images a b", "docker: 'docker images' requires at most 1 argument\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nSRun 'docker images --help' for more information\n")]
    [InlineData("volume inspect", "docker: 'docker volume inspect' requires at least 1 argument\n\nUsage:  docker volume inspect [OPTIONS] VOLUME [VOLUME...]\n\nSee 'docker volume inspect --help' for more information\n")]
    public async Task Argument_counts(string line, string stderr)
    {
        var r = await new CliFixture().RunAsync(line.Split(' '));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal(stderr, r.Stderr);
    }

    [Fact]
    public async Task Help_prints_the_real_help_text()
    {
        var f = new CliFixture();
        var r = await f.RunAsync("ps", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("Usage:  docker ps [OPTIONS]\n\nList containers\n\nAliases:\n  docker container ls, docker container list, docker container ps, docker ps\n", r.Stdout);
        Assert.Equal(r.Stdout, (await f.RunAsync("ps", "-h")).Stdout);
        // A bare "docker" or group command shows its help on stderr, exit 0 (cli/cobra.go ShowHelp(dockerCli.Err());
        // real 28.2.2 client); --help prints it on stdout.
        var root = await f.RunAsync();
        Assert.Equal((0, ""), (root.ExitCode, root.Stdout));
        Assert.StartsWith("Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n", root.Stderr);
        Assert.Equal(root.Stderr, (await f.RunAsync("--help")).Stdout);
        var volume = await f.RunAsync("volume");
        Assert.Equal((0, ""), (volume.ExitCode, volume.Stdout));
        Assert.StartsWith("Usage:  docker volume COMMAND\n\nManage volumes\n", volume.Stderr);
        Assert.Equal(volume.Stderr, (await f.RunAsync("volume", "--help")).Stdout);
    }

    [Fact]
    public async Task Version_flag()
    {
        var r = await new CliFixture().RunAsync("-v");
        Assert.Equal("Docker version 28.2.2, build e6534b4\n", r.Stdout);
    }

    [Fact]
    public void Pflag_parsing_bundles_values_and_stops_at_the_image()
    {
        var help = CommandHelp.Get("run")!;
        var p = FlagParser.Parse(["-dit", "--name=web", "-p8080:80", "-p", "443:443", "--rm=false", "alpine", "ls", "-la", "--name", "x"], help.Flags, interspersed: false);
        Assert.True(p.Bool("detach"));
        Assert.True(p.Bool("interactive"));
        Assert.True(p.Bool("tty"));
        Assert.False(p.Bool("rm"));
        Assert.Equal("web", p.String("name"));
        Assert.Equal(["8080:80", "443:443"], p.List("publish"));
        Assert.Equal(["alpine", "ls", "-la", "--name", "x"], p.Args);
    }

    [Fact]
    public void Pflag_double_dash_ends_flags_and_interspersed_commands_take_flags_after_arguments()
    {
        var help = CommandHelp.Get("rm")!;
        var p = FlagParser.Parse(["a", "-f", "--", "-b"], help.Flags, interspersed: true);
        Assert.True(p.Bool("force"));
        Assert.Equal(["a", "-b"], p.Args);
    }

    [Fact]
    public async Task Run_with_interactive_tty_and_no_terminal_is_refused()
    {
        var f = new CliFixture();
        var r = await f.RunAsync("run", "-it", "alpine");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("the input device is not a TTY\n", r.Stderr);
        Assert.Equal(0, f.Engine.Containers.Count);
    }
}
