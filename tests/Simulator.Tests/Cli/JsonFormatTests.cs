namespace Simulator.Tests.Cli;

/// <summary>
/// <c>--format json</c> lines: Go's json.Marshal of the formatter context (keys sorted, <c>&lt; &gt; &amp;</c> as
/// <c>\u003c \u003e \u0026</c>, other non-ASCII as is). Expected lines: the real docker 28.2.2 client against <c>dsim serve</c>.
/// </summary>
public sealed class JsonFormatTests
{
    [Fact]
    public async Task Ps_json_escapes_html_characters_only_and_has_a_null_platform()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("create", "--name", "jt", "-l", "k=<é>&", "alpine", "true");

        var r = await f.RunAsync("ps", "-a", "--format", "json");

        Assert.Contains("\"Command\":\"\\\"true\\\"\",", r.Stdout);
        Assert.Contains("\"Labels\":\"k=\\u003cé\\u003e\\u0026\",", r.Stdout);
        Assert.Contains("\"Networks\":\"bridge\",\"Platform\":null,\"Ports\":\"\",", r.Stdout);
        Assert.Contains("\"CreatedAt\":\"2026-01-02 03:04:05 +0000 UTC\",", r.Stdout);
    }

    [Fact]
    public async Task Images_json_shows_na_for_what_docker_images_does_not_ask_for()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("create", "alpine", "true");

        var r = await f.RunAsync("images", "--format", "json");

        // image/list.go asks for neither container counts nor shared sizes: the daemon sends -1, formatter/image.go N/A.
        Assert.StartsWith("{\"Containers\":\"N/A\",", r.Stdout);
        Assert.Contains("\"Digest\":\"\\u003cnone\\u003e\",", r.Stdout);
        Assert.Contains("\"SharedSize\":\"N/A\",\"Size\":\"7.8MB\",\"Tag\":\"latest\",\"UniqueSize\":\"N/A\",\"VirtualSize\":\"7.8MB\"}\n", r.Stdout);
        Assert.Equal("N/A\n", (await f.RunAsync("images", "--format", "{{.Containers}}")).Stdout);
    }
}
