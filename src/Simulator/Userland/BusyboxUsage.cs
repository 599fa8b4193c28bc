using System.Text;

namespace Simulator.Userland;

/// <summary>
/// busybox's usage texts and its usage error, as <c>bb_show_usage</c> (libbb/appletlib.c) prints them with Alpine's
/// <c>CONFIG_FEATURE_VERBOSE_USAGE=y</c>: the banner, then <c>Usage: NAME TEXT</c> with the applet's full help.
/// </summary>
/// <remarks>The texts are the applets' <c>//usage:</c> strings of busybox 1.37 under Alpine's configuration, kept in the embedded <c>BusyboxUsage.txt</c>.</remarks>
internal static class BusyboxUsage
{
    /// <summary>The banner line busybox prints first (<c>bb_banner</c> + <c>" multi-call binary."</c>).</summary>
    public const string Banner = "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.";

    private static readonly Lazy<Dictionary<string, string>> Texts = new(Load);

    /// <summary>The usage text of an applet (<c>[</c> is <c>test</c>), or null when busybox has none ("No help available").</summary>
    public static string? For(string applet) => Texts.Value.GetValueOrDefault(applet == "[" ? "test" : applet);

    /// <summary>What <c>bb_show_usage</c> writes to stderr for <paramref name="applet"/>.</summary>
    public static string Render(string applet)
    {
        var text = For(applet);
        if (text is null)
        {
            return Banner + "\n\nNo help available\n";
        }

        return Banner + "\n\nUsage: " + applet + (text.Length > 0 && text[0] != '\n' ? " " : "") + text + "\n";
    }

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(BusyboxUsage).Assembly.GetManifestResourceStream("Simulator.Userland.BusyboxUsage.txt")
            ?? throw new InvalidOperationException("The busybox usage texts are missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var text = new StringBuilder();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                Flush();
                name = line[3..];
                continue;
            }

            if (name is null)
            {
                continue;
            }

            text.Append(line).Append('\n');
        }

        Flush();
        return result;

        void Flush()
        {
            if (name is not null)
            {
                result[name] = text.ToString(0, Math.Max(0, text.Length - 1));
            }

            text.Clear();
        }
    }
}
