using System.Text;
using BenchmarkDotNet.Attributes;
using Simulator.Build;

namespace Simulator.Benchmarks.Build;

/// <summary>
/// <c>docker build</c> of a Dockerfile with <see cref="Steps"/> instructions after <c>FROM alpine</c> (alternating
/// RUN that writes a file, COPY of a context file, ENV), cold (<c>--no-cache</c>, the baseline) against a fully
/// cached rebuild in the same run. Target (issue [G]): for 20 instructions the cached rebuild costs at most 2% of the cold build.
/// </summary>
[MemoryDiagnoser]
public class BuildBenchmarks
{
    private DockerSimulator _engine = null!;
    private BuildRequest _request = null!;

    [ParamsSource(typeof(Growth), nameof(Growth.Steps))]
    public int Steps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = new DockerSimulator();
        _engine.PullAsync("alpine").GetAwaiter().GetResult();
        var fs = _engine.HostFileSystem;
        fs.Directory.CreateDirectory("/ctx");
        var df = new StringBuilder("FROM alpine\n");
        for (int i = 0; i < Steps; i++)
        {
            switch (i % 3)
            {
                case 0:
                    df.Append("RUN echo step").Append(i).Append(" > /s").Append(i).Append('\n');
                    break;
                case 1:
                    fs.File.WriteAllText("/ctx/f" + i, "file " + i);
                    df.Append("COPY f").Append(i).Append(" /app/\n");
                    break;
                default:
                    df.Append("ENV V").Append(i).Append('=').Append(i).Append('\n');
                    break;
            }
        }

        _request = new BuildRequest { ContextDirectory = "/ctx", Dockerfile = df.ToString(), Tags = ["bench"] };
        _engine.Builds.BuildAsync(_request).GetAwaiter().GetResult();
    }

    /// <summary>Baseline: every step runs (<c>--no-cache</c>).</summary>
    [Benchmark(Baseline = true)]
    public Task<BuildResult> Cold() => _engine.Builds.BuildAsync(_request with { NoCache = true });

    /// <summary>An unchanged rebuild: every layer step is <c>CACHED</c>.</summary>
    [Benchmark]
    public Task<BuildResult> Cached() => _engine.Builds.BuildAsync(_request);
}
