using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Tests.Userland;

/// <summary>The busybox applets' common options, output formats, messages and statuses.</summary>
public sealed class AppletTests
{
    public static TheoryData<string, string> Outputs => new()
    {
        { "echo -n a; echo b", "ab\n" },
        { "echo -e 'a\\tb\\nc'", "a\tb\nc\n" },
        { "echo -e 'x\\cy'; echo", "x\n" },
        { "echo -- -n", "-- -n\n" },
        { "printf '%s|%3d|%-3s|%.2f\\n' s 7 ab 3.14159", "s|  7|ab |3.14\n" },
        { "printf 'no newline'", "no newline" },
        { "printf '%b\\n' 'a\\tb'", "a\tb\n" },
        { "printf 'x\\n' > /tmp/a; cat /tmp/a /tmp/a", "x\nx\n" },
        { "printf 'a\\nb\\n' | cat -n", "     1\ta\n     2\tb\n" },
        { "mkdir -p /d/e/f && ls /d/e", "f\n" },
        { "mkdir /d1 && rmdir /d1 && ls -d /d1 2>/dev/null; echo $?", "2\n" },
        { "mkdir -p /l; touch /l/b /l/a /l/.h; ls /l; ls -a /l; ls -A /l", "a\nb\n.\n..\n.h\na\nb\n.h\na\nb\n" },
        { "mkdir -p /l/sub; touch /l/f; ls -1 /l /l/sub", "/l:\nf\nsub\n\n/l/sub:\n" },
        { "mkdir -p /r/s; touch /r/s/f; rm -r /r; ls /r 2>&1; echo $?", "ls: /r: No such file or directory\n2\n" },
        { "rm -f /nope; echo $?", "0\n" },
        { "mkdir -p /c/d; echo hi > /c/d/f; cp -r /c /c2; cat /c2/d/f", "hi\n" },
        { "echo hi > /f1; cp /f1 /f2; mkdir /dd; cp /f1 /dd; cat /f2 /dd/f1", "hi\nhi\n" },
        { "echo m > /m1; mv /m1 /m2; cat /m2; ls /m1 2>/dev/null || echo gone", "m\ngone\n" },
        { "echo t > /target; ln -s /target /link; cat /link; readlink /link", "t\n/target\n" },
        { "echo t > /target; ln /target /hard; cat /hard", "t\n" },
        { "touch /new; [ -f /new ] && echo made; [ -s /new ] || echo empty", "made\nempty\n" },
        { "seq 1 5 | head -n 2; seq 1 5 | head -2; seq 3 | tail -n 1; seq 5 | tail -n +4", "1\n2\n1\n2\n3\n4\n5\n" },
        { "printf 'a b\\nc\\n' | wc -l; printf 'a b\\nc\\n' | wc -w; printf 'abc' | wc -c", "2\n3\n3\n" },
        { "printf 'a b\\nc\\n' > /w; wc /w", "        2         3         6 /w\n" },
        { "printf 'b\\na\\nc\\na\\n' | sort; printf '10\\n9\\n100\\n' | sort -n; printf 'a\\nb\\n' | sort -r", "a\na\nb\nc\n9\n10\n100\nb\na\n" },
        { "printf 'b\\na\\na\\n' | sort -u", "a\nb\n" },
        { "printf 'Foo\\nbar\\nfoo\\n' | grep foo; printf 'Foo\\nbar\\n' | grep -i foo; printf 'a\\nb\\n' | grep -v a", "foo\nFoo\nb\n" },
        { "printf 'x\\ny\\nx\\n' | grep -c x; printf 'x\\ny\\n' | grep -n y; printf 'x\\n' | grep -q x && echo quiet", "2\n2:y\nquiet\n" },
        { "printf 'ab\\nabc\\n' | grep -E 'c$'; printf 'a.c\\nabc\\n' | grep -F a.c; printf 'aa\\n' | grep 'a\\{2\\}'", "abc\na.c\naa\n" },
        { "echo x | grep y; echo $?", "1\n" },
        { "env -i A=1 B=2", "A=1\nB=2\n" },
        { "env -i X=5 sh -c 'echo $X'", "5\n" },
        { "cd /tmp; pwd; /bin/pwd", "/tmp\n/tmp\n" },
        { "basename /a/b/c.txt; basename /a/b/c.txt .txt; basename /; dirname /a/b/c; dirname c; dirname /a", "c.txt\nc\n/\n/a/b\n.\n/\n" },
        { "id; id -u; id -un; id -g", "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n0\nroot\n0\n" },
        { "whoami; hostname", "root\nweb01\n" },
        { "touch /x; chmod 700 /x; ls -l /x | cut -c1-10; chmod go+r /x; ls -l /x | cut -c1-10; chmod u-w,a+x /x; ls -l /x | cut -c1-10", "-rwx------\n-rwxr--r--\n-r-xr-xr-x\n" },
        { "touch /x; chmod +x /x; [ -x /x ] && echo exec", "exec\n" },
        { "echo hello | tr a-z A-Z; echo hello | tr -d l; echo aabbcc | tr -s ab", "HELLO\nheo\nabcc\n" },
        { "echo a:b:c | cut -d: -f2; echo a:b:c | cut -d: -f1,3; echo hello | cut -c2-4", "b\na:c\nell\n" },
        { "printf 'a\\na\\nb\\na\\n' | uniq; printf 'a\\na\\nb\\n' | uniq -c", "a\nb\na\n      2 a\n      1 b\n" },
        { "echo teed | tee /t1 /t2 > /dev/null; cat /t1 /t2", "teed\nteed\n" },
        { "echo hello world | sed 's/o/0/'; echo hello world | sed 's/o/0/g'; echo abc | sed -e 's/\\(b\\)/[\\1]/'", "hell0 world\nhell0 w0rld\na[b]c\n" },
        { "printf 'a\\nb\\nc\\n' | sed 2d; printf 'a\\nb\\n' | sed -n 2p; echo x > /s; sed -i 's/x/y/' /s; cat /s", "a\nc\nb\ny\n" },
        { "mkdir -p /fd/a; touch /fd/a/x.txt /fd/y.md; find /fd; find /fd -name '*.txt'; find /fd -type d", "/fd\n/fd/a\n/fd/a/x.txt\n/fd/y.md\n/fd/a/x.txt\n/fd\n/fd/a\n" },
        { "printf 'a\\nb\\n' | xargs echo got; echo 1 2 3 | xargs -n 1 echo n", "got a b\nn 1\nn 2\nn 3\n" },
        { "which ls sh; which nope || echo none", "/bin/ls\n/bin/sh\nnone\n" },
        { "date +%Y-%m-%dT%H:%M", "2026-11-29T12:00\n" },
        { "uname; uname -s -m; uname -n", "Linux\nLinux x86_64\nweb01\n" },
        { "stat -c '%n %s %a %U:%G %F' /etc/hostname /tmp", "/etc/hostname 6 644 root:root regular file\n/tmp 4096 1777 root:root directory\n" },
        { "sleep 100 & ps | head -n 1; kill -l | head -n 2", "PID   USER     TIME  COMMAND\n1) HUP\n2) INT\n" },
        { "trap 'echo got TERM' TERM; kill -TERM $$; echo after", "got TERM\nafter\n" },
        { "printf abc | sha256sum; printf abc | md5sum", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n900150983cd24fb0d6963f7d28e17f72  -\n" },
        { "printf abc > /h; sha256sum /h > /h.sum; sha256sum -c /h.sum; echo x > /h; sha256sum -c /h.sum; echo $?", "/h: OK\n/h: FAILED\n1\n" },
        { "printf hello | base64; echo aGVsbG8= | base64 -d; echo", "aGVsbG8=\nhello\n" },
        { "f=$(mktemp); [ -f \"$f\" ] && echo file; d=$(mktemp -d); [ -d \"$d\" ] && echo dir; case $f in /tmp/tmp.??????) echo named;; esac; [ \"$f\" != \"$(mktemp)\" ] && echo distinct", "file\ndir\nnamed\ndistinct\n" },
        { "printenv HOME; printenv NOPE || echo unset; ln -s /etc /e; realpath /e/passwd", "/root\nunset\n/etc/passwd\n" },
        { "busybox echo via busybox; /bin/busybox true && echo ok", "via busybox\nok\n" },
        { "test -d /; echo $?; test -e /nope; echo $?; test 2 -gt 1 -a 1 -eq 1; echo $?; [ ! -z x -o -n '' ]; echo $?", "0\n1\n0\n0\n" },
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task Applet_output(string script, string expected)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal("", r.Err);
        Assert.Equal(expected, r.Out);
    }

    public static TheoryData<string, int, string> Errors => new()
    {
        { "cat /x", 1, "cat: can't open '/x': No such file or directory\n" },
        { "cat /tmp", 1, "cat: read error: Is a directory\n" },
        { "mkdir /a/b", 1, "mkdir: can't create directory '/a/b': No such file or directory\n" },
        { "mkdir /tmp", 1, "mkdir: can't create directory '/tmp': File exists\n" },
        { "rmdir /nope", 1, "rmdir: '/nope': No such file or directory\n" },
        { "rmdir /etc", 1, "rmdir: '/etc': Directory not empty\n" },
        { "rm /nope", 1, "rm: can't stat '/nope': No such file or directory\n" },
        { "rm /tmp", 1, "rm: '/tmp' is a directory\n" },
        { "cp /nope /x", 1, "cp: can't stat '/nope': No such file or directory\n" },
        { "cp /etc /x", 1, "cp: omitting directory '/etc'\n" },
        { "mv /nope /x", 1, "mv: can't stat '/nope': No such file or directory\n" },
        { "ln -s /a /etc/passwd", 1, "ln: /etc/passwd: File exists\n" },
        { "touch /no/such", 1, "touch: /no/such: No such file or directory\n" },
        { "ls /nope", 2, "ls: /nope: No such file or directory\n" },
        { "head /nope", 1, "head: can't open '/nope': No such file or directory\n" },
        { "head -n abc /etc/passwd", 1, "head: invalid number 'abc'\n" },
        { "wc /nope", 1, "wc: can't open '/nope': No such file or directory\n" },
        { "grep x /nope", 2, "grep: /nope: No such file or directory\n" },
        { "sleep abc", 1, "sleep: invalid number 'abc'\n" },
        { "chmod 644 /nope", 1, "chmod: /nope: No such file or directory\n" },
        { "chmod zz /etc/passwd", 1, "chmod: invalid mode 'zz'\n" },
        { "printf '%d\\n' abc", 1, "printf: invalid number 'abc'\n" },
        { "nosuchapplet", 127, "sh: nosuchapplet: not found\n" },
        // musl getopt's message, then bb_show_usage with Alpine's verbose usage (busybox coreutils/ls.c and cat.c //usage: texts).
        { "ls -z", 1, "ls: unrecognized option: z\n" + "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...\n\nList directory contents\n\n\t-1\tOne column output\n\t-a\tInclude names starting with .\n\t-A\tLike -a, but exclude . and ..\n\t-x\tList by lines\n\t-d\tList directory names, not contents\n\t-L\tFollow symlinks\n\t-H\tFollow symlinks on command line\n\t-R\tRecurse\n\t-p\tAppend / to directory names\n\t-F\tAppend indicator (one of */=@|) to names\n\t-l\tLong format\n\t-i\tList inode numbers\n\t-n\tList numeric UIDs and GIDs instead of names\n\t-s\tList allocated blocks\n\t-lc\tList ctime\n\t-lu\tList atime\n\t--full-time\tList full date/time\n\t-h\tHuman readable sizes (1K 243M 2G)\n\t--group-directories-first\n\t-S\tSort by size\n\t-X\tSort by extension\n\t-v\tSort by version\n\t-t\tSort by mtime\n\t-tc\tSort by ctime\n\t-tu\tSort by atime\n\t-r\tReverse sort order\n\t-w N\tFormat N columns wide\n\t--color[={always,never,auto}]\n" },
        { "cat -z", 1, "cat: unrecognized option: z\n" + "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: cat [-nbvteA] [FILE]...\n\nPrint FILEs to stdout\n\n\t-n\tNumber output lines\n\t-b\tNumber nonempty lines\n\t-v\tShow nonprinting characters as ^x or M-x\n\t-t\t...and tabs as ^I\n\t-e\t...and end lines with $\n\t-A\tSame as -vte\n" },
        { "kill 999", 1, "kill: can't kill pid 999: No such process\n" },
        { "stat /nope", 1, "stat: can't stat '/nope': No such file or directory\n" },
        { "env -i sh2", 127, "env: can't execute 'sh2': No such file or directory\n" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Applet_errors_are_busybox_messages(string script, int code, string stderr)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal(stderr, r.Err);
        Assert.Equal(code, r.Code);
    }

    [Fact]
    public async Task Ls_long_format_is_busyboxs()
    {
        var s = new Sandbox();
        s.Fs.CreateDirectories("/srv/www");
        s.Fs.WriteAllText("/srv/index.html", "<h1>hi</h1>\n");
        s.Fs.Chown("/srv/index.html", 1000, 1000);
        s.Fs.CreateSymlink("index.html", "/srv/home");
        var r = await s.Sh("ls -l /srv");
        Assert.Equal(
            "total 8\n" +
            "lrwxrwxrwx    1 root     root            10 Nov 29 12:00 home -> index.html\n" +
            "-rw-r--r--    1 app      app             12 Nov 29 12:00 index.html\n" +
            "drwxr-xr-x    2 root     root          4096 Nov 29 12:00 www\n",
            r.Out);
        var old = await s.Sh("touch /srv/old; ls -ln /srv/old", cwd: "/");
        Assert.Equal("-rw-r--r--    1 0        0                0 Nov 29 12:00 /srv/old\n", old.Out);
    }

    [Fact]
    public async Task Ls_shows_the_year_for_old_files()
    {
        var s = new Sandbox();
        s.Fs.WriteAllText("/old", "");
        s.Fs.SetModifiedTime("/old", new DateTimeOffset(2020, 3, 5, 10, 0, 0, TimeSpan.Zero));
        var r = await s.Sh("ls -l /old");
        Assert.Equal("-rw-r--r--    1 root     root             0 Mar  5  2020 /old\n", r.Out);
    }

    [Fact]
    public async Task Non_root_users_get_permission_errors()
    {
        var s = new Sandbox();
        var r = await s.Sh("touch /etc/x; mkdir /root/d; echo $(whoami) $(id -u)", user: ProcessUser.Resolve("app", s.Fs));
        Assert.Equal("touch: /etc/x: Permission denied\nmkdir: can't create directory '/root/d': Permission denied\n", r.Err);
        Assert.Equal("app 1000\n", r.Out);
    }

    [Fact]
    public async Task Whoami_without_a_passwd_entry_fails()
    {
        var s = new Sandbox();
        var r = await s.Sh("whoami", user: new ProcessUser(4242, 4242));
        Assert.Equal("whoami: unknown uid 4242\n", r.Err);
        Assert.Equal(1, r.Code);
    }

    [Fact]
    public async Task Mv_of_a_lower_directory_falls_back_to_copy_and_delete()
    {
        var stack = LayerStack.Empty;
        var baseFs = UnionFileSystem.CreateEmpty();
        var s = new Sandbox();
        s.Fs.CreateDirectories("/data/sub");
        s.Fs.WriteAllText("/data/sub/f", "payload");
        var layer = s.Fs.CommitLayer();
        var view = UnionFileSystem.CreateWritable(stack.Push(layer), s.Time);
        var ns = new ProcessNamespace(view, s.Programs, s.Time);
        var code = await ns.RunAsync(Sandbox.Spec("mv", "/data", "/moved"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, code);
        Assert.Equal("payload", view.ReadAllText("/moved/sub/f"));
        Assert.False(view.Exists("/data"));
        _ = baseFs;
    }

    [Fact]
    public async Task Sleep_in_a_shell_ends_only_when_the_fake_clock_advances()
    {
        var s = new Sandbox();
        var p = s.NewNamespace().Start(Sandbox.Spec("sh", "-c", "sleep 1m; echo woke"));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(p.HasExited);
        await Simulator.Tests.Processes.ProcessTests.AdvanceUntilExited(s, p, TimeSpan.FromSeconds(5));
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void Install_writes_the_marker_and_links()
    {
        var s = new Sandbox();
        Assert.Equal("#!simulator busybox\n", s.Fs.ReadAllText("/bin/busybox"));
        Assert.Equal("/bin/busybox", s.Fs.ReadLink("/bin/ls"));
        Assert.Contains("sh", Simulator.Userland.Busybox.AppletNames);
    }
}
