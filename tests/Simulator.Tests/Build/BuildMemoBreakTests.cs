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
}
