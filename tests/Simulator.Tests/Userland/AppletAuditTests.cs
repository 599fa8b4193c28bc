using Simulator.Userland;

namespace Simulator.Tests.Userland;

/// <summary>
/// Every applet the issue lists: an unknown option, a missing file, and common options, with busybox 1.37's messages and
/// statuses (sources: the applets' C files in busybox; musl getopt's <c>unrecognized option</c>; libbb's <c>bb_show_usage</c>
/// with Alpine's verbose usage texts).
/// </summary>
public sealed class AppletAuditTests
{
    // musl getopt's line, then bb_show_usage (libbb/appletlib.c), status 1.
    private static string Unknown(string applet, char option) => $"{applet}: unrecognized option: {option}\n" + BusyboxUsage.Render(applet);

    public static TheoryData<string, int, string, string> UnknownOptions
    {
        get
        {
            var data = new TheoryData<string, int, string, string>();
            // Applets parsing with getopt32/getopt: an unknown letter is a usage error.
            foreach (var applet in new[]
            {
                "cat", "ls", "mkdir", "rmdir", "rm", "cp", "mv", "ln", "touch", "head", "tail", "wc", "uniq", "cut", "tr", "tee",
                "env", "id", "hostname", "chown", "stat", "du", "df", "basename", "readlink", "xargs", "date", "wget", "gzip",
                "sed", "which",
            })
            {
                data.Add($"{applet} -Z x", 1, "", Unknown(applet, 'Z'));
            }

            // sort.c and grep.c set xfunc_error_retval = 2 before parsing: their usage errors exit 2.
            data.Add("sort -Z x", 2, "", Unknown("sort", 'Z'));
            data.Add("grep -Z x", 2, "", Unknown("grep", 'Z'));

            data.Add("tar -Y", 1, "", Unknown("tar", 'Y'));
            // pwd is an ash builtin: nextopt("LP") raises "illegal option" (status 2); /bin/pwd is the applet (getopt32 "LP").
            data.Add("pwd -Z x", 2, "", "sh: pwd: illegal option -Z\n");
            data.Add("/bin/pwd -Z x", 1, "", "/bin/pwd: unrecognized option: Z\n" + BusyboxUsage.Render("pwd"));
            // find's own parser (findutils/find.c): "unrecognized: ARG" then the usage.
            data.Add("find / -Z", 1, "", "find: unrecognized: -Z\n" + BusyboxUsage.Render("find"));
            // whoami takes no arguments at all: the usage alone.
            data.Add("whoami -Z", 1, "", BusyboxUsage.Render("whoami"));
            // chmod takes an option-like first argument as the mode (coreutils/chmod.c).
            data.Add("chmod -Z /etc/passwd", 1, "", "chmod: invalid mode '-Z'\n");
            // sleep has no options (skip_dash_dash only).
            data.Add("sleep -Z", 1, "", "sleep: invalid number '-Z'\n");
            // echo, printf, true, false, dirname: no option parsing.
            data.Add("echo -Z", 0, "-Z\n", "");
            data.Add("printf -Z", 0, "-Z", "");
            data.Add("true -Z", 0, "", "");
            data.Add("false -Z", 1, "", "");
            data.Add("dirname -Z", 0, ".\n", "");
            // Long options: getopt32long applets name the option (musl getopt_long prints the text after "--").
            data.Add("ls --bogus /", 1, "", "ls: unrecognized option: bogus\n" + BusyboxUsage.Render("ls"));
            data.Add("sed --bogus p", 1, "", "sed: unrecognized option: bogus\n" + BusyboxUsage.Render("sed"));
            // Applets without long options see "--bogus" as the options '-', 'b', ...: the first is '-'.
            data.Add("cat --bogus", 1, "", Unknown("cat", '-'));
            // A missing option argument.
            data.Add("head -n", 1, "", "head: option requires an argument: n\n" + BusyboxUsage.Render("head"));
            data.Add("cut -d", 1, "", "cut: option requires an argument: d\n" + BusyboxUsage.Render("cut"));
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(UnknownOptions))]
    public async Task Unknown_options_are_busyboxs_usage_errors(string script, int code, string stdout, string stderr)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal((code, stdout, stderr), (r.Code, r.Out, r.Err));
    }

    [Theory]
    [InlineData("ls")]
    [InlineData("grep")]
    [InlineData("tar")]
    public async Task Dash_dash_help_prints_the_usage_to_stderr_and_exits_0(string applet)
    {
        var r = await new Sandbox().Sh(applet + " --help");
        Assert.Equal((0, "", BusyboxUsage.Render(applet)), (r.Code, r.Out, r.Err));
    }

    [Theory]
    // editors/sed.c: add_cmd's "missing command", parse_regex_delim's "unmatched 'DELIM'", "unsupported command C".
    [InlineData("echo a | sed 5", 1, "", "sed: missing command\n")]
    [InlineData("echo a | sed 99999999999999999999", 1, "", "sed: missing command\n")]
    [InlineData("echo a | sed 's/a/b'", 1, "", "sed: unmatched '/'\n")]
    [InlineData("echo a | sed 's|a|b'", 1, "", "sed: unmatched '|'\n")]
    [InlineData("echo a | sed k", 1, "", "sed: unsupported command k\n")]
    public async Task Bad_sed_scripts_are_busyboxs_messages(string script, int code, string stdout, string stderr)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal((code, stdout, stderr), (r.Code, r.Out, r.Err));
    }

    [Theory]
    // findutils/find.c: -maxdepth/-mindepth take xatoi_positive (libbb/xatonum_template.c messages).
    [InlineData("find / -maxdepth x", 1, "", "find: invalid number 'x'\n")]
    [InlineData("find / -maxdepth 99999999999999999999", 1, "", "find: number 99999999999999999999 is not in 0..2147483647 range\n")]
    public async Task Bad_find_depths_are_busyboxs_messages(string script, int code, string stdout, string stderr)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal((code, stdout, stderr), (r.Code, r.Out, r.Err));
    }

    public static TheoryData<string, int, string, string> MissingFiles => new()
    {
        { "cat /nope", 1, "", "cat: can't open '/nope': No such file or directory\n" },
        { "ls /nope", 2, "", "ls: /nope: No such file or directory\n" },
        { "rmdir /nope", 1, "", "rmdir: '/nope': No such file or directory\n" },
        { "rm /nope", 1, "", "rm: can't stat '/nope': No such file or directory\n" },
        { "cp /nope /x", 1, "", "cp: can't stat '/nope': No such file or directory\n" },
        { "mv /nope /x", 1, "", "mv: can't stat '/nope': No such file or directory\n" },
        // coreutils/ln.c: a hard link to a missing file: bb_simple_perror_msg(source).
        { "ln /nope /x", 1, "", "ln: /nope: No such file or directory\n" },
        { "touch /no/such", 1, "", "touch: /no/such: No such file or directory\n" },
        { "head /nope", 1, "", "head: can't open '/nope': No such file or directory\n" },
        { "tail /nope", 1, "", "tail: can't open '/nope': No such file or directory\n" },
        { "wc /nope", 1, "", "wc: can't open '/nope': No such file or directory\n" },
        // sort: xfopen_stdin; uniq: xopen (both die).
        { "sort /nope", 2, "", "sort: can't open '/nope': No such file or directory\n" },
        { "uniq /nope", 1, "", "uniq: can't open '/nope': No such file or directory\n" },
        // cut, tee, sed: fopen_or_warn (bb_simple_perror_msg(path)); tee still copies its input.
        { "cut -f1 /nope", 1, "", "cut: /nope: No such file or directory\n" },
        { "echo hi | tee /no/x", 1, "hi\n", "tee: /no/x: No such file or directory\n" },
        { "sed p /nope", 1, "", "sed: /nope: No such file or directory\n" },
        { "grep x /nope", 2, "", "grep: /nope: No such file or directory\n" },
        { "find /nope", 1, "", "find: /nope: No such file or directory\n" },
        { "chmod 644 /nope", 1, "", "chmod: /nope: No such file or directory\n" },
        { "chown root /nope", 1, "", "chown: /nope: No such file or directory\n" },
        { "stat /nope", 1, "", "stat: can't stat '/nope': No such file or directory\n" },
        { "du /nope", 1, "", "du: /nope: No such file or directory\n" },
        // df: find_mount_point fails on a missing path.
        { "df /nope", 1, "", "df: /nope: can't find mount point\n" },
        // readlink fails silently.
        { "readlink /nope", 1, "", "" },
        { "readlink -f /nope/x", 1, "", "" },
        { "which nope", 1, "", "" },
        { "env nope", 127, "", "env: can't execute 'nope': No such file or directory\n" },
        { "xargs nope < /etc/hostname", 127, "", "xargs: nope: No such file or directory\n" },
        { "id nope", 1, "", "id: unknown user nope\n" },
        { "tar -xf /nope.tar", 1, "", "tar: can't open '/nope.tar': No such file or directory\n" },
        { "gzip /nope", 1, "", "gzip: can't open '/nope': No such file or directory\n" },
        { "mkdir /a/b", 1, "", "mkdir: can't create directory '/a/b': No such file or directory\n" },
    };

    [Theory]
    [MemberData(nameof(MissingFiles))]
    public async Task Missing_files_are_busyboxs_messages(string script, int code, string stdout, string stderr)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal((code, stdout, stderr), (r.Code, r.Out, r.Err));
    }

    public static TheoryData<string, string> CommonOptions => new()
    {
        { "mkdir -p /x/y; touch /x/y/f; cp -a /x /z; ls -R /z", "/z:\ny\n\n/z/y:\nf\n" },
        { "echo a > /f; mv -f /f /g; ls /f /g 2>&1", "ls: /f: No such file or directory\n/g\n" },
        { "echo a > /f; ln -sf /f /l; ln -sf /etc/hostname /l; cat /l", "web01\n" },
        { "mkdir -p /d/e; rm -rf /d; [ -e /d ] || echo gone", "gone\n" },
        { "mkdir -m 700 /m; stat -c %a /m", "700\n" },
        { "touch -d '2020-01-02 03:04:05' /t; ls -l /t | cut -c45-", "Jan  2  2020 /t\n" },
        { "printf 'a\\nb\\nc\\n' | head -c 3; echo; printf 'a\\nb\\nc\\n' | tail -c 2", "a\nb\nc\n" },
        { "printf 'a b\\n' | wc -lwc", "        1         2         4\n" },
        { "printf 'b 2\\na 10\\nc 1\\n' | sort -k2 -n", "c 1\nb 2\na 10\n" },
        { "printf 'x:3\\ny:1\\n' | sort -t: -k2", "y:1\nx:3\n" },
        { "printf 'a\\na\\nb\\nc\\nc\\n' | uniq -d; printf 'a\\na\\nb\\n' | uniq -u", "a\nc\nb\n" },
        { "printf 'a\\tb\\n' | cut -f2; echo a,b,c | cut -d, -f2-", "b\nb,c\n" },
        { "echo abc | tr -d b; echo 'a  b' | tr -s ' '", "ac\na b\n" },
        { "echo one > /t; echo two | tee -a /t > /dev/null; cat /t", "one\ntwo\n" },
        { "env -u HOME sh -c 'echo ${HOME-unset}'", "unset\n" },
        { "id -G; id -Gn", "0 10\nroot wheel\n" },
        { "touch /o; chown 1000:1000 /o; stat -c %u:%g /o; chown app:wheel /o; stat -c %U:%G /o", "1000:1000\napp:wheel\n" },
        { "mkdir -p /r/s; touch /r/s/f; chmod -R 700 /r; stat -c %a /r/s/f", "700\n" },
        { "basename /a/b.txt .txt; basename -s .txt /a/c.txt", "b\nc\n" },
        { "ln -s /etc /e; readlink -f /e/hostname", "/etc/hostname\n" },
        { "mkdir -p /f/a/b; touch /f/a/b/x; find /f -maxdepth 1; find /f -name x -exec echo found {} \\;", "/f\n/f/a\nfound /f/a/b/x\n" },
        { "mkdir -p /g/s; echo needle > /g/s/f; grep -r needle /g; grep -l needle /g/s/f; echo 'a ab' | grep -ow ab", "/g/s/f:needle\n/g/s/f\nab\n" },
        { "printf 'a\\nb\\n' | sed -n '/b/p'; echo abc | sed -e s/a/x/ -e s/c/z/", "b\nxbz\n" },
        { "printf 'a\\nb\\n' | xargs -I{} echo [{}]", "[a]\n[b]\n" },
        { "date -u +%s; date -d @0 -u +%Y", "1795953600\n1970\n" },
        { "hostname -s", "web01\n" },
        { "pwd -P", "/\n" },
        { "printf '%s-%s\\n' a b c d", "a-b\nc-d\n" },
        { "echo -n x; echo -e '\\x41'", "xA\n" },
        { "dirname /a/b/; dirname a", "/a\n.\n" },
        { "mkdir -p /du/a; du -s /du | cut -f2", "/du\n" },
        { "df / | head -n 1", "Filesystem           1K-blocks      Used Available Use% Mounted on\n" },
        { "mkdir -p /tz; echo hi > /tz/f; tar -czf /t.tgz -C /tz f; tar -tzf /t.tgz; gzip -dc /t.tgz | wc -c", "f\n2048\n" },
        { "echo hi > /gz; gzip /gz; ls /gz*; gzip -d /gz.gz; cat /gz", "/gz.gz\nhi\n" },
        { "which -a sh", "/bin/sh\n" },
        { "true; echo $?; false; echo $?", "0\n1\n" },
        { "ls -1d /etc /tmp", "/etc\n/tmp\n" },
        { "rmdir -p /nope/x 2>/dev/null; mkdir -p /p/q; rmdir -p /p/q; [ -e /p ] || echo removed", "removed\n" },
        // getopt32long applets permute (musl getopt_long): options may follow operands; getopt-only and "+" applets stop at the first operand.
        { "ls /etc/hostname -l | cut -c1-10", "-rw-r--r--\n" },
        { "echo Needle > /n; grep needle /n -i", "Needle\n" },
        { "mkdir -p /s/t; touch /s/t/f; cp /s /c -r; ls /c/t", "f\n" },
        { "echo ab | sed s/a/x/ -e s/b/y/ 2>&1", "sed: s/a/x/: No such file or directory\n" },
        { "mkdir -p /tt /dest; touch /tt/f; tar -cf /t.tar -C /tt f; tar xf /t.tar -C /dest; ls /dest", "f\n" },
        { "echo a | xargs echo -n; echo", "a\n" },
    };

    [Theory]
    [MemberData(nameof(CommonOptions))]
    public async Task Common_options(string script, string expected)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal((expected, ""), (r.Out, r.Err));
    }
}
