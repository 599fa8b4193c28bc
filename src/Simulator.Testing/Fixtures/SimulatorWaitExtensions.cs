using System.Globalization;
using System.Text;
using Simulator.Containers;

namespace Simulator.Testing.Fixtures;

/// <summary>
/// Waits for a container's server to be up. <c>docker run -d</c> returns once the container is started, before its
/// program listens (as in real Docker), so a request sent at once is refused; this is the simulator's form of
/// Testcontainers' <c>Wait.ForUnixContainer().UntilPortIsAvailable(port)</c>.
/// </summary>
/// <remarks>Thread-safe. The wait does not move the engine's clock (times in snapshots stay as they were); it yields to the
/// container's start for at most a real-time bound, which is a hang guard, not a timing assertion.</remarks>
public static class SimulatorWaitExtensions
{
    /// <summary>The default real-time bound of <see cref="WaitForPortAsync"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Waits until something listens on published host port <paramref name="hostPort"/> (<c>localhost:PORT</c>), without
    /// sending a request (so nothing shows in the server's access log). Fails at once when no running container
    /// publishes the port, e.g. because its program exited.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="hostPort">The host port, e.g. 8080 for <c>-p 8080:80</c>.</param>
    /// <param name="timeout">Real-time bound; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the port accepts connections.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hostPort"/> is not 1 to 65535.</exception>
    /// <exception cref="InvalidOperationException">No running container publishes the port; the message lists the containers
    /// that do (or all of them) with their status and the last lines of their logs, e.g.
    /// <c>no running container publishes port 8080: /web exited (1) publishes 80/tcp on 8080; its last log lines: ...</c>.</exception>
    /// <exception cref="TimeoutException">A running container publishes the port but nothing listened within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task WaitForPortAsync(this DockerSimulator engine, int hostPort, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(hostPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hostPort, 65535);
        var limit = timeout ?? DefaultTimeout;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            if (engine.Network.IsListening("localhost", hostPort))
            {
                return;
            }

            var publishers = Publishers(engine, hostPort);
            if (!publishers.Any(c => c.State.Status is ContainerStatus.Running or ContainerStatus.Restarting))
            {
                // The listener may have come up while we looked at the containers.
                if (engine.Network.IsListening("localhost", hostPort))
                {
                    return;
                }

                throw new InvalidOperationException("no running container publishes port " + Number(hostPort) + Describe(engine, publishers, hostPort));
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException(
                    $"nothing listens on localhost:{Number(hostPort)} after {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s" + Describe(engine, publishers, hostPort));
            }

            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<Container> Publishers(DockerSimulator engine, int hostPort)
    {
        var port = Number(hostPort);
        return engine.Containers.List(all: true)
            .Where(c => PublishedFrom(c, port) is not null)
            .ToList();
    }

    private static string? PublishedFrom(Container c, string hostPort)
    {
        foreach (var (containerPort, bindings) in c.NetworkSettings.Ports)
        {
            if (bindings?.Any(b => b.HostPort == hostPort) == true)
            {
                return containerPort;
            }
        }

        // A stopped container's ports are gone from NetworkSettings (as docker inspect shows); its -p values remain.
        foreach (var binding in c.HostConfig.PortBindings)
        {
            var parts = binding.Split(':');
            if (parts.Length >= 2 && parts[^2] == hostPort)
            {
                return parts[^1].Contains('/', StringComparison.Ordinal) ? parts[^1] : parts[^1] + "/tcp";
            }
        }

        return null;
    }

    private static string Describe(DockerSimulator engine, List<Container> publishers, int hostPort)
    {
        if (publishers.Count == 0)
        {
            var all = engine.Containers.List(all: true).Select(c => c.Name + " " + Status(c)).Order(StringComparer.Ordinal).ToList();
            return all.Count == 0 ? " (no containers)" : " (containers: " + string.Join(", ", all) + ")";
        }

        var text = new StringBuilder();
        foreach (var c in publishers.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            text.Append(": ").Append(c.Name).Append(' ').Append(Status(c)).Append(" publishes ")
                .Append(PublishedFrom(c, Number(hostPort))).Append(" on ").Append(Number(hostPort));
            var logs = engine.Containers.LogsText(c.Id).TrimEnd('\n').Split('\n');
            if (logs is [_, ..] && logs[^1].Length > 0)
            {
                text.Append("; its last log lines: ").Append(string.Join(" | ", logs.TakeLast(3)));
            }
        }

        return text.ToString();
    }

    private static string Status(Container c) =>
        c.State.Status.ToString().ToLowerInvariant() + (c.State.Status == ContainerStatus.Exited ? " (" + Number(c.State.ExitCode) + ")" : "");

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
