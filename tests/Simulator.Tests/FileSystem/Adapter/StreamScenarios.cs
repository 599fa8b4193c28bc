using System.Text;

namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>File.Open / FileStream scenarios, each run against the adapter and the real file system.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class StreamScenarios
{
    public static IEnumerable<(string Name, Func<FsTarget, object?> Run)> All()
    {
        foreach (var mode in Enum.GetValues<FileMode>())
        {
            foreach (var access in new[] { FileAccess.Read, FileAccess.Write, FileAccess.ReadWrite })
            {
                foreach (var p in new[] { "/f.txt", "/new", "/d", "/nodir/x", "/lnk", "/dangling" })
                {
                    yield return ($"File.Open {p} {mode} {access}", t =>
                    {
                        string observed;
                        using (var s = t.File.Open(t.P(p), mode, access))
                        {
                            observed = $"pos={s.Position} len={s.Length} r={s.CanRead} w={s.CanWrite} seek={s.CanSeek} name={t.Unroot(s.Name)}";
                            if (s.CanWrite)
                            {
                                s.Write("XY"u8);
                            }
                        }

                        return observed + " now=" + t.File.ReadAllText(t.P(p));
                    });
                }
            }
        }

        yield return ("File.Open with FileStreamOptions.UnixCreateMode", t =>
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = (UnixFileMode)0x1FF };
            using (var s = t.File.Open(t.P("/script"), options))
            {
                s.Write("#!"u8);
            }

            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            options.Mode = FileMode.OpenOrCreate;
            t.Fs.FileStream.New(t.P("/script"), options).Dispose();
            t.Fs.FileStream.New(t.P("/private"), options).Dispose();
            return (t.File.GetUnixFileMode(t.P("/script")), t.File.GetUnixFileMode(t.P("/private")));
        });
        yield return ("File.Open bad mode", t => t.File.Open(t.P("/f.txt"), (FileMode)42));
        yield return ("File.Open bad access", t => t.File.Open(t.P("/f.txt"), FileMode.Open, (FileAccess)42));
        yield return ("File.Open empty path", t => t.File.Open("", FileMode.Open));
        yield return ("File.Create", t =>
        {
            using (var s = t.File.Create(t.P("/f.txt")))
            {
                s.Write("abc"u8);
                s.Position = 1;
                s.WriteByte((byte)'Z');
            }

            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("File.Create missing dir", t => t.File.Create(t.P("/nodir/x")));
        yield return ("File.OpenWrite keeps tail", t =>
        {
            using (var s = t.File.OpenWrite(t.P("/f.txt")))
            {
                s.Write("J"u8);
            }

            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("File.OpenRead reads", t =>
        {
            using var s = t.File.OpenRead(t.P("/f.txt"));
            var buffer = new byte[3];
            int n = s.Read(buffer, 0, 3);
            s.Seek(-1, SeekOrigin.End);
            int last = s.ReadByte();
            int eof = s.ReadByte();
            return (n, Encoding.ASCII.GetString(buffer), last, eof, s.Position);
        });
        yield return ("Stream read on write-only", t =>
        {
            using var s = t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.Write);
            return s.ReadByte();
        });
        yield return ("Stream write on read-only", t =>
        {
            using var s = t.File.OpenRead(t.P("/f.txt"));
            s.WriteByte(1);
            return null;
        });
        yield return ("Stream seek before start", t =>
        {
            using var s = t.File.OpenRead(t.P("/f.txt"));
            return s.Seek(-1, SeekOrigin.Begin);
        });
        yield return ("Stream negative position", t =>
        {
            using var s = t.File.OpenRead(t.P("/f.txt"));
            s.Position = -1;
            return null;
        });
        yield return ("Stream seek past end then write", t =>
        {
            using (var s = t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.ReadWrite))
            {
                s.Seek(3, SeekOrigin.End);
                s.WriteByte((byte)'!');
            }

            return t.File.ReadAllBytes(t.P("/f.txt"));
        });
        yield return ("Stream SetLength", t =>
        {
            using (var s = t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.ReadWrite))
            {
                s.SetLength(2);
                s.Seek(0, SeekOrigin.End);
                s.WriteByte((byte)'?');
                s.SetLength(5);
            }

            return t.File.ReadAllBytes(t.P("/f.txt"));
        });
        yield return ("Stream read far past the end of a writable stream", t =>
        {
            using var s = t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.ReadWrite);
            s.Seek(100_000, SeekOrigin.Begin);
            var buffer = new byte[10];
            return (s.Read(buffer), s.Position, s.Length);
        });
        yield return ("Stream truncation is visible while open", t =>
        {
            using var s = t.File.Open(t.P("/f.txt"), FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
            return t.File.ReadAllBytes(t.P("/f.txt")).Length;
        });
        yield return ("Stream SetLength read-only", t =>
        {
            using var s = t.File.OpenRead(t.P("/f.txt"));
            s.SetLength(1);
            return null;
        });
        yield return ("Stream append seek back", t =>
        {
            using var s = t.File.Open(t.P("/f.txt"), FileMode.Append);
            s.Seek(0, SeekOrigin.Begin);
            return null;
        });
        yield return ("Stream append truncate", t =>
        {
            using var s = t.File.Open(t.P("/f.txt"), FileMode.Append);
            s.SetLength(1);
            return null;
        });
        yield return ("Stream append writes at end", t =>
        {
            using (var s = t.File.Open(t.P("/f.txt"), FileMode.Append))
            {
                s.Write("++"u8);
                s.Seek(-1, SeekOrigin.Current);
                s.Write("-"u8);
            }

            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("Stream disposed read", t =>
        {
            var s = t.File.OpenRead(t.P("/f.txt"));
            s.Dispose();
            return s.ReadByte();
        });
        yield return ("Stream disposed length", t =>
        {
            var s = t.File.OpenRead(t.P("/f.txt"));
            s.Dispose();
            return s.Length;
        });
        yield return ("Stream disposed flags", t =>
        {
            var s = t.File.Open(t.P("/f.txt"), FileMode.Open);
            s.Dispose();
            return (s.CanRead, s.CanWrite, s.CanSeek);
        });
        yield return ("Stream flush makes writes visible", t =>
        {
            using var s = t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            s.Write("HE"u8);
            s.Flush();
            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("Stream async read and write", t =>
        {
            using (var s = t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.ReadWrite))
            {
                s.WriteAsync(Encoding.ASCII.GetBytes("ab")).AsTask().GetAwaiter().GetResult();
                s.Position = 0;
                var buffer = new byte[10];
                int n = s.ReadAsync(buffer).AsTask().GetAwaiter().GetResult();
                s.FlushAsync().GetAwaiter().GetResult();
                return (n, Encoding.ASCII.GetString(buffer, 0, n));
            }
        });
        yield return ("Stream read sees size", t =>
        {
            using var s = t.File.OpenRead(t.P("/f.txt"));
            return new StreamReader(s).ReadToEnd();
        });
        yield return ("Sharing: exclusive then open again", t =>
        {
            using var s = t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            using var s2 = t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.Read, FileShare.Read);
            return null;
        });
        yield return ("Sharing: exclusive then ReadAllText", t =>
        {
            using var s = t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("Sharing: shared then exclusive", t =>
        {
            using var s = t.File.OpenRead(t.P("/f.txt"));
            using var s2 = t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.Read, FileShare.None);
            return null;
        });
        yield return ("Sharing: two readers", t =>
        {
            using var s = t.File.OpenRead(t.P("/f.txt"));
            using var s2 = t.File.OpenRead(t.P("/f.txt"));
            return (s.ReadByte(), s2.ReadByte());
        });
        yield return ("Sharing: released on dispose", t =>
        {
            t.File.Open(t.P("/f.txt"), FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();
            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("FileStream.New", t =>
        {
            using (var s = t.Fs.FileStream.New(t.P("/fs.txt"), FileMode.CreateNew, FileAccess.Write))
            {
                s.Write("fs"u8);
            }

            return t.File.ReadAllText(t.P("/fs.txt"));
        });
        yield return ("File.CreateText and OpenText", t =>
        {
            using (var w = t.File.CreateText(t.P("/text")))
            {
                w.Write("line1\nline2");
            }

            using var r = t.File.OpenText(t.P("/text"));
            return (r.ReadLine(), r.ReadLine(), r.ReadLine(), t.File.ReadAllBytes(t.P("/text")).Length);
        });
        yield return ("File.AppendText", t =>
        {
            using (var w = t.File.AppendText(t.P("/f.txt")))
            {
                w.Write(" there");
            }

            return t.File.ReadAllText(t.P("/f.txt"));
        });
        yield return ("FileOptions.DeleteOnClose", t =>
        {
            using (var s = t.Fs.FileStream.New(t.P("/tmpfile"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose))
            {
                s.WriteByte(1);
            }

            return t.File.Exists(t.P("/tmpfile"));
        });
    }
}
