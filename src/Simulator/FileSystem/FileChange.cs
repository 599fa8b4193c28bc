namespace Simulator.FileSystem;

/// <summary>One line of <c>docker diff</c>: a change kind and an absolute path.</summary>
/// <param name="Kind">What happened to the path.</param>
/// <param name="Path">The clean absolute path.</param>
/// <remarks>Immutable; <see cref="ToString"/> gives the CLI's line, e.g. <c>A /foo/bar</c>.</remarks>
public readonly record struct FileChange(ChangeKind Kind, string Path)
{
    /// <summary>The kind's letter: <c>A</c>, <c>C</c> or <c>D</c>.</summary>
    public char Letter => Kind switch
    {
        ChangeKind.Added => 'A',
        ChangeKind.Deleted => 'D',
        _ => 'C',
    };

    /// <summary>The line as <c>docker diff</c> prints it: <c>{{.Type}} {{.Path}}</c>.</summary>
    /// <returns>E.g. <c>C /etc</c>.</returns>
    public override string ToString() => $"{Letter} {Path}";
}
