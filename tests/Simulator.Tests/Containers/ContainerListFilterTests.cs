using Simulator.Containers;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Containers;

public sealed class ContainerListFilterTests
{
    private static IEnumerable<string> Names(IReadOnlyList<Container> list) => list.Select(c => c.Name.TrimStart('/'));

    [Fact]
    public async Task Filters_select_as_mobys_list()
    {
        var (store, time) = await CreateAsync();
        var ok = await store.RunAsync(Alpine("true"), name: "ok", cancellationToken: Ct);
        time.Advance(TimeSpan.FromSeconds(1));
        await store.RunAsync(Alpine("sh", "-c", "exit 3"), name: "failed", cancellationToken: Ct);
        time.Advance(TimeSpan.FromSeconds(1));
        store.Create(Alpine("true") with { Labels = new Dictionary<string, string> { ["tier"] = "db" } }, name: "fresh");
        time.Advance(TimeSpan.FromSeconds(1));
        var web = store.Create(IgnoresTerm() with { Labels = new Dictionary<string, string> { ["tier"] = "web" } }, new HostConfig { PortBindings = ["8080:80"] }, name: "web");
        await store.StartAsync(web, Ct);

        IReadOnlyList<Container> Ps(bool all, params string[] filters) => store.List(new ContainerListOptions { All = all, Filters = filters });

        Assert.Equal(["web"], Names(Ps(false)));
        Assert.Equal(["web", "fresh", "failed", "ok"], Names(Ps(true)));
        Assert.Equal(["failed", "ok"], Names(Ps(false, "status=exited")));
        Assert.Equal(["fresh"], Names(Ps(false, "status=created")));
        Assert.Equal(["failed"], Names(Ps(true, "exited=3")));
        Assert.Equal(["ok"], Names(Ps(true, "exited=0"))); // a created container has never exited
        Assert.Equal(["web", "fresh"], Names(Ps(true, "label=tier")));
        Assert.Equal(["fresh"], Names(Ps(true, "label=tier=db")));
        Assert.Equal(["fresh", "failed"], Names(Ps(true, "name=f")));  // name is a regular expression
        Assert.Equal(["ok"], Names(Ps(true, "name=^/?ok$")));
        Assert.Equal(["ok"], Names(Ps(true, "id=" + ok.Id[..5])));
        Assert.Equal(["web"], Names(Ps(true, "ancestor=simtest")));
        Assert.Equal(["fresh", "failed", "ok"], Names(Ps(true, "ancestor=alpine"))); // simtest was added without a parent
        Assert.Equal(["fresh", "failed", "ok"], Names(Ps(true, "before=web")));
        Assert.Equal(["web", "fresh"], Names(Ps(true, "since=failed")));
        Assert.Equal(["web"], Names(Ps(true, "publish=8080")));
        Assert.Equal(["web"], Names(Ps(true, "expose=80/tcp")));
        Assert.Empty(Ps(true, "expose=81-90"));
        Assert.Equal(["web", "fresh", "failed", "ok"], Names(Ps(true, "network=bridge"))); // NetworkSettings.Networks keeps "bridge" when stopped
        Assert.Empty(Ps(true, "network=other"));
        Assert.Equal(["web", "fresh", "failed", "ok"], Names(Ps(true, "is-task=false")));
        Assert.Empty(Ps(true, "is-task=true"));
        Assert.Equal(["web", "fresh"], Names(store.List(new ContainerListOptions { Limit = 2 })));
        Assert.Equal(["web", "ok"], Names(Ps(true, "name=web", "name=ok")));
        Assert.Empty(Ps(true, "name=web", "status=exited"));
        await store.KillAsync(web, cancellationToken: Ct);
    }

    [Theory]
    // Daemon texts of Docker 28.2.2 (moby v28.2.2 daemon/list.go, api/types/filters/errors.go, api/types/container/state.go).
    [InlineData("foo=bar", "invalid filter 'foo'")]
    [InlineData("status=foo", "invalid filter 'status=foo': invalid value for state (foo): must be one of created, running, paused, restarting, removing, exited, dead")]
    [InlineData("health=sick", "invalid filter 'health=sick': invalid value for health (sick): must be one of none, starting, healthy, unhealthy")]
    [InlineData("exited=x", "invalid filter 'exited=x': strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("is-task=maybe", "invalid filter 'is-task=[maybe]'")]
    [InlineData("publish=1:2", "filter for 'publish' should not contain ':': 1:2")]
    [InlineData("nofilter", "bad format of filter (expected name=value)")]
    public async Task Bad_filters_get_dockers_errors(string filter, string message)
    {
        var (store, _) = await CreateAsync();
        var ex = Assert.Throws<DockerSimulatorException>(() => store.List(new ContainerListOptions { Filters = [filter] }));
        Assert.Equal(message, ex.Message);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }

    [Fact]
    public async Task Before_an_unknown_container_is_not_found()
    {
        var (store, _) = await CreateAsync();
        var ex = Assert.Throws<DockerSimulatorException>(() => store.List(new ContainerListOptions { All = true, Filters = ["before=nope"] }));
        Assert.Equal("No such container: nope", ex.Message);
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
    }
}
