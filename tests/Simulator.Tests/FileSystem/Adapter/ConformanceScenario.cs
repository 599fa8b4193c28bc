using System.Collections;
using System.Runtime.CompilerServices;
using System.IO.Abstractions;

namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>Runs one scenario against the union adapter and the real file system and renders what happened.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class ConformanceScenario
{
    /// <summary>The standard tree every scenario starts from.</summary>
    public static void Seed(FsTarget t)
    {
        t.Directory.CreateDirectory(t.P("/d/sub"));
        t.Directory.CreateDirectory(t.P("/empty"));
        t.File.WriteAllText(t.P("/f.txt"), "hello");
        t.File.WriteAllText(t.P("/d/a.txt"), "a");
        t.File.WriteAllText(t.P("/d/b.log"), "bb");
        t.File.WriteAllText(t.P("/d/.hidden"), "h");
        t.File.WriteAllText(t.P("/d/sub/c.txt"), "c");
        t.File.CreateSymbolicLink(t.P("/lnk"), "f.txt");
        t.Directory.CreateSymbolicLink(t.P("/dlnk"), "d");
        t.File.CreateSymbolicLink(t.P("/dangling"), "nope");
    }

    /// <summary>Runs the scenario on a target: its result (or exception) and the tree afterwards.</summary>
    public static string Run(FsTarget t, Func<FsTarget, object?> scenario)
    {
        Seed(t);
        string outcome;
        try
        {
            outcome = "OK " + Render(t, scenario(t));
        }
        catch (Exception e)
        {
            outcome = RenderException(t, e);
        }

        string tree;
        try
        {
            tree = t.Snapshot();
        }
        catch (Exception e)
        {
            tree = "snapshot failed: " + RenderException(t, e);
        }

        return outcome + "\n--- tree ---\n" + tree;
    }

    public static string RenderException(FsTarget t, Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a)
        {
            e = a.InnerExceptions[0];
        }

        var text = $"{e.GetType().FullName}: {t.Unroot(e.Message)} [HResult=0x{e.HResult:X8}]";
        if (e.InnerException is { } inner)
        {
            text += $" [Inner={inner.GetType().FullName}: {t.Unroot(inner.Message)} 0x{inner.HResult:X8}]";
        }

        if (e is FileNotFoundException fnf)
        {
            text += $" [FileName={t.Unroot(fnf.FileName)}]";
        }

        if (e is ArgumentException ae)
        {
            text += $" [Param={ae.ParamName}]";
        }

        return text;
    }

    public static string Render(FsTarget t, object? value) => value switch
    {
        null => "<null>",
        string s => t.Unroot(s),
        byte[] bytes => "bytes:" + Convert.ToHexString(bytes),
        IFileInfo fi => $"FileInfo({t.Unroot(fi.FullName)}, exists={fi.Exists})",
        IDirectoryInfo di => $"DirectoryInfo({t.Unroot(di.FullName)}, exists={di.Exists})",
        IFileSystemInfo fsi => $"FileSystemInfo({t.Unroot(fsi.FullName)}, exists={fsi.Exists})",
        DateTime dt => dt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + " " + dt.Kind,
        Enum en => en.GetType().Name + "." + en,
        ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Render(t, tuple[i]))) + ")",
        IEnumerable seq => "[" + string.Join(", ", seq.Cast<object?>().Select(x => Render(t, x)).Order(StringComparer.Ordinal)) + "]",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => t.Unroot(value.ToString()),
    };

    /// <summary>An ordered sequence (order matters): rendered without sorting.</summary>
    public static string Ordered(FsTarget t, IEnumerable<string> items) => string.Join(", ", items.Select(t.Unroot));
}
