namespace Simulator.Tests.Cli;

/// <summary><c>docker build</c> through the CLI (BuildKit texts: moby/buildkit frontend/dockerfile; tests/transcripts/build.t).</summary>
public sealed class BuildCommandTests
{
    [Fact]
    public async Task Build_from_stdin_prints_the_id_with_quiet()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunWithStdinAsync("FROM alpine\nRUN mkdir /made\n", "build", "-q", "-t", "fromstdin", "-");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", r.Stdout);
        Assert.True(f.Engine.Images.TryGet("fromstdin", out _));
    }

    [Fact]
    public async Task Build_errors_end_with_failed_to_solve()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunWithStdinAsync("FROM alpine\nFOO bar\n", "build", "-q", "-t", "broken", "-");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("failed to solve: dockerfile parse error on line 2: unknown instruction: FOO", r.Stderr, StringComparison.Ordinal);
        Assert.False(f.Engine.Images.TryGet("broken", out _));
    }
}
