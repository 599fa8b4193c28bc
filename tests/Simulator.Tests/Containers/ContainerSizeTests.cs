using Simulator.Containers;
using Simulator.Tests.Cli;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Containers;

/// <summary>
/// SizeRw and SizeRootFs as moby v28.2.2 reports them: overlay2's upper-directory size (pkg/directory calcSize: every
/// non-directory's size, each inode once) and the image's layers plus that (daemon/images/image.go GetContainerLayerSize);
/// docker/cli's SIZE column (formatter/container.go Size), container prune's reclaimed space and system df.
/// </summary>
public sealed class ContainerSizeTests
{
    [Fact]
    public async Task SizeRw_counts_the_upper_layers_files_symlinks_and_copied_up_files_once_each()
    {
        var (store, _) = await CreateAsync();
        var motd = store.Images.Get("alpine");
        var id = store.Create(Alpine("sh", "-c", "echo x > /x; ln /x /hard; ln -s /etc/target /lnk; mkdir /d; chmod 600 /etc/motd; rm /etc/issue"), name: "sz");
        var before = store.Inspect("sz", size: true);
        Assert.Equal(0, before.SizeRw); // a new container's upper directory is empty
        Assert.Equal(motd.Size, before.SizeRootFs);

        await store.StartAsync(id, Ct);
        await store.WaitAsync(id, cancellationToken: Ct).WaitAsync(Guard, Ct);
        long motdSize = store.GetRootFileSystem("sz").ReadAllBytes("/etc/motd").Length;

        // "x\n" once for two names, the symlink's target length, the whole chmod'ed file (copied up); the directory and the
        // whiteout count 0.
        long expected = 2 + "/etc/target".Length + motdSize;
        var after = store.Inspect("sz", size: true);
        Assert.Equal(expected, after.SizeRw);
        Assert.Equal(motd.Size + expected, after.SizeRootFs);

        // Only when asked for (the API omits them).
        Assert.Null(store.Inspect("sz").SizeRw);
        Assert.Null(store.List(new ContainerListOptions { All = true }).Single().SizeRootFs);
        Assert.Equal(expected, store.List(new ContainerListOptions { All = true, Size = true }).Single().SizeRw);
    }

    [Fact]
    public async Task Writes_under_volumes_are_not_in_SizeRw()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("sh", "-c", "echo 12345 > /data/f; echo 1 > /g"), new HostConfig { Binds = ["v1:/data"] }, "vol");
        await store.StartAsync(id, Ct);
        await store.WaitAsync(id, cancellationToken: Ct).WaitAsync(Guard, Ct);

        // The mount point directory is created in the layer (0 bytes); the volume's file is not in it.
        Assert.Equal(2, store.Inspect("vol", size: true).SizeRw);
    }

    [Fact]
    public async Task Ps_size_column_prune_and_system_df_use_the_writable_layer()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var virtualSize = (await f.RunAsync("images", "--format", "{{.Size}}", "alpine")).Stdout.Trim();
        await f.RunAsync("run", "--name", "done1", "alpine", "true");
        await f.RunAsync("run", "--name", "done2", "alpine", "sh", "-c", "echo x > /x");

        // formatter/container.go Size: "<SizeRw> (virtual <SizeRootFs>)", go-units HumanSizeWithPrecision(_, 3).
        var ps = await f.RunAsync("ps", "-a", "-s", "--format", "table {{.Names}}\t{{.Size}}");
        Assert.Equal(
            "NAMES     SIZE\n" +
            $"done2     2B (virtual {virtualSize})\n" +
            $"done1     0B (virtual {virtualSize})\n",
            ps.Stdout);

        // list.go: a template using .Size asks for sizes without -s; --size=false turns that off (then SizeRw is 0: "0B").
        Assert.Equal($"2B (virtual {virtualSize})\n0B (virtual {virtualSize})\n", (await f.RunAsync("ps", "-a", "--format", "{{.Size}}")).Stdout);
        Assert.Equal("0B\n0B\n", (await f.RunAsync("ps", "-a", "--size=false", "--format", "{{.Size}}")).Stdout);

        // disk_usage.go: containers' SIZE is the sum of SizeRw, RECLAIMABLE that of the inactive ones with the percentage.
        var df = await f.RunAsync("system", "df", "--format", "{{.Type}} {{.Size}} {{.Reclaimable}}");
        Assert.Contains("Containers 2B 2B (100%)\n", df.Stdout);

        // container/prune.go: the IDs, a blank line, then units.HumanSize of the reclaimed bytes.
        var ids = (await f.RunAsync("ps", "-aq", "--no-trunc")).Stdout;
        var prune = await f.RunAsync("container", "prune", "-f");
        Assert.Equal("Deleted Containers:\n" + ids + "\nTotal reclaimed space: 2B\n", prune.Stdout);
        Assert.Equal("Total reclaimed space: 0B\n", (await f.RunAsync("container", "prune", "-f")).Stdout);
    }

    [Fact]
    public async Task Container_prune_honours_label_filters_and_rejects_bad_ones()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "--name", "keep", "--label", "keep=1", "alpine", "true");
        var gone = (await f.RunAsync("create", "--name", "gone", "alpine", "true")).Stdout;
        Assert.Equal("Deleted Containers:\n" + gone + "\nTotal reclaimed space: 0B\n", (await f.RunAsync("container", "prune", "-f", "--filter", "label!=keep")).Stdout);

        // moby daemon/prune.go validates the filter keys first: nothing is removed (docker/cli prints the daemon's error).
        var bad = await f.RunAsync("container", "prune", "-f", "--filter", "nope=1");
        Assert.Equal((1, "Error response from daemon: invalid filter 'nope'\n"), (bad.ExitCode, bad.Stderr));
        Assert.Equal("keep\n", (await f.RunAsync("ps", "-a", "--format", "{{.Names}}")).Stdout);
    }
}
