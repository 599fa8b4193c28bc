using System.Diagnostics;

namespace Simulator.Testing.Tests.Dsim;

/// <summary><c>dsim test</c>, <c>test --update</c>, <c>replay</c>, <c>run</c> and <c>--host-root</c>, run as the real program.</summary>
[Collection(nameof(Transcripts.TranscriptCollection))]
public sealed class DsimCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dsim-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Stdout, string Stderr)> Dsim(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dsim.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (p.ExitCode, await stdout, await stderr);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Test_passes_a_matching_file_and_diffs_a_failing_one()
    {
        var good = Write("good.t", "  $ echo hi\n  hi\n");
        var bad = Write("bad.t", "  $ echo hi\n  ho\n");

        var (code, stdout, _) = await Dsim("test", good, bad);

        Assert.Equal(1, code);
        Assert.Equal($"--- {bad}\n+++ {bad}.err\n@@ -1,2 +1,2 @@\n   $ echo hi\n-  ho\n+  hi\n# Ran 2 tests, 0 skipped, 1 failed.\n", stdout);
        Assert.Equal(0, (await Dsim("test", good)).Code);
    }

    [Fact]
    public async Task Test_update_rewrites_the_file_keeping_patterns_that_match()
    {
        var file = Write("u.t", "Title\n  $ printf 'a1\\nb\\n'\n  a[0-9] (re)\n  old\n");

        var (code, _, _) = await Dsim("test", "--update", file);

        Assert.Equal(0, code);
        Assert.Equal("Title\n  $ printf 'a1\\nb\\n'\n  a[0-9] (re)\n  b\n", File.ReadAllText(file));
        Assert.Equal(0, (await Dsim("test", file)).Code);
    }

    [Fact]
    public async Task Replay_prints_the_session_as_a_terminal_shows_it()
    {
        var file = Write("r.t", "Commentary\n  $ cat <<EOF\n  > one\n  > EOF\n  one\n  $ false\n  [1]\n");

        var (code, stdout, _) = await Dsim("replay", file);

        Assert.Equal(0, code);
        Assert.Equal($"$ cat <<EOF\n> one\n> EOF\none\n$ false\n\nmatched: {file} (2 commands, as real Docker prints them)\n", stdout);
    }

    [Fact]
    public async Task Run_runs_a_script_on_a_fresh_host()
    {
        var script = Write("s.sh", "cd /tmp\necho in $(pwd)\nls /\nexit 3\n");

        var (code, stdout, _) = await Dsim("run", script);

        Assert.Equal(3, code);
        Assert.Equal("in /tmp\nroot\ntmp\n", stdout);
    }

    [Fact]
    public async Task Host_root_maps_a_real_folder_and_run_writes_the_changes_back()
    {
        var root = Path.Combine(_dir, "root");
        Directory.CreateDirectory(Path.Combine(root, "data"));
        File.WriteAllText(Path.Combine(root, "data", "f.txt"), "real file\n");
        File.WriteAllText(Path.Combine(root, "data", "old.txt"), "old\n");
        var script = Write("h.sh", "cat /data/f.txt\necho changed > /data/f.txt\nrm /data/old.txt\nmkdir /data/new && echo n > /data/new/n.txt\n");

        var (code, stdout, _) = await Dsim("--host-root", root, "run", script);

        Assert.Equal(0, code);
        Assert.Equal("real file\n", stdout);
        Assert.Equal("changed\n", File.ReadAllText(Path.Combine(root, "data", "f.txt")));
        Assert.False(File.Exists(Path.Combine(root, "data", "old.txt")));
        Assert.Equal("n\n", File.ReadAllText(Path.Combine(root, "data", "new", "n.txt")));
    }

    [Fact]
    public async Task Host_root_is_never_written_by_transcripts()
    {
        var root = Path.Combine(_dir, "root2");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "f.txt"), "kept\n");
        var file = Write("w.t", "  $ cat /f.txt; echo new > /f.txt; cat /f.txt\n  kept\n  new\n");

        Assert.Equal(0, (await Dsim("--host-root", root, "test", file)).Code);
        Assert.Equal("kept\n", File.ReadAllText(Path.Combine(root, "f.txt")));
    }

    [Fact]
    public async Task Unknown_commands_print_the_usage_and_exit_2()
    {
        var (code, _, stderr) = await Dsim("bogus");

        Assert.Equal(2, code);
        Assert.StartsWith("Usage:  dsim [--host-root DIR] [COMMAND]", stderr);
    }
}
