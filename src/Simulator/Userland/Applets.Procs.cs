using System.Globalization;
using System.Text;
using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Userland;

/// <content>Process and system applets: kill, ps, uname, stat.</content>
internal static partial class Applets
{
    private static async Task<int> Kill(AppletContext c)
    {
        var args = c.Args.Skip(1).ToList();
        var signal = Signal.Term;
        if (args.Count > 0 && args[0] == "-l")
        {
            var sb = new StringBuilder();
            for (var n = 1; n <= 31; n++)
            {
                sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(") ").Append(new Signal(n).Name[3..]).Append('\n');
            }

            await c.Out(sb.ToString()).ConfigureAwait(false);
            return 0;
        }

        if (args.Count > 1 && args[0] is "-s" or "-n")
        {
            if (!Signal.TryParse(args[1], out signal))
            {
                return await c.Fail($"bad signal name '{args[1]}'").ConfigureAwait(false);
            }

            args.RemoveRange(0, 2);
        }
        else if (args.Count > 0 && args[0].StartsWith('-') && args[0].Length > 1)
        {
            if (!Signal.TryParse(args[0][1..], out signal))
            {
                return await c.Fail($"bad signal name '{args[0][1..]}'").ConfigureAwait(false);
            }

            args.RemoveAt(0);
        }

        if (args.Count == 0)
        {
            return await c.BadUsage("[-l] [-SIG] PID...").ConfigureAwait(false);
        }

        var status = 0;
        foreach (var a in args)
        {
            var target = int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? c.Process?.Namespace.Processes.FirstOrDefault(p => p.Pid == pid)
                : null;
            if (target is null)
            {
                status = await c.Fail($"can't kill pid {a}: No such process").ConfigureAwait(false);
                continue;
            }

            target.SendSignal(signal);
        }

        return status;
    }

    private static async Task<int> Ps(AppletContext c)
    {
        var sb = new StringBuilder("PID   USER     TIME  COMMAND\n");
        foreach (var p in c.Process?.Namespace.Processes ?? [])
        {
            var user = LookupName(c, "/etc/passwd", p.Spec.User.Uid);
            sb.Append(p.Pid.ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append(' ')
                .Append(user.Length > 8 ? user[..8] : user.PadRight(8)).Append(' ')
                .Append(" 0:00 ")
                .Append(string.Join(' ', p.Spec.Argv)).Append('\n');
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Uname(AppletContext c)
    {
        var (ok, flags, _, _) = await GetOpt(c, "asnrvmpio", "", "[-amnrspvio]").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        string host;
        try
        {
            host = c.Fs.ReadAllText("/etc/hostname").Trim();
        }
        catch (FileSystemException)
        {
            host = "localhost";
        }

        var all = flags.Contains('a');
        var parts = new List<string>();
        if (all || flags.Contains('s') || flags.Count == 0)
        {
            parts.Add("Linux");
        }

        if (all || flags.Contains('n'))
        {
            parts.Add(host);
        }

        if (all || flags.Contains('r'))
        {
            parts.Add("6.10.14-linuxkit");
        }

        if (all || flags.Contains('v'))
        {
            parts.Add("#1 SMP PREEMPT_DYNAMIC Fri Nov 29 12:00:00 UTC 2024");
        }

        if (all || flags.Contains('m'))
        {
            parts.Add("x86_64");
        }

        if (all || flags.Contains('o'))
        {
            parts.Add("Linux");
        }

        await c.Out(string.Join(' ', parts) + "\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Stat(AppletContext c)
    {
        var (ok, flags, values, files) = await GetOpt(c, "LtfF", "c", "[-ltf] [-c FMT] FILE...").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (files.Count == 0)
        {
            return await c.BadUsage("[-ltf] [-c FMT] FILE...").ConfigureAwait(false);
        }

        var status = 0;
        var sb = new StringBuilder();
        foreach (var f in files)
        {
            FileEntry e;
            try
            {
                e = flags.Contains('L') ? c.Fs.Stat(c.Resolve(f)) : c.Fs.LStat(c.Resolve(f));
            }
            catch (FileSystemException ex)
            {
                status = await c.Fail($"can't stat '{f}': {ex.Message}").ConfigureAwait(false);
                continue;
            }

            var type = e.Type switch { EntryType.Directory => "directory", EntryType.Symlink => "symbolic link", _ => e.Size == 0 ? "regular empty file" : "regular file" };
            var octal = Convert.ToString((int)e.Mode & 0xFFF, 8);
            var user = LookupName(c, "/etc/passwd", e.Uid);
            var group = LookupName(c, "/etc/group", e.Gid);
            if (values.TryGetValue('c', out var format))
            {
                for (var i = 0; i < format.Length; i++)
                {
                    if (format[i] != '%' || i + 1 >= format.Length)
                    {
                        sb.Append(format[i]);
                        continue;
                    }

                    var spec = format[++i];
                    sb.Append(spec switch
                    {
                        'n' => f,
                        's' => (e.IsDirectory ? 4096 : e.Size).ToString(CultureInfo.InvariantCulture),
                        'a' => octal,
                        'A' => ModeString(e),
                        'u' => e.Uid.ToString(CultureInfo.InvariantCulture),
                        'g' => e.Gid.ToString(CultureInfo.InvariantCulture),
                        'U' => user,
                        'G' => group,
                        'F' => type,
                        'Y' => e.ModifiedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                        'N' => e.Type == EntryType.Symlink ? $"'{f}' -> '{e.LinkTarget}'" : $"'{f}'",
                        '%' => "%",
                        _ => "?",
                    });
                }

                sb.Append('\n');
                continue;
            }

            sb.Append("  File: ").Append(e.Type == EntryType.Symlink ? $"'{f}' -> '{e.LinkTarget}'" : $"'{f}'").Append('\n')
                .Append("  Size: ").Append(e.Size.ToString(CultureInfo.InvariantCulture).PadRight(10)).Append("\tBlocks: ").Append(Blocks(e) * 2).Append("\tIO Block: 4096   ").Append(type).Append('\n')
                .Append("Access: (").Append(octal.PadLeft(4, '0')).Append('/').Append(ModeString(e)).Append(")  Uid: (")
                .Append(e.Uid.ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append('/').Append(user.PadLeft(8)).Append(")   Gid: (")
                .Append(e.Gid.ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append('/').Append(group.PadLeft(8)).Append(")\n")
                .Append("Modify: ").Append(e.ModifiedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff00 +0000", CultureInfo.InvariantCulture)).Append('\n');
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return status;
    }
}
