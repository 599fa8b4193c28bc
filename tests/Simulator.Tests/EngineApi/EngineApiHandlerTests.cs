// HttpClient calls here finish with the in-process engine; no test cancellation token is needed.
#pragma warning disable xUnit1051

using System.Net;
using System.Text;
using System.Text.Json;
using Simulator.EngineApi;

namespace Simulator.Tests.EngineApi;

/// <summary>
/// The Engine API over HTTP in process. Expected shapes and texts: the API reference v1.50 and moby's api/server
/// (version middleware, errors as {"message"}), and ../shared/ENGINE-API.md (observed on the wire from Docker 28).
/// </summary>
public sealed class EngineApiHandlerTests
{
    [Fact]
    public async Task Ping_answers_OK_with_the_negotiation_headers_and_HEAD_has_no_body()
    {
        using var f = new EngineApiFixture();
        using var get = await f.Client.GetAsync("/_ping");
        Assert.Equal("OK", await get.Content.ReadAsStringAsync());
        Assert.Equal("1.50", get.Headers.GetValues("Api-Version").Single());
        Assert.Equal("linux", get.Headers.GetValues("Ostype").Single());
        Assert.Equal("false", get.Headers.GetValues("Docker-Experimental").Single());
        Assert.Equal("1", get.Headers.GetValues("Builder-Version").Single());

        using var head = await f.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1.44/_ping"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/v1.23/version", "client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version")]
    [InlineData("/v1.51/version", "client version 1.51 is too new. Maximum supported API version is 1.50")]
    [InlineData("/v1.50/nothing/here", "page not found")]
    public async Task Bad_versions_and_unknown_routes_get_dockers_errors(string path, string message)
    {
        using var f = new EngineApiFixture();
        var (status, json) = await f.SendJsonAsync(HttpMethod.Get, path);
        Assert.Equal(path.Contains("nothing", StringComparison.Ordinal) ? 404 : 400, status);
        Assert.Equal(message, json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Version_carries_what_the_cli_and_testcontainers_read()
    {
        using var f = new EngineApiFixture();
        var (status, json) = await f.SendJsonAsync(HttpMethod.Get, "/version");
        Assert.Equal(200, status);
        Assert.Equal("linux", json.GetProperty("Os").GetString());
        Assert.Equal("1.50", json.GetProperty("ApiVersion").GetString());
        Assert.Equal("28.2.2", json.GetProperty("Version").GetString());
        var engine = json.GetProperty("Components")[0];
        Assert.Equal("Engine", engine.GetProperty("Name").GetString());
        Assert.Equal("amd64", engine.GetProperty("Details").GetProperty("Arch").GetString());
    }

    [Fact]
    public async Task Create_of_a_missing_image_is_404_No_such_image_which_makes_the_cli_pull()
    {
        using var f = new EngineApiFixture();
        var (status, json) = await f.SendJsonAsync(HttpMethod.Post, "/v1.50/containers/create", """{"Image":"alpine","Cmd":["echo","hi"]}""");
        Assert.Equal(404, status);
        Assert.Equal("No such image: alpine:latest", json.GetProperty("message").GetString());
        Assert.Equal(0, f.Engine.Containers.Count);
    }

    [Fact]
    public async Task Malformed_json_is_400_with_gos_text_and_creates_nothing()
    {
        using var f = new EngineApiFixture();
        var (status, json) = await f.SendJsonAsync(HttpMethod.Post, "/containers/create", "{x");
        Assert.Equal(400, status);
        Assert.Equal("invalid JSON: invalid character 'x' looking for beginning of object key string", json.GetProperty("message").GetString());
        Assert.Equal(0, f.Engine.Containers.Count);
    }

    [Fact]
    public async Task Pull_streams_ndjson_progress_as_dockerd()
    {
        using var f = new EngineApiFixture();
        using var response = await f.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1.50/images/create?fromImage=docker.io%2Flibrary%2Falpine&tag=latest"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();

        // ENGINE-API.md section 1: {"status":"Pulling from library/alpine","id":"latest"}, layer lines with an id, "Digest: ...", "Status: ...".
        Assert.Equal("Pulling from library/alpine", lines[0].GetProperty("status").GetString());
        Assert.Equal("latest", lines[0].GetProperty("id").GetString());
        Assert.Contains(lines, l => l.GetProperty("status").GetString() == "Pull complete" && l.GetProperty("id").GetString()!.Length == 12);
        Assert.StartsWith("Digest: sha256:", lines[^2].GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal("Status: Downloaded newer image for alpine:latest", lines[^1].GetProperty("status").GetString());
        Assert.True(f.Engine.Images.TryGet("alpine", out _));
    }

    [Fact]
    public async Task Pull_of_an_unknown_repository_is_an_http_error()
    {
        using var f = new EngineApiFixture();
        var (status, json) = await f.SendJsonAsync(HttpMethod.Post, "/images/create?fromImage=nosuchthing&tag=latest");
        Assert.Equal(404, status);
        Assert.Equal("pull access denied for nosuchthing, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Run_sequence_create_wait_start_logs_remove()
    {
        using var f = new EngineApiFixture();
        await f.PullAsync("alpine:latest");
        var id = await f.CreateAsync("""{"Image":"alpine","Cmd":["sh","-c","echo hello; echo oops >&2; exit 3"],"AttachStdout":true,"AttachStderr":true}""", "?name=web");
        Assert.Matches("^[0-9a-f]{64}$", id);

        // The CLI's order: wait's headers first, then start (ENGINE-API.md section 2.4).
        using var wait = await f.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1.50/containers/web/wait?condition=next-exit"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, wait.StatusCode);
        using var start = await f.Client.PostAsync("/v1.50/containers/web/start", null);
        Assert.Equal(HttpStatusCode.NoContent, start.StatusCode);
        Assert.Equal("{\"StatusCode\":3}\n", await wait.Content.ReadAsStringAsync());

        using var logs = await f.Client.GetAsync("/containers/" + id[..12] + "/logs?stdout=1&stderr=1");
        Assert.Equal("application/vnd.docker.multiplexed-stream", logs.Content.Headers.ContentType!.MediaType);
        var frames = EngineApiFixture.Demux(await logs.Content.ReadAsByteArrayAsync());
        Assert.Equal([(1, "hello\n"), (2, "oops\n")], frames);

        var (_, inspect) = await f.SendJsonAsync(HttpMethod.Get, "/containers/web/json");
        Assert.Equal("exited", inspect.GetProperty("State").GetProperty("Status").GetString());
        Assert.Equal(3, inspect.GetProperty("State").GetProperty("ExitCode").GetInt32());
        Assert.Equal("/web", inspect.GetProperty("Name").GetString());

        var (_, list) = await f.SendJsonAsync(HttpMethod.Get, "/containers/json?all=1");
        Assert.Equal(["/web"], list[0].GetProperty("Names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("exited", list[0].GetProperty("State").GetString());
        var (_, running) = await f.SendJsonAsync(HttpMethod.Get, "/containers/json");
        Assert.Equal(0, running.GetArrayLength());

        using var remove = await f.Client.DeleteAsync("/containers/web?v=1");
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        var (status, error) = await f.SendJsonAsync(HttpMethod.Delete, "/containers/web");
        Assert.Equal(404, status);
        Assert.Equal("No such container: web", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Attach_upgrades_to_101_and_streams_the_run_then_closes()
    {
        using var f = new EngineApiFixture();
        await f.PullAsync("alpine");
        var id = await f.CreateAsync("""{"Image":"alpine","Cmd":["/bin/echo","hello","world"]}""");
        using var attach = await f.Client.SendAsync(EngineApiFixture.Upgrade(HttpMethod.Post, $"/v1.50/containers/{id}/attach?stderr=1&stdout=1&stream=1"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, attach.StatusCode);
        Assert.Equal("tcp", attach.Headers.Upgrade.Single().Name);
        var connection = ((UpgradedContent)attach.Content).OpenClientStream();
        connection.CloseWrite();
        using var start = await f.Client.PostAsync($"/containers/{id}/start", null);
        var output = new MemoryStream();
        await connection.CopyToAsync(output);
        Assert.Equal([(1, "hello world\n")], EngineApiFixture.Demux(output.ToArray()));
    }

    [Fact]
    public async Task Exec_create_start_inspect()
    {
        using var f = new EngineApiFixture();
        await f.PullAsync("alpine");
        var id = await f.CreateAsync("""{"Image":"alpine","Cmd":["sleep","3600"]}""");
        (await f.Client.PostAsync($"/containers/{id}/start", null)).Dispose();
        var (status, created) = await f.SendJsonAsync(HttpMethod.Post, $"/containers/{id}/exec", """{"AttachStdout":true,"AttachStderr":true,"TTY":false,"Cmd":["sh","-c","echo out; echo err >&2; exit 4"]}""");
        Assert.Equal(201, status);
        var execId = created.GetProperty("Id").GetString()!;

        using var start = await f.Client.SendAsync(EngineApiFixture.Upgrade(HttpMethod.Post, $"/exec/{execId}/start", """{"Detach":false,"Tty":false}"""), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, start.StatusCode);
        var output = new MemoryStream();
        await (await start.Content.ReadAsStreamAsync()).CopyToAsync(output);
        Assert.Equal([(1, "out\n"), (2, "err\n")], EngineApiFixture.Demux(output.ToArray()));

        var (_, inspect) = await f.SendJsonAsync(HttpMethod.Get, $"/exec/{execId}/json");
        Assert.Equal(4, inspect.GetProperty("ExitCode").GetInt32());
        Assert.False(inspect.GetProperty("Running").GetBoolean());
        Assert.Equal(id, inspect.GetProperty("ContainerID").GetString());

        var (notFound, error) = await f.SendJsonAsync(HttpMethod.Get, "/exec/nope/json");
        Assert.Equal(404, notFound);
        Assert.Equal("No such exec instance: nope", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Exec_in_a_stopped_container_is_409()
    {
        using var f = new EngineApiFixture();
        await f.PullAsync("alpine");
        var id = await f.CreateAsync("""{"Image":"alpine","Cmd":["true"]}""");
        var (status, error) = await f.SendJsonAsync(HttpMethod.Post, $"/containers/{id}/exec", """{"Cmd":["ls"]}""");
        Assert.Equal(409, status);
        Assert.Equal($"container {id} is not running", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Volumes_create_list_inspect_remove()
    {
        using var f = new EngineApiFixture();
        var (status, created) = await f.SendJsonAsync(HttpMethod.Post, "/volumes/create", """{"Name":"data","Labels":{"a":"b"}}""");
        Assert.Equal(201, status);
        Assert.Equal("/var/lib/docker/volumes/data/_data", created.GetProperty("Mountpoint").GetString());
        var (_, list) = await f.SendJsonAsync(HttpMethod.Get, "/volumes");
        Assert.Equal("data", list.GetProperty("Volumes")[0].GetProperty("Name").GetString());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("Warnings").ValueKind);
        var (_, filtered) = await f.SendJsonAsync(HttpMethod.Get, "/volumes?filters=" + Uri.EscapeDataString("""{"label":["a=c"]}"""));
        Assert.Equal(0, filtered.GetProperty("Volumes").GetArrayLength());
        using var remove = await f.Client.DeleteAsync("/volumes/data");
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        var (missing, error) = await f.SendJsonAsync(HttpMethod.Get, "/volumes/data");
        Assert.Equal(404, missing);
        Assert.Equal("get data: no such volume", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Port_bindings_publish_on_start_as_testcontainers_asks()
    {
        using var f = new EngineApiFixture();
        await f.PullAsync("nginx");
        var id = await f.CreateAsync("""{"Image":"nginx","ExposedPorts":{"80/tcp":{}},"Labels":{"org.testcontainers":"true"},"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":""}]}}}""");
        (await f.Client.PostAsync($"/containers/{id}/start", null)).Dispose();
        var (_, inspect) = await f.SendJsonAsync(HttpMethod.Get, $"/containers/{id}/json");
        var bindings = inspect.GetProperty("NetworkSettings").GetProperty("Ports").GetProperty("80/tcp");
        Assert.Equal(2, bindings.GetArrayLength());
        Assert.Equal("0.0.0.0", bindings[0].GetProperty("HostIp").GetString());
        Assert.NotEmpty(bindings[0].GetProperty("HostPort").GetString()!);
        Assert.Equal("172.17.0.1", inspect.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty("bridge").GetProperty("Gateway").GetString());
        Assert.True(inspect.GetProperty("State").GetProperty("Running").GetBoolean());
        var (_, list) = await f.SendJsonAsync(HttpMethod.Get, "/containers/json?filters=" + Uri.EscapeDataString("""{"label":{"org.testcontainers=true":true}}"""));
        Assert.Equal(1, list.GetArrayLength());
        using var again = await f.Client.PostAsync($"/containers/{id}/start", null);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        using var stop = await f.Client.DeleteAsync($"/containers/{id}?force=1&v=1");
        Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
    }

    [Fact]
    public async Task Commit_tag_history_and_image_delete()
    {
        using var f = new EngineApiFixture();
        await f.PullAsync("busybox");
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["true"]}""", "?name=dbdata");
        var (status, commit) = await f.SendJsonAsync(HttpMethod.Post, "/commit?author=&comment=&container=dbdata&repo=docker.io%2Fmy%2Falpine&tag=latest");
        Assert.Equal(201, status);
        var imageId = commit.GetProperty("Id").GetString()!;
        Assert.StartsWith("sha256:", imageId, StringComparison.Ordinal);
        using var tag = await f.Client.PostAsync("/images/my/alpine/tag?repo=localhost:5000/my/alpine&tag=v1", null);
        Assert.Equal(HttpStatusCode.Created, tag.StatusCode);
        var (_, inspect) = await f.SendJsonAsync(HttpMethod.Get, "/images/localhost:5000/my/alpine:v1/json");
        Assert.Equal(imageId, inspect.GetProperty("Id").GetString());
        var (_, history) = await f.SendJsonAsync(HttpMethod.Get, "/images/my/alpine/history");
        Assert.Equal(imageId, history[0].GetProperty("Id").GetString());
        var (deleted, records) = await f.SendJsonAsync(HttpMethod.Delete, "/images/localhost:5000/my/alpine:v1");
        Assert.Equal(200, deleted);
        Assert.Equal("localhost:5000/my/alpine:v1", records[0].GetProperty("Untagged").GetString());
        Assert.NotNull(id);
    }
}
