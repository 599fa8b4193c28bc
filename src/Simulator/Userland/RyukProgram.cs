using System.Globalization;
using Simulator.Processes;

namespace Simulator.Userland;

/// <summary>
/// The <c>/bin/ryuk</c> program of the stock <c>testcontainers/ryuk:0.14.0</c> image (<c>#!simulator ryuk</c>): logs its start
/// as ryuk does (slog text format on stdout: <c>msg=starting</c> with its settings, <c>msg=Started address=[::]:8080</c>, the line
/// Testcontainers waits for, <c>msg="client processing started"</c>) and runs until <c>SIGTERM</c> or <c>SIGINT</c>, then logs
/// <c>signal received</c> and <c>done</c> and exits 0 (testcontainers/moby-ryuk reaper.go, config.go).
/// </summary>
/// <remarks>
/// The reaper protocol itself (filter lines answered with <c>ACK</c>, pruning of the labelled containers, networks, volumes and
/// images once the last client has been gone for <c>RYUK_RECONNECTION_TIMEOUT</c>) needs a raw TCP port on the host, which the
/// simulated network does not carry: the Engine API's <see cref="EngineApi.PublishedPortForwarder"/> serves it on the published
/// host port of 8080 and signals this program when it has pruned. <c>RYUK_PORT</c> changes the port logged.
/// </remarks>
internal static class RyukProgram
{
    /// <summary>The program name (the marker <c>#!simulator ryuk</c>).</summary>
    public const string ProgramName = "ryuk";

    public static async Task<int> RunAsync(ProcessContext context)
    {
        var port = context.GetEnv("RYUK_PORT") is { Length: > 0 } p ? p : "8080";
        await LogAsync(context, "starting", "connection_timeout=1m0s reconnection_timeout=10s request_timeout=10s shutdown_timeout=10m0s remove_retries=10 retry_offset=-1s changes_retry_interval=1s port=" + port + " verbose=false").ConfigureAwait(false);
        await LogAsync(context, "Started", "address=[::]:" + port).ConfigureAwait(false);
        await LogAsync(context, "\"client processing started\"", "").ConfigureAwait(false);
        try
        {
            await context.WaitForSignalAsync(Signal.Term, Signal.Int).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return 137;
        }

        await LogAsync(context, "\"signal received\"", "clients=0 shutdown_timeout=10m0s").ConfigureAwait(false);
        await LogAsync(context, "\"client processing stopped\"", "").ConfigureAwait(false);
        await LogAsync(context, "done", "").ConfigureAwait(false);
        return 0;
    }

    /// <summary>One line of Go's slog.TextHandler: <c>time=2026-11-29T10:00:00.000Z level=INFO msg=... key=value</c>.</summary>
    private static Task LogAsync(ProcessContext context, string message, string fields)
    {
        var time = context.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);
        return context.WriteAsync("time=" + time + " level=INFO msg=" + message + (fields.Length > 0 ? " " + fields : "") + "\n");
    }
}
