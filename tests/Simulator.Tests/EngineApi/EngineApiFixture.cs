// HttpClient calls here finish with the in-process engine; no test cancellation token is needed.
#pragma warning disable xUnit1051

using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Simulator.EngineApi;

namespace Simulator.Tests.EngineApi;

/// <summary>An engine on a fake clock with an <see cref="HttpClient"/> over its <see cref="EngineApiHandler"/>.</summary>
internal sealed class EngineApiFixture : IDisposable
{
    public EngineApiFixture()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        Engine = new DockerSimulator(new DockerSimulatorOptions { TimeProvider = Time, Seed = 7 });
        Handler = new EngineApiHandler(Engine);
        Client = new HttpClient(Handler, disposeHandler: false) { BaseAddress = new Uri("http://docker.sim/") };
    }

    public FakeTimeProvider Time { get; }

    public DockerSimulator Engine { get; }

    public EngineApiHandler Handler { get; }

    public HttpClient Client { get; }

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task<(int Status, JsonElement Json)> SendJsonAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonBody(body) };
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<string> CreateAsync(string body, string query = "")
    {
        var (status, json) = await SendJsonAsync(HttpMethod.Post, "/v1.50/containers/create" + query, body);
        Assert.True(status == 201, json.ToString());
        return json.GetProperty("Id").GetString()!;
    }

    public async Task PullAsync(string image)
    {
        using var response = await Client.PostAsync("/v1.50/images/create?fromImage=" + Uri.EscapeDataString(image), null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.DoesNotContain("\"error\"", text, StringComparison.Ordinal);
    }

    /// <summary>Splits an 8-byte-header multiplexed stream into (stream, text) frames.</summary>
    public static List<(int Stream, string Text)> Demux(byte[] data)
    {
        var frames = new List<(int, string)>();
        int i = 0;
        while (i + 8 <= data.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(i + 4));
            frames.Add((data[i], Encoding.UTF8.GetString(data, i + 8, length)));
            i += 8 + length;
        }

        Assert.Equal(data.Length, i);
        return frames;
    }

    public static HttpRequestMessage Upgrade(HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonBody(body) };
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("tcp"));
        return request;
    }

    public void Dispose()
    {
        Client.Dispose();
        Handler.Dispose();
    }
}
