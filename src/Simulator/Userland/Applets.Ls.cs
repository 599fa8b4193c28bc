using System.Globalization;
using System.Text;
using Simulator.FileSystem;

namespace Simulator.Userland;

/// <content>ls, as busybox prints it when stdout is not a terminal (one name per line unless -C).</content>
internal static partial class Applets
{
    private const string LsUsage = "[-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...";

    private static async Task<int> Ls(AppletContext c)
    {
        var (ok, flags, _, args) = await GetOpt(c, "1AaCxdLHRFplinshrSXvctue", "w", LsUsage, "full-time group-directories-first color").ConfigureAwait(false);
        if (!ok)
        {
            return 1;
        }

        if (args.Count == 0)
        {
            args.Add(".");
        }

        var status = 0;
        var files = new List<(string Shown, string Path, FileEntry Entry)>();
        var dirs = new List<(string Shown, string Path)>();
        foreach (var a in args)
        {
            var path = c.Resolve(a);
            try
            {
                var l = c.Fs.LStat(path);
                var entry = l;
                if (l.Type == EntryType.Symlink && !flags.Contains('l') && !flags.Contains('d') || l.Type == EntryType.Symlink && flags.Contains('L'))
                {
                    entry = c.Fs.Stat(path);
                }

                if (entry.IsDirectory && !flags.Contains('d'))
                {
                    dirs.Add((a, path));
                }
                else
                {
                    files.Add((a, path, l.Type == EntryType.Symlink && flags.Contains('l') ? l : entry));
                }
            }
            catch (FileSystemException e)
            {
                await c.Err($"ls: {a}: {e.Message}\n").ConfigureAwait(false);
                status = 2;
            }
        }

        var sb = new StringBuilder();
        var now = c.Time.GetUtcNow();
        SortEntries(files, flags, x => x.Shown, x => x.Entry);
        foreach (var f in files)
        {
            AppendEntry(c, sb, f.Shown, f.Path, f.Entry, flags, now);
        }

        dirs.Sort((x, y) => string.CompareOrdinal(x.Shown, y.Shown));
        if (flags.Contains('r'))
        {
            dirs.Reverse();
        }

        var showHeaders = args.Count > 1 || flags.Contains('R');
        var first = files.Count == 0;
        var queue = new Queue<(string Shown, string Path)>(dirs);
        while (queue.Count > 0)
        {
            var (shown, path) = queue.Dequeue();
            if (!first)
            {
                sb.Append('\n');
            }

            first = false;
            if (showHeaders)
            {
                sb.Append(shown).Append(":\n");
            }

            IReadOnlyList<string> names;
            try
            {
                names = c.Fs.ReadDirectory(path);
            }
            catch (FileSystemException e)
            {
                await c.Out(sb.ToString()).ConfigureAwait(false);
                sb.Clear();
                await c.Err($"ls: can't open '{shown}': {e.Message}\n").ConfigureAwait(false);
                status = 2;
                continue;
            }

            var entries = new List<(string Name, string Path, FileEntry Entry)>();
            if (flags.Contains('a'))
            {
                entries.Add((".", path, c.Fs.Stat(path)));
                entries.Add(("..", FsPath.Parent(path), c.Fs.Stat(FsPath.Parent(path))));
            }

            foreach (var n in names)
            {
                if (n.StartsWith('.') && !flags.Contains('a') && !flags.Contains('A'))
                {
                    continue;
                }

                var p = FsPath.Combine(path, n);
                try
                {
                    entries.Add((n, p, c.Fs.LStat(p)));
                }
                catch (FileSystemException)
                {
                }
            }

            SortEntries(entries, flags, x => x.Name, x => x.Entry);
            if (flags.Contains('l') || flags.Contains('n') || flags.Contains('s'))
            {
                long blocks = entries.Sum(e => Blocks(e.Entry));
                sb.Append("total ").Append(blocks.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            foreach (var e in entries)
            {
                AppendEntry(c, sb, e.Name, e.Path, e.Entry, flags, now);
            }

            if (flags.Contains('R'))
            {
                var subdirs = entries.Where(e => e.Entry.IsDirectory && e.Name is not ("." or "..")).Select(e => ((shown == "." && false ? e.Name : shown.TrimEnd('/') + "/" + e.Name), e.Path)).ToList();
                var rest = queue.ToList();
                queue.Clear();
                foreach (var s in subdirs.Concat(rest))
                {
                    queue.Enqueue(s);
                }
            }
        }

        await c.Out(sb.ToString()).ConfigureAwait(false);
        return status;
    }

    private static long Blocks(FileEntry e) => e.Type == EntryType.Directory ? 4 : e.Type == EntryType.Symlink ? 0 : (e.Size + 4095) / 4096 * 4;

    private static void SortEntries<T>(List<T> list, HashSet<char> flags, Func<T, string> name, Func<T, FileEntry> entry)
    {
        if (flags.Contains('S'))
        {
            list.Sort((x, y) =>
            {
                var r = entry(y).Size.CompareTo(entry(x).Size);
                return r != 0 ? r : string.CompareOrdinal(name(x), name(y));
            });
        }
        else if (flags.Contains('t'))
        {
            list.Sort((x, y) =>
            {
                var r = entry(y).ModifiedAt.CompareTo(entry(x).ModifiedAt);
                return r != 0 ? r : string.CompareOrdinal(name(x), name(y));
            });
        }
        else
        {
            list.Sort((x, y) => string.CompareOrdinal(name(x), name(y)));
        }

        if (flags.Contains('r'))
        {
            list.Reverse();
        }
    }

    private static void AppendEntry(AppletContext c, StringBuilder sb, string name, string path, FileEntry e, HashSet<char> flags, DateTimeOffset now)
    {
        if (flags.Contains('i'))
        {
            sb.Append((Math.Abs(path.GetHashCode(StringComparison.Ordinal)) % 1000000).ToString(CultureInfo.InvariantCulture).PadLeft(8)).Append(' ');
        }

        if (flags.Contains('s'))
        {
            sb.Append(Blocks(e).ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append(' ');
        }

        if (flags.Contains('l') || flags.Contains('n'))
        {
            var numeric = flags.Contains('n');
            var links = e.IsDirectory ? 2 + SubdirCount(c, path) : 1;
            var user = numeric ? e.Uid.ToString(CultureInfo.InvariantCulture) : LookupName(c, "/etc/passwd", e.Uid);
            var group = numeric ? e.Gid.ToString(CultureInfo.InvariantCulture) : LookupName(c, "/etc/group", e.Gid);
            var size = e.IsDirectory ? 4096 : e.Size;
            sb.Append(ModeString(e)).Append(' ')
                .Append(links.ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append(' ')
                .Append(user.PadRight(8)).Append(' ')
                .Append(group.PadRight(8)).Append(' ')
                .Append(size.ToString(CultureInfo.InvariantCulture).PadLeft(9)).Append(' ')
                .Append(LsDate(e.ModifiedAt, now)).Append(' ')
                .Append(name);
            if (e.Type == EntryType.Symlink)
            {
                sb.Append(" -> ").Append(e.LinkTarget);
            }
        }
        else
        {
            sb.Append(name);
        }

        if (flags.Contains('F') || flags.Contains('p'))
        {
            if (e.IsDirectory)
            {
                sb.Append('/');
            }
            else if (flags.Contains('F') && e.Type == EntryType.Symlink)
            {
                sb.Append('@');
            }
            else if (flags.Contains('F') && (e.Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                sb.Append('*');
            }
        }

        sb.Append('\n');
    }

    private static int SubdirCount(AppletContext c, string path)
    {
        try
        {
            return c.Fs.ReadDirectory(path).Count(n =>
            {
                try
                {
                    return c.Fs.LStat(FsPath.Combine(path, n)).IsDirectory;
                }
                catch (FileSystemException)
                {
                    return false;
                }
            });
        }
        catch (FileSystemException)
        {
            return 0;
        }
    }

    /// <summary>Busybox's date column: <c>Mon dd HH:MM</c> within six months of now, else <c>Mon dd  YYYY</c>.</summary>
    internal static string LsDate(DateTimeOffset t, DateTimeOffset now)
    {
        var utc = t.UtcDateTime;
        var month = utc.ToString("MMM", CultureInfo.InvariantCulture);
        var day = utc.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2);
        var recent = Math.Abs((now - t).TotalDays) < 365.2425 / 2;
        return recent
            ? $"{month} {day} {utc.ToString("HH:mm", CultureInfo.InvariantCulture)}"
            : $"{month} {day}  {utc.Year.ToString(CultureInfo.InvariantCulture)}";
    }

    internal static string ModeString(FileEntry e)
    {
        var m = (int)e.Mode;
        var sb = new StringBuilder();
        sb.Append(e.Type switch { EntryType.Directory => 'd', EntryType.Symlink => 'l', _ => '-' });
        sb.Append((m & 0x100) != 0 ? 'r' : '-').Append((m & 0x80) != 0 ? 'w' : '-');
        sb.Append((m & 0x800) != 0 ? ((m & 0x40) != 0 ? 's' : 'S') : (m & 0x40) != 0 ? 'x' : '-');
        sb.Append((m & 0x20) != 0 ? 'r' : '-').Append((m & 0x10) != 0 ? 'w' : '-');
        sb.Append((m & 0x400) != 0 ? ((m & 0x8) != 0 ? 's' : 'S') : (m & 0x8) != 0 ? 'x' : '-');
        sb.Append((m & 0x4) != 0 ? 'r' : '-').Append((m & 0x2) != 0 ? 'w' : '-');
        sb.Append((m & 0x200) != 0 ? ((m & 0x1) != 0 ? 't' : 'T') : (m & 0x1) != 0 ? 'x' : '-');
        return sb.ToString();
    }

    internal static string LookupName(AppletContext c, string file, int id)
    {
        try
        {
            foreach (var line in c.Fs.WithCaller(0, 0).ReadAllText(file).Split('\n'))
            {
                var f = line.Split(':');
                if (f.Length > 2 && f[2] == id.ToString(CultureInfo.InvariantCulture))
                {
                    return f[0];
                }
            }
        }
        catch (FileSystemException)
        {
        }

        return id.ToString(CultureInfo.InvariantCulture);
    }
}
