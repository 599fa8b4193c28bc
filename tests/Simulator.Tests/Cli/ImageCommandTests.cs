namespace Simulator.Tests.Cli;

/// <summary>
/// Image and registry commands. Expected texts: the seed walkthrough (../shared/transcripts/docker-overview.t), docker/cli v28.2.2
/// image/*.go and registry/login.go (credential warning: cli/config/credentials/file_store.go), and the real CLI's client-side errors.
/// </summary>
public sealed class ImageCommandTests
{
    [Fact]
    public async Task Pull_prints_progress_and_the_canonical_reference()
    {
        var f = new CliFixture();
        var r = await f.RunAsync("pull", "alpine");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("Using default tag: latest", lines[0]);
        Assert.Equal("latest: Pulling from library/alpine", lines[1]);
        Assert.Matches("^Digest: sha256:[0-9a-f]{64}$", lines[^3]);
        Assert.Equal("Status: Downloaded newer image for alpine:latest", lines[^2]);
        Assert.Equal("docker.io/library/alpine:latest", lines[^1]);
        Assert.Equal("docker.io/library/alpine:latest\n", (await f.RunAsync("pull", "-q", "alpine")).Stdout);
    }

    [Theory]
    [InlineData("your_registry:5000/mynginx", "invalid reference format")]
    [InlineData("UPPER", "invalid reference format: repository name (library/UPPER) must be lowercase")]
    public async Task Pull_of_an_invalid_reference_fails_client_side(string reference, string error)
    {
        // Observed with the real docker CLI 28.2.2 binary (no daemon involved).
        var r = await new CliFixture().RunAsync("pull", reference);
        Assert.Equal((1, "", error + "\n"), (r.ExitCode, r.Stdout, r.Stderr));
    }

    [Fact]
    public async Task Images_is_the_classic_table()
    {
        var f = await CliFixture.WithImagesAsync("alpine", "busybox");
        var r = await f.RunAsync("images");
        var lines = r.Stdout.Split('\n');
        Assert.Equal("REPOSITORY   TAG       IMAGE ID       CREATED         SIZE", lines[0]);
        Assert.Matches(@"^busybox      latest    [0-9a-f]{12}   \d+ months ago   4\.26MB$", lines[1]);
        Assert.Matches(@"^alpine       latest    [0-9a-f]{12}   \d+ months ago   7\.8MB$", lines[2]);
        var ids = (await f.RunAsync("images", "-q")).Stdout;
        Assert.Matches("^[0-9a-f]{12}\n[0-9a-f]{12}\n$", ids);
        Assert.Equal(lines[2].Substring(23, 12) + "\n", (await f.RunAsync("images", "-q", "alpine")).Stdout);
    }

    [Fact]
    public async Task Tag_push_denied_login_push_rmi()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        Assert.Equal(0, (await f.RunAsync("tag", "alpine", "yourname/alpine")).ExitCode);
        var r = await f.RunAsync("push", "yourname/alpine");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("Using default tag: latest\nThe push refers to repository [docker.io/yourname/alpine]\n", r.Stdout);
        Assert.Equal("denied: requested access to the resource is denied\n", r.Stderr);

        r = await f.RunWithStdinAsync("s3cret\n", "login", "-u", "yourname", "--password-stdin");
        Assert.Equal((0, "Login Succeeded\n"), (r.ExitCode, r.Stdout));
        Assert.Equal("\nWARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n", r.Stderr);
        Assert.Contains("\"auth\": \"eW91cm5hbWU6czNjcmV0\"", f.Engine.HostFileSystem.File.ReadAllText("/root/.docker/config.json"), StringComparison.Ordinal);

        r = await f.RunAsync("push", "yourname/alpine");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"latest: digest: sha256:[0-9a-f]{64} size: \d+\n$", r.Stdout);

        r = await f.RunAsync("rmi", "yourname/alpine");
        // After a push the image also has a repository digest, which rmi untags as well.
        Assert.Equal(0, r.ExitCode);
        Assert.Matches("^Untagged: yourname/alpine:latest\nUntagged: yourname/alpine@sha256:[0-9a-f]{64}\n$", r.Stdout);
    }

    [Fact]
    public async Task Login_flag_errors()
    {
        var f = new CliFixture();
        var r = await f.RunWithStdinAsync("x", "login", "--password-stdin");
        Assert.Equal((1, "the --password-stdin option requires --username to be set\n"), (r.ExitCode, r.Stderr));
        Assert.False(f.Engine.HostFileSystem.File.Exists("/root/.docker/config.json"));
    }

    [Fact]
    public async Task Tag_with_an_invalid_target_and_a_missing_source()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunAsync("tag", "alpine", "B");
        Assert.Equal((1, "Error parsing reference: \"B\" is not a valid repository/tag: invalid reference format: repository name (library/B) must be lowercase\n"), (r.ExitCode, r.Stderr));
        r = await f.RunAsync("tag", "nosuch", "b");
        Assert.Equal((1, "Error response from daemon: No such image: nosuch:latest\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task History_quiet_lists_one_id_per_layer()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        var r = await f.RunAsync("history", "alpine");
        var lines = r.Stdout.Split('\n');
        Assert.Equal("IMAGE          CREATED         CREATED BY                                      SIZE      COMMENT", lines[0]);
        Assert.Equal("<missing>", (await f.RunAsync("history", "-q", "alpine")).Stdout.Split('\n')[1]);
    }

    [Fact]
    public async Task Rmi_of_a_used_image_fails_and_keeps_it()
    {
        var f = await CliFixture.WithImagesAsync("alpine");
        await f.RunAsync("create", "alpine", "true");
        var r = await f.RunAsync("rmi", "alpine");
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"^Error response from daemon: conflict: unable to remove repository reference ""alpine"" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}\n$", r.Stderr);
        Assert.True(f.Engine.Images.TryGet("alpine", out _));
    }
}
