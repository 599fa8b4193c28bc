using Microsoft.Extensions.Time.Testing;
using Simulator.Containers;
using Simulator.Registries;

namespace Simulator.Tests.Engine;

public sealed class DockerSimulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Pull_then_run_shares_the_engine_clock_seed_and_stores()
    {
        var time = new FakeTimeProvider(Start);
        var engine = new DockerSimulator(new DockerSimulatorOptions { TimeProvider = time, Seed = 7 });

        var pull = await engine.PullAsync("alpine", TestContext.Current.CancellationToken);
        Assert.Equal("docker.io/library/alpine:latest", pull.Output[^1]);
        Assert.Same(engine.Images, engine.Containers.Images);

        var run = await engine.Containers.RunAsync(new ContainerConfig("alpine") { Cmd = ["sh", "-c", "echo hi > /hi; cat /hi"] }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("hi\n", run.Stdout);
        Assert.Equal(Start, engine.Containers.Inspect(run.Id).Created);
    }

    [Fact]
    public async Task Same_seed_gives_same_container_ids_and_names()
    {
        async Task<(string Id, string Name)> CreateOne()
        {
            var engine = new DockerSimulator(new DockerSimulatorOptions { TimeProvider = new FakeTimeProvider(Start), Seed = 3 });
            await engine.PullAsync("busybox", TestContext.Current.CancellationToken);
            var id = engine.Containers.Create(new ContainerConfig("busybox"));
            return (id, engine.Containers.Inspect(id).Name);
        }

        Assert.Equal(await CreateOne(), await CreateOne());
    }

    [Fact]
    public void Default_host_has_root_home_and_tmp_and_login_writes_the_config_there()
    {
        var engine = new DockerSimulator();
        Assert.True(engine.HostFileSystem.Directory.Exists("/root"));
        Assert.True(engine.HostFileSystem.Directory.Exists("/tmp"));

        engine.RegistryClient.Login(null, "yourname", "s3cret");

        // base64("yourname:s3cret"), as the seed transcript's grep of ~/.docker/config.json expects
        Assert.Contains("eW91cm5hbWU6czNjcmV0", engine.HostFileSystem.File.ReadAllText("/root/.docker/config.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigureWorld_runs_once_with_the_stocked_world()
    {
        RegistryWorld? seen = null;
        var engine = new DockerSimulator(new DockerSimulatorOptions { ConfigureWorld = w => { Assert.Null(seen); seen = w; w.Add("localhost:5000"); } });
        Assert.Same(engine.Registries, seen);
        Assert.True(engine.Registries.TryGet("localhost:5000", out _));
    }
}
