using Simulator.Cli;

namespace Simulator.Tests.Cli;

/// <summary>
/// docker system prune, version, info and volume create --name. Expected texts are the real docker 28.2.2 client's: its
/// client-side errors with no daemon, the rest against <c>dsim serve</c> (the simulated engine's API), as noted per test.
/// </summary>
public sealed class SystemCommandTests
{
    // docker/cli v28.2.2 cli/command/system/prune.go confirmationTemplate, as the real client printed it.
    private const string PruneWarning = """
        WARNING! This will remove:
          - all stopped containers
          - all networks not used by at least one container
          - all dangling images
          - unused build cache

        Are you sure you want to continue? [y/N] 
        """;

    [Fact]
    public async Task System_prune_asks_first_and_a_no_leaves_everything()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "--name", "done", "alpine", "true");
        await f.RunAsync("network", "create", "net1");

        var r = await f.RunWithStdinAsync("n\n", "system", "prune");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(PruneWarning, r.Stdout);
        Assert.Equal("", r.Stderr);
        Assert.Single(f.Engine.Containers.List(all: true));
        Assert.Contains(f.Engine.Containers.Networks.List(), n => n.Name == "net1");
    }

    [Fact]
    public async Task System_prune_removes_stopped_containers_and_unused_networks_in_that_order()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var id = (await f.RunAsync("create", "--name", "done", "alpine", "true")).Stdout.Trim();
        await f.RunAsync("network", "create", "net1");

        var r = await f.RunWithStdinAsync("y\n", "system", "prune");

        // Real 28.2.2 client against dsim serve: each part's list, a blank line, then the total.
        Assert.Equal(PruneWarning + $"Deleted Containers:\n{id}\n\nDeleted Networks:\nnet1\n\nTotal reclaimed space: 0B\n", r.Stdout);
        Assert.Empty(f.Engine.Containers.List(all: true));
        Assert.DoesNotContain(f.Engine.Containers.Networks.List(), n => n.Name == "net1");
        Assert.Single(f.Engine.Images.List());

        r = await f.RunAsync("system", "prune", "-f");
        Assert.Equal("Total reclaimed space: 0B\n", r.Stdout);
    }

    [Fact]
    public async Task System_prune_volumes_and_all_widen_the_warning_and_what_goes()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("volume", "create", "named");
        await f.RunAsync("create", "-v", "/data", "--name", "c1", "alpine", "true");
        await f.RunAsync("rm", "c1");

        var r = await f.RunWithStdinAsync("y\n", "system", "prune", "-a", "--volumes");

        Assert.StartsWith("""
            WARNING! This will remove:
              - all stopped containers
              - all networks not used by at least one container
              - all anonymous volumes not used by at least one container
              - all images without at least one container associated to them
              - all build cache

            Are you sure you want to continue? [y/N] Deleted Volumes:

            """, r.Stdout);
        Assert.Contains("Deleted Images:\nuntagged: alpine:latest\n", r.Stdout);
        Assert.Equal(["named"], f.Engine.Volumes.List().Select(v => v.Name));
        Assert.Empty(f.Engine.Images.List());
    }

    [Fact]
    public async Task System_prune_lists_its_filters_in_the_warning()
    {
        var f = await CliFixture.WithImagesAsync("alpine");

        var r = await f.RunWithStdinAsync("n\n", "system", "prune", "--filter", "label=a=b", "--filter", "until=24h");

        // prune.go: label, label!, until, sorted.
        Assert.Equal("""
            WARNING! This will remove:
              - all stopped containers
              - all networks not used by at least one container
              - all dangling images
              - unused build cache

              Items to be pruned will be filtered with:
              - label=a=b
              - until=24h

            Are you sure you want to continue? [y/N] 
            """, r.Stdout);
    }

    [Fact]
    public async Task System_prune_bad_input_is_refused_before_anything_is_removed()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("create", "--name", "done", "alpine", "true");

        // Real 28.2.2 client, no daemon.
        var r = await f.RunAsync("system", "prune", "-f", "--volumes", "--filter", "until=1h");
        Assert.Equal((1, "", "ERROR: The \"until\" filter is not supported with \"--volumes\"\n"), (r.ExitCode, r.Stdout, r.Stderr));

        r = await f.RunAsync("system", "prune", "extra");
        Assert.Equal((1, "docker: 'docker system prune' accepts no arguments\n\nUsage:  docker system prune [OPTIONS]\n\nRun 'docker system prune --help' for more information\n"), (r.ExitCode, r.Stderr));

        r = await f.RunAsync("system", "prune", "--bogus");
        Assert.Equal((125, "unknown flag: --bogus\n\nUsage:  docker system prune [OPTIONS]\n\nRun 'docker system prune --help' for more information\n"), (r.ExitCode, r.Stderr));

        Assert.Single(f.Engine.Containers.List(all: true));
    }

    [Fact]
    public async Task Volume_create_takes_the_hidden_name_flag_but_not_with_a_positional_name()
    {
        var f = new CliFixture();

        var r = await f.RunAsync("volume", "create", "--name", "vol1");
        Assert.Equal((0, "vol1\n"), (r.ExitCode, r.Stdout));

        // volume/create.go: refused even when both name the same volume (real client against dsim serve); nothing created.
        r = await f.RunAsync("volume", "create", "--name", "vol2", "vol2");
        Assert.Equal((1, "", "conflicting options: cannot specify a volume-name through both --name and as a positional arg\n"), (r.ExitCode, r.Stdout, r.Stderr));
        Assert.Equal(["vol1"], f.Engine.Volumes.List().Select(v => v.Name));

        // Real client, no daemon: the flag is known, so pflag asks for its value.
        r = await f.RunAsync("volume", "create", "--name");
        Assert.Equal((125, "flag needs an argument: --name\n\nUsage:  docker volume create [OPTIONS] [VOLUME]\n\nRun 'docker volume create --help' for more information\n"), (r.ExitCode, r.Stderr));

        // Hidden: not in the help text.
        r = await f.RunAsync("volume", "create", "--help");
        Assert.DoesNotContain("--name", r.Stdout);
    }

    [Fact]
    public async Task Version_prints_the_real_clients_layout()
    {
        var f = new CliFixture();

        var r = await f.RunAsync("version");

        // The Client part: the real docker 28.2.2 binary with no daemon; the Server part: the same binary against dsim serve.
        Assert.Equal("""
            Client:
             Version:           28.2.2
             API version:       1.50
             Go version:        go1.24.3
             Git commit:        e6534b4
             Built:             Fri May 30 12:07:14 2025
             OS/Arch:           linux/amd64
             Context:           default

            Server: Docker Engine - Community
             Engine:
              Version:          28.2.2
              API version:      1.50 (minimum version 1.24)
              Go version:       go1.24.3
              Git commit:       45873be
              Built:            Fri May 30 12:07:26 2025
              OS/Arch:          linux/amd64
              Experimental:     false
             containerd:
              Version:          1.7.27
              GitCommit:        05044ec0a9a75232cad458027ca83437aae3f4da
             runc:
              Version:          1.2.5
              GitCommit:        v1.2.5-0-g59923ef
             docker-init:
              Version:          0.19.0
              GitCommit:        de40ad0

            """, r.Stdout);
    }

    [Fact]
    public async Task Version_format_runs_a_template_over_client_and_server()
    {
        var f = new CliFixture();

        // Real 28.2.2 client against dsim serve.
        var r = await f.RunAsync("version", "--format", "{{.Client.Version}} {{.Server.Version}} {{.Client.Context}}");
        Assert.Equal((0, "28.2.2 28.2.2 default\n"), (r.ExitCode, r.Stdout));

        r = await f.RunAsync("version", "-f", "json");
        Assert.StartsWith("{\"Client\":{\"Version\":\"28.2.2\",\"ApiVersion\":\"1.50\",\"DefaultAPIVersion\":\"1.50\",", r.Stdout);
        Assert.EndsWith("\"BuildTime\":\"2025-05-30T12:07:26.000000000+00:00\"}}\n", r.Stdout);

        // version.go: a template that does not parse exits 64.
        r = await f.RunAsync("version", "--format", "{{.Client.Version");
        Assert.Equal((64, "", "template parsing error: template: version:1: unclosed action\n"), (r.ExitCode, r.Stdout, r.Stderr));
    }

    [Fact]
    public async Task Info_prints_the_real_clients_layout_with_the_engines_counts()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("create", "--name", "c1", "alpine", "true");

        var r = await f.RunAsync("info");

        // Real 28.2.2 client against dsim serve (info.go prettyPrintInfo), one created container and one image.
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("""
            Client:
             Version:    28.2.2
             Context:    default
             Debug Mode: false

            Server:
             Containers: 1
              Running: 0
              Paused: 0
              Stopped: 1
             Images: 1
             Server Version: 28.2.2
             Storage Driver: overlay2
              Backing Filesystem: extfs

            """, r.Stdout);
        Assert.Contains("\n Plugins:\n  Volume: local\n  Network: bridge host ipvlan macvlan null overlay\n", r.Stdout);
        Assert.EndsWith(" Insecure Registries:\n  ::1/128\n  127.0.0.0/8\n Live Restore Enabled: false\n\n", r.Stdout);
    }
}
