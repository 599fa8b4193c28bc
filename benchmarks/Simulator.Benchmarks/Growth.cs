namespace Simulator.Benchmarks;

/// <summary>
/// Work sizes for the growth parameters (<c>[ParamsSource]</c>): files 10 to 100,000 and layers 1 to 128, each step ×10
/// (files) or ×2 (layers). In a dry run (<c>--job Dry</c>, as <c>.ci/run</c> does, or <c>SIMULATOR_BENCH_QUICK=1</c>) only the
/// smallest size runs, so CI stays fast while every benchmark method still executes once.
/// </summary>
internal static class Growth
{
    /// <summary>Whether only the smallest size of each parameter runs.</summary>
    public static bool Quick { get; set; }

    /// <summary>File counts: 10, 100, 1,000, 10,000, 100,000.</summary>
    public static IEnumerable<int> Files => From(10, 100_000, 10);

    /// <summary>Layer counts: 1, 2, 4, ..., 128.</summary>
    public static IEnumerable<int> Layers => From(1, 128, 2);

    /// <summary>Container counts already in the engine: 1, 10, 100, 1,000, 10,000.</summary>
    public static IEnumerable<int> Containers => From(1, 10_000, 10);

    /// <summary>Dockerfile instruction counts after <c>FROM</c>: 1, 2, 5, 10, 20, 50 (20 is issue [G]'s target size).</summary>
    public static IEnumerable<int> Steps => Quick ? [1] : [1, 2, 5, 10, 20, 50];

    /// <summary>File counts from <paramref name="min"/> up to <paramref name="max"/> (×10 steps).</summary>
    public static IEnumerable<int> FilesBetween(int min, int max) => From(min, max, 10);

    /// <summary>Whether the command line asks for BenchmarkDotNet's Dry job, or the environment asks for a quick run.</summary>
    public static bool IsQuickRun(string[] args)
    {
        if (Environment.GetEnvironmentVariable("SIMULATOR_BENCH_QUICK") == "1")
        {
            return true;
        }

        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] is "--job" or "-j" && args[i + 1].Equals("Dry", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<int> From(int min, int max, int factor)
    {
        if (Quick)
        {
            yield return min;
            yield break;
        }

        for (long n = min; n <= max; n *= factor)
        {
            yield return (int)n;
        }
    }
}
