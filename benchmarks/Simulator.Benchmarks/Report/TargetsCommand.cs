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
/// skips it). A case a Dry job measured is shown but never judged. Exit code 0 when every measured target holds, 1 when
/// one misses or the results cannot be read, 2 on a bad argument, 3 when no target was measured by a real job (only Dry
/// results, or none of the targets' classes ran).
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
                case "--results":
                    Console.Error.WriteLine("targets: --results needs a directory");
                    Console.Error.WriteLine("usage: targets [--results DIR] [--no-memory]");
                    return 2;
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
        var report = Render(read, retained, results);
        output.Write(report.Text);
        return report.Missed > 0 ? 1 : report.Measured == 0 ? 3 : 0;
    }

    /// <summary>What <see cref="Render"/> wrote and counted.</summary>
    /// <param name="Text">The Markdown: a line naming the results, the table, a closing count line.</param>
    /// <param name="Measured">Targets with a numeric limit measured by a real (not Dry) job, the memory row included.</param>
    /// <param name="Missed">Of those, how many missed.</param>
    internal sealed record Report(string Text, int Measured, int Missed);

    /// <summary>
    /// The report: which runs and jobs the results come from, the table, and a closing line counting what holds, what
    /// misses, what has no numeric target, what a Dry job measured (one cold invocation: shown, never judged) and what is
    /// not in the results.
    /// </summary>
    public static Report Render(IReadOnlyList<BenchmarkResult> results, long? retainedBytesPerContainer, string source = "")
    {
        var sb = new StringBuilder();
        var jobs = results.Select(r => r.Job.Length == 0 ? "?" : r.Job).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var stamps = results.Select(r => Stamp(r.Run)).Where(t => t.Length > 0).Order(StringComparer.Ordinal).ToList();
        sb.Append(CultureInfo.InvariantCulture, $"Results{(source.Length > 0 ? $" in `{source}`" : "")}: {results.Select(r => r.Run).Distinct(StringComparer.Ordinal).Count()} run(s), job(s) {string.Join(", ", jobs)}");
        sb.Append(stamps.Count > 0 ? $", {stamps[0]} to {stamps[^1]}.\n\n" : ".\n\n");
        sb.Append("| issue | what | measured: ratio of means (mean vs baseline's; allocated) | target | holds |\n");
        sb.Append("|---|---|---|---|---|\n");
        int holdsCount = 0, missed = 0, context = 0, dry = 0, absent = 0;
        foreach (var target in Target.All)
        {
            var measured = results.FirstOrDefault(target.IsMeasured);
            var baseline = results.FirstOrDefault(target.IsBaseline);
            string figure, holds;
            if (measured is null || baseline is null || baseline.MeanNanoseconds <= 0)
            {
                figure = measured is null ? "not in these results" : $"baseline `{target.Baseline}` not in these results";
                holds = "-";
                absent++;
            }
            else
            {
                var ratio = measured.MeanNanoseconds / baseline.MeanNanoseconds;
                figure = $"{Ratio(ratio)} ({Time(measured.MeanNanoseconds)} vs {Time(baseline.MeanNanoseconds)}{Allocation(measured, baseline)})";
                if (measured.IsDry || baseline.IsDry)
                {
                    holds = "dry run: not a measurement";
                    dry++;
                }
                else if (target.AtMost is not { } limit)
                {
                    holds = "no numeric target";
                    context++;
                }
                else if (ratio <= limit)
                {
                    holds = "yes";
                    holdsCount++;
                }
                else
                {
                    holds = string.Create(CultureInfo.InvariantCulture, $"**no**: {((ratio / limit) - 1) * 100:0}% over");
                    missed++;
                }
            }

            sb.Append(CultureInfo.InvariantCulture, $"| {target.Issue} | {target.What} | {figure} | {target.TargetText} | {holds} |\n");
        }

        if (retainedBytesPerContainer is { } retained)
        {
            var ok = retained <= IdleContainerBytes;
            if (ok)
            {
                holdsCount++;
            }
            else
            {
                missed++;
            }

            sb.Append(CultureInfo.InvariantCulture,
                $"| [E] #6 | an idle container's own memory (1,000 `docker create alpine sh`, `GC.GetTotalMemory` after a full collection; measured now) | {retained:N0} B per container | ≤ 4 KiB ({IdleContainerBytes:N0} B) | {(ok ? "yes" : "**no**")} |\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"\n{holdsCount} hold, {missed} miss, {context} without a numeric target, {dry} from a dry run, {absent} not in these results.\n");
        return new Report(sb.ToString(), holdsCount + missed, missed);
    }

    // "Namespace.Class-20261129-191915" -> "2026-11-29 19:19".
    private static string Stamp(string run)
    {
        if (run.Length < 16 || run[^7] != '-' || !DateTime.TryParseExact(run[^15..], "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return string.Empty;
        }

        return at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
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
