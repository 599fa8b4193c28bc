namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>
/// Runs every scenario against (a) the adapter over a fresh writable union view and (b) the real
/// System.IO.Abstractions FileSystem rooted in a fresh temp directory, and asserts the same result, the same
/// exception type and message (modulo the root), and the same tree afterwards.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AdapterConformanceTests
{
    private static readonly Lazy<Dictionary<string, Func<FsTarget, object?>>> Scenarios = new(() =>
    {
        var all = new Dictionary<string, Func<FsTarget, object?>>(StringComparer.Ordinal);
        foreach (var (name, run) in FileScenarios.All()
            .Concat(StreamScenarios.All())
            .Concat(DirectoryScenarios.All())
            .Concat(InfoScenarios.All())
            .Concat(PathScenarios.All())
            .Concat(MoreScenarios.All()))
        {
            all.Add(name, run);
        }

        return all;
    });

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Scenarios.Value.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Adapter_behaves_as_System_IO_on_Linux(string scenario)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The reference is System.IO on Linux.");
        var run = Scenarios.Value[scenario];
        string expected;
        using (var real = FsTarget.Real())
        {
            expected = ConformanceScenario.Run(real, run);
        }

        string actual;
        using (var union = FsTarget.Union())
        {
            actual = ConformanceScenario.Run(union, run);
        }

        if (Environment.GetEnvironmentVariable("IOFS_CONFORMANCE_DUMP") is { Length: > 0 } dump)
        {
            System.IO.File.AppendAllText(dump, $"### {scenario}\n{expected.Split('\n')[0]}\n");
        }

        if (expected != actual)
        {
            Assert.Fail($"System.IO on Linux:\n{expected}\n\nadapter:\n{actual}\n=== end ===");
        }
    }
}
