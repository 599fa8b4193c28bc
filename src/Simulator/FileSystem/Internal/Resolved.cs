namespace Simulator.FileSystem.Internal;

/// <summary>The outcome of resolving a path to its final component.</summary>
internal readonly struct Resolved
{
    /// <summary>The directory holding the final component (for a dot or root final: the directory itself).</summary>
    public required Location Parent { get; init; }

    /// <summary>The final component; empty when the path ends in <c>.</c>, <c>..</c> or is <c>/</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The tree of the final entry (a mount's tree for a mount point).</summary>
    public required UnionState Fs { get; init; }

    /// <summary>The final's path inside <see cref="Fs"/>.</summary>
    public required string Path { get; init; }

    /// <summary>The final's path in the view's namespace.</summary>
    public required string Global { get; init; }

    /// <summary>The final entry, or <see langword="null"/> if it does not exist.</summary>
    public required FileEntry? Entry { get; init; }

    /// <summary>Whether the final's lower children are visible (a merged directory).</summary>
    public required bool LowerVisible { get; init; }

    /// <summary>Whether the final lives in a read-only tree.</summary>
    public required bool ReadOnly { get; init; }

    /// <summary>The mount (device) of the final: renames and links between different ones give EXDEV.</summary>
    public required object Device { get; init; }

    /// <summary>Whether the path ended with a slash.</summary>
    public required bool Trailing { get; init; }

    /// <summary>Whether the final was reached through a final symlink whose target ends with a slash (it must be a directory).</summary>
    public bool SlashTarget { get; init; }

    /// <summary>Whether the final is a mount point or the root of the namespace.</summary>
    public required bool IsMountRoot { get; init; }

    /// <summary>The last component was <c>.</c> or <c>..</c>, or there was none.</summary>
    public bool IsDot => Name.Length == 0;

    /// <summary>Whether the final was the last component <c>..</c>.</summary>
    public required bool IsDotDot { get; init; }

    /// <summary>Whether the final's lower entry (if any) is visible: it exists below and is not hidden.</summary>
    public bool LowerHas => Parent.LowerVisible && !IsMountRoot && Fs.Lower.Contains(Path);

    /// <summary>The final as a directory location (when it is one).</summary>
    public Location AsDirectory() => new(Fs, Path, Global, LowerVisible, ReadOnly, Entry!, Device);
}
