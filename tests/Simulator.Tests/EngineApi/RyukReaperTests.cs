// HttpClient calls here finish with the in-process engine; no test cancellation token is needed.
#pragma warning disable xUnit1051

using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Simulator.Containers;
using Simulator.EngineApi;

namespace Simulator.Tests.EngineApi;

/// <summary>
/// The simulated Testcontainers resource reaper: a running <c>testcontainers/ryuk</c> container's published 8080 speaks ryuk's
/// protocol on a real loopback port. Expected behaviour and texts: testcontainers/moby-ryuk reaper.go (<c>ACK\n</c> per filter
/// line, none for an empty line; containers forced with volumes, then networks, volumes; ryuk's own container skipped), its
/// slog start lines, and Testcontainers' ResourceReaper.cs (the <c>label=...</c> line it sends, the <c>Started</c> it waits for).
/// </summary>
public sealed class RyukReaperTests
{
    private const string Session = "org.testcontainers.resource-reaper-session=5f0c2e6a-0b1d-4c8e-9a4e-3c1d2b7e8f90";

    [Fact]
    public async Task Ryuk_acks_filters_and_reaps_the_labelled_resources_when_its_client_leaves()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var engine = new DockerSimulator(new DockerSimulatorOptions { TimeProvider = time, Seed = 4242 });
        using var forwarder = new PublishedPortForwarder(new EngineApiHandler(engine));
        using var client = new HttpClient(forwarder, disposeHandler: false) { BaseAddress = new Uri("http://docker.sim/") };
        await PostAsync(client, "/images/create?fromImage=alpine&tag=3.20", null);
        await PostAsync(client, "/images/create?fromImage=testcontainers%2Fryuk&tag=0.14.0", null);

        // What Testcontainers labels its resources with, and what it leaves alone.
        var labels = "{\"org.testcontainers\":\"true\",\"org.testcontainers.resource-reaper-session\":\"5f0c2e6a-0b1d-4c8e-9a4e-3c1d2b7e8f90\"}";
        await PostAsync(client, "/volumes/create", "{\"Name\":\"tc-data\",\"Labels\":" + labels + "}");
        await PostAsync(client, "/volumes/create", "{\"Name\":\"keep-data\"}");
        await PostAsync(client, "/networks/create", "{\"Name\":\"tc-net\",\"Labels\":" + labels + "}");
        var doomed = Id(await PostAsync(client, "/containers/create?name=tc-app", "{\"Image\":\"alpine:3.20\",\"Cmd\":[\"sleep\",\"3600\"],\"Volumes\":{\"/data\":{}},\"Labels\":" + labels + "}"));
        await PostAsync(client, "/containers/" + doomed + "/start", null);
        var kept = Id(await PostAsync(client, "/containers/create?name=other", "{\"Image\":\"alpine:3.20\",\"Cmd\":[\"sleep\",\"3600\"]}"));
        var ryuk = Id(await PostAsync(client, "/containers/create?name=testcontainers-ryuk-5f0c2e6a", "{\"Image\":\"testcontainers/ryuk:0.14.0\",\"Env\":[\"RYUK_RECONNECTION_TIMEOUT=0s\"],\"Labels\":" + labels +
            ",\"ExposedPorts\":{\"8080/tcp\":{}},\"HostConfig\":{\"AutoRemove\":true,\"PortBindings\":{\"8080/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}]}}}"));
        await PostAsync(client, "/containers/" + ryuk + "/start", null);

        // ryuk's slog lines; Testcontainers waits for "Started".
        var logs = engine.Containers.LogsText(ryuk);
        Assert.Contains("level=INFO msg=Started address=[::]:8080\n", logs, StringComparison.Ordinal);
        Assert.StartsWith("time=2026-11-01T12:00:00.000Z level=INFO msg=starting connection_timeout=1m0s reconnection_timeout=10s", logs, StringComparison.Ordinal);

        var port = int.Parse(engine.Containers.Inspect(ryuk).NetworkSettings.Ports["8080/tcp"]![0].HostPort, System.Globalization.CultureInfo.InvariantCulture);
        var removed = engine.Containers.WaitAsync(ryuk, WaitCondition.Removed, TestContext.Current.CancellationToken);
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("\nlabel=" + Session + "\n"), TestContext.Current.CancellationToken);
            var ack = new byte[16];
            int n = await stream.ReadAsync(ack, TestContext.Current.CancellationToken);
            Assert.Equal("ACK\n", Encoding.ASCII.GetString(ack, 0, n));
            Assert.True(engine.Containers.TryInspect(doomed, out _));
        }

        // The client left; with no reconnection allowed the reaper prunes, then ryuk exits and is auto-removed.
        await removed;
        Assert.False(engine.Containers.TryInspect(doomed, out _));
        Assert.True(engine.Containers.TryInspect(kept, out _));
        Assert.Equal(["keep-data"], engine.Volumes.List().Select(v => v.Name));
        Assert.DoesNotContain(engine.Containers.Networks.List(), n => n.Name == "tc-net");
    }

    private static string Id(JsonElement json) => json.GetProperty("Id").GetString()!;

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, string? body)
    {
        using var response = await client.PostAsync(path, body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, path + ": " + text);
        // Pull answers with a stream of JSON lines; the others with one object.
        return text.Length == 0 || text[0] != '{' || text.TrimEnd().Contains('\n', StringComparison.Ordinal) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
