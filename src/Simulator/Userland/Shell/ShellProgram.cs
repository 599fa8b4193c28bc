using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Userland.Shell;

/// <summary>The <c>sh</c>/<c>ash</c> program: option parsing (<c>-c</c>, <c>-e</c>, <c>-x</c>, <c>-u</c>, <c>-f</c>, <c>-s</c>), then a command string, a script file, or stdin.</summary>
internal static class ShellProgram
{
    public static async Task<int> RunAsync(ProcessContext ctx, IReadOnlyList<string> argv)
    {
        var arg0 = argv.Count > 0 ? argv[0] : "sh";
        string? command = null;
        var commandMode = false;
        var readStdin = false;
        bool e = false, x = false, u = false, f = false, interactive = false;
        var i = 1;
        for (; i < argv.Count; i++)
        {
            var a = argv[i];
            if (a == "--")
            {
                i++;
                break;
            }

            if (a.Length < 2 || a[0] is not ('-' or '+'))
            {
                break;
            }

            if (a is "-o" or "+o")
            {
                i++;
                continue;
            }

            foreach (var c in a[1..])
            {
                switch (c)
                {
                    case 'c': commandMode = true; break;
                    case 'e': e = a[0] == '-'; break;
                    case 'x': x = a[0] == '-'; break;
                    case 'u': u = a[0] == '-'; break;
                    case 'f': f = a[0] == '-'; break;
                    case 's': readStdin = true; break;
                    case 'i': interactive = a[0] == '-'; break;
                    case 'l': case 'v': case 'a': case 'C': case 'n': break;
                    default:
                        await ctx.WriteErrorAsync($"{arg0}: illegal option {a[0]}{c}\n").ConfigureAwait(false);
                        return 2;
                }
            }
        }

        if (commandMode)
        {
            if (i >= argv.Count)
            {
                await ctx.WriteErrorAsync($"{arg0}: -c requires an argument\n").ConfigureAwait(false);
                return 2;
            }

            command = argv[i++];
        }

        ShellInterpreter sh;
        string source;
        void Configure(ShellInterpreter shell)
        {
            shell.Positional = argv.Skip(i).ToList();
            shell.ErrExit = e;
            shell.XTrace = x;
            shell.NoUnset = u;
            shell.NoGlob = f;
        }

        if (command is not null)
        {
            sh = new ShellInterpreter(ctx, i < argv.Count ? argv[i++] : arg0, isScript: false);
            source = command;
        }
        else if (!readStdin && i < argv.Count)
        {
            var script = argv[i++];
            sh = new ShellInterpreter(ctx, script, isScript: true);
            try
            {
                var path = ctx.ResolvePath(script);
                if (ctx.FileSystem.Stat(path).IsDirectory)
                {
                    throw new FileSystemException(Errno.EISDIR, script);
                }

                source = ctx.FileSystem.ReadAllText(path);
            }
            catch (FileSystemException ex)
            {
                await ctx.WriteErrorAsync($"{arg0}: can't open '{script}': {ex.Message}\n").ConfigureAwait(false);
                return ex.Errno == Errno.ENOENT ? 127 : 126;
            }
        }
        else
        {
            sh = new ShellInterpreter(ctx, arg0, isScript: false);
            Configure(sh);
            // ash: interactive when stdin is a terminal (or -i); it then prompts with PS1/PS2.
            return await sh.RunStreamAsync(ctx.Stdin, interactive || ctx.IsTerminal).ConfigureAwait(false);
        }

        Configure(sh);
        return await sh.RunTopLevelAsync(source, execLastCommand: command is not null).ConfigureAwait(false);
    }
}
