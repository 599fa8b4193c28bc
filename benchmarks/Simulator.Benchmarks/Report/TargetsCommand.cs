using System.Globalization;
using System.Text;
using Simulator.Benchmarks.Containers;
using Simulator.Benchmarks.Plotting;

namespace Simulator.Benchmarks.Report;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Simulator.Benchmarks -- targets [--results DIR] [--no-memory]</c>: the
/// table of every target (<see cref="Target.All"/>) from the results of earlier runs (default
/// <c>BenchmarkDotNet.Artifacts/results</c>), as Markdown on standard output, plus the idle container's own memory,
/// measured on the spot (<see cref="ContainerFleetBenchmarks.MeasureRetainedBytesPerContainer"/>; <c>--no-memory</c>
/// skips it). Exit code 0 when every measured target holds, 1 when one misses or no results exist, 2 on a bad argument.
/// </summary>
internal static class TargetsCommand
{
    /// <summary>The idle container's target (issue [E]): at most 4 KiB of its own.</summary>
    public const long IdleContainerBytes = 4096;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var results = Path.Combine("BenchmarkDotNet.Artifacts", "results");
        var memory = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--results" when i + 1 < args.Length:
                    results = args[++i];
                    break;
                case "--no-memory":
                    memory = false;
                    break;
                default:
                    Console.Error.WriteLine($"targets: unknown argument '{args[i]}'");
                    Console.Error.WriteLine("usage: targets [--results DIR] [--no-memory]");
                    return 2;
            }
        }

        if (!Directory.Exists(results))
        {
            Console.Error.WriteLine($"targets: no results directory '{results}' (run the benchmarks first)");
            return 1;
        }

        IReadOnlyList<BenchmarkResult> read;
        try
        {
            read = BenchmarkResult.FromDirectory(results);
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"targets: {e.Message}");
            return 1;
        }

        if (read.Count == 0)
        {
            Console.Error.WriteLine($"targets: no benchmark results in '{results}' (no *-report-full.json or *-report.csv with measured cases)");
            return 1;
        }

        long? retained = memory ? ContainerFleetBenchmarks.MeasureRetainedBytesPerContainer() : null;
        var (table, missed) = Render(read, retained);
        output.Write(table);
        return missed ? 1 : 0;
    }

    /// <summary>The Markdown table, and whether a measured target missed.</summary>
    public static (string Table, bool Missed) Render(IReadOnlyList<BenchmarkResult> results, long? retainedBytesPerContainer)
    {
        var sb = new StringBuilder();
        sb.Append("| issue | what | measured: ratio (mean vs baseline's; allocated) | target | holds |\n");
        sb.Append("|---|---|---|---|---|\n");
        var missed = false;
        foreach (var target in Target.All)
        {
            var measured = results.FirstOrDefault(target.IsMeasured);
            var baseline = results.FirstOrDefault(target.IsBaseline);
            string figure, holds;
            if (measured is null || baseline is null || baseline.MeanNanoseconds <= 0)
            {
                figure = measured is null ? "not in these results" : $"baseline `{target.Baseline}` not in these results";
                holds = "-";
            }
            else
            {
                var ratio = measured.MeanNanoseconds / baseline.MeanNanoseconds;
                figure = $"{Ratio(ratio)} ({Time(measured.MeanNanoseconds)} vs {Time(baseline.MeanNanoseconds)}{Allocation(measured, baseline)})";
                if (target.AtMost is not { } limit)
                {
                    holds = "context";
                }
                else if (ratio <= limit)
                {
                    holds = "yes";
                }
                else
                {
                    holds = string.Create(CultureInfo.InvariantCulture, $"**no**: {((ratio / limit) - 1) * 100:0}% over");
                    missed = true;
                }
            }

            sb.Append(CultureInfo.InvariantCulture, $"| {target.Issue} | {target.What} | {figure} | {target.TargetText} | {holds} |\n");
        }

        if (retainedBytesPerContainer is { } retained)
        {
            var ok = retained <= IdleContainerBytes;
            missed |= !ok;
            sb.Append(CultureInfo.InvariantCulture,
                $"| [E] #6 | an idle container's own memory (1,000 `docker create alpine sh`, `GC.GetTotalMemory` after a full collection) | {retained:N0} B per container | ≤ 4 KiB ({IdleContainerBytes:N0} B) | {(ok ? "yes" : "**no**")} |\n");
        }

        return (sb.ToString(), missed);
    }

    private static string Ratio(double ratio) =>
        ratio.ToString(ratio < 0.1 ? "0.000" : ratio < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static string Allocation(BenchmarkResult measured, BenchmarkResult baseline) =>
        measured.AllocatedBytes is { } a && baseline.AllocatedBytes is { } b ? $"; {Bytes(a)} vs {Bytes(b)}" : string.Empty;

    /// <summary>A time in nanoseconds with three significant digits and BenchmarkDotNet's units.</summary>
    public static string Time(double ns) => ns switch
    {
        < 1e3 => Significant(ns) + " ns",
        < 1e6 => Significant(ns / 1e3) + " µs",
        < 1e9 => Significant(ns / 1e6) + " ms",
        _ => Significant(ns / 1e9) + " s",
    };

    /// <summary>A byte count in B, KB or MB (powers of 1,024, as BenchmarkDotNet's Allocated column).</summary>
    public static string Bytes(double bytes) => bytes switch
    {
        < 1024 => Significant(bytes) + " B",
        < 1024 * 1024 => Significant(bytes / 1024) + " KB",
        _ => Significant(bytes / (1024 * 1024)) + " MB",
    };

    private static string Significant(double v) =>
        v.ToString(v >= 100 ? "0" : v >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
