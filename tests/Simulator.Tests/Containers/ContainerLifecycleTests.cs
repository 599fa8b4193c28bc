using Simulator.Containers;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Containers;

public sealed class ContainerLifecycleTests
{
    [Fact]
    public async Task Run_alpine_echo_hello_create_start_wait_logs_rm()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("echo", "hello"), name: "web");
        Assert.Matches("^[0-9a-f]{64}$", id);
        var created = store.Inspect("web");
        Assert.Equal("/web", created.Name);
        Assert.Equal("Created", created.Status);
        Assert.Equal(ContainerStatus.Created, created.State.Status);
        Assert.Equal("echo", created.Path);
        Assert.Equal(["hello"], created.Args);

        var wait = store.WaitAsync(id, WaitCondition.NextExit, Ct);
        await store.StartAsync(id, Ct);
        var result = await wait.WaitAsync(Guard, Ct);
        Assert.Equal(0, result.StatusCode);

        var exited = store.Inspect(id[..12]);
        Assert.Equal(ContainerStatus.Exited, exited.State.Status);
        Assert.Equal("Exited (0) Less than a second ago", exited.Status);
        Assert.Equal("hello\n", string.Concat(store.Logs(id).Select(e => e.Text)));

        await store.RemoveAsync("web", cancellationToken: Ct);
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Inspect("web"));
        Assert.Equal("No such container: web", ex.Message);
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
    }
}
