using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Tests.Userland;

/// <summary><c>apk</c> over the simulated Alpine 3.20 index: update, add, del, info, the database and world files.</summary>
public sealed class ApkTests
{
    private const string Fetch =
        "fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz\n" +
        "fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz\n";

    [Fact]
    public async Task Update_prints_the_indexes_and_caches_them()
    {
        var root = new AlpineRoot();
        var r = await root.Sh("apk update");
        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.Equal(Fetch +
            "v3.20.3-195-g7ebf4ca1a39 [https://dl-cdn.alpinelinux.org/alpine/v3.20/main]\n" +
            "v3.20.3-194-g9cec6e2d9d5 [https://dl-cdn.alpinelinux.org/alpine/v3.20/community]\n" +
            "OK: 24166 distinct packages available\n", r.Out);
        Assert.Equal(2, root.Fs.ReadDirectory("/var/cache/apk").Count(n => n.StartsWith("APKINDEX.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Add_bash_installs_dependencies_in_order_then_del_removes_them()
    {
        var root = new AlpineRoot();
        var before = root.Fs.ReadAllText("/lib/apk/db/installed");
        var r = await root.Sh("apk add bash");
        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.Equal(Fetch +
            "(1/4) Installing ncurses-terminfo-base (6.4_p20240420-r2)\n" +
            "(2/4) Installing libncursesw (6.4_p20240420-r2)\n" +
            "(3/4) Installing readline (8.2.10-r0)\n" +
            "(4/4) Installing bash (5.2.26-r0)\n" +
            "Executing bash-5.2.26-r0.post-install\n" +
            "Executing busybox-1.36.1-r29.trigger\n" +
            "OK: 9 MiB in 20 packages\n", r.Out);
        Assert.StartsWith("#!simulator bash\n", root.Fs.ReadAllText("/bin/bash"));
        Assert.Equal("/bin/bash", root.Fs.ReadAllText("/etc/shells").TrimEnd('\n').Split('\n')[^1]);
        var db = root.Fs.ReadAllText("/lib/apk/db/installed");
        Assert.StartsWith(before, db);
        Assert.Contains("\nP:bash\nV:5.2.26-r0\nA:x86_64\nS:", db);
        Assert.Contains("\nF:bin\nR:bash\na:0:0:755\nZ:Q1", db);
        Assert.Contains("D:readline so:libc.musl-x86_64.so.1\n", db);
        Assert.Contains("bash\n", root.Fs.ReadAllText("/etc/apk/world"));
        Assert.Equal("hi\n", (await root.Sh("bash -c 'echo hi'")).Out);
        Assert.Equal("bash\nreadline\n", (await root.Sh("apk info -e bash readline")).Out);

        var del = await root.Sh("apk del bash");
        Assert.Equal((0, ""), (del.Code, del.Err));
        Assert.Equal(
            "(1/4) Purging bash (5.2.26-r0)\n" +
            "Executing bash-5.2.26-r0.pre-deinstall\n" +
            "(2/4) Purging readline (8.2.10-r0)\n" +
            "(3/4) Purging libncursesw (6.4_p20240420-r2)\n" +
            "(4/4) Purging ncurses-terminfo-base (6.4_p20240420-r2)\n" +
            "Executing busybox-1.36.1-r29.trigger\n" +
            "OK: 7 MiB in 16 packages\n", del.Out);
        Assert.False(root.Fs.Exists("/bin/bash"));
        Assert.False(root.Fs.Exists("/usr/lib/libreadline.so.8.2"));
        Assert.False(root.Fs.Exists("/etc/terminfo"));
        Assert.Equal(before, root.Fs.ReadAllText("/lib/apk/db/installed"));
        Assert.DoesNotContain("bash", root.Fs.ReadAllText("/etc/apk/world"));
        Assert.Equal("OK: 7 MiB in 16 packages\n", (await root.Sh("apk del bash")).Out);
        var e = await root.Sh("apk info -e bash");
        Assert.Equal((1, ""), (e.Code, e.Out));
    }

    [Fact]
    public async Task Dockerfile_run_no_cache_nginx_leaves_no_cache()
    {
        var root = new AlpineRoot();
        var r = await root.Sh("apk add --no-cache nginx");
        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.Equal(Fetch +
            "(1/2) Installing pcre2 (10.43-r0)\n" +
            "(2/2) Installing nginx (1.26.2-r0)\n" +
            "Executing nginx-1.26.2-r0.pre-install\n" +
            "Executing nginx-1.26.2-r0.post-install\n" +
            "Executing busybox-1.36.1-r29.trigger\n" +
            "OK: 9 MiB in 18 packages\n", r.Out);
        Assert.Empty(root.Fs.ReadDirectory("/var/cache/apk"));
        Assert.StartsWith("#!simulator nginx\n", root.Fs.ReadAllText("/usr/sbin/nginx"));
        Assert.Equal(1_290_544, root.Fs.Stat("/usr/sbin/nginx").Size);
        Assert.Contains("nginx:x:100:101:nginx:/var/lib/nginx:/sbin/nologin\n", root.Fs.ReadAllText("/etc/passwd"));
        Assert.Contains("listen 80 default_server;", root.Fs.ReadAllText("/etc/nginx/http.d/default.conf"));
        Assert.True(root.Fs.Stat("/var/log/nginx").IsDirectory);
    }

    [Theory]
    [InlineData("openssh", "/usr/sbin/sshd", 10)]
    [InlineData("curl", "/usr/bin/curl", 10)]
    [InlineData("git", "/usr/bin/git", 11)]
    [InlineData("python3", "/usr/bin/python3", 14)]
    [InlineData("nodejs", "/usr/bin/node", 9)]
    [InlineData("ca-certificates", "/usr/sbin/update-ca-certificates", 1)]
    public async Task Each_package_installs_its_program(string package, string program, int count)
    {
        var root = new AlpineRoot();
        var r = await root.Sh($"apk add -U {package} && {program} --version >/dev/null 2>&1; [ -x {program} ] && echo executable");
        Assert.Equal("", r.Err);
        Assert.True(r.Out.Contains($"({count}/{count}) Installing {package} (", StringComparison.Ordinal), r.Out);
        Assert.EndsWith("executable\n", r.Out);
        Assert.Contains("\nP:" + package + "\n", root.Fs.ReadAllText("/lib/apk/db/installed"));
    }

    [Fact]
    public async Task Curl_installed_by_apk_runs_in_the_container_and_reports_curls_errors()
    {
        // Before: the package's /usr/bin/curl (#!simulator curl) had no program behind it, so sh ran it as a script
        // ("sh: syntax error: unexpected ")""). Texts: curl's own (lib/strerror.c, connect.c), exit 7 = CURLE_COULDNT_CONNECT.
        var sim = new DockerSimulator(new DockerSimulatorOptions { Seed = 1 });
        await sim.PullAsync("alpine", TestContext.Current.CancellationToken);
        var run = await new Simulator.Cli.DockerCli(sim).RunAsync(
            "run", "--rm", "alpine", "sh", "-c", "apk add curl >/dev/null && curl -sS http://127.0.0.1:1/; echo rc=$?");
        Assert.Equal("curl: (7) Failed to connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server\n", run.Stderr);
        Assert.Equal("rc=7\n", run.Stdout);
    }

    [Fact]
    public async Task Openssh_installs_in_apk_order()
    {
        var r = await new AlpineRoot().Sh("apk add --no-cache openssh | grep Installing | cut -d' ' -f3");
        Assert.Equal("openssh-keygen\nncurses-terminfo-base\nlibncursesw\nlibedit\nopenssh-client-common\nopenssh-client-default\nopenssh-sftp-server\nopenssh-server-common\nopenssh-server\nopenssh\n", r.Out);
    }

    [Fact]
    public async Task Unknown_package_fails_as_apk_and_changes_nothing()
    {
        var root = new AlpineRoot();
        var db = root.Fs.ReadAllText("/lib/apk/db/installed");
        var r = await root.Sh("apk add --no-cache foo");
        Assert.Equal(1, r.Code);
        Assert.Equal(Fetch, r.Out);
        Assert.Equal("ERROR: unable to select packages:\n  foo (no such package):\n    required by: world[foo]\n", r.Err);
        Assert.Equal(db, root.Fs.ReadAllText("/lib/apk/db/installed"));
        Assert.DoesNotContain("foo", root.Fs.ReadAllText("/etc/apk/world"));
    }

    [Fact]
    public async Task Unknown_package_in_a_virtual_group_names_the_group()
    {
        var r = await new AlpineRoot().Sh("apk add --no-cache --virtual .build-deps pcre2 nope");
        Assert.Equal((1, "ERROR: unable to select packages:\n  nope (no such package):\n    required by: .build-deps-20261129.120000[nope]\n"), (r.Code, r.Err));
    }

    [Fact]
    public async Task Version_constraints_select_the_package()
    {
        var root = new AlpineRoot();
        var r = await root.Sh("apk add --no-cache 'pcre2=10.43-r0' && apk info -e pcre2");
        Assert.Equal(0, r.Code);
        Assert.EndsWith("OK: 8 MiB in 17 packages\npcre2\n", r.Out);
        Assert.Contains("pcre2\n", root.Fs.ReadAllText("/etc/apk/world"));
    }

    [Fact]
    public async Task Virtual_packages_group_build_dependencies()
    {
        var root = new AlpineRoot();
        var r = await root.Sh("apk add --no-cache --virtual .build-deps pcre2 >/dev/null && apk info -e .build-deps pcre2 && apk del .build-deps");
        Assert.Equal(0, r.Code);
        Assert.Equal(".build-deps\npcre2\n(1/2) Purging .build-deps (20261129.120000)\n(2/2) Purging pcre2 (10.43-r0)\nOK: 7 MiB in 16 packages\n", r.Out);
    }

    [Fact]
    public async Task Info_lists_installed_packages_and_describes_one()
    {
        var root = new AlpineRoot();
        var list = await root.Sh("apk info");
        // apk-tools 2.14 sorts the installed packages by name (commit 8feb2ca, "db, info: sort installed package based data by package name").
        Assert.Equal("alpine-baselayout\nalpine-baselayout-data\nalpine-keys\nalpine-release\napk-tools\nbusybox\nbusybox-binsh\nca-certificates-bundle\nlibc-utils\nlibcrypto3\nlibssl3\nmusl\nmusl-utils\nscanelf\nssl_client\nzlib\n", list.Out);
        Assert.Equal("apk-tools 2.14.4, compiled for x86_64.\n", (await root.Sh("apk --version")).Out);
        var info = await root.Sh("apk info busybox");
        Assert.Equal("busybox-1.36.1-r29 description:\nSize optimized toolbox of many common UNIX utilities\n\nbusybox-1.36.1-r29 webpage:\nhttps://busybox.net/\n\nbusybox-1.36.1-r29 installed size:\n926 KiB\n\n", info.Out);
    }

    [Fact]
    public async Task Non_root_cannot_lock_the_database()
    {
        var r = await new AlpineRoot().Sh("apk add curl", new ProcessUser(1000, 1000));
        Assert.Equal((99, "ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n"), (r.Code, r.Err));
    }

    [Fact]
    public async Task Stock_hello_world_image_runs_its_cmd()
    {
        var stock = Simulator.World.StockImages.HelloWorld;
        var fs = UnionFileSystem.CreateWritable(LayerStack.Create(stock.Image.Layers));
        var output = new MemoryStream();
        var code = await new ProcessNamespace(fs, Simulator.Userland.StockPrograms.Register(new ProgramRegistry()))
            .RunAsync(new ProcessSpec(["/hello"]), null, output, null, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        Assert.Equal(0, code);
        Assert.Equal(Simulator.Userland.HelloWorld.Text, System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Second_add_uses_the_cached_index_and_installs_nothing_new()
    {
        var root = new AlpineRoot();
        await root.Sh("apk update");
        var r = await root.Sh("apk add pcre2 && apk add pcre2");
        Assert.Equal("(1/1) Installing pcre2 (10.43-r0)\nOK: 8 MiB in 17 packages\nOK: 8 MiB in 17 packages\n", r.Out);
    }

    [Fact]
    public async Task Hello_world_prints_the_welcome_text()
    {
        var root = new AlpineRoot();
        root.Fs.WriteContent("/hello", PrefixedSyntheticContent.Program("hello-world", 13_256), (UnixFileMode)0b111_111_101);
        var r = await root.Run(new ProcessSpec(["/hello"]));
        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.StartsWith("\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n\nTo generate this message, Docker took the following steps:\n 1. The Docker client contacted the Docker daemon.\n", r.Out);
        Assert.EndsWith("For more examples and ideas, visit:\n https://docs.docker.com/get-started/\n\n", r.Out);
    }
}
