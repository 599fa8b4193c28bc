using Microsoft.Extensions.Time.Testing;
using Simulator.FileSystem;
using Simulator.Images;

namespace Simulator.Tests.Images;

public sealed class ImageBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static ImageBuilder Sample() => ImageBuilder.FromScratch()
        .WithFile("/etc/motd", "hello\n")
        .WithDirectory("/var/data", (UnixFileMode)0x1C0)
        .WithSymlink("/bin/sh", "busybox")
        .WithEnv("PATH", "/bin")
        .WithCmd("sh", "-c", "echo hi")
        .WithCreated(T0);

    [Fact]
    public void Same_steps_give_the_same_id()
    {
        Assert.Equal(Sample().Build().Id, Sample().Build().Id);
        Assert.NotEqual(Sample().Build().Id, Sample().WithEnv("A", "1").Build().Id);
        Assert.NotEqual(Sample().Build().Id, Sample().WithCreated(T0.AddSeconds(1)).Build().Id);
    }

    [Fact]
    public void Files_of_one_builder_form_one_layer_with_parent_directories()
    {
        var image = Sample().Build();
        var layer = Assert.Single(image.Layers);
        Assert.Equal(["/bin", "/bin/sh", "/etc", "/etc/motd", "/var", "/var/data"], layer.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(FileEntry.DefaultDirectoryMode, layer.Entries["/etc"].Mode);
        Assert.Equal((UnixFileMode)0x1C0, layer.Entries["/var/data"].Mode);
        Assert.Equal([layer.DiffId], image.Config.DiffIds);
        Assert.Equal(layer.DiffId, image.ChainId);
    }

    [Fact]
    public void WithLayer_closes_the_open_layer()
    {
        var image = ImageBuilder.FromScratch().WithFile("/a", "1").WithLayer().WithFile("/b", "22").WithLayer().WithLayer().Build();
        Assert.Equal(2, image.Layers.Count);
        Assert.True(image.Layers[0].Entries.ContainsKey("/a"));
        Assert.True(image.Layers[1].Entries.ContainsKey("/b"));
        Assert.Equal(Layer.ChainId(image.DiffIds), image.ChainId);
        Assert.Equal(3, image.Size);
    }

    [Fact]
    public void Size_is_the_sum_of_non_directory_entry_sizes()
    {
        var image = ImageBuilder.FromScratch()
            .WithFile("/a", "hello")
            .WithFile("/big", FileContent.Synthetic(8_000_000, 1))
            .WithSymlink("/l", "abc")
            .WithDirectory("/d")
            .Build();
        Assert.Equal(5 + 8_000_000 + 3, image.Size);
        Assert.True(image.Layers[0].TarLength > image.Size);
    }

    [Fact]
    public void History_records_each_step_in_order_in_buildkit_form()
    {
        var image = ImageBuilder.FromScratch()
            .WithEnv("A", "1")
            .WithFile("/x", "x")
            .WithExposedPort("80")
            .WithVolume("/data")
            .WithLabel("k", "v")
            .WithWorkingDir("/app")
            .WithWorkingDir("sub")
            .WithUser("nobody")
            .WithEntrypoint("/bin/sh", "-c")
            .WithCreated(T0)
            .Build();
        Assert.Equal(
            ["ENV A=1", "COPY /x # buildkit", "EXPOSE map[80/tcp:{}]", "VOLUME [/data]", "LABEL k=v", "WORKDIR /app", "WORKDIR /app/sub", "USER nobody", "ENTRYPOINT [\"/bin/sh\" \"-c\"]"],
            image.Config.History.Select(h => h.CreatedBy));
        Assert.Equal([true, false, true, true, true, true, true, true, true], image.Config.History.Select(h => h.EmptyLayer));
        Assert.All(image.Config.History, h => Assert.Equal(T0, h.Created));
        var config = image.Config.Config;
        Assert.Equal(["80/tcp"], config.ExposedPorts);
        Assert.Equal("/app/sub", config.WorkingDir);
        Assert.Equal("nobody", config.User);
        Assert.Equal(["/data"], config.Volumes);
    }

    [Fact]
    public void Env_replaces_in_place_and_ports_normalise()
    {
        var config = ImageBuilder.FromScratch().WithEnv("A", "1").WithEnv("B", "2").WithEnv("A", "3")
            .WithExposedPort("53/udp").WithExposedPort("8000-8001").WithExposedPort("80/TCP")
            .Build().Config.Config;
        Assert.Equal(["A=3", "B=2"], config.Env);
        Assert.Equal(["53/udp", "80/tcp", "8000/tcp", "8001/tcp"], config.ExposedPorts);
        Assert.Throws<ArgumentException>(() => ImageBuilder.FromScratch().WithExposedPort("http"));
        Assert.Throws<ArgumentException>(() => ImageBuilder.FromScratch().WithExposedPort("80/icmp"));
        Assert.Throws<ArgumentException>(() => ImageBuilder.FromScratch().WithEnv("A=B", "1"));
    }

    [Fact]
    public void Builders_are_immutable()
    {
        var a = ImageBuilder.FromScratch().WithFile("/a", "a").WithCreated(T0);
        var b = a.WithFile("/b", "b");
        var c = a.WithCmd("sh");
        Assert.Equal(["/a"], a.Build().Layers[0].Entries.Keys);
        Assert.Equal(2, b.Build().Layers[0].Entries.Count);
        Assert.Empty(a.Build().Config.Config.Cmd);
        Assert.Equal(["sh"], c.Build().Config.Config.Cmd);
    }

    [Fact]
    public void From_inherits_layers_history_and_config_and_shares_layer_instances()
    {
        var baseImage = Sample().Build();
        var child = ImageBuilder.From(baseImage).WithFile("/etc/app", "app").WithCmd("app").WithCreated(T0.AddHours(1)).Build();
        Assert.Equal(2, child.Layers.Count);
        Assert.Same(baseImage.Layers[0], child.Layers[0]);
        Assert.Equal(["PATH=/bin"], child.Config.Config.Env);
        Assert.Equal(["app"], child.Config.Config.Cmd);
        Assert.Equal(baseImage.Config.History.Count + 2, child.Config.History.Count);
        Assert.Equal(T0.AddHours(1), child.Created);
        Assert.Equal(["/etc", "/etc/app"], child.Layers[1].Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parent_directories_copy_the_lower_layers_metadata()
    {
        var baseImage = ImageBuilder.FromScratch().WithEntry("/opt", FileEntry.Directory((UnixFileMode)0x1ED) with { Uid = 7 }).Build();
        var child = ImageBuilder.From(baseImage).WithFile("/opt/x", "x").Build();
        Assert.Equal(7, child.Layers[1].Entries["/opt"].Uid);
    }

    [Fact]
    public void Created_comes_from_the_time_provider_else_the_epoch()
    {
        var clock = new FakeTimeProvider(T0);
        Assert.Equal(T0, ImageBuilder.FromScratch().WithTimeProvider(clock).Build().Created);
        Assert.Equal(DateTimeOffset.UnixEpoch, ImageBuilder.FromScratch().Build().Created);
        Assert.Equal(T0.AddDays(1), ImageBuilder.FromScratch().WithTimeProvider(clock).WithCreated(T0.AddDays(1)).Build().Created);
    }

    [Fact]
    public void Build_validates_the_layers()
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => ImageBuilder.FromScratch().WithFile("/a/.wh.b", "x").Build());
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        ex = Assert.Throws<DockerSimulatorException>(() => ImageBuilder.FromScratch().WithFile("/a", "x").WithFile("/a/b", "y").Build());
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }

    [Fact]
    public void Image_checks_layers_against_diff_ids()
    {
        var image = Sample().Build();
        var ex = Assert.Throws<DockerSimulatorException>(() => Image.Create(image.Config, []));
        Assert.Equal("layers do not match rootfs.diff_ids: 0 layers for 1 diff_ids", ex.Message);
        var other = ImageBuilder.FromScratch().WithFile("/z", "z").Build().Layers[0];
        ex = Assert.Throws<DockerSimulatorException>(() => Image.Create(image.Config, [other]));
        Assert.StartsWith("layers do not match rootfs.diff_ids: layer 0 has DiffID", ex.Message, StringComparison.Ordinal);
        var raw = Image.FromConfigJson(image.ConfigJson.Span, image.Layers);
        Assert.Equal(image.Id, raw.Id);
    }

    [Fact]
    public void FromConfigJson_keeps_the_bytes_so_the_id_is_their_digest()
    {
        var json = "{ \"rootfs\": {\"type\": \"layers\"} }"u8.ToArray();
        var image = Image.FromConfigJson(json, []);
        Assert.Equal(Simulator.References.Digest.Compute(json), image.Id);
        Assert.Equal(json, image.ConfigJson.ToArray());
        Assert.NotEqual(image.Id, image.Config.ComputeId());
        Assert.True(image.ChainId.IsEmpty);
    }
}
