using System.Text;
using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Userland.Shell;

/// <content>Simple commands, redirections and external commands.</content>
internal sealed partial class ShellInterpreter
{
    private async Task<int> ExecuteSimpleAsync(SimpleCommand cmd)
    {
        CurrentLine = cmd.Line;
        LastSubstitutionStatus = 0;
        var argv = await Expander.ExpandWordsAsync(cmd.Words).ConfigureAwait(false);
        var assignments = new List<(string Name, string Value)>();
        foreach (var a in cmd.Assignments)
        {
            var lit = (LiteralPart)a.Parts[0];
            var eq = lit.Text.IndexOf('=', StringComparison.Ordinal);
            var name = lit.Text[..eq];
            var rest = new List<WordPart>();
            if (eq + 1 < lit.Text.Length)
            {
                rest.Add(new LiteralPart(lit.Text[(eq + 1)..]));
            }

            rest.AddRange(a.Parts.Skip(1));
            var value = await Expander.ExpandStringAsync(new Word(rest, a.Raw)).ConfigureAwait(false);
            assignments.Add((name, value));
        }

        if (XTrace)
        {
            var trace = string.Join(' ', assignments.Select(a => a.Name + "=" + Quote(a.Value)).Concat(argv.Select(Quote)));
            await WriteFd(2, "+ " + trace + "\n").ConfigureAwait(false);
        }

        if (argv.Count == 0)
        {
            var substStatus = LastSubstitutionStatus;
            foreach (var (name, value) in assignments)
            {
                SetVar(name, value);
            }

            if (cmd.Redirections.Count > 0)
            {
                return await WithRedirectionsAsync(cmd.Redirections, () => Task.FromResult(substStatus)).ConfigureAwait(false);
            }

            return substStatus;
        }

        var commandName = argv[0];
        if (_functions.TryGetValue(commandName, out var fn))
        {
            return await WithRedirectionsAsync(cmd.Redirections, async () =>
            {
                var saved = ApplyTemporary(assignments);
                try
                {
                    return await CallFunctionAsync(fn, argv.Skip(1).ToList()).ConfigureAwait(false);
                }
                finally
                {
                    Restore(saved);
                }
            }).ConfigureAwait(false);
        }

        if (Builtins.TryGetValue(commandName, out var builtin))
        {
            if (commandName == "exec" && argv.Count == 1)
            {
                foreach (var (name, value) in assignments)
                {
                    SetVar(name, value);
                }

                return await ApplyPermanentRedirectionsAsync(cmd.Redirections).ConfigureAwait(false);
            }

            var special = SpecialBuiltins.Contains(commandName);
            return await WithRedirectionsAsync(cmd.Redirections, async () =>
            {
                List<(string, ShellVariable?)>? saved = null;
                if (special)
                {
                    foreach (var (name, value) in assignments)
                    {
                        SetVar(name, value);
                    }
                }
                else
                {
                    saved = ApplyTemporary(assignments);
                }

                try
                {
                    return await builtin(this, argv).ConfigureAwait(false);
                }
                finally
                {
                    if (saved is not null)
                    {
                        Restore(saved);
                    }
                }
            }).ConfigureAwait(false);
        }

        if (ReferenceEquals(cmd, ExecCandidate) && ExitTrap is null && !IsSubshell)
        {
            return await WithRedirectionsAsync(cmd.Redirections, () => RunExternalAsync(argv, assignments, exec: true)).ConfigureAwait(false);
        }

        return await WithRedirectionsAsync(cmd.Redirections, () => RunExternalAsync(argv, assignments)).ConfigureAwait(false);
    }

    private List<(string, ShellVariable?)> ApplyTemporary(List<(string Name, string Value)> assignments)
    {
        var saved = new List<(string, ShellVariable?)>();
        foreach (var (name, value) in assignments)
        {
            saved.Add((name, _vars.TryGetValue(name, out var old) ? old.Clone() : null));
            SetVar(name, value, export: true);
        }

        return saved;
    }

    private void Restore(List<(string, ShellVariable?)> saved)
    {
        for (var i = saved.Count - 1; i >= 0; i--)
        {
            var (name, old) = saved[i];
            if (old is null)
            {
                _vars.Remove(name);
            }
            else
            {
                _vars[name] = old;
            }
        }
    }

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal))
            ? s
            : "'" + s.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";

    /// <summary>Runs an external command (or a script without <c>#!</c> in a subshell), waiting for it.</summary>
    /// <summary>The command <c>sh -c</c> runs in place of the shell (ash execs the last command of a -c string).</summary>
    public SimpleCommand? ExecCandidate { get; set; }

    public async Task<int> RunExternalAsync(List<string> argv, List<(string Name, string Value)> assignments, bool exec = false)
    {
        var env = ExportedEnv();
        foreach (var (name, value) in assignments)
        {
            env.RemoveAll(e => e.StartsWith(name + "=", StringComparison.Ordinal));
            env.Add(name + "=" + value);
        }

        var spec = new ProcessSpec(argv)
        {
            Env = env,
            WorkingDirectory = Cwd,
            User = Ctx.User,
        };
        var pathVar = assignments.LastOrDefault(a => a.Name == "PATH").Value ?? GetVar("PATH") ?? "";
        spec = spec with { Env = pathVar == spec.GetEnv("PATH") ? env : [.. env, "PATH=" + pathVar] };
        SimulatedProcess child;
        try
        {
            if (exec)
            {
                var status = await Ctx.ExecAsync(spec, Fds[0] ?? Stream.Null, Fds[1] ?? Stream.Null, Fds[2] ?? Stream.Null).ConfigureAwait(false);
                throw new ShellExitException(status);
            }

            child = Ctx.StartChild(spec, Fds[0] ?? Stream.Null, Fds[1] ?? Stream.Null, Fds[2] ?? Stream.Null);
        }
        catch (ExecException e)
        {
            if (e.Errno == Executables.ENOEXEC)
            {
                return await RunScriptFileAsync(Executables.LookPath(Fs, Ctx.Programs, argv[0], pathVar, Cwd), argv).ConfigureAwait(false);
            }

            if (e.Errno == Errno.ENOENT && !argv[0].Contains('/', StringComparison.Ordinal))
            {
                await Error($"{argv[0]}: not found").ConfigureAwait(false);
                return 127;
            }

            var text = e.Errno switch
            {
                Errno.ENOENT => "No such file or directory",
                Errno.EISDIR => "Permission denied",
                _ => "Permission denied",
            };
            await Error($"{argv[0]}: {text}").ConfigureAwait(false);
            return e.ExitCode;
        }

        return await child.WaitAsync(Ctx.CancellationToken).ConfigureAwait(false);
    }

    private async Task<int> RunScriptFileAsync(string path, List<string> argv)
    {
        string text;
        try
        {
            text = Fs.ReadAllText(path);
        }
        catch (FileSystemException e)
        {
            await Error($"{argv[0]}: {e.Message}").ConfigureAwait(false);
            return 126;
        }

        var clone = Clone();
        clone.Positional = argv.Skip(1).ToList();
        clone._functions.Clear();
        try
        {
            return await clone.RunSourceAsync(text).ConfigureAwait(false);
        }
        catch (ShellExitException e)
        {
            return e.Status;
        }
        catch (ShellErrorException e)
        {
            await clone.Error(e.Message).ConfigureAwait(false);
            return e.Status;
        }
    }

    // ---- redirections ----
    private async Task<int> WithRedirectionsAsync(IReadOnlyList<Redirection> redirections, Func<Task<int>> body)
    {
        if (redirections.Count == 0)
        {
            return await body().ConfigureAwait(false);
        }

        var saved = (Stream?[])Fds.Clone();
        var opened = new List<Stream>();
        try
        {
            var ok = await ApplyRedirectionsAsync(redirections, opened).ConfigureAwait(false);
            if (!ok)
            {
                LastStatus = 2;
                return CheckErrExit(2);
            }

            return await body().ConfigureAwait(false);
        }
        finally
        {
            Fds = saved;
            foreach (var s in opened)
            {
                await s.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<int> ApplyPermanentRedirectionsAsync(IReadOnlyList<Redirection> redirections)
    {
        var opened = new List<Stream>();
        var ok = await ApplyRedirectionsAsync(redirections, opened).ConfigureAwait(false);
        return ok ? 0 : 2;
    }

    /// <summary>Opens the redirections into <see cref="Fds"/>; reports ash's error and returns false on failure.</summary>
    private async Task<bool> ApplyRedirectionsAsync(IReadOnlyList<Redirection> redirections, List<Stream> opened)
    {
        foreach (var r in redirections)
        {
            if (r.Fd > 9)
            {
                await Error($"{r.Fd}: Bad file descriptor").ConfigureAwait(false);
                return false;
            }

            if (r.Op is "<<" or "<<-")
            {
                var body = r.HereDoc is null ? "" : await Expander.ExpandStringAsync(r.HereDoc).ConfigureAwait(false);
                var ms = new MemoryStream(Encoding.UTF8.GetBytes(body), writable: false);
                opened.Add(ms);
                Fds[r.Fd] = ms;
                continue;
            }

            var target = await Expander.ExpandStringAsync(r.Target).ConfigureAwait(false);
            if (r.Op is ">&" or "<&")
            {
                if (target == "-")
                {
                    Fds[r.Fd] = null;
                    continue;
                }

                if (target.Length == 1 && char.IsAsciiDigit(target[0]))
                {
                    var src = Fds[target[0] - '0'];
                    if (src is null)
                    {
                        await Error($"{target}: Bad file descriptor").ConfigureAwait(false);
                        return false;
                    }

                    Fds[r.Fd] = src;
                    continue;
                }

                if (r.Op == "<&")
                {
                    await Error($"{target}: Bad file descriptor").ConfigureAwait(false);
                    return false;
                }
            }

            var device = Device(target);
            if (device is not null)
            {
                Fds[r.Fd] = device;
                continue;
            }

            if (target.Length == 0)
            {
                await Error(r.Op.StartsWith('<') ? "can't open : no such file" : "can't create : nonexistent directory").ConfigureAwait(false);
                return false;
            }

            var path = Executables.Absolute(target, Cwd);
            var flags = r.Op switch
            {
                "<" => OpenFlags.ReadOnly,
                "<>" => OpenFlags.ReadWrite | OpenFlags.Create,
                ">>" => OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Append,
                _ => OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate,
            };
            try
            {
                var handle = Fs.Open(path, flags, (UnixFileMode)0b110_110_110 & ~(UnixFileMode)0b000_010_010);
                var stream = new HandleStream(handle);
                opened.Add(stream);
                Fds[r.Fd] = stream;
            }
            catch (FileSystemException e)
            {
                var reading = r.Op == "<";
                var msg = e.Errno is Errno.ENOENT or Errno.ENOTDIR
                    ? (reading ? "no such file" : "nonexistent directory")
                    : e.Message;
                await Error($"{(reading ? "can't open" : "can't create")} {target}: {msg}").ConfigureAwait(false);
                return false;
            }
        }

        return true;
    }

    private Stream? Device(string target) => target switch
    {
        "/dev/null" => Stream.Null,
        "/dev/stdin" or "/dev/fd/0" => Fds[0] ?? Stream.Null,
        "/dev/stdout" or "/dev/fd/1" => Fds[1] ?? Stream.Null,
        "/dev/stderr" or "/dev/fd/2" => Fds[2] ?? Stream.Null,
        _ => null,
    };
}
