using Simulator.Containers;
using Simulator.Volumes;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Volumes;

/// <summary>
/// Binds beyond whole directories: single files, nested binds, binds inside volumes, the host root (moby
/// daemon/volumes.go, runc rootfs_linux.go), and the CLI's relative sources (docker/cli 28.2.2, observed by sending
/// <c>docker run</c> to a probe server and reading <c>HostConfig.Binds</c>/<c>Mounts</c>).
/// </summary>
public sealed class BindMountTests
{
    private static async Task<ContainerRunResult> Sh(ContainerStore store, string script, HostConfig host, string image = "alpine") =>
        await store.RunAsync(new ContainerConfig(image) { Cmd = ["sh", "-c", script] }, host, null, Ct).WaitAsync(Guard, Ct);

    [Fact]
    public async Task A_single_file_bind_shows_the_host_file_and_sees_host_edits_at_once()
    {
        var (store, _) = await CreateAsync();
        store.HostFileSystem.Directory.CreateDirectory("/home/me/app");
        store.HostFileSystem.File.WriteAllText("/home/me/app/motd", "hello from host\n");
        var id = store.Create(Alpine("true"), new HostConfig { Binds = ["/home/me/app/motd:/etc/motd:ro"] });
        var root = store.GetRootFileSystem(id);
        Assert.Equal("hello from host\n", root.ReadAllText("/etc/motd"));
        store.HostFileSystem.File.WriteAllText("/home/me/app/motd", "edited\n");
        Assert.Equal("edited\n", root.ReadAllText("/etc/motd"));

        // ash's message for a write to a read-only bind (busybox shell/ash.c "can't create").
        var run = await Sh(store, "cat /etc/motd; echo x > /etc/motd", new HostConfig { Binds = ["/home/me/app/motd:/etc/motd:ro"] });
        Assert.Equal("edited\n", run.Stdout);
        Assert.Equal("sh: can't create /etc/motd: Read-only file system\n", run.Stderr);
        Assert.Equal("edited\n", store.HostFileSystem.File.ReadAllText("/home/me/app/motd"));
        Assert.Empty(store.Diff(run.Id));

        var bind = Assert.Single(store.Inspect(id).Mounts);
        Assert.Equal((MountType.Bind, "/home/me/app/motd", "/etc/motd", false), (bind.Type, bind.Source, bind.Destination, bind.RW));
    }

    [Fact]
    public async Task A_writable_file_bind_writes_through_and_a_missing_mount_point_becomes_an_empty_file()
    {
        var (store, _) = await CreateAsync();
        store.HostFileSystem.Directory.CreateDirectory("/cfg");
        store.HostFileSystem.File.WriteAllText("/cfg/app.ini", "a=1\n");
        var run = await Sh(store, "echo b=2 >> /opt/app/app.ini; cat /opt/app/app.ini; ls /opt/app", new HostConfig { Binds = ["/cfg/app.ini:/opt/app/app.ini"] });
        Assert.Equal("a=1\nb=2\napp.ini\n", run.Stdout);
        Assert.Equal("a=1\nb=2\n", store.HostFileSystem.File.ReadAllText("/cfg/app.ini"));
        // runc created /opt/app/app.ini (an empty file) as the mount point in the container's layer.
        Assert.Equal(["C /opt", "A /opt/app", "A /opt/app/app.ini"], store.Diff(run.Id).Select(c => c.ToString()));
        Assert.Equal(0, store.GetRootFileSystem(run.Id).Lower.TryGetEntry("/opt/app/app.ini", out _) ? 1 : 0);
    }

    [Fact]
    public async Task A_bind_nested_in_a_volume_and_binds_nested_in_each_other()
    {
        var (store, _) = await CreateAsync();
        store.HostFileSystem.Directory.CreateDirectory("/srv/data/uploads");
        var run = await Sh(store,
            "echo db > /data/db; echo up > /data/uploads/u; echo deep > /srv/up2/d; ls /data",
            new HostConfig { Binds = ["vol:/data", "/srv/data/uploads:/data/uploads", "/srv:/srv", "/srv/data/uploads:/srv/up2"] });
        Assert.Equal("", run.Stderr);
        Assert.Equal("db\nuploads\n", run.Stdout);
        Assert.Equal("db\n", store.Volumes.Get("vol").Tree.ReadAllText("/db"));
        Assert.Equal("up\n", store.HostFileSystem.File.ReadAllText("/srv/data/uploads/u"));
        Assert.Equal("deep\n", store.HostFileSystem.File.ReadAllText("/srv/data/uploads/d"));
        Assert.True(store.Volumes.Get("vol").Tree.Stat("/uploads").IsDirectory); // the mount point, made inside the volume
        Assert.Empty(store.Volumes.Get("vol").Tree.ReadDirectory("/uploads"));
    }

    [Fact]
    public async Task The_host_root_binds()
    {
        var (store, _) = await CreateAsync();
        store.HostFileSystem.Directory.CreateDirectory("/etc");
        store.HostFileSystem.File.WriteAllText("/etc/hostname", "buildhost\n");
        var run = await Sh(store, "cat /host/etc/hostname; echo hi > /host/etc/from-container; ls /host", new HostConfig { Binds = ["/:/host"] });
        Assert.Equal("buildhost\netc\n", run.Stdout);
        Assert.Equal("hi\n", store.HostFileSystem.File.ReadAllText("/etc/from-container"));
    }

    [Fact]
    public async Task A_directory_over_a_file_or_a_file_over_a_directory_fails_as_runc_and_creates_no_container()
    {
        var (store, _) = await CreateAsync();
        store.HostFileSystem.Directory.CreateDirectory("/confdir");
        store.HostFileSystem.File.WriteAllText("/hostfile", "x");
        var before = store.List(all: true).Count;

        // runc mountToRootfs: ENOTDIR; moby translateContainerdStartErr adds the hint.
        var dirOverFile = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { Binds = ["/confdir:/etc/passwd"] }));
        Assert.Equal(ErrorKind.InvalidArgument, dirOverFile.Kind);
        Assert.Equal(
            "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: " +
            "error during container init: error mounting \"/confdir\" to rootfs at \"/etc/passwd\": mount src=/confdir, dst=/etc/passwd, " +
            "dstFd=/proc/thread-self/fd/8, flags=MS_BIND|MS_REC: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? " +
            "Check if the specified host path exists and is the expected type",
            dirOverFile.Message);
        var fileOverDir = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { Binds = ["vol:/v", "/hostfile:/etc"] }));
        Assert.Contains("error mounting \"/hostfile\" to rootfs at \"/etc\"", fileOverDir.Message, StringComparison.Ordinal);

        Assert.Equal(before, store.List(all: true).Count);
        Assert.False(store.Volumes.Exists("vol"));

        // The classic mistake: a missing host file is created as a directory by -v, then cannot cover the image's file.
        var missing = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { Binds = ["/nginx.conf:/etc/passwd"] }));
        Assert.Contains("not a directory", missing.Message, StringComparison.Ordinal);
        Assert.True(store.HostFileSystem.Directory.Exists("/nginx.conf"));
    }

    [Theory]
    // docker 28.2.2 run -v X (cwd /tmp/volusr-probe/cwd) sent these Binds.
    [InlineData("./a:/b", "/tmp/volusr-probe/cwd/a:/b")]
    [InlineData("../x:/y", "/tmp/volusr-probe/x:/y")]
    [InlineData(".:/c", "/tmp/volusr-probe/cwd:/c")]
    [InlineData("..:/z", "/tmp/volusr-probe:/z")]
    [InlineData(".hid:/d", "/tmp/volusr-probe/cwd/.hid:/d")]
    [InlineData("./a:/b:ro", "/tmp/volusr-probe/cwd/a:/b:ro")]
    [InlineData("~/h:/e", "~/h:/e")]
    [InlineData("a/b:/x", "a/b:/x")]
    [InlineData("/abs:/x", "/abs:/x")]
    [InlineData("/anon", "/anon")]
    public void Relative_volume_sources_are_made_absolute_as_docker_cli_28(string given, string sent) =>
        Assert.Equal(sent, MountSpecParser.ResolveRelativeVolume(given, "/tmp/volusr-probe/cwd"));

    [Theory]
    // docker 28.2.2 run --mount X (cwd /tmp/volusr-probe/cwd) sent these Mounts.
    [InlineData("type=bind,src=./m,dst=/f", "type=bind,src=/tmp/volusr-probe/cwd/m,dst=/f")]
    [InlineData("type=bind,src=../n,dst=/g", "type=bind,src=/tmp/volusr-probe/n,dst=/g")]
    [InlineData("type=bind,source=.,dst=/w", "type=bind,source=/tmp/volusr-probe/cwd,dst=/w")]
    [InlineData("type=volume,src=./v,dst=/v", "type=volume,src=/tmp/volusr-probe/cwd/v,dst=/v")]
    [InlineData("type=bind,src=~/q,dst=/q", "type=bind,src=~/q,dst=/q")]
    [InlineData("type=bind,\"src=./a,b\",dst=/q", "type=bind,\"src=/tmp/volusr-probe/cwd/a,b\",dst=/q")]
    public void Relative_mount_sources_are_made_absolute_as_docker_cli_28(string given, string sent) =>
        Assert.Equal(sent, MountSpecParser.ResolveRelativeMount(given, "/tmp/volusr-probe/cwd"));

    [Fact]
    public async Task A_relative_file_source_binds_after_conversion()
    {
        var (store, _) = await CreateAsync();
        store.HostFileSystem.Directory.CreateDirectory("/proj");
        store.HostFileSystem.File.WriteAllText("/proj/nginx.conf", "events {}\n");
        var spec = MountSpecParser.ResolveRelativeVolume("./nginx.conf:/etc/app.conf:ro", "/proj");
        var run = await Sh(store, "cat /etc/app.conf", new HostConfig { Binds = [spec] });
        Assert.Equal("events {}\n", run.Stdout);
        Assert.Throws<ArgumentException>(() => MountSpecParser.ResolveRelativeVolume("./x:/y", "relative"));
    }
}

/// <summary>Binds on a host <see cref="System.IO.Abstractions.IFileSystem"/> that is not a union: TestableIO's MockFileSystem and the real disk.</summary>
public sealed class ForeignHostBindTests
{
    private static async Task<DockerSimulator> EngineAsync(System.IO.Abstractions.IFileSystem host)
    {
        var sim = new DockerSimulator(new DockerSimulatorOptions { HostFileSystem = host, TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero)) });
        await sim.PullAsync("alpine", Ct);
        return sim;
    }

    private static async Task<ContainerRunResult> Sh(DockerSimulator sim, string script, params string[] binds) =>
        await sim.Containers.RunAsync(new ContainerConfig("alpine") { Cmd = ["sh", "-c", script] }, new HostConfig { Binds = binds }, null, Ct).WaitAsync(Guard, Ct);

    [Fact]
    public async Task A_mock_file_system_directory_bind_reads_and_writes_through_both_ways()
    {
        var host = new System.IO.Abstractions.TestingHelpers.MockFileSystem();
        host.Directory.CreateDirectory("/work/site");
        host.File.WriteAllText("/work/site/index.html", "v1\n");
        var sim = await EngineAsync(host);
        var id = sim.Containers.Create(new ContainerConfig("alpine") { Cmd = ["true"] }, new HostConfig { Binds = ["/work/site:/site"] });
        var root = sim.Containers.GetRootFileSystem(id);
        Assert.Equal("v1\n", root.ReadAllText("/site/index.html"));
        host.File.WriteAllText("/work/site/index.html", "v2\n");
        host.File.WriteAllText("/work/site/new.txt", "n");
        Assert.Equal("v2\n", root.ReadAllText("/site/index.html"));
        Assert.Equal(["index.html", "new.txt"], root.ReadDirectory("/site"));
        root.WriteAllText("/site/from-container", "c");
        Assert.Equal("c", host.File.ReadAllText("/work/site/from-container"));
        host.File.Delete("/work/site/new.txt");
        Assert.False(root.Exists("/site/new.txt"));

        var run = await Sh(sim, "cat /site/index.html; mkdir -p /site/sub; echo deep > /site/sub/f; rm /site/from-container; ls /site", "/work/site:/site");
        Assert.Equal("v2\nindex.html\nsub\n", run.Stdout);
        Assert.Equal("deep\n", host.File.ReadAllText("/work/site/sub/f"));
        Assert.False(host.File.Exists("/work/site/from-container"));
    }

    [Fact]
    public async Task A_mock_file_system_file_bind_and_a_missing_source_created_as_a_directory()
    {
        var host = new System.IO.Abstractions.TestingHelpers.MockFileSystem();
        host.Directory.CreateDirectory("/proj");
        host.File.WriteAllText("/proj/app.conf", "a=1\n");
        var sim = await EngineAsync(host);
        var run = await Sh(sim, "cat /etc/app.conf; echo b=2 >> /etc/app.conf; echo x > /data/x", "/proj/app.conf:/etc/app.conf", "/proj/data:/data");
        Assert.Equal("a=1\n", run.Stdout);
        Assert.Equal("a=1\nb=2\n", host.File.ReadAllText("/proj/app.conf"));
        Assert.Equal("x\n", host.File.ReadAllText("/proj/data/x"));
        Assert.Equal(["app.conf", "data"], host.Directory.GetFileSystemEntries("/proj").Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_real_disk_binds_under_a_temporary_directory()
    {
        var dir = Directory.CreateTempSubdirectory("volusr-bind-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "in.txt"), "from disk\n");
            var sim = await EngineAsync(new System.IO.Abstractions.FileSystem());
            var run = await Sh(sim, "cat /mnt/in.txt; echo out > /mnt/out.txt", dir.FullName + ":/mnt");
            Assert.Equal("from disk\n", run.Stdout);
            Assert.Equal("out\n", File.ReadAllText(Path.Combine(dir.FullName, "out.txt")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
