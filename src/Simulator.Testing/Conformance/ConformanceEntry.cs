using Simulator.FileSystem;

namespace Simulator.Testing.Conformance;

/// <summary>One entry of a tree as <see cref="LayerApplyConformance"/> compares it: path, type, and the text of a file or the target of a link.</summary>
/// <param name="Path">Clean absolute path, e.g. <c>/etc/motd</c>.</param>
/// <param name="Type">The entry's type (a hard link may be reported as <see cref="EntryType.RegularFile"/> with the same text).</param>
/// <param name="Text">A regular file's content as UTF-8, else <see langword="null"/>.</param>
/// <param name="LinkTarget">A symlink's target, else <see langword="null"/>.</param>
public sealed record ConformanceEntry(string Path, EntryType Type, string? Text = null, string? LinkTarget = null)
{
    /// <summary>The line the suites compare: <c>d /dir</c>, <c>f /file "text"</c>, <c>l /link -> target</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => Type switch
    {
        EntryType.Directory => "d " + Path,
        EntryType.Symlink => "l " + Path + " -> " + LinkTarget,
        _ => "f " + Path + " " + Rendering.TextFormat.Quote(Text ?? ""),
    };
}
