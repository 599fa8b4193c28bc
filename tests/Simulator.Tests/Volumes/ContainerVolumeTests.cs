using Simulator.Containers;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Volumes;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Volumes;

/// <summary>SEMANTICS section 4 end to end: containers of the default world's alpine mounting volumes, binds and tmpfs.</summary>
public sealed class ContainerVolumeTests
{
    private static async Task<ContainerRunResult> Sh(ContainerStore store, string script, HostConfig? host = null, string image = "alpine", string? name = null)
    {
        var result = await store.RunAsync(new ContainerConfig(image) { Cmd = ["sh", "-c", script] }, host, name, Ct).WaitAsync(Guard, Ct);
        return result;
    }

    private static async Task StartAndWait(ContainerStore store, string id)
    {
        await store.StartAsync(id, Ct).WaitAsync(Guard, Ct);
        await store.WaitAsync(id, WaitCondition.NotRunning, Ct).WaitAsync(Guard, Ct);
        await EventuallyAsync(() => store.Inspect(id).State.Status == ContainerStatus.Exited);
    }

    private static Image Tagged(ContainerStore store, ImageBuilder builder, string tag)
    {
        var image = store.Images.Add(builder.Build());
        store.Images.Tag(image.Id.ToString(), tag);
        return image;
    }

    [Fact]
    public async Task Seed_data_volume_container_walkthrough()
    {
        var (store, _) = await CreateAsync();
        Tagged(store, ImageBuilder.From(store.Images.Get("alpine")).WithFile("/dbdata/seed.txt", "from image\n"), "dbimage");
        Tagged(store, ImageBuilder.From(store.Images.Get("alpine")).WithFile("/dbdata/app-only.txt", "hidden\n"), "appimage");

        // docker create -v /dbdata --name dbdata dbimage: an anonymous volume, populated from the image at create.
        var dbdata = store.Create(new ContainerConfig("dbimage") { Cmd = ["true"] }, new HostConfig { Binds = ["/dbdata"] }, "dbdata");
        var mount = Assert.Single(store.Inspect(dbdata).Mounts);
        var anon = mount.Name!;
        Assert.Matches("^[0-9a-f]{64}$", anon);
        Assert.True(store.Volumes.Get(anon).IsAnonymous);
        Assert.Equal("from image\n", store.Volumes.Get(anon).Tree.ReadAllText("/seed.txt"));

        // Two containers --volumes-from dbdata see and write the same files; the app image's /dbdata is hidden (4.3/4.4).
        var from = new HostConfig { VolumesFrom = ["dbdata"] };
        var one = await Sh(store, "ls /dbdata; echo one > /dbdata/one.txt", from, "appimage", "db1");
        Assert.Equal("seed.txt\n", one.Stdout);
        var two = await Sh(store, "cat /dbdata/one.txt; echo two > /dbdata/two.txt; ls /dbdata", from, "appimage", "db2");
        Assert.Equal("one\none.txt\nseed.txt\ntwo.txt\n", two.Stdout);
        Assert.Equal("two\n", store.Volumes.Get(anon).Tree.ReadAllText("/two.txt"));
        Assert.Equal(anon, Assert.Single(store.Inspect("db1").Mounts).Name);
        Assert.Empty(store.Diff("db1"));

        // rm -v on all but the last keeps the shared anonymous volume; the last rm -v removes it.
        await store.RemoveAsync("dbdata", force: false, removeVolumes: true, Ct);
        Assert.True(store.Volumes.Exists(anon));
        await store.RemoveAsync("db1", force: false, removeVolumes: true, Ct);
        Assert.True(store.Volumes.Exists(anon));
        Assert.Equal("one\n", store.Volumes.Get(anon).Tree.ReadAllText("/one.txt"));
        await store.RemoveAsync("db2", force: false, removeVolumes: true, Ct);
        Assert.False(store.Volumes.Exists(anon));
    }

    [Fact]
    public async Task Rule_4_1_named_volume_created_on_first_use_anonymous_has_label_and_inspect_shows_mounts()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("true"), new HostConfig { Binds = ["data:/data", "/anon", "/host/dir:/h:ro"] });
        Assert.True(store.Volumes.Exists("data"));
        Assert.False(store.Volumes.Get("data").IsAnonymous);
        var mounts = store.Inspect(id).Mounts;
        Assert.Equal(["/anon", "/data", "/h"], mounts.Select(m => m.Destination));
        var anon = mounts[0];
        Assert.Equal(MountType.Volume, anon.Type);
        Assert.Equal("/var/lib/docker/volumes/" + anon.Name + "/_data", anon.Source);
        Assert.Equal("local", anon.Driver);
        Assert.True(anon.RW);
        Assert.True(store.Volumes.Get(anon.Name!).Labels.ContainsKey(Volume.AnonymousLabel));
        var named = mounts[1];
        Assert.Equal(("data", "z", true, ""), (named.Name, named.Mode, named.RW, named.Propagation));
        var bind = mounts[2];
        Assert.Equal((MountType.Bind, (string?)null, "/host/dir", "ro", false, "rprivate"), (bind.Type, bind.Name, bind.Source, bind.Mode, bind.RW, bind.Propagation));
        Assert.True(store.HostFileSystem.Directory.Exists("/host/dir")); // -v creates a missing bind source
    }

    [Fact]
    public async Task Rule_4_2_population_only_at_create_only_if_empty()
    {
        var (store, _) = await CreateAsync();
        var first = await Sh(store, "ls /etc/apk | head -1; rm -rf /etc/apk/*; echo mine > /etc/apk/mine", new HostConfig { Binds = ["apk:/etc/apk"] });
        Assert.Equal(0, first.ExitCode);
        Assert.NotEqual("", first.Stdout);
        Assert.Equal(["mine"], store.Volumes.Get("apk").Tree.ReadDirectory("/"));

        // Not empty: a new container does not populate it again; the image's files stay hidden.
        var second = await Sh(store, "ls /etc/apk", new HostConfig { Binds = ["apk:/etc/apk"] });
        Assert.Equal("mine\n", second.Stdout);

        // Emptied volume: starting an existing container again does not populate (only create does).
        var id = store.Create(Alpine("sh", "-c", "ls /etc/apk | wc -l"), new HostConfig { Binds = ["apk:/etc/apk"] });
        store.Volumes.Get("apk").Tree.Unlink("/mine");
        await StartAndWait(store, id);
        Assert.Equal("0\n", store.LogsText(id));
    }

    [Fact]
    public async Task Rule_4_3_nocopy_and_volumes_from_do_not_populate()
    {
        var (store, _) = await CreateAsync();
        var nocopy = await Sh(store, "ls /etc/apk | wc -l", new HostConfig { Binds = ["nc:/etc/apk:nocopy"] });
        Assert.Equal("0\n", nocopy.Stdout);
        var mount = await Sh(store, "ls /etc/apk | wc -l", new HostConfig { Mounts = ["type=volume,source=nc2,target=/etc/apk,volume-nocopy"] });
        Assert.Equal("0\n", mount.Stdout);

        // The source mounts an empty volume at /srv (not in the image); the --volumes-from container's image path stays hidden.
        store.Create(Alpine("true"), new HostConfig { Binds = ["empty:/etc/apk:nocopy"] }, "src");
        var from = await Sh(store, "ls /etc/apk | wc -l", new HostConfig { VolumesFrom = ["src"] });
        Assert.Equal("0\n", from.Stdout);
        Assert.Empty(store.Volumes.Get("empty").Tree.ReadDirectory("/"));
    }

    [Fact]
    public async Task Rule_4_4_binds_never_copy_and_hide_image_content_not_in_diff()
    {
        var (store, _) = await CreateAsync();
        var run = await Sh(store, "ls /etc/apk | wc -l; echo x > /etc/apk/new", new HostConfig { Binds = ["/srv/apk:/etc/apk"] });
        Assert.Equal("0\n", run.Stdout);
        Assert.Equal("x\n", store.HostFileSystem.File.ReadAllText("/srv/apk/new"));
        Assert.Equal(["new"], store.HostFileSystem.Directory.GetFileSystemEntries("/srv/apk").Select(Path.GetFileName));
        Assert.Empty(store.Diff(run.Id)); // hidden image files are not deleted, not in diff
    }

    [Fact]
    public async Task Binds_see_host_changes_at_once_and_write_through()
    {
        var (store, time) = await CreateAsync();
        store.HostFileSystem.Directory.CreateDirectory("/work/site");
        store.HostFileSystem.File.WriteAllText("/work/site/index.html", "v1");
        var id = store.Create(Alpine("true"), new HostConfig { Binds = ["/work/site:/usr/share/site"] }, "web");
        var root = store.GetRootFileSystem(id);
        Assert.Equal("v1", root.ReadAllText("/usr/share/site/index.html"));
        store.HostFileSystem.File.WriteAllText("/work/site/index.html", "v2");
        Assert.Equal("v2", root.ReadAllText("/usr/share/site/index.html"));
        var run = await Sh(store, "cat /usr/share/site/index.html; echo from-container > /usr/share/site/c.txt", new HostConfig { Binds = ["/work/site:/usr/share/site"] });
        Assert.Equal("v2", run.Stdout);
        Assert.Equal("from-container\n", store.HostFileSystem.File.ReadAllText("/work/site/c.txt"));
        Assert.Equal("from-container\n", root.ReadAllText("/usr/share/site/c.txt"));
        Assert.Equal(["A /usr/share/site"], store.Diff(run.Id).Where(c => c.Path.StartsWith("/usr/share/site", StringComparison.Ordinal)).Select(c => c.ToString()));
        _ = time;
    }

    [Fact]
    public async Task Mount_type_bind_refuses_a_missing_source()
    {
        var (store, _) = await CreateAsync();
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { Mounts = ["type=bind,source=/nope,target=/x"] }));
        Assert.Equal("invalid mount config for type \"bind\": bind source path does not exist: /nope", ex.Message);
        Assert.Equal(0, store.Count);
        Assert.False(store.HostFileSystem.Directory.Exists("/nope"));
    }

    [Fact]
    public async Task Rule_4_5_image_volume_is_anonymous_unless_mounted_and_refused_over_a_file()
    {
        var (store, _) = await CreateAsync();
        Tagged(store, ImageBuilder.From(store.Images.Get("alpine")).WithFile("/data/seed", "s").WithVolume("/data"), "withvol");
        var id = store.Create(new ContainerConfig("withvol") { Cmd = ["true"] });
        var mp = Assert.Single(store.Inspect(id).Mounts);
        Assert.True(mp.IsAnonymousVolume);
        Assert.Equal("", mp.Mode);
        Assert.Equal("s", store.Volumes.Get(mp.Name!).Tree.ReadAllText("/seed"));

        var named = store.Create(new ContainerConfig("withvol") { Cmd = ["true"] }, new HostConfig { Binds = ["mine:/data"] });
        Assert.Equal("mine", Assert.Single(store.Inspect(named).Mounts).Name);
        Assert.Equal(2, store.Volumes.Count);

        Tagged(store, ImageBuilder.From(store.Images.Get("alpine")).WithFile("/file", "f").WithVolume("/file"), "overfile");
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(new ContainerConfig("overfile") { Cmd = ["true"] }));
        Assert.Equal("cannot mount volume over existing file, file exists /file", ex.Message);
        Assert.Equal(2, store.Count);
        Assert.Equal(2, store.Volumes.Count);
    }

    [Fact]
    public async Task Rule_4_6_duplicate_mount_points_and_precedence()
    {
        var (store, _) = await CreateAsync();
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { Binds = ["va:/x", "vb:/x"] }));
        Assert.Equal("Duplicate mount point: /x", ex.Message);
        ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { Binds = ["va:/x"], Tmpfs = ["/x"] }));
        Assert.Equal("Duplicate mount point: /x", ex.Message);
        ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { Binds = ["va:/x"], Mounts = ["type=volume,source=vb,target=/x"] }));
        Assert.Equal("Duplicate mount point: /x", ex.Message);
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.Volumes.Count);

        // --volumes-from is silently replaced by -v at the same destination.
        store.Create(Alpine("true"), new HostConfig { Binds = ["first:/x"] }, "src");
        var id = store.Create(Alpine("true"), new HostConfig { VolumesFrom = ["src"], Binds = ["second:/x"] });
        Assert.Equal("second", Assert.Single(store.Inspect(id).Mounts).Name);
    }

    [Fact]
    public async Task Rule_4_7_volumes_from_ro_transitive_and_missing_container()
    {
        var (store, _) = await CreateAsync();
        store.Create(Alpine("true"), new HostConfig { Binds = ["shared:/s", "/hostdir:/h"] }, "ca");
        store.Create(Alpine("true"), new HostConfig { VolumesFrom = ["ca"] }, "cb");
        var ro = await Sh(store, "ls /; echo x > /s/f", new HostConfig { VolumesFrom = ["cb:ro"] });
        Assert.NotEqual(0, ro.ExitCode);
        Assert.Contains("Read-only file system", ro.Stderr, StringComparison.Ordinal);
        Assert.All(store.Inspect(ro.Id).Mounts, m => Assert.False(m.RW));
        Assert.Equal(["/h", "/s"], store.Inspect(ro.Id).Mounts.Select(m => m.Destination));
        var rw = await Sh(store, "echo x > /s/f && echo y > /h/g", new HostConfig { VolumesFrom = ["cb"] });
        Assert.Equal(0, rw.ExitCode);
        Assert.Equal("x\n", store.Volumes.Get("shared").Tree.ReadAllText("/f"));
        Assert.Equal("y\n", store.HostFileSystem.File.ReadAllText("/hostdir/g"));

        var count = store.Count;
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { VolumesFrom = ["ghost"] }));
        Assert.Equal("No such container: ghost", ex.Message);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { VolumesFrom = ["ca:nocopy"] }));
        Assert.Equal("invalid mode: nocopy", ex.Message);
        Assert.Equal(count, store.Count);
    }

    [Fact]
    public async Task Rule_4_8_rm_v_and_auto_remove_remove_only_anonymous_volumes()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("true"), new HostConfig { Binds = ["keep:/k", "/anon"] });
        var anon = store.Inspect(id).Mounts.Single(m => m.Destination == "/anon").Name!;
        await store.RemoveAsync(id, cancellationToken: Ct);
        Assert.True(store.Volumes.Exists(anon)); // plain rm removes no volume
        Assert.False(store.Volumes.IsInUse(anon));

        var id2 = store.Create(Alpine("true"), new HostConfig { Binds = ["keep:/k", "/anon"] });
        var anon2 = store.Inspect(id2).Mounts.Single(m => m.Destination == "/anon").Name!;
        await store.RemoveAsync(id2, force: false, removeVolumes: true, Ct);
        Assert.False(store.Volumes.Exists(anon2));
        Assert.True(store.Volumes.Exists("keep"));

        var run = await Sh(store, "echo hi > /k/f", new HostConfig { AutoRemove = true, Binds = ["keep:/k", "/auto"] });
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, store.Count);
        Assert.Equal(new[] { anon, "keep" }.Order(StringComparer.Ordinal), store.Volumes.List().Select(v => v.Name).Order(StringComparer.Ordinal));
        Assert.Equal("hi\n", store.Volumes.Get("keep").Tree.ReadAllText("/f"));
    }

    [Fact]
    public async Task Rule_4_9_volume_in_use_by_created_or_exited_container_cannot_be_removed()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("true"), new HostConfig { Binds = ["vv:/v"] });
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Volumes.Remove("vv"));
        Assert.Equal($"remove vv: volume is in use - [{id}]", ex.Message);
        await StartAndWait(store, id);
        ex = Assert.Throws<DockerSimulatorException>(() => store.Volumes.Remove("vv", force: true));
        Assert.Equal(ErrorKind.Conflict, ex.Kind);
        await store.RemoveAsync(id, cancellationToken: Ct);
        Assert.True(store.Volumes.Remove("vv"));
    }

    [Fact]
    public async Task Rule_4_10_prune_keeps_volumes_in_use_and_named_ones_by_default()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("true"), new HostConfig { Binds = ["named:/n", "/a"] });
        var anon = store.Inspect(id).Mounts.Single(m => m.Destination == "/a").Name!;
        Assert.Empty(store.Volumes.Prune(all: true).VolumesDeleted);
        await store.RemoveAsync(id, cancellationToken: Ct);
        Assert.Equal([anon], store.Volumes.Prune().VolumesDeleted);
        Assert.Equal(["named"], store.Volumes.Prune(all: true).VolumesDeleted);
    }

    [Fact]
    public async Task Writes_under_volumes_are_not_in_diff_or_commit()
    {
        var (store, _) = await CreateAsync();
        var run = await Sh(store, "echo v > /data/f; echo r > /root.txt", new HostConfig { Binds = ["dd:/data"] });
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["A /data", "A /root.txt"], store.Diff(run.Id).Select(c => c.ToString()));
        var image = store.Commit(run.Id);
        var check = await Sh(store, "ls /data | wc -l; cat /root.txt", image: image.Id.ToString());
        Assert.Equal("0\nr\n", check.Stdout);
    }

    [Fact]
    public async Task Tmpfs_is_empty_per_container_and_discarded_on_stop()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("sh", "-c", "ls /t | wc -l; echo x > /t/f"), new HostConfig { Tmpfs = ["/t"], Mounts = ["type=tmpfs,target=/u"] });
        await StartAndWait(store, id);
        Assert.Equal("0\n", store.LogsText(id));
        await StartAndWait(store, id);
        Assert.Equal("0\n0\n", store.LogsText(id));
        Assert.Equal(["/t", "/u"], store.Inspect(id).Mounts.Select(m => m.Destination));
        Assert.All(store.Inspect(id).Mounts, m => Assert.Equal(MountType.Tmpfs, m.Type));
        Assert.Equal(0, store.Volumes.Count);
    }

    [Theory]
    [InlineData(":/x", "invalid volume specification: ':/x'")]
    [InlineData("vol:/x:bogus", "invalid mode: bogus")]
    [InlineData("vol:/etc/alpine-release", "cannot mount volume over existing file, file exists /etc/alpine-release")]
    public async Task Bad_input_gives_dockers_message_and_changes_nothing(string bind, string message)
    {
        var (store, _) = await CreateAsync();
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { Binds = [bind] }));
        Assert.Equal(message, ex.Message);
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.Volumes.Count);
    }

    [Fact]
    public async Task Relative_host_path_is_a_bad_volume_name()
    {
        var (store, _) = await CreateAsync();
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { Binds = ["./x:/x"] }));
        Assert.StartsWith("create ./x: \"./x\" includes invalid characters for a local volume name", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Rule_4_5_image_volume_taken_from_volumes_from_creates_no_new_volume()
    {
        var (store, _) = await CreateAsync();
        Tagged(store, ImageBuilder.From(store.Images.Get("alpine")).WithFile("/dbdata/app.txt", "app").WithVolume("/dbdata"), "volimage");
        store.Create(Alpine("true"), new HostConfig { Binds = ["/dbdata"] }, "dbdata");
        var anon = Assert.Single(store.Volumes.List()).Name;
        var run = await Sh(store, "ls /dbdata | wc -l", new HostConfig { VolumesFrom = ["dbdata"] }, "volimage");
        Assert.Equal("0\n", run.Stdout); // no copy through --volumes-from, the image's file hidden
        Assert.Equal(anon, Assert.Single(store.Inspect(run.Id).Mounts).Name);
        Assert.Single(store.Volumes.List());
    }

    [Fact]
    public async Task Read_only_mounts_refuse_writes_and_exec_sees_mounts()
    {
        var (store, _) = await CreateAsync();
        store.HostFileSystem.Directory.CreateDirectory("/cfg");
        store.HostFileSystem.File.WriteAllText("/cfg/app.conf", "debug=1\n");
        var run = await Sh(store, "cat /cfg/app.conf; echo x > /cfg/app.conf; echo y > /v/f", new HostConfig { Binds = ["/cfg:/cfg:ro", "rov:/v:ro"] });
        Assert.Equal("debug=1\n", run.Stdout);
        Assert.Contains("Read-only file system", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("debug=1\n", store.HostFileSystem.File.ReadAllText("/cfg/app.conf"));
        Assert.Empty(store.Volumes.Get("rov").Tree.ReadDirectory("/"));
    }

    [Fact]
    public async Task Volume_in_use_lists_every_user_sorted()
    {
        var (store, _) = await CreateAsync();
        var ids = new[] { store.Create(Alpine("true"), new HostConfig { Binds = ["sv:/s"] }), store.Create(Alpine("true"), new HostConfig { Binds = ["sv:/s"] }) };
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Volumes.Remove("sv"));
        Assert.Equal("remove sv: volume is in use - [" + string.Join(", ", ids.Order(StringComparer.Ordinal)) + "]", ex.Message);
        await store.RemoveAsync(ids[0], force: false, removeVolumes: true, Ct);
        await store.RemoveAsync(ids[1], force: false, removeVolumes: true, Ct);
        Assert.True(store.Volumes.Exists("sv")); // named volumes survive rm -v
    }

    [Fact]
    public async Task Concurrent_runs_with_rm_share_a_named_volume_and_leave_no_anonymous_ones()
    {
        var (store, _) = await CreateAsync();
        var runs = Enumerable.Range(0, 16).Select(i => Task.Run(() => Sh(store, $"echo {i} > /shared/f{i}", new HostConfig { AutoRemove = true, Binds = ["shared:/shared", "/scratch"] })));
        var results = await Task.WhenAll(runs).WaitAsync(Guard, Ct);
        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        Assert.Equal(0, store.Count);
        Assert.Equal(["shared"], store.Volumes.List().Select(v => v.Name));
        Assert.Equal(16, store.Volumes.Get("shared").Tree.ReadDirectory("/").Count);
    }
}
