using Simulator.Build;
using Simulator.FileSystem;

namespace Simulator.Tests.Build;

/// <summary>Adversarial cases for the build memo's change stamp: a replay must never give an image built from old content.</summary>
public sealed class BuildMemoBreakTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Read(BuildResult r, string path) =>
        UnionFileSystem.CreateReadOnly(LayerStack.Create(r.Image.Layers)).ReadAllText(path);

    private static async Task<BuildResult> ThriceAsync(DockerSimulator engine, BuildRequest req)
    {
        BuildResult r = null!;
        for (int i = 0; i < 3; i++)
        {
            r = await engine.Builds.BuildAsync(req, null, Ct);
        }

        return r;
    }

    [Fact]
    public async Task Swapping_a_mounted_volume_for_another_with_fewer_changes_is_not_replayed()
    {
        var engine = BuilderTests.NewEngine(out _);
        var host = ((UnionFileSystemAdapter)engine.HostFileSystem).Union;
        host.CreateDirectories("/ctx/sub");
        var a = UnionFileSystem.CreateEmpty();
        var b = UnionFileSystem.CreateEmpty();
        a.WriteAllText("/f", "old");
        b.WriteAllText("/f", "new");
        while (a.ChangeStamp < b.ChangeStamp + 2)
        {
            a.Chmod("/f", (UnixFileMode)420); // a has made two changes more than b
        }

        host.Mount("/ctx/sub", a);
        var req = new BuildRequest { ContextDirectory = "/ctx", Dockerfile = "FROM alpine\nCOPY sub/f /f\n" };
        var first = await ThriceAsync(engine, req);
        Assert.Equal("old", Read(first, "/f"));
        var before = host.ChangeStamp;

        host.Unmount("/ctx/sub");
        host.Mount("/ctx/sub", b);
        var stamp = host.ChangeStamp;
        var r = await engine.Builds.BuildAsync(req, null, Ct);
        Assert.Equal("new", Read(r, "/f"));
        Assert.NotEqual(before, stamp);
    }

    private static DockerSimulator WithLinks(string outside)
    {
        var engine = BuilderTests.NewEngine(out _);
        var host = ((UnionFileSystemAdapter)engine.HostFileSystem).Union;
        host.CreateDirectories("/ctx");
        host.CreateDirectories("/out");
        host.WriteAllText("/out/f", outside);
        host.CreateSymlink("/out/f", "/ctx/link");
        host.CreateSymlink("../out", "/ctx/dlink");
        return engine;
    }

    [Fact]
    public async Task A_change_behind_a_symlink_leading_out_of_the_context_is_not_replayed()
    {
        var req = new BuildRequest { ContextDirectory = "/ctx", Dockerfile = "FROM alpine\nCOPY link /f\nCOPY dlink/ /d/\n" };
        var engine = WithLinks("old");
        await ThriceAsync(engine, req);
        ((UnionFileSystemAdapter)engine.HostFileSystem).Union.WriteAllText("/out/f", "new");
        var r = await engine.Builds.BuildAsync(req, null, Ct);
        var expected = await WithLinks("new").Builds.BuildAsync(req, null, Ct);
        Assert.Equal(expected.ImageId, r.ImageId);
        Assert.Equal("new", Read(r, "/d/f"));
    }

    [Fact]
    public async Task Copying_a_symlink_to_a_directory_copies_the_directory_s_children()
    {
        var engine = BuilderTests.NewEngine(out _);
        var host = ((UnionFileSystemAdapter)engine.HostFileSystem).Union;
        host.CreateDirectories("/ctx/dir/sub");
        host.WriteAllText("/ctx/dir/sub/x", "x");
        host.CreateSymlink("dir", "/ctx/dl");
        var r = await engine.Builds.BuildAsync(new BuildRequest { ContextDirectory = "/ctx", Dockerfile = "FROM alpine\nCOPY dl/ /d/\n" }, null, Ct);
        Assert.Equal("x", Read(r, "/d/sub/x"));
    }

    // Each change after three builds (the third a replay) must show in the next build's image.
    [Theory]
    [InlineData("hard link")]
    [InlineData("rename")]
    [InlineData("other handle")]
    [InlineData("truncate")]
    [InlineData("open stream")]
    [InlineData("symlink retarget")]
    [InlineData("chmod")]
    [InlineData("bind mount")]
    [InlineData("mounted volume write")]
    public async Task Every_kind_of_change_in_the_context_shows_in_the_next_build(string change)
    {
        var engine = BuilderTests.NewEngine(out _);
        var host = ((UnionFileSystemAdapter)engine.HostFileSystem).Union;
        host.CreateDirectories("/ctx/dir");
        host.CreateDirectories("/out");
        host.Chmod("/ctx", (UnixFileMode)511);
        host.WriteAllText("/ctx/a.txt", "a1");
        host.Chmod("/ctx/a.txt", (UnixFileMode)438);
        host.WriteAllText("/ctx/dir/x", "x1");
        host.WriteAllText("/out/o", "o1");
        host.Link("/ctx/a.txt", "/out/hard");
        host.CreateSymlink("a.txt", "/ctx/link");
        var volume = UnionFileSystem.CreateEmpty();
        volume.WriteAllText("/v", "v1");
        var elsewhere = UnionFileSystem.CreateEmpty();
        elsewhere.Mount("/m", volume);
        host.Mount("/ctx/vol", volume);
        using var stream = host.Open("/ctx/dir/x", OpenFlags.WriteOnly);
        var req = new BuildRequest { ContextDirectory = "/ctx", Dockerfile = "FROM alpine\nCOPY . /c/\n" };
        await ThriceAsync(engine, req);
        Assert.Equal(1, engine.Builds.MemoHits);

        string path, expected;
        switch (change)
        {
            case "hard link":
                host.WriteAllText("/out/hard", "a2");
                (path, expected) = ("/c/a.txt", "a2");
                break;
            case "rename":
                host.Rename("/ctx/a.txt", "/ctx/b.txt");
                (path, expected) = ("/c/b.txt", "a1");
                break;
            case "other handle":
                host.WithCaller(1000, 1000).WriteAllText("/ctx/a.txt", "a3");
                (path, expected) = ("/c/a.txt", "a3");
                break;
            case "truncate":
                host.Truncate("/ctx/a.txt", 1);
                (path, expected) = ("/c/a.txt", "a");
                break;
            case "open stream":
                stream.Write(0, "x2"u8);
                (path, expected) = ("/c/dir/x", "x2");
                break;
            case "symlink retarget":
                host.Unlink("/ctx/link");
                host.CreateSymlink("dir/x", "/ctx/link");
                var img = await engine.Builds.BuildAsync(req, null, Ct);
                Assert.Equal("dir/x", UnionFileSystem.CreateReadOnly(LayerStack.Create(img.Image.Layers)).ReadLink("/c/link"));
                return;
            case "chmod":
                host.Chmod("/ctx/a.txt", (UnixFileMode)384);
                var moded = await engine.Builds.BuildAsync(req, null, Ct);
                Assert.Equal((UnixFileMode)384, UnionFileSystem.CreateReadOnly(LayerStack.Create(moded.Image.Layers)).Stat("/c/a.txt").Mode & (UnixFileMode)511);
                return;
            case "bind mount":
                host.Mount("/ctx/dir", host, "/out");
                (path, expected) = ("/c/dir/o", "o1");
                break;
            default:
                elsewhere.WriteAllText("/m/v", "v2");
                (path, expected) = ("/c/vol/v", "v2");
                break;
        }

        var r = await engine.Builds.BuildAsync(req, null, Ct);
        Assert.Equal(expected, Read(r, path));
    }

    // Changes the context once, on the build's first progress line: after the memo's snapshot, before any COPY reads it.
    private sealed class ChangingWriter(Action change) : StringWriter
    {
        private Action? _change = change;

        public override void Write(string? value)
        {
            Interlocked.Exchange(ref _change, null)?.Invoke();
            base.Write(value);
        }

        public override void Write(char value)
        {
            Interlocked.Exchange(ref _change, null)?.Invoke();
            base.Write(value);
        }
    }

    [Fact]
    public async Task A_context_changed_during_a_cached_build_is_not_memoised_against_the_tree_before_it()
    {
        var engine = BuilderTests.NewEngine(out _);
        var host = ((UnionFileSystemAdapter)engine.HostFileSystem).Union;
        host.CreateDirectories("/ctx");
        var req = new BuildRequest { ContextDirectory = "/ctx", Dockerfile = "FROM alpine\nCOPY a.txt /a\n" };
        host.WriteAllText("/ctx/a.txt", "A");
        await engine.Builds.BuildAsync(req, null, Ct);
        host.WriteAllText("/ctx/a.txt", "B");
        await engine.Builds.BuildAsync(req, null, Ct);
        host.WriteAllText("/ctx/a.txt", "A");

        // Fully cached (B was built), but the snapshot taken before the change holds A.
        var during = await engine.Builds.BuildAsync(req, new ChangingWriter(() => host.WriteAllText("/ctx/a.txt", "B")), Ct);
        Assert.Equal("B", Read(during, "/a"));

        host.WriteAllText("/ctx/a.txt", "A");
        var r = await engine.Builds.BuildAsync(req, null, Ct);
        Assert.Equal("A", Read(r, "/a"));
    }
}
