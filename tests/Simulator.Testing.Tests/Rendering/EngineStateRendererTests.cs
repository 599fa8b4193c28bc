using Simulator.Containers;
using Simulator.Networking;
using Simulator.Testing.Fixtures;
using Simulator.Testing.Rendering;

namespace Simulator.Testing.Tests.Rendering;

public sealed class EngineStateRendererTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task State_masks_ids_and_is_the_same_for_the_same_steps()
    {
        var a = await RenderAfterStepsAsync();
        var b = await RenderAfterStepsAsync();
        Assert.Equal(a, b);
        Assert.Contains("<container 1>  /maker  exited (0)  image=alpine", a, StringComparison.Ordinal);
        Assert.Contains("<image 1>  alpine:latest  size=7800000", a, StringComparison.Ordinal);
        Assert.Contains("mount    volume  data  /data  rw", a, StringComparison.Ordinal);
        Assert.Contains("network  bridge  -", a, StringComparison.Ordinal); // exited: no address, as moby clears it on stop
        Assert.Contains("data  local  created=2026-01-01T00:00:05Z  users=[<container 1>]", a, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9a-f]{12}", a.Replace("sha256:", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Control_characters_in_labels_and_history_stay_on_one_line()
    {
        await using var docker = await SimulatorFixture.CreateAsync();
        docker.Engine.Volumes.Create("notes", labels: new Dictionary<string, string> { ["note"] = "two\nlines" });
        Assert.Contains("  notes  local  created=2026-01-01T00:00:00Z  users=[]  note=two\\nlines\n", docker.Engine.RenderState(), StringComparison.Ordinal);

        var image = Images.ImageBuilder.FromScratch()
            .WithLabel("note", "a\r\nb")
            .WithLayer(FileSystem.Layer.Create([new("/x", FileSystem.FileEntry.File("x"))]), "COPY x /x\r")
            .WithCreated(SimulatorFixture.DefaultStart)
            .Build();
        var text = ImageRenderer.Render(image);
        Assert.Contains("  Label  note=a\\r\\nb\n", text, StringComparison.Ordinal);
        Assert.EndsWith("COPY x /x\\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
    }

    [Fact]
    public async Task Time_origin_prints_offsets()
    {
        await using var docker = await SimulatorFixture.CreateAsync("alpine");
        docker.Clock.AdvanceSeconds(65);
        docker.Engine.Volumes.Create("vol");
        var text = docker.Engine.RenderState(new StateRenderOptions { TimeOrigin = SimulatorFixture.DefaultStart });
        Assert.Contains("vol  local  created=T+0h01m05s  users=[]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_defined_networks_are_listed_with_their_containers_and_the_predefined_ones_are_not()
    {
        await using var docker = await SimulatorFixture.CreateAsync("alpine");
        docker.Engine.Containers.Networks.Create(new NetworkCreateOptions("backend") { Labels = new Dictionary<string, string> { ["tier"] = "db" } });
        var id = docker.Engine.Containers.Create(
            new ContainerConfig("alpine") { Cmd = ["sleep", "1000"] }, new HostConfig { NetworkMode = "backend" }, name: "db");
        await docker.Engine.Containers.StartAsync(id, Ct);

        var text = docker.Engine.RenderState();

        Assert.Contains("network  backend  172.18.0.2/16", text, StringComparison.Ordinal);
        Assert.Contains("networks\n  backend  bridge  172.18.0.0/16  gateway=172.18.0.1  created=", text, StringComparison.Ordinal);
        Assert.Contains("containers=[/db]  tier=db\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n  none ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n  host ", text, StringComparison.Ordinal);
    }

    private static async Task<string> RenderAfterStepsAsync()
    {
        await using var docker = await SimulatorFixture.CreateAsync("alpine");
        docker.Clock.AdvanceSeconds(5);
        var run = await docker.Engine.Containers.RunAsync(
            new ContainerConfig("alpine") { Cmd = ["sh", "-c", "echo hi > /data/x"] },
            new HostConfig { Binds = ["data:/data"] },
            name: "maker",
            cancellationToken: Ct);
        Assert.Equal(0, run.ExitCode);
        return docker.Engine.RenderState();
    }
}
