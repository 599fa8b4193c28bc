using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Tests.Processes;

/// <summary>
/// How <see cref="ProcessUser.Resolve"/> picks its row in <c>/etc/passwd</c> and <c>/etc/group</c>: runc's
/// <c>user.ParsePasswdFilter</c> skips empty and <c>#</c> lines and rows with too few fields, and the first match wins.
/// </summary>
public sealed class UserTableTests
{
    private static UnionFileSystem Etc()
    {
        var fs = UnionFileSystem.CreateEmpty();
        fs.CreateDirectories("/etc");
        fs.WriteAllText("/etc/passwd", string.Join('\n',
            "#app:x:7:7:comment:/nowhere:/bin/sh",
            "",
            "short:x:5",
            "app:x:200:201:first:/srv/app",
            "app:x:300:301:second:/srv/other:/bin/sh",
            "dup:x:200:999:numeric twin:/srv/dup:/bin/sh",
            "nohome:x:400:401",
            "cr:x:500:501:cr:/home/cr\r",
            ""));
        fs.WriteAllText("/etc/group", "#ops:x:1:\nshort:x\nops:x:60:\nops:x:61:\n");
        return fs;
    }

    [Theory]
    [InlineData("app", 200, 201, "app", "/srv/app")] // first of two rows with the name
    [InlineData("200", 200, 201, "app", "/srv/app")] // first row with the uid
    [InlineData("7", 7, 0, null, "/")] // a commented row does not count
    [InlineData("5", 5, 0, null, "/")] // nor a row with fewer than 4 fields
    [InlineData("nohome", 400, 401, "nohome", "/")] // 4 fields: no home, runc's default
    [InlineData("cr", 500, 501, "cr", "/home/cr\r")] // lines split at \n only, as the rows were before
    [InlineData("app:ops", 200, 60, "app", "/srv/app")] // first group row
    [InlineData("app:short", 200, 0, null, null)] // a group row with fewer than 3 fields does not count
    public void Rows_are_picked_as_runc_picks_them(string spec, int uid, int gid, string? name, string? home)
    {
        if (home is null)
        {
            var e = Assert.Throws<DockerSimulatorException>(() => ProcessUser.Resolve(spec, Etc()));
            Assert.Equal("unable to find group short: no matching entries in group file", e.Message);
            return;
        }

        var u = ProcessUser.Resolve(spec, Etc());
        Assert.Equal((uid, gid, name, home), (u.Uid, u.Gid, u.Name, u.Home));
    }

    [Fact]
    public void A_rewritten_passwd_is_read_again()
    {
        var fs = Etc();
        Assert.Equal(200, ProcessUser.Resolve("app", fs).Uid);
        fs.WriteAllText("/etc/passwd", "app:x:700:701:moved:/srv/moved\n"); // as useradd/usermod in a container
        var u = ProcessUser.Resolve("app", fs);
        Assert.Equal((700, 701, "/srv/moved"), (u.Uid, u.Gid, u.Home));
        Assert.Equal(200, ProcessUser.Resolve("app", Etc()).Uid); // another tree with the old content is unaffected
    }

    [Fact]
    public void A_missing_passwd_leaves_numbers_only()
    {
        var fs = UnionFileSystem.CreateEmpty();
        Assert.Equal(new ProcessUser(42, 0), ProcessUser.Resolve("42", fs));
        var e = Assert.Throws<DockerSimulatorException>(() => ProcessUser.Resolve("app", fs));
        Assert.Equal("unable to find user app: no matching entries in passwd file", e.Message);
    }
}
