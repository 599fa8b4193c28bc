using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Simulator.Cli.CommandLine;

/// <summary>
/// The help texts of docker CLI 28.2.2 (<c>docker X --help</c>, captured from the real binary, 80 columns, non-TTY), embedded
/// as resources <c>Cli/Help/&lt;command-path&gt;.txt</c>, and the usage line and flags read from them.
/// </summary>
internal sealed partial class CommandHelp
{
    private static readonly ConcurrentDictionary<string, CommandHelp?> Cache = new(StringComparer.Ordinal);

    private CommandHelp(string text)
    {
        Text = text;
        // The usage may go on over tab-indented lines (cp's two forms): cobra's UseLine is all of it.
        var lines = text.Split('\n');
        var first = string.Join("\n", lines.TakeWhile((l, i) => i == 0 || l.StartsWith('\t')));
        UsageLine = first.StartsWith("Usage:  ", StringComparison.Ordinal) ? first["Usage:  ".Length..] : first;
        var flags = new List<FlagSpec>();
        bool inOptions = false;
        foreach (var line in text.Split('\n'))
        {
            if (line is "Options:" or "Global Options:")
            {
                inOptions = true;
                continue;
            }

            if (line.Length == 0 || !line.StartsWith(' '))
            {
                inOptions = false;
                continue;
            }

            if (!inOptions)
            {
                continue;
            }

            var m = FlagLine().Match(line);
            if (m.Success)
            {
                char? shorthand = m.Groups["s"].Success ? m.Groups["s"].Value[0] : null;
                flags.Add(new FlagSpec(m.Groups["l"].Value, shorthand, m.Groups["t"].Success ? m.Groups["t"].Value : "bool"));
            }
        }

        Flags = flags;
    }

    /// <summary>The whole help text, as printed to stdout by <c>--help</c>.</summary>
    public string Text { get; }

    /// <summary>The usage line without <c>Usage:  </c>, e.g. <c>docker run [OPTIONS] IMAGE [COMMAND] [ARG...]</c>.</summary>
    public string UsageLine { get; }

    /// <summary>The flags listed under <c>Options:</c>.</summary>
    public IReadOnlyList<FlagSpec> Flags { get; }

    /// <summary>Loads the help of a command path (<c>run</c>, <c>container-ls</c>, <c>docker</c> for the root).</summary>
    public static CommandHelp? Get(string key) => Cache.GetOrAdd(key, static k =>
    {
        using var stream = typeof(CommandHelp).Assembly.GetManifestResourceStream("Simulator.Cli.Help." + k + ".txt");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return new CommandHelp(reader.ReadToEnd());
    });

    [GeneratedRegex(@"^  (?:-(?<s>\S), |    )--(?<l>[a-z0-9-]+)(?: (?<t>[a-zA-Z0-9]+))?(?:  |$)", RegexOptions.CultureInvariant)]
    private static partial Regex FlagLine();
}
