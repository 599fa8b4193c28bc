using System.Globalization;
using System.Text;
using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Userland.Shell;

/// <content>Builtins, as busybox ash implements them.</content>
internal sealed partial class ShellInterpreter
{
    private static readonly HashSet<string> SpecialBuiltins =
        [":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set", "shift", "unset", "trap", "local"];

    private static readonly Dictionary<string, Func<ShellInterpreter, List<string>, Task<int>>> Builtins = new(StringComparer.Ordinal)
    {
        [":"] = (_, _) => Task.FromResult(0),
        ["true"] = (_, _) => Task.FromResult(0),
        ["false"] = (_, _) => Task.FromResult(1),
        ["echo"] = (sh, a) => sh.RunApplet("echo", a),
        ["printf"] = (sh, a) => sh.RunApplet("printf", a),
        ["test"] = (sh, a) => sh.RunApplet("test", a),
        ["["] = (sh, a) => sh.RunApplet("[", a),
        ["pwd"] = async (sh, a) =>
        {
            // ash's pwdcmd: cdopt() is nextopt("LP"); another letter raises "illegal option -X" (status 2, the shell goes on).
            foreach (var arg in a.Skip(1).TakeWhile(x => x.Length > 1 && x[0] == '-' && x != "--"))
            {
                if (arg[1..].FirstOrDefault(ch => ch is not ('L' or 'P')) is var bad and not '\0')
                {
                    throw new ShellErrorException($"pwd: illegal option -{bad}", 2, fatal: false);
                }
            }

            await sh.WriteFd(1, sh.Cwd + "\n").ConfigureAwait(false);
            return 0;
        },
        ["cd"] = (sh, a) => sh.Cd(a),
        ["export"] = (sh, a) => sh.ExportBuiltin(a, readOnly: false),
        ["readonly"] = (sh, a) => sh.ExportBuiltin(a, readOnly: true),
        ["local"] = (sh, a) => sh.LocalBuiltin(a),
        ["unset"] = (sh, a) => sh.UnsetBuiltin(a),
        ["set"] = (sh, a) => sh.SetBuiltin(a),
        ["shift"] = (sh, a) => sh.ShiftBuiltin(a),
        ["exit"] = (sh, a) => sh.ExitBuiltin(a),
        ["return"] = (sh, a) => sh.ReturnBuiltin(a),
        ["break"] = (sh, a) => sh.LoopBuiltin(a, isContinue: false),
        ["continue"] = (sh, a) => sh.LoopBuiltin(a, isContinue: true),
        ["eval"] = (sh, a) => a.Count <= 1 ? Task.FromResult(0) : sh.RunSourceAsync(string.Join(' ', a.Skip(1))),
        ["."] = (sh, a) => sh.DotBuiltin(a),
        ["source"] = (sh, a) => sh.DotBuiltin(a),
        ["exec"] = (sh, a) => sh.ExecBuiltin(a),
        ["read"] = (sh, a) => sh.ReadBuiltin(a),
        ["wait"] = (sh, _) => sh.WaitJobsAsync(),
        ["umask"] = async (sh, a) => { if (a.Count == 1) { await sh.WriteFd(1, "0022\n").ConfigureAwait(false); } return 0; },
        ["command"] = (sh, a) => sh.CommandBuiltin(a),
        ["type"] = (sh, a) => sh.TypeBuiltin(a),
        ["trap"] = (sh, a) => sh.TrapBuiltin(a),
        ["getopts"] = (sh, a) => sh.GetoptsBuiltin(a),
    };

    private int _optCharIndex = 1;
    private int _optLastIndex = 1;

    private void SetOptind(int value)
    {
        _optLastIndex = value;
        SetVar("OPTIND", value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary><c>getopts OPTSTRING NAME [ARG...]</c>, with ash's messages (<c>Illegal option -x</c>, <c>No arg for -x option</c>).</summary>
    private async Task<int> GetoptsBuiltin(List<string> a)
    {
        if (a.Count < 3)
        {
            throw new ShellErrorException("getopts: usage: getopts optstring var [arg...]", 2, fatal: false);
        }

        var optstring = a[1];
        var name = a[2];
        var args = a.Count > 3 ? a.Skip(3).ToList() : Positional;
        var silent = optstring.StartsWith(':');
        if (!int.TryParse(GetVar("OPTIND"), NumberStyles.None, CultureInfo.InvariantCulture, out var optind) || optind < 1)
        {
            optind = 1;
        }

        if (optind != _optLastIndex)
        {
            // OPTIND was reset (or set) by the script: start at the first character again.
            _optCharIndex = 1;
        }

        if (optind > args.Count || args[optind - 1].Length < 2 || args[optind - 1][0] != '-')
        {
            SetVar(name, "?");
            _optCharIndex = 1;
            return 1;
        }

        var arg = args[optind - 1];
        if (arg == "--")
        {
            SetOptind(optind + 1);
            SetVar(name, "?");
            _optCharIndex = 1;
            return 1;
        }

        var c = arg[_optCharIndex];
        _optCharIndex++;
        void Advance()
        {
            if (_optCharIndex >= arg.Length)
            {
                optind++;
                _optCharIndex = 1;
            }
        }

        var at = optstring.IndexOf(c, StringComparison.Ordinal);
        if (at < 0 || c == ':')
        {
            Advance();
            SetOptind(optind);
            SetVar(name, "?");
            if (silent)
            {
                SetVar("OPTARG", c.ToString());
            }
            else
            {
                Unset("OPTARG");
                await WriteFd(2, $"Illegal option -{c}\n").ConfigureAwait(false);
            }

            return 0;
        }

        if (at + 1 < optstring.Length && optstring[at + 1] == ':')
        {
            string? value = null;
            if (_optCharIndex < arg.Length)
            {
                value = arg[_optCharIndex..];
                optind++;
            }
            else if (optind < args.Count)
            {
                value = args[optind];
                optind += 2;
            }

            _optCharIndex = 1;
            if (value is null)
            {
                optind++;
                SetOptind(optind);
                if (silent)
                {
                    SetVar(name, ":");
                    SetVar("OPTARG", c.ToString());
                }
                else
                {
                    SetVar(name, "?");
                    Unset("OPTARG");
                    await WriteFd(2, $"No arg for -{c} option\n").ConfigureAwait(false);
                }

                return 0;
            }

            SetVar("OPTARG", value);
        }
        else
        {
            Unset("OPTARG");
            Advance();
        }

        SetOptind(optind);
        SetVar(name, c.ToString());
        return 0;
    }

    public static bool IsBuiltin(string name) => Builtins.ContainsKey(name);

    private async Task<int> RunApplet(string name, List<string> argv)
    {
        var ctx = new AppletContext
        {
            Args = argv,
            Stdin = Fds[0] ?? Stream.Null,
            Stdout = Fds[1] ?? Stream.Null,
            Stderr = Fds[2] ?? Stream.Null,
            Fs = Fs,
            Cwd = Cwd,
            Env = ExportedEnv(),
            Time = Ctx.TimeProvider,
            User = Ctx.User,
            Token = Ctx.CancellationToken,
            Process = Ctx,
        };
        try
        {
            return await Applets.All[name](ctx).ConfigureAwait(false);
        }
        catch (IOException e) when (e.Message == "Broken pipe")
        {
            throw new ShellExitException(141);
        }
        catch (IOException e) when (e is not FileSystemException)
        {
            return 1;
        }
    }

    private async Task<int> Cd(List<string> a)
    {
        var args = a.Skip(1).Where(x => x is not ("-L" or "-P")).ToList();
        string target;
        var print = false;
        if (args.Count == 0)
        {
            target = GetVar("HOME") ?? "/";
        }
        else if (args[0] == "-")
        {
            target = GetVar("OLDPWD") ?? Cwd;
            print = true;
        }
        else
        {
            target = args[0];
        }

        var path = Executables.Absolute(target, Cwd);
        try
        {
            var st = Fs.Stat(path);
            if (!st.IsDirectory)
            {
                throw new FileSystemException(Errno.ENOTDIR, path);
            }
        }
        catch (FileSystemException e)
        {
            await Error($"cd: can't cd to {target}: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        SetVar("OLDPWD", Cwd);
        Cwd = path;
        SetVar("PWD", path);
        if (print)
        {
            await WriteFd(1, path + "\n").ConfigureAwait(false);
        }

        return 0;
    }

    private async Task<int> ExportBuiltin(List<string> a, bool readOnly)
    {
        var args = a.Skip(1).ToList();
        if (args.Count == 0 || (args.Count == 1 && args[0] == "-p"))
        {
            var sb = new StringBuilder();
            foreach (var (k, v) in _vars.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (readOnly ? v.ReadOnly : v.Exported)
                {
                    sb.Append(readOnly ? "readonly " : "export ").Append(k);
                    if (v.Value is not null)
                    {
                        sb.Append('=').Append(SingleQuote(v.Value));
                    }

                    sb.Append('\n');
                }
            }

            await WriteFd(1, sb.ToString()).ConfigureAwait(false);
            return 0;
        }

        foreach (var arg in args.Where(x => x != "-p"))
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? arg : arg[..eq];
            if (!ShellParser.IsName(name))
            {
                throw new ShellErrorException($"{a[0]}: {name}: bad variable name", 2, fatal: true);
            }

            var value = eq < 0 ? null : arg[(eq + 1)..];
            if (readOnly)
            {
                MarkReadOnly(name, value);
            }
            else
            {
                Export(name, value);
            }
        }

        return 0;
    }

    private static string SingleQuote(string v) => "'" + v.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";

    private Task<int> LocalBuiltin(List<string> a)
    {
        foreach (var arg in a.Skip(1))
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            DeclareLocal(eq < 0 ? arg : arg[..eq], eq < 0 ? null : arg[(eq + 1)..]);
        }

        return Task.FromResult(0);
    }

    private Task<int> UnsetBuiltin(List<string> a)
    {
        var functions = false;
        foreach (var arg in a.Skip(1))
        {
            if (arg == "-f")
            {
                functions = true;
                continue;
            }

            if (arg == "-v")
            {
                functions = false;
                continue;
            }

            if (functions)
            {
                _functions.Remove(arg);
            }
            else
            {
                Unset(arg);
            }
        }

        return Task.FromResult(0);
    }

    private async Task<int> SetBuiltin(List<string> a)
    {
        if (a.Count == 1)
        {
            var sb = new StringBuilder();
            foreach (var (k, v) in _vars.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (v.Value is not null)
                {
                    sb.Append(k).Append('=').Append(SingleQuote(v.Value)).Append('\n');
                }
            }

            await WriteFd(1, sb.ToString()).ConfigureAwait(false);
            return 0;
        }

        var i = 1;
        for (; i < a.Count; i++)
        {
            var arg = a[i];
            if (arg == "--")
            {
                i++;
                Positional = a.Skip(i).ToList();
                return 0;
            }

            if (arg is "-o" or "+o")
            {
                if (i + 1 >= a.Count)
                {
                    return 0;
                }

                var on = arg[0] == '-';
                var opt = a[++i];
                switch (opt)
                {
                    case "errexit": ErrExit = on; break;
                    case "xtrace": XTrace = on; break;
                    case "nounset": NoUnset = on; break;
                    case "noglob": NoGlob = on; break;
                    case "pipefail": break;
                    default:
                        throw new ShellErrorException($"set: illegal option -o {opt}", 2, fatal: true);
                }

                continue;
            }

            if (arg.Length > 1 && arg[0] is '-' or '+')
            {
                var on = arg[0] == '-';
                foreach (var c in arg[1..])
                {
                    switch (c)
                    {
                        case 'e': ErrExit = on; break;
                        case 'x': XTrace = on; break;
                        case 'u': NoUnset = on; break;
                        case 'f': NoGlob = on; break;
                        case 'v': case 'C': case 'a': case 'n': case 'h': break;
                        default:
                            throw new ShellErrorException($"set: illegal option {arg[0]}{c}", 2, fatal: true);
                    }
                }

                continue;
            }

            break;
        }

        if (i < a.Count)
        {
            Positional = a.Skip(i).ToList();
        }

        return 0;
    }

    private Task<int> ShiftBuiltin(List<string> a)
    {
        var n = 1;
        if (a.Count > 1 && !int.TryParse(a[1], NumberStyles.None, CultureInfo.InvariantCulture, out n))
        {
            throw new ShellErrorException($"shift: Illegal number: {a[1]}", 2, fatal: true);
        }

        if (n > Positional.Count)
        {
            throw new ShellErrorException("shift: can't shift that many", 2, fatal: true);
        }

        Positional = Positional.Skip(n).ToList();
        return Task.FromResult(0);
    }

    private Task<int> ExitBuiltin(List<string> a)
    {
        var status = LastStatus;
        if (a.Count > 1)
        {
            if (!int.TryParse(a[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out status))
            {
                throw new ShellErrorException($"exit: Illegal number: {a[1]}", 2, fatal: true);
            }
        }

        throw new ShellExitException(status & 0xFF);
    }

    private Task<int> ReturnBuiltin(List<string> a)
    {
        var status = LastStatus;
        if (a.Count > 1 && !int.TryParse(a[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out status))
        {
            throw new ShellErrorException($"return: Illegal number: {a[1]}", 2, fatal: true);
        }

        throw new ShellReturnException(status & 0xFF);
    }

    private Task<int> LoopBuiltin(List<string> a, bool isContinue)
    {
        var n = 1;
        if (a.Count > 1 && (!int.TryParse(a[1], NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < 1))
        {
            throw new ShellErrorException($"{a[0]}: Illegal number: {a[1]}", 2, fatal: true);
        }

        if (!InLoop)
        {
            return Task.FromResult(0);
        }

        throw new ShellLoopException(n, isContinue);
    }

    private async Task<int> DotBuiltin(List<string> a)
    {
        if (a.Count < 2)
        {
            throw new ShellErrorException($"{a[0]}: filename argument required", 2, fatal: true);
        }

        var name = a[1];
        string? path = null;
        if (name.Contains('/', StringComparison.Ordinal))
        {
            path = Executables.Absolute(name, Cwd);
        }
        else
        {
            foreach (var dir in (GetVar("PATH") ?? "").Split(':'))
            {
                var candidate = Executables.Absolute((dir.Length == 0 ? "." : dir) + "/" + name, Cwd);
                try
                {
                    if (!Fs.Stat(candidate).IsDirectory)
                    {
                        path = candidate;
                        break;
                    }
                }
                catch (FileSystemException)
                {
                }
            }
        }

        string text;
        try
        {
            text = Fs.ReadAllText(path ?? throw new FileSystemException(Errno.ENOENT, name));
        }
        catch (FileSystemException e)
        {
            throw new ShellErrorException($"{a[0]}: can't open '{name}': {e.Message}", 2, fatal: true);
        }

        var saved = Positional;
        if (a.Count > 2)
        {
            Positional = a.Skip(2).ToList();
        }

        try
        {
            return await RunSourceAsync(text).ConfigureAwait(false);
        }
        catch (ShellReturnException e)
        {
            return e.Status;
        }
        finally
        {
            if (a.Count > 2)
            {
                Positional = saved;
            }
        }
    }

    private async Task<int> ExecBuiltin(List<string> a)
    {
        var argv = a.Skip(1).ToList();
        var status = Builtins.TryGetValue(argv[0], out var b)
            ? await b(this, argv).ConfigureAwait(false)
            : await RunExternalAsync(argv, [], exec: !IsSubshell).ConfigureAwait(false);
        throw new ShellExitException(status);
    }

    private async Task<int> ReadBuiltin(List<string> a)
    {
        var raw = false;
        var names = new List<string>();
        for (var i = 1; i < a.Count; i++)
        {
            if (a[i] == "-r")
            {
                raw = true;
            }
            else if (a[i] == "-p" && i + 1 < a.Count)
            {
                await WriteFd(2, a[++i]).ConfigureAwait(false);
            }
            else
            {
                names.Add(a[i]);
            }
        }

        if (names.Count == 0)
        {
            names.Add("REPLY");
        }

        var input = Fds[0] ?? Stream.Null;
        var bytes = new List<byte>();
        var one = new byte[1];
        var eof = false;
        while (true)
        {
            var n = await input.ReadAsync(one, Ctx.CancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                eof = true;
                break;
            }

            if (one[0] == '\n')
            {
                if (!raw && bytes.Count > 0 && bytes[^1] == '\\')
                {
                    bytes.RemoveAt(bytes.Count - 1);
                    continue;
                }

                break;
            }

            bytes.Add(one[0]);
        }

        var line = Encoding.UTF8.GetString(bytes.ToArray());
        var ifs = GetVar("IFS") ?? " \t\n";
        var fields = new List<string>();
        var pos = 0;
        bool IsIfs(char c) => ifs.Contains(c, StringComparison.Ordinal);
        while (pos < line.Length && IsIfs(line[pos]) && char.IsWhiteSpace(line[pos]))
        {
            pos++;
        }

        for (var k = 0; k < names.Count; k++)
        {
            if (k == names.Count - 1)
            {
                var rest = line[pos..];
                var end = rest.Length;
                while (end > 0 && IsIfs(rest[end - 1]) && char.IsWhiteSpace(rest[end - 1]))
                {
                    end--;
                }

                fields.Add(Unescape(rest[..end], raw));
                break;
            }

            var sb = new StringBuilder();
            while (pos < line.Length && !IsIfs(line[pos]))
            {
                if (!raw && line[pos] == '\\' && pos + 1 < line.Length)
                {
                    pos++;
                }

                sb.Append(line[pos++]);
            }

            fields.Add(sb.ToString());
            while (pos < line.Length && IsIfs(line[pos]) && char.IsWhiteSpace(line[pos]))
            {
                pos++;
            }

            if (pos < line.Length && IsIfs(line[pos]) && !char.IsWhiteSpace(line[pos]))
            {
                pos++;
                while (pos < line.Length && IsIfs(line[pos]) && char.IsWhiteSpace(line[pos]))
                {
                    pos++;
                }
            }
        }

        for (var k = 0; k < names.Count; k++)
        {
            SetVar(names[k], k < fields.Count ? fields[k] : "");
        }

        return eof && bytes.Count == 0 ? 1 : eof ? 1 : 0;
    }

    private static string Unescape(string s, bool raw)
    {
        if (raw)
        {
            return s;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
            }

            sb.Append(s[i]);
        }

        return sb.ToString();
    }

    private async Task<int> CommandBuiltin(List<string> a)
    {
        if (a.Count > 1 && a[1] is "-v" or "-V")
        {
            var status = 0;
            foreach (var name in a.Skip(2))
            {
                var found = Describe(name, a[1] == "-V");
                if (found is null)
                {
                    status = 127;
                    if (a[1] == "-V")
                    {
                        await WriteFd(2, $"{name}: not found\n").ConfigureAwait(false);
                    }
                }
                else
                {
                    await WriteFd(1, found + "\n").ConfigureAwait(false);
                }
            }

            return status;
        }

        var argv = a.Skip(1).ToList();
        if (argv.Count == 0)
        {
            return 0;
        }

        return Builtins.TryGetValue(argv[0], out var b) ? await b(this, argv).ConfigureAwait(false) : await RunExternalAsync(argv, []).ConfigureAwait(false);
    }

    private async Task<int> TypeBuiltin(List<string> a)
    {
        var status = 0;
        foreach (var name in a.Skip(1))
        {
            var d = Describe(name, verbose: true);
            if (d is null)
            {
                await WriteFd(1, $"{name}: not found\n").ConfigureAwait(false);
                status = 127;
            }
            else
            {
                await WriteFd(1, d + "\n").ConfigureAwait(false);
            }
        }

        return status;
    }

    private string? Describe(string name, bool verbose)
    {
        if (_functions.ContainsKey(name))
        {
            return verbose ? $"{name} is a function" : name;
        }

        if (Builtins.ContainsKey(name))
        {
            return verbose ? $"{name} is a {(SpecialBuiltins.Contains(name) ? "special " : "")}shell builtin" : name;
        }

        try
        {
            var path = Executables.LookPath(Fs, Ctx.Programs, name, GetVar("PATH"), Cwd);
            return verbose ? $"{name} is {path}" : path;
        }
        catch (ExecException)
        {
            return null;
        }
    }

    private Task<int> TrapBuiltin(List<string> a)
    {
        if (a.Count < 3)
        {
            return Task.FromResult(0);
        }

        var action = a[1];
        foreach (var name in a.Skip(2))
        {
            if (name is "EXIT" or "0")
            {
                ExitTrap = action == "-" ? null : action;
                continue;
            }

            if (!Signal.TryParse(name, out var signal) || signal.Number is 9 or 19)
            {
                throw new ShellErrorException($"trap: {name}: bad trap", 2, fatal: false);
            }

            if (action == "-")
            {
                if (Ctx.Pid == 1 || signal.IgnoredByDefault)
                {
                    Ctx.IgnoreSignal(signal);
                }
                else
                {
                    Ctx.ExitOnSignal(signal);
                }

                continue;
            }

            if (action.Length == 0)
            {
                Ctx.IgnoreSignal(signal);
                continue;
            }

            var sh = this;
            Ctx.HandleSignal(signal, _ => sh.PendingTraps.Enqueue(action));
        }

        return Task.FromResult(0);
    }

    /// <summary>The <c>EXIT</c> trap's action.</summary>
    public string? ExitTrap { get; set; }

    /// <summary>Trap actions waiting to run at the next command boundary.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> PendingTraps { get; } = new();
}
