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
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public string Root { get; init => field = value ?? throw new ArgumentNullException(nameof(Root)); } = "/";

    /// <summary>Glob patterns a path must match one of to be shown (none: all are). <c>*</c> matches within one path
    /// segment, <c>**</c> any number of segments, <c>?</c> one character; a pattern matching a directory
    /// includes everything beneath it. Example: <c>/etc/**</c>, <c>**/*.conf</c>. A pattern without a leading <c>/</c> or <c>**</c>
    /// is taken from the root (<c>etc</c> is <c>/etc</c>); a trailing <c>/</c> is ignored; other characters (<c>[</c>, <c>{</c>)
    /// match themselves, as busybox's <c>/usr/bin/[</c> needs.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> or a list holding <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A pattern is empty.</exception>
    public IReadOnlyList<string> Include { get; init => field = CheckPatterns(value, nameof(Include)); } = [];

    /// <summary>Glob patterns (as <see cref="Include"/>) whose matches, and everything beneath them, are hidden.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> or a list holding <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A pattern is empty.</exception>
    public IReadOnlyList<string> Exclude { get; init => field = CheckPatterns(value, nameof(Exclude)); } = [];

    /// <summary>How deep to go below <see cref="Root"/>: 0 shows only the root, 1 its children; <see langword="null"/> for no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0.</exception>
    public int? MaxDepth { get; init => field = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(MaxDepth), value, "MaxDepth must be 0 or more, or null for no limit") : value; }

    /// <summary>Whether the root line (e.g. <c>/</c>) is printed. Default <see langword="false"/>: its mode rarely matters.</summary>
    public bool IncludeRoot { get; init; }

    /// <summary>Regular files up to this many bytes that are valid UTF-8 text show their first line in the content column. Default 4096.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0 (0 shows no text).</exception>
    public int MaxTextBytes { get; init => field = value < 0 ? throw new ArgumentOutOfRangeException(nameof(MaxTextBytes), value, "MaxTextBytes must be 0 or more") : value; } = 4096;

    /// <summary>Regular files up to this many bytes are hashed whole; longer ones (stock images' synthetic binaries) hash
    /// only their first <see cref="MaxHashedBytes"/> bytes and print <c>sha256~</c> instead of <c>sha256:</c>. Default 1 MiB.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0.</exception>
    public long MaxHashedBytes { get; init => field = value < 0 ? throw new ArgumentOutOfRangeException(nameof(MaxHashedBytes), value, "MaxHashedBytes must be 0 or more") : value; } = 1 << 20;

    private static IReadOnlyList<string> CheckPatterns(IReadOnlyList<string> patterns, string name)
    {
        ArgumentNullException.ThrowIfNull(patterns, name);
        foreach (var pattern in patterns)
        {
            ArgumentNullException.ThrowIfNull(pattern, name);
            if (pattern.Length == 0)
            {
                throw new ArgumentException("a glob pattern must not be empty (use \"/**\" for every path)", name);
            }
        }

        return patterns;
    }
}
