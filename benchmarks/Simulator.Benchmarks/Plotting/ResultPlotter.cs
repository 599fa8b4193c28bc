using System.Globalization;
using ScottPlot;

namespace Simulator.Benchmarks.Plotting;

/// <summary>
/// Turns BenchmarkDotNet results into plots of cost against work size (ScottPlot 5): one chart per benchmark class
/// that has a numeric parameter, the parameter on the x axis, mean time on the y axis, one line per method (and per
/// value of any other parameter). Axes are logarithmic when the values span two decades or more; a linear time axis starts at zero.
/// </summary>
internal static class ResultPlotter
{
    /// <summary>Writes <c>Class.png</c> and/or <c>Class.svg</c> into <paramref name="outDirectory"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Plot(IReadOnlyList<BenchmarkResult> results, string outDirectory, bool png, bool svg, int width = 800, int height = 500)
    {
        Directory.CreateDirectory(outDirectory);
        var written = new List<string>();
        foreach (var group in results.GroupBy(r => r.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var axis = NumericParameter(group.ToList());
            if (axis is null)
            {
                continue;
            }

            var plot = Build(group.Key, axis, group.ToList());
            var stem = Path.Combine(outDirectory, group.Key);
            if (png)
            {
                plot.SavePng(stem + ".png", width, height);
                written.Add(stem + ".png");
            }

            if (svg)
            {
                plot.SaveSvg(stem + ".svg", width, height);
                written.Add(stem + ".svg");
            }
        }

        return written;
    }

    /// <summary>The first parameter whose values are all numbers and take at least two values, or null.</summary>
    public static string? NumericParameter(IReadOnlyList<BenchmarkResult> results) =>
        results.SelectMany(r => r.Parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .FirstOrDefault(name => results.All(r => r.Parameters.TryGetValue(name, out var v) && TryNumber(v, out _))
                && results.Select(r => r.Parameters[name]).Distinct(StringComparer.Ordinal).Count() >= 2);

    private static Plot Build(string title, string axis, IReadOnlyList<BenchmarkResult> results)
    {
        var plot = new Plot();
        var xs = results.Select(r => X(r, axis)).ToList();
        var ys = results.Select(r => r.MeanNanoseconds).ToList();
        var logX = xs.Min() > 0 && xs.Max() / xs.Min() >= 100;
        var logY = ys.Min() > 0 && ys.Max() / ys.Min() >= 100;
        var (unit, scale) = TimeUnit(logY ? ys.Min() : ys.Average());

        var series = results.GroupBy(r => SeriesName(r, axis)).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var s in series)
        {
            var points = s.OrderBy(r => X(r, axis)).ToList();
            double[] x = [.. points.Select(r => logX ? Math.Log10(X(r, axis)) : X(r, axis))];
            double[] y = [.. points.Select(r => logY ? Math.Log10(r.MeanNanoseconds / scale) : r.MeanNanoseconds / scale)];
            var scatter = plot.Add.Scatter(x, y);
            scatter.LegendText = s.Key;
            scatter.MarkerSize = 7;
            scatter.LineWidth = 2;
        }

        plot.Title(title);
        plot.XLabel(axis + (logX ? " (log scale)" : string.Empty));
        plot.YLabel($"mean time per operation ({unit}{(logY ? ", log scale" : string.Empty)})");
        if (logX)
        {
            plot.Axes.Bottom.TickGenerator = LogTicks();
        }

        if (logY)
        {
            plot.Axes.Left.TickGenerator = LogTicks();
        }
        else
        {
            // A linear time axis starts at zero, so run-to-run noise on a flat curve does not look like growth.
            plot.Axes.SetLimitsY(0, ys.Max() / scale * 1.1);
        }

        plot.ShowLegend(Edge.Right); // beside the plot: inside it hid the first points
        return plot;
    }

    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => Math.Pow(10, v).ToString("#,0.###", CultureInfo.InvariantCulture),
    };

    private static string SeriesName(BenchmarkResult r, string axis)
    {
        var others = r.Parameters.Where(p => p.Key != axis).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}");
        var suffix = string.Join(", ", others);
        return suffix.Length == 0 ? r.Method : $"{r.Method} ({suffix})";
    }

    private static double X(BenchmarkResult r, string axis) => TryNumber(r.Parameters[axis], out var v) ? v : double.NaN;

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static (string Unit, double Scale) TimeUnit(double ns) => ns switch
    {
        >= 1e9 => ("s", 1e9),
        >= 1e6 => ("ms", 1e6),
        >= 1e3 => ("µs", 1e3),
        _ => ("ns", 1),
    };
}
