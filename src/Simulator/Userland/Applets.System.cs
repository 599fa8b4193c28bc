using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Userland;

/// <content>System applets: sleep, env, basename, dirname, id, whoami, hostname, readlink, which, find, sed, xargs, date.</content>
internal static partial class Applets
{
    /// <summary>busybox sleep (coreutils/sleep.c, libbb/duration.c with FLOAT_DURATION): <c>inf...</c> sleeps until a signal; each argument is a number with an optional s/m/h/d suffix, the total is slept on the namespace's clock.</summary>
    private static async Task<int> Sleep(AppletContext c)
    {
        var args = c.Args.Skip(1).ToList();
        if (args.Count > 0 && args[0] == "--")
        {
            args.RemoveAt(0);
        }

        if (args.Count == 0)
        {
            return await c.BadUsage("[N]...").ConfigureAwait(false);
        }

        if (args[0].StartsWith("inf", StringComparison.OrdinalIgnoreCase))
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, c.Time, c.Token).ConfigureAwait(false);
            return 0;
        }

        var seconds = 0.0;
        foreach (var a in args)
        {
            var multiplier = 1.0;
            string digits;
            char? suffix = a.Length > 0 && a[^1] is 's' or 'm' or 'h' or 'd' ? a[^1] : null;
            if (a.Contains('.', StringComparison.Ordinal))
            {
                var len = a.TakeWhile(ch => char.IsAsciiDigit(ch) || ch == '.').Count();
                if (!double.TryParse(a.AsSpan(0, len), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out multiplier) || len == 0 || a[..len].Count(ch => ch == '.') > 1)
                {
                    return await c.BadUsage("[N]...").ConfigureAwait(false);
                }

                // busybox parses the suffix as "1SUFFIX" (it overwrites the last digit with '1').
                digits = "1" + a[len..];
            }
            else
            {
                digits = a;
            }

            var number = suffix is null ? digits : digits[..^1];
            if (number.Length == 0 || !number.All(char.IsAsciiDigit) || !ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return await c.Fail($"invalid number '{digits}'").ConfigureAwait(false);
            }

            seconds += multiplier * n * suffix switch { 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 1 };
        }

        // sleep_for_duration: durations beyond what nanosleep takes sleep "forever" (INT_MAX seconds).
        var total = seconds >= int.MaxValue ? TimeSpan.FromSeconds(int.MaxValue) : TimeSpan.FromSeconds(seconds);
        await Task.Delay(total, c.Time, c.Token).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Env(AppletContext c)
    {
        var env = c.Env.ToList();
        var i = 1;
        for (; i < c.Args.Count; i++)
        {
            var a = c.Args[i];
            if (a is "-i" or "-")
            {
                env.Clear();
            }
            else if (a == "-u" && i + 1 < c.Args.Count)
            {
                var name = c.Args[++i];
                env.RemoveAll(e => e.StartsWith(name + "=", StringComparison.Ordinal));
            }
            else if (a == "--")
            {
                i++;
                break;
            }
            else if (a.StartsWith('-') && a.Length > 1)
            {
                return await c.BadOption(a[1], "[-i] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]").ConfigureAwait(false);
            }
            else
            {
                break;
            }
        }

        for (; i < c.Args.Count && c.Args[i].Contains('=', StringComparison.Ordinal); i++)
        {
            var name = c.Args[i][..c.Args[i].IndexOf('=', StringComparison.Ordinal)];
            env.RemoveAll(e => e.StartsWith(name + "=", StringComparison.Ordinal));
            env.Add(c.Args[i]);
        }

        if (i >= c.Args.Count)
        {
            await c.Out(string.Concat(env.Select(e => e + "\n"))).ConfigureAwait(false);
            return 0;
        }

        if (c.Process is null)
        {
            return 126;
        }

        var spec = new ProcessSpec(c.Args.Skip(i).ToList()) { Env = env, WorkingDirectory = c.Cwd, User = c.User };
        try
        {
            var child = c.Process.StartChild(spec, c.Stdin, c.Stdout, c.Stderr);
            return await child.WaitAsync(c.Token).ConfigureAwait(false);
        }
        catch (ExecException e)
        {
            await c.Err($"env: can't execute '{c.Args[i]}': {(e.Errno == Errno.ENOENT ? "No such file or directory" : "Permission denied")}\n").ConfigureAwait(false);
            return e.ExitCode;
        }
    }

    /// <summary>busybox basename (coreutils/basename.c): <c>NAME [SUFFIX]</c>, or with <c>-a</c>/<c>-s SUFFIX</c> every operand.</summary>
    private static async Task<int> Basename(AppletContext c)
    {
        var (ok, flags, values, args) = await GetOpt(c, "a", "s", "FILE [SUFFIX]").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var all = flags.Contains('a') || flags.Contains('s');
        string? suffix = values.GetValueOrDefault('s');
        if (args.Count == 0 || (!all && args.Count > 2))
        {
            return await c.BadUsage("FILE [SUFFIX]").ConfigureAwait(false);
        }

        if (!all)
        {
            suffix = args.Count > 1 ? args[1] : null;
            args = [args[0]];
        }

        var sb = new StringBuilder();
        foreach (var arg in args)
        {
            var trimmed = arg.TrimEnd('/');
            var name = trimmed.Length == 0 ? (arg.Length > 0 ? "/" : "") : trimmed[(trimmed.LastIndexOf('/') + 1)..];
            if (suffix is not null && name.EndsWith(suffix, StringComparison.Ordinal) && name != suffix)
            {
                name = name[..^suffix.Length];
            }

            sb.Append(name).Append('\n');
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Dirname(AppletContext c)
    {
        if (c.Args.Count < 2)
        {
            return await c.BadUsage("FILENAME").ConfigureAwait(false);
        }

        var s = c.Args[1].TrimEnd('/');
        string dir;
        if (s.Length == 0)
        {
            dir = c.Args[1].StartsWith('/') ? "/" : ".";
        }
        else
        {
            var slash = s.LastIndexOf('/');
            dir = slash < 0 ? "." : s[..slash].TrimEnd('/');
            if (slash >= 0 && dir.Length == 0)
            {
                dir = "/";
            }
        }

        await c.Out(dir + "\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Id(AppletContext c)
    {
        var (ok, flags, _, args) = await GetOpt(c, "ugnrG", "", "[-ugGnr] [USER]").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var uid = c.User.Uid;
        var gid = c.User.Gid;
        if (args.Count > 0)
        {
            try
            {
                var u = ProcessUser.Resolve(args[0], c.Fs);
                if (u.Name is null)
                {
                    throw new DockerSimulatorException(ErrorKind.NotFound, "");
                }

                uid = u.Uid;
                gid = u.Gid;
            }
            catch (DockerSimulatorException)
            {
                return await c.Fail($"unknown user {args[0]}").ConfigureAwait(false);
            }
        }

        var user = LookupName(c, "/etc/passwd", uid);
        var group = LookupName(c, "/etc/group", gid);
        var groups = SupplementaryGroups(c, user, gid);
        string text;
        if (flags.Contains('u'))
        {
            text = flags.Contains('n') ? user : uid.ToString(CultureInfo.InvariantCulture);
        }
        else if (flags.Contains('g'))
        {
            text = flags.Contains('n') ? group : gid.ToString(CultureInfo.InvariantCulture);
        }
        else if (flags.Contains('G'))
        {
            text = string.Join(' ', groups.Select(g => flags.Contains('n') ? g.Name : g.Id.ToString(CultureInfo.InvariantCulture)));
        }
        else
        {
            string Fmt(int id, string name) => id.ToString(CultureInfo.InvariantCulture) + (name != id.ToString(CultureInfo.InvariantCulture) ? "(" + name + ")" : "");
            text = $"uid={Fmt(uid, user)} gid={Fmt(gid, group)}";
            if (groups.Count > 0)
            {
                text += " groups=" + string.Join(',', groups.Select(g => Fmt(g.Id, g.Name)));
            }
        }

        await c.Out(text + "\n").ConfigureAwait(false);
        return 0;
    }

    private static List<(int Id, string Name)> SupplementaryGroups(AppletContext c, string user, int gid)
    {
        var result = new List<(int, string)> { (gid, LookupName(c, "/etc/group", gid)) };
        try
        {
            foreach (var line in c.Fs.WithCaller(0, 0).ReadAllText("/etc/group").Split('\n'))
            {
                var f = line.Split(':');
                if (f.Length > 3 && f[3].Split(',').Contains(user) && int.TryParse(f[2], CultureInfo.InvariantCulture, out var g) && g != gid)
                {
                    result.Add((g, f[0]));
                }
            }
        }
        catch (FileSystemException)
        {
        }

        return result;
    }

    private static async Task<int> Whoami(AppletContext c)
    {
        if (c.Args.Count > 1)
        {
            return await c.BadUsage("").ConfigureAwait(false);
        }

        var name = LookupName(c, "/etc/passwd", c.User.Uid);
        if (name == c.User.Uid.ToString(CultureInfo.InvariantCulture))
        {
            return await c.Fail($"unknown uid {c.User.Uid}").ConfigureAwait(false);
        }

        await c.Out(name + "\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Hostname(AppletContext c)
    {
        var (ok, flags, values, _) = await GetOpt(c, "dfisv", "F", "[-sidf] [HOSTNAME | -F FILE]").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (values.TryGetValue('F', out var file) && await c.ReadInput(file).ConfigureAwait(false) is null)
        {
            return 1;
        }

        string name;
        try
        {
            name = c.Fs.ReadAllText("/etc/hostname").Trim();
        }
        catch (FileSystemException)
        {
            name = "localhost";
        }

        if (flags.Contains('s'))
        {
            name = name.Split('.')[0];
        }

        await c.Out(name + "\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Readlink(AppletContext c)
    {
        var (ok, flags, _, args) = await GetOpt(c, "fenqsv", "", "[-fnv] FILE").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (args.Count == 0)
        {
            return await c.BadUsage("[-fnv] FILE").ConfigureAwait(false);
        }

        var status = 0;
        foreach (var a in args)
        {
            var path = c.Resolve(a);
            try
            {
                var result = flags.Contains('f') || flags.Contains('e') ? Canonicalize(c, path) : c.Fs.ReadLink(path);
                await c.Out(result + (flags.Contains('n') ? "" : "\n")).ConfigureAwait(false);
            }
            catch (FileSystemException)
            {
                status = 1;
            }
        }

        return status;
    }

    private static string Canonicalize(AppletContext c, string path)
    {
        var result = "/";
        var parts = new Queue<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var hops = 0;
        while (parts.Count > 0)
        {
            var part = parts.Dequeue();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                result = FsPath.Parent(result);
                continue;
            }

            var next = FsPath.Combine(result, part);
            FileEntry e;
            try
            {
                e = c.Fs.LStat(next);
            }
            catch (FileSystemException) when (parts.Count == 0)
            {
                return next;
            }

            if (e.Type == EntryType.Symlink && hops++ < 40)
            {
                var target = e.LinkTarget!;
                var rest = parts.ToList();
                parts = new Queue<string>(target.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                if (target.StartsWith('/'))
                {
                    result = "/";
                }

                continue;
            }

            result = next;
        }

        return result;
    }

    private static async Task<int> Which(AppletContext c)
    {
        var (ok, _, _, names) = await GetOpt(c, "a", "", "[-a] COMMAND...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (names.Count == 0)
        {
            return await c.BadUsage("[-a] COMMAND...").ConfigureAwait(false);
        }

        var status = 0;
        var path = c.GetEnv("PATH") ?? ProcessSpec.DefaultPath;
        foreach (var name in names)
        {
            string? found = null;
            if (name.Contains('/', StringComparison.Ordinal))
            {
                found = Executables.Check(c.Fs, c.Process?.Programs ?? new ProgramRegistry(), c.Resolve(name)) is null ? name : null;
            }
            else
            {
                foreach (var dir in path.Split(':'))
                {
                    var candidate = (dir.Length == 0 ? "." : dir) + "/" + name;
                    try
                    {
                        var e = c.Fs.Stat(c.Resolve(candidate));
                        if (!e.IsDirectory && (e.Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
                        {
                            found = candidate;
                            break;
                        }
                    }
                    catch (FileSystemException)
                    {
                    }
                }
            }

            if (found is null)
            {
                status = 1;
            }
            else
            {
                await c.Out(found + "\n").ConfigureAwait(false);
            }
        }

        return status;
    }

    private static async Task<int> Find(AppletContext c)
    {
        var args = c.Args.Skip(1).ToList();
        var roots = new List<string>();
        while (args.Count > 0 && !args[0].StartsWith('-') && args[0] is not ("!" or "("))
        {
            roots.Add(args[0]);
            args.RemoveAt(0);
        }

        if (roots.Count == 0)
        {
            roots.Add(".");
        }

        var tests = new List<Func<string, string, FileEntry, int, bool>>();
        var maxDepth = int.MaxValue;
        var minDepth = 0;
        var print0 = false;
        var quit = false;
        var delete = false;
        var negate = false;
        List<string>? exec = null;
        var execBatch = false;
        var matched = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new FormatException(a);
            Func<string, string, FileEntry, int, bool>? test = null;
            try
            {
                switch (a)
                {
                    case "!":
                        negate = true;
                        continue;
                    case "-name":
                    case "-iname":
                        {
                            var p = Next();
                            var pattern = new Shell.Pattern(p, Enumerable.Repeat(true, p.Length).ToArray());
                            var rx = new Regex(pattern.ToRegex(), a == "-iname" ? RegexOptions.IgnoreCase : RegexOptions.None);
                            test = (shown, _, _, _) => rx.IsMatch(FsPath.Name("/" + shown.TrimEnd('/')) is { Length: > 0 } n ? n : shown);
                            break;
                        }

                    case "-path":
                        {
                            var p = Next();
                            var rx = new Regex(new Shell.Pattern(p, Enumerable.Repeat(true, p.Length).ToArray()).ToRegex());
                            test = (shown, _, _, _) => rx.IsMatch(shown);
                            break;
                        }

                    case "-type":
                        {
                            var t = Next();
                            test = (_, _, e, _) => t switch
                            {
                                "f" => e.Type == EntryType.RegularFile,
                                "d" => e.IsDirectory,
                                "l" => e.Type == EntryType.Symlink,
                                _ => false,
                            };
                            break;
                        }

                    case "-maxdepth":
                    case "-mindepth":
                        {
                            // findutils/find.c: xatoi_positive.
                            var text = Next();
                            if (text.Length == 0 || !text.All(char.IsAsciiDigit))
                            {
                                return await c.Fail($"invalid number '{text}'").ConfigureAwait(false);
                            }

                            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var depth))
                            {
                                return await c.Fail($"number {text} is not in 0..{int.MaxValue} range").ConfigureAwait(false);
                            }

                            (maxDepth, minDepth) = a == "-maxdepth" ? (depth, minDepth) : (maxDepth, depth);
                            continue;
                        }

                    case "-empty":
                        test = (_, p, e, _) => e.IsDirectory ? c.Fs.ReadDirectory(p).Count == 0 : e.Size == 0;
                        break;
                    case "-print":
                        continue;
                    case "-quit":
                        quit = true;
                        continue;
                    case "-follow":
                        continue;
                    case "-print0":
                        print0 = true;
                        continue;
                    case "-delete":
                        delete = true;
                        continue;
                    case "-exec":
                        {
                            // findutils/find.c: -exec CMD... ; (per file) or -exec CMD... {} + (batched); {} is the path.
                            var end = args.FindIndex(i + 1, x => x is ";" or "+");
                            if (end < 0 || end == i + 1)
                            {
                                return await c.Fail("-exec requires an argument").ConfigureAwait(false);
                            }

                            exec = args[(i + 1)..end];
                            execBatch = args[end] == "+";
                            i = end;
                            continue;
                        }

                    case "-a":
                    case "-and":
                        continue;
                    default:
                        await c.Err($"find: unrecognized: {a}\n{BusyboxUsage.Render("find")}").ConfigureAwait(false);
                        return 1;
                }
            }
            catch (FormatException)
            {
                return await c.Fail($"{a}: requires an argument").ConfigureAwait(false);
            }

            if (negate)
            {
                var inner = test;
                test = (s, p, e, d) => !inner(s, p, e, d);
                negate = false;
            }

            tests.Add(test);
        }

        var sb = new StringBuilder();
        var status = 0;
        var toDelete = new List<string>();
        var quitNow = false;
        foreach (var root in roots)
        {
            var rootPath = c.Resolve(root);
            try
            {
                c.Fs.LStat(rootPath);
            }
            catch (FileSystemException e)
            {
                await c.Err($"find: {root}: {e.Message}\n").ConfigureAwait(false);
                status = 1;
                continue;
            }

            void Walk(string shown, string path, int depth)
            {
                FileEntry e;
                try
                {
                    e = c.Fs.LStat(path);
                }
                catch (FileSystemException)
                {
                    return;
                }

                if (quitNow)
                {
                    return;
                }

                if (depth >= minDepth && tests.All(t => t(shown, path, e, depth)))
                {
                    quitNow = quit;
                    if (delete)
                    {
                        toDelete.Add(path);
                    }
                    else if (exec is not null)
                    {
                        matched.Add(shown);
                    }
                    else
                    {
                        sb.Append(shown).Append(print0 ? '\0' : '\n');
                    }
                }

                if (e.IsDirectory && depth < maxDepth)
                {
                    foreach (var n in c.Fs.ReadDirectory(path))
                    {
                        Walk(shown.EndsWith('/') ? shown + n : shown + "/" + n, FsPath.Combine(path, n), depth + 1);
                    }
                }
            }

            Walk(root, rootPath, 0);
        }

        foreach (var p in Enumerable.Reverse(toDelete))
        {
            try
            {
                if (c.Fs.LStat(p).IsDirectory)
                {
                    c.Fs.RemoveDirectory(p);
                }
                else
                {
                    c.Fs.Unlink(p);
                }
            }
            catch (FileSystemException e)
            {
                await c.Err($"find: {p}: {e.Message}\n").ConfigureAwait(false);
                status = 1;
            }
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        if (exec is not null && matched.Count > 0 && c.Process is not null)
        {
            var runs = execBatch
                ? [exec.SelectMany(x => x == "{}" ? matched : [x]).ToList()]
                : matched.Select(m => exec.Select(x => x.Replace("{}", m, StringComparison.Ordinal)).ToList()).ToList();
            foreach (var argv in runs)
            {
                try
                {
                    var child = c.Process.StartChild(new ProcessSpec(argv) { Env = c.Env.ToList(), WorkingDirectory = c.Cwd, User = c.User }, Stream.Null, c.Stdout, c.Stderr);
                    if (await child.WaitAsync(c.Token).ConfigureAwait(false) != 0 && execBatch)
                    {
                        status = 1;
                    }
                }
                catch (ExecException e)
                {
                    await c.Err($"find: {argv[0]}: {(e.Errno == Errno.ENOENT ? "No such file or directory" : "Permission denied")}\n").ConfigureAwait(false);
                    status = 1;
                }
            }
        }

        return status;
    }

    private static async Task<int> Sed(AppletContext c)
    {
        var (ok, flags, values, args) = await GetOpt(c, "nirE", "e", "[-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...", "in-place=i regexp-extended=r quiet=n silent=n expression=e", accumulate: "e").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        string script;
        if (values.TryGetValue('e', out var e))
        {
            script = e;
        }
        else if (args.Count > 0)
        {
            script = args[0];
            args.RemoveAt(0);
        }
        else
        {
            return await c.BadUsage("[-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...").ConfigureAwait(false);
        }

        var commands = new List<Func<string, int, (string? Line, bool Print)>>();
        foreach (var raw in script.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var cmd = raw.Trim();
            if (cmd.Length == 0)
            {
                continue;
            }

            int? onlyLine = null;
            var m0 = Regex.Match(cmd, @"^(\d+)(.*)$");
            if (m0.Success)
            {
                // editors/sed.c get_address: strtol, so a huge line number saturates.
                onlyLine = int.TryParse(m0.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var lineNumber) ? lineNumber : int.MaxValue;
                cmd = m0.Groups[2].Value.TrimStart();
                if (cmd.Length == 0)
                {
                    return await c.Fail("missing command").ConfigureAwait(false);
                }
            }

            if (cmd.StartsWith('s') && cmd.Length > 1)
            {
                var d = cmd[1];
                var parts = SplitSed(cmd[2..], d);
                if (parts.Count < 3)
                {
                    return await c.Fail($"unmatched '{d}'").ConfigureAwait(false);
                }

                var pattern = flags.Contains('E') || flags.Contains('r') ? parts[0] : BreToNet(parts[0]);
                var replacement = Regex.Replace(parts[1], @"\\(\d)|&|\$", m => m.Value == "&" ? "$0" : m.Value == "$" ? "$$" : "$" + m.Groups[1].Value);
                var opts = parts[2];
                var rx = new Regex(pattern, opts.Contains('I', StringComparison.Ordinal) ? RegexOptions.IgnoreCase : RegexOptions.None);
                var global = opts.Contains('g', StringComparison.Ordinal);
                var print = opts.Contains('p', StringComparison.Ordinal);
                commands.Add((line, n) =>
                {
                    if (onlyLine is not null && onlyLine != n)
                    {
                        return (line, false);
                    }

                    var replaced = global ? rx.Replace(line, replacement) : rx.Replace(line, replacement, 1);
                    return (replaced, print && rx.IsMatch(line));
                });
            }
            else if (cmd == "d")
            {
                commands.Add((line, n) => onlyLine is null || onlyLine == n ? (null, false) : (line, false));
            }
            else if (cmd == "p")
            {
                commands.Add((line, n) => (line, onlyLine is null || onlyLine == n));
            }
            else if (cmd.Length > 2 && cmd[0] == '/' && cmd.LastIndexOf('/') > 0 && cmd[^1] is 'd' or 'p')
            {
                var rx = new Regex(BreToNet(cmd[1..cmd.LastIndexOf('/')]));
                var del = cmd[^1] == 'd';
                commands.Add((line, _) => rx.IsMatch(line) ? (del ? null : line, !del) : (line, false));
            }
            else
            {
                return await c.Fail($"unsupported command {cmd[0]}").ConfigureAwait(false);
            }
        }

        var files = args.Count == 0 ? ["-"] : args;
        var status = 0;
        var output = new StringBuilder();
        foreach (var f in files)
        {
            // editors/sed.c: fopen_or_warn, G.exitcode = EXIT_FAILURE.
            var bytes = await c.ReadInputOrWarn(f).ConfigureAwait(false);
            if (bytes is null)
            {
                status = 1;
                continue;
            }

            var sb = flags.Contains('i') ? new StringBuilder() : output;
            var n = 0;
            foreach (var original in AppletContext.Lines(AppletContext.Text(bytes)))
            {
                n++;
                string? line = original;
                foreach (var cmd in commands)
                {
                    var (result, print) = cmd(line, n);
                    if (print && result is not null)
                    {
                        sb.Append(result).Append('\n');
                    }

                    line = result;
                    if (line is null)
                    {
                        break;
                    }
                }

                if (line is not null && !flags.Contains('n'))
                {
                    sb.Append(line).Append('\n');
                }
            }

            if (flags.Contains('i') && f != "-")
            {
                c.Fs.WriteAllText(c.Resolve(f), sb.ToString());
            }
        }

        await c.Out(output.ToString()).ConfigureAwait(false);
        return status;
    }

    private static List<string> SplitSed(string s, char d)
    {
        var parts = new List<string>();
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] == d)
            {
                sb.Append(d);
                i++;
            }
            else if (s[i] == d)
            {
                parts.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(s[i]);
            }
        }

        parts.Add(sb.ToString());
        return parts;
    }

    private static async Task<int> Xargs(AppletContext c)
    {
        var (ok, flags, values, cmd) = await GetOpt(c, "0rt", "nI", "[OPTIONS] [PROG ARGS]", "no-run-if-empty=r", permute: false).ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (cmd.Count == 0)
        {
            cmd.Add("echo");
        }

        var input = AppletContext.Text(await c.ReadAllStdin().ConfigureAwait(false));
        var items = flags.Contains('0') ? input.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList()
            : Regex.Matches(input, @"""[^""]*""|'[^']*'|\S+").Select(m => m.Value.Trim('"', '\'')).ToList();
        if (items.Count == 0 && flags.Contains('r'))
        {
            return 0;
        }

        var batch = values.TryGetValue('n', out var nText) && int.TryParse(nText, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
        var status = 0;
        var batches = new List<List<string>>();
        if (values.TryGetValue('I', out var repl))
        {
            batches.AddRange(AppletContext.Lines(input).Select(line => cmd.Select(a => a.Replace(repl, line, StringComparison.Ordinal)).ToList()));
        }
        else
        {
            for (var i = 0; i < Math.Max(items.Count, 1); i += batch)
            {
                batches.Add([.. cmd, .. items.Skip(i).Take(batch)]);
            }
        }

        foreach (var argv in batches)
        {
            if (c.Process is null)
            {
                return 126;
            }

            try
            {
                var child = c.Process.StartChild(new ProcessSpec(argv) { Env = c.Env.ToList(), WorkingDirectory = c.Cwd, User = c.User }, Stream.Null, c.Stdout, c.Stderr);
                var code = await child.WaitAsync(c.Token).ConfigureAwait(false);
                if (code != 0)
                {
                    status = 123;
                }
            }
            catch (ExecException e)
            {
                await c.Err($"xargs: {argv[0]}: {(e.Errno == Errno.ENOENT ? "No such file or directory" : "Permission denied")}\n").ConfigureAwait(false);
                return e.ExitCode;
            }
        }

        return status;
    }

    /// <summary>
    /// libbb's parse_datestr (libbb/time.c) in UTC: <c>@SECONDS</c>, <c>YYYY-MM-DD[ |T]hh:mm[:ss]</c>, <c>YYYY.MM.DD-hh:mm[:ss]</c>,
    /// <c>YYYY-MM-DD</c>, <c>hh:mm[:ss]</c> (today), <c>[[CC]YY]MMDDhhmm[.ss]</c>; null when none fits.
    /// </summary>
    internal static DateTimeOffset? ParseDate(string text, DateTimeOffset now)
    {
        var t = text.Trim();
        if (t.StartsWith('@') && long.TryParse(t.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch))
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        string[] formats =
        [
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy.MM.dd-HH:mm:ss", "yyyy.MM.dd-HH:mm", "yyyy-MM-dd",
        ];
        if (DateTime.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var full))
        {
            return new DateTimeOffset(full, TimeSpan.Zero);
        }

        if (DateTime.TryParseExact(t, ["HH:mm:ss", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.NoCurrentDateDefault, out var clock))
        {
            return new DateTimeOffset(now.UtcDateTime.Date + clock.TimeOfDay, TimeSpan.Zero);
        }

        // MMDDhhmm[[CC]YY][.ss]
        var m = Regex.Match(t, @"^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2}|\d{4})?(?:\.(\d{2}))?$");
        if (m.Success)
        {
            var year = m.Groups[5].Success ? int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture) : now.Year;
            year = m.Groups[5].Value.Length == 2 ? (year < 69 ? 2000 + year : 1900 + year) : year;
            try
            {
                return new DateTimeOffset(year, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                    int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture),
                    m.Groups[6].Success ? int.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture) : 0, TimeSpan.Zero);
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// busybox date (coreutils/date.c): getopt32long "Rs:ud:r:I::D:"; <c>-d DATE</c> (libbb's parse_datestr formats), <c>-r FILE</c>
    /// (its mtime), <c>-R</c> (RFC 2822), <c>-I</c> (ISO 8601 date), <c>-u</c>; then <c>+FORMAT</c>. The zone is always UTC (no TZ in containers).
    /// </summary>
    private static async Task<int> Date(AppletContext c)
    {
        // -I takes an optional attached argument ("I::"): take it out before the common parser.
        var iso = c.Args.Skip(1).Any(a => a.StartsWith("-I", StringComparison.Ordinal));
        var args = c.Args.Where((a, i) => i == 0 || !a.StartsWith("-I", StringComparison.Ordinal)).ToList();
        var parsed = c with { Args = args };
        var (ok, flags, values, operands) = await GetOpt(parsed, "Ru", "sdrD", "", "rfc-822=R rfc-2822=R set=s utc=u date=d reference=r").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        var now = c.Time.GetUtcNow();
        if (values.TryGetValue('d', out var dateText))
        {
            if (ParseDate(dateText, now) is not { } when)
            {
                return await c.Fail($"invalid date '{dateText}'").ConfigureAwait(false);
            }

            now = when;
        }
        else if (values.TryGetValue('r', out var reference))
        {
            try
            {
                now = c.Fs.Stat(c.Resolve(reference)).ModifiedAt;
            }
            catch (FileSystemException e)
            {
                return await c.Fail($"can't stat '{reference}': {e.Message}").ConfigureAwait(false);
            }
        }

        var format = operands.FirstOrDefault(a => a.StartsWith('+'));
        if (format is null && operands.Count > 0)
        {
            return await c.BadUsage("").ConfigureAwait(false);
        }

        string text;
        if (format is null && flags.Contains('R'))
        {
            text = now.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
        }
        else if (format is null && iso)
        {
            text = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        else if (format is null)
        {
            text = now.UtcDateTime.ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture).Replace(" " + now.Day + " ", " " + now.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) + " ", StringComparison.Ordinal);
        }
        else
        {
            var sb = new StringBuilder();
            var f = format[1..];
            var u = now.UtcDateTime;
            for (var i = 0; i < f.Length; i++)
            {
                if (f[i] != '%' || i + 1 >= f.Length)
                {
                    sb.Append(f[i]);
                    continue;
                }

                var spec = f[++i];
                sb.Append(spec switch
                {
                    'Y' => u.ToString("yyyy", CultureInfo.InvariantCulture),
                    'm' => u.ToString("MM", CultureInfo.InvariantCulture),
                    'd' => u.ToString("dd", CultureInfo.InvariantCulture),
                    'H' => u.ToString("HH", CultureInfo.InvariantCulture),
                    'M' => u.ToString("mm", CultureInfo.InvariantCulture),
                    'S' => u.ToString("ss", CultureInfo.InvariantCulture),
                    's' => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    'F' => u.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    'T' => u.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                    'Z' => "UTC",
                    'z' => "+0000",
                    'a' => u.ToString("ddd", CultureInfo.InvariantCulture),
                    'b' => u.ToString("MMM", CultureInfo.InvariantCulture),
                    'n' => "\n",
                    '%' => "%",
                    _ => "%" + spec,
                });
            }

            text = sb.ToString();
        }

        await c.Out(text + "\n").ConfigureAwait(false);
        return 0;
    }
}
