using System.Globalization;
using System.Text;
using Simulator.FileSystem;

namespace Simulator.Userland;

/// <content>File applets: cat, ls, mkdir, rmdir, rm, cp, mv, ln, touch, chmod, chown.</content>
internal static partial class Applets
{
    private static async Task<int> Cat(AppletContext c)
    {
        var (ok, flags, _, files) = await GetOpt(c, "nbvuetA", "", "[-nbvteA] [FILE]...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (files.Count == 0)
        {
            files.Add("-");
        }

        var status = 0;
        var line = 1;
        foreach (var f in files)
        {
            byte[]? bytes;
            if (f == "-")
            {
                if (!flags.Contains('n'))
                {
                    await c.Stdin.CopyToAsync(c.Stdout, c.Token).ConfigureAwait(false);
                    continue;
                }

                bytes = await c.ReadAllStdin().ConfigureAwait(false);
            }
            else
            {
                try
                {
                    var path = c.Resolve(f);
                    if (f == "/dev/null")
                    {
                        continue;
                    }

                    if (c.Fs.Stat(path).IsDirectory)
                    {
                        await c.Err("cat: read error: Is a directory\n").ConfigureAwait(false);
                        status = 1;
                        continue;
                    }

                    bytes = c.Fs.ReadAllBytes(path);
                }
                catch (FileSystemException e)
                {
                    await c.Err($"cat: can't open '{f}': {e.Message}\n").ConfigureAwait(false);
                    status = 1;
                    continue;
                }
            }

            if (flags.Contains('n'))
            {
                var sb = new StringBuilder();
                foreach (var l in AppletContext.Lines(AppletContext.Text(bytes)))
                {
                    sb.Append(line++.ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append('\t').Append(l).Append('\n');
                }

                await c.Out(sb.ToString()).ConfigureAwait(false);
            }
            else
            {
                await c.Stdout.WriteAsync(bytes, c.Token).ConfigureAwait(false);
            }
        }

        return status;
    }

    private static async Task<int> Mkdir(AppletContext c)
    {
        var (ok, flags, values, dirs) = await GetOpt(c, "pv", "m", "[-m MODE] [-p] DIRECTORY...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (dirs.Count == 0)
        {
            return await c.BadUsage("[-m MODE] [-p] DIRECTORY...").ConfigureAwait(false);
        }

        UnixFileMode? mode = null;
        if (values.TryGetValue('m', out var m))
        {
            var parsed = ParseMode(m, FileEntry.DefaultDirectoryMode);
            if (parsed is null)
            {
                return await c.Fail($"invalid mode '{m}'").ConfigureAwait(false);
            }

            mode = parsed;
        }

        var status = 0;
        foreach (var d in dirs)
        {
            var path = c.Resolve(d);
            try
            {
                if (flags.Contains('p'))
                {
                    c.Fs.CreateDirectories(path, mode);
                }
                else
                {
                    c.Fs.CreateDirectory(path, mode);
                }

                if (mode is not null)
                {
                    c.Fs.Chmod(path, mode.Value);
                }
            }
            catch (FileSystemException e)
            {
                status = await c.Fail($"can't create directory '{d}': {e.Message}").ConfigureAwait(false);
            }
        }

        return status;
    }

    internal static Task<int> BadUsage(this AppletContext c, string usage) => c.ShowUsage(usage);

    private static async Task<int> Rmdir(AppletContext c)
    {
        var (ok, flags, _, dirs) = await GetOpt(c, "p", "", "[-p] DIRECTORY...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (dirs.Count == 0)
        {
            return await c.BadUsage("[-p] DIRECTORY...").ConfigureAwait(false);
        }

        var status = 0;
        foreach (var d in dirs)
        {
            var path = c.Resolve(d);
            try
            {
                c.Fs.RemoveDirectory(path);
                if (flags.Contains('p'))
                {
                    var parent = FsPath.Parent(path);
                    while (parent != "/" && c.Fs.ReadDirectory(parent).Count == 0)
                    {
                        c.Fs.RemoveDirectory(parent);
                        parent = FsPath.Parent(parent);
                    }
                }
            }
            catch (FileSystemException e)
            {
                status = await c.Fail($"'{d}': {e.Message}").ConfigureAwait(false);
            }
        }

        return status;
    }

    private static async Task<int> Rm(AppletContext c)
    {
        var (ok, flags, _, files) = await GetOpt(c, "rRfiv", "", "[-irf] FILE...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var force = flags.Contains('f');
        var recursive = flags.Contains('r') || flags.Contains('R');
        if (files.Count == 0)
        {
            return force ? 0 : await c.BadUsage("[-irf] FILE...").ConfigureAwait(false);
        }

        var status = 0;
        foreach (var f in files)
        {
            var path = c.Resolve(f);
            FileEntry entry;
            try
            {
                entry = c.Fs.LStat(path);
            }
            catch (FileSystemException e)
            {
                if (!(force && e.Errno == Errno.ENOENT))
                {
                    status = await c.Fail($"can't stat '{f}': {e.Message}").ConfigureAwait(false);
                }

                continue;
            }

            if (entry.IsDirectory && !recursive)
            {
                status = await c.Fail($"'{f}' is a directory").ConfigureAwait(false);
                continue;
            }

            if (!await RemoveTree(c, path, f).ConfigureAwait(false))
            {
                status = 1;
            }
        }

        return status;
    }

    private static async Task<bool> RemoveTree(AppletContext c, string path, string shown)
    {
        try
        {
            var entry = c.Fs.LStat(path);
            if (entry.IsDirectory)
            {
                var ok = true;
                foreach (var name in c.Fs.ReadDirectory(path))
                {
                    ok &= await RemoveTree(c, FsPath.Combine(path, name), shown.TrimEnd('/') + "/" + name).ConfigureAwait(false);
                }

                c.Fs.RemoveDirectory(path);
                return ok;
            }

            c.Fs.Unlink(path);
            return true;
        }
        catch (FileSystemException e)
        {
            await c.Fail($"can't remove '{shown}': {e.Message}").ConfigureAwait(false);
            return false;
        }
    }

    private static async Task<int> Cp(AppletContext c)
    {
        var (ok, flags, _, args) = await GetOpt(c, "rRapfdPLHnvi", "", "[-arPLHpfinlsTu] SOURCE DEST", "archive=a force=f interactive=i no-clobber=n link dereference=L no-dereference=P recursive=R symbolic-link update verbose=v parents preserve remove-destination target-directory no-target-directory reflink").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (args.Count < 2)
        {
            return await c.BadUsage("[-arPLHpfinlsTu] SOURCE DEST").ConfigureAwait(false);
        }

        var recursive = flags.Contains('r') || flags.Contains('R') || flags.Contains('a');
        var preserve = flags.Contains('p') || flags.Contains('a');
        var noDeref = flags.Contains('a') || flags.Contains('d') || flags.Contains('P');
        var dest = args[^1];
        var destPath = c.Resolve(dest);
        var destIsDir = IsDir(c, destPath);
        var sources = args.Take(args.Count - 1).ToList();
        if (sources.Count > 1 && !destIsDir)
        {
            return await c.Fail($"'{dest}' is not a directory").ConfigureAwait(false);
        }

        var status = 0;
        foreach (var s in sources)
        {
            var src = c.Resolve(s);
            var target = destIsDir ? FsPath.Combine(destPath, FsPath.Name(src)) : destPath;
            FileEntry entry;
            try
            {
                entry = noDeref ? c.Fs.LStat(src) : c.Fs.Stat(src);
            }
            catch (FileSystemException e)
            {
                status = await c.Fail($"can't stat '{s}': {e.Message}").ConfigureAwait(false);
                continue;
            }

            if (entry.IsDirectory && !recursive)
            {
                status = await c.Fail($"omitting directory '{s}'").ConfigureAwait(false);
                continue;
            }

            if (entry.IsDirectory && FsPath.IsSameOrUnder(target, src))
            {
                status = await c.Fail($"can't copy a directory into itself").ConfigureAwait(false);
                continue;
            }

            if (!await CopyTree(c, src, target, s, preserve, noDeref).ConfigureAwait(false))
            {
                status = 1;
            }
        }

        return status;
    }

    private static bool IsDir(AppletContext c, string path)
    {
        try
        {
            return c.Fs.Stat(path).IsDirectory;
        }
        catch (FileSystemException)
        {
            return false;
        }
    }

    internal static async Task<bool> CopyTree(AppletContext c, string src, string dst, string shown, bool preserve, bool noDeref)
    {
        try
        {
            var entry = noDeref ? c.Fs.LStat(src) : c.Fs.Stat(src);
            switch (entry.Type)
            {
                case EntryType.Directory:
                    if (!IsDir(c, dst))
                    {
                        c.Fs.CreateDirectory(dst, entry.Mode);
                    }

                    var ok = true;
                    foreach (var name in c.Fs.ReadDirectory(src))
                    {
                        ok &= await CopyTree(c, FsPath.Combine(src, name), FsPath.Combine(dst, name), shown + "/" + name, preserve, noDeref: true).ConfigureAwait(false);
                    }

                    if (preserve)
                    {
                        c.Fs.SetModifiedTime(dst, entry.ModifiedAt);
                    }

                    return ok;
                case EntryType.Symlink:
                    try
                    {
                        c.Fs.Unlink(dst);
                    }
                    catch (FileSystemException)
                    {
                    }

                    c.Fs.CreateSymlink(entry.LinkTarget!, dst);
                    return true;
                default:
                    c.Fs.WriteContent(dst, c.Fs.GetContent(src), entry.Mode);
                    if (preserve)
                    {
                        c.Fs.Chmod(dst, entry.Mode);
                        c.Fs.SetModifiedTime(dst, entry.ModifiedAt);
                        if (c.User.Uid == 0)
                        {
                            c.Fs.Chown(dst, entry.Uid, entry.Gid);
                        }
                    }

                    return true;
            }
        }
        catch (FileSystemException e)
        {
            var which = e.Path is not null && FsPath.Clean(e.Path) == FsPath.Clean(src) ? $"can't open '{shown}'" : $"can't create '{FsPath.Clean(e.Path ?? dst)}'";
            await c.Fail($"{which}: {e.Message}").ConfigureAwait(false);
            return false;
        }
    }

    private static async Task<int> Mv(AppletContext c)
    {
        var (ok, _, _, args) = await GetOpt(c, "finvT", "", "[-finT] SOURCE DEST").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (args.Count < 2)
        {
            return await c.BadUsage("[-finT] SOURCE DEST").ConfigureAwait(false);
        }

        var dest = c.Resolve(args[^1]);
        var destIsDir = IsDir(c, dest);
        var sources = args.Take(args.Count - 1).ToList();
        if (sources.Count > 1 && !destIsDir)
        {
            return await c.Fail($"'{args[^1]}' is not a directory").ConfigureAwait(false);
        }

        var status = 0;
        foreach (var s in sources)
        {
            var src = c.Resolve(s);
            var target = destIsDir ? FsPath.Combine(dest, FsPath.Name(src)) : dest;
            try
            {
                c.Fs.LStat(src);
            }
            catch (FileSystemException e)
            {
                status = await c.Fail($"can't stat '{s}': {e.Message}").ConfigureAwait(false);
                continue;
            }

            try
            {
                c.Fs.Rename(src, target);
            }
            catch (FileSystemException e) when (e.Errno == Errno.EXDEV)
            {
                if (!await CopyTree(c, src, target, s, preserve: true, noDeref: true).ConfigureAwait(false) ||
                    !await RemoveTree(c, src, s).ConfigureAwait(false))
                {
                    status = 1;
                }
            }
            catch (FileSystemException e)
            {
                status = await c.Fail($"can't rename '{s}': {e.Message}").ConfigureAwait(false);
            }
        }

        return status;
    }

    private static async Task<int> Ln(AppletContext c)
    {
        var (ok, flags, _, args) = await GetOpt(c, "sfnTv", "", "[-sfnbtvT] [-S SUF] TARGET... LINK|DIR").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (args.Count == 0)
        {
            return await c.BadUsage("[-sfnbtvT] [-S SUF] TARGET... LINK|DIR").ConfigureAwait(false);
        }

        if (args.Count == 1)
        {
            args.Add(".");
        }

        var dest = c.Resolve(args[^1]);
        var destIsDir = !flags.Contains('n') && IsDir(c, dest);
        var status = 0;
        foreach (var t in args.Take(args.Count - 1))
        {
            var link = destIsDir ? FsPath.Combine(dest, FsPath.Name("/" + t.TrimEnd('/'))) : dest;
            var shown = destIsDir ? args[^1].TrimEnd('/') + "/" + FsPath.Name("/" + t.TrimEnd('/')) : args[^1];
            try
            {
                if (flags.Contains('f'))
                {
                    try
                    {
                        if (!c.Fs.LStat(link).IsDirectory)
                        {
                            c.Fs.Unlink(link);
                        }
                    }
                    catch (FileSystemException)
                    {
                    }
                }

                if (flags.Contains('s'))
                {
                    c.Fs.CreateSymlink(t, link);
                }
                else
                {
                    // coreutils/ln.c: a hard link's source must exist (or be a dangling symlink): perror(source).
                    try
                    {
                        c.Fs.LStat(c.Resolve(t));
                    }
                    catch (FileSystemException e)
                    {
                        status = await c.Fail($"{t}: {e.Message}").ConfigureAwait(false);
                        continue;
                    }

                    c.Fs.Link(c.Resolve(t), link);
                }
            }
            catch (FileSystemException e)
            {
                status = await c.Fail($"{shown}: {e.Message}").ConfigureAwait(false);
            }
        }

        return status;
    }

    private static async Task<int> Touch(AppletContext c)
    {
        var (ok, flags, values, files) = await GetOpt(c, "cahmf", "drt", "[-c] [-d DATE] [-t DATE] [-r FILE] FILE...", "no-create=c no-dereference=h reference=r date=d").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        // coreutils/touch.c: -d DATE and -t STAMP (parse_datestr), -r FILE (its mtime); otherwise now.
        var when = c.Time.GetUtcNow();
        if (values.TryGetValue('d', out var dateText) || values.TryGetValue('t', out dateText))
        {
            if (ParseDate(dateText, when) is not { } parsed)
            {
                return await c.Fail($"invalid date '{dateText}'").ConfigureAwait(false);
            }

            when = parsed;
        }
        else if (values.TryGetValue('r', out var reference))
        {
            try
            {
                when = c.Fs.Stat(c.Resolve(reference)).ModifiedAt;
            }
            catch (FileSystemException e)
            {
                return await c.Fail($"{reference}: {e.Message}").ConfigureAwait(false);
            }
        }

        if (files.Count == 0)
        {
            return await c.BadUsage("[-c] [-d DATE] [-t DATE] [-r FILE] FILE...").ConfigureAwait(false);
        }

        var status = 0;
        foreach (var f in files)
        {
            var path = c.Resolve(f);
            try
            {
                if (!c.Fs.Exists(path))
                {
                    if (flags.Contains('c'))
                    {
                        continue;
                    }

                    using var h = c.Fs.Open(path, OpenFlags.WriteOnly | OpenFlags.Create, FileEntry.DefaultFileMode);
                }

                c.Fs.SetModifiedTime(path, when);
            }
            catch (FileSystemException e)
            {
                status = await c.Fail($"{f}: {e.Message}").ConfigureAwait(false);
            }
        }

        return status;
    }

    /// <summary>Parses an octal or symbolic (<c>u+x,go-w</c>) mode relative to <paramref name="current"/>; null if invalid.</summary>
    internal static UnixFileMode? ParseMode(string text, UnixFileMode current, bool isDirectory = false)
    {
        if (text.Length > 0 && text.All(ch => ch is >= '0' and <= '7'))
        {
            return (UnixFileMode)Convert.ToInt32(text, 8) & (UnixFileMode)0xFFF;
        }

        var mode = (int)current;
        foreach (var clause in text.Split(','))
        {
            var i = 0;
            var who = 0;
            while (i < clause.Length && "ugoa".Contains(clause[i], StringComparison.Ordinal))
            {
                who |= clause[i] switch { 'u' => 0b100_111_000_000, 'g' => 0b010_000_111_000, 'o' => 0b001_000_000_111, _ => 0b111_111_111_111 };
                i++;
            }

            var defaultWho = who == 0;
            if (defaultWho)
            {
                who = 0b111_111_111_111 & ~0b000_000_010_010;
            }

            if (i >= clause.Length)
            {
                return null;
            }

            while (i < clause.Length)
            {
                var op = clause[i];
                if (op is not ('+' or '-' or '='))
                {
                    return null;
                }

                i++;
                var bits = 0;
                while (i < clause.Length && clause[i] is not ('+' or '-' or '='))
                {
                    bits |= clause[i] switch
                    {
                        'r' => 0b000_100_100_100,
                        'w' => 0b000_010_010_010,
                        'x' => 0b000_001_001_001,
                        'X' => isDirectory || (mode & 0b001_001_001) != 0 ? 0b000_001_001_001 : 0,
                        's' => 0b110_000_000_000,
                        't' => 0b001_000_000_000,
                        _ => -1,
                    };
                    if (bits < 0)
                    {
                        return null;
                    }

                    i++;
                }

                var mask = who & bits;
                if (defaultWho && op == '=')
                {
                    mask = 0b111_111_111_111 & bits;
                }

                mode = op switch
                {
                    '+' => mode | mask,
                    '-' => mode & ~mask,
                    _ => (mode & ~(defaultWho ? 0b111_111_111_111 : who)) | mask,
                };
            }
        }

        return (UnixFileMode)mode;
    }

    private static async Task<int> Chmod(AppletContext c)
    {
        var args = c.Args.Skip(1).ToList();
        var recursive = false;
        while (args.Count > 0 && args[0].StartsWith('-') && args[0].Length > 1 && args[0][1..].All(ch => ch is 'R' or 'f' or 'v' or 'c'))
        {
            recursive |= args[0].Contains('R', StringComparison.Ordinal);
            args.RemoveAt(0);
        }

        if (args.Count < 2)
        {
            return await c.BadUsage("[-Rcvf] MODE[,MODE]... FILE...").ConfigureAwait(false);
        }

        var modeText = args[0];
        var status = 0;
        foreach (var f in args.Skip(1))
        {
            status |= await ChmodOne(c, c.Resolve(f), f, modeText, recursive).ConfigureAwait(false);
        }

        return status;
    }

    private static async Task<int> ChmodOne(AppletContext c, string path, string shown, string modeText, bool recursive)
    {
        FileEntry entry;
        try
        {
            entry = c.Fs.Stat(path);
        }
        catch (FileSystemException e)
        {
            return await c.Fail($"{shown}: {e.Message}").ConfigureAwait(false);
        }

        var mode = ParseMode(modeText, entry.Mode, entry.IsDirectory);
        if (mode is null)
        {
            return await c.Fail($"invalid mode '{modeText}'").ConfigureAwait(false);
        }

        try
        {
            c.Fs.Chmod(path, mode.Value);
        }
        catch (FileSystemException e)
        {
            return await c.Fail($"{shown}: {e.Message}").ConfigureAwait(false);
        }

        var status = 0;
        if (recursive && entry.IsDirectory)
        {
            foreach (var name in c.Fs.ReadDirectory(path))
            {
                var child = FsPath.Combine(path, name);
                if (c.Fs.LStat(child).Type == EntryType.Symlink)
                {
                    continue;
                }

                status |= await ChmodOne(c, child, shown + "/" + name, modeText, true).ConfigureAwait(false);
            }
        }

        return status;
    }

    private static async Task<int> Chown(AppletContext c)
    {
        // coreutils/chown.c: getopt32long "^RhvcfLHP" with --recursive, --dereference, --no-dereference, --changes, --silent, --quiet, --verbose.
        var (ok, flags, _, args) = await GetOpt(c, "RhvcfLHP", "", "[-RhLHPcvf]... USER[:[GRP]] FILE...", "recursive=R dereference no-dereference=h changes=c silent=f quiet=f verbose=v from").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var recursive = flags.Contains('R');

        if (args.Count < 2)
        {
            return await c.BadUsage("[-RhLHPcvf]... USER[:[GRP]] FILE...").ConfigureAwait(false);
        }

        Processes.ProcessUser user;
        try
        {
            user = Processes.ProcessUser.Resolve(args[0].Replace('.', ':'), c.Fs);
        }
        catch (DockerSimulatorException)
        {
            var name = args[0].Split(':', '.')[0];
            return await c.Fail($"unknown user {name}").ConfigureAwait(false);
        }

        var keepGroup = !args[0].Contains(':', StringComparison.Ordinal) && !args[0].Contains('.', StringComparison.Ordinal);
        var status = 0;
        foreach (var f in args.Skip(1))
        {
            var stack = new Stack<(string, string)>();
            stack.Push((c.Resolve(f), f));
            while (stack.Count > 0)
            {
                var (path, shown) = stack.Pop();
                try
                {
                    var entry = c.Fs.LStat(path);
                    c.Fs.Chown(path, user.Uid, keepGroup ? entry.Gid : user.Gid);
                    if (recursive && entry.IsDirectory)
                    {
                        foreach (var name in c.Fs.ReadDirectory(path))
                        {
                            stack.Push((FsPath.Combine(path, name), shown + "/" + name));
                        }
                    }
                }
                catch (FileSystemException e)
                {
                    status = await c.Fail($"{shown}: {e.Message}").ConfigureAwait(false);
                }
            }
        }

        return status;
    }
}
