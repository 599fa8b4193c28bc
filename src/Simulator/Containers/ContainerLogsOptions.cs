namespace Simulator.Containers;

/// <summary><c>docker logs</c> options. Immutable.</summary>
public sealed record ContainerLogsOptions
{
    /// <summary>The defaults: both streams, all lines, no timestamps.</summary>
    public static ContainerLogsOptions Default { get; } = new();

    /// <summary>Include stdout; default <see langword="true"/>.</summary>
    public bool Stdout { get; init; } = true;

    /// <summary>Include stderr; default <see langword="true"/>.</summary>
    public bool Stderr { get; init; } = true;

    /// <summary><c>--since</c>: only lines at or after this time (inclusive, as moby's json-file reader).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary><c>--until</c>: only lines at or before this time (inclusive, as moby's json-file reader).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary><c>--tail N</c>: only the last N lines (after since/until); <see langword="null"/> for all.</summary>
    public int? Tail { get; init; }

    /// <summary><c>-t</c>: prefix lines with their time when formatted.</summary>
    public bool Timestamps { get; init; }
}
