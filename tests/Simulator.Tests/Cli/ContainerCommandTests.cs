namespace Simulator.Tests.Cli;

/// <summary>
/// Container commands through the CLI. Expected outputs follow Docker 28: the seed walkthrough (../shared/transcripts/docker-overview.t),
/// docker/cli v28.2.2 cli/command/container/*.go (run.go toStatusError, rm.go) and SEMANTICS.md sections 5 and 6.
/// </summary>
public sealed class ContainerCommandTests
{
    [Fact]
    public async Task Run_prints_the_program_output_and_exits_with_its_code()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunAsync("run", "alpine", "/bin/echo", "hello", "world");
        Assert.Equal((0, "hello world\n", ""), (r.ExitCode, r.Stdout, r.Stderr));
        r = await f.RunAsync("run", "--rm", "alpine", "which", "sshd");
        Assert.Equal((1, "", ""), (r.ExitCode, r.Stdout, r.Stderr));
    }

    [Fact]
    public async Task Run_pulls_a_missing_image_with_progress_on_stderr()
    {
        var f = new CliFixture();
        var r = await f.RunAsync("run", "busybox", "echo", "hello", "world");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("hello world\n", r.Stdout);
        var lines = r.Stderr.Split('\n');
        Assert.Equal("Unable to find image 'busybox:latest' locally", lines[0]);
        Assert.Equal("latest: Pulling from library/busybox", lines[1]);
        Assert.Equal("Status: Downloaded newer image for busybox:latest", lines[^2]);
        Assert.DoesNotContain("Using default tag", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_of_a_missing_program_exits_127_and_an_unknown_image_125()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunAsync("run", "alpine", "nosuch");
        Assert.Equal(127, r.ExitCode);
        Assert.Equal("docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: \"nosuch\": executable file not found in $PATH: unknown\n\nRun 'docker run --help' for more information\n", r.Stderr);
        r = await f.RunAsync("run", "nosuchimage");
        Assert.Equal(125, r.ExitCode);
        Assert.Equal("Unable to find image 'nosuchimage:latest' locally\ndocker: Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\nRun 'docker run --help' for more information\n", r.Stderr);
    }

    [Fact]
    public async Task Run_with_an_invalid_reference_is_refused_client_side()
    {
        // Observed: docker run UPPER -> "docker: invalid reference format: repository name (library/UPPER) must be lowercase", 125.
        var f = new CliFixture();
        var r = await f.RunAsync("run", "UPPER");
        Assert.Equal(125, r.ExitCode);
        Assert.Equal("docker: invalid reference format: repository name (library/UPPER) must be lowercase\n\nRun 'docker run --help' for more information\n", r.Stderr);
        Assert.Equal(0, f.Engine.Containers.Count);
    }

    [Fact]
    public async Task Detached_run_prints_the_id_and_ps_shows_it_44_minutes_later()
    {
        var f = await CliFixture.WithImagesAsync("nginx");
        var r = await f.RunAsync("run", "-d", "--name", "web", "-p", "8080:80", "nginx");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches("^[0-9a-f]{64}\n$", r.Stdout);
        f.Time.Advance(TimeSpan.FromMinutes(44));
        var ps = await f.RunAsync("ps");
        var id = r.Stdout[..12];
        Assert.Equal(
            "CONTAINER ID   IMAGE     COMMAND                  CREATED          STATUS          PORTS                                     NAMES\n" +
            $"{id}   nginx     \"/docker-entrypoint.…\"   44 minutes ago   Up 44 minutes   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web\n",
            ps.Stdout);
        Assert.Equal($"{id}\n", (await f.RunAsync("ps", "-q")).Stdout);
        Assert.Equal("80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n", (await f.RunAsync("port", "web")).Stdout);
    }

    [Fact]
    public async Task Port_conflict_exits_125_and_leaves_no_running_container()
    {
        var f = await CliFixture.WithImagesAsync("nginx");
        await f.RunAsync("run", "-d", "-p", "8080:80", "--name", "web", "nginx");
        var r = await f.RunAsync("run", "-d", "-p", "8080:80", "nginx");
        Assert.Equal(125, r.ExitCode);
        Assert.Matches(@"^docker: Error response from daemon: driver failed programming external connectivity on endpoint \w+ \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n\nRun 'docker run --help' for more information\n$", r.Stderr);
        Assert.Single(f.Engine.Containers.List());
    }

    [Fact]
    public async Task Ps_all_shows_exited_containers_with_truncated_commands()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "--name", "echo", "alpine", "/bin/echo", "hello", "world");
        f.Time.Advance(TimeSpan.FromMinutes(44));
        var r = await f.RunAsync("ps", "-a");
        var lines = r.Stdout.Split('\n');
        Assert.Equal("CONTAINER ID   IMAGE     COMMAND                  CREATED          STATUS                      PORTS     NAMES", lines[0]);
        Assert.EndsWith("   alpine    \"/bin/echo hello wor…\"   44 minutes ago   Exited (0) 44 minutes ago             echo", lines[1]);
        Assert.Equal("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n", (await f.RunAsync("ps")).Stdout);
    }

    [Fact]
    public async Task Create_then_exec_then_rm_force_with_volumes()
    {
        var f = await CliFixture.WithImagesAsync("busybox");
        var r = await f.RunAsync("create", "-v", "/dbdata", "--name", "dbdata", "busybox", "true");
        Assert.Matches("^[0-9a-f]{64}\n$", r.Stdout);
        var vol = f.Engine.Volumes.List().Single().Name;
        Assert.Equal($"{vol}\n", (await f.RunAsync("volume", "ls", "-q")).Stdout);
        Assert.Equal($"DRIVER    VOLUME NAME\nlocal     {vol}\n", (await f.RunAsync("volume", "ls")).Stdout);

        r = await f.RunAsync("exec", "dbdata", "true");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("Error response from daemon: container ", r.Stderr);
        Assert.EndsWith(" is not running\n", r.Stderr);

        r = await f.RunAsync("rm", "-v", "dbdata");
        Assert.Equal((0, "dbdata\n", ""), (r.ExitCode, r.Stdout, r.Stderr));
        Assert.Equal("", (await f.RunAsync("volume", "ls", "-q")).Stdout);
    }

    [Fact]
    public async Task Exec_runs_in_a_running_container()
    {
        var f = await CliFixture.WithImagesAsync("nginx");
        var id = (await f.RunAsync("run", "-d", "nginx")).Stdout.Trim();
        var r = await f.RunAsync("exec", id[..6], "cat", "/etc/hostname");
        Assert.Equal((0, id[..12] + "\n"), (r.ExitCode, r.Stdout));
        r = await f.RunAsync("exec", id[..6], "sh", "-c", "exit 3");
        Assert.Equal(3, r.ExitCode);
    }

    [Fact]
    public async Task Rm_echoes_arguments_joins_errors_and_force_only_reports_missing_ones()
    {
        // docker/cli v28.2.2 container/rm.go: with -f a NotFound error is printed to stderr and skipped.
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("create", "--name", "aa", "alpine", "true");
        await f.RunAsync("create", "--name", "bb", "alpine", "true");
        var r = await f.RunAsync("rm", "aa", "nosuch");
        Assert.Equal((1, "aa\n", "Error response from daemon: No such container: nosuch\n"), (r.ExitCode, r.Stdout, r.Stderr));
        r = await f.RunAsync("rm", "-f", "bb", "nosuch");
        Assert.Equal((0, "bb\n", "Error response from daemon: No such container: nosuch\n"), (r.ExitCode, r.Stdout, r.Stderr));
    }

    [Fact]
    public async Task Rm_of_a_running_container_fails_and_keeps_it()
    {
        var f = await CliFixture.WithImagesAsync("nginx");
        await f.RunAsync("run", "-d", "--name", "web", "nginx");
        var r = await f.RunAsync("rm", "web");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Error response from daemon: cannot remove container \"web\": container is running: stop the container before removing or force remove\n", r.Stderr);
        Assert.Single(f.Engine.Containers.List());
    }

    [Fact]
    public async Task Stop_start_and_missing_containers()
    {
        var f = await CliFixture.WithImagesAsync("nginx");
        await f.RunAsync("run", "-d", "--name", "web", "nginx");
        Assert.Equal("web\n", (await f.RunAsync("stop", "web")).Stdout);
        Assert.Empty(f.Engine.Containers.List());
        Assert.Equal("web\n", (await f.RunAsync("start", "web")).Stdout);
        Assert.Single(f.Engine.Containers.List());
        var r = await f.RunAsync("start", "nosuch");
        Assert.Equal((1, "Error response from daemon: No such container: nosuch\nError: failed to start containers: nosuch\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task Commit_prints_the_image_id_and_diff_lists_changes()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "--name", "cc", "alpine", "touch", "/hello");
        Assert.Contains("A /hello\n", (await f.RunAsync("diff", "cc")).Stdout, StringComparison.Ordinal);
        var r = await f.RunAsync("commit", "cc", "my/alpine");
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", r.Stdout);
        Assert.True(f.Engine.Images.TryGet("my/alpine", out _));
        r = await f.RunAsync("commit", "cc", "Bad");
        Assert.Equal((1, "invalid reference format: repository name (library/Bad) must be lowercase\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task Inspect_of_a_missing_object_prints_an_empty_array_and_the_error()
    {
        var r = await new CliFixture().RunAsync("inspect", "nosuch");
        Assert.Equal((1, "[]\n", "Error: No such object: nosuch\n"), (r.ExitCode, r.Stdout, r.Stderr));
    }

    [Fact]
    public async Task Inspect_without_format_is_indented_json()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("create", "--name", "cc", "alpine", "true");
        var r = await f.RunAsync("inspect", "cc");
        Assert.StartsWith("[\n    {\n        \"Id\": \"", r.Stdout);
        Assert.Contains("\n        \"Name\": \"/cc\",\n", r.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\n    }\n]\n", r.Stdout);
    }

    [Fact]
    public async Task Logs_split_stdout_and_stderr()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "--name", "cc", "alpine", "sh", "-c", "echo out; echo err >&2");
        var r = await f.RunAsync("logs", "cc");
        Assert.Equal(("out\n", "err\n"), (r.Stdout, r.Stderr));
    }
}
