// Docker.DotNet calls finish with the in-process engine; no test cancellation token is needed.
#pragma warning disable xUnit1051

using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Time.Testing;
using Simulator.DockerDotNet;

namespace Simulator.Integrations.Tests.DockerDotNet;

/// <summary>
/// Docker.DotNet.Enhanced 4.3.3 against the simulator in process. Expected values: the Engine API reference v1.50 and
/// ../shared/ENGINE-API.md (what Docker 28 answers these calls with).
/// </summary>
public sealed class DockerDotNetTests
{
    private static DockerSimulator NewEngine() =>
        new(new DockerSimulatorOptions { TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)), Seed = 3 });

    private static async Task PullAsync(IDockerClient docker, string image, string tag = "latest", List<JSONMessage>? progress = null) =>
        await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image, Tag = tag }, null, new SyncProgress<JSONMessage>(m => progress?.Add(m)));

    [Fact]
    public async Task Ping_version_info()
    {
        var sim = NewEngine();
        using var docker = sim.CreateDockerClient();
        await docker.System.PingAsync();
        var version = await docker.System.GetVersionAsync();
        Assert.Equal("28.2.2", version.Version);
        Assert.Equal("1.50", version.APIVersion);
        Assert.Equal("linux", version.Os);
        var info = await docker.System.GetSystemInfoAsync();
        Assert.Equal("https://index.docker.io/v1/", info.IndexServerAddress);
        Assert.Equal("linux", info.OSType);
    }

    [Fact]
    public async Task Pull_reports_progress_and_stores_the_image()
    {
        var sim = NewEngine();
        using var docker = sim.CreateDockerClient(new System.Version(1, 44));
        var progress = new List<JSONMessage>();
        await PullAsync(docker, "alpine", "latest", progress);
        Assert.Equal("Pulling from library/alpine", progress[0].Status);
        Assert.Equal("latest", progress[0].ID);
        Assert.Equal("Status: Downloaded newer image for alpine:latest", progress[^1].Status);
        var images = await docker.Images.ListImagesAsync(new ImagesListParameters());
        Assert.Equal(["alpine:latest"], images.Single().RepoTags);
        var inspect = await docker.Images.InspectImageAsync("alpine");
        Assert.Equal(images[0].ID, inspect.ID);
    }

    [Fact]
    public async Task Missing_image_and_container_are_the_not_found_exceptions()
    {
        var sim = NewEngine();
        using var docker = sim.CreateDockerClient();
        var image = await Assert.ThrowsAsync<DockerImageNotFoundException>(() => docker.Images.InspectImageAsync("nope"));
        Assert.Contains("No such image: nope:latest", image.Message, StringComparison.Ordinal);
        var container = await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => docker.Containers.InspectContainerAsync("nope"));
        Assert.Contains("No such container: nope", container.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_start_wait_logs_remove()
    {
        var sim = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "alpine");
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "alpine",
            Name = "job",
            Cmd = ["sh", "-c", "echo hello; echo warn >&2; exit 2"],
            Labels = new Dictionary<string, string> { ["team"] = "a" },
        });
        Assert.Matches("^[0-9a-f]{64}$", created.ID);
        Assert.True(await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters()));
        var wait = await docker.Containers.WaitContainerAsync(created.ID);
        Assert.Equal(2, wait.StatusCode);

        using var logs = await docker.Containers.GetContainerLogsAsync(created.ID, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true });
        var (stdout, stderr) = await logs.ReadOutputToEndAsync(CancellationToken.None);
        Assert.Equal("hello\n", stdout);
        Assert.Equal("warn\n", stderr);

        var inspect = await docker.Containers.InspectContainerAsync("job");
        Assert.Equal("exited", inspect.State!.Status);
        Assert.Equal(2, inspect.State.ExitCode);
        Assert.Equal("/job", inspect.Name);
        Assert.Equal(["sh", "-c", "echo hello; echo warn >&2; exit 2"], inspect.Config!.Cmd);

        var list = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["team=a"] = true } },
        });
        Assert.Equal(created.ID, list.Single().ID);

        await docker.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { RemoveVolumes = true });
        Assert.Equal(0, sim.Containers.Count);
    }

    [Fact]
    public async Task Exec_streams_stdout_and_stderr_and_reports_the_exit_code()
    {
        var sim = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "alpine");
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "alpine", Cmd = ["sleep", "3600"] });
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        var exec = await docker.Exec.CreateContainerExecAsync(created.ID, new ContainerExecCreateParameters
        {
            AttachStdout = true,
            AttachStderr = true,
            Cmd = ["sh", "-c", "echo out; echo err >&2; exit 7"],
        });
        using var stream = await docker.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters());
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        Assert.Equal("out\n", stdout);
        Assert.Equal("err\n", stderr);
        var inspect = await docker.Exec.InspectContainerExecAsync(exec.ID);
        Assert.Equal(7, inspect.ExitCode);
        Assert.False(inspect.Running);
    }

    [Fact]
    public async Task Exec_with_stdin_reads_until_close_write()
    {
        var sim = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "alpine");
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "alpine", Cmd = ["sleep", "3600"] });
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        var exec = await docker.Exec.CreateContainerExecAsync(created.ID, new ContainerExecCreateParameters
        {
            AttachStdin = true,
            AttachStdout = true,
            AttachStderr = true,
            Cmd = ["cat"],
        });
        using var stream = await docker.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters());
        var input = Encoding.UTF8.GetBytes("piped\n");
        await stream.WriteAsync(input, 0, input.Length, CancellationToken.None);
        stream.CloseWrite();
        var (stdout, _) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        Assert.Equal("piped\n", stdout);
    }

    [Fact]
    public async Task Attach_before_start_streams_the_whole_run()
    {
        var sim = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "busybox");
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "busybox", Cmd = ["echo", "hello", "world"] });
        using var attach = await docker.Containers.AttachContainerAsync(created.ID, new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true });
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        var (stdout, _) = await attach.ReadOutputToEndAsync(CancellationToken.None);
        Assert.Equal("hello world\n", stdout);
    }

    [Fact]
    public async Task Stop_kill_restart_pause_and_their_errors()
    {
        var sim = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "alpine");
        var id = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "alpine", Cmd = ["sleep", "3600"] })).ID;
        await docker.Containers.StartContainerAsync(id, new ContainerStartParameters());
        Assert.False(await docker.Containers.StartContainerAsync(id, new ContainerStartParameters()));
        await docker.Containers.PauseContainerAsync(id);
        Assert.True((await docker.Containers.InspectContainerAsync(id)).State!.Paused);
        await docker.Containers.UnpauseContainerAsync(id);
        await docker.Containers.KillContainerAsync(id, new ContainerKillParameters());
        Assert.Equal(137, (await docker.Containers.InspectContainerAsync(id)).State!.ExitCode);
        var conflict = await Assert.ThrowsAsync<DockerApiException>(() => docker.Containers.KillContainerAsync(id, new ContainerKillParameters()));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.False(await docker.Containers.StopContainerAsync(id, new ContainerStopParameters()));
        await docker.Containers.RenameContainerAsync(id, new ContainerRenameParameters { NewName = "renamed" }, CancellationToken.None);
        Assert.Equal("/renamed", (await docker.Containers.InspectContainerAsync(id)).Name);
    }

    [Fact]
    public async Task Volumes_and_commit()
    {
        var sim = NewEngine();
        using var docker = sim.CreateDockerClient();
        await PullAsync(docker, "busybox");
        var volume = await docker.Volumes.CreateAsync(new VolumesCreateParameters { Name = "data" });
        Assert.Equal("local", volume.Driver);
        var id = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "busybox",
            Cmd = ["sh", "-c", "echo kept > /data/note; echo x > /made"],
            HostConfig = new HostConfig { Binds = ["data:/data"] },
        })).ID;
        await docker.Containers.StartContainerAsync(id, new ContainerStartParameters());
        await docker.Containers.WaitContainerAsync(id);
        var changes = await docker.Containers.InspectChangesAsync(id);
        Assert.Contains(changes, c => c.Path == "/made" && (int)c.Kind == 1);
        var commit = await docker.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters { ContainerID = id, RepositoryName = "my/box", Tag = "v1" });
        Assert.StartsWith("sha256:", commit.ID, StringComparison.Ordinal);
        Assert.Equal(["my/box:v1"], (await docker.Images.InspectImageAsync("my/box:v1")).RepoTags);
        var list = await docker.Volumes.ListAsync(new VolumesListParameters());
        Assert.Equal("data", list.Volumes.Single().Name);
        var inUse = await Assert.ThrowsAsync<DockerApiException>(() => docker.Volumes.RemoveAsync("data"));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, inUse.StatusCode);
        await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters());
        await docker.Volumes.RemoveAsync("data");
        Assert.Empty((await docker.Volumes.ListAsync(new VolumesListParameters())).Volumes);
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (Progress{T} posts to the pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
