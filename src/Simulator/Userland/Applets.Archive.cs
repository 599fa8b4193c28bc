using System.Formats.Tar;
using System.IO.Compression;
using Simulator.FileSystem;

namespace Simulator.Userland;

/// <content>Archive applets: tar (c/x/t, -f, -C, -z, -v, -O), gzip, gunzip, zcat.</content>
internal static partial class Applets
{
    private const string TarUsage = "c|x|t [-zvO] [-f TARFILE] [-C DIR] [FILE]...";

    private static async Task<int> Gzip(AppletContext c)
    {
        var (ok, flags, _, files) = await GetOpt(c, "cfkdtq123456789n", "", "[-cfkdt123456789] [FILE]...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var decompress = flags.Contains('d') || c.Name is "gunzip" or "zcat";
        var toStdout = flags.Contains('c') || c.Name == "zcat";
        if (files.Count == 0)
        {
            files.Add("-");
        }

        var status = 0;
        foreach (var file in files)
        {
            var input = await c.ReadInput(file).ConfigureAwait(false);
            if (input is null)
            {
                status = 1;
                continue;
            }

            // busybox's bbunpack names the output before it reads the data: an unknown suffix wins over bad magic.
            if (decompress && !toStdout && file != "-" && !flags.Contains('t') &&
                !new[] { ".gz", ".tgz" }.Any(x => file.EndsWith(x, StringComparison.Ordinal) && file.Length > x.Length))
            {
                await c.Fail($"{file}: unknown suffix - ignored").ConfigureAwait(false);
                status = 1;
                continue;
            }

            byte[] result;
            if (decompress)
            {
                if (input.Length < 2 || input[0] != 0x1f || input[1] != 0x8b)
                {
                    await c.Fail("invalid magic").ConfigureAwait(false);
                    status = 1;
                    continue;
                }

                try
                {
                    result = GunzipBytes(input);
                }
                catch (InvalidDataException)
                {
                    await c.Fail("corrupted data").ConfigureAwait(false);
                    status = 1;
                    continue;
                }
            }
            else
            {
                result = GzipBytes(input, flags.Contains('1') ? CompressionLevel.Fastest : CompressionLevel.Optimal);
            }

            if (flags.Contains('t'))
            {
                continue;
            }

            if (toStdout || file == "-")
            {
                await c.Stdout.WriteAsync(result, c.Token).ConfigureAwait(false);
                continue;
            }

            string target;
            if (decompress)
            {
                var suffix = new[] { ".gz", ".tgz" }.FirstOrDefault(s => file.EndsWith(s, StringComparison.Ordinal) && file.Length > s.Length);
                if (suffix is null)
                {
                    await c.Fail($"{file}: unknown suffix - ignored").ConfigureAwait(false);
                    status = 1;
                    continue;
                }

                target = file[..^suffix.Length] + (suffix == ".tgz" ? ".tar" : "");
            }
            else
            {
                if (file.EndsWith(".gz", StringComparison.Ordinal))
                {
                    continue;
                }

                target = file + ".gz";
            }

            var path = c.Resolve(target);
            if (c.Fs.Exists(path) && !flags.Contains('f'))
            {
                await c.Fail($"can't open '{target}': File exists").ConfigureAwait(false);
                status = 1;
                continue;
            }

            var mode = c.Fs.Stat(c.Resolve(file)).Mode;
            c.Fs.WriteAllBytes(path, result, mode);
            if (!flags.Contains('k'))
            {
                c.Fs.Unlink(c.Resolve(file));
            }
        }

        return status;
    }

    internal static byte[] GzipBytes(byte[] data, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, level, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    internal static byte[] GunzipBytes(byte[] data)
    {
        using var gz = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    private static async Task<int> Tar(AppletContext c)
    {
        // Old-style first argument without '-' ("tar xzf a.tgz") is a bundle of options.
        var args = c.Args.ToList();
        if (args.Count > 1 && args[1].Length > 0 && args[1][0] != '-')
        {
            args[1] = "-" + args[1];
        }

        var ctx = c with { Args = args };
        var (ok, flags, values, operands) = await GetOpt(ctx, "cxtzvOhmop", "fC", TarUsage, "directory=C file=f create=c extract=x get=x list=t verbose=v gzip=z to-stdout=O dereference=h no-same-owner=o same-owner touch=m same-permissions=p preserve-permissions=p overwrite numeric-owner no-same-permissions").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var modes = flags.Count(f => f is 'c' or 'x' or 't');
        if (modes != 1)
        {
            // getopt32's "c:t:x:" and "c--tx:t--cx:x--ct" (archival/tar.c): none or two of them is a usage error, without a message.
            await c.Err(BusyboxUsage.Render("tar")).ConfigureAwait(false);
            return 1;
        }

        var archive = values.GetValueOrDefault('f', "-");
        var dir = values.TryGetValue('C', out var cdir) ? c.Resolve(cdir) : c.Cwd;
        if (values.ContainsKey('C') && !(c.Fs.Exists(dir) && c.Fs.Stat(dir).IsDirectory))
        {
            return await c.Fail($"can't change directory to '{cdir}': No such file or directory").ConfigureAwait(false);
        }

        if (flags.Contains('c'))
        {
            if (operands.Count == 0)
            {
                return await c.Fail("empty archive").ConfigureAwait(false);
            }

            return await TarCreate(c, archive, dir, operands, flags.Contains('z'), flags.Contains('v')).ConfigureAwait(false);
        }

        var bytes = await c.ReadInput(archive).ConfigureAwait(false);
        if (bytes is null)
        {
            return 1;
        }

        if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            bytes = GunzipBytes(bytes);
        }
        else if (flags.Contains('z'))
        {
            return await c.Fail("invalid magic").ConfigureAwait(false);
        }

        try
        {
            return await TarRead(c, bytes, dir, operands, list: flags.Contains('t'), verbose: flags.Contains('v'), toStdout: flags.Contains('O')).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return await c.Fail("invalid tar magic").ConfigureAwait(false);
        }
    }

    private static async Task<int> TarCreate(AppletContext c, string archive, string dir, List<string> operands, bool gzip, bool verbose)
    {
        using var ms = new MemoryStream();
        var status = 0;
        var warned = false;
        using (var writer = new TarWriter(ms, TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach (var operand in operands)
            {
                var path = operand.StartsWith('/') ? FsPath.Clean(operand) : FsPath.Clean((dir == "/" ? "" : dir) + "/" + operand);
                var name = operand.TrimEnd('/');
                if (name.StartsWith('/'))
                {
                    name = name.TrimStart('/');
                    if (!warned)
                    {
                        await c.Err("tar: removing leading '/' from member names\n").ConfigureAwait(false);
                        warned = true;
                    }
                }

                FileEntry entry;
                try
                {
                    entry = c.Fs.LStat(path);
                }
                catch (FileSystemException e)
                {
                    await c.Fail($"{operand}: {e.Message}").ConfigureAwait(false);
                    status = 1;
                    continue;
                }

                await AddTree(c, writer, path, name.Length == 0 ? "." : name, entry, verbose, archive == "-").ConfigureAwait(false);
            }
        }

        var bytes = ms.ToArray();
        if (gzip)
        {
            bytes = GzipBytes(bytes);
        }

        if (archive == "-")
        {
            await c.Stdout.WriteAsync(bytes, c.Token).ConfigureAwait(false);
        }
        else
        {
            c.Fs.WriteAllBytes(c.Resolve(archive), bytes);
        }

        return status;
    }

    private static async Task AddTree(AppletContext c, TarWriter writer, string path, string name, FileEntry entry, bool verbose, bool toStderr)
    {
        var type = entry.Type switch
        {
            EntryType.Directory => TarEntryType.Directory,
            EntryType.Symlink => TarEntryType.SymbolicLink,
            _ => TarEntryType.RegularFile,
        };
        var tarEntry = new GnuTarEntry(type, type == TarEntryType.Directory ? name + "/" : name)
        {
            Mode = entry.Mode & (UnixFileMode)0b111_111_111_111,
            Uid = entry.Uid,
            Gid = entry.Gid,
            ModificationTime = entry.ModifiedAt,
        };
        if (type == TarEntryType.SymbolicLink)
        {
            tarEntry.LinkName = entry.LinkTarget ?? "";
        }
        else if (type == TarEntryType.RegularFile)
        {
            tarEntry.DataStream = new MemoryStream(c.Fs.ReadAllBytes(path));
        }

        writer.WriteEntry(tarEntry);
        if (verbose)
        {
            // busybox lists to stdout, or to stderr when the archive itself goes to stdout.
            await (toStderr ? c.Err(tarEntry.Name + "\n") : c.Out(tarEntry.Name + "\n")).ConfigureAwait(false);
        }

        if (type == TarEntryType.Directory)
        {
            foreach (var child in c.Fs.ReadDirectory(path).Order(StringComparer.Ordinal))
            {
                var childPath = FsPath.Combine(path, child);
                await AddTree(c, writer, childPath, name + "/" + child, c.Fs.LStat(childPath), verbose, toStderr).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> TarRead(AppletContext c, byte[] bytes, string dir, List<string> only, bool list, bool verbose, bool toStdout)
    {
        using var reader = new TarReader(new MemoryStream(bytes));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.GetNextEntry() is { } e)
        {
            var name = e.Name;
            var bare = name.TrimEnd('/');
            if (only.Count > 0 && !only.Any(o => bare == o.TrimEnd('/') || bare.StartsWith(o.TrimEnd('/') + "/", StringComparison.Ordinal)))
            {
                continue;
            }

            seen.UnionWith(only.Where(o => bare == o.TrimEnd('/') || bare.StartsWith(o.TrimEnd('/') + "/", StringComparison.Ordinal)));
            if (list || verbose)
            {
                await c.Out(name + "\n").ConfigureAwait(false);
            }

            if (list)
            {
                continue;
            }

            if (toStdout)
            {
                if (e.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && e.DataStream is not null)
                {
                    await e.DataStream.CopyToAsync(c.Stdout, c.Token).ConfigureAwait(false);
                }

                continue;
            }

            var path = FsPath.Clean((dir == "/" ? "" : dir) + "/" + bare.TrimStart('/'));
            if (path == dir)
            {
                continue;
            }

            c.Fs.CreateDirectories(FsPath.Parent(path));
            var mode = e.Mode & (UnixFileMode)0b111_111_111_111;
            switch (e.EntryType)
            {
                case TarEntryType.Directory:
                    if (!c.Fs.Exists(path))
                    {
                        c.Fs.CreateDirectory(path, mode);
                    }

                    c.Fs.Chmod(path, mode);
                    break;
                case TarEntryType.SymbolicLink:
                    RemoveExisting(c.Fs, path);
                    c.Fs.CreateSymlink(e.LinkName, path);
                    break;
                case TarEntryType.HardLink:
                    RemoveExisting(c.Fs, path);
                    c.Fs.Link(FsPath.Clean((dir == "/" ? "" : dir) + "/" + e.LinkName.TrimStart('/')), path);
                    break;
                default:
                    RemoveExisting(c.Fs, path);
                    using (var data = new MemoryStream())
                    {
                        if (e.DataStream is not null)
                        {
                            await e.DataStream.CopyToAsync(data, c.Token).ConfigureAwait(false);
                        }

                        c.Fs.WriteAllBytes(path, data.ToArray(), mode);
                    }

                    c.Fs.Chmod(path, mode);
                    break;
            }

            if (e.EntryType != TarEntryType.SymbolicLink)
            {
                if (c.User.Uid == 0)
                {
                    c.Fs.Chown(path, e.Uid, e.Gid);
                }

                c.Fs.SetModifiedTime(path, e.ModificationTime);
            }
        }

        var status = 0;
        foreach (var missing in only.Where(o => !seen.Contains(o)))
        {
            await c.Fail($"{missing}: not found in archive").ConfigureAwait(false);
            status = 1;
        }

        return status;
    }

    private static void RemoveExisting(UnionFileSystem fs, string path)
    {
        try
        {
            var st = fs.LStat(path);
            if (!st.IsDirectory)
            {
                fs.Unlink(path);
            }
        }
        catch (FileSystemException)
        {
        }
    }
}
