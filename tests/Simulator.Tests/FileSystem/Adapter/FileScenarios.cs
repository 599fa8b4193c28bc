using System.Text;

namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>IFile scenarios, each run against the adapter and the real file system.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class FileScenarios
{
    public static IEnumerable<(string Name, Func<FsTarget, object?> Run)> All()
    {
        // Exists
        foreach (var p in new[] { "/f.txt", "/d", "/missing", "/lnk", "/dlnk", "/dangling", "/f.txt/", "/d/a.txt", "/nodir/x" })
        {
            yield return ($"File.Exists {p}", t => t.File.Exists(t.P(p)));
        }

        yield return ("File.Exists null and empty", t => (t.File.Exists(null), t.File.Exists("")));

        // Reading
        foreach (var p in new[] { "/f.txt", "/missing", "/nodir/x", "/d", "/f.txt/x", "/f.txt/", "/lnk", "/dangling", "/dlnk" })
        {
            yield return ($"File.ReadAllText {p}", t => t.File.ReadAllText(t.P(p)));
        }

        yield return ("File.ReadAllText empty path", t => t.File.ReadAllText(""));
        yield return ("File.ReadAllText null path", t => t.File.ReadAllText(null!));
        yield return ("File.ReadAllText null char", t => t.File.ReadAllText("/a\0b"));
        yield return ("File.ReadAllBytes", t => t.File.ReadAllBytes(t.P("/d/b.log")));
        yield return ("File.ReadAllBytes missing", t => t.File.ReadAllBytes(t.P("/missing")));
        yield return ("File.ReadAllLines", t =>
        {
            t.File.WriteAllText(t.P("/lines"), "one\ntwo\r\nthree\rfour\n");
            return string.Join("|", t.File.ReadAllLines(t.P("/lines")));
        });
        yield return ("File.ReadLines", t =>
        {
            t.File.WriteAllLines(t.P("/lines"), ["x", "y", ""]);
            return string.Join("|", t.File.ReadLines(t.P("/lines"))) + "#" + Convert.ToHexString(t.File.ReadAllBytes(t.P("/lines")));
        });
        yield return ("File.ReadLines missing", t => t.File.ReadLines(t.P("/missing")));
        yield return ("File.ReadAllTextAsync", t => t.File.ReadAllTextAsync(t.P("/f.txt")).GetAwaiter().GetResult());
        yield return ("File.ReadAllTextAsync missing", t => t.File.ReadAllTextAsync(t.P("/missing")).GetAwaiter().GetResult());
        yield return ("File.ReadAllBytesAsync", t => t.File.ReadAllBytesAsync(t.P("/f.txt")).GetAwaiter().GetResult());
        yield return ("File.ReadAllLinesAsync", t => t.File.ReadAllLinesAsync(t.P("/f.txt")).GetAwaiter().GetResult());

        // Writing
        yield return ("File.WriteAllText new", t =>
        {
            t.File.WriteAllText(t.P("/new.txt"), "new");
            return t.File.ReadAllText(t.P("/new.txt"));
        });
        yield return ("File.WriteAllText overwrite", t =>
        {
            t.File.WriteAllText(t.P("/f.txt"), "x");
            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("File.WriteAllText through symlink", t =>
        {
            t.File.WriteAllText(t.P("/lnk"), "via link");
            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("File.WriteAllText dangling symlink", t =>
        {
            t.File.WriteAllText(t.P("/dangling"), "created");
            return t.File.ReadAllText(t.P("/nope"));
        });
        foreach (var p in new[] { "/nodir/x", "/d", "/f.txt/x", "/dlnk" })
        {
            yield return ($"File.WriteAllText {p}", t =>
            {
                t.File.WriteAllText(t.P(p), "x");
                return null;
            });
        }

        yield return ("File.WriteAllText null contents", t =>
        {
            t.File.WriteAllText(t.P("/f.txt"), (string?)null);
            return t.File.ReadAllBytes(t.P("/f.txt"));
        });
        yield return ("File.WriteAllText UTF8 with BOM", t =>
        {
            t.File.WriteAllText(t.P("/bom"), "é", Encoding.UTF8);
            return (t.File.ReadAllBytes(t.P("/bom")), t.File.ReadAllText(t.P("/bom")));
        });
        yield return ("File.WriteAllText Unicode", t =>
        {
            t.File.WriteAllText(t.P("/u16"), "hé", Encoding.Unicode);
            return (t.File.ReadAllBytes(t.P("/u16")), t.File.ReadAllText(t.P("/u16")), t.File.ReadAllText(t.P("/u16"), Encoding.Latin1));
        });
        yield return ("File.WriteAllText Latin1 read as Latin1", t =>
        {
            t.File.WriteAllText(t.P("/l1"), "hé", Encoding.Latin1);
            return (t.File.ReadAllBytes(t.P("/l1")), t.File.ReadAllText(t.P("/l1"), Encoding.Latin1));
        });
        yield return ("File.WriteAllBytes", t =>
        {
            t.File.WriteAllBytes(t.P("/bin"), [0, 1, 2, 255]);
            return t.File.ReadAllBytes(t.P("/bin"));
        });
        yield return ("File.WriteAllBytes null", t =>
        {
            t.File.WriteAllBytes(t.P("/bin"), null!);
            return null;
        });
        yield return ("File.WriteAllLines", t =>
        {
            t.File.WriteAllLines(t.P("/lines"), new[] { "a", "b" });
            return t.File.ReadAllBytes(t.P("/lines"));
        });
        yield return ("File.WriteAllTextAsync", t =>
        {
            t.File.WriteAllTextAsync(t.P("/async"), "async").GetAwaiter().GetResult();
            return t.File.ReadAllText(t.P("/async"));
        });
        yield return ("File.WriteAllTextAsync missing dir", t =>
        {
            t.File.WriteAllTextAsync(t.P("/nodir/async"), "async").GetAwaiter().GetResult();
            return null;
        });
        yield return ("File.WriteAllBytesAsync", t =>
        {
            t.File.WriteAllBytesAsync(t.P("/async"), new byte[] { 1, 2 }).GetAwaiter().GetResult();
            return t.File.ReadAllBytes(t.P("/async"));
        });
        yield return ("File.WriteAllLinesAsync", t =>
        {
            t.File.WriteAllLinesAsync(t.P("/async"), ["1", "2"]).GetAwaiter().GetResult();
            return t.File.ReadAllText(t.P("/async"));
        });
        yield return ("File.AppendAllText existing and new", t =>
        {
            t.File.AppendAllText(t.P("/f.txt"), " world");
            t.File.AppendAllText(t.P("/appended"), "first");
            return (t.File.ReadAllText(t.P("/f.txt")), t.File.ReadAllText(t.P("/appended")));
        });
        yield return ("File.AppendAllText missing dir", t =>
        {
            t.File.AppendAllText(t.P("/nodir/x"), "x");
            return null;
        });
        yield return ("File.AppendAllText to directory", t =>
        {
            t.File.AppendAllText(t.P("/d"), "x");
            return null;
        });
        yield return ("File.AppendAllText with encoding BOM only on new file", t =>
        {
            t.File.AppendAllText(t.P("/f.txt"), "!", Encoding.UTF8);
            t.File.AppendAllText(t.P("/bom"), "!", Encoding.UTF8);
            return (t.File.ReadAllBytes(t.P("/f.txt")), t.File.ReadAllBytes(t.P("/bom")));
        });
        yield return ("File.AppendAllLines", t =>
        {
            t.File.AppendAllLines(t.P("/f.txt"), ["x", "y"]);
            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("File.AppendAllBytes", t =>
        {
            t.File.AppendAllBytes(t.P("/f.txt"), new byte[] { 33 });
            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("File.AppendAllTextAsync", t =>
        {
            t.File.AppendAllTextAsync(t.P("/f.txt"), "?").GetAwaiter().GetResult();
            return t.File.ReadAllText(t.P("/f.txt"));
        });

        // Delete
        foreach (var p in new[] { "/f.txt", "/missing", "/nodir/x", "/d", "/f.txt/x", "/lnk", "/dangling", "/dlnk" })
        {
            yield return ($"File.Delete {p}", t =>
            {
                t.File.Delete(t.P(p));
                return t.File.Exists(t.P(p));
            });
        }

        // Copy
        yield return ("File.Copy", t =>
        {
            t.File.Copy(t.P("/f.txt"), t.P("/copy.txt"));
            return t.File.ReadAllText(t.P("/copy.txt"));
        });
        yield return ("File.Copy keeps mode and mtime", t =>
        {
            t.File.SetUnixFileMode(t.P("/f.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var time = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            t.File.SetLastWriteTimeUtc(t.P("/f.txt"), time);
            t.File.Copy(t.P("/f.txt"), t.P("/copy.txt"));
            return (t.File.GetUnixFileMode(t.P("/copy.txt")), t.File.GetLastWriteTimeUtc(t.P("/copy.txt")));
        });
        yield return ("File.Copy existing", t =>
        {
            t.File.Copy(t.P("/f.txt"), t.P("/d/a.txt"));
            return null;
        });
        yield return ("File.Copy overwrite", t =>
        {
            t.File.Copy(t.P("/f.txt"), t.P("/d/a.txt"), overwrite: true);
            return t.File.ReadAllText(t.P("/d/a.txt"));
        });
        foreach (var (src, dst, ow) in new[]
        {
            ("/missing", "/c", false), ("/d", "/c", false), ("/f.txt", "/d", false), ("/f.txt", "/d", true),
            ("/f.txt", "/nodir/c", false), ("/nodir/x", "/c", false), ("/lnk", "/c", false), ("/dangling", "/c", false),
        })
        {
            yield return ($"File.Copy {src} {dst} {ow}", t =>
            {
                t.File.Copy(t.P(src), t.P(dst), ow);
                return t.File.ReadAllText(t.P(dst));
            });
        }

        // Move
        yield return ("File.Move", t =>
        {
            t.File.Move(t.P("/f.txt"), t.P("/d/moved.txt"));
            return (t.File.Exists(t.P("/f.txt")), t.File.ReadAllText(t.P("/d/moved.txt")));
        });
        foreach (var (src, dst, ow) in new[]
        {
            ("/f.txt", "/d/a.txt", false), ("/f.txt", "/d/a.txt", true), ("/missing", "/c", false), ("/d", "/c", false),
            ("/f.txt", "/nodir/c", false), ("/f.txt", "/d", false), ("/f.txt", "/f.txt", false), ("/lnk", "/lnk2", false),
            ("/dangling", "/dangling2", false), ("/nodir/x", "/c", false), ("/f.txt", "/d/", false),
            ("/dlnk", "/c", false), ("/f.txt/x", "/c", false), ("/f.txt", "/f.txt/x", false), ("/f.txt", "/f.txt/x", true),
            ("/d/a.txt", "/lnk", true), ("/d/a.txt", "/dlnk", true), ("/d/a.txt", "/dlnk", false), ("/lnk", "/d/lnk", false),
        })
        {
            yield return ($"File.Move {src} {dst} {ow}", t =>
            {
                t.File.Move(t.P(src), t.P(dst), ow);
                return t.File.Exists(t.P(dst));
            });
        }

        yield return ("File.Replace", t =>
        {
            t.File.Replace(t.P("/f.txt"), t.P("/d/a.txt"), t.P("/backup"));
            return (t.File.ReadAllText(t.P("/d/a.txt")), t.File.ReadAllText(t.P("/backup")), t.File.Exists(t.P("/f.txt")));
        });
        yield return ("File.Replace missing source", t =>
        {
            t.File.Replace(t.P("/missing"), t.P("/d/a.txt"), null);
            return null;
        });

        // Attributes, times, modes
        foreach (var p in new[] { "/f.txt", "/d", "/lnk", "/dlnk", "/dangling", "/d/.hidden", "/missing", "/nodir/x", "/", "/d/" })
        {
            yield return ($"File.GetAttributes {p}", t => t.File.GetAttributes(t.P(p)));
        }

        yield return ("File.GetAttributes read-only file", t =>
        {
            t.File.SetUnixFileMode(t.P("/f.txt"), UnixFileMode.UserRead);
            return t.File.GetAttributes(t.P("/f.txt"));
        });
        yield return ("File.SetAttributes ReadOnly", t =>
        {
            t.File.SetAttributes(t.P("/f.txt"), FileAttributes.ReadOnly);
            var readOnly = (t.File.GetAttributes(t.P("/f.txt")), t.File.GetUnixFileMode(t.P("/f.txt")));
            t.File.SetAttributes(t.P("/f.txt"), FileAttributes.Normal);
            return (readOnly, t.File.GetAttributes(t.P("/f.txt")), t.File.GetUnixFileMode(t.P("/f.txt")));
        });
        yield return ("File.SetAttributes missing", t =>
        {
            t.File.SetAttributes(t.P("/missing"), FileAttributes.Normal);
            return null;
        });
        yield return ("File.SetLastWriteTimeUtc round trip", t =>
        {
            var time = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(1234567);
            t.File.SetLastWriteTimeUtc(t.P("/f.txt"), time);
            return (t.File.GetLastWriteTimeUtc(t.P("/f.txt")), t.Fs.FileInfo.New(t.P("/f.txt")).LastWriteTimeUtc);
        });
        yield return ("File.SetLastWriteTime unspecified kind", t =>
        {
            t.File.SetLastWriteTimeUtc(t.P("/f.txt"), new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Unspecified));
            return t.File.GetLastWriteTimeUtc(t.P("/f.txt"));
        });
        yield return ("File.SetLastWriteTimeUtc missing", t =>
        {
            t.File.SetLastWriteTimeUtc(t.P("/missing"), DateTime.UtcNow);
            return null;
        });
        yield return ("File.SetLastWriteTimeUtc missing dir", t =>
        {
            t.File.SetLastWriteTimeUtc(t.P("/nodir/x"), DateTime.UtcNow);
            return null;
        });
        yield return ("File.GetLastWriteTimeUtc missing", t => t.File.GetLastWriteTimeUtc(t.P("/missing")));
        yield return ("File.GetUnixFileMode", t => (t.File.GetUnixFileMode(t.P("/f.txt")), t.File.GetUnixFileMode(t.P("/d"))));
        yield return ("File.GetUnixFileMode missing", t => t.File.GetUnixFileMode(t.P("/missing")));
        yield return ("File.GetUnixFileMode missing dir", t => t.File.GetUnixFileMode(t.P("/nodir/x")));
        yield return ("File.SetUnixFileMode", t =>
        {
            t.File.SetUnixFileMode(t.P("/f.txt"), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.SetUser);
            return t.File.GetUnixFileMode(t.P("/f.txt"));
        });
        yield return ("File.SetUnixFileMode missing", t =>
        {
            t.File.SetUnixFileMode(t.P("/missing"), UnixFileMode.UserRead);
            return null;
        });

        // Symbolic links
        yield return ("File.CreateSymbolicLink", t =>
        {
            var info = t.File.CreateSymbolicLink(t.P("/newlink"), "d/a.txt");
            return (info, info.LinkTarget, info.Attributes, t.File.ReadAllText(t.P("/newlink")));
        });
        yield return ("File.CreateSymbolicLink absolute", t =>
        {
            var info = t.File.CreateSymbolicLink(t.P("/newlink"), t.P("/f.txt"));
            return (info, t.Unroot(info.LinkTarget), t.File.ReadAllText(t.P("/newlink")));
        });
        yield return ("FileInfo.Length of a symlink is the link's own length", t =>
        {
            t.File.CreateSymbolicLink(t.P("/shortlink"), "d/a.txt");
            return t.Fs.FileInfo.New(t.P("/shortlink")).Length;
        });
        yield return ("File.CreateSymbolicLink existing", t => t.File.CreateSymbolicLink(t.P("/f.txt"), "x"));
        yield return ("File.CreateSymbolicLink missing dir", t => t.File.CreateSymbolicLink(t.P("/nodir/l"), "x"));
        yield return ("File.CreateSymbolicLink empty target", t => t.File.CreateSymbolicLink(t.P("/l"), ""));
        foreach (var (p, final) in new[] { ("/lnk", false), ("/lnk", true), ("/f.txt", false), ("/missing", false), ("/dangling", true), ("/dlnk", false), ("/chain", false), ("/chain", true), ("/nodir/x", false) })
        {
            yield return ($"File.ResolveLinkTarget {p} {final}", t =>
            {
                t.File.CreateSymbolicLink(t.P("/chain"), "lnk");
                return t.File.ResolveLinkTarget(t.P(p), final);
            });
        }

        yield return ("File.Encrypt", t =>
        {
#pragma warning disable CA1416 // Encrypt is Windows-only: on Linux it throws PlatformNotSupportedException, which is the point.
            t.File.Encrypt(t.P("/f.txt"));
#pragma warning restore CA1416
            return null;
        });
    }
}
