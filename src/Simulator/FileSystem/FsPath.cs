namespace Simulator.FileSystem;

/// <summary>
/// Absolute, clean Unix paths as the filesystem model keys them: <c>/</c> for the root, otherwise
/// <c>/a/b</c> with no empty, <c>.</c> or trailing components. <c>..</c> is kept lexically out: it
/// cannot climb above <c>/</c> (<c>/..</c> is <c>/</c>, as the kernel resolves it at the root).
/// </summary>
public static class FsPath
{
    /// <summary>The root path, <c>/</c>.</summary>
    public const string Root = "/";

    /// <summary>
    /// Cleans a path lexically (Go's <c>path.Clean</c> of <c>"/" + path</c>): relative paths are taken
    /// from the root, <c>.</c> and empty components dropped, <c>..</c> removes the previous component and
    /// stops at the root.
    /// </summary>
    /// <param name="path">The path, absolute or relative to the root.</param>
    /// <returns>The clean absolute path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public static string Clean(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsClean(path))
        {
            return path;
        }

        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return parts.Count == 0 ? Root : "/" + string.Join('/', parts);
    }

    /// <summary>
    /// Cleans an archive member name as go-archive maps it into a root
    /// (<c>path.Clean(strings.TrimLeft(name, "/"))</c>, then <c>filepath.IsLocal</c>): leading slashes are
    /// dropped, so absolute names are taken from the root; a name that climbs above the root
    /// (<c>../x</c>, <c>a/../../x</c>, <c>/../x</c>) is refused.
    /// </summary>
    /// <param name="name">The member name, e.g. <c>etc/passwd</c> or <c>./a/</c>.</param>
    /// <param name="path">The clean absolute path (<c>/</c> for the root itself), or <see langword="null"/> when refused.</param>
    /// <returns>Whether the name stays inside the root.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public static bool TryCleanLocal(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? path)
    {
        ArgumentNullException.ThrowIfNull(name);
        path = null;
        var parts = new List<string>();
        foreach (var part in name.TrimStart('/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return false;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        path = parts.Count == 0 ? Root : "/" + string.Join('/', parts);
        return true;
    }

    /// <summary>Whether a path is already absolute and clean.</summary>
    /// <param name="path">The path.</param>
    /// <returns><see langword="true"/> if <see cref="Clean"/> would return it unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public static bool IsClean(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        if (path.Length == 1)
        {
            return true;
        }

        if (path[^1] == '/')
        {
            return false;
        }

        int start = 1;
        while (start <= path.Length)
        {
            int end = path.IndexOf('/', start);
            if (end < 0)
            {
                end = path.Length;
            }

            var part = path.AsSpan(start, end - start);
            if (part.Length == 0 || part is "." or "..")
            {
                return false;
            }

            start = end + 1;
        }

        return true;
    }

    /// <summary>The parent of a clean path (<c>/a</c> for <c>/a/b</c>; <c>/</c> for <c>/a</c> and for <c>/</c>).</summary>
    /// <param name="path">A clean absolute path.</param>
    /// <returns>The parent path.</returns>
    public static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash <= 0 ? Root : path[..slash];
    }

    /// <summary>The last component of a clean path (<c>b</c> for <c>/a/b</c>; <c>""</c> for <c>/</c>).</summary>
    /// <param name="path">A clean absolute path.</param>
    /// <returns>The name.</returns>
    public static string Name(string path) => path.Length <= 1 ? "" : path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Joins a clean directory path and a child name.</summary>
    /// <param name="directory">A clean absolute path.</param>
    /// <param name="name">A single component: no <c>/</c>, not <c>.</c> or <c>..</c>.</param>
    /// <returns>The child's clean path.</returns>
    public static string Combine(string directory, string name) => directory == Root ? "/" + name : directory + "/" + name;

    /// <summary>Whether <paramref name="path"/> is <paramref name="ancestor"/> or lies beneath it.</summary>
    /// <param name="path">A clean absolute path.</param>
    /// <param name="ancestor">A clean absolute path.</param>
    /// <returns><see langword="true"/> if equal or a descendant.</returns>
    public static bool IsSameOrUnder(string path, string ancestor) =>
        ancestor == Root || path == ancestor ||
        (path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] == '/');
}
