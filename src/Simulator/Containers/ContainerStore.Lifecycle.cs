using System.Globalization;
using Simulator.Processes;

namespace Simulator.Containers;

/// <summary>Start, stop, kill, restart, remove, restart policies, auto-remove.</summary>
public sealed partial class ContainerStore
{
    private static readonly TimeSpan DefaultRestartBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRestartBackoff = TimeSpan.FromMinutes(1);

    /// <summary>
    /// <c>docker start</c>: runs the container's command as PID 1 of a fresh process namespace (moby daemon/start.go).
    /// Starting a running container does nothing (the API's 304).
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="cancellationToken">Cancels waiting for the container's turn.</param>
    /// <returns>A task completing once the process runs.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>; <see cref="ErrorKind.Conflict"/> <c>cannot start a paused container, try unpause instead</c>.</exception>
    /// <exception cref="ExecException">The program is missing (127) or cannot run (126); the container keeps that exit code and the message as its <see cref="ContainerState.Error"/>.</exception>
    public async Task StartAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        Record(ContainerOperation.Start, idOrName);
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        await rec.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            StartLocked(rec, fromPolicy: false);
        }
        finally
        {
            rec.Gate.Release();
        }
    }

    private void StartLocked(ContainerRecord rec, bool fromPolicy)
    {
        ProcessSpec spec;
        lock (_gate)
        {
            if (rec.Removed || rec.Status == ContainerStatus.Removing)
            {
                throw ContainerErrors.NoSuchContainer(rec.Id);
            }

            switch (rec.Status)
            {
                case ContainerStatus.Running:
                    return;
                case ContainerStatus.Paused:
                    throw ContainerErrors.StartPaused();
                case ContainerStatus.Restarting when !fromPolicy:
                    CancelRestart(rec);
                    break;
            }

            if (!fromPolicy)
            {
                rec.ManuallyStopped = false;
            }

            spec = new ProcessSpec([rec.Path, .. rec.Args])
            {
                Env = rec.ProcessEnv,
                WorkingDirectory = string.IsNullOrEmpty(rec.Config.WorkingDir) ? "/" : rec.Config.WorkingDir,
                User = ProcessUser.Resolve(rec.Config.User, rec.Root),
                Tty = rec.Config.Tty,
            };
        }

        var ns = new ProcessNamespace(rec.Root, Programs, _time);
        try
        {
            ConnectNetwork(rec, ns);
        }
        catch (DockerSimulatorException ex)
        {
            lock (_gate)
            {
                rec.ExitCode = 128;
                rec.Error = ex.Message;
                if (rec.Status == ContainerStatus.Restarting)
                {
                    rec.Status = ContainerStatus.Exited;
                }
            }

            throw;
        }

        SimulatedProcess process;
        var (stdin, stdout, stderr) = rec.Io.BeginRun();
        try
        {
            process = ns.Start(spec, stdin, stdout, stderr);
        }
        catch (ExecException ex)
        {
            rec.Io.EndRun();
            DisconnectNetwork(rec);
            lock (_gate)
            {
                rec.ExitCode = ex.ExitCode;
                rec.Error = ex.Message;
                if (rec.Status == ContainerStatus.Restarting)
                {
                    rec.Status = ContainerStatus.Exited;
                }
            }

            throw;
        }

        lock (_gate)
        {
            rec.Namespace = ns;
            rec.Main = process;
            rec.Status = ContainerStatus.Running;
            rec.Pid = process.Pid;
            rec.Error = "";
            rec.StartedAt = _time.GetUtcNow();
            if (fromPolicy)
            {
                rec.RestartCount++;
            }

            EmitMounts(rec, "mount");
            Emit(rec, "start");
        }

        process.OnExited(() => OnExit(rec, process));
    }

    private void OnExit(ContainerRecord rec, SimulatedProcess process)
    {
        rec.Io.EndRun();
        bool autoRemove = false;
        lock (_gate)
        {
            if (!ReferenceEquals(rec.Main, process))
            {
                return;
            }

            DisconnectNetwork(rec);
            var now = _time.GetUtcNow();
            int code = process.ExitCode ?? 0;
            var ran = now - (rec.StartedAt ?? now);
            rec.Main = null;
            rec.Pid = 0;
            rec.ExitCode = code;
            rec.FinishedAt = now;
            rec.Status = ContainerStatus.Exited;
            var waiter = rec.NextExit;
            rec.ResetNextExit();
            ResetTmpfs(rec);
            EmitMounts(rec, "unmount");
            Emit(rec, "die", ("exitCode", code.ToString(CultureInfo.InvariantCulture)), ("execDuration", ((long)ran.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
            waiter.TrySetResult(new ContainerWaitResult(code));

            if (ShouldRestart(rec, code))
            {
                // moby restartmanager: back-off 100 ms doubling up to 1 min, reset after a run of 10 s or more.
                rec.RestartBackoff = ran >= TimeSpan.FromSeconds(10) || rec.RestartBackoff == TimeSpan.Zero
                    ? DefaultRestartBackoff
                    : TimeSpan.FromTicks(Math.Min(rec.RestartBackoff.Ticks * 2, MaxRestartBackoff.Ticks));
                rec.Status = ContainerStatus.Restarting;
                var timer = _time.CreateTimer(
                    static state =>
                    {
                        var (store, r) = ((ContainerStore, ContainerRecord))state!;
                        _ = store.RestartFromPolicyAsync(r);
                    },
                    (this, rec),
                    rec.RestartBackoff,
                    Timeout.InfiniteTimeSpan);
                rec.RestartTimer = timer;
            }
            else if (rec.Host.AutoRemove && rec.Status != ContainerStatus.Removing)
            {
                autoRemove = true;
            }
        }

        if (autoRemove)
        {
            _ = Task.Run(() => RemoveRecordAsync(rec, rec.Id, force: true, removeVolumes: true, CancellationToken.None));
        }
    }

    /// <summary>moby restartmanager.ShouldRestart.</summary>
    private static bool ShouldRestart(ContainerRecord rec, int exitCode)
    {
        if (rec.ManuallyStopped || rec.Removed || rec.Status == ContainerStatus.Removing)
        {
            return false;
        }

        var policy = rec.Host.RestartPolicy;
        return policy.Name switch
        {
            "always" or "unless-stopped" => true,
            "on-failure" => exitCode != 0 && (policy.MaximumRetryCount == 0 || rec.RestartCount < policy.MaximumRetryCount),
            _ => false,
        };
    }

    private async Task RestartFromPolicyAsync(ContainerRecord rec)
    {
        await rec.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (rec.Status != ContainerStatus.Restarting || rec.Removed)
                {
                    return;
                }

                rec.RestartTimer?.Dispose();
                rec.RestartTimer = null;
            }

            StartLocked(rec, fromPolicy: true);
        }
        catch (DockerSimulatorException)
        {
            // The failure is recorded on the container (exit code, error); the policy stops here.
        }
        finally
        {
            rec.Gate.Release();
        }
    }

    private static void CancelRestart(ContainerRecord rec)
    {
        rec.RestartTimer?.Dispose();
        rec.RestartTimer = null;
        if (rec.Status == ContainerStatus.Restarting)
        {
            rec.Status = ContainerStatus.Exited;
        }
    }

    /// <summary>
    /// <c>docker stop</c>: sends the stop signal (the container's <c>StopSignal</c>, else <c>SIGTERM</c>), waits up to the
    /// timeout on the store's clock, then sends <c>SIGKILL</c> (exit 137) (moby daemon/stop.go). A PID 1 without a
    /// TERM handler ignores TERM, so it is killed after the timeout. Stopping a container that is not running does
    /// nothing (the API's 304); the restart policy does not restart a stopped container.
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="timeoutSeconds"><c>-t</c>: seconds to wait; <see langword="null"/> takes the config's <c>StopTimeout</c>, then 10; negative waits for ever.</param>
    /// <param name="signal"><c>-s</c>: the signal; <see langword="null"/> takes the container's.</param>
    /// <param name="cancellationToken">Cancels the wait (the container keeps running).</param>
    /// <returns>A task completing when the container has exited.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>; <see cref="ErrorKind.InvalidArgument"/>
    /// <c>cannot stop container: web: Invalid signal: FOO</c> when <paramref name="signal"/> is not one and the container runs
    /// (moby daemon/stop.go; Docker answers 500), the container unchanged.</exception>
    public async Task StopAsync(string idOrName, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default)
    {
        Record(ContainerOperation.Stop, idOrName, ("timeout", timeoutSeconds?.ToString(CultureInfo.InvariantCulture)), ("signal", signal));
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        await rec.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopLockedAsync(rec, timeoutSeconds, signal, cancellationToken, idOrName).ConfigureAwait(false);
        }
        finally
        {
            rec.Gate.Release();
        }
    }

    private async Task StopLockedAsync(ContainerRecord rec, int? timeoutSeconds, string? signal, CancellationToken cancellationToken, string? idOrName = null)
    {
        SimulatedProcess? main;
        Task<ContainerWaitResult> exited;
        Signal stopSignal;
        lock (_gate)
        {
            // moby daemon/stop.go: a stopped container is a 304 whatever the signal; a running one checks -s before
            // anything changes ("cannot stop container: NAME: Invalid signal: X").
            if (!string.IsNullOrEmpty(signal) && !Signal.TryParse(signal, out _)
                && rec.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting)
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"cannot stop container: {idOrName ?? rec.Id}: Invalid signal: {signal}");
            }

            rec.ManuallyStopped = true;
            if (rec.Status == ContainerStatus.Restarting)
            {
                CancelRestart(rec);
                return;
            }

            main = rec.Main;
            if (main is null || rec.Status is not (ContainerStatus.Running or ContainerStatus.Paused))
            {
                return;
            }

            if (rec.Status == ContainerStatus.Paused)
            {
                rec.Status = ContainerStatus.Running;
            }

            exited = rec.NextExit.Task;
            stopSignal = StopSignalOf(rec, signal);
        }

        int timeout = timeoutSeconds ?? rec.Config.StopTimeout ?? 10;
        SendLogged(rec, main, stopSignal);
        if (timeout < 0)
        {
            await exited.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                await exited.WaitAsync(TimeSpan.FromSeconds(timeout), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                SendLogged(rec, main, Signal.Kill);
                await exited.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        lock (_gate)
        {
            Emit(rec, "stop");
        }
    }

    /// <summary>Sends a signal and logs moby's <c>kill</c> event (daemon/kill.go: <c>signal</c> as a number).</summary>
    private void SendLogged(ContainerRecord rec, SimulatedProcess main, Signal signal)
    {
        main.SendSignal(signal);
        lock (_gate)
        {
            Emit(rec, "kill", ("signal", signal.Number.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>moby daemon/kill.go: <c>signal.ParseSignal</c> takes any Go <c>Atoi</c> number but 0, then
    /// <c>ValidSignalForPlatform</c> refuses numbers outside Linux's 1-64.</summary>
    private static Signal ParseKillSignal(string signal)
    {
        if (int.TryParse(signal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n is not 0 and (< 1 or > 64))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"the linux daemon does not support signal {n.ToString(CultureInfo.InvariantCulture)}");
        }

        return Signal.Parse(signal);
    }

    private static Signal StopSignalOf(ContainerRecord rec, string? signal)
    {
        var text = string.IsNullOrEmpty(signal) ? rec.Config.StopSignal : signal;
        return string.IsNullOrEmpty(text) ? Signal.Term : Signal.Parse(text);
    }

    /// <summary>
    /// <c>docker kill</c>: sends a signal (default <c>SIGKILL</c>) to the main process (moby daemon/kill.go); with
    /// <c>SIGKILL</c> it waits for the exit. The stop signal or <c>SIGKILL</c> also cancels the restart policy.
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="signal"><c>-s</c>: a name (<c>TERM</c>, <c>SIGUSR1</c>) or number; <see langword="null"/> is <c>SIGKILL</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task completing when sent (and, for <c>SIGKILL</c>, when exited).</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>; <see cref="ErrorKind.Conflict"/> <c>Cannot kill container: x: container &lt;id&gt; is not running</c>;
    /// <see cref="ErrorKind.InvalidArgument"/> <c>the linux daemon does not support signal 65</c> for a number outside 1-64.</exception>
    /// <exception cref="FormatException">The signal is not one (<c>Invalid signal: X</c>, also for <c>0</c>).</exception>
    public async Task KillAsync(string idOrName, string? signal = null, CancellationToken cancellationToken = default)
    {
        Record(ContainerOperation.Kill, idOrName, ("signal", signal));
        var sig = signal is null ? Signal.Kill : ParseKillSignal(signal);
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        await rec.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SimulatedProcess? main;
            Task<ContainerWaitResult> exited;
            lock (_gate)
            {
                main = rec.Main;
                if (main is null || rec.Status is not (ContainerStatus.Running or ContainerStatus.Paused))
                {
                    throw ContainerErrors.CannotKill(idOrName, rec.Id);
                }

                if (sig == Signal.Kill || sig == StopSignalOf(rec, null))
                {
                    rec.ManuallyStopped = true;
                }

                if (sig == Signal.Kill && rec.Status == ContainerStatus.Paused)
                {
                    rec.Status = ContainerStatus.Running;
                }

                exited = rec.NextExit.Task;
            }

            SendLogged(rec, main, sig);
            if (sig == Signal.Kill)
            {
                await exited.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            rec.Gate.Release();
        }
    }

    /// <summary><c>docker restart</c>: <see cref="StopAsync"/> then <see cref="StartAsync"/> (moby daemon/restart.go); the restart count is not changed.</summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="timeoutSeconds">As <see cref="StopAsync"/>.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>A task completing once the container runs again.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="StartAsync"/>.</exception>
    /// <exception cref="ExecException">As <see cref="StartAsync"/>.</exception>
    public async Task RestartAsync(string idOrName, int? timeoutSeconds = null, CancellationToken cancellationToken = default)
    {
        Record(ContainerOperation.Restart, idOrName, ("timeout", timeoutSeconds?.ToString(CultureInfo.InvariantCulture)));
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        await rec.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopLockedAsync(rec, timeoutSeconds, null, cancellationToken).ConfigureAwait(false);
            StartLocked(rec, fromPolicy: false);
            lock (_gate)
            {
                Emit(rec, "restart");
            }
        }
        finally
        {
            rec.Gate.Release();
        }
    }

    /// <summary>
    /// <c>docker rm</c>: removes a container that is not running; with <paramref name="force"/> kills it first
    /// (moby daemon/delete.go). Its name is free again, its log and filesystem are gone; waiters on
    /// <see cref="WaitCondition.Removed"/> complete.
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix (echoed as given in errors).</param>
    /// <param name="force"><c>-f</c>.</param>
    /// <param name="cancellationToken">Cancels waiting for the container's turn.</param>
    /// <returns>A task completing when removed.</returns>
    /// <exception cref="DockerSimulatorException">
    /// As <see cref="Inspect(string)"/>; <see cref="ErrorKind.Conflict"/> <c>cannot remove container "x": container is running: stop the container before removing or force remove</c>
    /// (<c>container is paused and must be unpaused first</c> when paused), <c>removal of container x is already in progress</c>.
    /// </exception>
    public Task RemoveAsync(string idOrName, bool force = false, CancellationToken cancellationToken = default) =>
        RemoveAsync(idOrName, force, removeVolumes: false, cancellationToken);

    /// <summary>
    /// <c>docker rm [-f] [-v]</c>: as <see cref="RemoveAsync(string, bool, CancellationToken)"/>; the container's volume
    /// references are dropped, and with <paramref name="removeVolumes"/> (<c>-v</c>) its anonymous volumes (also those
    /// inherited through <c>--volumes-from</c>) that no other container uses are removed; named volumes always survive
    /// (SEMANTICS 4.8, moby daemon/mounts.go removeMountPoints).
    /// </summary>
    /// <param name="idOrName">A full ID, a name or a unique ID prefix (echoed as given in errors).</param>
    /// <param name="force"><c>-f</c>.</param>
    /// <param name="removeVolumes"><c>-v</c>.</param>
    /// <param name="cancellationToken">Cancels waiting for the container's turn.</param>
    /// <returns>A task completing when removed.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="RemoveAsync(string, bool, CancellationToken)"/>.</exception>
    public async Task RemoveAsync(string idOrName, bool force, bool removeVolumes, CancellationToken cancellationToken = default)
    {
        Record(ContainerOperation.Remove, idOrName, ("force", force ? "true" : null), ("volumes", removeVolumes ? "true" : null));
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        await RemoveRecordAsync(rec, idOrName, force, removeVolumes, cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveRecordAsync(ContainerRecord rec, string arg, bool force, bool removeVolumes, CancellationToken cancellationToken)
    {
        await rec.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SimulatedProcess? main;
            Task<ContainerWaitResult> exited;
            lock (_gate)
            {
                if (rec.Removed)
                {
                    if (force)
                    {
                        return;
                    }

                    throw ContainerErrors.NoSuchContainer(arg);
                }

                if (rec.Status == ContainerStatus.Removing)
                {
                    throw ContainerErrors.RemovalInProgress(rec.Id);
                }

                if (rec.IsRunningLike && !force)
                {
                    throw ContainerErrors.CannotRemove(arg, rec.State.StatusText);
                }

                rec.ManuallyStopped = true;
                CancelRestart(rec);
                main = rec.Main;
                exited = rec.NextExit.Task;
                rec.Status = main is null ? rec.Status : ContainerStatus.Running;
            }

            if (main is not null)
            {
                SendLogged(rec, main, Signal.Kill); // moby daemon/delete.go cleanupContainer: Kill, which logs kill (signal=9)
                await exited.ConfigureAwait(false);
            }

            lock (_gate)
            {
                rec.Status = ContainerStatus.Removing;
                rec.Removed = true;
                _byId.Remove(rec.Id);
                foreach (var a in rec.Attachments)
                {
                    Release(rec, a);
                }

                if (_byName.TryGetValue(rec.Name, out var owner) && ReferenceEquals(owner, rec))
                {
                    _byName.Remove(rec.Name);
                }

                DetachMounts(rec, removeVolumes);
                Emit(rec, "destroy");
                rec.RemovedWaiter.TrySetResult(new ContainerWaitResult(rec.ExitCode, NullIfEmpty(rec.Error)));
            }
        }
        finally
        {
            rec.Gate.Release();
        }
    }

    /// <summary>
    /// <c>docker run</c> without attach: create, start, wait for the exit (for <c>--rm</c>, for the removal), and
    /// the logs. A start failure removes an auto-remove container and rethrows.
    /// </summary>
    /// <param name="config">The container config.</param>
    /// <param name="hostConfig">The host config.</param>
    /// <param name="name">The name, or <see langword="null"/> for a random one.</param>
    /// <param name="cancellationToken">Cancels the wait (the container keeps running).</param>
    /// <returns>The ID, exit code and output.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Create"/> and <see cref="StartAsync"/>.</exception>
    /// <exception cref="ExecException">As <see cref="StartAsync"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ContainerRunResult> RunAsync(ContainerConfig config, HostConfig? hostConfig = null, string? name = null, CancellationToken cancellationToken = default)
    {
        var id = Create(config, hostConfig, name);
        ContainerRecord rec;
        Task<ContainerWaitResult> done;
        lock (_gate)
        {
            rec = _byId[id];
            done = rec.Host.AutoRemove ? rec.RemovedWaiter.Task : rec.NextExit.Task;
        }

        try
        {
            await StartAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (ExecException)
        {
            if (rec.Host.AutoRemove)
            {
                await RemoveRecordAsync(rec, id, force: true, removeVolumes: true, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        var result = await done.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ContainerRunResult(id, result.StatusCode, rec.LogText(LogStream.Stdout), rec.LogText(LogStream.Stderr));
    }
}
