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
