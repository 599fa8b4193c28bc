using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Simulator.References;

namespace Simulator.Benchmarks.References;

/// <summary>
/// Parsing and normalising image references (<see cref="ImageReference.Parse"/>) against the BCL
/// baseline of one <see cref="Regex"/> match of the same strings with distribution/reference's grammar.
/// </summary>
[MemoryDiagnoser]
public class ReferenceParseBenchmarks
{
    private static readonly Regex ReferenceRegex = new(
        "^((?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?" +
        "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*)" +
        "(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}))?\\z",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private readonly string[] _inputs =
    [
        "alpine",
        "nginx:1.27-alpine",
        "localhost:5000/myadmin",
        "docker.io/library/postgres:16",
        "ghcr.io/org/team/app:v1.2.3@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c",
    ];

    /// <summary>BCL baseline: a compiled <see cref="Regex"/> match of each input.</summary>
    [Benchmark(Baseline = true)]
    public int RegexMatch()
    {
        int n = 0;
        foreach (var s in _inputs)
        {
            if (ReferenceRegex.Match(s).Success)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary><see cref="ImageReference.Parse"/> of each input, normalisation included.</summary>
    [Benchmark]
    public int ImageReferenceParse()
    {
        int n = 0;
        foreach (var s in _inputs)
        {
            n += ImageReference.Parse(s).Path.Length;
        }

        return n;
    }

    /// <summary><see cref="ImageReference.Parse"/> then <see cref="ImageReference.FamiliarString"/>, as <c>docker images</c> shows it.</summary>
    [Benchmark]
    public int ImageReferenceParseAndFamiliarString()
    {
        int n = 0;
        foreach (var s in _inputs)
        {
            n += ImageReference.Parse(s).FamiliarString.Length;
        }

        return n;
    }
}
