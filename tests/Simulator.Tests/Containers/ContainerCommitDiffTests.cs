using Simulator.Containers;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Containers;

public sealed class ContainerCommitDiffTests
{
    [Fact]
    public async Task Moby_diff_case_then_commit_and_run_shows_the_file()
    {
        var (store, _) = await CreateAsync();
        var run = await store.RunAsync(Alpine("sh", "-c", "mkdir /foo; echo xyzzy > /foo/bar"), name: "maker", cancellationToken: Ct).WaitAsync(Guard, Ct);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["A /foo", "A /foo/bar"], store.Diff("maker").Select(c => c.ToString()));

        var image = store.Commit("maker", new CommitOptions { Reference = "made:v1", Message = "add foo", Author = "me <me@example.com>" });
        Assert.Equal(image.Id, store.Images.Get("made:v1").Id);
        Assert.Equal(store.Images.Get("alpine").Layers.Count + 1, image.Layers.Count);
        var history = image.Config.History[^1];
        Assert.Equal("add foo", history.Comment);
        Assert.Equal("me <me@example.com>", history.Author);
        Assert.Equal("sh -c mkdir /foo; echo xyzzy > /foo/bar", history.CreatedBy);
        Assert.Equal("me <me@example.com>", image.Config.Author);

        var again = await store.RunAsync(new ContainerConfig("made:v1") { Cmd = ["cat", "/foo/bar"] }, cancellationToken: Ct).WaitAsync(Guard, Ct);
        Assert.Equal("xyzzy\n", again.Stdout);
        Assert.Empty(store.Diff(again.Id));
    }

    [Fact]
    public async Task Deleting_and_changing_files_diff_as_docker()
    {
        var (store, _) = await CreateAsync();
        var run = await store.RunAsync(Alpine("sh", "-c", "rm /etc/alpine-release; echo x >> /etc/motd"), cancellationToken: Ct).WaitAsync(Guard, Ct);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["C /etc", "D /etc/alpine-release", "C /etc/motd"], store.Diff(run.Id).Select(c => c.ToString()));
        var image = store.Commit(run.Id);
        var check = await store.RunAsync(new ContainerConfig(image.Id.ToString()) { Cmd = ["sh", "-c", "test -e /etc/alpine-release || echo gone"] }, cancellationToken: Ct).WaitAsync(Guard, Ct);
        Assert.Equal("gone\n", check.Stdout);
    }

    [Fact]
    public async Task Commit_changes_and_container_config()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("sh", "-c", "true") with { Env = ["A=1"], Labels = new Dictionary<string, string> { ["x"] = "y" } });
        var image = store.Commit(id, new CommitOptions
        {
            Changes =
            [
                "CMD [\"echo\", \"hi\"]",
                "ENV B=2 C=\"three four\"",
                "EXPOSE 80 53/udp",
                "LABEL version=1.0",
                "USER nobody",
                "VOLUME /data",
                "WORKDIR /srv",
                "workdir app",
                "ENTRYPOINT exec ep",
            ],
        });
        var c = image.Config.Config;
        Assert.Equal(["echo", "hi"], c.Cmd);
        Assert.Equal(["/bin/sh", "-c", "exec ep"], c.Entrypoint);
        Assert.Contains("A=1", c.Env);
        Assert.Contains("B=2", c.Env);
        Assert.Contains("C=three four", c.Env);
        Assert.Contains("80/tcp", c.ExposedPorts);
        Assert.Contains("53/udp", c.ExposedPorts);
        Assert.Equal("1.0", c.Labels["version"]);
        Assert.Equal("y", c.Labels["x"]);
        Assert.Equal("nobody", c.User);
        Assert.Contains("/data", c.Volumes);
        Assert.Equal("/srv/app", c.WorkingDir);

        var ex = Assert.Throws<DockerSimulatorException>(() => store.Commit(id, new CommitOptions { Changes = ["RUN echo"] }));
        Assert.Equal("RUN is not a valid change command", ex.Message);
    }

    [Fact]
    public async Task Commit_of_a_running_container_pauses_it_meanwhile()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(IgnoresTerm());
        await store.StartAsync(id, Ct);
        store.GetRootFileSystem(id).WriteAllText("/note", "hi");
        var image = store.Commit(id);
        Assert.Equal(ContainerStatus.Running, store.Inspect(id).State.Status);
        Assert.Equal(["ignore-term"], image.Config.Config.Cmd);
        await store.RemoveAsync(id, force: true, Ct);
    }

    [Fact]
    public async Task Rmi_of_an_image_used_by_containers_conflicts()
    {
        var (store, _) = await CreateAsync();
        var busybox = store.Images.Get("busybox");
        var id = store.Create(new ContainerConfig("busybox") { Cmd = ["sleep", "1000"] });
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Images.Remove("busybox"));
        Assert.Equal($"conflict: unable to remove repository reference \"busybox\" (must force) - container {id[..12]} is using its referenced image {busybox.Id.ShortId}", ex.Message);

        ex = Assert.Throws<DockerSimulatorException>(() => store.Images.Remove(busybox.Id.ToString()));
        Assert.Equal($"conflict: unable to delete {busybox.Id.ShortId} (must be forced) - image is being used by stopped container {id[..12]}", ex.Message);

        await store.StartAsync(id, Ct);
        ex = Assert.Throws<DockerSimulatorException>(() => store.Images.Remove(busybox.Id.ToString(), force: true));
        Assert.Equal($"conflict: unable to delete {busybox.Id.ShortId} (cannot be forced) - image is being used by running container {id[..12]}", ex.Message);

        await store.RemoveAsync(id, force: true, Ct);
        store.Images.Remove("busybox");
        Assert.False(store.Images.TryGet("busybox", out _));
    }
}
