using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Simulator.Cli.Templates;

namespace Simulator.Benchmarks.Cli;

/// <summary>
/// <c>docker ps --format '{{.Names}} {{.Command}} {{.Status}}'</c> over <see cref="Rows"/> rows and
/// <c>docker inspect -f '{{.Config.Cmd}} {{json .Config.ExposedPorts}}'</c> on one container's JSON, through
/// <see cref="GoTemplate"/>, against the baseline of building the same text by hand (string concatenation, JSON lookups).
/// Target: microseconds per row.
/// </summary>
[MemoryDiagnoser]
public class GoTemplateBenchmarks
{
    private static readonly JsonElement Inspect = JsonDocument.Parse("""
        {"Id":"4f66ad9a0b2e","Config":{"Cmd":["nginx","-g","daemon off;"],"ExposedPorts":{"80/tcp":{}},"Labels":{"a":"1"}},
         "State":{"Status":"running","Pid":4242}}
        """).RootElement;

    private Row[] _rows = [];
    private GoTemplate _ps = null!;
    private GoTemplate _inspect = null!;

    /// <summary>Row counts, 1 to 1,000.</summary>
    public static IEnumerable<int> RowCounts => Growth.Quick ? [1] : [1, 10, 100, 1_000];

    /// <summary>Rows formatted.</summary>
    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rows = [.. Enumerable.Range(0, Rows).Select(i => new Row($"web{i}", "\"nginx -g 'daemon of…\"", $"Up {i} minutes"))];
        _ps = GoTemplate.Parse("{{.Names}} {{.Command}} {{.Status}}");
        _inspect = GoTemplate.Parse("{{.Config.Cmd}} {{json .Config.ExposedPorts}}");
    }

    /// <summary>Baseline: the ps lines by concatenation.</summary>
    [Benchmark(Baseline = true)]
    public int PsByHand()
    {
        var sb = new StringBuilder();
        foreach (var r in _rows)
        {
            sb.Append(r.Names).Append(' ').Append(r.Command).Append(' ').Append(r.Status).Append('\n');
        }

        return sb.Length;
    }

    /// <summary>The ps lines through the parsed template.</summary>
    [Benchmark]
    public int PsTemplate()
    {
        var sb = new StringBuilder();
        foreach (var r in _rows)
        {
            sb.Append(_ps.Execute(r)).Append('\n');
        }

        return sb.Length;
    }

    /// <summary>Parse plus one execution, as one <c>docker ps --format</c> call does before its rows.</summary>
    [Benchmark]
    public int ParseAndExecuteOnce() => GoTemplate.Parse("{{.Names}} {{.Command}} {{.Status}}").Execute(_rows[0]).Length;

    /// <summary><c>inspect -f</c> on one container's JSON (typed view, as docker/cli's TemplateInspector).</summary>
    [Benchmark]
    public int InspectTemplate() => _inspect.ExecuteInspect(Inspect).Length;

    /// <summary>A public row type, as docker/cli's formatter contexts are.</summary>
    public sealed record Row(string Names, string Command, string Status);
}
