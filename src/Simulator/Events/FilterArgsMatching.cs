using Simulator.Volumes;

namespace Simulator.Events;

/// <summary>moby <c>api/types/filters.Args</c> matchers the volume filters did not need.</summary>
internal static class FilterArgsMatching
{
    /// <summary><c>Args.ExactMatch</c>: true when the key has no values or one equals <paramref name="source"/>.</summary>
    public static bool ExactMatch(this FilterArgs args, string key, string source)
    {
        var values = args.Get(key);
        return values.Count == 0 || values.Contains(source, StringComparer.Ordinal);
    }

    /// <summary><c>Args.FuzzyMatch</c>: true when the key has no values, or one equals or is a prefix of <paramref name="source"/>.</summary>
    public static bool FuzzyMatch(this FilterArgs args, string key, string source)
    {
        var values = args.Get(key);
        return values.Count == 0 || values.Any(v => source.StartsWith(v, StringComparison.Ordinal));
    }

    /// <summary><c>Args.Match</c> with Go's "no values matches everything".</summary>
    public static bool MatchOrEmpty(this FilterArgs args, string key, string source) =>
        args.Get(key).Count == 0 || args.Match(key, source);
}
