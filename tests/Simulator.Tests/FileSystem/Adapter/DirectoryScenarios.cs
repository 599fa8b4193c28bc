namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>IDirectory scenarios, each run against the adapter and the real file system.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class DirectoryScenarios
{
    public static IEnumerable<(string Name, Func<FsTarget, object?> Run)> All()
    {
        foreach (var p in new[] { "/d", "/d/", "/f.txt", "/missing", "/dlnk", "/lnk", "/dangling", "/", "/d/sub/.." })
        {
            yield return ($"Directory.Exists {p}", t => t.Directory.Exists(t.P(p)));
        }

        yield return ("Directory.Exists null", t => t.Directory.Exists(null));

        foreach (var p in new[] { "/new", "/new/a/b", "/new/a/b/", "/d", "/f.txt", "/f.txt/x", "/lnk", "/dangling", "/dlnk/x", "/d/./sub/../n" })
        {
            yield return ($"Directory.CreateDirectory {p}", t =>
            {
                var info = t.Directory.CreateDirectory(t.P(p));
                return (info, info.Name, t.Directory.Exists(t.P(p)));
            });
        }

        yield return ("Directory.CreateDirectory with mode", t =>
        {
            t.Directory.CreateDirectory(t.P("/m/n"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return (t.File.GetUnixFileMode(t.P("/m")), t.File.GetUnixFileMode(t.P("/m/n")));
        });
        yield return ("Directory.CreateDirectory empty", t => t.Directory.CreateDirectory(""));

        foreach (var (p, recursive) in new[]
        {
            ("/empty", false), ("/d", false), ("/d", true), ("/missing", false), ("/missing", true), ("/f.txt", false),
            ("/dlnk", false), ("/dlnk", true), ("/lnk", false), ("/dangling", false), ("/nodir/x", false), ("/d/", true), ("/f.txt/x", false),
        })
        {
            yield return ($"Directory.Delete {p} {recursive}", t =>
            {
                t.Directory.Delete(t.P(p), recursive);
                return (t.Directory.Exists(t.P(p)), t.File.Exists(t.P("/d/a.txt")));
            });
        }

        foreach (var (p, pattern, option) in new[]
        {
            ("/d", "*", SearchOption.TopDirectoryOnly), ("/d", "*.txt", SearchOption.TopDirectoryOnly), ("/d", "*.TXT", SearchOption.TopDirectoryOnly),
            ("/d", "?.txt", SearchOption.TopDirectoryOnly), ("/d", "*", SearchOption.AllDirectories), ("/", "*.txt", SearchOption.AllDirectories),
            ("/", "*", SearchOption.AllDirectories), ("/d", "*.*", SearchOption.TopDirectoryOnly), ("/d", "a*", SearchOption.TopDirectoryOnly),
            ("/d", "sub/*.txt", SearchOption.TopDirectoryOnly), ("/d", "", SearchOption.TopDirectoryOnly), ("/d/", "*", SearchOption.TopDirectoryOnly),
            ("/dlnk", "*", SearchOption.TopDirectoryOnly), ("/d", ".*", SearchOption.TopDirectoryOnly), ("/d", "*.t?t", SearchOption.AllDirectories),
        })
        {
            yield return ($"Directory.GetFiles {p} '{pattern}' {option}", t => t.Directory.GetFiles(t.P(p), pattern, option));
            yield return ($"Directory.GetDirectories {p} '{pattern}' {option}", t => t.Directory.GetDirectories(t.P(p), pattern, option));
            yield return ($"Directory.GetFileSystemEntries {p} '{pattern}' {option}", t => t.Directory.GetFileSystemEntries(t.P(p), pattern, option));
        }

        foreach (var p in new[] { "/missing", "/f.txt", "/nodir/x", "/lnk" })
        {
            yield return ($"Directory.EnumerateFiles {p}", t => t.Directory.EnumerateFiles(t.P(p)).ToList());
        }

        yield return ("Directory.EnumerateFiles null pattern", t => t.Directory.EnumerateFiles(t.P("/d"), null!));
        yield return ("Directory.EnumerateFiles rooted pattern", t => t.Directory.EnumerateFiles(t.P("/d"), "/x"));
        yield return ("Directory.EnumerateFiles breadth-first order", t =>
        {
            t.Directory.CreateDirectory(t.P("/tree/x/y"));
            t.File.WriteAllText(t.P("/tree/x/y/deep"), "");
            t.File.WriteAllText(t.P("/tree/x/mid"), "");
            t.File.WriteAllText(t.P("/tree/top"), "");
            return ConformanceScenario.Ordered(t, t.Directory.EnumerateFiles(t.P("/tree"), "*", SearchOption.AllDirectories));
        });
        yield return ("Directory.EnumerateFiles default EnumerationOptions skips hidden", t =>
            t.Directory.EnumerateFiles(t.P("/d"), "*", new EnumerationOptions()).ToList());
        yield return ("Directory.EnumerateFiles case-insensitive", t =>
            t.Directory.EnumerateFiles(t.P("/d"), "*.TXT", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = true }).ToList());
        yield return ("Directory.EnumerateFileSystemEntries simple match, depth 0", t =>
            t.Directory.EnumerateFileSystemEntries(t.P("/"), "*", new EnumerationOptions { MatchType = MatchType.Simple, RecurseSubdirectories = true, MaxRecursionDepth = 0 }).ToList());
        yield return ("Directory.EnumerateFileSystemEntries skip directories attribute", t =>
            t.Directory.EnumerateFileSystemEntries(t.P("/"), "*", new EnumerationOptions { AttributesToSkip = FileAttributes.Directory, RecurseSubdirectories = true }).ToList());
        yield return ("Directory.EnumerateFileSystemEntries skip reparse points", t =>
            t.Directory.EnumerateFileSystemEntries(t.P("/"), "*", new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint }).ToList());

        foreach (var (src, dst) in new[]
        {
            ("/d", "/moved"), ("/d/sub", "/d"), ("/d/sub", "/f.txt"), ("/d", "/d"), ("/d", "/d/sub/x"), ("/f.txt", "/g.txt"), ("/missing", "/x"),
            ("/empty", "/nodir/x"), ("/dlnk", "/dlnk2"), ("/d/", "/moved/"), ("/empty", "/d/sub/empty"),
        })
        {
            yield return ($"Directory.Move {src} {dst}", t =>
            {
                t.Directory.Move(t.P(src), t.P(dst));
                return (t.Directory.Exists(t.P(src)), t.Directory.Exists(t.P(dst)), t.File.Exists(t.P(dst)));
            });
        }

        foreach (var p in new[] { "/d/sub", "/d/sub/", "/d", "/f.txt" })
        {
            yield return ($"Directory.GetParent {p}", t => t.Directory.GetParent(t.P(p)));
        }

        yield return ("Directory.CreateSymbolicLink", t =>
        {
            var info = t.Directory.CreateSymbolicLink(t.P("/dl2"), "d/sub");
            return (info, info.LinkTarget, t.Directory.GetFiles(t.P("/dl2")));
        });
        yield return ("Directory.CreateSymbolicLink existing", t => t.Directory.CreateSymbolicLink(t.P("/d"), "x"));
        yield return ("Directory.ResolveLinkTarget", t => (t.Directory.ResolveLinkTarget(t.P("/dlnk"), true), t.Directory.ResolveLinkTarget(t.P("/d"), false)));
        yield return ("Directory.ResolveLinkTarget missing", t => t.Directory.ResolveLinkTarget(t.P("/missing"), false));
        yield return ("Directory.SetLastWriteTimeUtc", t =>
        {
            var time = new DateTime(2010, 5, 6, 7, 8, 9, DateTimeKind.Utc);
            t.Directory.SetLastWriteTimeUtc(t.P("/d"), time);
            return t.Directory.GetLastWriteTimeUtc(t.P("/d"));
        });
        yield return ("Directory.SetLastWriteTimeUtc missing", t =>
        {
            t.Directory.SetLastWriteTimeUtc(t.P("/missing"), DateTime.UtcNow);
            return null;
        });
        yield return ("Directory.GetDirectoryRoot", t => t.Directory.GetDirectoryRoot(t.P("/d/sub")));
    }
}
