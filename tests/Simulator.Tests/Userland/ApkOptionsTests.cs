using System.Security.Cryptography;
using System.Text;
using Simulator.FileSystem;

namespace Simulator.Tests.Userland;

/// <summary>
/// apk's command line (apk-tools 2.14.4 src/apk.c parse_options over musl getopt_long), <c>--simulate</c>, <c>apk info</c>'s
/// options (src/app_info.c) and add/del round trips that leave the root exactly as it was.
/// </summary>
public sealed class ApkOptionsTests
{
    /// <summary>Every entry of the root but apk's index cache: path, type, mode, owner, link target and a content digest (no times).</summary>
    private static string Tree(UnionFileSystem fs)
    {
        var sb = new StringBuilder();
        foreach (var (path, e) in fs.Walk("/").OrderBy(x => x.Path, StringComparer.Ordinal))
        {
            if (path.StartsWith("/var/cache/apk/", StringComparison.Ordinal))
            {
                continue;
            }

            sb.Append(path).Append(' ').Append(e.Type).Append(' ').Append(Convert.ToString((int)e.Mode, 8)).Append(' ')
                .Append(e.Uid).Append(':').Append(e.Gid).Append(' ').Append(e.LinkTarget ?? "")
                .Append(e.Type == EntryType.RegularFile ? Convert.ToHexStringLower(SHA256.HashData(fs.ReadAllBytes(path))) : "").Append('\n');
        }

        return sb.ToString();
    }

    [Fact]
    public async Task An_unknown_option_is_musls_message_then_the_applets_help_and_status_1()
    {
        var root = new AlpineRoot();
        var before = Tree(root.Fs);
        var r = await root.Sh("apk add --bogus curl");
        Assert.Equal(1, r.Code);
        // musl getopt_long: "argv[0]: unrecognized option: " + the text after "--".
        Assert.Equal("apk: unrecognized option: bogus\n", r.Err);
        // usage(): version line, then apk_applet_help's topics for add (the applet, Global, Commit, Add options), each after a newline.
        Assert.StartsWith("apk-tools 2.14.4, compiled for x86_64.\n\nusage: apk add [<OPTIONS>...] CONSTRAINTS...\n\nDescription:\n  apk add adds or updates given constraints to WORLD (see world) and commit\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("\nGlobal options:\n  -f, --force           Enable selected --force-* options (deprecated)\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("\nCommit options:\n  -s, --simulate        Simulate the requested operation without making any\n                        changes\n", r.Out, StringComparison.Ordinal);
        Assert.EndsWith("\nAdd options:\n  --initdb              Initialize a new package database\n  -l, --latest          Always choose the latest package by version\n  -u, --upgrade         Upgrade PACKAGES and it's dependencies\n  -t, --virtual NAME    Create virtual package NAME with given dependencies\n  --no-chown            Do not change file owner or group\n\nFor more information: man 8 apk-add\n", r.Out, StringComparison.Ordinal);
        Assert.Equal(before, Tree(root.Fs));
    }

    [Theory]
    [InlineData("apk add -z curl", "apk: unrecognized option: z\n")]
    [InlineData("apk info --simulate curl", "apk: unrecognized option: simulate\n")]
    [InlineData("apk add -t", "apk: option requires an argument: t\n")]
    [InlineData("apk add --virtual", "apk: option requires an argument: virtual\n")]
    [InlineData("apk add --no-cache=1 curl", "apk: option does not take an argument: no-cache\n")]
    [InlineData("apk del --force-b curl", "apk: option is ambiguous: force-b\n")]
    [InlineData("apk del --force-bin curl", "")]
    public async Task Getopt_errors_are_musls(string script, string stderr)
    {
        var root = new AlpineRoot();
        var r = await root.Sh(script);
        Assert.Equal(stderr, r.Err);
        if (stderr.Length > 0)
        {
            Assert.Equal(1, r.Code);
            Assert.StartsWith("apk-tools 2.14.4, compiled for x86_64.\n\nusage: apk ", r.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_command_prints_the_main_help_and_a_non_command_is_an_error()
    {
        var root = new AlpineRoot();
        var help = await root.Sh("apk --help");
        Assert.Equal(1, help.Code);
        Assert.StartsWith("apk-tools 2.14.4, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n\nPackage installation and removal:\n  add        Add packages to WORLD and commit changes\n", help.Out, StringComparison.Ordinal);
        Assert.EndsWith("\nThis apk has coffee making abilities.\nFor more information: man 8 apk\n", help.Out, StringComparison.Ordinal);

        var bad = await root.Sh("apk frobnicate");
        Assert.Equal((1, "", "ERROR: 'frobnicate' is not an apk command. See 'apk --help'.\n"), (bad.Code, bad.Out, bad.Err));
        Assert.Equal((0, "apk-tools 2.14.4, compiled for x86_64.\n"), ((await root.Sh("apk add -V curl")).Code, (await root.Sh("apk add -V curl")).Out));
        Assert.Equal("x86_64\n", (await root.Sh("apk --print-arch")).Out);
    }

    [Theory]
    [InlineData("apk -s add curl")]
    [InlineData("apk add --simulate curl")]
    [InlineData("apk add curl --simu")]
    public async Task Simulate_prints_the_changes_and_writes_nothing(string script)
    {
        var root = new AlpineRoot();
        var before = Tree(root.Fs);
        var real = new AlpineRoot();
        var installed = await real.Sh("apk add curl");
        var r = await root.Sh(script);
        Assert.Equal((0, ""), (r.Code, r.Err));
        // commit.c: the same (n/N) lines; no scripts or triggers ("Executing"); the OK line of the unchanged database.
        var expected = string.Concat(installed.Out.Split('\n').Where(l => l.StartsWith('(') || l.StartsWith("fetch ", StringComparison.Ordinal)).Select(l => l + "\n")) + "OK: 7 MiB in 16 packages\n";
        Assert.Equal(expected, r.Out);
        Assert.Contains(") Installing curl (", r.Out, StringComparison.Ordinal);
        Assert.Equal(before, Tree(root.Fs));
    }

    [Fact]
    public async Task A_missing_package_is_refused_and_nothing_is_written()
    {
        var root = new AlpineRoot();
        var before = Tree(root.Fs);
        var r = await root.Sh("apk add --no-cache curl foo");
        Assert.Equal(1, r.Code);
        Assert.Equal("ERROR: unable to select packages:\n  foo (no such package):\n    required by: world[foo]\n", r.Err);
        Assert.Equal(before, Tree(root.Fs));
    }

    [Theory]
    [InlineData("curl")]
    [InlineData("git python3")]
    [InlineData("--virtual .deps nodejs")]
    public async Task Add_then_del_restores_the_root_exactly(string packages)
    {
        var root = new AlpineRoot();
        var before = Tree(root.Fs);
        var world = root.Fs.ReadAllText("/etc/apk/world");
        var db = root.Fs.ReadAllText("/lib/apk/db/installed");
        var add = await root.Sh("apk add --no-cache " + packages);
        Assert.Equal((0, ""), (add.Code, add.Err));
        Assert.NotEqual(before, Tree(root.Fs));
        var names = packages.StartsWith("--virtual", StringComparison.Ordinal) ? ".deps" : packages;
        var del = await root.Sh("apk del " + names);
        Assert.Equal((0, ""), (del.Code, del.Err));
        Assert.Equal(world, root.Fs.ReadAllText("/etc/apk/world"));
        Assert.Equal(db, root.Fs.ReadAllText("/lib/apk/db/installed"));
        Assert.Equal(before, Tree(root.Fs));
    }

    [Fact]
    public async Task Info_verbosity_and_fields_follow_app_info()
    {
        var root = new AlpineRoot();
        await root.Sh("apk add --no-cache curl >/dev/null");
        // verbose_print_pkg: the name; -v adds "-version"; -vv adds " - description".
        Assert.StartsWith("alpine-baselayout\nalpine-baselayout-data\n", (await root.Sh("apk info")).Out, StringComparison.Ordinal);
        Assert.StartsWith("alpine-baselayout-3.6.5-r0\n", (await root.Sh("apk info -v")).Out, StringComparison.Ordinal);
        var vv = await root.Sh("apk info -vv | grep '^curl-'");
        Assert.Matches(@"^curl-\S+ - URL retrival utility and library\n$", vv.Out);

        // -e: the installed names, the status counts the others.
        var e = await root.Sh("apk info -e curl nope bash");
        Assert.Equal((2, "curl\n"), (e.Code, e.Out));
        Assert.Matches(@"^curl-\S+\n$", (await root.Sh("apk info -ve curl")).Out);

        // -d/-w/-s at verbosity 1: "ID label:", the value, a blank line; with -v, "name: value".
        var d = await root.Sh("apk info -d curl");
        Assert.Matches(@"^curl-\S+ description:\nURL retrival utility and library\n\n$", d.Out);
        Assert.Equal("curl: URL retrival utility and library\n", (await root.Sh("apk info -v -d curl")).Out);

        // -L: "ID contains:", the files, a blank line.
        var l = await root.Sh("apk info -L curl");
        Assert.Matches(@"^curl-\S+ contains:\nusr/bin/curl\n\n$", l.Out);

        // -R: the D: dependencies one a line.
        var deps = await root.Sh("apk info -R curl");
        Assert.Matches(@"^curl-\S+ depends on:\n(\S+\n)+\n$", deps.Out);

        // -a: every field in app_info's order (description, webpage, size, depends, provides, required by, contents, ...).
        var a = await root.Sh("apk info -a curl");
        var labels = a.Out.Split('\n').Where(x => x.StartsWith("curl-", StringComparison.Ordinal)).Select(x => x[(x.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToArray();
        Assert.Equal(["description:", "webpage:", "installed size:", "depends on:", "provides:", "is required by:", "contains:", "triggers:", "has auto-install rule:", "affects auto-installation of:", "replaces:", "license:"], labels);

        // -W (info_who_owns): the owner of a path, through an absolute symlink's target too; unowned paths are errors.
        var owns = await root.Sh("apk info -W /usr/bin/curl /nope");
        Assert.Equal(1, owns.Code);
        Assert.Matches(@"^/usr/bin/curl is owned by curl-\S+\n$", owns.Out);
        Assert.Equal("ERROR: /nope: Could not find owner package\n", owns.Err);
        Assert.Equal("curl\n", (await root.Sh("apk -q info -W /usr/bin/curl")).Out);

        // An unknown name prints nothing and counts as an error.
        var none = await root.Sh("apk info nosuchpkg");
        Assert.Equal((1, "", ""), (none.Code, none.Out, none.Err));
    }
}
