using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Simulator.FileSystem;

namespace Simulator.Userland;

/// <content>Network and disk applets: wget (over the namespace's or registry's <see cref="HttpMessageHandler"/>), du, df.</content>
internal static partial class Applets
{
    private const string WgetUsage = "[-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR] [-U AGENT] [-T SEC] URL...";

    private static async Task<int> Wget(AppletContext c)
    {
        var args = c.Args.ToList();
        var spider = args.Remove("--spider");
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i].StartsWith("--output-document=", StringComparison.Ordinal))
            {
                args[i] = "-O" + args[i]["--output-document=".Length..];
            }
            else if (args[i] == "--quiet")
            {
                args[i] = "-q";
            }
        }

        var ctx = c with { Args = args };
        var (ok, flags, values, urls) = await GetOpt(ctx, "cqSs", "OoUTPY", WgetUsage).ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (urls.Count == 0)
        {
            await c.Err(BusyboxUsage.Render("wget")).ConfigureAwait(false);
            return 1;
        }

        var quiet = flags.Contains('q');
        var handler = c.Process?.Namespace.HttpHandler ?? c.Process?.Programs.HttpHandler;
        foreach (var raw in urls)
        {
            var text = raw.Contains("://", StringComparison.Ordinal) ? raw : "http://" + raw;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                return await c.Fail($"not an http or ftp url: {raw}").ConfigureAwait(false);
            }

            var host = uri.IdnHost;
            var isIp = IPAddress.TryParse(host, out _);
            var ip = host == "localhost" ? "127.0.0.1" : host;
            if (handler is null)
            {
                if (!isIp && host != "localhost")
                {
                    return await c.Fail($"bad address '{uri.Authority}'").ConfigureAwait(false);
                }

                if (!quiet)
                {
                    await c.Err($"Connecting to {uri.Authority} ({ip}:{uri.Port})\n").ConfigureAwait(false);
                }

                return await c.Fail($"can't connect to remote host ({ip}): Connection refused").ConfigureAwait(false);
            }

            if (!quiet)
            {
                await c.Err($"Connecting to {uri.Authority} ({ip}:{uri.Port})\n").ConfigureAwait(false);
            }

            HttpResponseMessage response;
            try
            {
                using var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
                using var request = new HttpRequestMessage(spider ? HttpMethod.Head : HttpMethod.Get, uri);
                request.Headers.TryAddWithoutValidation("User-Agent", values.GetValueOrDefault('U', "Wget"));
                response = await client.SendAsync(request, c.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound } || e.HttpRequestError == HttpRequestError.NameResolutionError)
            {
                return await c.Fail($"bad address '{uri.Authority}'").ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                return await c.Fail($"can't connect to remote host ({ip}): Connection refused").ConfigureAwait(false);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    return await c.Fail($"server returned error: HTTP/{response.Version.Major}.{response.Version.Minor} {(int)response.StatusCode} {response.ReasonPhrase}").ConfigureAwait(false);
                }

                if (spider)
                {
                    if (!quiet)
                    {
                        await c.Err("remote file exists\n").ConfigureAwait(false);
                    }

                    continue;
                }

                var body = await response.Content.ReadAsByteArrayAsync(c.Token).ConfigureAwait(false);
                var output = values.GetValueOrDefault('O');
                if (output is null)
                {
                    var last = uri.AbsolutePath.TrimEnd('/');
                    output = last.Length == 0 || uri.AbsolutePath.EndsWith('/') ? "index.html" : Uri.UnescapeDataString(last[(last.LastIndexOf('/') + 1)..]);
                    if (values.TryGetValue('P', out var prefix))
                    {
                        output = prefix.TrimEnd('/') + "/" + output;
                    }
                }

                if (output == "-")
                {
                    if (!quiet)
                    {
                        await c.Err("writing to stdout\n").ConfigureAwait(false);
                    }

                    await c.Stdout.WriteAsync(body, c.Token).ConfigureAwait(false);
                    if (!quiet)
                    {
                        await c.Err($"-                    100% |********************************| {body.Length,5}  0:00:00 ETA\nwritten to stdout\n").ConfigureAwait(false);
                    }

                    continue;
                }

                if (!quiet)
                {
                    await c.Err($"saving to '{output}'\n").ConfigureAwait(false);
                }

                try
                {
                    c.Fs.WriteAllBytes(c.Resolve(output), body);
                }
                catch (FileSystemException e)
                {
                    return await c.Fail($"can't open '{output}': {e.Message}").ConfigureAwait(false);
                }

                if (!quiet)
                {
                    var shown = output.Length > 20 ? output[..20] : output;
                    await c.Err($"{shown,-20} 100% |********************************| {body.Length,5}  0:00:00 ETA\n'{output}' saved\n").ConfigureAwait(false);
                }
            }
        }

        return 0;
    }

    private static async Task<int> Du(AppletContext c)
    {
        var (ok, flags, values, files) = await GetOpt(c, "aHLcshkmlx", "d", "[-aHLdclsxhmk] [FILE]...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (files.Count == 0)
        {
            files.Add(".");
        }

        var maxDepth = values.TryGetValue('d', out var d) && int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var md) ? md : int.MaxValue;
        if (flags.Contains('s'))
        {
            maxDepth = 0;
        }

        var status = 0;
        long total = 0;
        foreach (var file in files)
        {
            var path = c.Resolve(file);
            try
            {
                c.Fs.LStat(path);
            }
            catch (FileSystemException e)
            {
                await c.Fail($"{file}: {e.Message}").ConfigureAwait(false);
                status = 1;
                continue;
            }

            total += await DuWalk(c, path, file, 0, maxDepth, flags).ConfigureAwait(false);
        }

        if (flags.Contains('c'))
        {
            await c.Out(DuSize(total, flags) + "\ttotal\n").ConfigureAwait(false);
        }

        return status;
    }

    private static async Task<long> DuWalk(AppletContext c, string path, string shown, int depth, int maxDepth, HashSet<char> flags)
    {
        var entry = c.Fs.LStat(path);
        long kib = entry.IsDirectory ? 4 : (entry.Size + 4095) / 4096 * 4;
        if (entry.IsDirectory)
        {
            foreach (var child in c.Fs.ReadDirectory(path).Order(StringComparer.Ordinal))
            {
                kib += await DuWalk(c, FsPath.Combine(path, child), shown.TrimEnd('/') + "/" + child, depth + 1, maxDepth, flags).ConfigureAwait(false);
            }
        }

        if (depth <= maxDepth && (entry.IsDirectory || flags.Contains('a') || depth == 0))
        {
            await c.Out(DuSize(kib, flags) + "\t" + shown + "\n").ConfigureAwait(false);
        }

        return kib;
    }

    private static string DuSize(long kib, HashSet<char> flags)
    {
        if (flags.Contains('m'))
        {
            return ((kib + 1023) / 1024).ToString(CultureInfo.InvariantCulture);
        }

        if (flags.Contains('h'))
        {
            return HumanKib(kib);
        }

        return kib.ToString(CultureInfo.InvariantCulture);
    }

    private static string HumanKib(long kib)
    {
        if (kib < 1024)
        {
            return kib.ToString(CultureInfo.InvariantCulture) + ".0K";
        }

        double v = kib;
        var units = "KMGT";
        var i = 0;
        while (v >= 1024 && i < units.Length - 1)
        {
            v /= 1024;
            i++;
        }

        return v.ToString("0.0", CultureInfo.InvariantCulture) + units[i];
    }

    private static async Task<int> Df(AppletContext c)
    {
        var (ok, flags, _, operands) = await GetOpt(c, "PkmhTai", "tB", "[-PkmhT] [-t TYPE] [FILESYSTEM]...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        // A fixed overlay of 58.4 GiB, 21% used, as a fresh Docker host's root shows; tmpfs mounts as Docker adds them.
        (string Fs, long Total, long Used, string Mount)[] rows =
        [
            ("overlay", 61_202_244, 12_611_432, "/"),
            ("tmpfs", 65_536, 0, "/dev"),
            ("shm", 65_536, 0, "/dev/shm"),
        ];
        var human = flags.Contains('h');
        var status = 0;
        var shown = rows.ToList();
        if (operands.Count > 0)
        {
            // coreutils/df.c: each operand's mount point (find_mount_point), or "can't find mount point" when it cannot be stat'ed.
            shown = [];
            foreach (var operand in operands)
            {
                var path = c.Resolve(operand);
                if (!c.Fs.Exists(path))
                {
                    await c.Err($"df: {operand}: can't find mount point\n").ConfigureAwait(false);
                    status = 1;
                    continue;
                }

                shown.Add(rows.Where(r => path == r.Mount || path.StartsWith(r.Mount.TrimEnd('/') + "/", StringComparison.Ordinal)).MaxBy(r => r.Mount.Length));
            }

            if (shown.Count == 0)
            {
                return status;
            }
        }

        await c.Out(human ? "Filesystem                Size      Used Available Use% Mounted on\n" : "Filesystem           1K-blocks      Used Available Use% Mounted on\n").ConfigureAwait(false);
        foreach (var (fs, total, used, mount) in shown)
        {
            var avail = total - used - (fs == "overlay" ? 3_121_524 : 0);
            var pct = total == 0 ? 0 : (int)Math.Ceiling(used * 100.0 / (used + avail));
            var line = human
                ? $"{fs,-20}{HumanKib(total),10}{HumanKib(used),10}{HumanKib(avail),10}{pct,4}% {mount}\n"
                : $"{fs,-20}{total,10}{used,10}{avail,10}{pct,4}% {mount}\n";
            await c.Out(line).ConfigureAwait(false);
        }

        return status;
    }
}
