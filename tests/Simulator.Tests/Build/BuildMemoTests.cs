using Microsoft.Extensions.Time.Testing;
using Simulator.Build;
using Simulator.FileSystem;
using Simulator.Images;

namespace Simulator.Tests.Build;

/// <summary>
/// The whole-build memo (a fully cached rebuild replays the last one): it must be invisible. Each test builds three
/// times (cold, cached: the memo is kept, cached again: the memo answers), changes one input and checks that the
/// next build invalidates from the step BuildKit's cache keys would (the same counts as without the memo).
/// </summary>
public sealed class BuildMemoTests
{
    private const string Dockerfile = "FROM alpine\nARG V=1\nRUN echo $V > /v\nCOPY a.txt /a\nCOPY dir/ /d/\nRUN cat /a > /a.copy\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BuildRequest Request => new() { ContextDirectory = "/ctx", Dockerfile = Dockerfile, Tags = ["app"] };

    private static async Task<(DockerSimulator Engine, FakeTimeProvider Time, BuildResult Replayed)> ThreeBuildsAsync(BuildRequest? request = null)
    {
        var engine = BuilderTests.NewEngine(out var time);
        var fs = engine.HostFileSystem;
        fs.Directory.CreateDirectory("/ctx/dir");
        fs.File.WriteAllText("/ctx/a.txt", "a1");
        fs.File.WriteAllText("/ctx/dir/x", "x");
        var req = request ?? Request;
        var cold = await engine.Builds.BuildAsync(req, null, Ct);
        Assert.Equal((0, 4), (cold.CachedSteps, cold.ExecutedSteps));
        time.Advance(TimeSpan.FromMinutes(1));
        await engine.Builds.BuildAsync(req, null, Ct);
        time.Advance(TimeSpan.FromMinutes(1));
        var replayed = await engine.Builds.BuildAsync(req, null, Ct);
        Assert.Equal((4, 0), (replayed.CachedSteps, replayed.ExecutedSteps));
        Assert.Equal(1, engine.Builds.MemoHits); // the third build was the replay

        Assert.Equal(cold.ImageId, replayed.ImageId);
        return (engine, time, replayed);
    }

    private static string Read(BuildResult r, string path) =>
        UnionFileSystem.CreateReadOnly(LayerStack.Create(r.Image.Layers)).ReadAllText(path);

    [Fact]
    public async Task A_replayed_build_prints_what_the_full_cached_build_printed_and_moves_the_tag_back()
    {
        var engine = BuilderTests.NewEngine(out var time);
        engine.HostFileSystem.Directory.CreateDirectory("/ctx/dir");
        engine.HostFileSystem.File.WriteAllText("/ctx/a.txt", "a1");
        await engine.Builds.BuildAsync(Request, null, Ct);
        var full = new StringWriter();
        await engine.Builds.BuildAsync(Request, full, Ct);
        engine.Images.Tag("alpine", "app"); // someone moved the tag meanwhile
        time.Advance(TimeSpan.FromMinutes(5));
        var replay = new StringWriter();
        var r = await engine.Builds.BuildAsync(Request, replay, Ct);

        Assert.Equal(1, engine.Builds.MemoHits);
        Assert.Equal(full.ToString(), replay.ToString());
        Assert.Contains("#7 CACHED\n", replay.ToString(), StringComparison.Ordinal);
        Assert.Equal(r.ImageId, engine.Images.Get("app").Id);
        // Cache usage as BuildKit counts it: every hit touches the record (1 + 2 hits), at the replay's time.
        var layers = engine.Builds.CacheRecords().Where(c => c.Type == "regular").ToList();
        Assert.All(layers, c => Assert.Equal(3, c.UsageCount));
        Assert.All(layers, c => Assert.Equal(time.GetUtcNow(), c.LastUsedAt));
        Assert.All(engine.Builds.CacheRecords().Where(c => c.Type == "source.local"), c => Assert.Equal(3, c.UsageCount));
    }

    [Fact]
    public async Task A_changed_context_file_invalidates_from_its_copy()
    {
        var (engine, _, first) = await ThreeBuildsAsync();
        engine.HostFileSystem.File.WriteAllText("/ctx/a.txt", "a2");
        var r = await engine.Builds.BuildAsync(Request, null, Ct);
        Assert.Equal(1, engine.Builds.MemoHits);
        Assert.Equal((1, 3), (r.CachedSteps, r.ExecutedSteps));
        Assert.Equal("a2", Read(r, "/a.copy"));
        Assert.NotEqual(first.ImageId, r.ImageId);
    }

    [Fact]
    public async Task A_file_added_to_a_copied_directory_invalidates_from_that_copy()
    {
        var (engine, _, _) = await ThreeBuildsAsync();
        engine.HostFileSystem.File.WriteAllText("/ctx/dir/y", "y");
        var r = await engine.Builds.BuildAsync(Request, null, Ct);
        Assert.Equal(1, engine.Builds.MemoHits);
        Assert.Equal((2, 2), (r.CachedSteps, r.ExecutedSteps));
        Assert.Equal("y", Read(r, "/d/y"));
    }

    [Fact]
    public async Task An_unrelated_context_file_changes_nothing_but_is_not_replayed_blindly()
    {
        var (engine, _, first) = await ThreeBuildsAsync();
        engine.HostFileSystem.File.WriteAllText("/ctx/notes.md", "n");
        var r = await engine.Builds.BuildAsync(Request, null, Ct);
        Assert.Equal(1, engine.Builds.MemoHits);
        Assert.Equal((4, 0), (r.CachedSteps, r.ExecutedSteps));
        Assert.Equal(first.ImageId, r.ImageId);
    }

    [Fact]
    public async Task A_changed_build_arg_invalidates_from_the_first_step_that_uses_it()
    {
        var (engine, _, _) = await ThreeBuildsAsync();
        var r = await engine.Builds.BuildAsync(Request with { BuildArgs = new Dictionary<string, string?> { ["V"] = "2" } }, null, Ct);
        Assert.Equal(1, engine.Builds.MemoHits);
        Assert.Equal((0, 4), (r.CachedSteps, r.ExecutedSteps));
        Assert.Equal("2\n", Read(r, "/v"));
    }

    [Fact]
    public async Task A_retagged_base_image_invalidates_every_step()
    {
        var (engine, _, first) = await ThreeBuildsAsync();
        var other = await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = "FROM alpine\nRUN echo other > /o\n" }, null, Ct);
        engine.Images.Tag(other.ImageId.ToString(), "alpine:latest");
        var r = await engine.Builds.BuildAsync(Request, null, Ct);
        Assert.Equal(1, engine.Builds.MemoHits);
        Assert.Equal((0, 4), (r.CachedSteps, r.ExecutedSteps));
        Assert.Equal("other\n", Read(r, "/o"));
        Assert.NotEqual(first.ImageId, r.ImageId);
    }

    [Fact]
    public async Task No_cache_runs_every_step_and_the_next_build_is_cached_again()
    {
        var (engine, _, _) = await ThreeBuildsAsync();
        var cold = await engine.Builds.BuildAsync(Request with { NoCache = true }, null, Ct);
        Assert.Equal((0, 4), (cold.CachedSteps, cold.ExecutedSteps));
        Assert.Equal(cold.ImageId, engine.Images.Get("app").Id);
        var r = await engine.Builds.BuildAsync(Request, null, Ct);
        Assert.Equal((4, 0), (r.CachedSteps, r.ExecutedSteps));
        Assert.Equal(cold.ImageId, r.ImageId);
    }

    [Fact]
    public async Task A_new_dockerignore_invalidates_the_copy_of_what_it_hides()
    {
        var (engine, _, _) = await ThreeBuildsAsync();
        engine.HostFileSystem.File.WriteAllText("/ctx/dir/y", "y");
        engine.HostFileSystem.File.WriteAllText("/ctx/.dockerignore", "dir/y\n");
        var r = await engine.Builds.BuildAsync(Request, null, Ct);
        Assert.Equal((4, 0), (r.CachedSteps, r.ExecutedSteps)); // dir/ holds the same files again
        engine.HostFileSystem.File.WriteAllText("/ctx/.dockerignore", "dir/x\n");
        var r2 = await engine.Builds.BuildAsync(Request, null, Ct);
        Assert.Equal((2, 2), (r2.CachedSteps, r2.ExecutedSteps));
        Assert.False(UnionFileSystem.CreateReadOnly(LayerStack.Create(r2.Image.Layers)).Exists("/d/x"));
    }

    [Fact]
    public async Task A_dockerfile_read_from_the_context_is_checked_too()
    {
        var engine = BuilderTests.NewEngine(out _);
        var fs = engine.HostFileSystem;
        fs.Directory.CreateDirectory("/ctx");
        fs.File.WriteAllText("/ctx/Dockerfile", "FROM alpine\nRUN echo 1 > /n\n");
        var req = new BuildRequest { ContextDirectory = "/ctx" };
        for (int i = 0; i < 3; i++)
        {
            await engine.Builds.BuildAsync(req, null, Ct);
        }

        fs.File.WriteAllText("/ctx/Dockerfile", "FROM alpine\nRUN echo 2 > /n\n");
        var r = await engine.Builds.BuildAsync(req, null, Ct);
        Assert.Equal((0, 1), (r.CachedSteps, r.ExecutedSteps));
        Assert.Equal("2\n", Read(r, "/n"));
    }

    [Fact]
    public async Task Prune_forgets_the_memo_so_the_next_build_runs_again()
    {
        var (engine, _, _) = await ThreeBuildsAsync();
        engine.Builds.Prune();
        var r = await engine.Builds.BuildAsync(Request, null, Ct);
        Assert.Equal(1, engine.Builds.MemoHits);
        Assert.Equal((0, 4), (r.CachedSteps, r.ExecutedSteps));
    }

    [Fact]
    public async Task A_quiet_replay_prints_nothing_and_a_loud_one_after_it_prints_the_steps()
    {
        var (engine, _, first) = await ThreeBuildsAsync(Request with { Quiet = true });
        var quiet = new StringWriter();
        await engine.Builds.BuildAsync(Request with { Quiet = true }, quiet, Ct);
        Assert.Equal("", quiet.ToString());
        var loud = new StringWriter();
        var r = await engine.Builds.BuildAsync(Request, loud, Ct);
        Assert.Equal(first.ImageId, r.ImageId);
        Assert.Contains("#7 CACHED\n", loud.ToString(), StringComparison.Ordinal);
        Assert.Contains("naming to docker.io/library/app:latest done", loud.ToString(), StringComparison.Ordinal);
    }

    // The memo skips its entry-by-entry check of the context while the union's change stamp has not moved: every kind
    // of change must move it.
    [Fact]
    public async Task A_file_rewritten_through_an_open_stream_invalidates()
    {
        var (engine, _, _) = await ThreeBuildsAsync();
        using (var stream = engine.HostFileSystem.File.Open("/ctx/a.txt", FileMode.Open, FileAccess.Write))
        {
            stream.Write("b2"u8);
        }

        var r = await engine.Builds.BuildAsync(Request, null, Ct);
        Assert.Equal(1, engine.Builds.MemoHits);
        Assert.Equal((1, 3), (r.CachedSteps, r.ExecutedSteps));
        Assert.Equal("b2", Read(r, "/a"));
    }

    [Fact]
    public async Task A_metadata_change_in_the_context_is_compared_not_replayed_blindly()
    {
        var (engine, time, first) = await ThreeBuildsAsync();
        engine.HostFileSystem.File.SetLastWriteTimeUtc("/ctx/dir/x", time.GetUtcNow().UtcDateTime.AddHours(1));
        var r = await engine.Builds.BuildAsync(Request, null, Ct);
        Assert.Equal(1, engine.Builds.MemoHits); // the tree differs from the memo's, so the full cached build ran
        Assert.Equal((4, 0), (r.CachedSteps, r.ExecutedSteps));
        Assert.Equal(first.ImageId, r.ImageId);
    }

    [Fact]
    public async Task A_change_outside_the_context_is_checked_once_and_then_replayed()
    {
        var (engine, _, first) = await ThreeBuildsAsync();
        engine.HostFileSystem.File.WriteAllText("/elsewhere.txt", "e");
        var checkedOnce = await engine.Builds.BuildAsync(Request, null, Ct);
        var replayed = await engine.Builds.BuildAsync(Request, null, Ct);
        Assert.Equal(3, engine.Builds.MemoHits);
        Assert.Equal(first.ImageId, checkedOnce.ImageId);
        Assert.Equal(first.ImageId, replayed.ImageId);
    }
}
