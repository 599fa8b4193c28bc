using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Userland;

/// <summary>
/// The <c>nginx</c> program of the stock nginx images (<c>#!simulator nginx</c> at <c>/usr/sbin/nginx</c>): a static
/// file server on port 80 over the in-process network (<see cref="ProcessNetworkExtensions.ListenHttp"/>).
/// </summary>
/// <remarks>
/// <para>Behaviour of nginx 1.27.3 with the image's <c>nginx.conf</c> and <c>conf.d/default.conf</c>: files from
/// <c>/usr/share/nginx/html</c>, <c>index.html</c> (then <c>index.htm</c>) for a directory, a <c>301</c> to the slashed
/// URL for a directory without its slash, nginx's built-in <c>404</c>/<c>405</c> pages (<c>ngx_http_special_response.c</c>),
/// a <c>Server: nginx/1.27.3</c> header. Each request is logged to stdout in the <c>main</c> format (combined plus
/// <c>"$http_x_forwarded_for"</c>) at the clock's time, missing files to stderr as <c>[error]</c>.</para>
/// <para>Options: <c>-g 'directives;'</c> (<c>daemon</c>, <c>pid</c>, <c>user</c>, <c>worker_processes</c>,
/// <c>error_log</c>, <c>master_process</c>, <c>worker_rlimit_nofile</c>...; an unknown one fails with
/// <c>nginx: [emerg] unknown directive "x" in command line</c>), <c>-v</c>, <c>-V</c>, <c>-t</c>, <c>-c</c>,
/// <c>-p</c>. Without <c>daemon off;</c> the master "daemonizes": the process returns 0 at once, as a container's PID 1 does.</para>
/// <para>Signals: <c>SIGQUIT</c> (graceful, the image's StopSignal), <c>SIGTERM</c> and <c>SIGINT</c> (fast) stop
/// serving and exit 0, with nginx's notice lines on stderr.</para>
/// </remarks>
public static class Nginx
{
    /// <summary>The program name (the marker <c>#!simulator nginx</c>).</summary>
    public const string ProgramName = "nginx";

    /// <summary>The version: <c>1.27.3</c>.</summary>
    public const string Version = "1.27.3";

    /// <summary>The document root of <c>conf.d/default.conf</c>.</summary>
    public const string Root = "/usr/share/nginx/html";

    private const string ServerHeader = "nginx/" + Version;

    private static readonly string[] KnownDirectives =
    [
        "daemon", "pid", "user", "worker_processes", "error_log", "master_process", "worker_rlimit_nofile",
        "worker_priority", "worker_cpu_affinity", "env", "load_module", "lock_file", "pcre_jit", "timer_resolution",
        "working_directory", "thread_pool", "ssl_engine", "debug_points", "worker_shutdown_timeout", "include",
    ];

    /// <summary>Registers the program as <c>nginx</c> (and <c>nginx-debug</c>).</summary>
    /// <param name="registry">The registry.</param>
    /// <returns><paramref name="registry"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is <see langword="null"/>.</exception>
    public static ProgramRegistry Register(ProgramRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(ProgramName, RunAsync);
        registry.Register("nginx-debug", RunAsync);
        return registry;
    }

    /// <summary>Runs nginx with the context's argv.</summary>
    /// <param name="context">The process context.</param>
    /// <returns>The exit status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    public static async Task<int> RunAsync(ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var globals = new List<(string Name, string[] Args)>();
        bool test = false;
        for (int i = 1; i < context.Argv.Count; i++)
        {
            var arg = context.Argv[i];
            switch (arg)
            {
                case "-v":
                    await context.WriteErrorAsync("nginx version: " + ServerHeader + "\n").ConfigureAwait(false);
                    return 0;
                case "-V":
                    await context.WriteErrorAsync("nginx version: " + ServerHeader + "\n" + BuiltBy(context) + "\n").ConfigureAwait(false);
                    return 0;
                case "-t" or "-T":
                    test = true;
                    break;
                case "-q":
                    break;
                case "-g" or "-c" or "-p" or "-e" or "-s":
                    if (i + 1 >= context.Argv.Count)
                    {
                        await context.WriteErrorAsync($"nginx: option \"{arg}\" requires parameter\n").ConfigureAwait(false);
                        return 1;
                    }

                    var value = context.Argv[++i];
                    if (arg == "-g")
                    {
                        var error = ParseGlobals(value, globals);
                        if (error is not null)
                        {
                            await context.WriteErrorAsync(Stamp(context) + " [emerg] 1#1: " + error + "\n" + "nginx: [emerg] " + error + "\n").ConfigureAwait(false);
                            return 1;
                        }
                    }
                    else if (arg == "-s")
                    {
                        await context.WriteErrorAsync(Stamp(context) + " [notice] 1#1: signal process started\n").ConfigureAwait(false);
                        return 0;
                    }

                    break;
                default:
                    await context.WriteErrorAsync($"nginx: invalid option: \"{arg.TrimStart('-')}\"\n").ConfigureAwait(false);
                    return 1;
            }
        }

        if (test)
        {
            await context.WriteErrorAsync(
                "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n" +
                "nginx: configuration file /etc/nginx/nginx.conf test is successful\n").ConfigureAwait(false);
            return 0;
        }

        string? Directive(string name) => globals.LastOrDefault(g => g.Name == name).Args is { Length: > 0 } a ? a[0] : null;
        bool daemon = Directive("daemon") != "off";
        WritePid(context, Directive("pid") ?? "/var/run/nginx.pid");
        if (daemon)
        {
            // The master forks into the background and the foreground process exits: PID 1 is gone.
            return 0;
        }

        int worker = context.Pid + 28;
        var server = new Server(context, worker);
        var stderr = new StringBuilder();
        foreach (var line in new[]
        {
            "using the \"epoll\" event method", ServerHeader, BuiltBy(context), "OS: Linux 6.10.14-linuxkit",
            "getrlimit(RLIMIT_NOFILE): 1048576:1048576", "start worker processes", "start worker process " + worker.ToString(CultureInfo.InvariantCulture),
        })
        {
            stderr.Append(Stamp(context)).Append(" [notice] 1#1: ").Append(line).Append('\n');
        }

        await context.WriteErrorAsync(stderr.ToString()).ConfigureAwait(false);
        using var listener = context.ListenHttp(80, server.HandleAsync);
        Signal signal;
        try
        {
            signal = await context.WaitForSignalAsync(Signal.Quit, Signal.Term, Signal.Int).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return 137;
        }

        listener.Dispose();
        var w = worker.ToString(CultureInfo.InvariantCulture);
        var stamp = Stamp(context);
        var bye = signal == Signal.Quit
            ? $"{stamp} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n{stamp} [notice] {w}#{w}: gracefully shutting down\n"
            : $"{stamp} [notice] 1#1: signal {signal.Number} ({signal.Name}) received, exiting\n";
        bye += $"{stamp} [notice] {w}#{w}: exiting\n{stamp} [notice] {w}#{w}: exit\n" +
               $"{stamp} [notice] 1#1: signal 17 (SIGCHLD) received from {w}\n" +
               $"{stamp} [notice] 1#1: worker process {w} exited with code 0\n{stamp} [notice] 1#1: exit\n";
        await context.WriteErrorAsync(bye).ConfigureAwait(false);
        return 0;
    }

    /// <summary>nginx's built-in error page (<c>ngx_http_special_response.c</c>): e.g. 153 bytes for 404.</summary>
    /// <param name="status">The status code.</param>
    /// <param name="reason">The reason phrase, e.g. <c>Not Found</c>.</param>
    /// <returns>The page, with CRLF line ends.</returns>
    public static string ErrorPage(int status, string reason)
    {
        var title = status.ToString(CultureInfo.InvariantCulture) + " " + reason;
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title + "</h1></center>\r\n" +
               "<hr><center>" + ServerHeader + "</center>\r\n</body>\r\n</html>\r\n";
    }

    private static string? ParseGlobals(string text, List<(string, string[])> globals)
    {
        // The seed's Dockerfile passes the directives wrapped in single quotes (CMD ["nginx", "-g", "'pid /tmp/nginx.pid; daemon off;'"]).
        // Real nginx reads that as one quoted token and stops with 'unexpected end of parameter'; issue [D] asks for the seed's form
        // to serve, so one pair of quotes around the whole value is taken off first (a deliberate deviation, in the README's list).
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && trimmed[0] is '\'' or '"' && trimmed[^1] == trimmed[0] && trimmed.IndexOf(trimmed[0], 1) == trimmed.Length - 1)
        {
            text = trimmed[1..^1];
        }

        foreach (var raw in text.Split(';'))
        {
            var words = raw.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            if (!KnownDirectives.Contains(words[0], StringComparer.Ordinal))
            {
                return $"unknown directive \"{words[0]}\" in command line";
            }

            if (globals.Any(g => g.Item1 == words[0]) && words[0] is "daemon" or "pid" or "user" or "worker_processes" or "master_process")
            {
                return $"\"{words[0]}\" directive is duplicate in command line";
            }

            globals.Add((words[0], words[1..]));
        }

        if (text.Trim().Length > 0 && !text.TrimEnd().EndsWith(';'))
        {
            return "unexpected end of parameter, expecting \";\" in command line";
        }

        return null;
    }

    private static void WritePid(ProcessContext context, string path)
    {
        try
        {
            context.FileSystem.WriteAllText(context.ResolvePath(path), context.Pid.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (IOException)
        {
            // As nginx would fail with [emerg] open() failed; the simulator keeps serving.
        }
    }

    private static string BuiltBy(ProcessContext context) =>
        context.FileSystem.Exists("/etc/alpine-release")
            ? "built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) "
            : "built by gcc 12.2.0 (Debian 12.2.0-14) ";

    private static string Stamp(ProcessContext context) =>
        context.TimeProvider.GetUtcNow().ToString("yyyy'/'MM'/'dd HH':'mm':'ss", CultureInfo.InvariantCulture);

    private sealed class Server(ProcessContext context, int worker)
    {
        private long _connections;

        public async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var connection = Interlocked.Increment(ref _connections);
            var uri = request.RequestUri!;
            var target = uri.PathAndQuery;
            var requestLine = $"{request.Method.Method} {target} HTTP/{request.Version.Major}.{request.Version.Minor}";
            var path = Uri.UnescapeDataString(uri.AbsolutePath);
            var fs = context.FileSystem;
            HttpResponseMessage response;
            var now = context.TimeProvider.GetUtcNow();
            string? errorLine = null;
            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
            {
                response = Error(HttpStatusCode.MethodNotAllowed, "Not Allowed");
            }
            else
            {
                var file = Root + FsPath.Clean("/" + path);
                FileEntry? entry = null;
                try
                {
                    if (path.EndsWith('/'))
                    {
                        foreach (var index in new[] { "index.html", "index.htm" })
                        {
                            var candidate = FsPath.Clean(file + "/" + index);
                            if (fs.Exists(candidate))
                            {
                                file = candidate;
                                entry = fs.Stat(candidate);
                                break;
                            }
                        }

                        entry ??= fs.Exists(file) ? null : throw new FileSystemException(Errno.ENOENT, file);
                    }
                    else
                    {
                        entry = fs.Stat(file);
                    }
                }
                catch (FileSystemException)
                {
                    entry = null;
                }

                if (entry is null)
                {
                    // A directory without an index: 403 in real nginx; a missing file: 404.
                    bool dir = path.EndsWith('/') && fs.Exists(file);
                    response = dir ? Error(HttpStatusCode.Forbidden, "Forbidden") : Error(HttpStatusCode.NotFound, "Not Found");
                    errorLine = dir
                        ? $"directory index of \"{file}/\" is forbidden"
                        : $"open() \"{file}\" failed (2: No such file or directory)";
                }
                else if (entry.IsDirectory)
                {
                    response = Error(HttpStatusCode.MovedPermanently, "Moved Permanently");
                    var host = request.Headers.Host ?? uri.Authority;
                    response.Headers.Location = new Uri($"http://{host}{uri.AbsolutePath}/");
                }
                else
                {
                    var bytes = fs.ReadAllBytes(file);
                    response = new HttpResponseMessage(HttpStatusCode.OK)
                    {
                        Content = new ByteArrayContent(request.Method == HttpMethod.Head ? [] : bytes),
                    };
                    response.Content.Headers.ContentType = new MediaTypeHeaderValue(MimeType(file));
                    response.Content.Headers.ContentLength = bytes.Length;
                    response.Content.Headers.LastModified = entry.ModifiedAt;
                    response.Headers.ETag = new EntityTagHeaderValue(
                        "\"" + entry.ModifiedAt.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture) + "-" + bytes.Length.ToString("x", CultureInfo.InvariantCulture) + "\"");
                    response.Headers.AcceptRanges.Add("bytes");
                }
            }

            response.Headers.TryAddWithoutValidation("Server", ServerHeader);
            response.Headers.Date = now;
            response.Headers.TryAddWithoutValidation("Connection", "keep-alive");
            response.RequestMessage = request;
            long sent = request.Method == HttpMethod.Head ? 0 : response.Content.Headers.ContentLength ?? 0;
            var remote = request.GetRemoteAddress();
            var agent = request.Headers.TryGetValues("User-Agent", out var ua) ? string.Join(' ', ua) : "-";
            var referer = request.Headers.Referrer?.ToString() ?? "-";
            var forwarded = request.Headers.TryGetValues("X-Forwarded-For", out var xff) ? string.Join(", ", xff) : "-";
            var local = now.ToString("dd'/'MMM'/'yyyy':'HH':'mm':'ss", CultureInfo.InvariantCulture) + " " + (now.Offset < TimeSpan.Zero ? "-" : "+") + now.Offset.ToString("hhmm", CultureInfo.InvariantCulture);
            if (errorLine is not null)
            {
                var w = worker.ToString(CultureInfo.InvariantCulture);
                var hostHeader = request.Headers.Host ?? uri.Authority;
                await context.WriteErrorAsync(
                    $"{Stamp(context)} [error] {w}#{w}: *{connection} {errorLine}, client: {remote}, server: localhost, request: \"{requestLine}\", host: \"{hostHeader}\"\n").ConfigureAwait(false);
            }

            await context.WriteAsync(
                $"{remote} - - [{local}] \"{requestLine}\" {(int)response.StatusCode} {sent} \"{referer}\" \"{agent}\" \"{forwarded}\"\n").ConfigureAwait(false);
            return response;
        }

        private static HttpResponseMessage Error(HttpStatusCode status, string reason)
        {
            var body = Encoding.ASCII.GetBytes(ErrorPage((int)status, reason));
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("text/html");
            response.Content.Headers.ContentLength = body.Length;
            return response;
        }

        private static string MimeType(string file) => Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".html" or ".htm" or ".shtml" => "text/html",
            ".css" => "text/css",
            ".xml" => "text/xml",
            ".txt" => "text/plain",
            ".js" => "application/javascript",
            ".json" => "application/json",
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".gif" => "image/gif",
            ".svg" or ".svgz" => "image/svg+xml",
            ".ico" => "image/x-icon",
            ".wasm" => "application/wasm",
            _ => "application/octet-stream",
        };
    }
}
