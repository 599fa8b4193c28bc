using System.Text;

namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>Edge cases across IFile/IDirectory, each run against the adapter and the real file system.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class MoreScenarios
{
    private static object? Void(Action action)
    {
        action();
        return null;
    }

    public static IEnumerable<(string Name, Func<FsTarget, object?> Run)> All()
    {
        yield return ("Directory.Delete recursive does not follow symlinks", t =>
        {
            t.Directory.CreateDirectory(t.P("/x"));
            t.Directory.CreateSymbolicLink(t.P("/x/into-d"), t.P("/d"));
            t.File.CreateSymbolicLink(t.P("/x/to-file"), t.P("/f.txt"));
            t.Directory.Delete(t.P("/x"), recursive: true);
            return (t.Directory.Exists(t.P("/x")), t.File.Exists(t.P("/d/a.txt")), t.File.Exists(t.P("/f.txt")));
        });
        yield return ("File.Move overwrite onto directory", t =>
        {
            t.File.Move(t.P("/f.txt"), t.P("/empty"), overwrite: true);
            return null;
        });
        yield return ("File.Move overwrite onto dangling symlink", t =>
        {
            t.File.Move(t.P("/f.txt"), t.P("/dangling"), overwrite: true);
            return (t.File.ReadAllText(t.P("/dangling")), t.Fs.FileInfo.New(t.P("/dangling")).LinkTarget);
        });
        yield return ("File.Copy onto itself", t =>
        {
            t.File.Copy(t.P("/f.txt"), t.P("/f.txt"));
            return null;
        });
        yield return ("File.Copy onto itself overwrite", t =>
        {
            t.File.Copy(t.P("/f.txt"), t.P("/f.txt"), overwrite: true);
            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("File.Copy over symlink overwrite writes the target", t =>
        {
            t.File.Copy(t.P("/d/a.txt"), t.P("/lnk"), overwrite: true);
            return (t.File.ReadAllText(t.P("/f.txt")), t.Fs.FileInfo.New(t.P("/lnk")).LinkTarget);
        });
        yield return ("File.WriteAllText on a 0444 file as root", t =>
        {
            t.File.SetUnixFileMode(t.P("/f.txt"), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            t.File.WriteAllText(t.P("/f.txt"), "root may");
            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("File.ReadLinesAsync", t =>
        {
            t.File.WriteAllText(t.P("/lines"), "a\nb\n\nc");
            var lines = new List<string>();
            var e = t.File.ReadLinesAsync(t.P("/lines")).GetAsyncEnumerator();
            while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                lines.Add(e.Current);
            }

            e.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return string.Join("|", lines);
        });
        yield return ("Large file through a stream in chunks", t =>
        {
            var data = new byte[300_000];
            new Random(1).NextBytes(data);
            using (var s = t.File.Create(t.P("/big")))
            {
                for (int i = 0; i < data.Length; i += 7_000)
                {
                    s.Write(data, i, Math.Min(7_000, data.Length - i));
                }
            }

            using var r = t.File.OpenRead(t.P("/big"));
            var back = new byte[data.Length];
            int total = 0;
            int n;
            while ((n = r.Read(back, total, Math.Min(4096, back.Length - total))) > 0)
            {
                total += n;
            }

            return (total, back.AsSpan().SequenceEqual(data), r.Length, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(t.File.ReadAllBytes(t.P("/big")))));
        });
        yield return ("Directory.CreateDirectory double slashes", t =>
        {
            var info = t.Directory.CreateDirectory(t.P("/n1//n2///"));
            return (info.FullName, info.Name, t.Directory.Exists(t.P("/n1/n2")));
        });
        yield return ("Directory.Move with contents keeps them", t =>
        {
            t.Directory.Move(t.P("/d"), t.P("/empty/d"));
            return t.Directory.GetFiles(t.P("/empty"), "*", SearchOption.AllDirectories);
        });
        yield return ("Directory.Delete recursive of the tree root of a subdirectory with hidden files", t =>
        {
            t.Directory.Delete(t.P("/d/"), true);
            return t.Directory.GetFileSystemEntries(t.P("/"));
        });
        yield return ("File operations with unicode names", t =>
        {
            t.File.WriteAllText(t.P("/d/ünïcödé ✓.txt"), "ü", Encoding.UTF8);
            return (t.Directory.GetFiles(t.P("/d"), "*✓*"), t.File.ReadAllText(t.P("/d/ünïcödé ✓.txt")));
        });
        yield return ("File name too long", t =>
        {
            t.File.WriteAllText(t.P("/" + new string('x', 256)), "x");
            return null;
        });
        yield return ("Search pattern with brackets and escapes", t =>
        {
            t.File.WriteAllText(t.P("/d/[x].txt"), "");
            t.File.WriteAllText(t.P("/d/a\\b.txt"), "");
            return (t.Directory.GetFiles(t.P("/d"), "[x].txt"), t.Directory.GetFiles(t.P("/d"), "a\\b.txt"), t.Directory.GetFiles(t.P("/d"), "*.txt"));
        });
        yield return ("Pattern with dot suffix and star-dot", t =>
        {
            t.File.WriteAllText(t.P("/d/noext"), "");
            return (t.Directory.GetFiles(t.P("/d"), "*."), t.Directory.GetFiles(t.P("/d"), "noext."), t.Directory.GetFiles(t.P("/d"), "*.t*"));
        });
        yield return ("FileInfo.Directory and DirectoryInfo.Parent chain", t =>
        {
            var fi = t.Fs.FileInfo.New(t.P("/d/sub/c.txt"));
            return (fi.Directory!.FullName, fi.Directory.Parent!.FullName, fi.DirectoryName);
        });
        yield return ("FileInfo.Open modes", t =>
        {
            var fi = t.Fs.FileInfo.New(t.P("/f.txt"));
            using (var s = fi.Open(FileMode.Append, FileAccess.Write))
            {
                s.Write("!"u8);
            }

            using (var s = fi.OpenWrite())
            {
                s.Write("J"u8);
            }

            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("Setting LastWriteTime on a symlink sets the link itself", t =>
        {
            var time = new DateTime(2011, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            t.File.SetLastWriteTimeUtc(t.P("/lnk"), time);
            return (t.File.GetLastWriteTimeUtc(t.P("/lnk")), t.File.GetLastWriteTimeUtc(t.P("/f.txt")).Year == 2011, t.Fs.FileInfo.New(t.P("/lnk")).LastWriteTimeUtc);
        });
        yield return ("SetCreationTimeUtc sets the modification time", t =>
        {
            t.File.SetLastWriteTimeUtc(t.P("/f.txt"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var before = (t.File.GetLastWriteTimeUtc(t.P("/f.txt")), t.File.GetCreationTimeUtc(t.P("/f.txt")));
            t.File.SetCreationTimeUtc(t.P("/f.txt"), new DateTime(2002, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var fi = t.Fs.FileInfo.New(t.P("/d"));
            fi.CreationTimeUtc = new DateTime(2003, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            t.Directory.SetCreationTimeUtc(t.P("/empty"), new DateTime(2004, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            return (before, t.File.GetLastWriteTimeUtc(t.P("/f.txt")), t.File.GetCreationTimeUtc(t.P("/f.txt")),
                t.Directory.GetLastWriteTimeUtc(t.P("/d")), t.Directory.GetCreationTimeUtc(t.P("/empty")));
        });
        yield return ("SetCreationTimeUtc missing", t =>
        {
            t.File.SetCreationTimeUtc(t.P("/missing"), DateTime.UtcNow);
            return null;
        });
        yield return ("Directory.SetCreationTimeUtc missing", t =>
        {
            t.Directory.SetCreationTimeUtc(t.P("/nodir/x"), DateTime.UtcNow);
            return null;
        });
        yield return ("SetLastAccessTimeUtc missing", t =>
        {
            t.File.SetLastAccessTimeUtc(t.P("/missing"), DateTime.UtcNow);
            return null;
        });
        yield return ("Directory times of missing", t => (t.Directory.GetLastWriteTimeUtc(t.P("/missing")), t.Directory.GetCreationTimeUtc(t.P("/missing")), t.File.GetLastAccessTimeUtc(t.P("/nodir/x"))));
        yield return ("Directory.GetParent root", t => t.Directory.GetParent("/"));
        yield return ("Copy while the source is held exclusively", t =>
        {
            using var s = t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            t.File.Copy(t.P("/f.txt"), t.P("/copy"));
            return null;
        });
        yield return ("Copy onto a destination held exclusively", t =>
        {
            using var s = t.File.Open(t.P("/d/a.txt"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            t.File.Copy(t.P("/f.txt"), t.P("/d/a.txt"), overwrite: true);
            return null;
        });
        foreach (var op in new[] { "read", "write", "exists", "direxists", "attrs", "delete", "enumerate", "mkdir", "resolve" })
        {
            yield return ($"Symlink loop: {op}", t =>
            {
                t.File.CreateSymbolicLink(t.P("/loop"), "loop");
                return op switch
                {
                    "read" => t.File.ReadAllText(t.P("/loop")),
                    "write" => Void(() => t.File.WriteAllText(t.P("/loop"), "x")),
                    "exists" => t.File.Exists(t.P("/loop")),
                    "direxists" => t.Directory.Exists(t.P("/loop")),
                    "attrs" => t.File.GetAttributes(t.P("/loop")),
                    "delete" => Void(() => t.File.Delete(t.P("/loop"))),
                    "enumerate" => t.Directory.GetFiles(t.P("/loop")),
                    "mkdir" => t.Directory.CreateDirectory(t.P("/loop/x")),
                    _ => t.File.ResolveLinkTarget(t.P("/loop"), true),
                };
            });
        }

        foreach (var p in new[] { "/f.txt/", "/lnk/", "/dlnk/", "/dangling/", "/d/", "/missing/", "/f.txt/x", "/dangling/x", "/lnk/x", "/dlnk/a.txt", "/dlnk/sub/" })
        {
            yield return ($"Trailing slash: File.Delete {p}", t => Void(() => t.File.Delete(t.P(p))));
            yield return ($"Trailing slash: File.GetAttributes {p}", t => t.File.GetAttributes(t.P(p)));
            yield return ($"Trailing slash: File.GetUnixFileMode {p}", t => t.File.GetUnixFileMode(t.P(p)));
            yield return ($"Trailing slash: File.SetLastWriteTimeUtc {p}", t => Void(() => t.File.SetLastWriteTimeUtc(t.P(p), new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
            yield return ($"Trailing slash: File.ResolveLinkTarget {p}", t => t.File.ResolveLinkTarget(t.P(p), false));
            yield return ($"Trailing slash: Directory.Delete {p}", t => Void(() => t.Directory.Delete(t.P(p))));
            yield return ($"Trailing slash: Directory.Delete recursive {p}", t => Void(() => t.Directory.Delete(t.P(p), true)));
            yield return ($"Trailing slash: File.Copy from {p}", t => Void(() => t.File.Copy(t.P(p), t.P("/copy"))));
            yield return ($"Trailing slash: File.Copy to {p}", t => Void(() => t.File.Copy(t.P("/d/a.txt"), t.P(p), true)));
            yield return ($"Trailing slash: File.Move from {p}", t => Void(() => t.File.Move(t.P(p), t.P("/moved"))));
            yield return ($"Trailing slash: File.Move to {p}", t => Void(() => t.File.Move(t.P("/d/a.txt"), t.P(p))));
            yield return ($"Trailing slash: Directory.Move from {p}", t => Void(() => t.Directory.Move(t.P(p), t.P("/moved"))));
            yield return ($"Trailing slash: File.CreateSymbolicLink {p}", t => t.File.CreateSymbolicLink(t.P(p), "f.txt"));
            yield return ($"Trailing slash: Directory.CreateDirectory {p}", t => t.Directory.CreateDirectory(t.P(p)));
            yield return ($"Trailing slash: File.WriteAllText {p}", t => Void(() => t.File.WriteAllText(t.P(p), "x")));
            yield return ($"Trailing slash: File.Open OpenOrCreate {p}", t => Void(() => t.File.Open(t.P(p), FileMode.OpenOrCreate).Dispose()));
            yield return ($"Trailing slash: File.ReadAllText {p}", t => t.File.ReadAllText(t.P(p)));
            yield return ($"Trailing slash: File.AppendAllText {p}", t => Void(() => t.File.AppendAllText(t.P(p), "+")));
            yield return ($"Trailing slash: File.SetUnixFileMode {p}", t => Void(() => t.File.SetUnixFileMode(t.P(p), UnixFileMode.UserRead)));
            yield return ($"Trailing slash: File.SetAttributes {p}", t => Void(() => t.File.SetAttributes(t.P(p), FileAttributes.ReadOnly)));
            yield return ($"Trailing slash: Directory.GetFiles {p}", t => t.Directory.GetFiles(t.P(p)));
            yield return ($"Trailing slash: Directory.Exists {p}", t => t.Directory.Exists(t.P(p)));
            yield return ($"Trailing slash: File.Exists {p}", t => t.File.Exists(t.P(p)));
            yield return ($"Trailing slash: Directory.SetLastWriteTimeUtc {p}", t => Void(() => t.Directory.SetLastWriteTimeUtc(t.P(p), new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
            yield return ($"Trailing slash: Directory.CreateSymbolicLink {p}", t => t.Directory.CreateSymbolicLink(t.P(p), "d"));
        }

        yield return ("Empty file read", t =>
        {
            t.File.WriteAllBytes(t.P("/empty.bin"), []);
            using var s = t.File.OpenRead(t.P("/empty.bin"));
            return (s.Length, s.ReadByte(), t.File.ReadAllText(t.P("/empty.bin")), t.File.ReadAllLines(t.P("/empty.bin")).Length);
        });
    }
}
