using System.Globalization;
using System.Text.Json;

namespace Simulator.Benchmarks.Plotting;

/// <summary>One measured case of a BenchmarkDotNet run: class, method, parameters, mean time and allocation.</summary>
/// <param name="Type">The benchmark class name (e.g. <c>UnionCreateBenchmarks</c>).</param>
/// <param name="Method">The benchmark method name.</param>
/// <param name="Parameters">Parameter name → value as BenchmarkDotNet printed it (e.g. <c>Files</c> → <c>10000</c>).</param>
/// <param name="MeanNanoseconds">Mean time per operation, in nanoseconds.</param>
/// <param name="AllocatedBytes">Bytes allocated per operation, when the run used <c>[MemoryDiagnoser]</c>.</param>
internal sealed record BenchmarkResult(string Type, string Method, IReadOnlyDictionary<string, string> Parameters, double MeanNanoseconds, double? AllocatedBytes)
{
    /// <summary>The job that measured the case (<c>ShortRun</c>, <c>Dry</c>, <c>DefaultJob</c>, ...); <c>""</c> when the report does not say.</summary>
    public string Job { get; init; } = string.Empty;

    /// <summary>The run's title (<c>Namespace.Class-yyyyMMdd-HHmmss</c>, local time of the run) from a JSON report; <c>""</c> from CSV.</summary>
    public string Run { get; init; } = string.Empty;

    /// <summary>Whether a Dry job measured it: one cold invocation, not a measurement.</summary>
    public bool IsDry => Job.Equals("Dry", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads BenchmarkDotNet's full JSON report (<c>*-report-full.json</c>, <c>JsonExporter.Full</c>).</summary>
    public static IEnumerable<BenchmarkResult> FromJson(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var title = doc.RootElement.TryGetProperty("Title", out var t) ? t.GetString() ?? string.Empty : string.Empty;
        foreach (var b in doc.RootElement.GetProperty("Benchmarks").EnumerateArray())
        {
            if (!b.TryGetProperty("Statistics", out var stats) || stats.ValueKind != JsonValueKind.Object)
            {
                continue; // a case that failed has no statistics
            }

            double? allocated = b.TryGetProperty("Memory", out var mem) && mem.ValueKind == JsonValueKind.Object
                && mem.TryGetProperty("BytesAllocatedPerOperation", out var bytes) && bytes.ValueKind == JsonValueKind.Number
                ? bytes.GetDouble() : null;
            yield return new BenchmarkResult(
                b.GetProperty("Type").GetString() ?? "?",
                b.GetProperty("Method").GetString() ?? "?",
                ParseParameters(b.TryGetProperty("Parameters", out var p) ? p.GetString() : null),
                stats.GetProperty("Mean").GetDouble(),
                allocated)
            {
                Job = JobOf(b.TryGetProperty("DisplayInfo", out var info) ? info.GetString() : null),
                Run = title,
            };
        }
    }

    /// <summary>
    /// Reads BenchmarkDotNet's CSV report (<c>*-report.csv</c>): the <c>Method</c> and <c>Mean</c> columns (with their
    /// unit, ns/μs/us/ms/s), <c>Allocated</c> (B/KB/MB/GB), and as parameters the columns between the job columns and <c>Mean</c>.
    /// The class name comes from the file name (<c>Namespace.Class-report.csv</c>).
    /// </summary>
    public static IEnumerable<BenchmarkResult> FromCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length < 2)
        {
            yield break;
        }

        var header = SplitCsv(lines[0]);
        var method = Array.IndexOf(header, "Method");
        var mean = Array.IndexOf(header, "Mean");
        var allocated = Array.IndexOf(header, "Allocated");
        var job = Array.IndexOf(header, "Job");
        if (method < 0 || mean < 0)
        {
            yield break;
        }

        var paramColumns = Enumerable.Range(0, mean).Where(i => i != method && !JobColumns.Contains(header[i])).ToList();
        var name = Path.GetFileName(path);
        name = name[..name.IndexOf("-report", StringComparison.Ordinal)];
        var type = name[(name.LastIndexOf('.') + 1)..];
        foreach (var line in lines.Skip(1))
        {
            var cells = SplitCsv(line);
            if (cells.Length <= mean || !TryParseTime(cells[mean], out var ns))
            {
                continue;
            }

            var parameters = paramColumns.ToDictionary(i => header[i], i => cells[i], StringComparer.Ordinal);
            double? bytes = allocated >= 0 && allocated < cells.Length && TryParseBytes(cells[allocated], out var b) ? b : null;
            yield return new BenchmarkResult(type, cells[method], parameters, ns, bytes) { Job = job >= 0 && job < cells.Length ? cells[job] : string.Empty };
        }
    }

    /// <summary>Reads every <c>*-report-full.json</c> in <paramref name="directory"/>, or failing that every <c>*-report.csv</c>.</summary>
    /// <exception cref="InvalidDataException">A report is not BenchmarkDotNet's (truncated JSON, no <c>Benchmarks</c> array...): the message names the file.</exception>
    public static IReadOnlyList<BenchmarkResult> FromDirectory(string directory)
    {
        var json = Directory.GetFiles(directory, "*-report-full.json");
        if (json.Length > 0)
        {
            return [.. json.Order(StringComparer.Ordinal).SelectMany(f => Read(f, FromJson))];
        }

        return [.. Directory.GetFiles(directory, "*-report.csv").Order(StringComparer.Ordinal).SelectMany(f => Read(f, FromCsv))];
    }

    private static List<BenchmarkResult> Read(string path, Func<string, IEnumerable<BenchmarkResult>> reader)
    {
        try
        {
            return [.. reader(path)];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"'{path}' is not a BenchmarkDotNet report: {e.Message}", e);
        }
    }

    // Columns BenchmarkDotNet writes for the job, not for [Params].
    private static readonly HashSet<string> JobColumns = new(StringComparer.Ordinal)
    {
        "Job", "AnalyzeLaunchVariance", "EvaluateOverhead", "MaxAbsoluteError", "MaxRelativeError", "MinInvokeCount", "MinIterationTime",
        "OutlierMode", "Affinity", "EnvironmentVariables", "Jit", "LargeAddressAware", "Platform", "PowerPlanMode", "Runtime",
        "AllowVeryLargeObjects", "Concurrent", "CpuGroups", "Force", "HeapAffinitizeMask", "HeapCount", "NoAffinitize",
        "RetainVm", "Server", "Arguments", "BuildConfiguration", "Clock", "EngineFactory", "NuGetReferences", "Toolchain",
        "IsMutator", "InvocationCount", "IterationCount", "IterationTime", "LaunchCount", "MaxIterationCount", "MaxWarmupIterationCount",
        "MemoryRandomization", "MinIterationCount", "MinWarmupIterationCount", "RunStrategy", "UnrollFactor", "WarmupCount", "Categories",
    };

    // "Class.Method: ShortRun(Toolchain=..., ...) [Files=10]" -> "ShortRun".
    private static string JobOf(string? displayInfo)
    {
        if (displayInfo is null)
        {
            return string.Empty;
        }

        var colon = displayInfo.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0)
        {
            return string.Empty;
        }

        var rest = displayInfo[(colon + 2)..];
        var end = rest.IndexOfAny(['(', ' ']);
        return end < 0 ? rest : rest[..end];
    }

    private static Dictionary<string, string> ParseParameters(string? text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            return result;
        }

        foreach (var pair in text.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result[pair[..eq]] = pair[(eq + 1)..];
            }
        }

        return result;
    }

    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if ((c == ',' || c == ';') && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    /// <summary>Parses a BenchmarkDotNet time cell such as <c>1,234.5 ns</c> or <c>12.3 μs</c> into nanoseconds.</summary>
    public static bool TryParseTime(string cell, out double nanoseconds)
    {
        var (value, unit) = Split(cell);
        var scale = unit switch
        {
            "ns" => 1.0,
            "μs" or "µs" or "us" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            _ => double.NaN,
        };
        nanoseconds = value * scale;
        return !double.IsNaN(nanoseconds);
    }

    private static bool TryParseBytes(string cell, out double bytes)
    {
        var (value, unit) = Split(cell);
        var scale = unit switch
        {
            "B" => 1.0,
            "KB" => 1024.0,
            "MB" => 1024.0 * 1024,
            "GB" => 1024.0 * 1024 * 1024,
            _ => double.NaN,
        };
        bytes = value * scale;
        return !double.IsNaN(bytes);
    }

    private static (double Value, string Unit) Split(string cell)
    {
        var parts = cell.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0].Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return (double.NaN, string.Empty);
        }

        return (v, parts[1]);
    }
}
