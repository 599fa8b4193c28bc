using System.Net;
using Microsoft.Extensions.Time.Testing;
using Simulator.Containers;
using Simulator.Processes;

namespace Simulator.Tests.Processes;

/// <summary>A program a test registers on <see cref="DockerSimulator.Programs"/> runs in a container: it sees the image's files and the container's changes, and serves a published port.</summary>
public sealed class RegisteredProgramContainerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_registered_server_reads_container_files_and_answers_on_its_published_port()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var sim = new DockerSimulator(new DockerSimulatorOptions { Seed = 1, TimeProvider = time });
        await sim.PullAsync("alpine", Ct);
        sim.Programs.Register("/app/server", async ctx =>
        {
            var release = ctx.FileSystem.ReadAllText("/etc/alpine-release").Trim();
            ctx.FileSystem.WriteAllText("/tmp/started", "pid " + ctx.Pid + "\n");
            using var listener = ctx.ListenHttp(8080, (request, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"alpine {release}, {request.Method} {request.RequestUri!.AbsolutePath} from {request.GetRemoteAddress()}, greeting {ctx.GetEnv("GREETING")}"),
            }));
            await ctx.WriteAsync("listening on 8080\n");
            var signal = await ctx.WaitForSignalAsync();
            await ctx.WriteAsync($"stopping on {signal}\n");
            return 0;
        });

        var id = sim.Containers.Create(
            new ContainerConfig("alpine") { Cmd = ["/app/server"], Env = ["GREETING=hi"] },
            new HostConfig { PortBindings = ["8080:8080"] },
            "app");
        await sim.Containers.StartAsync(id, Ct);
        using var client = sim.Network.CreateHttpClient();
        var body = await GetWhenUpAsync(client, "http://localhost:8080/hello");
        Assert.StartsWith("alpine 3.", body, StringComparison.Ordinal);
        // The host reaches a published port through the bridge gateway (moby's userland proxy / NAT).
        Assert.EndsWith(", GET /hello from 172.17.0.1, greeting hi", body, StringComparison.Ordinal);

        // The file the program wrote is in the container's filesystem: docker exec sees it.
        var exec = await sim.Containers.ExecAsync(id, new ExecConfig(["cat", "/tmp/started"]), Ct);
        Assert.Equal("pid 1\n", exec.Stdout);

        await sim.Containers.StopAsync(id, cancellationToken: Ct);
        Assert.Equal("listening on 8080\nstopping on " + Signal.Term + "\n", sim.Containers.LogsText(id));
        Assert.Equal(0, (await sim.Containers.WaitAsync(id, cancellationToken: Ct)).StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync("http://localhost:8080/hello", Ct));
    }

    private static async Task<string> GetWhenUpAsync(HttpClient client, string url)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await client.GetStringAsync(url, Ct);
            }
            catch (HttpRequestException) when (i < 4000)
            {
                // The program has not reached ListenHttp yet.
                await Task.Delay(5, Ct);
            }
        }
    }
}
