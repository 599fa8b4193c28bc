using System.Globalization;
using System.Text;
using Simulator.Processes;

namespace Simulator.Containers;

/// <summary>Logs, exec, top.</summary>
public sealed partial class ContainerStore
{
    /// <summary>
    /// <c>docker logs</c>: the container's stdout and stderr lines in the order written, each with its time
    /// (json-file driver: a partial last line is kept without its newline). Filters apply in the order
    /// since, until, tail (moby daemon/logger/jsonfilelog).
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="options">The options; <see cref="ContainerLogsOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The entries; <see cref="LogEntry.Format"/> prints each as <c>docker logs</c> does.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>.</exception>
    public IReadOnlyList<LogEntry> Logs(string idOrName, ContainerLogsOptions? options = null)
    {
        options ??= ContainerLogsOptions.Default;
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        List<LogEntry> entries;
        lock (rec.Logs)
        {
            entries = rec.Logs.Where(e =>
                (e.Stream == LogStream.Stdout ? options.Stdout : options.Stderr)
                && (options.Since is null || e.Time >= options.Since.Value)
                && (options.Until is null || e.Time <= options.Until.Value)).ToList();
        }

        if (options.Tail is int tail && tail >= 0 && tail < entries.Count)
        {
            entries = entries.GetRange(entries.Count - tail, tail);
        }

        return entries;
    }

    /// <summary><c>docker logs</c> as one text: the entries of <see cref="Logs"/> formatted (with timestamps when <see cref="ContainerLogsOptions.Timestamps"/>), both streams interleaved.</summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="options">The options.</param>
    /// <returns>The text.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>.</exception>
    public string LogsText(string idOrName, ContainerLogsOptions? options = null)
    {
        options ??= ContainerLogsOptions.Default;
        var sb = new StringBuilder();
        foreach (var entry in Logs(idOrName, options))
        {
            sb.Append(entry.Format(options.Timestamps));
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>docker exec</c>: runs a command in the running container's process namespace and waits for it
    /// (moby daemon/exec.go). Env is the container's with <see cref="ExecConfig.Env"/> over it; user and working
    /// directory default to the container's.
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="exec">The command and options.</param>
    /// <param name="cancellationToken">Cancels the wait (the process keeps running).</param>
    /// <returns>The exit code and output.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exec"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// As <see cref="Inspect(string)"/>; <see cref="ErrorKind.InvalidArgument"/> <c>No exec command specified</c>; <see cref="ErrorKind.Conflict"/> <c>container &lt;id&gt; is not running</c>,
    /// <c>container &lt;id&gt; is paused, unpause the container before exec</c>, <c>container &lt;id&gt; is restarting, wait until the container is running</c>;
    /// an unknown user (<c>unable to find user x: no matching entries in passwd file</c>).
    /// </exception>
    /// <exception cref="ExecException">The program is missing (exit 127) or cannot run (126).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ExecResult> ExecAsync(string idOrName, ExecConfig exec, CancellationToken cancellationToken = default)
    {
        var (ns, spec, rec, execId) = BeginExec(idOrName, exec);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var stdin = exec.Stdin is null ? Stream.Null : new MemoryStream(exec.Stdin, writable: false);
        SimulatedProcess process;
        try
        {
            process = ns.Start(spec, stdin, stdout, stderr);
        }
        catch (ExecException ex)
        {
            EndExec(rec, execId, ex.ExitCode);
            throw;
        }

        int code = await process.WaitAsync(cancellationToken).ConfigureAwait(false);
        EndExec(rec, execId, code);

        return new ExecResult(code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    /// <summary>Checks the container and the command, builds the process spec, publishes exec_create and exec_start.</summary>
    private (ProcessNamespace Namespace, ProcessSpec Spec, ContainerRecord Record, string ExecId) BeginExec(string idOrName, ExecConfig exec)
    {
        ArgumentNullException.ThrowIfNull(exec);
        Record(ContainerOperation.Exec, idOrName, ("cmd", string.Join(' ', exec.Cmd)), ("user", exec.User), ("workdir", exec.WorkingDir));
        if (exec.Cmd.Count == 0)
        {
            throw ContainerErrors.NoExecCommand();
        }

        lock (_gate)
        {
            var rec = Find(idOrName);
            switch (rec.Status)
            {
                case ContainerStatus.Running when rec.Namespace is not null:
                    break;
                case ContainerStatus.Paused:
                    throw ContainerErrors.ExecPaused(rec.Id);
                case ContainerStatus.Restarting:
                    throw ContainerErrors.ExecRestarting(rec.Id);
                default:
                    throw ContainerErrors.NotRunningConflict(rec.Id);
            }

            var ns = rec.Namespace!;
            var workdir = string.IsNullOrEmpty(exec.WorkingDir) ? rec.Config.WorkingDir : exec.WorkingDir;
            var env = ReplaceOrAppendEnv(rec.ProcessEnv, exec.Env);
            if (exec.Tty && !env.Any(e => e.StartsWith("TERM=", StringComparison.Ordinal)))
            {
                // moby CreateDaemonEnvironment(tty): a TTY exec gets TERM=xterm.
                env = [.. env, "TERM=xterm"];
            }

            var spec = new ProcessSpec(exec.Cmd)
            {
                Env = env,
                Tty = exec.Tty,
                WorkingDirectory = string.IsNullOrEmpty(workdir) ? "/" : workdir,
                User = ProcessUser.Resolve(string.IsNullOrEmpty(exec.User) ? rec.Config.User : exec.User, rec.Root),
            };

            // moby daemon/exec.go: the action carries the command.
            var execId = NewExecId();
            var command = exec.Cmd[0] + " " + string.Join(' ', exec.Cmd.Skip(1));
            Emit(rec, "exec_create: " + command, ("execID", execId));
            Emit(rec, "exec_start: " + command, ("execID", execId));
            return (ns, spec, rec, execId);
        }
    }

    /// <summary>Publishes exec_die with the exit code.</summary>
    private void EndExec(ContainerRecord rec, string execId, int code)
    {
        lock (_gate)
        {
            Emit(rec, "exec_die", ("execID", execId), ("exitCode", code.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// <c>docker top</c>: the running processes with ps <c>-ef</c> columns. PIDs are the namespace's (the
    /// simulator has no host PIDs); PPID is 0 for PID 1 and 1 otherwise; STIME is the container's start time.
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <returns>The titles and rows.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>; <see cref="ErrorKind.Conflict"/> <c>container &lt;id&gt; is not running</c>.</exception>
    public ContainerTop Top(string idOrName)
    {
        ProcessNamespace ns;
        DateTimeOffset started;
        lock (_gate)
        {
            var rec = Find(idOrName);
            if (rec.Status is not (ContainerStatus.Running or ContainerStatus.Paused) || rec.Namespace is null)
            {
                throw ContainerErrors.NotRunningConflict(rec.Id);
            }

            ns = rec.Namespace;
            started = rec.StartedAt ?? _time.GetUtcNow();
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var p in ns.Processes)
        {
            var user = p.Spec.User.Name ?? p.Spec.User.Uid.ToString(CultureInfo.InvariantCulture);
            rows.Add(
            [
                user,
                p.Pid.ToString(CultureInfo.InvariantCulture),
                p.Pid == 1 ? "0" : "1",
                "0",
                started.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture),
                "?",
                "00:00:00",
                string.Join(' ', p.Spec.Argv),
            ]);
        }

        return new ContainerTop(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], rows);
    }
}
