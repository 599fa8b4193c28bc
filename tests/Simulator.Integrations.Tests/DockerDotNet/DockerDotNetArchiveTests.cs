// Docker.DotNet calls finish with the in-process engine; no test cancellation token is needed.
#pragma warning disable xUnit1051

using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Time.Testing;
using Simulator.DockerDotNet;

namespace Simulator.Integrations.Tests.DockerDotNet;

/// <summary>
/// The archive endpoints (<c>docker cp</c>), export and exec's live output through Docker.DotNet in process. Expected
/// texts and shapes: moby daemon/server/router/container/copy.go (path stat header, <c>bad parameter: path cannot be
/// empty</c>), daemon/archive_unix.go (<c>Could not find the file /x in container c</c>), the API reference v1.50.
/// </summary>
public sealed class DockerDotNetArchiveTests
{
    private static DockerSimulator NewEngine() =>
        new(new DockerSimulatorOptions { TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)), Seed = 5 });

    private static async Task<(DockerSimulator Sim, IDockerClient Docker, string Id)> RunningAlpineAsync()
    {
        var sim = NewEngine();
        var docker = sim.CreateDockerClient();
        await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = "alpine", Tag = "latest" }, null, new Progress<JSONMessage>());
        var id = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "alpine", Name = "box", Cmd = ["sleep", "3600"] })).ID;
        await docker.Containers.StartContainerAsync(id, new ContainerStartParameters());
        return (sim, docker, id);
    }

    private static MemoryStream Tar(params (string Name, string Text)[] files)
    {
        var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                });
            }
        }

        ms.Position = 0;
        return ms;
    }

    private static Dictionary<string, string> ReadTar(Stream tar)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } e)
        {
            if (e.DataStream is { } data)
            {
                using var text = new StreamReader(data);
                files[e.Name] = text.ReadToEnd();
            }
            else
            {
                files[e.Name] = "";
            }
        }

        return files;
    }

    [Fact]
    public async Task Put_then_get_archive_round_trips_files_with_the_path_stat()
    {
        var (sim, docker, id) = await RunningAlpineAsync();
        using (docker)
        {
            await docker.Containers.ExtractArchiveToContainerAsync(id, new CopyToContainerParameters { Path = "/tmp" }, Tar(("app.conf", "port=80\n")));
            Assert.Equal("port=80\n", sim.Containers.GetRootFileSystem(id).ReadAllText("/tmp/app.conf"));

            var stat = await docker.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = "/tmp/app.conf" }, statOnly: true);
            Assert.Equal("app.conf", stat.Stat.Name);
            Assert.Equal(8, stat.Stat.Size);
            Assert.Equal(0b110_100_100u, (uint)stat.Stat.Mode);
            Assert.Null(stat.Stream);

            var archive = await docker.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = "/tmp" }, statOnly: false);
            using (archive.Stream)
            {
                // A directory comes rebased on its base name (moby archive.TarWithOptions RebaseNames).
                Assert.Equal("tmp", archive.Stat.Name);
                Assert.Equal("port=80\n", ReadTar(archive.Stream!)["tmp/app.conf"]);
            }
        }
    }

    [Fact]
    public async Task Archive_errors_are_mobys_and_change_nothing()
    {
        var (sim, docker, id) = await RunningAlpineAsync();
        using (docker)
        {
            var before = sim.Containers.Diff(id).Count;
            var missing = await Assert.ThrowsAsync<DockerContainerNotFoundException>(() =>
                docker.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = "/nope" }, statOnly: false));
            Assert.Contains("Could not find the file /nope in container " + id, missing.Message, StringComparison.Ordinal);

            var noDir = await Assert.ThrowsAsync<DockerContainerNotFoundException>(() =>
                docker.Containers.ExtractArchiveToContainerAsync("box", new CopyToContainerParameters { Path = "/nope" }, Tar(("a", "b"))));
            Assert.Contains("Could not find the file /nope in container box", noDir.Message, StringComparison.Ordinal);

            var notDir = await Assert.ThrowsAsync<DockerApiException>(() =>
                docker.Containers.ExtractArchiveToContainerAsync("box", new CopyToContainerParameters { Path = "/etc/hostname" }, Tar(("a", "b"))));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, notDir.StatusCode);
            Assert.Contains("extraction point is not a directory", notDir.Message, StringComparison.Ordinal);

            var noPath = await Assert.ThrowsAsync<DockerApiException>(() =>
                docker.Containers.ExtractArchiveToContainerAsync("box", new CopyToContainerParameters { Path = "" }, Tar(("a", "b"))));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, noPath.StatusCode);
            Assert.Contains("bad parameter: path cannot be empty", noPath.Message, StringComparison.Ordinal);

            var noContainer = await Assert.ThrowsAsync<DockerContainerNotFoundException>(() =>
                docker.Containers.GetArchiveFromContainerAsync("ghost", new ContainerPathStatParameters { Path = "/" }, statOnly: true));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, noContainer.StatusCode);
            Assert.Equal(before, sim.Containers.Diff(id).Count);
        }
    }

    [Fact]
    public async Task Export_is_the_root_filesystem_as_a_tar()
    {
        var (sim, docker, id) = await RunningAlpineAsync();
        using (docker)
        {
            await sim.Containers.ExecAsync(id, new Containers.ExecConfig(["sh", "-c", "echo made > /made.txt"]));
            using var export = await docker.Containers.ExportContainerAsync(id);
            var files = ReadTar(export);
            Assert.Equal("made\n", files["made.txt"]);
            Assert.Contains("etc/os-release", files.Keys);

            // /etc/hostname is the init layer's empty file in an export (moby: the real one is a bind mount).
            Assert.Equal("", files["etc/hostname"]);
        }
    }

    [Fact]
    public async Task Exec_output_arrives_while_the_process_still_runs()
    {
        var (_, docker, id) = await RunningAlpineAsync();
        using (docker)
        {
            var exec = await docker.Exec.CreateContainerExecAsync(id, new ContainerExecCreateParameters
            {
                AttachStdin = true,
                AttachStdout = true,
                AttachStderr = true,
                Cmd = ["cat"],
            });
            using var stream = await docker.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters());
            var first = Encoding.UTF8.GetBytes("one\n");
            await stream.WriteAsync(first, 0, first.Length, TestContext.Current.CancellationToken);

            // cat echoes the first line before stdin ends: the frame is read while the exec is still running.
            var buffer = new byte[64];
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, TestContext.Current.CancellationToken);
            Assert.Equal(MultiplexedStream.TargetStream.StandardOut, read.Target);
            Assert.Equal("one\n", Encoding.UTF8.GetString(buffer, 0, read.Count));
            Assert.True((await docker.Exec.InspectContainerExecAsync(exec.ID)).Running);

            var second = Encoding.UTF8.GetBytes("two\n");
            await stream.WriteAsync(second, 0, second.Length, TestContext.Current.CancellationToken);
            stream.CloseWrite();
            var (rest, _) = await stream.ReadOutputToEndAsync(TestContext.Current.CancellationToken);
            Assert.Equal("two\n", rest);
            var inspect = await docker.Exec.InspectContainerExecAsync(exec.ID);
            Assert.False(inspect.Running);
            Assert.Equal(0, inspect.ExitCode);
        }
    }
}
