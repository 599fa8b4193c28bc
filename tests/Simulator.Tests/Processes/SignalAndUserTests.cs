using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Tests.Processes;

public sealed class SignalAndUserTests
{
    [Theory]
    [InlineData("SIGTERM", 15, "SIGTERM")]
    [InlineData("term", 15, "SIGTERM")]
    [InlineData("KILL", 9, "SIGKILL")]
    [InlineData("9", 9, "SIGKILL")]
    [InlineData("SIGUSR1", 10, "SIGUSR1")]
    [InlineData("hup", 1, "SIGHUP")]
    [InlineData("SIGINT", 2, "SIGINT")]
    [InlineData("SIGRTMIN+3", 37, "SIGRTMIN+3")]
    public void Signals_parse_as_docker_does(string text, int number, string name)
    {
        var s = Signal.Parse(text);
        Assert.Equal(number, s.Number);
        Assert.Equal(name, s.Name);
        Assert.Equal(128 + number, s.ExitCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SIGFOO")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-1")]
    public void Bad_signals_are_rejected(string text)
    {
        Assert.False(Signal.TryParse(text, out _));
        var e = Assert.Throws<FormatException>(() => Signal.Parse(text));
        Assert.Equal("Invalid signal: " + text, e.Message);
    }

    [Fact]
    public void Kill_cannot_be_caught()
    {
        Assert.Equal(137, Signal.Kill.ExitCode);
        Assert.True(Signal.Chld.IgnoredByDefault);
        Assert.False(Signal.Term.IgnoredByDefault);
    }

    private static UnionFileSystem Etc()
    {
        var fs = UnionFileSystem.CreateEmpty();
        fs.CreateDirectories("/etc");
        fs.WriteAllText("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n");
        fs.WriteAllText("/etc/group", "root:x:0:\nnginx:x:101:\nstaff:x:50:\n");
        return fs;
    }

    [Theory]
    [InlineData("", 0, 0, "root", "/root")]
    [InlineData("nginx", 101, 101, "nginx", "/var/cache/nginx")]
    [InlineData("nginx:staff", 101, 50, "nginx", "/var/cache/nginx")]
    [InlineData("1000", 1000, 0, null, "/")]
    [InlineData("1000:1000", 1000, 1000, null, "/")]
    [InlineData("101:0", 101, 0, "nginx", "/var/cache/nginx")]
    public void Users_resolve_through_etc_passwd(string spec, int uid, int gid, string? name, string home)
    {
        var u = ProcessUser.Resolve(spec, Etc());
        Assert.Equal(uid, u.Uid);
        Assert.Equal(gid, u.Gid);
        Assert.Equal(name, u.Name);
        Assert.Equal(home, u.Home);
    }

    [Fact]
    public void Unknown_users_and_groups_fail_with_dockers_text()
    {
        var e = Assert.Throws<DockerSimulatorException>(() => ProcessUser.Resolve("ghost", Etc()));
        Assert.Equal("unable to find user ghost: no matching entries in passwd file", e.Message);
        var g = Assert.Throws<DockerSimulatorException>(() => ProcessUser.Resolve("nginx:ghosts", Etc()));
        Assert.Equal("unable to find group ghosts: no matching entries in group file", g.Message);
    }

    [Fact]
    public void Specs_read_the_last_assignment_of_a_variable()
    {
        var spec = new ProcessSpec(["x"]) { Env = ["A=1", "B=2", "A=3"] };
        Assert.Equal("3", spec.GetEnv("A"));
        Assert.Null(spec.GetEnv("C"));
        Assert.Equal("/", spec.WorkingDirectory);
    }
}
