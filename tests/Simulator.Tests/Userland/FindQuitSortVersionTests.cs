namespace Simulator.Tests.Userland;

/// <summary>The <c>find -quit</c>, <c>find -follow</c> and <c>sort -V</c> the nginx image's entrypoint uses.</summary>
public sealed class FindQuitSortVersionTests
{
    [Fact]
    public async Task Find_quit_stops_after_the_first_match()
    {
        var r = await new Sandbox().Sh("mkdir /d; touch /d/a /d/b; find /d -mindepth 1 -maxdepth 1 -type f -print -quit | wc -l; find /d -follow -type f | sort");
        Assert.Equal(0, r.Code);
        Assert.Equal("1\n/d/a\n/d/b\n", r.Out);
    }

    [Fact]
    public async Task Find_quit_in_a_pipeline_to_read_succeeds_only_for_a_non_empty_directory()
    {
        var r = await new Sandbox().Sh("mkdir /e /f; touch /f/x; if find /e/ -mindepth 1 -print -quit | read v; then echo e; fi; if find /f/ -mindepth 1 -print -quit | read v; then echo f; fi");
        Assert.Equal("f\n", r.Out);
    }

    [Fact]
    public async Task Sort_V_orders_digit_runs_as_numbers()
    {
        var r = await new Sandbox().Sh("printf 'a10.sh\\na2.sh\\na1.sh\\nb.sh\\n' | sort -V");
        Assert.Equal(0, r.Code);
        Assert.Equal("a1.sh\na2.sh\na10.sh\nb.sh\n", r.Out);
    }
}
