namespace Simulator.Benchmarks.Plotting;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Simulator.Benchmarks -- plot [--results DIR] [--out DIR] [--format png|svg|both]</c>:
/// reads the results of earlier runs (BenchmarkDotNet's <c>*-report-full.json</c>, else <c>*-report.csv</c>; default
/// <c>BenchmarkDotNet.Artifacts/results</c>) and writes one chart per class with a numeric parameter (default <c>benchmarks/plots</c>).
/// </summary>
internal static class PlotCommand
{
    /// <summary>Runs the command; returns the process exit code (0 when at least one chart was written).</summary>
    public static int Run(string[] args)
    {
        var results = Path.Combine("BenchmarkDotNet.Artifacts", "results");
        var output = Path.Combine("benchmarks", "plots");
        var format = "both";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--results" when i + 1 < args.Length:
                    results = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--format" when i + 1 < args.Length && args[i + 1] is "png" or "svg" or "both":
                    format = args[++i];
                    break;
                case "--results" or "--out" or "--format":
                    Console.Error.WriteLine(args[i] == "--format"
                        ? "plot: --format takes png, svg or both"
                        : $"plot: {args[i]} needs a directory");
                    Console.Error.WriteLine("usage: plot [--results DIR] [--out DIR] [--format png|svg|both]");
                    return 2;
                default:
                    Console.Error.WriteLine($"plot: unknown argument '{args[i]}'");
                    Console.Error.WriteLine("usage: plot [--results DIR] [--out DIR] [--format png|svg|both]");
                    return 2;
            }
        }

        if (!Directory.Exists(results))
        {
            Console.Error.WriteLine($"plot: no results directory '{results}' (run the benchmarks first)");
            return 1;
        }

        IReadOnlyList<BenchmarkResult> data;
        try
        {
            data = BenchmarkResult.FromDirectory(results);
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"plot: {e.Message}");
            return 1;
        }

        var written = ResultPlotter.Plot(data, output, png: format != "svg", svg: format != "png");
        foreach (var file in written)
        {
            Console.WriteLine(file);
        }

        if (written.Count == 0)
        {
            Console.Error.WriteLine($"plot: no benchmark class with a numeric parameter in '{results}' ({data.Count} results read)");
            return 1;
        }

        return 0;
    }
}
