namespace Simulator.Tests.Userland;

/// <summary>
/// <c>apk search</c> and <c>apk upgrade</c> (apk-tools 2.14.4, <c>app_search.c</c>, <c>app_upgrade.c</c>): line formats as apk
/// prints them (<c>name-version</c>, <c>name-version - description</c>, <c>(1/2) Upgrading x (a -> b)</c>, <c>OK: ...</c>).
/// </summary>
public sealed class ApkSearchUpgradeTests
{
    private const string Fetch =
        "fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz\n" +
        "fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz\n";

    [Fact]
    public async Task Search_without_an_index_warns_and_finds_installed_packages_only()
    {
        var root = new AlpineRoot();
        var r = await root.Sh("apk search ssl");
        Assert.Equal(0, r.Code);
        Assert.Equal(
            "WARNING: opening from cache https://dl-cdn.alpinelinux.org/alpine/v3.20/main: No such file or directory\n" +
            "WARNING: opening from cache https://dl-cdn.alpinelinux.org/alpine/v3.20/community: No such file or directory\n", r.Err);
        Assert.Equal("libssl3-3.3.2-r0\nssl_client-1.36.1-r29\n", r.Out);
    }

    [Fact]
    public async Task Search_after_update_matches_names_by_substring_sorted_and_verbose_adds_descriptions()
    {
        var root = new AlpineRoot();
        await root.Sh("apk update");
        var r = await root.Sh("apk search curl");
        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.Equal("curl-8.10.1-r0\nlibcurl-8.10.1-r0\n", r.Out);
        Assert.Equal("curl-8.10.1-r0 - URL retrival utility and library\n", (await root.Sh("apk search -v -x curl")).Out);
        Assert.Equal("nginx-1.26.2-r0\n", (await root.Sh("apk search -e nginx")).Out);
        Assert.Equal("libssl3-3.3.2-r1\n", (await root.Sh("apk search libssl")).Out);
        Assert.Contains("git-2.45.2-r0\n", (await root.Sh("apk search -d 'version control'")).Out, StringComparison.Ordinal);
        Assert.Equal("", (await root.Sh("apk search nosuchthing")).Out);
    }

    [Fact]
    public async Task Upgrade_replaces_outdated_base_packages_then_has_nothing_left()
    {
        var root = new AlpineRoot();
        var r = await root.Sh("apk upgrade");
        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.Equal(Fetch +
            "(1/2) Upgrading libcrypto3 (3.3.2-r0 -> 3.3.2-r1)\n" +
            "(2/2) Upgrading libssl3 (3.3.2-r0 -> 3.3.2-r1)\n" +
            "OK: 7 MiB in 16 packages\n", r.Out);
        Assert.Contains("\nP:libssl3\nV:3.3.2-r1\n", root.Fs.ReadAllText("/lib/apk/db/installed"), StringComparison.Ordinal);

        Assert.Equal("OK: 7 MiB in 16 packages\n", (await root.Sh("apk upgrade")).Out);
        Assert.Equal("libssl3-3.3.2-r1\n", (await root.Sh("apk info -v 2>/dev/null; apk search -x libssl3")).Out.Split('\n').Last(l => l.Length > 0) + "\n");
    }

    [Fact]
    public async Task Upgrade_needs_root_as_apk_locks_the_database()
    {
        var root = new AlpineRoot();
        var r = await root.Sh("apk upgrade", new Simulator.Processes.ProcessUser(1000, 1000));
        Assert.Equal(99, r.Code);
        Assert.Equal("ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n", r.Err);
    }
}
