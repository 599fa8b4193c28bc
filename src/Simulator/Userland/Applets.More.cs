using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Simulator.FileSystem;

namespace Simulator.Userland;

/// <content>More applets: mktemp, sha256sum, sha1sum, md5sum, base64, printenv, nproc, realpath.</content>
internal static partial class Applets
{
    private static async Task<int> Mktemp(AppletContext c)
    {
        var (ok, flags, values, args) = await GetOpt(c, "dqut", "p", "[-dt] [-p DIR] [TEMPLATE]", "directory=d quiet=q dry-run=u tmpdir").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var template = args.Count > 0 ? args[0] : "tmp.XXXXXX";
        var dir = values.TryGetValue('p', out var p) ? p : (args.Count == 0 || flags.Contains('t') ? c.GetEnv("TMPDIR") ?? "/tmp" : null);
        var x = template.Length - template.TrimEnd('X').Length;
        if (x < 6)
        {
            return await c.Fail($"{template}: Invalid argument").ConfigureAwait(false);
        }

        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            // Deterministic: the name depends on the clock and on which names exist already (the next is tried on EEXIST).
            var seed = (ulong)c.Time.GetUtcNow().ToUnixTimeMilliseconds() * 31 + (ulong)(attempt + 1) * 2654435761;
            var suffix = new StringBuilder();
            for (var i = 0; i < x; i++)
            {
                suffix.Append(alphabet[(int)(seed % (ulong)alphabet.Length)]);
                seed = seed * 6364136223846793005 + 1442695040888963407;
            }

            var name = template[..^x] + suffix;
            var shown = dir is null ? name : dir.TrimEnd('/') + "/" + name;
            var path = c.Resolve(shown);
            try
            {
                if (flags.Contains('d'))
                {
                    c.Fs.CreateDirectory(path, (UnixFileMode)0b111_000_000);
                }
                else if (!flags.Contains('u'))
                {
                    using var h = c.Fs.Open(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, (UnixFileMode)0b110_000_000);
                }

                await c.Out(shown + "\n").ConfigureAwait(false);
                return 0;
            }
            catch (FileSystemException e) when (e.Errno == Errno.EEXIST)
            {
            }
            catch (FileSystemException e)
            {
                return flags.Contains('q') ? 1 : await c.Fail($"{(flags.Contains('d') ? "mkdtemp" : "mkstemp")}: {e.Message}").ConfigureAwait(false);
            }
        }

        return await c.Fail("mkstemp: File exists").ConfigureAwait(false);
    }

    private static Task<int> Sha256sum(AppletContext c) => HashSum(c, SHA256.HashData);

    private static Task<int> Sha1sum(AppletContext c) => HashSum(c, SHA1.HashData);

    private static Task<int> Md5sum(AppletContext c) => HashSum(c, MD5.HashData);

    private static async Task<int> HashSum(AppletContext c, Func<byte[], byte[]> hash)
    {
        var (ok, flags, _, files) = await GetOpt(c, "csbtw", "", "[-c[sw]] [FILE]...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (files.Count == 0)
        {
            files.Add("-");
        }

        var status = 0;
        var sb = new StringBuilder();
        if (flags.Contains('c'))
        {
            foreach (var f in files)
            {
                var list = await c.ReadInput(f).ConfigureAwait(false);
                if (list is null)
                {
                    status = 1;
                    continue;
                }

                foreach (var line in AppletContext.Lines(AppletContext.Text(list)))
                {
                    var parts = line.Split("  ", 2);
                    if (parts.Length != 2)
                    {
                        continue;
                    }

                    var data = await c.ReadInput(parts[1]).ConfigureAwait(false);
                    var good = data is not null && Convert.ToHexStringLower(hash(data)) == parts[0].ToLowerInvariant();
                    if (!good)
                    {
                        status = 1;
                    }

                    if (!flags.Contains('s'))
                    {
                        sb.Append(parts[1]).Append(": ").Append(good ? "OK" : "FAILED").Append('\n');
                    }
                }
            }

            await c.Out(sb.ToString()).ConfigureAwait(false);
            return status;
        }

        foreach (var f in files)
        {
            if (f != "-" && IsDir(c, c.Resolve(f)))
            {
                status = await c.Fail($"{f}: Is a directory").ConfigureAwait(false);
                continue;
            }

            var bytes = await c.ReadInput(f).ConfigureAwait(false);
            if (bytes is null)
            {
                status = 1;
                continue;
            }

            sb.Append(Convert.ToHexStringLower(hash(bytes))).Append("  ").Append(f).Append('\n');
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return status;
    }

    private static async Task<int> Base64(AppletContext c)
    {
        var (ok, flags, _, files) = await GetOpt(c, "di", "w", "[-d] [-w COL] [FILE]").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var bytes = await c.ReadInput(files.Count > 0 ? files[0] : "-").ConfigureAwait(false);
        if (bytes is null)
        {
            return 1;
        }

        if (flags.Contains('d'))
        {
            try
            {
                var text = new string(AppletContext.Text(bytes).Where(ch => !char.IsWhiteSpace(ch)).ToArray());
                await c.Stdout.WriteAsync(Convert.FromBase64String(text), c.Token).ConfigureAwait(false);
                return 0;
            }
            catch (FormatException)
            {
                return await c.Fail("invalid input").ConfigureAwait(false);
            }
        }

        var encoded = Convert.ToBase64String(bytes);
        var sb = new StringBuilder();
        for (var i = 0; i < encoded.Length; i += 76)
        {
            sb.Append(encoded.AsSpan(i, Math.Min(76, encoded.Length - i))).Append('\n');
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Printenv(AppletContext c)
    {
        if (c.Args.Count == 1)
        {
            await c.Out(string.Concat(c.Env.Select(e => e + "\n"))).ConfigureAwait(false);
            return 0;
        }

        var status = 0;
        foreach (var name in c.Args.Skip(1))
        {
            var v = c.GetEnv(name);
            if (v is null)
            {
                status = 1;
            }
            else
            {
                await c.Out(v + "\n").ConfigureAwait(false);
            }
        }

        return status;
    }

    /// <summary>The CPU count the simulated machine reports: fixed, so output is the same on every host.</summary>
    internal const int SimulatedProcessorCount = 2;

    private static async Task<int> Nproc(AppletContext c)
    {
        await c.Out(SimulatedProcessorCount.ToString(CultureInfo.InvariantCulture) + "\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Realpath(AppletContext c)
    {
        var status = 0;
        foreach (var a in c.Args.Skip(1))
        {
            var path = Canonicalize(c, c.Resolve(a));
            if (!c.Fs.Exists(path))
            {
                status = await c.Fail($"{a}: No such file or directory").ConfigureAwait(false);
                continue;
            }

            await c.Out(path + "\n").ConfigureAwait(false);
        }

        return status;
    }
}
