namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>IFileInfo / IDirectoryInfo scenarios, each run against the adapter and the real file system.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class InfoScenarios
{
    public static IEnumerable<(string Name, Func<FsTarget, object?> Run)> All()
    {
        foreach (var p in new[] { "/f.txt", "/missing", "/d", "/lnk", "/dangling", "/dlnk", "/d/.hidden", "/d/b.log", "/nodir/x", "/f.txt/", "/d/", "/dlnk/", "/lnk/", "/d/sub/../a.txt" })
        {
            yield return ($"FileInfo properties {p}", t =>
            {
                var fi = t.Fs.FileInfo.New(t.P(p));
                return $"exists={fi.Exists} name={fi.Name} ext={fi.Extension} dir={t.Unroot(fi.DirectoryName)} full={t.Unroot(fi.FullName)} " +
                    $"attrs={fi.Attributes} link={fi.LinkTarget ?? "<null>"} readonly={fi.IsReadOnly} parent={t.Unroot(fi.Directory?.FullName)}";
            });
            yield return ($"FileInfo.Length {p}", t => t.Fs.FileInfo.New(t.P(p)).Length);
            yield return ($"FileInfo.LastWriteTimeUtc missing-ness {p}", t => t.Fs.FileInfo.New(t.P(p)).LastWriteTimeUtc.Year < 1700);
            yield return ($"DirectoryInfo properties {p}", t =>
            {
                var di = t.Fs.DirectoryInfo.New(t.P(p));
                return $"exists={di.Exists} name={di.Name} full={t.Unroot(di.FullName)} parent={t.Unroot(di.Parent?.FullName)} attrs={di.Attributes} link={di.LinkTarget ?? "<null>"} ext={di.Extension}";
            });
        }

        foreach (var p in new[] { "/d/", "/d/sub/..", "/d/sub/../" })
        {
            yield return ($"DirectoryInfo names {p}", t =>
            {
                var di = t.Fs.DirectoryInfo.New(t.P(p));
                return (t.Unroot(di.Name), t.Unroot(di.FullName), t.Unroot(di.Parent?.FullName), di.Exists);
            });
        }

        yield return ("FileInfo caches until Refresh", t =>
        {
            var fi = t.Fs.FileInfo.New(t.P("/f.txt"));
            var before = (fi.Exists, fi.Length);
            t.File.Delete(t.P("/f.txt"));
            var cached = (fi.Exists, fi.Length);
            fi.Refresh();
            return (before, cached, fi.Exists);
        });
        yield return ("FileInfo loads lazily", t =>
        {
            var fi = t.Fs.FileInfo.New(t.P("/later"));
            t.File.WriteAllText(t.P("/later"), "123");
            return (fi.Exists, fi.Length);
        });
        yield return ("FileInfo Create invalidates", t =>
        {
            var fi = t.Fs.FileInfo.New(t.P("/created"));
            var before = fi.Exists;
            fi.Create().Dispose();
            return (before, fi.Exists);
        });
        yield return ("FileInfo Delete invalidates", t =>
        {
            var fi = t.Fs.FileInfo.New(t.P("/f.txt"));
            var before = fi.Exists;
            fi.Delete();
            return (before, fi.Exists);
        });
        yield return ("FileInfo MoveTo", t =>
        {
            var fi = t.Fs.FileInfo.New(t.P("/f.txt"));
            fi.MoveTo(t.P("/d/renamed.txt"));
            return (fi.FullName, fi.Name, fi.Exists, t.File.Exists(t.P("/f.txt")));
        });
        yield return ("FileInfo CopyTo", t =>
        {
            var copy = t.Fs.FileInfo.New(t.P("/f.txt")).CopyTo(t.P("/copy"));
            return (copy, copy.Length);
        });
        yield return ("FileInfo CopyTo existing", t => t.Fs.FileInfo.New(t.P("/f.txt")).CopyTo(t.P("/d/a.txt")));
        yield return ("FileInfo set LastWriteTimeUtc", t =>
        {
            var fi = t.Fs.FileInfo.New(t.P("/f.txt"));
            fi.LastWriteTimeUtc = new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc);
            return (fi.LastWriteTimeUtc, t.File.GetLastWriteTimeUtc(t.P("/f.txt")));
        });
        yield return ("FileInfo OpenRead and OpenText", t =>
        {
            var fi = t.Fs.FileInfo.New(t.P("/f.txt"));
            using var s = fi.OpenRead();
            using var r = fi.OpenText();
            return (s.Length, r.ReadToEnd());
        });
        yield return ("FileInfo CreateAsSymbolicLink", t =>
        {
            var fi = t.Fs.FileInfo.New(t.P("/newlink"));
            fi.CreateAsSymbolicLink("f.txt");
            return (fi.Exists, fi.LinkTarget, fi.ResolveLinkTarget(false));
        });
        yield return ("DirectoryInfo Create and CreateSubdirectory", t =>
        {
            var di = t.Fs.DirectoryInfo.New(t.P("/nd"));
            var before = di.Exists;
            di.Create();
            var sub = di.CreateSubdirectory("x/y");
            return (before, di.Exists, sub, sub.Name);
        });
        yield return ("DirectoryInfo CreateSubdirectory outside", t => t.Fs.DirectoryInfo.New(t.P("/d")).CreateSubdirectory("../x"));
        yield return ("DirectoryInfo enumerations", t =>
        {
            var di = t.Fs.DirectoryInfo.New(t.P("/d"));
            return (
                di.GetFiles().Select(f => f.Name),
                di.GetDirectories().Select(d => d.Name),
                di.GetFileSystemInfos("*", SearchOption.AllDirectories).Select(i => i.GetType().Name.Contains("Directory", StringComparison.Ordinal) + ":" + t.Unroot(i.FullName)),
                di.EnumerateFiles("*.txt", SearchOption.AllDirectories).Select(f => t.Unroot(f.FullName) + "=" + f.Length));
        });
        yield return ("DirectoryInfo enumerations through symlink", t =>
            t.Fs.DirectoryInfo.New(t.P("/")).GetFileSystemInfos().Select(i => i.GetType().Name.Contains("Directory", StringComparison.Ordinal) + ":" + i.Name));
        yield return ("DirectoryInfo MoveTo", t =>
        {
            var di = t.Fs.DirectoryInfo.New(t.P("/d"));
            di.MoveTo(t.P("/d2"));
            return (di.FullName, di.Name, di.Exists, t.Directory.Exists(t.P("/d")));
        });
        yield return ("DirectoryInfo Delete recursive", t =>
        {
            var di = t.Fs.DirectoryInfo.New(t.P("/d"));
            var before = di.Exists;
            di.Delete(true);
            return (before, di.Exists);
        });
        yield return ("DirectoryInfo Delete non-empty", t =>
        {
            t.Fs.DirectoryInfo.New(t.P("/d")).Delete();
            return null;
        });
        foreach (var p in new[] { "/d", "/missing", "/dangling/", "/f.txt", "/dlnk/", "/nodir/x" })
        {
            yield return ($"DirectoryInfo set LastWriteTimeUtc {p}", t =>
            {
                var di = t.Fs.DirectoryInfo.New(t.P(p));
                di.LastWriteTimeUtc = new DateTime(2005, 5, 5, 5, 5, 5, DateTimeKind.Utc);
                return di.LastWriteTimeUtc.Year == 2005;
            });
            yield return ($"FileInfo set LastWriteTimeUtc {p}", t =>
            {
                var fi = t.Fs.FileInfo.New(t.P(p));
                fi.LastWriteTimeUtc = new DateTime(2005, 5, 5, 5, 5, 5, DateTimeKind.Utc);
                return fi.LastWriteTimeUtc.Year == 2005;
            });
        }

        yield return ("DirectoryInfo Root", t => t.Fs.DirectoryInfo.New(t.P("/d")).Root.FullName);
    }
}
