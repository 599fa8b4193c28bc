using System.Net;
using Simulator;
using Simulator.EngineApi;

namespace Simulator.Cli;

/// <summary>
/// <c>dsim serve --socket PATH | --tcp 127.0.0.1:PORT [--seed N]</c>: serves one simulated engine's Docker Engine API
/// until Ctrl-C, so <c>DOCKER_HOST=unix://PATH docker ...</c>, Docker.DotNet or Testcontainers can use it.
/// </summary>
internal static class ServeCommand
{
    public const string Usage = """
        Usage:  dsim serve (--socket PATH | --tcp ADDRESS:PORT) [--seed N]

        Serve a simulated Docker engine's API (API 1.50, as Docker 28.2) until interrupted.

        Options:
          --socket PATH        Listen on a Unix socket (DOCKER_HOST=unix://PATH)
          --tcp ADDRESS:PORT   Listen on TCP, e.g. 127.0.0.1:2375 (DOCKER_HOST=tcp://ADDRESS:PORT)
          --seed N             Seed for IDs, names and ports (default 0)
        """;

    /// <summary>Runs the command; returns the exit code (2 for usage errors).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string? socket = null, tcp = null;
        int seed = 0;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--socket" when i + 1 < args.Count:
                    socket = args[++i];
                    break;
                case "--tcp" when i + 1 < args.Count:
                    tcp = args[++i];
                    break;
                case "--seed" when i + 1 < args.Count && int.TryParse(args[i + 1], out var s):
                    seed = s;
                    i++;
                    break;
                case "-h" or "--help":
                    await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                default:
                    await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 2;
            }
        }

        if ((socket is null) == (tcp is null))
        {
            await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        IPEndPoint? endpoint = null;
        if (tcp is not null && !IPEndPoint.TryParse(tcp, out endpoint))
        {
            await stderr.WriteLineAsync($"invalid --tcp address: {tcp}").ConfigureAwait(false);
            return 2;
        }

        var engine = new DockerSimulator(new DockerSimulatorOptions { Seed = seed });
        // Published ports are also forwarded on real loopback TCP, so `curl localhost:8080` reaches a simulated nginx.
        using var handler = new PublishedPortForwarder(new EngineApiHandler(engine));
        await using var server = socket is not null ? EngineApiServer.ListenUnix(handler, socket) : EngineApiServer.ListenTcp(handler, endpoint!);
        var host = server.Endpoint.Scheme == "unix" ? "unix://" + server.Endpoint.AbsolutePath : server.Endpoint.ToString().TrimEnd('/');
        await stdout.WriteLineAsync($"Serving the Docker Engine API on {host} (export DOCKER_HOST={host})").ConfigureAwait(false);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C.
        }

        return 0;
    }

    /// <summary>Runs until Ctrl-C or SIGTERM.</summary>
    public static async Task<int> RunUntilInterruptedAsync(IReadOnlyList<string> args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            cts.Cancel();
        });
        return await RunAsync(args, Console.Out, Console.Error, cts.Token).ConfigureAwait(false);
    }
}
