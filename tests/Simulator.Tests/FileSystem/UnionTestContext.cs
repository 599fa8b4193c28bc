using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>How a unionmount-testsuite scenario is run.</summary>
public enum UnionMode
{
    /// <summary><c>--no</c>: a plain filesystem (the fixture written into an empty tree: everything is upper).</summary>
    Plain,

    /// <summary><c>--ov</c>: the fixture is a lower layer, the test writes to the upper.</summary>
    Overlay,

    /// <summary><c>--ov</c> with rotation: after every successful change the upper is committed and a new view continues on it.</summary>
    Rotate,
}

/// <summary>
/// The unionmount-testsuite fixture and helpers (set_up.py, context.py scenarios, ported from the catalogue):
/// each check states the expected errno or content.
/// </summary>
public sealed class UnionTestContext
{
    /// <summary>The file text of <c>foo&lt;i&gt;</c> and <c>rootfile&lt;i&gt;</c>.</summary>
    public const string FooText = ":xxx:yyy:zzz";

    /// <summary>The file text of <c>dir&lt;i&gt;/pop/b</c>.</summary>
    public const string BText = ":aaa:bbb:ccc";

    private static readonly Lazy<LayerStack> FixtureStack = new(() => LayerStack.Empty.Push(FixtureLayer()));

    private int _next = 100;

    /// <summary>Builds the fixture for a mode.</summary>
    /// <param name="mode">The mode.</param>
    public UnionTestContext(UnionMode mode)
    {
        Mode = mode;
        if (mode == UnionMode.Plain)
        {
            Fs = UnionFileSystem.CreateEmpty();
            foreach (var (path, entry) in FixtureEntries())
            {
                switch (entry.Type)
                {
                    case EntryType.Directory:
                        Fs.CreateDirectory(path, entry.Mode);
                        break;
                    case EntryType.Symlink:
                        Fs.CreateSymlink(entry.LinkTarget!, path);
                        break;
                    default:
                        Fs.WriteAllBytes(path, entry.Content.ReadAllBytes().Span, entry.Mode);
                        break;
                }

                if (entry.Uid != 0 || entry.Gid != 0)
                {
                    Fs.Chown(path, entry.Uid, entry.Gid);
                }
            }
        }
        else
        {
            Fs = UnionFileSystem.CreateWritable(FixtureStack.Value);
        }

        Incr();
    }

    /// <summary>The mode.</summary>
    public UnionMode Mode { get; }

    /// <summary>Whether the fixture is in a lower layer.</summary>
    public bool Union => Mode != UnionMode.Plain;

    /// <summary>The current view.</summary>
    public UnionFileSystem Fs { get; private set; }

    /// <summary>The current file number.</summary>
    public int I { get; private set; }

    /// <summary>Appended to every fixture path (for termslash variants).</summary>
    public string Suffix { get; set; } = "";

    /// <summary>Number of rotations done.</summary>
    public int Rotations { get; private set; }

#pragma warning disable CS1591 // fixture names are self-describing
    public string Foo => $"/a/foo{I}" + Suffix;
    public string DirectSym => $"/a/direct_sym{I}" + Suffix;
    public string IndirectSym => $"/a/indirect_sym{I}" + Suffix;
    public string Pointless => $"/a/pointless{I}" + Suffix;
    public string NoFoo => $"/a/no_foo{I}" + Suffix;
    public string NoDir => $"/a/no_dir{I}" + Suffix;
    public string Dir => $"/a/dir{I}" + Suffix;
    public string DirectDirSym => $"/a/direct_dir_sym{I}" + Suffix;
    public string IndirectDirSym => $"/a/indirect_dir_sym{I}" + Suffix;
    public string Empty => $"/a/empty{I}" + Suffix;
    public string RootFile => $"/a/rootfile{I}" + Suffix;
#pragma warning restore CS1591

    /// <summary>Moves to the next file number (ctx.incr_filenr()).</summary>
    public void Incr() => I = _next++;

    /// <summary>The fixture entries for i in 100..129, parents first.</summary>
    /// <returns>The entries.</returns>
    public static IEnumerable<(string Path, FileEntry Entry)> FixtureEntries()
    {
        yield return ("/a", FileEntry.Directory());
        for (int i = 100; i < 130; i++)
        {
            yield return ($"/a/foo{i}", FileEntry.File(FooText) with { Uid = 1, Gid = 1 });
            yield return ($"/a/direct_sym{i}", FileEntry.Symlink($"../a/foo{i}"));
            yield return ($"/a/indirect_sym{i}", FileEntry.Symlink($"direct_sym{i}"));
            yield return ($"/a/pointless{i}", FileEntry.Symlink($"no_foo{i}"));
            yield return ($"/a/dir{i}", FileEntry.Directory());
            yield return ($"/a/dir{i}/a", FileEntry.File(""));
            yield return ($"/a/dir{i}/pop", FileEntry.Directory());
            yield return ($"/a/dir{i}/pop/b", FileEntry.File(BText));
            yield return ($"/a/dir{i}/pop/c", FileEntry.Directory());
            yield return ($"/a/direct_dir_sym{i}", FileEntry.Symlink($"../a/dir{i}"));
            yield return ($"/a/indirect_dir_sym{i}", FileEntry.Symlink($"direct_dir_sym{i}"));
            yield return ($"/a/empty{i}", FileEntry.Directory());
            yield return ($"/a/rootfile{i}", FileEntry.File(FooText));
        }
    }

    /// <summary>The fixture as one layer.</summary>
    /// <returns>The layer.</returns>
    public static Layer FixtureLayer() =>
        Layer.Create(FixtureEntries().Select(e => KeyValuePair.Create(e.Path, e.Entry)));

    /// <summary>Commits the upper and continues on a new view whose lowers include it (only in <see cref="UnionMode.Rotate"/>).</summary>
    public void Rotate()
    {
        if (Mode != UnionMode.Rotate)
        {
            return;
        }

        var layer = Fs.CommitLayer();
        var before = Snapshot(Fs);
        Fs = UnionFileSystem.CreateWritable(Fs.Lower.Push(layer));
        Assert.Equal(before, Snapshot(Fs));
        Rotations++;
    }

    /// <summary>Runs a change expecting success (then rotates) or the errno.</summary>
    /// <param name="err">The expected errno, or <see langword="null"/> for success.</param>
    /// <param name="action">The operation.</param>
    public void Expect(Errno? err, Action action)
    {
        if (err is { } errno)
        {
            var e = Assert.Throws<FileSystemException>(action);
            Assert.Equal(errno, e.Errno);
        }
        else
        {
            action();
            Rotate();
        }
    }

#pragma warning disable CS1591 // the suite's calls
    public void Mkdir(string path, Errno? err = null) => Expect(err, () => Fs.CreateDirectory(path));
    public void Rmdir(string path, Errno? err = null) => Expect(err, () => Fs.RemoveDirectory(path));
    public void Unlink(string path, Errno? err = null) => Expect(err, () => Fs.Unlink(path));
    public void Link(string from, string to, Errno? err = null) => Expect(err, () => Fs.Link(from, to));
    public void Symlink(string target, string path, Errno? err = null) => Expect(err, () => Fs.CreateSymlink(target, path));
    public void Truncate(string path, long size, Errno? err = null) => Expect(err, () => Fs.Truncate(path, size));
    public void Utimes(string path, Errno? err = null) => Expect(err, () => Fs.SetModifiedTime(path));
    public void Chmod(string path, UnixFileMode mode, Errno? err = null) => Expect(err, () => Fs.Chmod(path, mode));

    public void Rename(string from, string to, Errno? err = null) => Expect(err, () => Fs.Rename(from, to));

    /// <summary>
    /// Renames a directory: on a union, a lower or merged source gives EXDEV (overlayfs without redirect_dir) after
    /// the VFS checks; like <c>mv</c>, a successful plain rename is then done by copy and delete so the scenario continues.
    /// </summary>
    public void RenameDir(string from, string to, Errno? err = null)
    {
        bool vfsError = err is Errno.ENOENT or Errno.ENOTDIR or Errno.EISDIR or Errno.EINVAL or Errno.EBUSY ||
            (err == Errno.ENOTEMPTY && FsPath.IsSameOrUnder(FsPath.Clean(from), FsPath.Clean(to)));
        bool exdev = Union && !vfsError && FsPath.Clean(from) != FsPath.Clean(to) && Fs.IsLowerOrMergedDirectory(from);
        if (!exdev)
        {
            Rename(from, to, err);
            return;
        }

        Expect(Errno.EXDEV, () => Fs.Rename(from, to));
        if (err is null)
        {
            if (Fs.Exists(to))
            {
                Fs.RemoveDirectory(to);
            }

            CopyTree(from, to);
            RemoveTree(from);
            Rotate();
        }
    }

    public void Open(string path, OpenFlags flags, Errno? err = null) => Expect(err, () => Fs.Open(path, flags).Dispose());

    public void Read(string path, string expected) => Assert.Equal(expected, Fs.ReadAllText(path));
    public void Write(string path, string text) => Expect(null, () => Fs.WriteAllText(path, text));
    public void Append(string path, string text) => Expect(null, () => Fs.Append(path, System.Text.Encoding.UTF8.GetBytes(text)));

    public void Readlink(string path, string? expected, Errno? err = null)
    {
        if (err is { } errno)
        {
            Assert.Equal(errno, Assert.Throws<FileSystemException>(() => Fs.ReadLink(path)).Errno);
        }
        else
        {
            Assert.Equal(expected, Fs.ReadLink(path));
        }
    }

    public void NoEnt(string path) => Assert.Equal(Errno.ENOENT, Assert.Throws<FileSystemException>(() => Fs.LStat(path)).Errno);
    public void IsFile(string path) => Assert.Equal(EntryType.RegularFile, Fs.LStat(path).Type);
    public void IsDir(string path) => Assert.Equal(EntryType.Directory, Fs.LStat(path).Type);
    public void IsSym(string path) => Assert.Equal(EntryType.Symlink, Fs.LStat(path).Type);
    public void DirEmpty(string path) => Assert.Empty(Fs.ReadDirectory(path));
#pragma warning restore CS1591

    /// <summary>Copies a tree as <c>cp -a</c> does (used for the <c>mv</c> fallback after EXDEV).</summary>
    /// <param name="from">Source.</param>
    /// <param name="to">Destination (must not exist).</param>
    public void CopyTree(string from, string to)
    {
        var entry = Fs.LStat(from);
        switch (entry.Type)
        {
            case EntryType.Directory:
                Fs.CreateDirectory(to, entry.Mode);
                foreach (var name in Fs.ReadDirectory(from))
                {
                    CopyTree(from.TrimEnd('/') + "/" + name, to.TrimEnd('/') + "/" + name);
                }

                break;
            case EntryType.Symlink:
                Fs.CreateSymlink(entry.LinkTarget!, to);
                break;
            default:
                Fs.WriteContent(to, entry.Content, entry.Mode);
                break;
        }

        if (entry.Type != EntryType.Symlink)
        {
            Fs.Chown(to, entry.Uid, entry.Gid);
        }
    }

    /// <summary><c>rm -r</c>.</summary>
    /// <param name="path">The tree.</param>
    public void RemoveTree(string path)
    {
        if (Fs.LStat(path).IsDirectory)
        {
            foreach (var name in Fs.ReadDirectory(path).ToArray())
            {
                RemoveTree(path.TrimEnd('/') + "/" + name);
            }

            Fs.RemoveDirectory(path);
        }
        else
        {
            Fs.Unlink(path);
        }
    }

    /// <summary>Every path of a view with type, mode, owner, content or target, sorted.</summary>
    /// <param name="fs">The view.</param>
    /// <returns>One line per path.</returns>
    public static List<string> Snapshot(UnionFileSystem fs)
    {
        var lines = new List<string>();
        void Walk(string path)
        {
            var e = fs.LStat(path);
            string detail = e.Type switch
            {
                EntryType.Symlink => "-> " + e.LinkTarget,
                EntryType.RegularFile => Convert.ToHexString(e.Content.ReadAllBytes().Span),
                _ => "",
            };
            lines.Add($"{path} {e.Type} {(int)e.Mode:x} {e.Uid}:{e.Gid} {detail}");
            if (e.IsDirectory)
            {
                foreach (var name in fs.ReadDirectory(path))
                {
                    Walk(FsPath.Combine(path, name));
                }
            }
        }

        Walk(FsPath.Root);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
