using Simulator.Testing.Assertions;
using Simulator.Testing.Fixtures;
using Simulator.Testing.Rendering;
using Snapshooter.Xunit3;

namespace Deployer.Tests;

/// <summary>The deployer against the simulator: a fresh engine per test class, on a fake clock.</summary>
public sealed class SiteDeployerTests(SimulatorFixture docker) : IClassFixture<SimulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SiteSpec Site(string name, int port, string version = "1.0") => new(
        name,
        new Dictionary<string, string>
        {
            ["index.html"] = "<h1>Hello</h1>\n",
            ["css/site.css"] = "h1 { color: teal; }\n",
        },
        port,
        version);

    [Fact]
    public async Task Deploy_serves_the_files_on_the_published_port()
    {
        var deployment = await new SiteDeployer(new SimulatorDockerEngine(docker.Engine)).DeployAsync(Site("blog", 8080), Ct);

        // docker run -d returns before nginx listens, as in real Docker: wait for the port (no request, no fake time).
        await docker.Engine.WaitForPortAsync(8080, cancellationToken: Ct);
        using var http = docker.Engine.Network.CreateHttpClient();
        var body = await http.GetStringAsync(new Uri(deployment.Url, "index.html"), Ct);
        Assert.Equal("<h1>Hello</h1>\n", body);
        SimulatorAssert.VolumeHasFile(docker.Engine, "blog-content", "/css/site.css", "h1 { color: teal; }\n");
        SimulatorAssert.FileText(docker.Engine, "blog", "/etc/deployer/version", "1.0\n");
    }

    [Fact]
    public async Task The_snapshot_holds_the_version_stamp_but_not_the_volume_content()
    {
        // docker commit does not include data in mounted volumes (docs: container_commit.md).
        var deployment = await new SiteDeployer(new SimulatorDockerEngine(docker.Engine)).DeployAsync(Site("shop", 8081, "2.5"), Ct);
        Assert.Equal("shop-snapshot:2.5", deployment.SnapshotReference);
        SimulatorAssert.ImageHasFile(docker.Engine, deployment.SnapshotReference, "/etc/deployer/version");
        var webRoot = docker.Engine.RenderImageTree(deployment.SnapshotReference, new TreeRenderOptions { Root = SiteDeployer.WebRoot, Columns = TreeColumns.None });
        Assert.DoesNotContain("/css/site.css", webRoot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Container_filesystem_snapshot()
    {
        await new SiteDeployer(new SimulatorDockerEngine(docker.Engine)).DeployAsync(Site("docs", 8082), Ct);
        Snapshooter.Xunit3.Snapshot.Match(docker.Engine.RenderContainerTree("docs", new TreeRenderOptions { Include = [SiteDeployer.WebRoot + "/**", "/etc/deployer/**"] }));
    }

    [Fact]
    public async Task Redeploy_replaces_the_container_and_keeps_the_volume()
    {
        var deployer = new SiteDeployer(new SimulatorDockerEngine(docker.Engine));
        var first = await deployer.DeployAsync(Site("wiki", 8083, "1"), Ct);
        var second = await deployer.DeployAsync(Site("wiki", 8083, "2"), Ct);
        Assert.NotEqual(first.ContainerId, second.ContainerId);
        Assert.False(docker.Engine.Containers.TryInspect(first.ContainerId, out _));
        SimulatorAssert.FileText(docker.Engine, "wiki", "/etc/deployer/version", "2\n");
        SimulatorAssert.VolumeHasFile(docker.Engine, "wiki-content", "/index.html", "<h1>Hello</h1>\n");
    }

    [Fact]
    public async Task A_redeploy_an_hour_later_removes_runs_writes_and_commits_in_that_order()
    {
        // Its own engine (not the class's): this test moves the fake clock.
        await using var own = await SimulatorFixture.CreateAsync();
        var deployer = new SiteDeployer(new SimulatorDockerEngine(own.Engine));
        await deployer.DeployAsync(Site("news", 8090, "1"), Ct);
        own.Engine.Containers.ClearJournal();
        own.Clock.Advance(TimeSpan.FromHours(1));

        await deployer.DeployAsync(Site("news", 8090, "2"), Ct);

        // The journal records every call on the container store, with the fake clock's time.
        var calls = own.Engine.Containers.Journal.Select(e => $"{e.Time:HH:mm} {e.Operation}");
        Assert.Equal(["01:00 Remove", "01:00 Create", "01:00 Start", "01:00 Exec", "01:00 Exec", "01:00 Exec", "01:00 Commit"], calls);
        Assert.Equal("2026-01-01T01:00:00.0000000+00:00", own.Engine.Images.Get("news-snapshot:2").Created?.ToString("O"));
    }

    [Fact]
    public async Task Paths_outside_the_web_root_are_refused_before_anything_runs()
    {
        var spec = Site("evil", 8084) with { Files = new Dictionary<string, string> { ["../../etc/passwd"] = "x" } };
        var before = docker.Engine.RenderState();
        await Assert.ThrowsAsync<ArgumentException>(() => new SiteDeployer(new SimulatorDockerEngine(docker.Engine)).DeployAsync(spec, Ct));
        Assert.Equal(before, docker.Engine.RenderState());
    }
}
