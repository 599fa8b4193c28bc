using Microsoft.Extensions.Time.Testing;
using Simulator.Volumes;

namespace Simulator.Tests.Volumes;

public sealed class VolumeStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string C1 = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string C2 = "2222222222222222222222222222222222222222222222222222222222222222";

    private readonly FakeTimeProvider _clock = new(T0);
    private readonly VolumeStore _store;

    public VolumeStoreTests()
    {
        _store = new VolumeStore(_clock, seed: 42);
    }

    private static DockerSimulatorException Fails(Action action) => Assert.Throws<DockerSimulatorException>(action);

    // ---- 4.1 / 4.11 create ----

    [Fact]
    public void Create_named_volume_has_docker_metadata()
    {
        var v = _store.Create("data");
        Assert.Equal("data", v.Name);
        Assert.Equal("local", v.Driver);
        Assert.Equal("local", v.Scope);
        Assert.Equal("/var/lib/docker/volumes/data/_data", v.Mountpoint);
        Assert.Equal(T0, v.CreatedAt);
        Assert.Equal("2026-11-29T10:00:00Z", v.CreatedAtText);
        Assert.Empty(v.Labels);
        Assert.False(v.IsAnonymous);
        Assert.Empty(v.Tree.ReadDirectory("/"));
    }

    [Fact]
    public void Create_without_name_makes_an_anonymous_volume_with_a_64_hex_name_and_the_label()
    {
        var v = _store.Create();
        Assert.Matches("^[0-9a-f]{64}$", v.Name);
        Assert.True(v.IsAnonymous);
        Assert.Equal("", v.Labels["com.docker.volume.anonymous"]);
        Assert.NotEqual(v.Name, _store.Create().Name);
    }

    [Fact]
    public void Anonymous_names_are_deterministic_for_a_seed()
    {
        var a = new VolumeStore(_clock, seed: 7);
        var b = new VolumeStore(_clock, seed: 7);
        Assert.Equal(a.Create().Name, b.Create().Name);
        Assert.Equal(a.Create().Name, b.Create().Name);
    }

    [Fact]
    public async Task Anonymous_volume_names_and_container_ids_from_one_seed_differ()
    {
        // Found through dsim serve: `run -v /data` gave the volume the container's own ID (both streams seeded alike).
        var sim = new DockerSimulator(new DockerSimulatorOptions { Seed = 1, TimeProvider = _clock });
        await sim.PullAsync("alpine", TestContext.Current.CancellationToken);
        var run = await new Simulator.Cli.DockerCli(sim).RunAsync("run", "-v", "/data", "--name", "box", "alpine", "true");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var volume = Assert.Single(sim.Volumes.List());
        Assert.NotEqual(sim.Containers.Inspect("box").Id, volume.Name);
    }

    [Fact]
    public void Create_of_an_existing_name_returns_the_existing_volume_unchanged_4_11()
    {
        var first = _store.Create("data", new Dictionary<string, string> { ["a"] = "1" });
        first.Tree.WriteAllText("/keep", "x");
        _clock.Advance(TimeSpan.FromHours(1));
        var second = _store.Create("data", new Dictionary<string, string> { ["b"] = "2" });
        Assert.Same(first, second);
        Assert.Equal(["a"], second.Labels.Keys);
        Assert.Equal("x", second.Tree.ReadAllText("/keep"));
        Assert.Equal(1, _store.Count);
    }

    [Theory]
    [InlineData("./x")]
    [InlineData("foo/bar")]
    [InlineData("hello world")]
    [InlineData("_leading")]
    [InlineData("%cd%")]
    public void Invalid_names_get_dockers_message(string name)
    {
        var e = Fails(() => _store.Create(name));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(
            $"create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path",
            e.Message);
        Assert.Equal(0, _store.Count);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("a")]
    public void One_character_names_are_too_short(string name)
    {
        var e = Fails(() => _store.Create(name));
        Assert.Equal($"create {name}: volume name is too short, names should be at least two alphanumeric characters", e.Message);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("my_vol-1.2")]
    [InlineData("00")]
    public void Valid_names_are_accepted(string name)
    {
        Assert.Equal(name, _store.Create(name).Name);
    }

    [Fact]
    public void Another_driver_is_not_found()
    {
        var e = Fails(() => _store.Create("v1", driver: "nfs"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("create v1: error looking up volume plugin nfs: plugin \"nfs\" not found", e.Message);
    }

    // ---- get / inspect ----

    [Fact]
    public void Get_of_a_missing_volume_is_not_found()
    {
        var e = Fails(() => _store.Get("v"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("get v: no such volume", e.Message);
        Assert.False(_store.TryGet("v", out _));
    }

    [Fact]
    public void Inspect_prints_dockers_json_shape()
    {
        _store.Create("myvol", new Dictionary<string, string>(), new Dictionary<string, string>());
        Assert.Equal(
            """
            [
                {
                    "CreatedAt": "2026-11-29T10:00:00Z",
                    "Driver": "local",
                    "Labels": {},
                    "Mountpoint": "/var/lib/docker/volumes/myvol/_data",
                    "Name": "myvol",
                    "Options": {},
                    "Scope": "local"
                }
            ]

            """.ReplaceLineEndings("\n"),
            _store.Inspect(["myvol"]));
    }

    [Fact]
    public void Inspect_of_an_anonymous_volume_shows_the_label_and_null_options()
    {
        var v = _store.Create();
        Assert.Equal(
            $$"""
            {
                "CreatedAt": "2026-11-29T10:00:00Z",
                "Driver": "local",
                "Labels": {
                    "com.docker.volume.anonymous": ""
                },
                "Mountpoint": "/var/lib/docker/volumes/{{v.Name}}/_data",
                "Name": "{{v.Name}}",
                "Options": null,
                "Scope": "local"
            }
            """.ReplaceLineEndings("\n"),
            v.ToInspectJson());
    }

    // ---- 4.12 list ----

    [Fact]
    public void List_sorts_names_naturally()
    {
        foreach (var name in new[] { "vol10", "vol2", "vol1", "abc", "vol01", "Zed", "9x" })
        {
            _store.Create(name);
        }

        Assert.Equal(["9x", "Zed", "abc", "vol1", "vol01", "vol2", "vol10"], _store.List().Select(v => v.Name));
    }

    [Fact]
    public void List_table_has_dockers_columns()
    {
        _store.Create("myvol");
        Assert.Equal("DRIVER    VOLUME NAME\nlocal     myvol\n", VolumeStore.FormatList(_store.List()));
        Assert.Equal("myvol\n", VolumeStore.FormatList(_store.List(), quiet: true));
    }

    [Fact]
    public void List_filters_dangling_name_label_and_driver()
    {
        _store.Create("used", new Dictionary<string, string> { ["env"] = "prod" });
        _store.Create("free", new Dictionary<string, string> { ["env"] = "dev", ["tier"] = "db" });
        _store.Create("other");
        _store.AddUser("used", C1);

        Assert.Equal(["free", "other"], Names(_store.List(["dangling=true"])));
        Assert.Equal(["used"], Names(_store.List(["dangling=false"])));
        Assert.Equal(["used"], Names(_store.List(["dangling=0"])));
        Assert.Equal(["other"], Names(_store.List(["name=o"])));
        Assert.Equal(["free"], Names(_store.List(["name=free"])));
        Assert.Equal(["free", "used"], Names(_store.List(["name=^(used|free)$"])));
        Assert.Equal(["free", "used"], Names(_store.List(["label=env"])));
        Assert.Equal(["free"], Names(_store.List(["label=env=dev"])));
        Assert.Equal(["free"], Names(_store.List(["label=env", "label=tier"])));
        Assert.Equal(["free", "other", "used"], Names(_store.List(["driver=local"])));
        Assert.Empty(_store.List(["driver=nfs"]));
        Assert.Equal(["free"], Names(_store.List(["dangling=true", "label=env"])));
    }

    [Theory]
    [InlineData("foo=bar", "invalid filter 'foo'")]
    [InlineData("label!=x", "invalid filter 'label!'")]
    [InlineData("dangling=maybe", "invalid filter 'dangling=maybe'")]
    [InlineData("dangling", "bad format of filter (expected name=value)")]
    public void List_rejects_bad_filters(string filter, string message)
    {
        var e = Fails(() => _store.List([filter]));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    // ---- 4.9 rm ----

    [Fact]
    public void Rm_removes_an_unused_volume()
    {
        _store.Create("v1");
        Assert.True(_store.Remove("v1"));
        Assert.False(_store.Exists("v1"));
    }

    [Fact]
    public void Rm_of_a_volume_in_use_is_a_conflict_naming_the_full_container_ids_even_with_force()
    {
        _store.Create("v1").Tree.WriteAllText("/f", "data");
        _store.AddUser("v1", C2);
        _store.AddUser("v1", C1);
        foreach (var force in new[] { false, true })
        {
            var e = Fails(() => _store.Remove("v1", force));
            Assert.Equal(ErrorKind.Conflict, e.Kind);
            Assert.Equal($"remove v1: volume is in use - [{C1}, {C2}]", e.Message);
        }

        Assert.Equal("data", _store.Get("v1").Tree.ReadAllText("/f"));
    }

    [Fact]
    public void Rm_of_a_missing_volume_is_not_found_without_force_and_a_no_op_with_force()
    {
        Assert.Equal("get nope: no such volume", Fails(() => _store.Remove("nope")).Message);
        Assert.False(_store.Remove("nope", force: true));
    }

    [Fact]
    public void A_volume_is_in_use_while_any_container_references_it_4_9()
    {
        _store.Create("v1");
        _store.AddUser("v1", C1);
        _store.AddUser("v1", C1);
        _store.AddUser("v1", C2);
        Assert.True(_store.IsInUse("v1"));
        Assert.True(_store.RemoveUser("v1", C1));
        Assert.True(_store.IsInUse("v1"));
        Assert.Equal([C2], _store.GetUsers("v1"));
        Assert.True(_store.RemoveUser("v1", C2));
        Assert.False(_store.RemoveUser("v1", C2));
        Assert.False(_store.IsInUse("v1"));
        Assert.True(_store.Exists("v1"));
        Assert.Equal("get zz: no such volume", Fails(() => _store.AddUser("zz", C1)).Message);
    }

    // ---- 4.10 prune ----

    [Fact]
    public void Prune_by_default_removes_only_unused_anonymous_volumes()
    {
        var anon = _store.Create();
        anon.Tree.WriteAllText("/a", "12345");
        var usedAnon = _store.Create();
        _store.AddUser(usedAnon.Name, C1);
        _store.Create("named").Tree.WriteAllText("/b", "xyz");

        var result = _store.Prune();

        Assert.Equal([anon.Name], result.VolumesDeleted);
        Assert.Equal(5, result.SpaceReclaimed);
        Assert.True(_store.Exists(usedAnon.Name));
        Assert.True(_store.Exists("named"));
        Assert.Equal($"Deleted Volumes:\n{anon.Name}\n\nTotal reclaimed space: 5B\n", result.ToCliOutput());
    }

    [Fact]
    public void Prune_all_also_removes_unused_named_volumes_but_never_used_ones()
    {
        _store.Create("vol10").Tree.WriteAllBytes("/big", new byte[1024]);
        _store.Create("vol2");
        _store.Create("busy");
        _store.AddUser("busy", C1);

        var result = _store.Prune(all: true);

        Assert.Equal(["vol2", "vol10"], result.VolumesDeleted);
        Assert.Equal(1024, result.SpaceReclaimed);
        Assert.Equal("Deleted Volumes:\nvol2\nvol10\n\nTotal reclaimed space: 1.024kB\n", result.ToCliOutput());
        Assert.Equal(["busy"], Names(_store.List()));
        Assert.Empty(_store.Prune(filters: ["all=1"]).VolumesDeleted);
    }

    [Fact]
    public void Prune_skips_volumes_with_driver_options_and_honours_label_filters()
    {
        _store.Create("opts", options: new Dictionary<string, string> { ["type"] = "tmpfs", ["device"] = "tmpfs" });
        _store.Create("keep", new Dictionary<string, string> { ["keep"] = "yes" });
        _store.Create("drop", new Dictionary<string, string> { ["tier"] = "x" });

        Assert.Equal(["drop"], _store.Prune(all: true, filters: ["label!=keep"]).VolumesDeleted);
        Assert.Equal(["keep"], _store.Prune(all: true, filters: ["label=keep=yes"]).VolumesDeleted);
        Assert.Equal(["opts"], Names(_store.List()));
    }

    [Theory]
    // moby volume/local/local_unix.go validateOpts/setOpts, wrapped as "create NAME: ..." by the volume service.
    [InlineData("foo=bar", "create vol: invalid option: \"foo\"")]
    [InlineData("type=nfs", "create vol: missing required option: \"device\"")]
    [InlineData("device=:/export", "create vol: missing required option: \"type\"")]
    [InlineData("o=addr=10.0.0.1", "create vol: missing required option: \"device\"")]
    [InlineData("size=10G", "create vol: quota size requested but no quota support")]
    [InlineData("size=lots", "create vol: invalid size: 'lots'")]
    public void Local_driver_options_are_checked_and_a_refused_create_leaves_no_volume(string option, string message)
    {
        var kv = option.Split('=', 2);
        var ex = Fails(() => _store.Create("vol", options: new Dictionary<string, string> { [kv[0]] = kv[1] }));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(message, ex.Message);
        Assert.False(_store.Exists("vol"));
    }

    [Fact]
    public void Local_driver_accepts_the_documented_tmpfs_and_nfs_recipes()
    {
        // docs.docker.com "docker volume create": tmpfs with size and uid, and an NFS export.
        var tmpfs = _store.Create("tv", options: new Dictionary<string, string> { ["type"] = "tmpfs", ["device"] = "tmpfs", ["o"] = "size=100m,uid=1000" });
        var nfs = _store.Create("nv", options: new Dictionary<string, string> { ["type"] = "nfs", ["o"] = "addr=192.168.1.1,rw", ["device"] = ":/path/to/dir" });
        Assert.Equal("size=100m,uid=1000", tmpfs.Options!["o"]);
        Assert.Equal(":/path/to/dir", nfs.Options!["device"]);
        Assert.Equal("sv", _store.Create("sv", options: new Dictionary<string, string> { ["size"] = "0" }).Name);
    }

    [Fact]
    public void Prune_with_nothing_to_remove_prints_zero()
    {
        _store.Create("named");
        var result = _store.Prune();
        Assert.Empty(result.VolumesDeleted);
        Assert.Equal("Total reclaimed space: 0B\n", result.ToCliOutput());
    }

    [Theory]
    [InlineData("all=maybe", "invalid filter 'all': strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    [InlineData("dangling=true", "invalid filter 'dangling'")]
    public void Prune_rejects_bad_filters(string filter, string message)
    {
        Assert.Equal(message, Fails(() => _store.Prune(filters: [filter])).Message);
    }

    // ---- 4.8 rm -v ----

    [Fact]
    public void Rm_v_removes_the_anonymous_volumes_of_the_container_but_keeps_named_ones()
    {
        var mounts = _store.Acquire(C1, MountResolver.Resolve(new MountRequest
        {
            Volumes = [MountSpecParser.ParseVolume("named:/n"), MountSpecParser.ParseVolume("/anon")],
            ImageVolumes = ["/img"],
        }));
        var anonymous = mounts.Where(m => m.IsAnonymousVolume).Select(m => m.Name!).ToList();
        Assert.Equal(2, anonymous.Count);
        Assert.Equal(3, _store.Count);

        var removed = _store.RemoveAnonymousFor(C1, mounts);

        Assert.Equal(anonymous.Order(), removed.Order());
        Assert.Equal(["named"], Names(_store.List()));
        Assert.False(_store.IsInUse("named"));
    }

    [Fact]
    public void Rm_v_keeps_an_anonymous_volume_another_container_still_uses_and_the_last_user_removes_it()
    {
        var first = _store.Acquire(C1, MountResolver.Resolve(new MountRequest { ImageVolumes = ["/data"] }));
        var name = first.Single().Name!;
        _store.Get(name).Tree.WriteAllText("/f", "keep me");
        var second = _store.Acquire(C2, MountResolver.Resolve(new MountRequest
        {
            VolumesFrom = [new VolumesFromSource(MountSpecParser.ParseVolumesFrom("c1"), first)],
        }));
        Assert.Equal(name, second.Single().Name);

        Assert.Empty(_store.RemoveAnonymousFor(C1, first));
        Assert.Equal("keep me", _store.Get(name).Tree.ReadAllText("/f"));
        Assert.Equal([C2], _store.GetUsers(name));

        Assert.Equal([name], _store.RemoveAnonymousFor(C2, second));
        Assert.False(_store.Exists(name));
    }

    [Fact]
    public void Rm_v_never_removes_a_volume_mounted_by_name_even_if_it_carries_the_anonymous_label()
    {
        var anon = _store.Create();
        var mounts = _store.Acquire(C1, MountResolver.Resolve(new MountRequest { Volumes = [MountSpecParser.ParseVolume(anon.Name + ":/d")] }));
        Assert.Empty(_store.RemoveAnonymousFor(C1, mounts));
        Assert.True(_store.Exists(anon.Name));
    }

    [Fact]
    public void Rm_without_v_releases_references_and_removes_nothing()
    {
        var mounts = _store.Acquire(C1, MountResolver.Resolve(new MountRequest { ImageVolumes = ["/data"] }));
        Assert.Equal([mounts[0].Name!], _store.ReleaseAll(C1));
        Assert.True(_store.Exists(mounts[0].Name!));
        Assert.False(_store.IsInUse(mounts[0].Name!));
    }

    [Fact]
    public void Acquire_creates_named_volumes_on_first_use_and_fills_names_and_sources()
    {
        var existing = _store.Create("existing");
        var mounts = _store.Acquire(C1, MountResolver.Resolve(new MountRequest
        {
            Volumes = [MountSpecParser.ParseVolume("existing:/e"), MountSpecParser.ParseVolume("fresh:/f"), MountSpecParser.ParseVolume("/host:/h:ro")],
        }));
        Assert.Equal(["/e", "/f", "/h"], mounts.Select(m => m.Destination));
        Assert.Same(existing, _store.Get("existing"));
        Assert.True(_store.Exists("fresh"));
        Assert.Equal("/var/lib/docker/volumes/fresh/_data", mounts[1].Source);
        Assert.Equal("/host", mounts[2].Source);
        Assert.False(mounts[2].RW);
        Assert.True(_store.IsInUse("existing"));
        Assert.True(_store.IsInUse("fresh"));
    }

    [Fact]
    public void Acquire_is_all_or_nothing()
    {
        var bad = new MountPoint
        {
            Type = MountType.Volume,
            Name = "bad/name",
            Destination = "/b",
            Spec = new MountSpec { Type = MountType.Volume, Source = "bad/name", Target = "/b" },
        };
        var good = new MountPoint
        {
            Type = MountType.Volume,
            Name = "good",
            Destination = "/a",
            Spec = new MountSpec { Type = MountType.Volume, Source = "good", Target = "/a" },
        };
        Assert.Throws<DockerSimulatorException>(() => _store.Acquire(C1, [good, bad]));
        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public void Volume_contents_are_an_IFileSystem_too()
    {
        var v = _store.Create("files");
        v.FileSystem.File.WriteAllText("/hello.txt", "hi");
        Assert.Equal("hi", v.Tree.ReadAllText("/hello.txt"));
        Assert.Equal(2, v.ContentSize());
    }

    [Fact]
    public void Concurrent_creates_and_users_are_safe()
    {
        Parallel.For(0, 64, i =>
        {
            var v = _store.Create("v" + (i % 8));
            _store.AddUser(v.Name, "c" + i);
            _store.Create();
        });
        Assert.Equal(8 + 64, _store.Count);
        Assert.Equal(8, _store.List(["dangling=false"]).Count);
    }

    private static IEnumerable<string> Names(IEnumerable<Volume> volumes) => volumes.Select(v => v.Name);
}
