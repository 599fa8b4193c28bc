using System.Globalization;
using System.Text;
using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Cli;

/// <summary>
/// The host's <c>curl</c> (curl 7.88, as Debian 12 ships it): enough for transcripts. Options <c>-s</c>, <c>-S</c>, <c>-f</c>, <c>-o FILE</c>,
/// <c>-i</c>, <c>-I</c>, <c>-X METHOD</c>, <c>-d DATA</c>, <c>-H 'Name: value'</c>, <c>-w FORMAT</c> (<c>%{http_code}</c>,
/// <c>\n</c>), <c>-L</c>, bundled (<c>-sSf</c>) and long forms. Errors as curl's <c>curl: (N) text</c> with exit N
/// (7 connect, 6 resolve, 22 HTTP error with <c>-f</c>, 1 unsupported protocol, 2 usage, 23 write error; <c>-o /dev/null</c> discards). The progress meter is never shown.
/// </summary>
internal static class CurlProgram
{
    public static async Task<int> RunAsync(ProcessContext ctx)
    {
        var args = ctx.Argv;
        bool silent = false, showError = false, fail = false, include = false, head = false, follow = false;
        string? output = null, method = null, writeOut = null;
        var data = new List<string>();
        var headers = new List<string>();
        var urls = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var a = args[i];
            string? Value(string name)
            {
                if (i + 1 >= args.Count)
                {
                    return null;
                }

                return args[++i];
            }

            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var eq = a.IndexOf('=', StringComparison.Ordinal);
                var name = a;
                switch (name)
                {
                    case "--silent": silent = true; continue;
                    case "--show-error": showError = true; continue;
                    case "--fail": fail = true; continue;
                    case "--include": include = true; continue;
                    case "--head": head = true; continue;
                    case "--location": follow = true; continue;
                    case "--output" or "--request" or "--data" or "--data-raw" or "--header" or "--write-out" or "--url":
                        var v = Value(name);
                        if (v is null)
                        {
                            return await Usage(ctx, $"curl: option {name}: requires parameter\n").ConfigureAwait(false);
                        }

                        switch (name)
                        {
                            case "--output": output = v; break;
                            case "--request": method = v; break;
                            case "--data" or "--data-raw": data.Add(v); break;
                            case "--header": headers.Add(v); break;
                            case "--write-out": writeOut = v; break;
                            default: urls.Add(v); break;
                        }

                        continue;
                    default:
                        _ = eq;
                        return await Usage(ctx, $"curl: option {name}: is unknown\n").ConfigureAwait(false);
                }
            }

            if (a.Length > 1 && a[0] == '-')
            {
                for (var j = 1; j < a.Length; j++)
                {
                    var c = a[j];
                    switch (c)
                    {
                        case 's': silent = true; break;
                        case 'S': showError = true; break;
                        case 'f': fail = true; break;
                        case 'i': include = true; break;
                        case 'I': head = true; break;
                        case 'L': follow = true; break;
                        case 'o' or 'X' or 'd' or 'H' or 'w':
                            var v = j + 1 < a.Length ? a[(j + 1)..] : Value("-" + c);
                            if (v is null)
                            {
                                return await Usage(ctx, $"curl: option -{c}: requires parameter\n").ConfigureAwait(false);
                            }

                            switch (c)
                            {
                                case 'o': output = v; break;
                                case 'X': method = v; break;
                                case 'd': data.Add(v); break;
                                case 'H': headers.Add(v); break;
                                default: writeOut = v; break;
                            }

                            j = a.Length;
                            break;
                        default:
                            return await Usage(ctx, $"curl: option -{a[1..]}: is unknown\n").ConfigureAwait(false);
                    }
                }

                continue;
            }

            urls.Add(a);
        }

        if (urls.Count == 0)
        {
            return await Usage(ctx, "").ConfigureAwait(false);
        }

        var status = 0;
        foreach (var raw in urls)
        {
            status = await FetchAsync(ctx, raw).ConfigureAwait(false);
        }

        return status;

        async Task<int> FetchAsync(ProcessContext ctx, string raw)
        {
            var text = raw.Contains("://", StringComparison.Ordinal) ? raw : "http://" + raw;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                var scheme = text[..text.IndexOf("://", StringComparison.Ordinal)];
                return await Error(1, $"Protocol \"{scheme}\" not supported").ConfigureAwait(false);
            }

            var handler = ctx.Namespace.HttpHandler ?? ctx.Programs.HttpHandler;
            using var client = handler is null ? null : new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
            HttpResponseMessage? response = null;
            var redirects = 0;
            var writes = new MemoryStream();
            while (true)
            {
                var verb = method ?? (head ? "HEAD" : data.Count > 0 ? "POST" : "GET");
                using var request = new HttpRequestMessage(new HttpMethod(verb), uri);
                request.Headers.TryAddWithoutValidation("User-Agent", "curl/7.88.1");
                request.Headers.TryAddWithoutValidation("Accept", "*/*");
                if (data.Count > 0)
                {
                    request.Content = new StringContent(string.Join('&', data), Encoding.UTF8);
                    request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
                }

                foreach (var h in headers)
                {
                    var colon = h.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        var name = h[..colon].Trim();
                        var value = h[(colon + 1)..].Trim();
                        if (!request.Headers.TryAddWithoutValidation(name, value))
                        {
                            request.Content ??= new ByteArrayContent([]);
                            request.Content.Headers.Remove(name);
                            request.Content.Headers.TryAddWithoutValidation(name, value);
                        }
                    }
                }

                try
                {
                    if (client is null)
                    {
                        throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");
                    }

                    response = await client.SendAsync(request, ctx.CancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.NameResolutionError)
                {
                    return await Error(6, $"Could not resolve host: {uri.Host}").ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    var host = uri.Host.Trim('[', ']');
                    return await Error(7, $"Failed to connect to {host} port {uri.Port.ToString(CultureInfo.InvariantCulture)} after 0 ms: Couldn't connect to server").ConfigureAwait(false);
                }

                var code = (int)response.StatusCode;
                if (follow && code is >= 300 and < 400 && response.Headers.Location is { } location && redirects < 50)
                {
                    if (include)
                    {
                        await WriteHeaders(writes, response).ConfigureAwait(false);
                    }

                    uri = new Uri(uri, location);
                    redirects++;
                    response.Dispose();
                    continue;
                }

                break;
            }

            using (response)
            {
                var code = (int)response.StatusCode;
                if (fail && code >= 400)
                {
                    return await Error(22, $"The requested URL returned error: {code}").ConfigureAwait(false);
                }

                if (include || head)
                {
                    await WriteHeaders(writes, response).ConfigureAwait(false);
                }

                if (!head)
                {
                    var body = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken).ConfigureAwait(false);
                    await writes.WriteAsync(body).ConfigureAwait(false);
                }

                if (!await Flush(writes).ConfigureAwait(false))
                {
                    return await Error(23, "Failure writing output to destination").ConfigureAwait(false);
                }

                if (writeOut is not null)
                {
                    await ctx.WriteAsync(WriteOut(writeOut, code)).ConfigureAwait(false);
                }

                return 0;
            }
        }

        // Writes the body where -o says: stdout, the host's /dev/null, /dev/stdout, /dev/stderr, or a file; false on a write error (23).
        async Task<bool> Flush(MemoryStream bytes)
        {
            switch (output)
            {
                case null or "-" or "/dev/stdout":
                    await ctx.Stdout.WriteAsync(bytes.ToArray()).ConfigureAwait(false);
                    return true;
                case "/dev/stderr":
                    await ctx.Stderr.WriteAsync(bytes.ToArray()).ConfigureAwait(false);
                    return true;
                case "/dev/null":
                    return true;
            }

            try
            {
                ctx.FileSystem.WriteAllBytes(ctx.ResolvePath(output), bytes.ToArray());
                return true;
            }
            catch (FileSystemException e)
            {
                if (!silent)
                {
                    await ctx.WriteErrorAsync($"Warning: Failed to open the file {output}: {e.Message}\n").ConfigureAwait(false);
                }

                return false;
            }
        }

        async Task<int> Error(int code, string message)
        {
            if (!silent || showError)
            {
                await ctx.WriteErrorAsync($"curl: ({code.ToString(CultureInfo.InvariantCulture)}) {message}\n").ConfigureAwait(false);
            }

            return code;
        }
    }

    private static async Task WriteHeaders(Stream to, HttpResponseMessage response)
    {
        // A server states the length of a body it has whole; .NET computes the header only when asked.
        _ = response.Content.Headers.ContentLength;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"HTTP/{response.Version.Major}.{response.Version.Minor} {(int)response.StatusCode} {response.ReasonPhrase}\r\n");
        foreach (var (name, values) in response.Headers)
        {
            sb.Append(name).Append(": ").Append(string.Join(", ", values)).Append("\r\n");
        }

        foreach (var (name, values) in response.Content.Headers)
        {
            sb.Append(name).Append(": ").Append(string.Join(", ", values)).Append("\r\n");
        }

        sb.Append("\r\n");
        await to.WriteAsync(Encoding.UTF8.GetBytes(sb.ToString())).ConfigureAwait(false);
    }

    private static string WriteOut(string format, int code)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '%' && format.AsSpan(i).StartsWith("%{http_code}"))
            {
                sb.Append(code.ToString("000", CultureInfo.InvariantCulture));
                i += "%{http_code}".Length - 1;
            }
            else if (format[i] == '%' && format.AsSpan(i).StartsWith("%{response_code}"))
            {
                sb.Append(code.ToString("000", CultureInfo.InvariantCulture));
                i += "%{response_code}".Length - 1;
            }
            else if (format[i] == '\\' && i + 1 < format.Length && format[i + 1] is 'n' or 't' or 'r')
            {
                sb.Append(format[i + 1] switch { 'n' => '\n', 't' => '\t', _ => '\r' });
                i++;
            }
            else
            {
                sb.Append(format[i]);
            }
        }

        return sb.ToString();
    }

    private static async Task<int> Usage(ProcessContext ctx, string message)
    {
        await ctx.WriteErrorAsync(message + "curl: try 'curl --help' or 'curl --manual' for more information\n").ConfigureAwait(false);
        return 2;
    }
}
