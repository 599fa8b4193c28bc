namespace Simulator.FileSystem;

/// <summary>The kind of a <see cref="FileChange"/>, as <c>docker diff</c> prints it (moby go-archive changes.go).</summary>
public enum ChangeKind
{
    /// <summary><c>C</c>: the path exists in both and differs, or is a directory containing a change.</summary>
    Modified,

    /// <summary><c>A</c>: the path is new.</summary>
    Added,

    /// <summary><c>D</c>: the path was deleted (a deleted directory is reported once, without its descendants).</summary>
    Deleted,
}
