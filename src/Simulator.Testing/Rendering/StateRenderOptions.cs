namespace Simulator.Testing.Rendering;

/// <summary>How <see cref="EngineStateRenderer"/> makes IDs and times stable. Immutable.</summary>
public sealed record StateRenderOptions
{
    /// <summary>IDs masked, times as UTC ISO-8601.</summary>
    public static StateRenderOptions Default { get; } = new();

    /// <summary>
    /// Whether container IDs, image IDs and anonymous volume names are replaced by <c>&lt;container 1&gt;</c>,
    /// <c>&lt;image 1&gt;</c>, <c>&lt;volume 1&gt;</c> (numbered in order of creation), everywhere they appear, in
    /// full or as 12-hex short IDs. Default <see langword="true"/>: the snapshot then survives changes to how IDs are made.
    /// </summary>
    public bool MaskIds { get; init; } = true;

    /// <summary>When set, times are printed as offsets from it (<c>T+0h01m05s</c>); else as UTC ISO-8601 (stable on a <c>FakeTimeProvider</c>).</summary>
    public DateTimeOffset? TimeOrigin { get; init; }
}
