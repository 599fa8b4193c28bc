using Simulator.Cli.CommandLine;
using Simulator.Containers;
using Simulator.Processes;

namespace Simulator.Cli.Commands;

/// <summary>Attached runs: <c>docker run</c> without <c>-d</c>, <c>docker attach</c>, <c>docker start -a</c> (run.go, attach.go, start.go).</summary>
internal static partial class ContainerCommands
{
    /// <summary>Create, attach, wait, start, stream until the end; the container's exit code (run.go runContainer).</summary>
    private static async Task<int> RunAttachedAsync(CliInvocation inv, ContainerConfig config, HostConfig host, string? name)
    {
        var store = inv.Engine.Containers;
        var id = store.Create(config, host, name);
        var attachment = await store.AttachAsync(id, new AttachOptions
        {
            Stdin = config.AttachStdin,
            Stdout = config.AttachStdout,
            Stderr = config.AttachStderr,
            DetachKeys = inv.Flags.String("detach-keys"),
        }, inv.CancellationToken).ConfigureAwait(false);
        var waited = store.WaitAsync(id, host.AutoRemove ? WaitCondition.Removed : WaitCondition.NextExit, inv.CancellationToken);
        try
        {
            await store.StartAsync(id, inv.CancellationToken).ConfigureAwait(false);
        }
        catch (DockerSimulatorException)
        {
            await attachment.DisposeAsync().ConfigureAwait(false);
            if (host.AutoRemove)
            {
                await store.RemoveAsync(id, force: true, removeVolumes: true, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        bool detached;
        using (RawTerminal(inv, config.AttachStdin, config.Tty))
        {
            detached = await PumpAsync(inv, attachment, config.AttachStdin).ConfigureAwait(false);
        }

        if (detached)
        {
            return 0;
        }

        var result = await waited.ConfigureAwait(false);
        return result.StatusCode;
    }

    /// <summary>hijack.go setRawTerminal: with <c>-i</c> on a TTY and a real terminal, the terminal goes raw until the end.</summary>
    internal static IDisposable? RawTerminal(CliInvocation inv, bool stdin, bool tty) =>
        stdin && tty && inv.Streams.StdinIsTerminal ? inv.Streams.RawTerminal?.Invoke() : null;

    /// <summary>Copies stdin in and stdout/stderr out until the attachment ends; whether the client detached.</summary>
    private static async Task<bool> PumpAsync(CliInvocation inv, ContainerAttachment attachment, bool stdin)
    {
        var outTask = CopyOutAsync(attachment.Stdout, inv.Out);
        var errTask = CopyOutAsync(attachment.Stderr, inv.Err);
        if (stdin)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    var buffer = new byte[4096];
                    int n;
                    while ((n = await inv.Streams.Stdin.ReadAsync(buffer, inv.CancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await attachment.Stdin.WriteAsync(buffer.AsMemory(0, n), inv.CancellationToken).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    attachment.CloseStdin();
                }
            });
        }

        var done = await attachment.Completion.ConfigureAwait(false);
        await Task.WhenAll(outTask, errTask).ConfigureAwait(false);
        return done.Detached;
    }

    private static async Task CopyOutAsync(Stream from, CliWriter to)
    {
        var buffer = new byte[4096];
        int n;
        while ((n = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            to.WriteBytes(buffer.AsSpan(0, n));
        }
    }

    /// <summary><c>docker attach</c> (attach.go): refuses a stopped container; exits with the container's code.</summary>
    public static async Task<int> AttachAsync(CliInvocation inv)
    {
        var store = inv.Engine.Containers;
        var c = store.Inspect(inv.Args[0]);
        if (!c.State.Running)
        {
            throw new CliError("You cannot attach to a stopped container, start it first");
        }

        if (c.State.Paused)
        {
            throw new CliError("You cannot attach to a paused container, unpause it first");
        }

        if (c.State.Restarting)
        {
            throw new CliError("You cannot attach to a restarting container, wait until it is running");
        }

        bool stdin = !inv.Flags.Has("no-stdin") || !inv.Flags.Bool("no-stdin");
        stdin &= c.Config.OpenStdin;
        if (stdin && c.Config.Tty && !inv.Streams.StdinIsTerminal)
        {
            throw new CliError("the input device is not a TTY");
        }

        var waited = store.WaitAsync(c.Id, WaitCondition.NextExit, inv.CancellationToken);
        var attachment = await store.AttachAsync(c.Id, new AttachOptions { Stdin = stdin, DetachKeys = inv.Flags.String("detach-keys") }, inv.CancellationToken).ConfigureAwait(false);
        using (RawTerminal(inv, stdin, c.Config.Tty))
        {
            if (await PumpAsync(inv, attachment, stdin).ConfigureAwait(false))
            {
                return 0;
            }
        }

        return (await waited.ConfigureAwait(false)).StatusCode;
    }
}
