// HttpClient calls here finish with the in-process engine; no test cancellation token is needed.
#pragma warning disable xUnit1051

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Simulator.EngineApi;
using Simulator.Tests.Cli;

namespace Simulator.Tests.EngineApi;

/// <summary>
/// <c>docker inspect</c> prints what the daemon returns, indented (docker/cli cli/command/inspect/inspector.go
/// json.MarshalIndent with 4 spaces): the CLI and the Engine API share one builder, so the two agree byte for byte. Expected
/// values: moby api/types (container Config.Hostname defaults to the short ID; network EnableIPv4 is libnetwork's default true,
/// for host and none too; Go writes map keys sorted).
/// </summary>
public sealed class ApiDocumentsTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<string> ApiAsync(HttpClient client, string path)
    {
        var node = JsonNode.Parse(await client.GetStringAsync(path))!;
        return new JsonArray(node).ToJsonString(Indented) + "\n";
    }

    [Theory]
    [InlineData("inspect", "web", "/containers/web/json")]
    [InlineData("inspect", "made", "/containers/made/json")]
    [InlineData("image inspect", "alpine", "/images/alpine/json")]
    [InlineData("network inspect", "host", "/networks/host")]
    [InlineData("network inspect", "bridge", "/networks/bridge")]
    [InlineData("volume inspect", "data", "/volumes/data")]
    public async Task Cli_inspect_prints_the_api_document_indented(string command, string name, string path)
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("volume", "create", "data");
        await f.RunAsync("run", "-d", "--name", "web", "-l", "z=1", "-l", "a=2", "-p", "8080:80", "-v", "data:/data", "-v", "/anon", "alpine", "sleep", "300");
        await f.RunAsync("create", "--name", "made", "alpine", "true");
        using var api = new EngineApiHandler(f.Engine);
        using var client = new HttpClient(api) { BaseAddress = new Uri("http://docker.sim/") };

        var cli = await f.RunAsync([.. command.Split(' '), name]);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(await ApiAsync(client, path), cli.Stdout);
    }

    [Fact]
    public async Task Container_document_fields_where_the_builders_used_to_disagree()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("run", "-d", "--name", "web", "-l", "z=1", "-l", "a=2", "alpine", "sleep", "300");
        var id = f.Engine.Containers.Inspect("web").Id;
        var r = await f.RunAsync("inspect", "-f", "{{.Config.Hostname}} {{.HostConfig.NetworkMode}} {{json .Config.Labels}} {{.Name}}", "web");
        Assert.Equal(id[..12] + " bridge {\"a\":\"2\",\"z\":\"1\"} /web\n", r.Stdout);
        Assert.Equal("true true\n", (await f.RunAsync("network", "inspect", "-f", "{{.EnableIPv4}}", "host", "none")).Stdout.Replace("\n", " ", StringComparison.Ordinal).TrimEnd() + "\n");
    }
}
