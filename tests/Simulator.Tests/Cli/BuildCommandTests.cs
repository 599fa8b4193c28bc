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

    [Fact]
    public async Task Build_takes_progress_plain_and_a_dockerfile_outside_the_context()
    {
        // buildx build: --progress plain prints BuildKit's plain format on stderr; -f is relative to the current directory.
        var f = await CliFixture.WithImagesAsync("alpine");
        var fs = f.Engine.HostFileSystem;
        fs.Directory.CreateDirectory("/ctx");
        fs.Directory.CreateDirectory("/files");
        fs.File.WriteAllText("/ctx/hello.txt", "hi\n");
        fs.File.WriteAllText("/files/App.Dockerfile", "FROM alpine\nCOPY hello.txt /hello.txt\n");
        fs.File.WriteAllText("/ctx/Inner.Dockerfile", "FROM alpine\nCOPY hello.txt /inner.txt\n");

        var r = await f.RunAsync("build", "--progress=plain", "-f", "/files/App.Dockerfile", "-t", "outside", "/ctx");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("naming to docker.io/library/outside:latest done", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("hi\n", (await f.RunAsync("run", "--rm", "outside", "cat", "/hello.txt")).Stdout);

        r = await f.RunAsync("build", "-q", "-f", "/ctx/Inner.Dockerfile", "-t", "inner", "/ctx");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("hi\n", (await f.RunAsync("run", "--rm", "inner", "cat", "/inner.txt")).Stdout);
    }
}
