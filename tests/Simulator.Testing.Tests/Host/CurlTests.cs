using System.Net;
using System.Text;
using Simulator.Cli;
using Simulator.Testing.Transcripts;

namespace Simulator.Testing.Tests.Host;

/// <summary>The host's curl against a stub server (the session's HTTP handler replaced): options, output, errors as curl 7.88.1's.</summary>
public sealed class CurlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HostShell NewShell()
    {
        var shell = new HostShell(new DockerSimulator(new DockerSimulatorOptions { TimeProvider = new TranscriptClock(TranscriptRunner.DefaultStartTime) }));
        shell.Programs.HttpHandler = new StubServer();
        return shell;
    }

    [Fact]
    public async Task Body_to_stdout_or_a_file_and_write_out_of_the_status()
    {
        await using var shell = NewShell();

        Assert.Equal((0, "hello\n"), await shell.RunAsync("curl -s http://stub/", Ct));
        Assert.Equal((0, "200"), await shell.RunAsync("curl -s -o /dev/null -w '%{http_code}' http://stub/", Ct));
        Assert.Equal((0, "hello\n"), await shell.RunAsync("curl -so /tmp/page http://stub/ && cat /tmp/page", Ct));
        Assert.Equal((0, "404\n"), await shell.RunAsync("curl -s -o /dev/null -w '%{http_code}\\n' http://stub/missing", Ct));
    }

    [Fact]
    public async Task Fail_on_http_errors_with_f()
    {
        await using var shell = NewShell();

        // curl 7.88.1: -f makes an HTTP error exit 22; -s hides the message, -S shows it.
        Assert.Equal((22, ""), await shell.RunAsync("curl -sf http://stub/missing", Ct));
        Assert.Equal((22, "curl: (22) The requested URL returned error: 404\n"), await shell.RunAsync("curl -sSf http://stub/missing", Ct));
        Assert.Equal((0, "not here\n"), await shell.RunAsync("curl -s http://stub/missing", Ct));
    }

    [Fact]
    public async Task A_file_that_cannot_be_written_is_error_23()
    {
        await using var shell = NewShell();

        // curl 7.88.1 (checked with this machine's curl and a file:// URL).
        Assert.Equal((23, "Warning: Failed to open the file /nonexist/x: No such file or directory\ncurl: (23) Failure writing output to destination\n"),
            await shell.RunAsync("curl -o /nonexist/x http://stub/", Ct));
        Assert.Equal((23, ""), await shell.RunAsync("curl -s -o /nonexist/x http://stub/", Ct));
        Assert.Equal((23, "curl: (23) Failure writing output to destination\n"), await shell.RunAsync("curl -sS -o /nonexist/x http://stub/", Ct));
    }

    [Fact]
    public async Task Headers_with_i_and_I_end_in_crlf()
    {
        await using var shell = NewShell();

        Assert.Equal((0, "HTTP/1.1 200 OK\r\nX-Stub: yes\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n\r\nhello\n"), await shell.RunAsync("curl -si http://stub/", Ct));
        Assert.Equal((0, "HTTP/1.1 200 OK\r\nX-Stub: yes\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\n\r\n"), await shell.RunAsync("curl -sI http://stub/", Ct));
    }

    [Fact]
    public async Task Method_data_headers_and_redirects()
    {
        await using var shell = NewShell();

        Assert.Equal((0, "POST a=1&b=2 y application/x-www-form-urlencoded\n"), await shell.RunAsync("curl -s -d a=1 -d b=2 -H 'X-Test: y' http://stub/echo", Ct));
        Assert.Equal((0, "DELETE \n"), await shell.RunAsync("curl -s -X DELETE http://stub/echo", Ct));
        Assert.Equal((0, ""), await shell.RunAsync("curl -s http://stub/old", Ct));
        Assert.Equal((0, "hello\n"), await shell.RunAsync("curl -sL http://stub/old", Ct));
    }

    private sealed class StubServer : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage Text(HttpStatusCode code, string body)
            {
                var r = new HttpResponseMessage(code) { Content = new StringContent(body, Encoding.UTF8, "text/plain"), RequestMessage = request };
                r.Headers.Add("X-Stub", "yes");
                return r;
            }

            switch (request.RequestUri!.AbsolutePath)
            {
                case "/":
                    return Text(HttpStatusCode.OK, request.Method == HttpMethod.Head ? "" : "hello\n");
                case "/old":
                    var moved = new HttpResponseMessage(HttpStatusCode.MovedPermanently) { Content = new ByteArrayContent([]) };
                    moved.Headers.Location = new Uri("/", UriKind.Relative);
                    return moved;
                case "/echo":
                    var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
                    var header = request.Headers.TryGetValues("X-Test", out var v) ? string.Join(",", v) : "";
                    var type = request.Content?.Headers.ContentType?.MediaType ?? "";
                    return Text(HttpStatusCode.OK, $"{request.Method} {body} {header} {type}".TrimEnd() + (request.Content is null ? " \n" : "\n"));
                default:
                    return Text(HttpStatusCode.NotFound, "not here\n");
            }
        }
    }
}
