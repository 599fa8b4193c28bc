using System.Text;
using Microsoft.Extensions.Time.Testing;
using Simulator.Cli;

namespace Simulator.Tests.Cli;

/// <summary>A fresh engine on a fake clock with a <see cref="DockerCli"/> over it.</summary>
internal sealed class CliFixture
{
    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public CliFixture(int seed = 1)
    {
        Time = new FakeTimeProvider(Start);
        Engine = new DockerSimulator(new DockerSimulatorOptions { TimeProvider = Time, Seed = seed });
        Cli = new DockerCli(Engine);
    }

    public FakeTimeProvider Time { get; }

    public DockerSimulator Engine { get; }

    public DockerCli Cli { get; }

    public static async Task<CliFixture> WithImagesAsync(params string[] images)
    {
        var f = new CliFixture();
        foreach (var image in images)
        {
            await f.Engine.PullAsync(image);
        }

        return f;
    }

    public Task<DockerCliResult> RunAsync(params string[] args) => Cli.RunAsync(args);

    /// <summary>
    /// Runs a command that may wait on the engine's clock (stop's grace period when the program has not yet installed its
    /// handler: PID 1 ignores the signal until then): while it is pending, the fake clock moves on a second at a time.
    /// </summary>
    public async Task<DockerCliResult> RunDrivenAsync(params string[] args)
    {
        var task = Cli.RunAsync(args);
        for (var i = 0; !task.IsCompleted && i < 600; i++)
        {
            await Task.WhenAny(task, Task.Delay(2, TestContext.Current.CancellationToken));
            if (!task.IsCompleted)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return await task;
    }

    public async Task<DockerCliResult> RunWithStdinAsync(string stdin, params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var code = await Cli.RunAsync(args, new DockerCliStreams(new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdout, stderr));
        return new DockerCliResult(code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }
}
