using System.Net;
using Simulator.Processes;

namespace Simulator.Tests.Userland;

/// <summary>tar, gzip/gunzip/zcat, wget (without and with a network handler), du, df.</summary>
public sealed class ArchiveAndNetTests
{
    public static TheoryData<string, string> Outputs => new()
    {
        { "echo hello > /tmp/a; gzip /tmp/a; ls /tmp; gunzip /tmp/a.gz; cat /tmp/a", "a.gz\nhello\n" },
        { "echo hi | gzip | gunzip; echo hi | gzip -c | zcat; echo x > /k; gzip -k /k; ls /k /k.gz", "hi\nhi\n/k\n/k.gz\n" },
        { "mkdir -p /src/d; echo one > /src/d/f; echo two > /src/g; ln -s g /src/l; tar -cf /t.tar -C /src .; mkdir /dst; tar -xf /t.tar -C /dst; cat /dst/d/f /dst/g; readlink /dst/l", "one\ntwo\ng\n" },
        { "mkdir -p /s/d; echo z > /s/d/f; cd /s; tar czf /t.tgz d; tar tzf /t.tgz; mkdir /o; cd /o; tar xzf /t.tgz; cat /o/d/f", "d/\nd/f\nz\n" },
        { "mkdir -p /s; echo z > /s/f; tar -cf - -C /s f | tar -xOf -", "z\n" },
        { "mkdir -p /s; touch /s/f; chmod 750 /s/f; tar -cf /t.tar -C / s; rm -r /s; tar -xf /t.tar -C /; stat -c %a /s/f", "750\n" },
        { "mkdir -p /du/a; printf x > /du/a/f; du /du; du -s /du", "8\t/du/a\n12\t/du\n12\t/du\n" },
        { "mkdir -p /v; touch /v/f; tar -cvf /v.tar -C / v; tar -cvf - -C / v 2>/dev/null | tar -tf -", "v/\nv/f\nv/\nv/f\n" },
        { "df | head -n 2", "Filesystem           1K-blocks      Used Available Use% Mounted on\noverlay               61202244  12611432  45469288  22% /\n" },
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task Applet_output(string script, string expected)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal("", r.Err);
        Assert.Equal(expected, r.Out);
    }

    public static TheoryData<string, string, int> Errors => new()
    {
        { "gzip /nope", "gzip: can't open '/nope': No such file or directory\n", 1 },
        { "echo plain > /p; gunzip -c /p", "gunzip: invalid magic\n", 1 },
        { "echo x > /q.gz; gunzip /q.gz", "gunzip: invalid magic\n", 1 },
        { "tar -xf /nope.tar", "tar: can't open '/nope.tar': No such file or directory\n", 1 },
        { "tar -cf /x.tar", "tar: empty archive\n", 1 },
        { "echo a > /a; gunzip /a", "gunzip: /a: unknown suffix - ignored\n", 1 },
        { "echo a | gzip > /a.gz; echo b > /a; gunzip /a.gz", "gunzip: can't open '/a': File exists\n", 1 },
        { "mkdir -p /s; tar -cf /t.tar -C /s .; tar -xf /t.tar nothere", "tar: nothere: not found in archive\n", 1 },
        { "tar -tf /t.tar -C /nodir", "tar: can't change directory to '/nodir': No such file or directory\n", 1 },
        // bb_show_usage with networking/wget.c's //usage: text (Alpine: long options, verbose usage).
        { "wget", "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n\n\t--spider\tOnly check URL existence: $? is 0 if exists\n\t--header STR\tAdd STR (of form 'header: value') to headers\n\t--post-data STR\tSend STR using POST method\n\t--post-file FILE\tSend FILE using POST method\n\t--no-check-certificate\tDon't validate the server's certificate\n\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n\t-T SEC\t\tNetwork read timeout is SEC seconds\n\t-O FILE\t\tSave to FILE ('-' for stdout)\n\t-o LOGFILE\tLog messages to FILE\n\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n", 1 },
        { "wget http://example.com/", "wget: bad address 'example.com'\n", 1 },
        { "wget -q -O - http://localhost:8080/", "wget: can't connect to remote host (127.0.0.1): Connection refused\n", 1 },
        { "wget http://127.0.0.1:8080/x", "Connecting to 127.0.0.1:8080 (127.0.0.1:8080)\nwget: can't connect to remote host (127.0.0.1): Connection refused\n", 1 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Applet_errors(string script, string error, int code)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal((code, error), (r.Code, r.Err));
    }

    [Fact]
    public async Task Wget_uses_the_registry_handler()
    {
        var sandbox = new Sandbox();
        sandbox.Programs.HttpHandler = new StubHandler();
        var r = await sandbox.Sh("cd /tmp && wget http://web:8080/page.html && cat page.html && wget -q -O - http://web:8080/ && wget -q http://web:8080/missing");
        Assert.Equal(1, r.Code);
        Assert.Equal("served /page.html\nserved /\n", r.Out);
        Assert.Equal(
            "Connecting to web:8080 (web:8080)\nsaving to 'page.html'\npage.html            100% |********************************|    18  0:00:00 ETA\n'page.html' saved\n" +
            "wget: server returned error: HTTP/1.1 404 Not Found\n", r.Err);
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(request.RequestUri!.AbsolutePath == "/missing"
                ? new HttpResponseMessage(HttpStatusCode.NotFound) { ReasonPhrase = "Not Found" }
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("served " + request.RequestUri.AbsolutePath + "\n") });
    }
}
