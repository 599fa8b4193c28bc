using System.Text;

namespace Simulator.Userland.Apk;

/// <summary>
/// apk's command line as apk-tools 2.14.4 parses it (src/apk.c <c>deduce_applet</c> and <c>parse_options</c>): the applet is the
/// first argument that names one; the option groups are the applet's (<c>Global</c>, then <c>Commit</c> or <c>Source</c>, then the
/// applet's own), parsed by musl's <c>getopt_long</c> (options anywhere, <c>--</c> ends them, unique long prefixes).
/// </summary>
internal sealed class ApkOptions
{
    /// <summary>Every apk 2.14 applet name (the ones apk recognises, implemented here or not).</summary>
    public static readonly string[] Applets =
        ["add", "audit", "cache", "del", "dot", "fetch", "fix", "index", "info", "list", "manifest", "policy", "search", "stats", "update", "upgrade", "verify", "version"];

    private static readonly Lazy<List<(string Topic, string Text)>> HelpTopics = new(LoadHelp);

    private static readonly Option[] Global =
    [
        new("allow-untrusted"), new("arch", null, true), new("cache-dir", null, true), new("cache-max-age", null, true), new("force", 'f'),
        new("force-binary-stdout"), new("force-broken-world"), new("force-missing-repositories"), new("force-non-repository"),
        new("force-old-apk"), new("force-overwrite"), new("force-refresh"), new("help", 'h'), new("interactive", 'i'), new("keys-dir", null, true),
        new("no-cache"), new("no-check-certificate"), new("no-interactive"), new("no-network"), new("no-progress"), new("print-arch"),
        new("progress"), new("progress-fd", null, true), new("purge"), new("quiet", 'q'), new("repositories-file", null, true),
        new("repository", 'X', true), new("root", 'p', true), new("timeout", null, true), new("update-cache", 'U'), new("verbose", 'v'),
        new("version", 'V'), new("wait", null, true),
    ];

    private static readonly Option[] Commit =
        [new("clean-protected"), new("initramfs-diskless-boot"), new("no-commit-hooks"), new("no-scripts"), new("overlay-from-stdin"), new("simulate", 's')];

    private static readonly Option[] Source = [new("from", null, true)];

    private static readonly Dictionary<string, (string[] Groups, Option[] Own)> AppletOptions = new(StringComparer.Ordinal)
    {
        ["add"] = (["Global", "Commit"], [new("initdb"), new("latest", 'l'), new("no-chown"), new("upgrade", 'u'), new("virtual", 't', true)]),
        ["del"] = (["Global", "Commit"], [new("rdepends", 'r')]),
        ["info"] = (["Global", "Source"],
        [
            new("all", 'a'), new("contents", 'L'), new("depends", 'R'), new("description", 'd'), new("install-if"), new("installed", 'e'), new("license"),
            new("provides", 'P'), new("rdepends", 'r'), new("replaces"), new("rinstall-if"), new("size", 's'), new("triggers", 't'), new("webpage", 'w'),
            new("who-owns", 'W'),
        ]),
        ["search"] = (["Global", "Source"],
            [new("all", 'a'), new("description", 'd'), new("exact", 'e', Short2: 'x'), new("has-origin"), new("origin", 'o'), new("rdepends", 'r')]),
        ["upgrade"] = (["Global", "Commit"],
            [new("available", 'a'), new("ignore"), new("latest", 'l'), new("no-self-upgrade"), new("prune"), new("self-upgrade-only")]),
        ["update"] = ([], []),
    };

    private ApkOptions()
    {
    }

    /// <summary>The applet (null: none named).</summary>
    public string? Applet { get; private init; }

    /// <summary>The operands, in order, without the applet's own name.</summary>
    public List<string> Operands { get; } = [];

    /// <summary>The options given, by long name, with their values (<c>null</c> for flags) in order.</summary>
    public List<(string Name, string? Value)> Given { get; } = [];

    /// <summary>What musl's getopt wrote to stderr.</summary>
    public string Errors { get; private set; } = "";

    /// <summary>True when apk shows its usage and exits 1 (<c>-h</c>, or an unknown option that was the last one parsed).</summary>
    public bool ShowUsage { get; private set; }

    /// <summary>The verbosity (<c>apk_verbosity</c>): 1, plus one per <c>-v</c>, minus one per <c>-q</c>.</summary>
    public int Verbosity => 1 + Given.Count(g => g.Name == "verbose") - Given.Count(g => g.Name == "quiet");

    /// <summary>True when the long option <paramref name="name"/> was given.</summary>
    public bool Has(string name) => Given.Any(g => g.Name == name);

    /// <summary>The last value of the long option <paramref name="name"/>, or null.</summary>
    public string? Value(string name) => Given.LastOrDefault(g => g.Name == name).Value;

    /// <summary>Parses apk's arguments (<paramref name="args"/> without argv[0]; <paramref name="argv0"/> prefixes getopt's messages).</summary>
    public static ApkOptions Parse(string argv0, IReadOnlyList<string> args)
    {
        var applet = args.FirstOrDefault(a => !a.StartsWith('-') && Applets.Contains(a, StringComparer.Ordinal));
        var options = new List<Option>(Global);
        if (applet is not null && AppletOptions.TryGetValue(applet, out var set) && set.Groups.Length > 0)
        {
            options.AddRange(set.Groups.Contains("Commit") ? Commit : []);
            options.AddRange(set.Groups.Contains("Source") ? Source : []);
            options.AddRange(set.Own);
        }

        var result = new ApkOptions { Applet = applet };
        var errors = new StringBuilder();
        var lastUnsupported = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                result.Operands.AddRange(args.Skip(i + 1));
                break;
            }

            if (a.Length > 2 && a.StartsWith("--", StringComparison.Ordinal))
            {
                var body = a[2..];
                var eq = body.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? body : body[..eq];
                var exact = options.FirstOrDefault(o => o.Long == name);
                var matches = exact is not null ? [exact] : options.Where(o => o.Long.StartsWith(name, StringComparison.Ordinal)).ToList();
                if (matches.Count != 1)
                {
                    errors.Append(argv0).Append(matches.Count > 1 ? ": option is ambiguous: " : ": unrecognized option: ").Append(body).Append('\n');
                    lastUnsupported = true;
                    continue;
                }

                var o = matches[0];
                string? value = null;
                if (o.HasArg)
                {
                    if (eq >= 0)
                    {
                        value = body[(eq + 1)..];
                    }
                    else if (i + 1 < args.Count)
                    {
                        value = args[++i];
                    }
                    else
                    {
                        errors.Append(argv0).Append(": option requires an argument: ").Append(o.Long).Append('\n');
                        lastUnsupported = true;
                        continue;
                    }
                }
                else if (eq >= 0)
                {
                    errors.Append(argv0).Append(": option does not take an argument: ").Append(o.Long).Append('\n');
                    lastUnsupported = true;
                    continue;
                }

                lastUnsupported = result.Take(o, value);
                if (o.Long == "version")
                {
                    break;
                }

                continue;
            }

            if (a.Length > 1 && a[0] == '-')
            {
                var stop = false;
                for (var j = 1; j < a.Length; j++)
                {
                    var ch = a[j];
                    var o = options.FirstOrDefault(x => x.Short == ch || x.Short2 == ch);
                    if (o is null)
                    {
                        errors.Append(argv0).Append(": unrecognized option: ").Append(ch).Append('\n');
                        lastUnsupported = true;
                        continue;
                    }

                    string? value = null;
                    if (o.HasArg)
                    {
                        if (j + 1 < a.Length)
                        {
                            value = a[(j + 1)..];
                        }
                        else if (i + 1 < args.Count)
                        {
                            value = args[++i];
                        }
                        else
                        {
                            errors.Append(argv0).Append(": option requires an argument: ").Append(ch).Append('\n');
                            lastUnsupported = true;
                            break;
                        }

                        lastUnsupported = result.Take(o, value);
                        break;
                    }

                    lastUnsupported = result.Take(o, value);
                    if (o.Long == "version")
                    {
                        stop = true;
                        break;
                    }
                }

                if (stop)
                {
                    break;
                }

                continue;
            }

            result.Operands.Add(a);
        }

        // main(): the applet's own name is dropped from the (permuted) operands when it comes first.
        if (applet is not null && result.Operands.Count > 0 && result.Operands[0] == applet)
        {
            result.Operands.RemoveAt(0);
        }

        result.Errors = errors.ToString();
        result.ShowUsage |= lastUnsupported;
        return result;
    }

    /// <summary>apk's usage (src/apk.c <c>usage</c>): the version line, then for each help topic of the applet (<c>apk_applet_help</c>) a newline and the text.</summary>
    public static string Usage(string? applet)
    {
        var sb = new StringBuilder(VersionLine);
        var groups = applet is null ? [] : AppletOptions.TryGetValue(applet, out var set) && set.Own.Length > 0 ? set.Groups.Append(applet).ToArray() : [];
        foreach (var (topic, text) in HelpTopics.Value)
        {
            var match = applet is null
                ? string.Equals(topic, "apk", StringComparison.OrdinalIgnoreCase)
                : string.Equals(topic, applet, StringComparison.OrdinalIgnoreCase) || groups.Any(g => string.Equals(g, topic, StringComparison.OrdinalIgnoreCase));
            if (match)
            {
                sb.Append('\n').Append(text);
            }
        }

        return sb.ToString();
    }

    /// <summary>apk's version line.</summary>
    public const string VersionLine = "apk-tools 2.14.4, compiled for x86_64.\n";

    // Returns true when the option group's parser answers -ENOTSUP (none here) and records help requests.
    private bool Take(Option o, string? value)
    {
        Given.Add((o.Long, value));
        if (o.Long == "help")
        {
            ShowUsage = true;
        }

        return false;
    }

    private static List<(string Topic, string Text)> LoadHelp()
    {
        using var stream = typeof(ApkOptions).Assembly.GetManifestResourceStream("Simulator.Userland.Apk.ApkHelp.txt")
            ?? throw new InvalidOperationException("The apk help texts are missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var topics = new List<(string, string)>();
        string? topic = null;
        var text = new StringBuilder();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                if (topic is not null)
                {
                    topics.Add((topic, text.ToString()));
                }

                topic = line[3..];
                text.Clear();
            }
            else if (topic is not null)
            {
                text.Append(line).Append('\n');
            }
        }

        if (topic is not null)
        {
            topics.Add((topic, text.ToString()));
        }

        return topics;
    }

    private sealed record Option(string Long, char? Short = null, bool HasArg = false, char? Short2 = null);
}
