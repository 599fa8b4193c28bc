using Simulator.FileSystem;
using Simulator.Volumes;

namespace Simulator.Tests.Volumes;

public sealed class MountResolverTests
{
    private static MountSpec V(string spec) => MountSpecParser.ParseVolume(spec);

    private static MountSpec M(string spec) => MountSpecParser.ParseMount(spec);

    private static MountPoint At(IReadOnlyList<MountPoint> points, string destination) => points.Single(p => p.Destination == destination);

    private static IReadOnlyList<MountPoint> Source(params string[] volumeFlags) =>
        MountResolver.Resolve(new MountRequest { Volumes = volumeFlags.Select(V).ToList() });

    private static string Duplicate(MountRequest request)
    {
        var e = Assert.Throws<DockerSimulatorException>(() => MountResolver.Resolve(request));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        return e.Message;
    }

    // ---- 4.1 kinds ----

    [Fact]
    public void Volume_flags_become_named_anonymous_and_bind_mount_points()
    {
        var points = MountResolver.Resolve(new MountRequest { Volumes = [V("named:/n"), V("/anon"), V("/host/dir/:/b/:ro")] });
        var named = At(points, "/n");
        Assert.Equal((MountType.Volume, "named", true, true, "local"), (named.Type, named.Name, named.RW, named.CopyData, named.Driver));
        Assert.False(named.IsAnonymousVolume);
        var anon = At(points, "/anon");
        Assert.Null(anon.Name);
        Assert.True(anon.IsAnonymousVolume);
        var bind = At(points, "/b");
        Assert.Equal((MountType.Bind, "/host/dir", false, false, "rprivate"), (bind.Type, bind.Source, bind.RW, bind.CopyData, bind.Propagation));
    }

    // ---- 4.6 precedence and duplicates ----

    [Fact]
    public void Later_steps_replace_earlier_ones_at_the_same_destination()
    {
        var existing = new MountPoint { Type = MountType.Bind, Source = "/old", Destination = "/d", Spec = new MountSpec { Type = MountType.Bind, Source = "/old", Target = "/d" } };
        var fromA = new VolumesFromSource(MountSpecParser.ParseVolumesFrom("a"), Source("va:/d", "va2:/only-a"));
        var fromB = new VolumesFromSource(MountSpecParser.ParseVolumesFrom("b"), Source("vb:/d", "vb2:/e"));

        var afterVolumesFrom = MountResolver.Resolve(new MountRequest { Existing = [existing], VolumesFrom = [fromA, fromB] });
        Assert.Equal("vb", At(afterVolumesFrom, "/d").Name);
        Assert.Equal("va2", At(afterVolumesFrom, "/only-a").Name);

        var withV = MountResolver.Resolve(new MountRequest { Existing = [existing], VolumesFrom = [fromA, fromB], Volumes = [V("mine:/d")] });
        Assert.Equal("mine", At(withV, "/d").Name);

        var withMount = MountResolver.Resolve(new MountRequest { VolumesFrom = [fromB], Mounts = [M("source=mm,target=/e")] });
        Assert.Equal("mm", At(withMount, "/e").Name);
    }

    [Fact]
    public void Two_v_flags_at_one_destination_are_a_duplicate()
    {
        Assert.Equal("Duplicate mount point: /data", Duplicate(new MountRequest { Volumes = [V("a1:/data"), V("/h:/data/")] }));
    }

    [Fact]
    public void A_v_flag_at_a_tmpfs_destination_is_a_duplicate()
    {
        Assert.Equal("Duplicate mount point: /data", Duplicate(new MountRequest { Volumes = [V("a1:/data")], Tmpfs = [MountSpecParser.ParseTmpfs("/data")] }));
    }

    [Fact]
    public void A_mount_at_a_v_destination_is_a_duplicate_with_the_target_as_written()
    {
        Assert.Equal("Duplicate mount point: /data/", Duplicate(new MountRequest { Volumes = [V("a1:/data")], Mounts = [M("source=b1,target=/data/")] }));
        Assert.Equal("Duplicate mount point: /x", Duplicate(new MountRequest { Mounts = [M("source=b1,target=/x"), M("type=tmpfs,target=/x")] }));
    }

    [Fact]
    public void An_anonymous_v_at_a_mounted_destination_is_not_a_duplicate_and_creates_nothing()
    {
        var points = MountResolver.Resolve(new MountRequest { Volumes = [V("/data"), V("named:/data"), V("/data")] });
        Assert.Equal("named", points.Single().Name);
    }

    // ---- 4.7 --volumes-from ----

    [Theory]
    [InlineData("c", "/rw", true)]
    [InlineData("c:rw", "/rw", true)]
    [InlineData("c:ro", "/rw", false)]
    [InlineData("c", "/ro", false)]
    [InlineData("c:rw", "/ro", false)]
    public void Volumes_from_is_rw_only_when_the_source_is_rw_and_the_mode_is_not_ro(string flag, string destination, bool rw)
    {
        var source = Source("v1:/rw", "v2:/ro:ro", "/host:/bind", "/anon");
        var points = MountResolver.Resolve(new MountRequest { VolumesFrom = [new VolumesFromSource(MountSpecParser.ParseVolumesFrom(flag), source)] });
        Assert.Equal(rw, At(points, destination).RW);
        Assert.Equal(4, points.Count);
        Assert.All(points, p => Assert.False(p.CopyData));
        Assert.Equal(MountType.Bind, At(points, "/bind").Type);
        Assert.True(At(points, "/anon").IsAnonymousVolume);
    }

    [Fact]
    public void Volumes_from_is_transitive_and_keeps_anonymous_volumes_anonymous()
    {
        var store = new VolumeStore(seed: 5);
        var c1 = store.Acquire("c1", MountResolver.Resolve(new MountRequest { Volumes = [V("/anon"), V("named:/n"), V("/h:/b")] }));
        var c2 = store.Acquire("c2", MountResolver.Resolve(new MountRequest
        {
            VolumesFrom = [new VolumesFromSource(MountSpecParser.ParseVolumesFrom("c1:ro"), c1)],
            Volumes = [V("own:/own")],
        }));
        var c3 = store.Acquire("c3", MountResolver.Resolve(new MountRequest { VolumesFrom = [new VolumesFromSource(MountSpecParser.ParseVolumesFrom("c2"), c2)] }));

        Assert.Equal(["/anon", "/b", "/n", "/own"], c3.Select(p => p.Destination));
        Assert.Equal(At(c1, "/anon").Name, At(c3, "/anon").Name);
        Assert.True(At(c3, "/anon").IsAnonymousVolume);
        Assert.False(At(c3, "/anon").RW);
        Assert.True(At(c3, "/own").RW);
        Assert.Equal("", At(c3, "/n").Mode);
        Assert.Equal("z", At(c1, "/n").Mode);
        Assert.Equal(["c1", "c2", "c3"], store.GetUsers(At(c1, "/anon").Name!));
    }

    // ---- 4.5 image volumes ----

    [Fact]
    public void Image_volumes_become_anonymous_volumes_unless_something_is_mounted_there()
    {
        var points = MountResolver.Resolve(new MountRequest
        {
            Volumes = [V("named:/var/lib/data")],
            Tmpfs = [MountSpecParser.ParseTmpfs("/run")],
            ImageVolumes = ["/var/lib/data", "/run", "/cache/", "/logs"],
        });
        Assert.Equal(["/cache", "/logs", "/run", "/var/lib/data"], points.Select(p => p.Destination));
        Assert.True(At(points, "/cache").IsAnonymousVolume);
        Assert.True(At(points, "/cache").CopyData);
        Assert.Equal(MountType.Tmpfs, At(points, "/run").Type);
        Assert.Equal("named", At(points, "/var/lib/data").Name);
    }

    [Fact]
    public void An_image_volume_over_a_file_is_refused()
    {
        var root = UnionFileSystem.CreateEmpty();
        root.CreateDirectories("/etc");
        root.WriteAllText("/etc/conf", "x");
        var e = Assert.Throws<DockerSimulatorException>(() => MountResolver.Resolve(new MountRequest { ImageVolumes = ["/etc/conf"], ImageRoot = root }));
        Assert.Equal("cannot mount volume over existing file, file exists /etc/conf", e.Message);
        Assert.Single(MountResolver.Resolve(new MountRequest { ImageVolumes = ["/etc"], ImageRoot = root }));
        Assert.Single(MountResolver.Resolve(new MountRequest { ImageVolumes = ["/etc/conf"], Volumes = [V("v1:/etc/conf")], ImageRoot = root }));
    }

    // ---- 4.2 - 4.4 population ----

    private static UnionFileSystem ImageRoot()
    {
        var root = UnionFileSystem.CreateEmpty();
        root.CreateDirectories("/var/lib/data/sub");
        root.WriteAllText("/var/lib/data/seed.txt", "from image");
        root.WriteAllText("/var/lib/data/sub/deep.txt", "deep");
        root.WriteAllText("/file", "not a dir");
        return root;
    }

    [Fact]
    public void A_new_empty_volume_is_populated_from_the_image_directory()
    {
        var store = new VolumeStore(seed: 1);
        var root = ImageRoot();
        var mp = store.Acquire("c1", MountResolver.Resolve(new MountRequest { ImageVolumes = ["/var/lib/data"] })).Single();
        var volume = store.Get(mp.Name!);
        Assert.True(VolumePopulation.Populate(mp, volume, root));
        Assert.Equal("from image", volume.Tree.ReadAllText("/seed.txt"));
        Assert.Equal("deep", volume.Tree.ReadAllText("/sub/deep.txt"));
        Assert.Same(root.GetContent("/var/lib/data/seed.txt"), volume.Tree.GetContent("/seed.txt"));

        // Populating again does nothing: the volume is not empty any more.
        Assert.False(VolumePopulation.Populate(mp, volume, root));
    }

    [Fact]
    public void A_non_empty_volume_is_not_populated_and_keeps_its_data()
    {
        var store = new VolumeStore(seed: 1);
        store.Create("data").Tree.WriteAllText("/mine", "user data");
        var mp = store.Acquire("c1", MountResolver.Resolve(new MountRequest { Volumes = [V("data:/var/lib/data")] })).Single();
        Assert.False(VolumePopulation.Populate(mp, store.Get("data"), ImageRoot()));
        Assert.Equal(["mine"], store.Get("data").Tree.ReadDirectory("/"));
    }

    [Theory]
    [InlineData("v1:/var/lib/data:nocopy")]
    [InlineData("/host:/var/lib/data")]
    [InlineData("v1:/missing")]
    [InlineData("v1:/file")]
    public void Nocopy_binds_missing_paths_and_files_are_not_populated(string flag)
    {
        var store = new VolumeStore(seed: 1);
        var volume = store.Create("v1");
        var mp = MountResolver.Resolve(new MountRequest { Volumes = [V(flag)] }).Single();
        Assert.False(VolumePopulation.ShouldPopulate(mp, volume, ImageRoot()));
        Assert.False(VolumePopulation.Populate(mp, volume, ImageRoot()));
        Assert.Empty(volume.Tree.ReadDirectory("/"));
    }

    [Fact]
    public void Volumes_from_never_populates()
    {
        var store = new VolumeStore(seed: 1);
        var volume = store.Create("v1");
        var source = Source("v1:/var/lib/data");
        var mp = MountResolver.Resolve(new MountRequest { VolumesFrom = [new VolumesFromSource(MountSpecParser.ParseVolumesFrom("c"), source)] }).Single();
        Assert.False(VolumePopulation.Populate(mp, volume, ImageRoot()));
    }

    [Fact]
    public void Mount_volume_nocopy_disables_population()
    {
        var store = new VolumeStore(seed: 1);
        var volume = store.Create("v1");
        var mp = MountResolver.Resolve(new MountRequest { Mounts = [M("source=v1,target=/var/lib/data,volume-nocopy")] }).Single();
        Assert.False(mp.CopyData);
        Assert.False(VolumePopulation.Populate(mp, volume, ImageRoot()));
        var copying = MountResolver.Resolve(new MountRequest { Mounts = [M("source=v1,target=/var/lib/data")] }).Single();
        Assert.True(VolumePopulation.Populate(copying, volume, ImageRoot()));
    }
}
