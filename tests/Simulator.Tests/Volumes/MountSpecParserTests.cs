using Simulator.Volumes;

namespace Simulator.Tests.Volumes;

public sealed class MountSpecParserTests
{
    private static DockerSimulatorException Fails(Action action)
    {
        var e = Assert.Throws<DockerSimulatorException>(action);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        return e;
    }

    // ---- -v ----

    [Theory]
    // spec, type, source, target, readOnly, noCopy, propagation
    [InlineData("/data", MountType.Volume, "", "/data", false, false, null)]
    [InlineData("myvol:/data", MountType.Volume, "myvol", "/data", false, false, null)]
    [InlineData("myvol:/data:ro", MountType.Volume, "myvol", "/data", true, false, null)]
    [InlineData("myvol:/data:rw", MountType.Volume, "myvol", "/data", false, false, null)]
    [InlineData("myvol:/data:nocopy", MountType.Volume, "myvol", "/data", false, true, null)]
    [InlineData("myvol:/data:ro,nocopy", MountType.Volume, "myvol", "/data", true, true, null)]
    [InlineData("myvol:/data:z", MountType.Volume, "myvol", "/data", false, false, null)]
    [InlineData("myvol:/data:Z,ro", MountType.Volume, "myvol", "/data", true, false, null)]
    [InlineData("myvol:/data:cached", MountType.Volume, "myvol", "/data", false, false, null)]
    [InlineData("/host:/data", MountType.Bind, "/host", "/data", false, false, null)]
    [InlineData("/host:/data:ro", MountType.Bind, "/host", "/data", true, false, null)]
    [InlineData("/host:/data:rshared", MountType.Bind, "/host", "/data", false, false, "rshared")]
    [InlineData("/host:/data:ro,slave,z", MountType.Bind, "/host", "/data", true, false, "slave")]
    [InlineData("/host/dir/:/data/", MountType.Bind, "/host/dir/", "/data/", false, false, null)]
    [InlineData("/host:/data:rro", MountType.Bind, "/host", "/data", true, false, null)]
    [InlineData("/host:/data:ro-non-recursive", MountType.Bind, "/host", "/data", true, false, null)]
    public void Valid_volume_flags(string spec, MountType type, string source, string target, bool readOnly, bool noCopy, string? propagation)
    {
        var m = MountSpecParser.ParseVolume(spec);
        Assert.Equal(type, m.Type);
        Assert.Equal(source, m.Source);
        Assert.Equal(target, m.Target);
        Assert.Equal(readOnly, m.ReadOnly);
        Assert.Equal(noCopy, m.NoCopy);
        Assert.Equal(propagation, m.Propagation);
    }

    [Theory]
    [InlineData("", "invalid volume specification: ''")]
    [InlineData(":/data", "invalid volume specification: ':/data'")]
    [InlineData("/data:ro", "invalid volume specification: '/data:ro'")]
    [InlineData("/data:rw", "invalid volume specification: '/data:rw'")]
    [InlineData("name:", "invalid volume specification: 'name:'")]
    [InlineData("a:/b:ro:x", "invalid volume specification: 'a:/b:ro:x'")]
    [InlineData("myvol:/data:xyz", "invalid mode: xyz")]
    [InlineData("myvol:/data:ro,rw", "invalid mode: ro,rw")]
    [InlineData("myvol:/data:nocopy,nocopy", "invalid mode: nocopy,nocopy")]
    [InlineData("myvol:data", "invalid volume specification: 'myvol:data': invalid mount config for type \"volume\": invalid mount path: 'data' mount path must be absolute")]
    [InlineData("myvol:/", "invalid volume specification: 'myvol:/': invalid mount config for type \"volume\": invalid specification: destination can't be '/'")]
    [InlineData("/host:/", "invalid volume specification: '/host:/': invalid mount config for type \"bind\": invalid specification: destination can't be '/'")]
    [InlineData("data", "invalid mount path: 'data' mount path must be absolute", true)]
    [InlineData("myvol:/data:shared", "invalid volume specification: 'myvol:/data:shared': invalid mount config for type \"volume\": field BindOptions must not be specified")]
    [InlineData("/host:/data:nocopy", "invalid volume specification: '/host:/data:nocopy': invalid mount config for type \"bind\": field VolumeOptions must not be specified")]
    [InlineData("./x:/data", "create ./x: \"./x\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path")]
    [InlineData(".:/data", "create .: volume name is too short, names should be at least two alphanumeric characters")]
    public void Invalid_volume_flags(string spec, string message, bool wrapped = false)
    {
        var e = Fails(() => MountSpecParser.ParseVolume(spec));
        Assert.Equal(wrapped ? $"invalid volume specification: '{spec}': invalid mount config for type \"volume\": {message}" : message, e.Message);
    }

    // ---- --mount ----

    [Fact]
    public void Mount_defaults_to_a_volume_and_reads_every_key()
    {
        var m = MountSpecParser.ParseMount("source=data,target=/data,readonly,volume-nocopy,volume-label=a=b,volume-opt=type=tmpfs,volume-driver=local,consistency=Cached");
        Assert.Equal(MountType.Volume, m.Type);
        Assert.Equal("data", m.Source);
        Assert.Equal("/data", m.Target);
        Assert.True(m.ReadOnly);
        Assert.True(m.NoCopy);
        Assert.Equal("b", m.VolumeLabels!["a"]);
        Assert.Equal("tmpfs", m.VolumeDriverOptions!["type"]);
        Assert.Equal("local", m.VolumeDriver);
        Assert.Equal("cached", m.Consistency);
    }

    [Theory]
    [InlineData("type=bind,src=/host,dst=/data", MountType.Bind, "/host", "/data", false)]
    [InlineData("type=BIND,source=/host,destination=/data,ro=true,bind-propagation=rshared", MountType.Bind, "/host", "/data", true)]
    [InlineData("type=volume,target=/data", MountType.Volume, "", "/data", false)]
    [InlineData("type=volume,src=v1,target=/data,readonly=false", MountType.Volume, "v1", "/data", false)]
    [InlineData("type=tmpfs,target=/run,tmpfs-size=64m,tmpfs-mode=1770", MountType.Tmpfs, "", "/run", false)]
    [InlineData("\"type=bind\",\"source=/a,b\",target=/c", MountType.Bind, "/a,b", "/c", false)]
    public void Valid_mount_flags(string value, MountType type, string source, string target, bool readOnly)
    {
        var m = MountSpecParser.ParseMount(value);
        Assert.Equal(type, m.Type);
        Assert.Equal(source, m.Source);
        Assert.Equal(target, m.Target);
        Assert.Equal(readOnly, m.ReadOnly);
    }

    [Fact]
    public void Mount_tmpfs_size_and_mode()
    {
        var m = MountSpecParser.ParseMount("type=tmpfs,target=/run,tmpfs-size=64m,tmpfs-mode=1770");
        Assert.Equal(64L << 20, m.TmpfsSizeBytes);
        Assert.Equal((UnixFileMode)Convert.ToInt32("1770", 8), m.TmpfsMode);
    }

    [Theory]
    [InlineData("type=bind,target=/data", "invalid mount config for type \"bind\": field Source must not be empty")]
    [InlineData("type=bind,source=rel,target=/data", "invalid mount config for type \"bind\": invalid mount path: 'rel' mount path must be absolute")]
    [InlineData("type=bind,source=/h,target=/data,bind-propagation=weird", "invalid mount config for type \"bind\": invalid propagation mode: weird")]
    [InlineData("type=tmpfs,source=x,target=/data", "invalid mount config for type \"tmpfs\": field Source must not be specified")]
    [InlineData("type=volume,target=/data,readonly", "invalid mount config for type \"volume\": must not set ReadOnly mode when using anonymous volumes")]
    [InlineData("type=volume,source=v1,target=data", "invalid mount config for type \"volume\": invalid mount path: 'data' mount path must be absolute")]
    [InlineData("type=volume,source=v1,target=/", "invalid mount config for type \"volume\": invalid specification: destination can't be '/'")]
    [InlineData("type=npipe,source=v1,target=/d", "invalid mount config for type \"npipe\": mount type unknown")]
    [InlineData("type=volume,source=v1", "target is required")]
    [InlineData("type=,target=/d", "type is required")]
    [InlineData("source=v1,target=/d,bogus", "invalid field 'bogus' must be a key=value pair")]
    [InlineData("source=v1,target=/d,color=red", "unexpected key 'color' in 'color=red'")]
    [InlineData("source=v1,target=/d,readonly=maybe", "invalid value for readonly: maybe")]
    [InlineData("source=v1,target=/d,volume-nocopy=maybe", "invalid value for volume-nocopy: maybe")]
    [InlineData("type=tmpfs,target=/d,tmpfs-size=lots", "invalid value for tmpfs-size: lots")]
    [InlineData("type=tmpfs,target=/d,tmpfs-mode=999", "invalid value for tmpfs-mode: 999")]
    [InlineData("type=bind,source=/h,target=/d,volume-nocopy", "cannot mix 'volume-*' options with mount type 'bind'")]
    [InlineData("type=volume,source=v1,target=/d,bind-propagation=shared", "cannot mix 'bind-*' options with mount type 'volume'")]
    [InlineData("type=volume,source=v1,target=/d,tmpfs-size=1m", "cannot mix 'tmpfs-*' options with mount type 'volume'")]
    [InlineData("type=volume,source=a/b,target=/d", "create a/b: \"a/b\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path")]
    public void Invalid_mount_flags(string value, string message)
    {
        Assert.Equal(message, Fails(() => MountSpecParser.ParseMount(value)).Message);
    }

    [Fact]
    public void Mount_checks_the_bind_source_exists_when_asked()
    {
        Assert.Equal(
            "invalid mount config for type \"bind\": bind source path does not exist: /missing",
            Fails(() => MountSpecParser.ParseMount("type=bind,source=/missing,target=/d", _ => false)).Message);
        Assert.Equal("/there", MountSpecParser.ParseMount("type=bind,source=/there,target=/d", p => p == "/there").Source);
    }

    // ---- --tmpfs ----

    [Fact]
    public void Tmpfs_flag_keeps_options_and_reads_size_mode_and_ro()
    {
        var m = MountSpecParser.ParseTmpfs("/run:rw,noexec,nosuid,size=65536k,mode=1777");
        Assert.Equal(MountType.Tmpfs, m.Type);
        Assert.Equal("/run", m.Target);
        Assert.Equal("rw,noexec,nosuid,size=65536k,mode=1777", m.TmpfsOptions);
        Assert.Equal(65536L * 1024, m.TmpfsSizeBytes);
        Assert.Equal((UnixFileMode)Convert.ToInt32("1777", 8), m.TmpfsMode);
        Assert.False(m.ReadOnly);
        Assert.True(MountSpecParser.ParseTmpfs("/x:ro").ReadOnly);
        Assert.Equal("", MountSpecParser.ParseTmpfs("/x").TmpfsOptions);
    }

    [Theory]
    [InlineData("run", "invalid mount path: 'run' mount path must be absolute")]
    [InlineData("/", "invalid specification: destination can't be '/'")]
    public void Tmpfs_destination_must_be_absolute_and_not_root(string value, string message)
    {
        Assert.Equal(message, Fails(() => MountSpecParser.ParseTmpfs(value)).Message);
    }

    // ---- --volumes-from ----

    [Theory]
    [InlineData("web", "web", "rw", false)]
    [InlineData("web:rw", "web", "rw", false)]
    [InlineData("web:ro", "web", "ro", true)]
    [InlineData("web:ro,z", "web", "ro,z", true)]
    [InlineData("0123456789ab:z", "0123456789ab", "z", false)]
    public void Valid_volumes_from(string spec, string container, string mode, bool readOnly)
    {
        Assert.Equal(new VolumesFromSpec(container, mode, readOnly), MountSpecParser.ParseVolumesFrom(spec));
    }

    [Theory]
    [InlineData("web:xyz", "invalid mode: xyz")]
    [InlineData("web:nocopy", "invalid mode: nocopy")]
    [InlineData("web:rshared", "invalid mode: rshared")]
    [InlineData("web:ro,rw", "invalid mode: ro,rw")]
    [InlineData("", "volumes-from specification cannot be an empty string")]
    public void Invalid_volumes_from(string spec, string message)
    {
        Assert.Equal(message, Fails(() => MountSpecParser.ParseVolumesFrom(spec)).Message);
    }
}
