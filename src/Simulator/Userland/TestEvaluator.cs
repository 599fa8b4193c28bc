using System.Globalization;
using Simulator.FileSystem;

namespace Simulator.Userland;

/// <summary>POSIX <c>test</c> expression evaluation (busybox test.c semantics, incl. the 1-4 argument rules).</summary>
internal sealed class TestEvaluator(AppletContext c, List<string> args)
{
    private int _p;

    public bool Run()
    {
        if (args.Count == 0)
        {
            return false;
        }

        var r = Or();
        if (_p < args.Count)
        {
            throw new FormatException($"{args[_p]}: unknown operand");
        }

        return r;
    }

    private bool Or()
    {
        var v = And();
        while (_p < args.Count && args[_p] == "-o")
        {
            _p++;
            var r = And();
            v = v || r;
        }

        return v;
    }

    private bool And()
    {
        var v = Not();
        while (_p < args.Count && args[_p] == "-a")
        {
            _p++;
            var r = Not();
            v = v && r;
        }

        return v;
    }

    private bool Not()
    {
        if (_p < args.Count && args[_p] == "!" && args.Count - _p > 1)
        {
            _p++;
            return !Not();
        }

        return Primary();
    }

    private static readonly HashSet<string> Binary = ["=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "<", ">"];

    private bool Primary()
    {
        if (_p >= args.Count)
        {
            throw new FormatException("argument expected");
        }

        var a = args[_p];
        if (_p + 2 < args.Count && Binary.Contains(args[_p + 1]))
        {
            var op = args[_p + 1];
            var b = args[_p + 2];
            _p += 3;
            return Compare(a, op, b);
        }

        if (a == "(" && args.Count - _p > 1)
        {
            _p++;
            var v = Or();
            if (_p >= args.Count || args[_p] != ")")
            {
                throw new FormatException("closing paren expected");
            }

            _p++;
            return v;
        }

        if (a.Length == 2 && a[0] == '-' && "efdsrwxLhnzbcpSgukt".Contains(a[1], StringComparison.Ordinal) && _p + 1 < args.Count)
        {
            var operand = args[_p + 1];
            _p += 2;
            return Unary(a[1], operand);
        }

        _p++;
        return a.Length > 0;
    }

    internal bool Unary(char op, string operand)
    {
        switch (op)
        {
            case 'n': return operand.Length > 0;
            case 'z': return operand.Length == 0;
            case 't': return false;
        }

        FileEntry entry;
        try
        {
            var path = c.Resolve(operand);
            if (operand.Length == 0)
            {
                return false;
            }

            entry = op is 'L' or 'h' ? c.Fs.LStat(path) : c.Fs.Stat(path);
        }
        catch (FileSystemException)
        {
            return false;
        }

        var mode = entry.Mode;
        bool Perm(UnixFileMode u, UnixFileMode g, UnixFileMode o)
        {
            if (c.User.Uid == 0)
            {
                return op != 'x' || (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0 || entry.IsDirectory;
            }

            var bit = entry.Uid == c.User.Uid ? u : entry.Gid == c.User.Gid ? g : o;
            return (mode & bit) != 0;
        }

        return op switch
        {
            'e' => true,
            'f' => entry.Type == EntryType.RegularFile,
            'd' => entry.IsDirectory,
            's' => entry.Size > 0,
            'L' or 'h' => entry.Type == EntryType.Symlink,
            'r' => Perm(UnixFileMode.UserRead, UnixFileMode.GroupRead, UnixFileMode.OtherRead),
            'w' => Perm(UnixFileMode.UserWrite, UnixFileMode.GroupWrite, UnixFileMode.OtherWrite),
            'x' => Perm(UnixFileMode.UserExecute, UnixFileMode.GroupExecute, UnixFileMode.OtherExecute),
            'g' => (mode & UnixFileMode.SetGroup) != 0,
            'u' => (mode & UnixFileMode.SetUser) != 0,
            'k' => (mode & UnixFileMode.StickyBit) != 0,
            _ => false,
        };
    }

    internal bool Compare(string a, string op, string b)
    {
        switch (op)
        {
            case "=" or "==": return a == b;
            case "!=": return a != b;
            case "<": return string.CompareOrdinal(a, b) < 0;
            case ">": return string.CompareOrdinal(a, b) > 0;
            case "-nt" or "-ot" or "-ef":
                try
                {
                    var ea = c.Fs.Stat(c.Resolve(a));
                    var eb = c.Fs.Stat(c.Resolve(b));
                    return op == "-nt" ? ea.ModifiedAt > eb.ModifiedAt : op == "-ot" ? ea.ModifiedAt < eb.ModifiedAt : c.Resolve(a) == c.Resolve(b);
                }
                catch (FileSystemException)
                {
                    return false;
                }
        }

        var x = Number(a);
        var y = Number(b);
        return op switch
        {
            "-eq" => x == y,
            "-ne" => x != y,
            "-lt" => x < y,
            "-le" => x <= y,
            "-gt" => x > y,
            _ => x >= y,
        };
    }

    private static long Number(string s)
    {
        if (long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        throw new FormatException($"{s}: bad number");
    }
}
