using Simulator.Containers;
using Simulator.Testing.Fixtures;
using Simulator.Testing.Rendering;
using Simulator.World;
using Snapshooter;
using Snapshooter.Xunit3;

namespace Simulator.Testing.Tests.Rendering;

/// <summary>Snapshot tests (Snapshooter, __snapshots__/ beside this file): a changed render fails and writes __mismatch__/,
/// a new one writes a new file, which CI's clean-tree check turns into a failure.</summary>
public sealed class SnapshotTests(SnapshotTests.AlpineEngine docker) : IClassFixture<SnapshotTests.AlpineEngine>
{
    public static TheoryData<string> Stock => new(StockImages.All.Select(s => s.ToString()));

    [Theory]
    [MemberData(nameof(Stock))]
    public void Stock_image_trees(string reference)
    {
        var stock = StockImages.All.Single(s => s.ToString() == reference);
        Snapshot.Match(FileTreeRenderer.Render(stock.Image), SnapshotNameExtension.Create(reference.Replace(':', '_')));
    }

    [Theory]
    [MemberData(nameof(Stock))]
    public void Stock_image_configs_and_history(string reference)
    {
        var stock = StockImages.All.Single(s => s.ToString() == reference);
        Snapshot.Match(ImageRenderer.Render(stock.Image), SnapshotNameExtension.Create(reference.Replace(':', '_')));
    }

    [Fact]
    public async Task Container_tree_after_apk_add_openssh()
    {
        var run = await docker.Engine.Containers.RunAsync(new ContainerConfig("alpine") { Cmd = ["apk", "add", "openssh"] }, name: "ssh", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, run.ExitCode);
        var first = docker.Engine.RenderContainerTree("ssh");
        Assert.Equal(first, docker.Engine.RenderContainerTree("ssh"));
        Snapshot.Match(first);
    }

    [Fact]
    public async Task Changes_after_apk_add_openssh()
    {
        var run = await docker.Engine.Containers.RunAsync(new ContainerConfig("alpine") { Cmd = ["apk", "add", "openssh"] }, name: "ssh-diff", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, run.ExitCode);
        Snapshot.Match(docker.Engine.RenderChanges("ssh-diff"));
    }

    public sealed class AlpineEngine : SimulatorFixture
    {
        protected override IReadOnlyList<string> Images => ["alpine"];
    }
}
