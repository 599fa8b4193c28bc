using System.Text;
using Simulator.Cli;

namespace Simulator.Tests.Cli;

/// <summary>
/// <c>docker login</c> on a terminal and with stored credentials (docker/cli v28.2.2 cli/command/registry/login.go,
/// cli/command/registry.go PromptUserForCredentials, internal/tui PrintNote). The stored-credentials lines are the real
/// 28.2.2 client's against <c>dsim serve</c>; the prompts follow the source.
/// </summary>
public sealed class LoginPromptTests
{
    private static async Task<(int Code, string Out, string Err, int Raw)> LoginAsync(CliFixture f, string typed, params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        int raw = 0;
        var streams = new DockerCliStreams(new MemoryStream(Encoding.UTF8.GetBytes(typed)), stdout, stderr)
        {
            StdinIsTerminal = true,
            RawTerminal = () =>
            {
                raw++;
                return new MemoryStream();
            },
        };
        var code = await f.Cli.RunAsync(["login", .. args], streams, TestContext.Current.CancellationToken);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()), raw);
    }

    [Fact]
    public async Task Docker_hub_login_on_a_terminal_falls_back_to_prompts_and_reads_the_password_without_echo()
    {
        var f = new CliFixture();

        var (code, stdout, stderr, raw) = await LoginAsync(f, "alice\nsecret\n");

        Assert.Equal(0, code);
        Assert.Equal(
            "Log in with your Docker ID or email address to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.\n" +
            "You can log in with your password or a Personal Access Token (PAT). Using a limited-scope PAT grants better security and is required for organizations using SSO. Learn more at https://docs.docker.com/go/access-tokens/\n\n" +
            "Username: Password: \nLogin Succeeded\n",
            stdout);
        Assert.StartsWith(
            "Failed to start web-based login - falling back to command line login...\n\n" +
            "\n Info -> A Personal Access Token (PAT) can be used instead.\n         To create a PAT, visit \u001b[4mhttps://app.docker.com/settings\u001b[0m\n         \n         \n" +
            "\nWARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.",
            stderr);
        Assert.Equal(1, raw);
    }

    [Fact]
    public async Task A_second_login_uses_the_stored_credentials_without_asking()
    {
        var f = new CliFixture();
        await LoginAsync(f, "alice\nsecret\n");

        var (code, stdout, stderr, raw) = await LoginAsync(f, "");

        Assert.Equal((0, "Login Succeeded\n", 0), (code, stdout, raw));
        Assert.Equal("Authenticating with existing credentials... [Username: alice]\n\n Info -> To login with a different account, run 'docker logout' followed by 'docker login'\n\n\n", stderr);

        // Without a terminal too: no prompt is needed.
        var r = await f.RunAsync("login");
        Assert.Equal((0, "Login Succeeded\n"), (r.ExitCode, r.Stdout));
    }

    [Fact]
    public async Task Empty_answers_are_refused_and_nothing_is_stored()
    {
        var f = new CliFixture();

        var (code, stdout, stderr, _) = await LoginAsync(f, "\n", "-u", "");
        Assert.Equal((1, "username is empty\n"), (code, stderr));

        (code, stdout, stderr, _) = await LoginAsync(f, "\n");
        Assert.Equal((1, "Error: Non-null Username Required\n"), (code, stderr[stderr.LastIndexOf("Error", StringComparison.Ordinal)..]));

        (code, stdout, stderr, _) = await LoginAsync(f, "\n", "-u", "bob");
        Assert.Equal(1, code);
        Assert.EndsWith("Password: \n", stdout);
        Assert.EndsWith("Error: Password Required\n", stderr);
        Assert.False(f.Engine.HostFileSystem.File.Exists("/root/.docker/config.json"));
    }
}
