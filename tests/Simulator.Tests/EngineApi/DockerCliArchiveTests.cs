// The real docker CLI runs in real time against the server; no test cancellation token is needed for its steps.
#pragma warning disable xUnit1051

using System.Diagnostics;
using Simulator.Containers;
using Simulator.EngineApi;

namespace Simulator.Tests.EngineApi;

/// <summary>
/// <c>docker cp</c> both ways and <c>docker export</c> with the real docker CLI 28.2.2 (<c>/usr/local/bin/docker</c>) against
/// <see cref="EngineApiServer"/> on a Unix socket: the CLI's HEAD/GET/PUT of <c>/containers/{id}/archive</c> with the
/// <c>X-Docker-Container-Path-Stat</c> header. Expected outputs: what the 28.2.2 client prints (its error line is
/// <c>Error response from daemon: </c> plus moby's <c>Could not find the file /nope in container box</c>, exit 1).
/// </summary>
public sealed class DockerCliArchiveTests
{
    private const string DockerBinary = "/usr/local/bin/docker";

    [Fact]
    public async Task Docker_cp_both_ways_and_export_with_the_real_cli()
    {
        Assert.SkipUnless(File.Exists(DockerBinary), "no docker CLI at " + DockerBinary);
        var engine = new DockerSimulator(new DockerSimulatorOptions { Seed = 77 });
        await engine.PullAsync("alpine");
        var id = engine.Containers.Create(new ContainerConfig("alpine") { Cmd = ["sleep", "3600"] }, name: "box");
        await engine.Containers.StartAsync(id);
        var dir = Directory.CreateTempSubdirectory("dsim-cp-");
        try
        {
            var socket = Path.Combine(dir.FullName, "docker.sock");
            await using var server = EngineApiServer.ListenUnix(new EngineApiHandler(engine), socket);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "app.conf"), "port=80\n");

            var up = await DockerAsync(dir.FullName, socket, "cp", Path.Combine(dir.FullName, "app.conf"), "box:/tmp/");
            Assert.Equal((0, ""), (up.Code, up.Stderr));
            Assert.Equal("port=80\n", engine.Containers.GetRootFileSystem(id).ReadAllText("/tmp/app.conf"));

            var down = await DockerAsync(dir.FullName, socket, "cp", "box:/tmp/app.conf", Path.Combine(dir.FullName, "back.conf"));
            Assert.Equal((0, ""), (down.Code, down.Stderr));
            Assert.Equal("port=80\n", await File.ReadAllTextAsync(Path.Combine(dir.FullName, "back.conf")));

            var missing = await DockerAsync(dir.FullName, socket, "cp", "box:/nope", Path.Combine(dir.FullName, "x"));
            Assert.Equal((1, "Error response from daemon: Could not find the file /nope in container box\n"), (missing.Code, missing.Stderr));

            var export = await DockerAsync(dir.FullName, socket, "export", "-o", Path.Combine(dir.FullName, "box.tar"), "box");
            Assert.Equal((0, ""), (export.Code, export.Stderr));
            Assert.True(new FileInfo(Path.Combine(dir.FullName, "box.tar")).Length > 10_000);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> DockerAsync(string home, string socket, params string[] args)
    {
        var info = new ProcessStartInfo(DockerBinary, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = home };
        info.Environment["DOCKER_HOST"] = "unix://" + socket;
        info.Environment["DOCKER_CONFIG"] = Path.Combine(home, ".docker");
        info.Environment["HOME"] = home;
        info.Environment.Remove("DOCKER_CONTEXT");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
