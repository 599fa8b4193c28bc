namespace Simulator.Cli.CommandLine;

/// <summary>
/// One flag of a command, as pflag defines it: long name, optional shorthand, value type (<c>bool</c> when the help shows
/// none), and for a deprecated flag pflag's message (<c>MarkDeprecated</c>: using it prints <c>Flag --x has been deprecated, ...</c>).
/// </summary>
internal sealed record FlagSpec(string Name, char? Shorthand, string Type, string? Deprecated = null)
{
    /// <summary>Whether the flag takes no value (<c>--rm</c>; <c>--rm=false</c> still allowed).</summary>
    public bool IsBool => Type == "bool";

    /// <summary>How pflag names the flag in errors: <c>-n, --last</c> or <c>--name</c>.</summary>
    public string Display => Shorthand is { } s ? $"-{s}, --{Name}" : "--" + Name;
}
