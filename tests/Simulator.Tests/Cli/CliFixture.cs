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

    public async Task<DockerCliResult> RunWithStdinAsync(string stdin, params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var code = await Cli.RunAsync(args, new DockerCliStreams(new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdout, stderr));
        return new DockerCliResult(code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }
}
