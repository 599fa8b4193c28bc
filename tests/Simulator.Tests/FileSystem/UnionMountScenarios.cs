using Simulator.FileSystem;
using static Simulator.FileSystem.Errno;

namespace Simulator.Tests.FileSystem;

/// <summary>
/// The unionmount-testsuite scenarios (corpus/unionmount-testsuite-index.md), one entry per subtest, keyed
/// "file:number". Expected errnos are Linux's (fs/namei.c order of checks), derived from each docstring.
/// </summary>
public static class UnionMountScenarios
{
    private const OpenFlags RO = OpenFlags.ReadOnly;
    private const OpenFlags WO = OpenFlags.WriteOnly;
    private const OpenFlags RW = OpenFlags.ReadWrite;
    private const OpenFlags AP = OpenFlags.Append;
    private const OpenFlags CR = OpenFlags.Create;
    private const OpenFlags EX = OpenFlags.Exclusive;
    private const OpenFlags TR = OpenFlags.Truncate;
    private const OpenFlags DI = OpenFlags.Directory;

    private static readonly OpenFlags[] Accesses = [RO, WO, AP | WO, RW, AP | RW];

    /// <summary>Every scenario by name.</summary>
    public static IReadOnlyDictionary<string, Action<UnionTestContext>> All { get; } = Build();

    private static Dictionary<string, Action<UnionTestContext>> Build()
    {
        var all = new Dictionary<string, Action<UnionTestContext>>(StringComparer.Ordinal);
        void Add(string file, params Action<UnionTestContext>[] subtests)
        {
            for (int n = 0; n < subtests.Length; n++)
            {
                all.Add($"{file}:{n + 1}", subtests[n]);
            }
        }

        // open-*, sym1-*, sym2-*: an existing file reached directly, through one symlink, through two.
        foreach (var (prefix, target) in new (string, Func<UnionTestContext, string>)[]
        {
            ("open", c => c.Foo), ("sym1", c => c.DirectSym), ("sym2", c => c.IndirectSym),
        })
        {
            Add($"{prefix}-plain", Opens(target, 0, null, truncated: false));
            Add($"{prefix}-trunc", Opens(target, TR, null, truncated: true));
            Add($"{prefix}-creat", Opens(target, CR, null, truncated: false));
            Add($"{prefix}-creat-trunc", Opens(target, CR | TR, null, truncated: true));
            Add($"{prefix}-creat-excl", Opens(target, CR | EX, EEXIST, truncated: false));
            Add($"{prefix}-creat-excl-trunc", Opens(target, CR | EX | TR, EEXIST, truncated: false));
        }

        // noent-*: a missing name.
        Add("noent-plain", Opens(c => c.NoFoo, 0, ENOENT, false));
        Add("noent-trunc", Opens(c => c.NoFoo, TR, ENOENT, false));
        Add("noent-creat", Creates(c => c.NoFoo, CR, null));
        Add("noent-creat-trunc", Creates(c => c.NoFoo, CR | TR, null));
        Add("noent-creat-excl", Creates(c => c.NoFoo, CR | EX, null));
        Add("noent-creat-excl-trunc", Creates(c => c.NoFoo, CR | EX | TR, null));

        // symx-*: a dangling symlink; O_CREAT without O_EXCL creates its target (Linux follows it).
        Add("symx-plain", Opens(c => c.Pointless, 0, ENOENT, false));
        Add("symx-trunc", Opens(c => c.Pointless, TR, ENOENT, false));
        Add("symx-creat", Creates(c => c.Pointless, CR, null));
        Add("symx-creat-trunc", Creates(c => c.Pointless, CR | TR, null));
        Add("symx-creat-excl", Creates(c => c.Pointless, CR | EX, EEXIST));

        // dir-*: directories opened, directly or through symlinks; may_open refuses MAY_WRITE with EISDIR.
        foreach (var (prefix, target) in new (string, Func<UnionTestContext, string>)[]
        {
            ("dir", c => c.Dir), ("dir-sym1", c => c.DirectDirSym), ("dir-sym2", c => c.IndirectDirSym),
        })
        {
            Add($"{prefix}-open", [.. Accesses.Select(a => DirOpen(target, a, a == RO ? null : EISDIR))]);
            Add($"{prefix}-weird-open", [.. new[] { RO, WO }.SelectMany(a => new[]
            {
                DirOpen(target, a | CR, EISDIR),
                DirOpen(target, a | CR | EX, EEXIST),
                DirOpen(target, a | TR, EISDIR),
                DirOpen(target, a | TR | CR, EISDIR),
                DirOpen(target, a | TR | CR | EX, EEXIST),
            })]);
        }

        Add("dir-open-dir", [.. Accesses.Select(a => DirOpen(c => c.Dir, a | DI, a == RO ? null : EISDIR))]);
        Add("dir-weird-open-dir", [.. new[] { RO, WO }.SelectMany(a => new[]
        {
            // Linux 6.4+: O_CREAT | O_DIRECTORY is EINVAL before any lookup.
            DirOpen(c => c.Dir, DI | a | CR, EINVAL),
            DirOpen(c => c.Dir, DI | a | CR | EX, EINVAL),
            DirOpen(c => c.Dir, DI | a | TR, EISDIR),
            DirOpen(c => c.Dir, DI | a | TR | CR, EINVAL),
            DirOpen(c => c.Dir, DI | a | TR | CR | EX, EINVAL),
        })]);

        Add("mkdir",
            c => { c.Mkdir(c.NoDir); c.IsDir(c.NoDir); c.Mkdir(c.NoDir, EEXIST); },
            c => { c.Mkdir(c.Foo, EEXIST); c.IsFile(c.Foo); },
            c => c.Mkdir(c.Empty, EEXIST),
            c => { c.Mkdir(c.Empty + "/sub"); c.Mkdir(c.Empty + "/sub", EEXIST); c.IsDir(c.Empty + "/sub"); },
            c => c.Mkdir(c.Dir, EEXIST),
            c => { c.Mkdir(c.Dir + "/sub"); c.IsDir(c.Dir + "/sub"); c.Read(c.Dir + "/pop/b", UnionTestContext.BText); },
            c => c.Mkdir(c.DirectSym, EEXIST),
            c => c.Mkdir(c.IndirectSym, EEXIST),
            c => c.Mkdir(c.DirectDirSym, EEXIST),
            c => c.Mkdir(c.IndirectDirSym, EEXIST),
            c => { c.Mkdir(c.Pointless, EEXIST); c.NoEnt(c.NoFoo); });

        Add("rmdir",
            c => c.Rmdir(c.NoDir, ENOENT),
            c => c.Rmdir(c.NoDir + "/sub", ENOENT),
            c => c.Rmdir(c.Foo, ENOTDIR),
            c => c.Rmdir(c.Foo + "/sub", ENOTDIR),
            c => { c.Rmdir(c.Empty); c.NoEnt(c.Empty); c.Rmdir(c.Empty, ENOENT); },
            c => c.Rmdir(c.Empty + "/sub", ENOENT),
            c => { c.Rmdir(c.Dir, ENOTEMPTY); c.IsDir(c.Dir); },
            c => { c.Write(c.Dir + "/new", "x"); c.Rmdir(c.Dir, ENOTEMPTY); c.Unlink(c.Dir + "/new"); c.Rmdir(c.Dir, ENOTEMPTY); },
            c => { c.Append(c.Dir + "/a", ":new"); c.Rmdir(c.Dir, ENOTEMPTY); c.Read(c.Dir + "/a", ":new"); },
            c =>
            {
                c.Unlink(c.Dir + "/a");
                c.Mkdir(c.Dir + "/a");
                c.Rmdir(c.Dir, ENOTEMPTY);
                c.Rmdir(c.Dir + "/a");
                c.RemoveTree(c.Dir + "/pop");
                c.Rotate();
                c.Rmdir(c.Dir);
                c.NoEnt(c.Dir);
            },
            c =>
            {
                c.Rmdir(c.Dir + "/pop/c");
                c.Rmdir(c.Dir + "/pop/c", ENOENT);
                c.Mkdir(c.Dir + "/pop/c");
                c.Mkdir(c.Dir + "/pop/c", EEXIST);
                c.Read(c.Dir + "/pop/b", UnionTestContext.BText);
            },
            c => { c.Rmdir(c.DirectSym, ENOTDIR); c.Rmdir(c.IndirectSym, ENOTDIR); c.Read(c.Foo, UnionTestContext.FooText); },
            c => { c.Rmdir(c.DirectDirSym, ENOTDIR); c.IsDir(c.Dir); },
            c => { c.Rmdir(c.IndirectDirSym, ENOTDIR); c.IsDir(c.Dir); },
            c => c.Rmdir(c.Pointless, ENOTDIR),
            c =>
            {
                c.Rmdir(c.Empty);
                c.Mkdir(c.Empty);
                c.Write(c.Empty + "/b", "x");
                c.Rmdir(c.Empty, ENOTEMPTY);
                c.Unlink(c.Empty + "/b");
                c.DirEmpty(c.Empty);
                c.Rmdir(c.Empty);
                c.NoEnt(c.Empty);
            });

        Add("unlink",
            c => { c.Unlink(c.Foo); c.NoEnt(c.Foo); c.Unlink(c.Foo, ENOENT); },
            c => { c.Unlink(c.DirectSym); c.NoEnt(c.DirectSym); c.Read(c.Foo, UnionTestContext.FooText); },
            c => { c.Unlink(c.IndirectSym); c.NoEnt(c.IndirectSym); c.IsSym(c.DirectSym); },
            c => { c.Unlink(c.Dir, EISDIR); c.IsDir(c.Dir); },
            c => { c.Unlink(c.DirectDirSym); c.IsDir(c.Dir); },
            c => { c.Unlink(c.IndirectDirSym); c.IsSym(c.DirectDirSym); },
            c => c.Unlink(c.NoFoo, ENOENT),
            c => { c.Unlink(c.Pointless); c.NoEnt(c.Pointless); },
            c => { c.Unlink(c.Foo); c.Unlink(c.DirectSym); c.NoEnt(c.DirectSym); },
            c => { c.Unlink(c.NoFoo, ENOENT); c.IsSym(c.Pointless); });

        Add("readlink",
            c => c.Readlink(c.Foo, null, EINVAL),
            c => c.Readlink(c.DirectSym, $"../a/foo{c.I}"),
            c => c.Readlink(c.IndirectSym, $"direct_sym{c.I}"),
            c => c.Readlink(c.Dir, null, EINVAL),
            c => c.Readlink(c.DirectDirSym, $"../a/dir{c.I}"),
            c => c.Readlink(c.IndirectDirSym, $"direct_dir_sym{c.I}"),
            c => c.Readlink(c.NoFoo, null, ENOENT),
            c => c.Readlink(c.Pointless, $"no_foo{c.I}"),
            c => { c.Unlink(c.Foo); c.Readlink(c.DirectSym, $"../a/foo{c.I}"); },
            c => { c.Readlink(c.NoFoo, null, ENOENT); c.Readlink(c.Pointless, $"no_foo{c.I}"); });

        Add("truncate", c =>
        {
            c.Truncate(c.Foo, 4);
            c.Read(c.Foo, ":xxx");
            c.Truncate(c.Foo, 0);
            c.Read(c.Foo, "");
            c.Append(c.Foo, ":abc");
            c.Truncate(c.Foo, 6);
            c.Read(c.Foo, ":abc\0\0");
            c.Truncate(c.NoFoo, 0, ENOENT);
            c.Truncate(c.Dir, 0, EISDIR);
            c.Truncate(c.Foo, -1, EINVAL);
            c.Truncate(c.DirectSym, 1);
            c.Read(c.Foo, ":");
        });

        Add("impermissible",
            c => Denied(c, fs => fs.Open(c.RootFile, TR | WO).Dispose()),
            c => Denied(c, fs => fs.Open(c.RootFile, WO).Dispose()),
            c => Denied(c, fs => fs.Open(c.RootFile, AP | WO).Dispose()),
            c => Denied(c, fs => fs.Truncate(c.RootFile, 0)),
            c => Denied(c, fs => fs.SetModifiedTime(c.RootFile)));

        Add("hard-link",
            c =>
            {
                c.Link(c.Foo, c.NoFoo);
                c.Read(c.Foo, UnionTestContext.FooText);
                c.Read(c.NoFoo, UnionTestContext.FooText);
                c.Append(c.NoFoo, ":new");
                if (c.Mode != UnionMode.Rotate)
                {
                    // Upper hard links share content; a committed layer keeps the link in its tar, but the
                    // flattened lower breaks it at the next copy-up (overlayfs.rst without index=on).
                    c.Read(c.Foo, UnionTestContext.FooText + ":new");
                }
            },
            c => c.Link(c.NoFoo, c.NoFoo + "_new", ENOENT),
            c => c.Link(c.NoFoo, c.Foo, ENOENT),
            c => c.Link(c.Foo, c.RootFile, EEXIST),
            c => { c.Write(c.NoFoo, "n"); c.Link(c.Foo, c.NoFoo, EEXIST); },
            c => { c.Write(c.NoFoo, "n"); c.Link(c.NoFoo, c.Foo, EEXIST); },
            c => c.Link(c.Foo, c.Foo, EEXIST),
            c => { c.Write(c.NoFoo, "n"); c.Link(c.NoFoo, c.NoFoo, EEXIST); },
            c => c.Link(c.NoFoo, c.NoFoo, ENOENT),
            c => { c.Unlink(c.Foo); c.Link(c.Foo, c.NoFoo, ENOENT); },
            c =>
            {
                c.Rename(c.Foo, c.NoFoo);
                c.Link(c.Foo, c.Foo + "_x", ENOENT);
                c.Link(c.NoFoo, c.Foo);
                c.Read(c.Foo, UnionTestContext.FooText);
            });

        Add("hard-link-dir",
            c => c.Link(c.Dir, c.NoDir, EPERM),
            c => c.Link(c.Foo, c.Dir, EEXIST),
            c => c.Link(c.Dir, c.Empty, EEXIST),
            c => c.Link(c.Empty, c.Dir, EEXIST),
            c => c.Link(c.Dir, c.Dir, EEXIST),
            c => c.Link(c.Dir + "/pop", c.Dir, EEXIST),
            c => { c.Rmdir(c.Empty); c.Link(c.Empty, c.NoDir, ENOENT); },
            c => { c.RenameDir(c.Empty, c.NoDir); c.Link(c.Empty, c.NoFoo, ENOENT); c.Link(c.NoDir, c.NoFoo, EPERM); });

        Add("hard-link-sym",
            c => { c.Link(c.DirectSym, c.NoFoo); c.Readlink(c.NoFoo, $"../a/foo{c.I}"); c.Read(c.NoFoo, UnionTestContext.FooText); },
            c => { c.Link(c.Pointless, c.NoDir); c.Readlink(c.NoDir, $"no_foo{c.I}"); },
            c => c.Link(c.NoFoo, c.DirectSym, ENOENT),
            c => c.Link(c.DirectSym, c.Foo, EEXIST),
            c => { c.Write(c.NoFoo, "n"); c.Link(c.DirectSym, c.NoFoo, EEXIST); },
            c => { c.Write(c.NoFoo, "n"); c.Link(c.NoFoo, c.DirectSym, EEXIST); },
            c => c.Link(c.DirectSym, c.DirectSym, EEXIST),
            c => c.Link(c.DirectSym, c.IndirectSym, EEXIST),
            c => { c.Unlink(c.DirectSym); c.Link(c.DirectSym, c.NoFoo, ENOENT); },
            c =>
            {
                c.Rename(c.DirectSym, c.NoFoo);
                c.Link(c.DirectSym, c.NoDir, ENOENT);
                c.Link(c.NoFoo, c.DirectSym);
                c.Readlink(c.DirectSym, $"../a/foo{c.I}");
            });

        Add("rename-file",
            c => { c.Rename(c.Foo, c.NoFoo); c.NoEnt(c.Foo); c.Read(c.NoFoo, UnionTestContext.FooText); c.Rename(c.NoFoo, c.Foo); c.NoEnt(c.NoFoo); c.Read(c.Foo, UnionTestContext.FooText); },
            c => { c.Rename(c.Foo, c.NoFoo); c.Unlink(c.Foo, ENOENT); },
            c => { c.Rename(c.Foo, c.NoFoo); c.Rmdir(c.Foo, ENOENT); },
            c => { c.Unlink(c.Foo); c.Rename(c.Foo, c.NoFoo, ENOENT); },
            c => { c.Rmdir(c.Foo, ENOTDIR); c.Rename(c.Foo, c.NoFoo); c.IsFile(c.NoFoo); },
            c => { c.Rename(c.Foo, c.NoFoo); c.Rename(c.Foo, c.NoFoo + "_2", ENOENT); c.Rename(c.NoFoo, c.NoFoo + "_2"); c.Read(c.NoFoo + "_2", UnionTestContext.FooText); },
            c => { c.Rename(c.Foo, c.RootFile); c.NoEnt(c.Foo); c.Read(c.RootFile, UnionTestContext.FooText); Assert.Equal(1, c.Fs.Stat(c.RootFile).Uid); },
            c => { c.Rename(c.Foo, c.Foo); c.Read(c.Foo, UnionTestContext.FooText); },
            c => { c.Rename(c.Foo, c.Dir, EISDIR); c.Rename(c.Foo, c.Empty, EISDIR); c.IsDir(c.Empty); },
            c => { c.Rename(c.Dir + "/a", c.Dir, ENOTEMPTY); c.IsFile(c.Dir + "/a"); });

        Add("rename-empty-dir",
            c => { c.RenameDir(c.Empty, c.NoDir); c.NoEnt(c.Empty); c.IsDir(c.NoDir); c.RenameDir(c.NoDir, c.Empty); c.IsDir(c.Empty); c.NoEnt(c.NoDir); },
            c => { c.RenameDir(c.Empty, c.NoDir); c.Rmdir(c.Empty, ENOENT); },
            c => { c.RenameDir(c.Empty, c.NoDir); c.Unlink(c.Empty, ENOENT); },
            c => { c.Rmdir(c.Empty); c.RenameDir(c.Empty, c.NoDir, ENOENT); },
            c => { c.Unlink(c.Empty, EISDIR); c.RenameDir(c.Empty, c.NoDir); c.IsDir(c.NoDir); },
            c => { c.RenameDir(c.Empty, c.NoDir); c.RenameDir(c.Empty, c.NoDir + "_2", ENOENT); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.IsDir(c.NoDir + "_2"); },
            c => { c.RenameDir(c.Empty, c.Dir, ENOTEMPTY); c.IsDir(c.Empty); c.Read(c.Dir + "/pop/b", UnionTestContext.BText); },
            c => { c.RenameDir(c.Empty, c.Empty); c.IsDir(c.Empty); },
            c => { c.RenameDir(c.Empty, c.Foo, ENOTDIR); c.IsFile(c.Foo); },
            c => c.RenameDir(c.Dir + "/pop/c", c.Dir + "/pop", ENOTEMPTY));

        Add("rename-pop-dir",
            c => { c.RenameDir(c.Dir, c.NoDir); c.NoEnt(c.Dir); c.Read(c.NoDir + "/pop/b", UnionTestContext.BText); c.RenameDir(c.NoDir, c.Dir); c.Read(c.Dir + "/pop/b", UnionTestContext.BText); c.IsFile(c.Dir + "/a"); },
            c => { c.RenameDir(c.Dir, c.NoDir); c.Rmdir(c.Dir, ENOENT); },
            c => { c.RenameDir(c.Dir, c.NoDir); c.Unlink(c.Dir, ENOENT); },
            c => { c.Rmdir(c.Dir, ENOTEMPTY); c.RenameDir(c.Dir, c.NoDir); c.IsDir(c.NoDir + "/pop/c"); },
            c => { c.Unlink(c.Dir, EISDIR); c.RenameDir(c.Dir, c.NoDir); c.IsDir(c.NoDir + "/pop/c"); },
            c => { c.RenameDir(c.Dir, c.NoDir); c.RenameDir(c.Dir, c.NoDir + "_2", ENOENT); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.Read(c.NoDir + "_2/pop/b", UnionTestContext.BText); },
            c => { c.RenameDir(c.Dir, c.Empty); c.NoEnt(c.Dir); c.Read(c.Empty + "/pop/b", UnionTestContext.BText); },
            c => { c.RenameDir(c.Dir, c.Dir); c.Read(c.Dir + "/pop/b", UnionTestContext.BText); },
            c => c.RenameDir(c.Dir, c.Dir + "/a", EINVAL),
            c => c.RenameDir(c.Dir, c.Foo, ENOTDIR),
            c => c.RenameDir(c.Dir + "/pop", c.Dir, ENOTEMPTY));

        Add("rename-new-dir",
            c => { c.Mkdir(c.NoDir); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.NoEnt(c.NoDir); c.RenameDir(c.NoDir + "_2", c.NoDir); c.IsDir(c.NoDir); },
            c => { c.Mkdir(c.NoDir); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.Rmdir(c.NoDir, ENOENT); },
            c => { c.Mkdir(c.NoDir); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.Unlink(c.NoDir, ENOENT); },
            c => { c.Mkdir(c.NoDir); c.Rmdir(c.NoDir); c.RenameDir(c.NoDir, c.NoDir + "_2", ENOENT); },
            c => { c.Mkdir(c.NoDir); c.Unlink(c.NoDir, EISDIR); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.IsDir(c.NoDir + "_2"); },
            c => { c.Mkdir(c.NoDir); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.RenameDir(c.NoDir, c.NoDir + "_3", ENOENT); c.RenameDir(c.NoDir + "_2", c.NoDir + "_3"); c.IsDir(c.NoDir + "_3"); },
            c => { c.Mkdir(c.NoDir); c.RenameDir(c.NoDir, c.Dir, ENOTEMPTY); c.IsDir(c.NoDir); },
            c => { c.Mkdir(c.NoDir); c.RenameDir(c.NoDir, c.NoDir); c.IsDir(c.NoDir); },
            c => { c.Mkdir(c.NoDir); c.RenameDir(c.NoDir, c.Foo, ENOTDIR); },
            c => { c.Mkdir(c.Dir + "/new"); c.RenameDir(c.Dir + "/new", c.Dir, ENOTEMPTY); },
            c => { c.Mkdir(c.NoDir); c.RenameDir(c.NoDir, c.Empty); c.NoEnt(c.NoDir); c.DirEmpty(c.Empty); },
            c => { c.Mkdir(c.NoDir); c.RenameDir(c.NoDir, c.Dir, ENOTEMPTY); c.IsFile(c.Dir + "/a"); },
            c => { c.Mkdir(c.NoDir); c.Rmdir(c.Empty); c.RenameDir(c.NoDir, c.Empty); c.DirEmpty(c.Empty); },
            c => { c.Mkdir(c.NoDir); c.RemoveTree(c.Dir); c.Rotate(); c.RenameDir(c.NoDir, c.Dir); c.DirEmpty(c.Dir); });

        Add("rename-new-pop-dir",
            c => { NewPop(c); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.RenameDir(c.NoDir + "_2", c.NoDir); c.Read(c.NoDir + "/sub/y", "y"); },
            c => { NewPop(c); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.Rmdir(c.NoDir, ENOENT); },
            c => { NewPop(c); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.Unlink(c.NoDir, ENOENT); },
            c => { NewPop(c); c.Rmdir(c.NoDir, ENOTEMPTY); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.Read(c.NoDir + "_2/x", "x"); },
            c => { NewPop(c); c.Unlink(c.NoDir, EISDIR); c.RenameDir(c.NoDir, c.NoDir + "_2"); },
            c => { NewPop(c); c.RenameDir(c.NoDir, c.NoDir + "_2"); c.RenameDir(c.NoDir + "_2", c.NoDir + "_3"); c.Read(c.NoDir + "_3/sub/y", "y"); },
            c => { NewPop(c); c.RenameDir(c.NoDir, c.Dir, ENOTEMPTY); },
            c => { NewPop(c); c.RenameDir(c.NoDir, c.NoDir); c.Read(c.NoDir + "/x", "x"); },
            c => { NewPop(c); c.RenameDir(c.NoDir, c.NoDir + "/x", EINVAL); },
            c => { NewPop(c); c.RenameDir(c.NoDir, c.Foo, ENOTDIR); },
            c => { NewPop(c); c.RenameDir(c.NoDir + "/sub", c.NoDir, ENOTEMPTY); },
            c => { NewPop(c); c.RenameDir(c.NoDir, c.Dir, ENOTEMPTY); c.IsFile(c.Dir + "/a"); },
            c => { NewPop(c); c.Rmdir(c.Empty); c.RenameDir(c.NoDir, c.Empty); c.Read(c.Empty + "/x", "x"); },
            c => { NewPop(c); c.RemoveTree(c.Dir); c.Rotate(); c.RenameDir(c.NoDir, c.Dir); c.Read(c.Dir + "/x", "x"); c.NoEnt(c.Dir + "/a"); c.NoEnt(c.Dir + "/pop"); },
            c =>
            {
                NewPop(c);
                c.Write(c.NoDir + "/a", "new a");
                c.Mkdir(c.NoDir + "/pop");
                c.Write(c.NoDir + "/pop/b", "new b");
                c.RemoveTree(c.Dir);
                c.Rotate();
                c.RenameDir(c.NoDir, c.Dir);
                c.Read(c.Dir + "/a", "new a");
                c.Read(c.Dir + "/pop/b", "new b");
                c.NoEnt(c.Dir + "/pop/c");
            },
            c => { NewPop(c); c.Mkdir(c.NoDir + "/other"); c.RemoveTree(c.Dir); c.Rotate(); c.RenameDir(c.NoDir, c.Dir); c.IsDir(c.Dir + "/other"); c.NoEnt(c.Dir + "/pop"); },
            c => { NewPop(c); c.Mkdir(c.NoDir + "/pop"); c.RemoveTree(c.Dir); c.Rotate(); c.RenameDir(c.NoDir, c.Dir); c.DirEmpty(c.Dir + "/pop"); },
            c => { NewPop(c); c.Unlink(c.Dir, EISDIR); c.RenameDir(c.NoDir, c.Dir, ENOTEMPTY); },
            c =>
            {
                NewPop(c);
                c.Unlink(c.Dir + "/a");
                c.RemoveTree(c.Dir + "/pop");
                c.Rotate();
                c.DirEmpty(c.Dir);
                c.RenameDir(c.NoDir, c.Dir);
                c.Read(c.Dir + "/x", "x");
                c.NoEnt(c.Dir + "/a");
            });

        Add("rename-move-dir",
            c => { c.RenameDir(c.Empty, c.Dir + "/moved"); c.IsDir(c.Dir + "/moved"); c.NoEnt(c.Empty); },
            c => { c.RenameDir(c.Dir, c.Empty + "/moved"); c.Read(c.Empty + "/moved/pop/b", UnionTestContext.BText); },
            c => { c.RenameDir(c.Dir, c.NoDir); c.RenameDir(c.NoDir, c.Empty + "/moved"); c.Read(c.Empty + "/moved/pop/b", UnionTestContext.BText); },
            c => { c.RenameDir(c.Dir, c.Empty + "/moved"); c.RenameDir(c.Empty + "/moved", c.Empty + "/renamed"); c.Read(c.Empty + "/renamed/pop/b", UnionTestContext.BText); },
            c => { c.RenameDir(c.Dir, c.Empty + "/moved"); c.RenameDir(c.Empty + "/moved/pop", c.Empty + "/pop"); c.Read(c.Empty + "/pop/b", UnionTestContext.BText); c.NoEnt(c.Empty + "/moved/pop"); },
            c => { c.RenameDir(c.Dir + "/pop", c.Dir + "/pop2"); c.RenameDir(c.Dir, c.Empty + "/moved"); c.Read(c.Empty + "/moved/pop2/b", UnionTestContext.BText); },
            c => { c.RenameDir(c.Dir, c.NoDir); c.RenameDir(c.NoDir + "/pop", c.Empty + "/pop"); c.Read(c.Empty + "/pop/b", UnionTestContext.BText); c.IsFile(c.NoDir + "/a"); },
            c => { c.Mkdir(c.NoDir); c.RenameDir(c.NoDir, c.Empty + "/new"); c.IsDir(c.Empty + "/new"); },
            c => { c.Mkdir(c.Dir + "/pop/c/new"); c.RenameDir(c.Dir + "/pop/c/new", c.Dir + "/new"); c.IsDir(c.Dir + "/new"); c.DirEmpty(c.Dir + "/pop/c"); },
            c => { c.Mkdir(c.Dir + "/pop/c/x"); c.Mkdir(c.Dir + "/pop/c/x/y"); c.RenameDir(c.Dir + "/pop/c/x/y", c.Dir + "/y"); c.IsDir(c.Dir + "/y"); c.DirEmpty(c.Dir + "/pop/c/x"); },
            c => { c.Mkdir(c.Dir + "/pop/c/x"); c.Mkdir(c.Dir + "/pop/c/x/y"); c.RenameDir(c.Dir + "/pop/c/x", c.Dir + "/x"); c.IsDir(c.Dir + "/x/y"); c.DirEmpty(c.Dir + "/pop/c"); },
            c => { c.Mkdir(c.NoDir); c.RenameDir(c.Dir, c.NoDir + "/dir"); c.Read(c.NoDir + "/dir/pop/b", UnionTestContext.BText); });

        Add("rename-dir",
            c => { c.RenameDir(c.Dir, c.NoDir); c.Read(c.NoDir + "/pop/b", UnionTestContext.BText); c.NoEnt(c.Dir); },
            c => { c.RenameDir(c.Dir + "/pop", c.Dir + "/pop2"); c.Read(c.Dir + "/pop2/b", UnionTestContext.BText); c.NoEnt(c.Dir + "/pop"); });

        Add("rename-exdev",
            c => c.Rename(c.Empty, c.NoDir, c.Union ? EXDEV : null),
            c => c.Rename(c.Empty, c.Dir + "/moved", c.Union ? EXDEV : null),
            c => c.Rename(c.Dir, c.NoDir, c.Union ? EXDEV : null),
            c => c.Rename(c.Dir, c.Empty + "/moved", c.Union ? EXDEV : null));

        Add("rename-hard-link", c =>
        {
            c.Link(c.Foo, c.NoFoo);
            c.Rename(c.NoFoo, c.NoFoo + "_2");
            c.Read(c.NoFoo + "_2", UnionTestContext.FooText);
            c.Read(c.Foo, UnionTestContext.FooText);
            c.Unlink(c.Foo);
            c.Read(c.NoFoo + "_2", UnionTestContext.FooText);
        });

        Add("rename-mass",
            c =>
            {
                // Into each other's vacated slots: foo129 -> no_foo129, foo128 -> foo129, ..., foo100 -> foo101.
                c.Rename("/a/foo129", "/a/no_foo129");
                for (int i = 128; i >= 100; i--)
                {
                    c.Rename($"/a/foo{i}", $"/a/foo{i + 1}");
                }

                c.NoEnt("/a/foo100");
                for (int i = 101; i < 130; i++)
                {
                    c.Read($"/a/foo{i}", UnionTestContext.FooText);
                }
            },
            c =>
            {
                for (int i = 100; i < 130; i++)
                {
                    c.Rename($"/a/foo{i}", $"/a/moved{i}");
                }

                for (int i = 100; i < 130; i++)
                {
                    c.Unlink($"/a/moved{i}");
                    c.NoEnt($"/a/foo{i}");
                }
            });

        Add("rename-mass-2",
            c =>
            {
                string from = c.Foo;
                for (int m = 1; m <= 6; m++)
                {
                    c.Rename(from, $"{c.Foo}_{m}");
                    from = $"{c.Foo}_{m}";
                }

                c.Read($"{c.Foo}_6", UnionTestContext.FooText);
                c.NoEnt(c.Foo);
            },
            c =>
            {
                c.Rename(c.Foo, c.Foo + "_1");
                c.Rename(c.Foo + "_1", c.Foo + "_2");
                c.Unlink(c.Foo + "_2");
                c.NoEnt(c.Foo + "_1");
                c.NoEnt(c.Foo);
            });

        Add("rename-mass-3", c => Circular(c, i => $"/a/foo{i}", mark: true), c => { Circular(c, i => $"/a/foo{i}", mark: false); UnlinkAll(c, i => $"/a/foo{i}"); });
        Add("rename-mass-4", c => { MakeNew(c); Circular(c, i => $"/a/new{i}", mark: true); }, c => { MakeNew(c); Circular(c, i => $"/a/new{i}", mark: false); UnlinkAll(c, i => $"/a/new{i}"); });
        Add("rename-mass-5",
            c => { LinkAll(c); Circular(c, i => $"/a/hard{i}", mark: true); },
            c => { LinkAll(c); Circular(c, i => $"/a/hard{i}", mark: false); UnlinkAll(c, i => $"/a/hard{i}"); UnlinkAll(c, i => $"/a/foo{i}"); });

        Add("rename-mass-dir",
            c => { MakeDirs(c, populated: false); CircularDirs(c); },
            c => { MakeDirs(c, populated: false); CircularDirs(c); for (int i = 100; i < 110; i++) { c.Rmdir($"/a/nd{i}"); } },
            c => { MakeDirs(c, populated: true); CircularDirs(c); },
            c => { MakeDirs(c, populated: true); CircularDirs(c); for (int i = 100; i < 110; i++) { c.Read($"/a/nd{i}/f", $"f{(i == 109 ? 100 : i + 1)}"); } },
            c => { MakeDirs(c, populated: true); CircularDirs(c); for (int i = 100; i < 110; i++) { c.RemoveTree($"/a/nd{i}"); c.NoEnt($"/a/nd{i}"); } });

        Add("rename-mass-sym",
            c => Circular(c, i => $"/a/direct_sym{i}", mark: false),
            c => { Circular(c, i => $"/a/direct_sym{i}", mark: false); for (int i = 100; i < 110; i++) { c.Readlink($"/a/direct_sym{i}", $"../a/foo{(i == 109 ? 100 : i + 1)}"); } },
            c => { Circular(c, i => $"/a/direct_sym{i}", mark: false); UnlinkAll(c, i => $"/a/direct_sym{i}"); c.Read("/a/foo100", UnionTestContext.FooText); },
            c => Circular(c, i => $"/a/direct_dir_sym{i}", mark: false),
            c => { Circular(c, i => $"/a/direct_dir_sym{i}", mark: false); for (int i = 100; i < 110; i++) { c.Read($"/a/direct_dir_sym{i}/pop/b", UnionTestContext.BText); c.Readlink($"/a/direct_dir_sym{i}", $"../a/dir{(i == 109 ? 100 : i + 1)}"); } },
            c => { Circular(c, i => $"/a/direct_dir_sym{i}", mark: false); UnlinkAll(c, i => $"/a/direct_dir_sym{i}"); c.IsDir("/a/dir100"); });

        Add("rmtree", c => { c.RemoveTree(c.Dir); c.Rotate(); c.NoEnt(c.Dir); c.Mkdir(c.Dir); c.DirEmpty(c.Dir); });
        Add("rmtree-new", c => { c.Mkdir(c.Dir + "/new"); c.Write(c.Dir + "/new/x", "x"); c.RemoveTree(c.Dir); c.Rotate(); c.NoEnt(c.Dir); c.NoEnt(c.Dir + "/new/x"); });

        return all;
    }

    private static void Denied(UnionTestContext c, Action<UnionFileSystem> action)
    {
        var other = c.Fs.WithCaller(1, 1);
        Assert.Equal(EACCES, Assert.Throws<FileSystemException>(() => action(other)).Errno);
        c.Read(c.RootFile, UnionTestContext.FooText);
        other.Open(c.Foo, WO).Dispose(); // the owner may
        if (c.Union)
        {
            Assert.DoesNotContain(c.Fs.GetChanges(), ch => ch.Path == c.RootFile);
        }
    }

    private static void NewPop(UnionTestContext c)
    {
        c.Mkdir(c.NoDir);
        c.Write(c.NoDir + "/x", "x");
        c.Mkdir(c.NoDir + "/sub");
        c.Write(c.NoDir + "/sub/y", "y");
    }

    private static void MakeNew(UnionTestContext c)
    {
        for (int i = 100; i < 110; i++)
        {
            c.Write($"/a/new{i}", $"new{i}");
        }
    }

    private static void LinkAll(UnionTestContext c)
    {
        for (int i = 100; i < 110; i++)
        {
            c.Link($"/a/foo{i}", $"/a/hard{i}");
        }
    }

    private static void MakeDirs(UnionTestContext c, bool populated)
    {
        for (int i = 100; i < 110; i++)
        {
            c.Mkdir($"/a/nd{i}");
            if (populated)
            {
                c.Write($"/a/nd{i}/f", $"f{i}");
            }
        }
    }

    private static void CircularDirs(UnionTestContext c)
    {
        c.RenameDir("/a/nd100", "/a/nd_tmp");
        for (int i = 101; i < 110; i++)
        {
            c.RenameDir($"/a/nd{i}", $"/a/nd{i - 1}");
        }

        c.RenameDir("/a/nd_tmp", "/a/nd109");
    }

    /// <summary>Renames name(100) to a temporary name, name(i) to name(i-1), then the temporary to name(109).</summary>
    private static void Circular(UnionTestContext c, Func<int, string> name, bool mark)
    {
        if (mark)
        {
            for (int i = 100; i < 110; i++)
            {
                c.Append(name(i), $"#{i}");
            }
        }

        c.Rename(name(100), name(100) + "_tmp");
        for (int i = 101; i < 110; i++)
        {
            c.Rename(name(i), name(i - 1));
        }

        c.Rename(name(100) + "_tmp", name(109));
        if (mark)
        {
            for (int i = 100; i < 110; i++)
            {
                int from = i == 109 ? 100 : i + 1;
                Assert.EndsWith($"#{from}", c.Fs.ReadAllText(name(i)));
            }
        }
    }

    private static void UnlinkAll(UnionTestContext c, Func<int, string> name)
    {
        for (int i = 100; i < 110; i++)
        {
            c.Unlink(name(i));
            c.NoEnt(name(i));
        }
    }

    /// <summary>The five access modes of an open-family file, each one subtest.</summary>
    private static Action<UnionTestContext>[] Opens(Func<UnionTestContext, string> target, OpenFlags extra, Errno? err, bool truncated) =>
        [.. Accesses.Select(access => (Action<UnionTestContext>)(c =>
        {
            var path = target(c);
            if (err is not null)
            {
                c.Open(path, access | extra, err);
                if (err == EEXIST)
                {
                    c.Read(c.Foo, UnionTestContext.FooText);
                }

                return;
            }

            OpenAndWrite(c, path, access | extra, c.Foo, truncated ? "" : UnionTestContext.FooText);
        }))];

    /// <summary>The five access modes of a create-family name that does not exist (or dangles).</summary>
    private static Action<UnionTestContext>[] Creates(Func<UnionTestContext, string> target, OpenFlags extra, Errno? err) =>
        [.. Accesses.Select(access => (Action<UnionTestContext>)(c =>
        {
            if (err is not null)
            {
                c.Open(target(c), access | extra, err);
                c.NoEnt(c.NoFoo);
                return;
            }

            OpenAndWrite(c, target(c), access | extra, c.NoFoo, "");
            Assert.Equal(EntryType.RegularFile, c.Fs.LStat(c.NoFoo).Type);
        }))];

    private static void OpenAndWrite(UnionTestContext c, string path, OpenFlags flags, string file, string before)
    {
        using (var handle = c.Fs.Open(path, flags))
        {
            if (handle.CanRead)
            {
                var buffer = new byte[64];
                int n = handle.Read(0, buffer);
                Assert.Equal(before, System.Text.Encoding.UTF8.GetString(buffer, 0, n));
            }
            else
            {
                Assert.Equal(EBADF, Assert.Throws<FileSystemException>(() => handle.Read(0, new byte[1])).Errno);
            }

            if (handle.CanWrite)
            {
                handle.Write(0, ":abc"u8);
            }
            else
            {
                Assert.Equal(EBADF, Assert.Throws<FileSystemException>(() => handle.Write(0, "x"u8)).Errno);
            }
        }

        c.Rotate();
        string after = !flags.HasFlag(WO) && !flags.HasFlag(RW) ? before
            : flags.HasFlag(AP) ? before + ":abc"
            : ":abc" + (before.Length > 4 ? before[4..] : "");
        c.Read(file, after);
    }

    private static Action<UnionTestContext> DirOpen(Func<UnionTestContext, string> target, OpenFlags flags, Errno? err) => c =>
    {
        c.Open(target(c), flags, err);
        c.Read(c.Dir + "/pop/b", UnionTestContext.BText);
        c.IsDir(c.Dir);
    };
}
