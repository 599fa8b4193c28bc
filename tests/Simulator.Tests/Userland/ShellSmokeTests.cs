namespace Simulator.Tests.Userland;

public sealed class ShellSmokeTests
{
    [Theory]
    [InlineData("echo hello", "hello\n")]
    [InlineData("echo 'a  b' \"c  d\" e\\ f", "a  b c  d e f\n")]
    [InlineData("X=1; echo $X ${X} ${Y:-def}", "1 1 def\n")]
    [InlineData("echo a | cat", "a\n")]
    [InlineData("for i in 1 2 3; do echo $i; done", "1\n2\n3\n")]
    [InlineData("if true; then echo y; else echo n; fi", "y\n")]
    [InlineData("echo $(echo sub) `echo tick`", "sub tick\n")]
    [InlineData("echo $((1 + 2 * 3))", "7\n")]
    public async Task Runs(string script, string expected)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal("", r.Err);
        Assert.Equal(expected, r.Out);
        Assert.Equal(0, r.Code);
    }
}
