namespace Simulator.Testing.Rendering;

/// <summary>What a <see cref="FileTreeRenderer"/> shows. Immutable; <see cref="Default"/> shows every path with <see cref="TreeColumns.Default"/>.</summary>
public sealed record TreeRenderOptions
{
    /// <summary>Every path, the default columns, content limits of 4 KiB (text) and 1 MiB (hash).</summary>
    public static TreeRenderOptions Default { get; } = new();

    /// <summary>The columns shown before each path. Default <see cref="TreeColumns.Default"/>.</summary>
    public TreeColumns Columns { get; init; } = TreeColumns.Default;

    /// <summary>The sub-path to render (a directory; a symlink there is followed). Default <c>/</c>.
    /// Paths are printed as they are in the whole tree, e.g. <c>/etc/motd</c> under root <c>/etc</c>.</summary>
    public string Root { get; init; } = "/";

    /// <summary>Glob patterns a path must match one of to be shown (none: all are). <c>*</c> matches within one path
    /// segment, <c>**</c> any number of segments, <c>?</c> one character; a pattern matching a directory
    /// includes everything beneath it. Example: <c>/etc/**</c>, <c>**/*.conf</c>.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Glob patterns (as <see cref="Include"/>) whose matches, and everything beneath them, are hidden.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>How deep to go below <see cref="Root"/>: 0 shows only the root, 1 its children; <see langword="null"/> for no limit.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>Whether the root line (e.g. <c>/</c>) is printed. Default <see langword="false"/>: its mode rarely matters.</summary>
    public bool IncludeRoot { get; init; }

    /// <summary>Regular files up to this many bytes that are valid UTF-8 text show their first line in the content column. Default 4096.</summary>
    public int MaxTextBytes { get; init; } = 4096;

    /// <summary>Regular files up to this many bytes are hashed whole; longer ones (stock images' synthetic binaries) hash
    /// only their first <see cref="MaxHashedBytes"/> bytes and print <c>sha256~</c> instead of <c>sha256:</c>. Default 1 MiB.</summary>
    public long MaxHashedBytes { get; init; } = 1 << 20;
}
