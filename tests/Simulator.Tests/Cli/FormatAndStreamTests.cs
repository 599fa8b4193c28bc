namespace Simulator.Tests.Cli;

/// <summary>
/// --format templates, attached stdin, networks and cp through the CLI. Expected texts: the seed walkthrough
/// (../shared/transcripts/docker-overview.t), tests/transcripts/format.t and networks.t (checked with the real docker CLI 28.2.2),
/// docker/cli v28.2.2 container/list.go ("failed to parse template", "failed to execute template").
/// </summary>
public sealed class FormatAndStreamTests
{
    [Fact]
    public async Task Run_interactive_forwards_stdin_until_eof()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunWithStdinAsync("echo from stdin\nexit 4\n", "run", "-i", "--name", "sh1", "alpine", "/bin/ash");
        Assert.Equal((4, "from stdin\n"), (r.ExitCode, r.Stdout));
    }

    [Fact]
    public async Task Detached_interactive_tty_shell_keeps_running()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunAsync("run", "-dit", "--name", "shell", "alpine", "/bin/ash");
        Assert.Equal(0, r.ExitCode);
        f.Time.Advance(TimeSpan.FromMinutes(44));
        Assert.Equal("shell \"/bin/ash\" Up 44 minutes\n", (await f.RunAsync("ps", "--format", "{{.Names}} {{.Command}} {{.Status}}")).Stdout);
    }

    [Fact]
    public async Task Ps_table_template_uses_header_names_and_label_keys()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "-d", "--name", "f1", "-l", "tier=front", "alpine", "sleep", "300");
        var r = await f.RunAsync("ps", "--format", "table {{.Names}}\\t{{.Image}}\\t{{.Label \"tier\"}}");
        Assert.Equal("NAMES     IMAGE     tier\nf1        alpine    front\n", r.Stdout);
    }

    [Fact]
    public async Task Ps_template_errors()
    {
        var f = new CliFixture();
        var r = await f.RunAsync("ps", "--format", "{{.Foo");
        Assert.Equal((1, "failed to parse template: template: :1: unclosed action\n"), (r.ExitCode, r.Stderr));
        r = await f.RunAsync("ps", "--format", "{{.Nope}}");
        Assert.Equal((1, "failed to execute template: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext\n"), (r.ExitCode, r.Stderr));
        r = await f.RunAsync("inspect", "-f", "{{.Foo", "x");
        Assert.Equal((64, "template parsing error: template: :1: unclosed action\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task Inspect_format_over_containers_and_images()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "-d", "--name", "f1", "-l", "app=web", "alpine", "sleep", "300");
        Assert.Equal("/f1 running \"running\"\n", (await f.RunAsync("inspect", "-f", "{{.Name}} {{.State.Status}} {{json .State.Status}}", "f1")).Stdout);
        Assert.Equal("{\"app\":\"web\"}\n", (await f.RunAsync("inspect", "-f", "{{json .Config.Labels}}", "f1")).Stdout);
        Assert.Equal("[/bin/sh]\n", (await f.RunAsync("inspect", "-f", "{{.Config.Cmd}}", "alpine")).Stdout);
        Assert.Equal("0\n", (await f.RunAsync("inspect", "-f", "{{.State.ExitCode}}", "f1")).Stdout);
    }

    [Fact]
    public async Task Images_format_and_port_with_a_private_port()
    {
        var f = await CliFixture.WithImagesAsync("alpine", "nginx");
        Assert.Equal("alpine:latest\nnginx:latest\n", string.Join("\n", (await f.RunAsync("images", "--format", "{{.Repository}}:{{.Tag}}")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order()) + "\n");
        await f.RunAsync("run", "-d", "-p", "8080:80", "--name", "web", "nginx");
        Assert.Equal("0.0.0.0:8080\n[::]:8080\n", (await f.RunAsync("port", "web", "80/tcp")).Stdout);
    }

    [Fact]
    public async Task Detached_run_prints_the_id_before_a_start_error()
    {
        var f = await CliFixture.WithImagesAsync("nginx");
        await f.RunAsync("run", "-d", "-p", "8080:80", "nginx");
        var r = await f.RunAsync("run", "-d", "-p", "8080:80", "nginx");
        Assert.Equal(125, r.ExitCode);
        Assert.Matches("^[0-9a-f]{64}\n$", r.Stdout);
        Assert.Contains("Bind for 0.0.0.0:8080 failed: port is already allocated", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Networks_create_list_and_remove()
    {
        var f = new CliFixture();
        Assert.Equal("bridge bridge local\nhost host local\nnone null local\n", (await f.RunAsync("network", "ls", "--format", "{{.Name}} {{.Driver}} {{.Scope}}")).Stdout);
        Assert.Matches("^[0-9a-f]{64}\n$", (await f.RunAsync("network", "create", "mynet")).Stdout);
        var r = await f.RunAsync("network", "create", "mynet");
        Assert.Equal((1, "Error response from daemon: network with name mynet already exists\n"), (r.ExitCode, r.Stderr));
        Assert.Equal("mynet\n", (await f.RunAsync("network", "rm", "mynet")).Stdout);
        r = await f.RunAsync("network", "rm", "mynet");
        Assert.Equal((1, "Error response from daemon: network mynet not found\nexit status 1\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task Cp_round_trip_between_host_and_container()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "-d", "--name", "box", "alpine", "sleep", "300");
        f.Engine.HostFileSystem.File.WriteAllText("/tmp/h.txt", "from host\n");
        Assert.Equal(0, (await f.RunAsync("cp", "/tmp/h.txt", "box:/root/h.txt")).ExitCode);
        Assert.Equal("from host\n", (await f.RunAsync("exec", "box", "cat", "/root/h.txt")).Stdout);
        Assert.Equal(0, (await f.RunAsync("cp", "box:/root/h.txt", "/tmp/back.txt")).ExitCode);
        Assert.Equal("from host\n", f.Engine.HostFileSystem.File.ReadAllText("/tmp/back.txt"));
        var r = await f.RunAsync("cp", "/tmp/nosuch", "box:/");
        Assert.Equal((1, "lstat /tmp/nosuch: no such file or directory\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task Start_attach_streams_the_output_and_exits_with_the_code()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("create", "--name", "once", "alpine", "sh", "-c", "echo hi; exit 3");
        var r = await f.RunAsync("start", "-a", "once");
        Assert.Equal((3, "hi\n"), (r.ExitCode, r.Stdout));
    }

    [Fact]
    public async Task Events_until_now_lists_what_happened()
    {
        // docker/cli events.go prettyPrintEvent: "<RFC3339NanoFixed> container create <id> (image=alpine, name=ev)".
        var f = await CliFixture.WithImagesAsync("alpine");
        var id = (await f.RunAsync("create", "--name", "ev", "alpine", "true")).Stdout.Trim();
        var r = await f.RunAsync("events", "--since", "1h", "--until", "0s", "--filter", "event=create");
        Assert.Equal($"2026-01-02T03:04:05.000000000Z container create {id} (image=alpine, name=ev)\n", r.Stdout);
    }
}
