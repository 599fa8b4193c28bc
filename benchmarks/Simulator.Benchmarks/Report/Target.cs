using Simulator.Benchmarks.Plotting;

namespace Simulator.Benchmarks.Report;

/// <summary>
/// One performance target of the issues, or one context figure: a benchmark case compared with its baseline in the same
/// run (same class, same parameters), as a ratio of mean times.
/// </summary>
/// <param name="Issue">The issue that sets it (e.g. <c>[B] #3</c>).</param>
/// <param name="What">What is measured, in words.</param>
/// <param name="Type">The benchmark class name.</param>
/// <param name="Method">The measured method.</param>
/// <param name="Baseline">The baseline method of the same class, measured in the same run.</param>
/// <param name="Parameters">The case's parameters (<c>Name=value</c>, <c>&amp;</c>-separated), or <see langword="null"/>.</param>
/// <param name="AtMost">The largest ratio that meets the target, or <see langword="null"/> for a context figure.</param>
/// <param name="TargetText">The target as the issue words it.</param>
internal sealed record Target(string Issue, string What, string Type, string Method, string Baseline, string? Parameters, double? AtMost, string TargetText)
{
    /// <summary>Every target of issues [A]-[K] that a benchmark measures, and the context figures shown beside them.</summary>
    public static IReadOnlyList<Target> All { get; } =
    [
        new("[A] #2", "`ImageReference.Parse` of 5 typical references", "ReferenceParseBenchmarks", "ImageReferenceParse", "RegexMatch", null, null, "microseconds per reference (issue: a BCL baseline in the same run)"),
        new("[A] #2", "`Digest.Compute` of 1 KiB", "DigestBenchmarks", "DigestCompute", "Sha256HashData", "Size=1024", 1.2, "≈ 1x `SHA256.HashData` (ours: ≤ 1.2)"),
        new("[A] #2", "`Digest.Compute` of 1 MiB", "DigestBenchmarks", "DigestCompute", "Sha256HashData", "Size=1048576", 1.2, "≈ 1x `SHA256.HashData` (ours: ≤ 1.2)"),
        new("[A] #2", "verified content-store write of 1 KiB (two hashes and a copy)", "DigestBenchmarks", "ContentStoreWriteVerified", "Sha256HashData", "Size=1024", 3.0, "≈ 2-3x `SHA256.HashData` (ours: two hashes and a copy)"),
        new("[B] #3", "`stat` of 16 paths in a 64-layer view vs a 1-layer view", "UnionLookupBenchmarks", "StatLayered", "StatOneLayer", "Layers=64", 1.2, "≤ 1.2"),
        new("[B] #3", "create a writable view on a 100,000-file image vs a 10-file image", "UnionCreateBenchmarks", "Create", "CreateOnTenFiles", "Files=100000", 1.5, "≤ 1.5"),
        new("[B] #3", "`chmod` (metadata copy-up) of a 64 MiB lower file vs a 1 KiB file", "UnionChmodBenchmarks", "ChmodSixtyFourMiB", "ChmodOneKiB", null, 1.5, "≤ 1.5"),
        new("[B] #3", "`docker diff` + commit of 10 changes on a 100,000-file image vs a 1,000-file image", "UnionCommitBenchmarks", "DiffAndCommitOnFiles", "DiffAndCommitOnThousandFiles", "Files=100000", 2.0, "≤ 2"),
        new("[B] #3", "write 10,000 files through the `IFileSystem` adapter vs TestableIO `MockFileSystem`", "FileSystemAdapterBenchmarks", "Write_UnionAdapter", "Write_MockFileSystem", "Files=10000", 1.0, "faster than `MockFileSystem` (ours: < 1)"),
        new("[B] #3", "read 10,000 files through the adapter vs `MockFileSystem`", "FileSystemAdapterBenchmarks", "Read_UnionAdapter", "Read_MockFileSystem", "Files=10000", 1.0, "ours: < 1"),
        new("[B] #3", "enumerate 10,000 files through the adapter vs `MockFileSystem`", "FileSystemAdapterBenchmarks", "Enumerate_UnionAdapter", "Enumerate_MockFileSystem", "Files=10000", 1.0, "ours: < 1"),
        new("[C] #4", "pull alpine into an empty engine vs a pull of an image already present", "StockPullBenchmarks", "PullIntoEmptyEngine", "PullUpToDate", null, null, "microseconds (no numeric target)"),
        new("[E] #6", "`run alpine echo hello` end to end (create, start, wait, logs, remove) vs building a `MockFileSystem` of alpine", "ContainerRunBenchmarks", "Run", "MockFileSystemWithAlpineTree", null, 0.1, "≤ 0.1"),
        new("[E] #6", "one `docker create alpine sh` in a 1,000-container fleet vs building a `MockFileSystem` of alpine", "ContainerFleetBenchmarks", "CreateFleet", "MockFileSystemWithAlpineTree", null, 0.1, "≤ 0.1"),
        new("[G] #8", "fully cached rebuild of `FROM alpine` + 20 instructions vs the same build with `--no-cache`", "BuildBenchmarks", "Cached", "Cold", "Steps=20", 0.02, "≤ 0.02"),
        new("[H] #9", "`docker ps --format` over 1,000 rows through `GoTemplate` vs the same lines built by hand", "GoTemplateBenchmarks", "PsTemplate", "PsByHand", "Rows=1000", null, "no numeric target in the issues"),
        new("[J] #11", "create + start + wait + remove of `alpine true` through Docker.DotNet on the in-process transport vs the same calls on `ContainerStore`", "EngineApiRunBenchmarks", "ThroughDockerDotNet", "Direct", null, null, "the adapter's overhead as a ratio (no numeric target)"),
        new("[K] #12", "`run alpine echo hello` among 10,000 idle containers vs in an empty engine", "ContainerGrowthBenchmarks", "RunAmongContainers", "RunInEmptyEngine", "Containers=10000", 1.5, "flat in the containers held (ours: ≤ 1.5)"),
    ];

    /// <summary>Whether <paramref name="result"/> is this target's measured case.</summary>
    public bool IsMeasured(BenchmarkResult result) => Matches(result, Method);

    /// <summary>Whether <paramref name="result"/> is this target's baseline case.</summary>
    public bool IsBaseline(BenchmarkResult result) => Matches(result, Baseline);

    private bool Matches(BenchmarkResult result, string method)
    {
        if (result.Type != Type || result.Method != method)
        {
            return false;
        }

        foreach (var pair in (Parameters ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (!result.Parameters.TryGetValue(pair[..eq], out var value) || value != pair[(eq + 1)..])
            {
                return false;
            }
        }

        return true;
    }
}
