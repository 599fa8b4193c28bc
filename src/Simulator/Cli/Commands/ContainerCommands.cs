using System.Globalization;
using System.Text;
using Simulator.Cli.CommandLine;
using Simulator.Cli.Formatting;
using Simulator.Containers;
using Simulator.Processes;
using Simulator.References;

namespace Simulator.Cli.Commands;

/// <summary>The container commands (docker/cli cli/command/container/*.go).</summary>
internal static partial class ContainerCommands
{
    /// <summary><c>docker run</c> (run.go): create (pulling a missing image first), start, then attach and exit with the container's code, or print the ID with <c>-d</c>.</summary>
    public static async Task<int> RunAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        bool detach = f.Bool("detach");
        bool interactive = f.Bool("interactive");
        bool tty = f.Bool("tty");
        if (!detach && interactive && tty && !inv.Streams.StdinIsTerminal)
        {
            throw new CliError("the input device is not a TTY");
        }

        if (detach && f.List("attach").Count > 0)
        {
            throw new CliError("docker: conflicting options: cannot specify both --attach and --detach\n\nRun 'docker run --help' for more information", 125);
        }

        ValidatePullOption(f.String("pull", "missing")!, "run");
        var (config, host, name) = ContainerOptions.Parse(inv, "run", detach);
        try
        {
            await EnsureImageAsync(inv, config.Image, f.String("pull", "missing")!).ConfigureAwait(false);
            if (detach)
            {
                // run.go waitDisplayID: the ID is printed while the daemon starts the container, so before a start error.
                var id = inv.Engine.Containers.Create(config, host, name);
                inv.Out.WriteLine(id);
                await inv.Engine.Containers.StartAsync(id, inv.CancellationToken).ConfigureAwait(false);
                return 0;
            }

            return await RunAttachedAsync(inv, config, host, name).ConfigureAwait(false);
        }
        catch (DockerSimulatorException ex)
        {
            // moby daemon/errors.go appends ": permission denied" to EISDIR so that the CLI exits 126.
            var message = ex is ExecException { Errno: FileSystem.Errno.EISDIR } ? ex.Message + ": permission denied" : ex.Message;
            throw ToStatusError(IsClientSide(ex) ? message : "Error response from daemon: " + message, ex);
        }
    }

    private static bool IsClientSide(DockerSimulatorException ex) => ex.Data.Contains("client");

    /// <summary>create.go validatePullOpt: <c>always</c>, <c>missing</c>, <c>never</c> (or empty); checked before anything else, exit 125.</summary>
    private static void ValidatePullOption(string value, string command)
    {
        if (value is not ("always" or "missing" or "never" or ""))
        {
            throw new CliError($"docker: invalid pull option: '{value}': must be one of \"always\", \"missing\" or \"never\"\n\nRun 'docker {command} --help' for more information", 125);
        }
    }

    /// <summary>run.go toStatusError: 127 for not found, 126 for permission denied / is a directory, else 125.</summary>
    internal static CliError ToStatusError(string message, Exception? ex = null)
    {
        int code = ex is ExecException exec ? exec.ExitCode
            : message.Contains("executable file not found", StringComparison.Ordinal) || message.Contains("no such file or directory", StringComparison.Ordinal) ? 127
            : message.Contains("permission denied", StringComparison.Ordinal) || message.Contains("is a directory", StringComparison.Ordinal) ? 126
            : 125;
        return new CliError($"docker: {message}\n\nRun 'docker run --help' for more information", code);
    }

    /// <summary>create.go: a missing image is pulled (<c>Unable to find image 'x:latest' locally</c> and the pull's progress on stderr).</summary>
    internal static async Task EnsureImageAsync(CliInvocation inv, string image, string pull)
    {
        if (!ImageReference.TryParse(image, out var reference, out var error))
        {
            var ex = new DockerSimulatorException(ErrorKind.InvalidArgument, error);
            ex.Data["client"] = true;
            throw ex;
        }

        bool present = inv.Engine.Images.TryGet(image, out _);
        if (pull == "never" || (present && pull != "always"))
        {
            return;
        }

        var tagged = reference.WithDefaultTag();
        if (!present)
        {
            inv.Err.WriteLine($"Unable to find image '{tagged.FamiliarString}' locally");
        }

        string? pending = null;
        await inv.Engine.RegistryClient.PullAsync(tagged.ToString(), line =>
        {
            if (line.StartsWith("Using default tag: ", StringComparison.Ordinal))
            {
                return;
            }

            if (pending is not null)
            {
                inv.Err.WriteLine(pending);
            }

            pending = line;
        }, inv.CancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>docker create</c> (create.go): prints the new container's ID.</summary>
    public static async Task<int> CreateAsync(CliInvocation inv)
    {
        ValidatePullOption(inv.Flags.String("pull", "missing")!, "create");
        var (config, host, name) = ContainerOptions.Parse(inv, "create", detach: true);
        try
        {
            await EnsureImageAsync(inv, config.Image, inv.Flags.String("pull", "missing")!).ConfigureAwait(false);
        }
        catch (DockerSimulatorException ex) when (IsClientSide(ex))
        {
            throw new CliError(ex.Message);
        }

        var id = inv.Engine.Containers.Create(config, host, name);
        inv.Out.WriteLine(id);
        return 0;
    }

    /// <summary><c>docker exec</c> (exec.go): runs a command in a running container; exits with its code.</summary>
    public static async Task<int> ExecAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        if (f.Bool("interactive") && f.Bool("tty") && !inv.Streams.StdinIsTerminal)
        {
            throw new CliError("the input device is not a TTY");
        }

        var exec = new ExecConfig(inv.Args.Skip(1).ToList())
        {
            Env = f.List("env").ToList(),
            User = f.String("user"),
            WorkingDir = f.String("workdir"),
            Tty = f.Bool("tty"),
        };
        try
        {
            if (f.Bool("detach"))
            {
                _ = inv.Engine.Containers.ExecAsync(inv.Args[0], exec, inv.CancellationToken);
                return 0;
            }

            // exec.go: attached, stdin streamed with -i; -t gives the process a terminal (prompt, echo, \r\n).
            var stdin = f.Bool("interactive") ? inv.Streams.Stdin : null;
            using var raw = RawTerminal(inv, stdin is not null, exec.Tty);
            return await inv.Engine.Containers.ExecAttachedAsync(inv.Args[0], exec, stdin, inv.Out.Stream, inv.Err.Stream, inv.CancellationToken).ConfigureAwait(false);
        }
        catch (ExecException ex)
        {
            // exec.go: the OCI error is printed as is (no "docker:" prefix); exit 126/127 as run.
            inv.Err.WriteLine(ex.RuntimeMessage.Length > 0 ? "OCI runtime exec failed: exec failed: unable to start container process: " + ex.RuntimeMessage + ": unknown\r" : ex.Message);
            return ex.ExitCode;
        }
    }

    /// <summary><c>docker start</c> (start.go): prints each name; failures as <c>Error: failed to start containers: a, b</c>.</summary>
    public static async Task<int> StartAsync(CliInvocation inv)
    {
        if (inv.Flags.Bool("attach") && inv.Args.Count == 1)
        {
            // start.go: attach (stdin with -i) before starting, stream until the end, exit with the container's code.
            var c = inv.Engine.Containers.Inspect(inv.Args[0]);
            bool stdin = inv.Flags.Bool("interactive") && c.Config.OpenStdin;
            var waited = inv.Engine.Containers.WaitAsync(c.Id, WaitCondition.NextExit, inv.CancellationToken);
            var attachment = await inv.Engine.Containers.AttachAsync(c.Id, new AttachOptions { Stdin = stdin, DetachKeys = inv.Flags.String("detach-keys") }, inv.CancellationToken).ConfigureAwait(false);
            await inv.Engine.Containers.StartAsync(c.Id, inv.CancellationToken).ConfigureAwait(false);
            using (RawTerminal(inv, stdin, c.Config.Tty))
            {
                if (await PumpAsync(inv, attachment, stdin).ConfigureAwait(false))
                {
                    return 0;
                }
            }

            return (await waited.ConfigureAwait(false)).StatusCode;
        }

        var failed = new List<string>();
        foreach (var name in inv.Args)
        {
            try
            {
                await inv.Engine.Containers.StartAsync(name, inv.CancellationToken).ConfigureAwait(false);
                inv.Out.WriteLine(name);
            }
            catch (DockerSimulatorException ex)
            {
                inv.Err.WriteLine("Error response from daemon: " + ex.Message);
                failed.Add(name);
            }
        }

        if (failed.Count > 0)
        {
            throw new CliError("Error: failed to start containers: " + string.Join(", ", failed));
        }

        return 0;
    }

    /// <summary><c>docker stop</c> (stop.go).</summary>
    public static Task<int> StopAsync(CliInvocation inv)
    {
        var timeout = StopTimeout(inv);
        var signal = inv.Flags.String("signal");
        return ForEachAsync(inv, name => inv.Engine.Containers.StopAsync(name, timeout, signal, inv.CancellationToken));
    }

    /// <summary><c>docker restart</c> (restart.go).</summary>
    public static Task<int> RestartAsync(CliInvocation inv)
    {
        var timeout = StopTimeout(inv);
        return ForEachAsync(inv, name => inv.Engine.Containers.RestartAsync(name, timeout, inv.CancellationToken));
    }

    /// <summary>stop.go/restart.go: <c>-t/--timeout</c>, or the deprecated <c>--time</c>; both at once is an error.</summary>
    private static int? StopTimeout(CliInvocation inv)
    {
        if (inv.Flags.Has("time") && inv.Flags.Has("timeout"))
        {
            throw new CliError("conflicting options: cannot specify both --timeout and --time");
        }

        return inv.Flags.Int("timeout") ?? inv.Flags.Int("time");
    }

    /// <summary><c>docker kill</c> (kill.go).</summary>
    public static Task<int> KillAsync(CliInvocation inv)
    {
        var signal = inv.Flags.String("signal");
        return ForEachAsync(inv, async name =>
        {
            try
            {
                await inv.Engine.Containers.KillAsync(name, string.IsNullOrEmpty(signal) ? null : signal, inv.CancellationToken).ConfigureAwait(false);
            }
            catch (FormatException ex)
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, ex.Message);
            }
        });
    }

    /// <summary><c>docker pause</c>.</summary>
    public static Task<int> PauseAsync(CliInvocation inv) =>
        ForEachAsync(inv, name => { inv.Engine.Containers.Pause(name); return Task.CompletedTask; });

    /// <summary><c>docker unpause</c>.</summary>
    public static Task<int> UnpauseAsync(CliInvocation inv) =>
        ForEachAsync(inv, name => { inv.Engine.Containers.Unpause(name); return Task.CompletedTask; });

    /// <summary><c>docker rm</c> (rm.go): echoes each argument; with <c>-f</c> a missing container is reported on stderr only.</summary>
    public static async Task<int> RemoveAsync(CliInvocation inv)
    {
        bool force = inv.Flags.Bool("force");
        bool volumes = inv.Flags.Bool("volumes");
        var errors = new List<string>();
        foreach (var name in inv.Args)
        {
            if (name.Trim('/').Length == 0)
            {
                // docker/cli v28.2.2 container/rm.go: refused client-side, the others still removed.
                errors.Add("container name cannot be empty");
                continue;
            }

            try
            {
                await inv.Engine.Containers.RemoveAsync(name, force, volumes, inv.CancellationToken).ConfigureAwait(false);
                inv.Out.WriteLine(name);
            }
            catch (DockerSimulatorException ex)
            {
                if (force && ex.Kind == ErrorKind.NotFound)
                {
                    inv.Err.WriteLine("Error response from daemon: " + ex.Message);
                    continue;
                }

                errors.Add("Error response from daemon: " + ex.Message);
            }
        }

        return errors.Count == 0 ? 0 : throw new CliError(string.Join("\n", errors));
    }

    /// <summary>Runs an action per argument, echoing each on success and joining the errors (stop.go, kill.go, pause.go).</summary>
    private static async Task<int> ForEachAsync(CliInvocation inv, Func<string, Task> action)
    {
        var errors = new List<string>();
        foreach (var name in inv.Args)
        {
            try
            {
                await action(name).ConfigureAwait(false);
                inv.Out.WriteLine(name);
            }
            catch (DockerSimulatorException ex)
            {
                errors.Add("Error response from daemon: " + ex.Message);
            }
        }

        return errors.Count == 0 ? 0 : throw new CliError(string.Join("\n", errors));
    }

    /// <summary><c>docker ps</c> (list.go, formatter/container.go).</summary>
    public static Task<int> ListAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        int last = f.Int("last", -1)!.Value;
        if (f.Bool("latest"))
        {
            last = 1;
        }

        var now = inv.Engine.TimeProvider.GetUtcNow();
        var format = f.String("format");
        if (!string.IsNullOrEmpty(format))
        {
            // list.go: the template is parsed and run once on an empty row before the daemon is asked.
            Templates.GoTemplate check;
            try
            {
                check = Templates.GoTemplate.Parse(format);
            }
            catch (Templates.GoTemplateException ex)
            {
                throw new CliError("failed to parse template: " + ex.Message);
            }

            try
            {
                check.Execute(ContainerContext.Empty(now));
            }
            catch (Templates.GoTemplateException ex)
            {
                throw new CliError("failed to execute template: " + ex.Message);
            }
        }

        // list.go: sizes when -s, or when the template uses .Size (json marshals every field) unless --size was given or -q.
        bool size = f.Bool("size")
            || (!string.IsNullOrEmpty(format) && !f.Bool("quiet") && !f.Has("size") && (format == "json" || format.Contains(".Size", StringComparison.Ordinal)));
        IEnumerable<Container> list = inv.Engine.Containers.List(new ContainerListOptions { All = f.Bool("all") || last > 0, Size = size });
        list = ContainerFilters.Apply(list, f.List("filter"));
        if (last > 0)
        {
            list = list.Take(last);
        }

        bool trunc = !f.Bool("no-trunc");
        var rows = list.Select(c => new ContainerContext(c, now, trunc)).ToList();
        var columns = ContainerContext.Columns;
        if (f.Bool("size") && string.IsNullOrEmpty(format))
        {
            columns = [.. columns, new("Size", "SIZE", x => x.Size)];
        }

        inv.Out.Write(TableFormatter.Render(format, rows, columns, f.Bool("quiet"), r => r.ToJson(), new ContainerHeader()));
        return Task.FromResult(0);
    }

    /// <summary><c>docker logs</c> (logs.go): the container's stdout to stdout and stderr to stderr.</summary>
    public static Task<int> LogsAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        int? tail = f.String("tail") is { } t && t != "all" && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var now = inv.Engine.TimeProvider.GetUtcNow();
        var options = new ContainerLogsOptions
        {
            Stdout = true,
            Stderr = true,
            Tail = tail,
            Since = f.String("since") is { Length: > 0 } since ? TimeArg.Parse(since, now, "since") : null,
            Until = f.String("until") is { Length: > 0 } until ? TimeArg.Parse(until, now, "until") : null,
        };
        bool timestamps = f.Bool("timestamps");
        foreach (var entry in inv.Engine.Containers.Logs(inv.Args[0], options))
        {
            var text = timestamps ? TimeArg.Rfc3339NanoFixed(entry.Time) + " " + entry.Text : entry.Text;
            (entry.Stream == LogStream.Stdout ? inv.Out : inv.Err).Write(text);
        }

        return Task.FromResult(0);
    }

    /// <summary><c>docker wait</c> (wait.go): prints each exit code.</summary>
    public static async Task<int> WaitAsync(CliInvocation inv)
    {
        var errors = new List<string>();
        foreach (var name in inv.Args)
        {
            try
            {
                var r = await inv.Engine.Containers.WaitAsync(name, WaitCondition.NotRunning, inv.CancellationToken).ConfigureAwait(false);
                inv.Out.WriteLine(r.StatusCode.ToString(CultureInfo.InvariantCulture));
            }
            catch (DockerSimulatorException ex)
            {
                errors.Add("Error response from daemon: " + ex.Message);
            }
        }

        return errors.Count == 0 ? 0 : throw new CliError(string.Join("\n", errors));
    }

    /// <summary><c>docker rename</c>.</summary>
    public static Task<int> RenameAsync(CliInvocation inv)
    {
        var newName = inv.Args[1].Trim();
        if (newName.Length == 0 || inv.Args[0].Trim().Length == 0)
        {
            throw new CliError("Error: Neither old nor new names may be empty"); // docker/cli v28.2.2 container/rename.go
        }

        inv.Engine.Containers.Rename(inv.Args[0], newName);
        return Task.FromResult(0);
    }

    /// <summary><c>docker port</c> (port.go): <c>80/tcp -&gt; 0.0.0.0:8080</c> lines.</summary>
    public static Task<int> PortAsync(CliInvocation inv)
    {
        string? port = inv.Args.Count > 1 ? inv.Args[1] : null;
        var lines = inv.Engine.Containers.Port(inv.Args[0], port);
        foreach (var line in lines)
        {
            // port.go: with a private port only the host addresses are printed.
            int arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
            inv.Out.WriteLine(port is not null && arrow >= 0 ? line[(arrow + 4)..] : line);
        }

        return Task.FromResult(0);
    }

    /// <summary><c>docker top</c>: the process table through the tabwriter.</summary>
    public static Task<int> TopAsync(CliInvocation inv)
    {
        var top = inv.Engine.Containers.Top(inv.Args[0]);
        var sb = new StringBuilder();
        sb.AppendJoin('\t', top.Titles).Append('\n');
        foreach (var p in top.Processes)
        {
            sb.AppendJoin('\t', p).Append('\n');
        }

        inv.Out.Write(TabWriter.Format(sb.ToString()));
        return Task.FromResult(0);
    }

    /// <summary><c>docker diff</c>: <c>C /etc</c>, <c>A /x</c>, <c>D /y</c>.</summary>
    public static Task<int> DiffAsync(CliInvocation inv)
    {
        foreach (var change in inv.Engine.Containers.Diff(inv.Args[0]))
        {
            inv.Out.WriteLine(change.ToString());
        }

        return Task.FromResult(0);
    }

    /// <summary><c>docker commit</c> (commit.go): prints the new image's ID.</summary>
    public static Task<int> CommitAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        string? reference = inv.Args.Count > 1 ? inv.Args[1] : null;
        if (reference is not null && !ImageReference.TryParse(reference, out _, out var error))
        {
            throw new CliError(error);
        }

        var options = new CommitOptions
        {
            Reference = reference,
            Author = f.String("author", "")!,
            Message = f.String("message", "")!,
            Changes = f.List("change").ToList(),
            Pause = !f.Has("pause") || f.Bool("pause"),
        };
        var image = inv.Engine.Containers.Commit(inv.Args[0], options);
        inv.Out.WriteLine(image.Id.ToString());
        return Task.FromResult(0);
    }
}
