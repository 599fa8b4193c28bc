using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using Simulator.Containers;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Containers;

public sealed class ContainerArchiveTests
{
    private static List<(string Name, TarEntryType Type, string Text)> ReadTar(Stream tar)
    {
        var list = new List<(string, TarEntryType, string)>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } e)
        {
            var text = e.DataStream is null ? "" : new StreamReader(e.DataStream).ReadToEnd();
            list.Add((e.Name, e.EntryType, text));
        }

        return list;
    }

    private static MemoryStream MakeTar(params (string Name, string? Text)[] entries)
    {
        var ms = new MemoryStream();
        using (var w = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                var e = new PaxTarEntry(text is null ? TarEntryType.Directory : TarEntryType.RegularFile, name) { Mode = (UnixFileMode)0b110_100_100, ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
                if (text is not null)
                {
                    e.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text));
                }

                w.WriteEntry(e);
            }
        }

        ms.Position = 0;
        return ms;
    }

    [Fact]
    public async Task Copy_out_gives_a_tar_rebased_on_the_base_name_and_the_stat_header()
    {
        var (store, _) = await CreateAsync();
        var id = (await store.RunAsync(Alpine("sh", "-c", "mkdir -p /data/sub && echo hi > /data/sub/f && ln -s /data/sub /link"), name: "cc", cancellationToken: Ct)).Id;

        var dir = store.GetArchive("cc", "/data");
        Assert.True(dir.Stat.IsDirectory);
        Assert.Equal("data", dir.Stat.Name);
        Assert.Equal([("data/", TarEntryType.Directory, ""), ("data/sub/", TarEntryType.Directory, ""), ("data/sub/f", TarEntryType.RegularFile, "hi\n")], ReadTar(dir.Tar));
        Assert.Equal(["./", "./sub/", "./sub/f"], ReadTar(store.GetArchive("cc", "/data/.").Tar).Select(e => e.Name));

        var file = store.GetArchive("cc", "/data/sub/f");
        Assert.Equal([("f", TarEntryType.RegularFile, "hi\n")], ReadTar(file.Tar));
        Assert.Equal(3, file.Stat.Size);
        Assert.Equal(0b110_100_100u, file.Stat.Mode);

        // moby PathStat JSON, base64 in X-Docker-Container-Path-Stat.
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(file.Stat.ToHeaderValue()))).RootElement;
        Assert.Equal("f", json.GetProperty("name").GetString());
        Assert.Equal(3, json.GetProperty("size").GetInt64());
        Assert.Equal(420, json.GetProperty("mode").GetInt64());
        Assert.Equal("", json.GetProperty("linkTarget").GetString());

        var link = store.StatPath("cc", "/link");
        Assert.Equal(ContainerPathStat.ModeSymlink | 0x1FF, link.Mode);
        Assert.Equal("/data/sub", link.LinkTarget);
        Assert.True(store.StatPath("cc", "/link/").IsDirectory);
        Assert.Contains(store.Events.Buffered, e => e.Action == "archive-path" && e.Actor.ID == id);

        // moby integration/container/copy_test.go
        var missing = Assert.Throws<DockerSimulatorException>(() => store.GetArchive("cc", "/dne"));
        Assert.Equal("Could not find the file /dne in container cc", missing.Message);
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.Equal("Could not find the file /dne in container " + id, Assert.Throws<DockerSimulatorException>(() => store.StatPath(id, "/dne")).Message);
        Assert.Contains("not a directory", Assert.Throws<DockerSimulatorException>(() => store.GetArchive("cc", "/etc/passwd/")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_in_extracts_into_a_directory_and_volumes_take_their_writes()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("true"), new HostConfig { Binds = ["vol:/vol", "ro:/ro:ro"] }, name: "cc");
        store.ExtractToDirectory("cc", "/tmp", MakeTar(("a", null), ("a/b.txt", "bee")));
        store.ExtractToDirectory("cc", "/vol", MakeTar(("in-volume.txt", "v")));
        store.ExtractToDirectory("cc", "/", MakeTar());

        var root = store.GetRootFileSystem("cc");
        Assert.Equal("bee", root.ReadAllText("/tmp/a/b.txt"));
        Assert.Equal("v", root.ReadAllText("/vol/in-volume.txt"));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), root.Stat("/tmp/a/b.txt").ModifiedAt);
        var diff = store.Diff("cc").Select(c => c.ToString()).ToList();
        Assert.Contains("A /tmp/a/b.txt", diff);
        Assert.DoesNotContain(diff, d => d.Contains("in-volume", StringComparison.Ordinal)); // writes under a volume are not changes
        Assert.Equal(2, store.Events.Buffered.Count(e => e.Action == "extract-to-dir" && e.Actor.ID == id) - 1);

        Assert.Equal("Could not find the file /nope in container cc", Assert.Throws<DockerSimulatorException>(() => store.ExtractToDirectory("cc", "/nope", MakeTar())).Message);
        Assert.Equal("extraction point is not a directory", Assert.Throws<DockerSimulatorException>(() => store.ExtractToDirectory("cc", "/etc/passwd", MakeTar())).Message);
        Assert.Equal("mounted volume is marked read-only", Assert.Throws<DockerSimulatorException>(() => store.ExtractToDirectory("cc", "/ro", MakeTar(("x", "y")))).Message);
        var escape = Assert.Throws<DockerSimulatorException>(() => store.ExtractToDirectory("cc", "/tmp", MakeTar(("ok", "1"), ("../../etc/evil", "x"))));
        Assert.Equal("invalid archive: \"../../etc/evil\" is outside of \"/tmp\"", escape.Message);
        Assert.False(root.Exists("/tmp/ok")); // checked before anything is written
        Assert.Equal("cannot overwrite directory \"/tmp/a\" with non-directory \"/tmp/a\"",
            Assert.Throws<DockerSimulatorException>(() => store.ExtractToDirectory("cc", "/tmp", MakeTar(("a", "file")), noOverwriteDirNonDir: true)).Message);

        var ro = store.Create(Alpine("true"), new HostConfig { ReadonlyRootfs = true });
        Assert.Equal("container rootfs is marked read-only", Assert.Throws<DockerSimulatorException>(() => store.ExtractToDirectory(ro, "/tmp", MakeTar())).Message);
    }

    [Fact]
    public async Task Export_is_the_flattened_root_without_volumes()
    {
        var (store, _) = await CreateAsync();
        await store.RunAsync(Alpine("sh", "-c", "echo x > /added && echo y > /vol/inside && rm /etc/motd"), new HostConfig { Binds = ["/vol"] }, name: "ex", cancellationToken: Ct);
        var entries = ReadTar(store.Export("ex"));
        var names = entries.Select(e => e.Name).ToList();
        Assert.Contains("added", names);
        Assert.Contains("bin/busybox", names);
        Assert.Contains("vol/", names); // the mount point, created in the container's layer
        Assert.DoesNotContain("vol/inside", names);
        Assert.DoesNotContain("etc/motd", names);
        Assert.Equal("", entries.Single(e => e.Name == "etc/hosts").Text);
        Assert.Equal("x\n", entries.Single(e => e.Name == "added").Text);
        Assert.Contains(store.Events.Buffered, e => e.Action == "export");
    }

    [Fact]
    public async Task Prune_removes_stopped_containers_matching_filters()
    {
        var (store, time) = await CreateAsync();
        var old = (await store.RunAsync(Alpine("sh", "-c", "echo 12345678901 > /f"), name: "old", cancellationToken: Ct)).Id;
        time.Advance(TimeSpan.FromHours(2));
        var keep = store.Create(Alpine("true") with { Labels = new Dictionary<string, string> { ["keep"] = "1" } }, name: "keep");
        var fresh = store.Create(Alpine("true"), name: "fresh");
        var running = store.Create(IgnoresTerm(), name: "running");
        await store.StartAsync(running, Ct);

        Assert.Equal("invalid filter 'foo'", (await Assert.ThrowsAsync<DockerSimulatorException>(() => store.PruneAsync(["foo=bar"], Ct))).Message);
        Assert.Equal(4, store.Count);

        var r = await store.PruneAsync(["until=1h"], Ct);
        Assert.Equal([old], r.ContainersDeleted);
        Assert.Equal(12, r.SpaceReclaimed);
        Assert.Equal("12", store.Events.Buffered.Last().Actor.Attributes["reclaimed"]);

        r = await store.PruneAsync(["label!=keep"], Ct);
        Assert.Equal([fresh], r.ContainersDeleted);
        Assert.Equal(0, r.SpaceReclaimed);
        Assert.Equal([keep], (await store.PruneAsync(cancellationToken: Ct)).ContainersDeleted);
        Assert.Equal(["running"], store.List(new ContainerListOptions { All = true }).Select(c => c.Name.TrimStart('/')));
        await store.KillAsync(running, cancellationToken: Ct);
    }
}
