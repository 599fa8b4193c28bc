using System.Text;
using Simulator.Registries;

namespace Simulator.Tests.Registries;

public sealed class RegistryLoginTests
{
    private const string ConfigPath = "/home/me/.docker/config.json";
    private readonly RegistryFixture _f = new();

    private static string Auth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    [Fact]
    public void Login_to_docker_hub_stores_the_credentials_in_dockers_format()
    {
        Assert.Equal("Login Succeeded", _f.Client.Login(null, "yourname", "pa55word"));

        Assert.Equal(
            "{\n\t\"auths\": {\n\t\t\"https://index.docker.io/v1/\": {\n\t\t\t\"auth\": \"" + Auth("yourname", "pa55word") + "\"\n\t\t}\n\t}\n}",
            _f.FileSystem.File.ReadAllText(ConfigPath));
    }

    [Fact]
    public void Login_to_another_registry_stores_under_its_host_and_keeps_other_settings()
    {
        _f.FileSystem.AddFile(ConfigPath, new System.IO.Abstractions.TestingHelpers.MockFileData("{\"detachKeys\": \"ctrl-x\"}"));
        var registry = _f.World.Add("localhost:5000");
        registry.AddUser("admin", "secret");

        _f.Client.Login("localhost:5000", "admin", "secret");

        var text = _f.FileSystem.File.ReadAllText(ConfigPath);
        Assert.Equal(
            "{\n\t\"auths\": {\n\t\t\"localhost:5000\": {\n\t\t\t\"auth\": \"" + Auth("admin", "secret") + "\"\n\t\t}\n\t},\n\t\"detachKeys\": \"ctrl-x\"\n}",
            text);
    }

    [Fact]
    public void Wrong_password_on_docker_hub_is_refused_and_nothing_is_stored()
    {
        _f.Hub.AddUser("yourname", "right");

        var e = Assert.Throws<DockerSimulatorException>(() => _f.Client.Login("docker.io", "yourname", "wrong"));

        Assert.Equal("Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password", e.Message);
        Assert.False(_f.FileSystem.File.Exists(ConfigPath));
        e = Assert.Throws<DockerSimulatorException>(() => _f.Client.Login(null, "anyone", ""));
        Assert.Equal(ErrorKind.FailedPrecondition, e.Kind);
    }

    [Fact]
    public void Wrong_password_on_a_registry_is_a_401()
    {
        _f.World.Add("localhost:5000").AddUser("admin", "secret");
        _f.World.Add("registry.example.com").AddUser("admin", "secret");

        var e = Assert.Throws<DockerSimulatorException>(() => _f.Client.Login("localhost:5000", "admin", "nope"));
        Assert.Equal("login attempt to http://localhost:5000/v2/ failed with status: 401 Unauthorized", e.Message);
        e = Assert.Throws<DockerSimulatorException>(() => _f.Client.Login("https://registry.example.com", "admin", "nope"));
        Assert.Equal("login attempt to https://registry.example.com/v2/ failed with status: 401 Unauthorized", e.Message);
        Assert.False(_f.FileSystem.File.Exists(ConfigPath));
    }

    [Fact]
    public void Login_to_an_unknown_host_fails_as_a_dns_lookup()
    {
        var e = Assert.Throws<DockerSimulatorException>(() => _f.Client.Login("nohost.example", "u", "p"));
        Assert.Equal("Get \"https://nohost.example/v2/\": dial tcp: lookup nohost.example on 127.0.0.53:53: no such host", e.Message);
    }

    [Fact]
    public void Logout_removes_the_credentials()
    {
        _f.Client.Login(null, "yourname", "pw");
        _f.World.Add("localhost:5000");
        _f.Client.Login("localhost:5000", "me", "pw");

        Assert.Equal("Removing login credentials for https://index.docker.io/v1/", _f.Client.Logout());
        Assert.Equal("Removing login credentials for localhost:5000", _f.Client.Logout("http://localhost:5000"));

        Assert.Equal("{\n\t\"auths\": {}\n}", _f.FileSystem.File.ReadAllText(ConfigPath));
        Assert.Equal("Removing login credentials for https://index.docker.io/v1/", _f.Client.Logout(null));
    }

    [Fact]
    public async Task Logging_out_of_docker_hub_takes_away_push_rights()
    {
        var image = RegistryFixture.Base();
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "yourname/app");
        _f.Client.Login(null, "yourname", "pw");
        await _f.Push("yourname/app");
        _f.Client.Logout();

        var e = await _f.PushFails("yourname/app");

        Assert.Equal("denied: requested access to the resource is denied", e.Message);
    }

    [Fact]
    public async Task A_stored_login_the_registry_no_longer_accepts_fails_pulls_and_pushes()
    {
        var image = RegistryFixture.Base();
        _f.Hub.Put(image, "alpine");
        _f.Client.Login(null, "yourname", "old");
        _f.Hub.AddUser("yourname", "changed");

        var e = await _f.PullFails("alpine");
        Assert.Equal("Head \"https://registry-1.docker.io/v2/library/alpine/manifests/latest\": unauthorized: incorrect username or password", e.Message);

        var registry = _f.World.Add("localhost:5000");
        registry.AddUser("ci", "one");
        _f.Client.Login("localhost:5000", "ci", "one");
        registry.AddUser("ci", "two");
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "localhost:5000/app");
        e = await _f.PushFails("localhost:5000/app");
        Assert.Equal("unauthorized: authentication required", e.Message);
        e = await _f.PullFails("localhost:5000/app");
        Assert.Equal("Head \"http://localhost:5000/v2/app/manifests/latest\": unauthorized: authentication required", e.Message);
    }
}
