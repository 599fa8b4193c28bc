// HttpClient calls here finish with the in-process engine; no test cancellation token is needed.
#pragma warning disable xUnit1051

using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Simulator.EngineApi.Internal;

namespace Simulator.Tests.EngineApi;

/// <summary>
/// The handler's plumbing kept byte-for-byte while made cheaper: response bodies are encoded as <c>ToJsonString</c> plus
/// Go's newline, routes skip on their literal prefix without changing which route matches, and request bodies are parsed
/// with pooled buffers returned.
/// </summary>
public sealed class EngineApiPlumbingTests
{
    [Fact]
    public void Encode_writes_the_bytes_of_ToJsonString_and_a_newline()
    {
        // Strings with HTML-sensitive and non-ASCII characters are escaped by the default encoder either way.
        Gen.Select(Gen.String, Gen.String, Gen.Int).Sample((k, v, n) =>
        {
            var node = new JsonObject { [k.Length == 0 ? "k" : k] = v, ["n"] = n, ["a"] = new JsonArray(v, null, true), ["o"] = new JsonObject() };
            return ApiJson.Encode(node).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(node.ToJsonString(ApiJson.Compact) + "\n"));
        });
        Assert.Equal("null\n", Encoding.UTF8.GetString(ApiJson.Encode(null)));

        // Too deep for the serializer's writer (64 levels): the same outcome as ToJsonString, and the next encoding is clean.
        JsonNode deep = new JsonArray();
        for (var i = 0; i < 70; i++)
        {
            deep = new JsonArray(deep);
        }

        var expected = Record.Exception(() => deep.ToJsonString(ApiJson.Compact));
        var actual = Record.Exception(() => ApiJson.Encode(deep));
        Assert.Equal(expected?.GetType(), actual?.GetType());
        Assert.Equal("{\"a\":1}\n", Encoding.UTF8.GetString(ApiJson.Encode(new JsonObject { ["a"] = 1 })));
        Assert.Equal("{\"message\":\"\\u003Cnone\\u003E \\u0026 caf\\u00E9\"}\n", Encoding.UTF8.GetString(ApiJson.Encode(new JsonObject { ["message"] = "<none> & café" })));
    }

    [Theory]
    [InlineData("POST", "/v1.50/containers/create/start", 404)] // the id "create": no such container
    [InlineData("GET", "/v1.50/containers/json", 200)]
    [InlineData("GET", "/v1.50/containers/jsonx", 404)]
    [InlineData("GET", "/v1.50/containers/json/extra", 404)]
    [InlineData("GET", "/v1.50/images/library/alpine/json", 404)] // name with a slash: the image route, no such image
    [InlineData("PUT", "/v1.50/containers/json", 404)]
    [InlineData("GET", "/v1.50/volumes", 200)]
    [InlineData("GET", "/v1.50/volumesx", 404)]
    public async Task Routes_match_as_their_anchored_patterns(string method, string path, int expected)
    {
        using var f = new EngineApiFixture();
        var (status, json) = await f.SendJsonAsync(new HttpMethod(method), path);
        Assert.Equal(expected, status);
        if (path.EndsWith("x", StringComparison.Ordinal) || path.EndsWith("extra", StringComparison.Ordinal) || method == "PUT")
        {
            Assert.Equal("page not found", json.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Create_bodies_parse_the_same_when_sent_many_times()
    {
        using var f = new EngineApiFixture();
        await f.PullAsync("alpine");
        for (var i = 0; i < 50; i++)
        {
            var id = await f.CreateAsync($$$"""{"Image":"alpine","Cmd":["echo","{{{i}}}"],"Labels":{"n":"{{{i}}}"}}""");
            var (status, json) = await f.SendJsonAsync(HttpMethod.Get, $"/v1.50/containers/{id}/json");
            Assert.Equal(200, status);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("Config").GetProperty("Cmd")[1].GetString());
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("Config").GetProperty("Labels").GetProperty("n").GetString());
        }
    }
    [Fact]
    public async Task Create_bodies_are_one_json_value_as_gos_decoder_reads_them()
    {
        using var f = new EngineApiFixture();
        await f.PullAsync("alpine");
        var id = await f.CreateAsync(" \n {\"Image\":\"alpine\",\"Cmd\":[\"true\"],\"HostConfig\":{\"Binds\":null}} \r\n");
        var (status, json) = await f.SendJsonAsync(HttpMethod.Get, $"/v1.50/containers/{id}/json");
        Assert.Equal(200, status);
        Assert.Equal("true", json.GetProperty("Config").GetProperty("Cmd")[0].GetString());

        // encoding/json's checkValid: anything after the value is refused before decoding (moby: "invalid JSON: ...").
        var before = f.Engine.Containers.List(all: true).Count;
        (status, json) = await f.SendJsonAsync(HttpMethod.Post, "/v1.50/containers/create", "{\"Image\":\"alpine\"} x");
        Assert.Equal(400, status);
        Assert.Equal("invalid JSON: invalid character 'x' after top-level value", json.GetProperty("message").GetString());
        Assert.Equal(before, f.Engine.Containers.List(all: true).Count);
    }
}
