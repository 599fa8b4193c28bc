using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>
/// The unionmount-testsuite scenarios run on a plain tree (<c>--no</c>), on a union whose lower holds the
/// fixture (<c>--ov</c>), and on a union whose upper is committed and rotated into the lowers after every
/// change (<c>--ov</c> rotation: <c>docker commit</c> then a new container).
/// </summary>
public sealed class UnionMountTests
{
    public static TheoryData<string, UnionMode> Cases()
    {
        var data = new TheoryData<string, UnionMode>();
        foreach (var name in UnionMountScenarios.All.Keys)
        {
            foreach (var mode in Enum.GetValues<UnionMode>())
            {
                data.Add(name, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Scenario(string name, UnionMode mode)
    {
        var context = new UnionTestContext(mode);
        UnionMountScenarios.All[name](context);
        if (mode != UnionMode.Plain)
        {
            // Whatever the scenario did, committing the upper and re-applying it gives the same tree.
            var layer = context.Fs.CommitLayer();
            var replayed = UnionFileSystem.CreateReadOnly(context.Fs.Lower.Push(layer));
            Assert.Equal(UnionTestContext.Snapshot(context.Fs), UnionTestContext.Snapshot(replayed));
        }
    }

    public static TheoryData<UnionMode> Modes() => [.. Enum.GetValues<UnionMode>()];

    public static TheoryData<string, int, UnionMode> TermSlashOpens()
    {
        var data = new TheoryData<string, int, UnionMode>();
        string[] targets = ["foo", "direct_sym", "indirect_sym", "no_foo", "pointless", "dir", "direct_dir_sym", "indirect_dir_sym"];
        OpenFlags[] flags =
        [
            OpenFlags.ReadOnly, OpenFlags.WriteOnly, OpenFlags.ReadWrite | OpenFlags.Append, OpenFlags.ReadOnly | OpenFlags.Truncate,
            OpenFlags.ReadOnly | OpenFlags.Create, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive,
            OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate,
        ];
        foreach (var target in targets)
        {
            foreach (var flag in flags)
            {
                foreach (var mode in Enum.GetValues<UnionMode>())
                {
                    data.Add(target, (int)flag, mode);
                }
            }
        }

        return data;
    }

    /// <summary>
    /// --ts=1 over the open families: with a trailing slash, O_CREAT is EISDIR (open_last_lookups), a file or a link to one is
    /// ENOTDIR, a missing or dangling name is ENOENT, and a directory opens read-only but not for writing or truncation.
    /// </summary>
    [Theory]
    [MemberData(nameof(TermSlashOpens))]
    public void TermSlashOpen(string target, int rawFlags, UnionMode mode)
    {
        var c = new UnionTestContext(mode);
        var flags = (OpenFlags)rawFlags;
        var path = $"/a/{target}{c.I}/";
        bool write = (flags & (OpenFlags)3) != OpenFlags.ReadOnly || flags.HasFlag(OpenFlags.Truncate);
        Errno? expected = flags.HasFlag(OpenFlags.Create) ? Errno.EISDIR
            : target is "foo" or "direct_sym" or "indirect_sym" ? Errno.ENOTDIR
            : target is "no_foo" or "pointless" ? Errno.ENOENT
            : write ? Errno.EISDIR : null;
        c.Open(path, flags, expected);
        c.Read(c.Foo, UnionTestContext.FooText);
        c.NoEnt(c.NoFoo);
        c.Read(c.Dir + "/pop/b", UnionTestContext.BText);
    }

    /// <summary>--ts=1: a trailing slash after a non-directory gives ENOTDIR; directories accept it.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void TermSlash(UnionMode mode)
    {
        var c = new UnionTestContext(mode);
        c.Open(c.Foo + "/", OpenFlags.ReadOnly, Errno.ENOTDIR);
        c.Open(c.Foo + "/", OpenFlags.WriteOnly | OpenFlags.Create, Errno.EISDIR);
        c.Open(c.DirectSym + "/", OpenFlags.ReadOnly, Errno.ENOTDIR);
        c.Open(c.NoFoo + "/", OpenFlags.ReadOnly, Errno.ENOENT);
        c.Open(c.Dir + "/", OpenFlags.ReadOnly);
        c.Open(c.DirectDirSym + "/", OpenFlags.ReadOnly);
        c.Mkdir(c.Foo + "/", Errno.EEXIST);
        c.Mkdir(c.Pointless + "/", Errno.EEXIST);
        c.Mkdir(c.NoDir + "/");
        c.IsDir(c.NoDir);
        c.Rmdir(c.Foo + "/", Errno.ENOTDIR);
        c.Rmdir(c.DirectDirSym + "/", Errno.ENOTDIR);
        c.Rmdir(c.Empty + "/");
        c.Unlink(c.Foo + "/", Errno.ENOTDIR);
        c.Unlink(c.Dir + "/", Errno.EISDIR);
        c.Unlink(c.DirectSym + "/", Errno.ENOTDIR);
        c.Unlink(c.NoFoo + "/", Errno.ENOENT);
        c.Rename(c.Foo + "/", c.NoFoo, Errno.ENOTDIR);
        c.Rename(c.Foo, c.NoFoo + "/", Errno.ENOTDIR);
        c.Link(c.Foo + "/", c.NoFoo, Errno.ENOTDIR);
        c.Link(c.Foo, c.NoFoo + "/", Errno.ENOENT);
        c.Symlink("x", c.NoFoo + "/", Errno.ENOENT);
        c.Truncate(c.Foo + "/", 0, Errno.ENOTDIR);
        c.Readlink(c.DirectSym + "/", null, Errno.ENOTDIR);
        c.Readlink(c.DirectDirSym + "/", null, Errno.EINVAL);
        c.Readlink(c.Pointless + "/", null, Errno.ENOENT);
        c.RenameDir(c.Dir + "/", c.NoDir + "_2/");
        c.Read(c.NoDir + "_2/pop/b", UnionTestContext.BText);
        c.Read(c.Foo, UnionTestContext.FooText);
    }
}
