using System.Net;
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

        using var http = docker.Engine.Network.CreateHttpClient();
        var body = await GetWhenUpAsync(http, new Uri(deployment.Url, "index.html"));
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
    public async Task Paths_outside_the_web_root_are_refused_before_anything_runs()
    {
        var spec = Site("evil", 8084) with { Files = new Dictionary<string, string> { ["../../etc/passwd"] = "x" } };
        var before = docker.Engine.RenderState();
        await Assert.ThrowsAsync<ArgumentException>(() => new SiteDeployer(new SimulatorDockerEngine(docker.Engine)).DeployAsync(spec, Ct));
        Assert.Equal(before, docker.Engine.RenderState());
    }

    /// <summary>nginx starts in its own task: retry until it answers (a hang guard in real time, no fake time needed).</summary>
    private static async Task<string> GetWhenUpAsync(HttpClient http, Uri url)
    {
        for (int i = 0; ; i++)
        {
            try
            {
                using var response = await http.GetAsync(url, Ct);
                if (response.StatusCode == HttpStatusCode.OK || i >= 500)
                {
                    return await response.Content.ReadAsStringAsync(Ct);
                }
            }
            catch (HttpRequestException) when (i < 500)
            {
            }

            await Task.Delay(5, Ct);
        }
    }
}
