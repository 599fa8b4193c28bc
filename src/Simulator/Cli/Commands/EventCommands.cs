using Simulator.Cli.CommandLine;
using Simulator.Cli.Formatting;
using Simulator.Events;

namespace Simulator.Cli.Commands;

/// <summary><c>docker events</c> (docker/cli v28.2.2 cli/command/system/events.go): one line per event until <c>--until</c> or cancellation.</summary>
internal static class EventCommands
{
    public static async Task<int> EventsAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        var now = inv.Engine.TimeProvider.GetUtcNow();
        var query = new EventQuery
        {
            Since = f.String("since") is { Length: > 0 } since ? TimeArg.Parse(since, now, "since") : null,
            Until = f.String("until") is { Length: > 0 } until ? TimeArg.Parse(until, now, "until") : null,
            Filters = f.List("filter").ToList(),
        };
        var format = f.String("format");
        Templates.GoTemplate? template = null;
        if (!string.IsNullOrEmpty(format) && format != "json")
        {
            template = TableFormatter.Parse(format);
        }

        try
        {
            await foreach (var e in inv.Engine.Containers.Events.SubscribeAsync(query, inv.CancellationToken).ConfigureAwait(false))
            {
                if (format == "json")
                {
                    inv.Out.WriteLine(TableFormatter.GoJsonOf(e));
                }
                else if (template is not null)
                {
                    inv.Out.WriteLine(TableFormatter.Execute(template, e));
                }
                else
                {
                    inv.Out.Write(e.Format().EndsWith('\n') ? e.Format() : e.Format() + "\n");
                }
            }
        }
        catch (OperationCanceledException) when (inv.CancellationToken.IsCancellationRequested)
        {
        }
        catch (DockerSimulatorException ex)
        {
            throw new CliError("Error response from daemon: " + ex.Message);
        }

        return 0;
    }
}
