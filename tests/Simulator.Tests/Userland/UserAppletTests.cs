using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Tests.Userland;

/// <summary>
/// busybox adduser/addgroup/deluser/delgroup. Expected lines and messages come from busybox 1.37's loginutils
/// (adduser.c, addgroup.c, deluser.c, libbb/update_passwd.c) and the official images built with them: memcached:alpine's
/// /etc/passwd has <c>memcache:x:11211:11211:Linux User,,,:/home/memcache:/bin/sh</c>, nginx:alpine's
/// <c>nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin</c>, redis:alpine's <c>redis:x:999:1000:Linux User,,,:/home/redis:/bin/false</c>.
/// </summary>
public sealed class UserAppletTests
{
    private static Sandbox WithShadow()
    {
        var s = new Sandbox();
        s.Fs.WriteAllText("/etc/shadow", "root:*::0:::::\napp:!::0:::::\n", (UnixFileMode)Convert.ToInt32("640", 8));
        s.Fs.Chmod("/etc/shadow", (UnixFileMode)Convert.ToInt32("640", 8));
        s.Fs.Chown("/etc/shadow", 0, 42);
        s.Fs.CreateDirectories("/home");
        return s;
    }

    private static string[] Lines(Sandbox s, string file) => s.Fs.ReadAllText(file).TrimEnd('\n').Split('\n');

    [Fact]
    public async Task Memcached_users_as_the_official_image_makes_them()
    {
        var s = WithShadow();
        var r = await s.Sh("set -eux; addgroup -g 11211 memcache; adduser -D -u 11211 -G memcache memcache");

        Assert.Equal(0, r.Code);
        Assert.Equal("", r.Out);
        Assert.Equal("memcache:x:11211:11211:Linux User,,,:/home/memcache:/bin/sh", Lines(s, "/etc/passwd")[^1]);
        Assert.Equal("memcache:x:11211:memcache", Lines(s, "/etc/group")[^1]);

        // 2026-11-29 is day 20786 since the epoch.
        Assert.Equal("memcache:!:20786:0:99999:7:::", Lines(s, "/etc/shadow")[^1]);
        var shadow = s.Fs.Stat("/etc/shadow");
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), shadow.Mode);
        Assert.Equal(42, shadow.Gid);

        // update_passwd keeps the previous file as FILE-.
        Assert.Equal("root:*::0:::::\napp:!::0:::::\n", s.Fs.ReadAllText("/etc/shadow-"));
        var home = s.Fs.Stat("/home/memcache");
        Assert.Equal(EntryType.Directory, home.Type);
        Assert.Equal((11211, 11211), (home.Uid, home.Gid));
        Assert.Equal((UnixFileMode)Convert.ToInt32("2755", 8), home.Mode);

        var id = await s.Sh("id memcache");
        Assert.Equal("uid=11211(memcache) gid=11211(memcache) groups=11211(memcache)\n", id.Out);
    }

    [Fact]
    public async Task Nginx_system_user_without_home()
    {
        var s = WithShadow();
        var r = await s.Sh("addgroup -g 101 -S nginx && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx");

        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.Equal("nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin", Lines(s, "/etc/passwd")[^1]);
        Assert.Equal("nginx:x:101:nginx", Lines(s, "/etc/group")[^1]);
        Assert.False(s.Fs.Exists("/var/cache/nginx"));
    }

    [Fact]
    public async Task System_user_defaults_to_nogroup_and_bin_false_and_the_first_free_system_uid()
    {
        var s = WithShadow();
        var r = await s.Sh("adduser -S svc && adduser -S svc2");

        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.Equal("svc:x:100:65533:Linux User,,,:/home/svc:/bin/false", Lines(s, "/etc/passwd")[^2]);
        Assert.Equal("svc2:x:101:65533:Linux User,,,:/home/svc2:/bin/false", Lines(s, "/etc/passwd")[^1]);
        Assert.Contains("nogroup:x:65533:svc,svc2", Lines(s, "/etc/group"));
    }

    [Fact]
    public async Task Own_group_takes_the_first_uid_free_in_passwd_and_group()
    {
        var s = WithShadow();
        var r = await s.Sh("adduser -D bob; addgroup -S redis");

        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.Equal("bob:x:1001:1001:Linux User,,,:/home/bob:/bin/sh", Lines(s, "/etc/passwd")[^1]);
        Assert.Equal(["bob:x:1001:", "redis:x:100:"], Lines(s, "/etc/group")[^2..]);
    }

    [Fact]
    public async Task Without_D_passwd_asks_and_gives_up_at_end_of_input()
    {
        var s = WithShadow();
        var r = await s.Sh("adduser carol");

        Assert.Equal(1, r.Code);
        Assert.Equal("Changing password for carol\nNew password: \n", r.Out);
        Assert.Equal("passwd: password for carol is unchanged\n", r.Err);
        Assert.StartsWith("carol:x:1001:1001:", Lines(s, "/etc/passwd")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_and_remove_group_members()
    {
        var s = WithShadow();
        var r = await s.Sh("addgroup app root && adduser app wheel && delgroup app root && addgroup app root && addgroup app root");

        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.Equal("root:x:0:root,app", Lines(s, "/etc/group")[0]);
        Assert.Equal("wheel:x:10:root,app", Lines(s, "/etc/group")[1]);
    }

    [Fact]
    public async Task Deluser_removes_the_user_its_memberships_and_its_group()
    {
        var s = WithShadow();
        await s.Sh("adduser -D bob; addgroup bob wheel");
        var r = await s.Sh("deluser --remove-home bob");

        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.DoesNotContain(Lines(s, "/etc/passwd"), l => l.StartsWith("bob:", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines(s, "/etc/shadow"), l => l.StartsWith("bob:", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines(s, "/etc/group"), l => l.StartsWith("bob:", StringComparison.Ordinal));
        Assert.Equal("wheel:x:10:root,app", Lines(s, "/etc/group")[1]);
        Assert.False(s.Fs.Exists("/home/bob"));
    }

    [Theory]
    [InlineData("adduser app", "adduser: user 'app' in use\n")]
    [InlineData("adduser -D -u 1000 zed", "adduser: uid '1000' in use\n")]
    [InlineData("adduser -D -G nope zed", "adduser: unknown group nope\n")]
    [InlineData("adduser -D -u x zed", "adduser: invalid number 'x'\n")]
    [InlineData("addgroup app", "addgroup: group 'app' in use\n")]
    [InlineData("addgroup -g 1000 zed", "addgroup: gid '1000' in use\n")]
    [InlineData("addgroup nope wheel", "addgroup: unknown user nope\n")]
    [InlineData("addgroup app nope", "addgroup: unknown group nope\n")]
    [InlineData("deluser nope", "deluser: unknown user nope\n")]
    [InlineData("delgroup nope", "delgroup: unknown group nope\n")]
    [InlineData("delgroup app", "delgroup: 'app' still has 'app' as their primary group!\n")]
    public async Task Errors_are_busyboxs_and_change_nothing(string script, string stderr)
    {
        var s = WithShadow();
        var passwd = s.Fs.ReadAllText("/etc/passwd");
        var group = s.Fs.ReadAllText("/etc/group");
        var r = await s.Sh(script);

        Assert.Equal((1, stderr), (r.Code, r.Err));
        Assert.Equal(passwd, s.Fs.ReadAllText("/etc/passwd"));
        Assert.Equal(group, s.Fs.ReadAllText("/etc/group"));
    }

    [Fact]
    public async Task Usage_and_root_checks()
    {
        var s = WithShadow();
        var usage = await s.Sh("addgroup");
        Assert.Equal(1, usage.Code);
        Assert.Equal(
            "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: addgroup [-g GID] [-S] [USER] GROUP\n\n" +
            "Add a group or add a user to a group\n\n\t-g GID\tGroup id\n\t-S\tCreate a system group\n",
            usage.Err);

        var bad = await s.Sh("adduser -x bob");
        Assert.StartsWith("adduser: unrecognized option: x\nBusyBox v1.37.0", bad.Err, StringComparison.Ordinal);

        var user = await s.Sh("adduser -D zed", user: ProcessUser.Resolve("app", s.Fs));
        Assert.Equal((1, "adduser: permission denied (are you root?)\n"), (user.Code, user.Err));
    }

    [Fact]
    public async Task Long_options_and_options_after_the_name()
    {
        var s = WithShadow();
        var r = await s.Sh("addgroup --system --gid 300 www && adduser dave --disabled-password --ingroup www --home=/srv/dave --shell /bin/ash");

        // mkdir (not -p) of the home fails without /srv; adduser reports it and still succeeds.
        Assert.Equal((0, "adduser: /srv/dave: No such file or directory\n"), (r.Code, r.Err));
        Assert.Equal("dave:x:1001:300:Linux User,,,:/srv/dave:/bin/ash", Lines(s, "/etc/passwd")[^1]);
        Assert.Equal("www:x:300:dave", Lines(s, "/etc/group")[^1]);
    }
}
