namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>IPath scenarios (pure functions, absolute Unix paths), each run against the adapter and the real file system.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class PathScenarios
{
    private static readonly string?[] Inputs =
    [
        null, "", "/", "a", "a/", "/a", "/a/", "/a/b", "/a/b/", "//a//b//", "a.txt", "/a/b.tar.gz", "/a.b/c", "/a/.hidden", "/a/b.", ".", "..", "/a/./b/../c", "a\\b.c",
    ];

    public static IEnumerable<(string Name, Func<FsTarget, object?> Run)> All()
    {
        foreach (var input in Inputs)
        {
            var shown = input is null ? "null" : $"'{input}'";
            yield return ($"Path.GetDirectoryName {shown}", t => t.Fs.Path.GetDirectoryName(input));
            yield return ($"Path.GetFileName {shown}", t => t.Fs.Path.GetFileName(input));
            yield return ($"Path.GetFileNameWithoutExtension {shown}", t => t.Fs.Path.GetFileNameWithoutExtension(input));
            yield return ($"Path.GetExtension {shown}", t => t.Fs.Path.GetExtension(input));
            yield return ($"Path.HasExtension {shown}", t => t.Fs.Path.HasExtension(input));
            yield return ($"Path.IsPathRooted {shown}", t => t.Fs.Path.IsPathRooted(input));
            yield return ($"Path.GetPathRoot {shown}", t => t.Fs.Path.GetPathRoot(input));
            yield return ($"Path.ChangeExtension {shown}", t => (t.Fs.Path.ChangeExtension(input, ".x"), t.Fs.Path.ChangeExtension(input, "y"), t.Fs.Path.ChangeExtension(input, null)));
            yield return ($"Path.EndsInDirectorySeparator {shown}", t => t.Fs.Path.EndsInDirectorySeparator(input!));
            yield return ($"Path.Join {shown}", t => (t.Fs.Path.Join(input, "x"), t.Fs.Path.Join("x", input), t.Fs.Path.Join(input, input, "/z")));
            if (input is not null)
            {
                yield return ($"Path.TrimEndingDirectorySeparator {shown}", t => t.Fs.Path.TrimEndingDirectorySeparator(input));
                yield return ($"Path.IsPathFullyQualified {shown}", t => t.Fs.Path.IsPathFullyQualified(input));
                yield return ($"Path.Combine {shown}", t => (t.Fs.Path.Combine(input, "x"), t.Fs.Path.Combine("x", input), t.Fs.Path.Combine("/r", input, "z")));
                yield return ($"Path.GetFullPath absolute {shown}", t => t.Fs.Path.GetFullPath("/base/" + input));
                yield return ($"Path.GetFullPath with base {shown}", t => t.Fs.Path.GetFullPath(input, "/base/dir"));
                yield return ($"Path.GetRelativePath {shown}", t => (t.Fs.Path.GetRelativePath("/a/b", "/a/" + input), t.Fs.Path.GetRelativePath("/x/" + input, "/x")));
            }
        }

        yield return ("Path.GetFullPath empty", t => t.Fs.Path.GetFullPath(""));
        yield return ("Path.GetFullPath null char", t => t.Fs.Path.GetFullPath("/a\0"));
        yield return ("Path.GetFullPath relative base", t => t.Fs.Path.GetFullPath("a", "rel"));
        yield return ("Path.Combine null", t => t.Fs.Path.Combine("a", null!));
        yield return ("Path.Combine params", t => t.Fs.Path.Combine("a", "b", "/c", "d"));
        yield return ("Path.GetRelativePath cases", t => (
            t.Fs.Path.GetRelativePath("/a/b", "/a/b"), t.Fs.Path.GetRelativePath("/a/b", "/a/bc"), t.Fs.Path.GetRelativePath("/a/b/", "/a/b/c/"),
            t.Fs.Path.GetRelativePath("/", "/a"), t.Fs.Path.GetRelativePath("/a", "/"), t.Fs.Path.GetRelativePath("/a/b/c", "/d/e")));
        yield return ("Path constants", t => (t.Fs.Path.DirectorySeparatorChar, t.Fs.Path.AltDirectorySeparatorChar, t.Fs.Path.PathSeparator, t.Fs.Path.VolumeSeparatorChar));
        yield return ("Path.GetInvalidChars", t => (string.Join(",", t.Fs.Path.GetInvalidFileNameChars().Select(c => (int)c)), string.Join(",", t.Fs.Path.GetInvalidPathChars().Select(c => (int)c))));
        yield return ("Path.GetTempPath", t => t.Fs.Path.GetTempPath());
        yield return ("Path.GetRandomFileName shape", t =>
        {
            var name = t.Fs.Path.GetRandomFileName();
            return (name.Length, name[8]);
        });
        yield return ("Path.Exists", t => (t.Fs.Path.Exists(t.P("/f.txt")), t.Fs.Path.Exists(t.P("/d/")), t.Fs.Path.Exists(t.P("/missing")), t.Fs.Path.Exists(t.P("/dangling")), t.Fs.Path.Exists(null)));
        yield return ("Path span overloads", t => (
            t.Fs.Path.GetDirectoryName("/a/b/c".AsSpan()).ToString(), t.Fs.Path.GetFileName("/a/b.c".AsSpan()).ToString(),
            t.Fs.Path.GetExtension("/a/b.c".AsSpan()).ToString(), t.Fs.Path.GetFileNameWithoutExtension("/a/b.c".AsSpan()).ToString(),
            t.Fs.Path.TrimEndingDirectorySeparator("/a/".AsSpan()).ToString(), t.Fs.Path.IsPathRooted("/a".AsSpan()), t.Fs.Path.GetPathRoot("a".AsSpan()).ToString()));
    }
}
