using Simulator.Processes;

namespace Simulator.Tests.Processes;

public sealed class ProgramRegistryTests
{
    [Fact]
    public void Programs_are_registered_listed_replaced_and_removed()
    {
        var registry = new ProgramRegistry();
        SimulatedProgram one = _ => Task.FromResult(1);
        SimulatedProgram two = _ => Task.FromResult(2);
        registry.Register("/app/server", one).Register("nginx", one);
        registry.Register("nginx", two);
        Assert.Equal(["/app/server", "nginx"], registry.Names);
        Assert.True(registry.TryGet("nginx", out var found));
        Assert.Same(two, found);
        Assert.True(registry.Unregister("nginx"));
        Assert.False(registry.TryGet("nginx", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    public void Names_must_be_non_empty_without_spaces(string name)
    {
        var registry = new ProgramRegistry();
        Assert.Throws<ArgumentException>(() => registry.Register(name, _ => Task.FromResult(0)));
        Assert.Throws<ArgumentException>(() => ProgramRegistry.MarkerFor(name));
    }

    [Fact]
    public void The_marker_is_a_shebang_like_first_line()
    {
        Assert.Equal("#!simulator postgres\n", System.Text.Encoding.UTF8.GetString(ProgramRegistry.MarkerFor("postgres")));
    }

    [Fact]
    public async Task A_file_marked_with_an_unregistered_name_is_an_exec_format_error()
    {
        var s = new Simulator.Tests.Userland.Sandbox();
        s.Fs.WriteAllBytes("/usr/bin/ghost", ProgramRegistry.MarkerFor("ghost"), (UnixFileMode)0b111_101_101);
        var e = Assert.Throws<ExecException>(() => s.NewNamespace().Start(Simulator.Tests.Userland.Sandbox.Spec("ghost")));
        Assert.Equal("exec /usr/bin/ghost: exec format error", e.RuntimeMessage);
        Assert.Equal(126, e.ExitCode);
        // ash runs a file the kernel refuses (ENOEXEC) as a shell script; the marker line is a comment there.
        var r = await s.Sh("ghost; echo $?");
        Assert.Equal("0\n", r.Out);
    }
}
