using System.Globalization;
using System.Text;
using Simulator.FileSystem;

namespace Simulator.Userland;

/// <summary>
/// busybox's <c>adduser</c>, <c>addgroup</c>, <c>deluser</c> and <c>delgroup</c> (busybox 1.37 loginutils/adduser.c,
/// addgroup.c, deluser.c and libbb/update_passwd.c): they edit <c>/etc/passwd</c>, <c>/etc/group</c>,
/// <c>/etc/shadow</c> (and <c>/etc/gshadow</c> when present), keep the previous file as <c>FILE-</c> as
/// update_passwd's backup, and keep each file's mode and owner. Ids follow Alpine's busybox config
/// (system ids 100..999, others from 1000; last id 256000). Names are not checked (FEATURE_CHECK_NAMES off).
/// </summary>
internal static partial class Applets
{
    private const int FirstSystemId = 100;
    private const int LastSystemId = 999;
    private const int LastId = 256000;

    private const string BusyboxBanner = "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\n";

    private const string AdduserUsage =
        "Usage: adduser [OPTIONS] USER [GROUP]\n\nCreate new user, or add USER to GROUP\n\n" +
        "\t-h DIR\t\tHome directory\n\t-g GECOS\tGECOS field\n\t-s SHELL\tLogin shell\n\t-G GRP\t\tGroup\n" +
        "\t-S\t\tCreate a system user\n\t-D\t\tDon't assign a password\n\t-H\t\tDon't create home directory\n" +
        "\t-u UID\t\tUser id\n\t-k SKEL\t\tSkeleton directory (/etc/skel)\n";

    private const string AddgroupUsage =
        "Usage: addgroup [-g GID] [-S] [USER] GROUP\n\nAdd a group or add a user to a group\n\n\t-g GID\tGroup id\n\t-S\tCreate a system group\n";

    private const string DeluserUsage = "Usage: deluser [--remove-home] USER\n\nDelete USER from the system\n";

    private const string DelgroupUsage = "Usage: delgroup [USER] GROUP\n\nDelete group GROUP from the system or user USER from group GROUP\n";

    private static readonly Dictionary<string, char> AdduserLong = new(StringComparer.Ordinal)
    {
        ["home"] = 'h', ["gecos"] = 'g', ["shell"] = 's', ["ingroup"] = 'G', ["disabled-password"] = 'D',
        ["empty-password"] = 'D', ["system"] = 'S', ["no-create-home"] = 'H', ["uid"] = 'u', ["skel"] = 'k',
    };

    private static readonly Dictionary<string, char> AddgroupLong = new(StringComparer.Ordinal) { ["gid"] = 'g', ["system"] = 'S' };

    private static readonly Dictionary<string, char> DeluserLong = new(StringComparer.Ordinal) { ["remove-home"] = 'r' };

    /// <summary>A busybox applet failure that ends the applet (bb_error_msg_and_die).</summary>
    private sealed class AppletExit(int status) : Exception
    {
        public int Status { get; } = status;
    }

    private static async Task<int> Adduser(AppletContext c)
    {
        var parsed = await GetOptLong(c, "h:g:s:G:DSHu:k:", AdduserLong, AdduserUsage).ConfigureAwait(false);
        if (parsed is null)
        {
            return 1;
        }

        var (opts, args) = parsed.Value;
        if (c.User.Uid != 0)
        {
            return await c.Fail("permission denied (are you root?)").ConfigureAwait(false);
        }

        if (args.Count is < 1 or > 2)
        {
            return await ShowUsage(c, AdduserUsage).ConfigureAwait(false);
        }

        try
        {
            var name = args[0];
            if (opts.Count == 0 && args.Count == 2)
            {
                // "adduser USER GROUP": add an existing user to an existing group.
                return await AddgroupCore(c, "addgroup", new Dictionary<char, string?>(), [name, args[1]]).ConfigureAwait(false);
            }

            var system = opts.ContainsKey('S');
            var home = opts.GetValueOrDefault('h') ?? "/home/" + name;
            var gecos = opts.GetValueOrDefault('g') ?? "Linux User,,,";
            var shell = opts.GetValueOrDefault('s') ?? ShellName(c);
            var group = opts.GetValueOrDefault('G');
            int? uid = null;
            if (opts.TryGetValue('u', out var u))
            {
                uid = await ParseId(c, u!).ConfigureAwait(false);
            }

            if (system)
            {
                group ??= "nogroup";
                if (!opts.ContainsKey('s'))
                {
                    shell = "/bin/false";
                }
            }

            var passwd = ReadDb(c, "/etc/passwd");
            var groups = ReadDb(c, "/etc/group");
            int? gid = null;
            if (group is not null)
            {
                gid = groups.FirstOrDefault(r => r[0] == group) is { Length: > 2 } row && int.TryParse(row[2], CultureInfo.InvariantCulture, out var g)
                    ? g
                    : throw await Die(c, $"unknown group {group}").ConfigureAwait(false);
            }

            // passwd_study: the name must be free; pick the uid (and the gid = uid for a new own group).
            if (passwd.Any(r => r[0] == name))
            {
                throw await Die(c, $"user '{name}' in use").ConfigureAwait(false);
            }

            var max = LastId;
            var id = uid ?? (system ? FirstSystemId : LastSystemId + 1);
            if (uid is null && system)
            {
                max = LastSystemId;
            }

            while (passwd.Any(r => r.Length > 2 && r[2] == Num(id)) || (gid is null && groups.Any(r => r.Length > 2 && r[2] == Num(id))))
            {
                if (uid is not null)
                {
                    throw await Die(c, $"uid '{id}' in use").ConfigureAwait(false);
                }

                if (id == max)
                {
                    throw await Die(c, "no uids left").ConfigureAwait(false);
                }

                id++;
            }

            if (gid is null)
            {
                if (groups.Any(r => r[0] == name))
                {
                    throw await Die(c, $"group '{name}' in use").ConfigureAwait(false);
                }
            }

            var userGid = gid ?? id;
            if (await UpdatePasswd(c, "/etc/passwd", name, $"x:{id}:{userGid}:{gecos}:{home}:{shell}", null).ConfigureAwait(false) < 0)
            {
                return 1;
            }

            var days = c.Time.GetUtcNow().ToUnixTimeSeconds() / 86400;
            await UpdatePasswd(c, "/etc/shadow", name, $"!:{days}:0:99999:7:::", null).ConfigureAwait(false);

            // addgroup_wrapper: "addgroup -- USER GROUP" or "addgroup --gid GID -- USER" (its status is ignored).
            if (group is not null)
            {
                await AddgroupCore(c, "addgroup", new Dictionary<char, string?>(), [name, group]).ConfigureAwait(false);
            }
            else
            {
                await AddgroupCore(c, "addgroup", new Dictionary<char, string?> { ['g'] = Num(userGid) }, [name]).ConfigureAwait(false);
            }

            if (!opts.ContainsKey('H'))
            {
                await MakeHome(c, c.Resolve(home), home, id, userGid, opts.GetValueOrDefault('k')).ConfigureAwait(false);
            }

            if (!opts.ContainsKey('D') && !system)
            {
                // passwd_wrapper: "passwd -- USER" asks for the new password on stdin; at end of input it gives up.
                await c.Out($"Changing password for {name}\nNew password: \n").ConfigureAwait(false);
                await c.Err($"passwd: password for {name} is unchanged\n").ConfigureAwait(false);
                return 1;
            }

            return 0;
        }
        catch (AppletExit e)
        {
            return e.Status;
        }
    }

    private static async Task MakeHome(AppletContext c, string path, string shown, int uid, int gid, string? skel)
    {
        var created = false;
        try
        {
            c.Fs.CreateDirectory(path, (UnixFileMode)0b111_101_101);
            created = true;
        }
        catch (FileSystemException e) when (e.Errno != Errno.EEXIST)
        {
            await c.Err($"{c.Name}: {shown}: {FileSystemException.StrError(e.Errno)}\n").ConfigureAwait(false);
            return;
        }
        catch (FileSystemException)
        {
        }

        try
        {
            if (created)
            {
                var skelDir = skel ?? "/etc/skel";
                if (c.Fs.Exists(skelDir) && c.Fs.Stat(skelDir).Type == EntryType.Directory)
                {
                    CopyTree(c.Fs, skelDir, path);
                }
                else if (skel is not null)
                {
                    await c.Err($"{c.Name}: can't stat '{skel}': No such file or directory\n").ConfigureAwait(false);
                }

                ChownTree(c.Fs, path, uid, gid);
            }

            c.Fs.Chown(path, uid, gid);
            c.Fs.Chmod(path, (UnixFileMode)0b010_111_101_101);
        }
        catch (FileSystemException e)
        {
            await c.Err($"{c.Name}: {shown}: {FileSystemException.StrError(e.Errno)}\n").ConfigureAwait(false);
        }
    }

    private static void CopyTree(UnionFileSystem fs, string from, string to)
    {
        foreach (var name in fs.ReadDirectory(from))
        {
            var src = FsPath.Combine(from, name);
            var dst = FsPath.Combine(to, name);
            var entry = fs.LStat(src);
            switch (entry.Type)
            {
                case EntryType.Directory:
                    fs.CreateDirectory(dst, entry.Mode);
                    CopyTree(fs, src, dst);
                    break;
                case EntryType.Symlink:
                    fs.CreateSymlink(fs.ReadLink(src), dst);
                    break;
                default:
                    fs.WriteAllBytes(dst, fs.ReadAllBytes(src), entry.Mode);
                    break;
            }
        }
    }

    private static void ChownTree(UnionFileSystem fs, string path, int uid, int gid)
    {
        foreach (var name in fs.ReadDirectory(path))
        {
            var child = FsPath.Combine(path, name);
            if (fs.LStat(child).Type == EntryType.Directory)
            {
                ChownTree(fs, child, uid, gid);
            }

            if (fs.LStat(child).Type != EntryType.Symlink)
            {
                fs.Chown(child, uid, gid);
            }
        }
    }

    private static Task<int> Addgroup(AppletContext c) => AddgroupMain(c);

    private static async Task<int> AddgroupMain(AppletContext c)
    {
        var parsed = await GetOptLong(c, "g:S", AddgroupLong, AddgroupUsage).ConfigureAwait(false);
        if (parsed is null)
        {
            return 1;
        }

        if (c.User.Uid != 0)
        {
            return await c.Fail("permission denied (are you root?)").ConfigureAwait(false);
        }

        var (opts, args) = parsed.Value;
        if (args.Count is < 1 or > 2 || (args.Count == 2 && opts.ContainsKey('g')))
        {
            return await ShowUsage(c, AddgroupUsage).ConfigureAwait(false);
        }

        try
        {
            return await AddgroupCore(c, c.Name, opts, args).ConfigureAwait(false);
        }
        catch (AppletExit e)
        {
            return e.Status;
        }
    }

    /// <summary>addgroup's work after option parsing; messages are prefixed with <paramref name="applet"/> (adduser runs it as a child <c>addgroup</c>).</summary>
    private static async Task<int> AddgroupCore(AppletContext c, string applet, IReadOnlyDictionary<char, string?> opts, IReadOnlyList<string> args)
    {
        var child = c with { Args = [applet] };
        try
        {
            var groups = ReadDb(child, "/etc/group");
            if (args.Count == 2)
            {
                var (user, group) = (args[0], args[1]);
                if (!ReadDb(child, "/etc/passwd").Any(r => r[0] == user))
                {
                    throw await Die(child, $"unknown user {user}").ConfigureAwait(false);
                }

                var row = groups.FirstOrDefault(r => r[0] == group) ?? throw await Die(child, $"unknown group {group}").ConfigureAwait(false);
                if (row.Length > 3 && row[3].Split(',').Contains(user))
                {
                    return 0;
                }

                if (await UpdatePasswd(child, "/etc/group", group, null, user).ConfigureAwait(false) < 0)
                {
                    return 1;
                }

                await UpdatePasswd(child, "/etc/gshadow", group, null, user).ConfigureAwait(false);
                return 0;
            }

            var name = args[0];
            var hasGid = opts.TryGetValue('g', out var gidText);
            var gid = hasGid ? await ParseId(child, gidText!).ConfigureAwait(false) : 0;
            if (groups.Any(r => r[0] == name))
            {
                throw await Die(child, $"group '{name}' in use").ConfigureAwait(false);
            }

            var max = LastId;
            if (!hasGid)
            {
                (gid, max) = opts.ContainsKey('S') ? (FirstSystemId, LastSystemId) : (LastSystemId + 1, LastId);
            }

            while (groups.Any(r => r.Length > 2 && r[2] == Num(gid)))
            {
                if (hasGid)
                {
                    throw await Die(child, $"gid '{gid}' in use").ConfigureAwait(false);
                }

                if (gid == max)
                {
                    throw await Die(child, "no gids left").ConfigureAwait(false);
                }

                gid++;
            }

            if (await UpdatePasswd(child, "/etc/group", name, $"x:{gid}:", null).ConfigureAwait(false) < 0)
            {
                throw new AppletExit(1);
            }

            await UpdatePasswd(child, "/etc/gshadow", name, "!::", null).ConfigureAwait(false);
            return 0;
        }
        catch (AppletExit e) when (applet != c.Name)
        {
            return e.Status;
        }
    }

    private static async Task<int> Deluser(AppletContext c)
    {
        var deluser = c.Name == "deluser";
        var usage = deluser ? DeluserUsage : DelgroupUsage;
        Dictionary<char, string?> opts = [];
        List<string> args;
        if (deluser)
        {
            var parsed = await GetOptLong(c, "", DeluserLong, usage).ConfigureAwait(false);
            if (parsed is null)
            {
                return 1;
            }

            (opts, args) = parsed.Value;
        }
        else
        {
            args = c.Args.Skip(1).ToList();
        }

        if (c.User.Uid != 0)
        {
            return await c.Fail("permission denied (are you root?)").ConfigureAwait(false);
        }

        if (args.Count is < 1 or > 2 || (deluser && args.Count == 2))
        {
            return await ShowUsage(c, usage).ConfigureAwait(false);
        }

        try
        {
            string name;
            string? member = null;
            if (deluser)
            {
                name = args[0];
                var row = ReadDb(c, "/etc/passwd").FirstOrDefault(r => r[0] == name) ?? throw await Die(c, $"unknown user {name}").ConfigureAwait(false);
                if (opts.ContainsKey('r') && row.Length > 5)
                {
                    RemoveTree(c.Fs, c.Resolve(row[5]));
                }

                if (await UpdatePasswd(c, "/etc/passwd", name, null, null).ConfigureAwait(false) == -1 ||
                    await UpdatePasswd(c, "/etc/shadow", name, null, null).ConfigureAwait(false) == -1 ||
                    await UpdatePasswd(c, "/etc/group", null, null, name).ConfigureAwait(false) == -1)
                {
                    return 1;
                }

                // "deluser USER" also deletes the group of the same name when there is one.
                if (!ReadDb(c, "/etc/group").Any(r => r[0] == name))
                {
                    return 0;
                }
            }
            else
            {
                (name, member) = args.Count == 2 ? (args[1], args[0]) : (args[0], null);
                if (!ReadDb(c, "/etc/group").Any(r => r[0] == name))
                {
                    throw await Die(c, $"unknown group {name}").ConfigureAwait(false);
                }
            }

            var group = ReadDb(c, "/etc/group").First(r => r[0] == name);
            if (member is null)
            {
                var user = ReadDb(c, "/etc/passwd").FirstOrDefault(r => r.Length > 3 && r[3] == group.ElementAtOrDefault(2));
                if (user is not null)
                {
                    throw await Die(c, $"'{user[0]}' still has '{name}' as their primary group!").ConfigureAwait(false);
                }
            }

            if (await UpdatePasswd(c, "/etc/group", name, null, member).ConfigureAwait(false) == -1 ||
                await UpdatePasswd(c, "/etc/gshadow", name, null, member).ConfigureAwait(false) == -1)
            {
                return 1;
            }

            return 0;
        }
        catch (AppletExit e)
        {
            return e.Status;
        }
    }

    private static void RemoveTree(UnionFileSystem fs, string path)
    {
        try
        {
            if (fs.LStat(path).Type == EntryType.Directory)
            {
                foreach (var name in fs.ReadDirectory(path))
                {
                    RemoveTree(fs, FsPath.Combine(path, name));
                }

                fs.RemoveDirectory(path);
            }
            else
            {
                fs.Unlink(path);
            }
        }
        catch (FileSystemException)
        {
        }
    }

    /// <summary>
    /// libbb's update_passwd: adds a line (<paramref name="data"/> set), adds/removes a group member
    /// (<paramref name="member"/> set), deletes an entry (both null) or removes a member from every group
    /// (<paramref name="name"/> null). Returns the number of changed lines, or -1 on error (a missing file is
    /// <c>can't open</c>, except a missing shadow/gshadow file, which returns 0 silently).
    /// </summary>
    private static async Task<int> UpdatePasswd(AppletContext c, string file, string? name, string? data, string? member)
    {
        var shadow = file.Contains("shadow", StringComparison.Ordinal);
        FileEntry entry;
        string old;
        try
        {
            entry = c.Fs.Stat(file);
            old = c.Fs.ReadAllText(file);
        }
        catch (FileSystemException e)
        {
            if (shadow)
            {
                return 0;
            }

            await c.Err($"{c.Name}: can't open '{file}': {FileSystemException.StrError(e.Errno)}\n").ConfigureAwait(false);
            return -1;
        }

        var adding = c.Name.StartsWith('a');
        var prefix = (name ?? "") + ":";
        var output = new StringBuilder();
        var changed = 0;
        foreach (var line in AppletContext.Lines(old))
        {
            if (name is null && member is not null)
            {
                var colon = line.LastIndexOf(':');
                var members = line[(colon + 1)..].Split(',');
                var kept = members.Where(m => m != member).ToArray();
                changed += members.Length - kept.Length;
                output.Append(line.AsSpan(0, colon + 1)).Append(string.Join(',', kept)).Append('\n');
                continue;
            }

            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                output.Append(line).Append('\n');
                continue;
            }

            if (member is not null)
            {
                if (adding)
                {
                    output.Append(line).Append(line.EndsWith(':') ? "" : ",").Append(member).Append('\n');
                    changed++;
                }
                else
                {
                    var colon = line.LastIndexOf(':');
                    var members = line[(colon + 1)..].Split(',');
                    var kept = members.Where(m => m != member).ToArray();
                    changed += members.Length - kept.Length;
                    output.Append(line.AsSpan(0, colon + 1)).Append(string.Join(',', kept)).Append('\n');
                }
            }

            // else: delete the entry (skip the line).
        }

        if (changed == 0)
        {
            if (member is not null && name is not null)
            {
                await c.Err($"{c.Name}: can't find {(adding ? name : member)} in {file}\n").ConfigureAwait(false);
            }

            if (adding && member is null && data is not null)
            {
                output.Append(prefix).Append(data).Append('\n');
                changed++;
            }
        }

        try
        {
            // The previous file stays as FILE- (a hard link to it in busybox), then the new one replaces FILE.
            var backup = file + "-";
            if (c.Fs.Exists(backup))
            {
                c.Fs.Unlink(backup);
            }

            c.Fs.WriteAllText(backup, old, entry.Mode);
            c.Fs.Chmod(backup, entry.Mode);
            c.Fs.Chown(backup, entry.Uid, entry.Gid);
            c.Fs.WriteAllText(file, output.ToString(), entry.Mode);
            c.Fs.Chmod(file, entry.Mode);
            c.Fs.Chown(file, entry.Uid, entry.Gid);
        }
        catch (FileSystemException e)
        {
            await c.Err($"{c.Name}: {FileSystemException.StrError(e.Errno)}\n").ConfigureAwait(false);
            return -1;
        }

        return changed;
    }

    private static List<string[]> ReadDb(AppletContext c, string file)
    {
        try
        {
            return AppletContext.Lines(c.Fs.ReadAllText(file)).Where(l => l.Length > 0).Select(l => l.Split(':')).ToList();
        }
        catch (FileSystemException)
        {
            return [];
        }
    }

    /// <summary>get_shell_name: <c>$SHELL</c>, else the calling user's login shell, else <c>/bin/sh</c>.</summary>
    private static string ShellName(AppletContext c)
    {
        if (c.GetEnv("SHELL") is { Length: > 0 } shell)
        {
            return shell;
        }

        var me = ReadDb(c, "/etc/passwd").FirstOrDefault(r => r.Length > 6 && r[2] == Num(c.User.Uid));
        return me is not null && me[6].Length > 0 ? me[6] : "/bin/sh";
    }

    private static string Num(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>xatou_range(s, 0, LAST_ID) with busybox's messages.</summary>
    private static async Task<int> ParseId(AppletContext c, string text)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiDigit) || !long.TryParse(text, CultureInfo.InvariantCulture, out var v))
        {
            throw await Die(c, $"invalid number '{text}'").ConfigureAwait(false);
        }

        if (v > LastId)
        {
            throw await Die(c, $"number {text} is not in 0..{LastId} range").ConfigureAwait(false);
        }

        return (int)v;
    }

    private static async Task<AppletExit> Die(AppletContext c, string message)
    {
        await c.Err($"{c.Name}: {message}\n").ConfigureAwait(false);
        return new AppletExit(1);
    }

    private static async Task<int> ShowUsage(AppletContext c, string usage)
    {
        await c.Err(BusyboxBanner + usage).ConfigureAwait(false);
        return 1;
    }

    /// <summary>
    /// getopt32long over musl's getopt_long: short options (<c>x:</c> takes a value), <c>--long</c>, <c>--long=value</c>
    /// and <c>--long value</c>; options and operands may mix (getopt_long permutes); <c>--</c> ends options.
    /// Null after musl's message and busybox's usage on an unknown option or a missing value.
    /// </summary>
    private static async Task<(Dictionary<char, string?> Options, List<string> Operands)?> GetOptLong(
        AppletContext c, string spec, IReadOnlyDictionary<string, char> longs, string usage)
    {
        var opts = new Dictionary<char, string?>();
        var operands = new List<string>();
        bool Takes(char ch) => spec.IndexOf(ch, StringComparison.Ordinal) is var i && i >= 0 && i + 1 < spec.Length && spec[i + 1] == ':';
        for (var i = 1; i < c.Args.Count; i++)
        {
            var a = c.Args[i];
            if (a == "--")
            {
                operands.AddRange(c.Args.Skip(i + 1));
                break;
            }

            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = a.IndexOf('=', StringComparison.Ordinal);
                var key = eq < 0 ? a[2..] : a[2..eq];
                var matches = longs.Keys.Where(k => k == key).Concat(longs.Keys.Where(k => k != key && k.StartsWith(key, StringComparison.Ordinal))).ToList();
                if (key.Length == 0 || matches.Count == 0 || (matches[0] != key && matches.Select(m => longs[m]).Distinct().Count() > 1))
                {
                    await c.Err($"{c.Name}: unrecognized option: {(eq < 0 ? a : a[..eq])}\n").ConfigureAwait(false);
                    await ShowUsage(c, usage).ConfigureAwait(false);
                    return null;
                }

                var ch = longs[matches[0]];
                if (Takes(ch))
                {
                    string value;
                    if (eq >= 0)
                    {
                        value = a[(eq + 1)..];
                    }
                    else if (i + 1 < c.Args.Count)
                    {
                        value = c.Args[++i];
                    }
                    else
                    {
                        await c.Err($"{c.Name}: option requires an argument: {matches[0]}\n").ConfigureAwait(false);
                        await ShowUsage(c, usage).ConfigureAwait(false);
                        return null;
                    }

                    opts[ch] = value;
                }
                else
                {
                    opts[ch] = null;
                }

                continue;
            }

            if (a.Length < 2 || a[0] != '-')
            {
                operands.Add(a);
                continue;
            }

            for (var j = 1; j < a.Length; j++)
            {
                var ch = a[j];
                if (ch == ':' || spec.IndexOf(ch, StringComparison.Ordinal) < 0)
                {
                    await c.Err($"{c.Name}: unrecognized option: {ch}\n").ConfigureAwait(false);
                    await ShowUsage(c, usage).ConfigureAwait(false);
                    return null;
                }

                if (!Takes(ch))
                {
                    opts[ch] = null;
                    continue;
                }

                if (j + 1 < a.Length)
                {
                    opts[ch] = a[(j + 1)..];
                }
                else if (i + 1 < c.Args.Count)
                {
                    opts[ch] = c.Args[++i];
                }
                else
                {
                    await c.Err($"{c.Name}: option requires an argument: {ch}\n").ConfigureAwait(false);
                    await ShowUsage(c, usage).ConfigureAwait(false);
                    return null;
                }

                break;
            }
        }

        return (opts, operands);
    }
}
