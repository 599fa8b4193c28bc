using CsCheck;

namespace Simulator.Tests.Userland;

/// <summary>Properties: quoting round-trips any text; no input makes an exception escape the engine.</summary>
public sealed class ShellPropertyTests
{
    private static string SingleQuote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [Fact]
    public void Single_quoting_round_trips_any_text()
    {
        Gen.String[Gen.Char["abc $`\"'\\*?[]{}()|&;<>#~=\t%!-"], 0, 20].Sample(
            text =>
            {
                var r = new Sandbox().Sh("printf '%s' " + SingleQuote(text)).GetAwaiter().GetResult();
                Assert.Equal("", r.Err);
                Assert.Equal(text, r.Out);
            },
            iter: 150);
    }

    [Fact]
    public void Double_quoted_expansions_keep_values_intact()
    {
        Gen.String[Gen.Char["ab *?[]\t\n"], 0, 12].Sample(
            value =>
            {
                var spec = Sandbox.Spec("sh", "-c", "printf '%s' \"$V\"") with { Env = ["PATH=/bin", "V=" + value] };
                var r = new Sandbox().Run(spec, null).GetAwaiter().GetResult();
                Assert.Equal(value, r.Out);
            },
            iter: 100);
    }

    [Fact]
    public void Arbitrary_input_never_throws_out_of_the_engine()
    {
        Gen.String[Gen.Char["ab1 $`\"'\\*?{}()|&;<>#=\n-!"], 0, 24].Sample(
            script =>
            {
                var r = new Sandbox().Sh(script).GetAwaiter().GetResult();
                Assert.InRange(r.Code, 0, 255);
            },
            iter: 300);
    }

    [Fact]
    public async Task Runaway_recursion_is_an_error_not_a_crash()
    {
        var r = await new Sandbox().Sh("f() { f; }; f");
        Assert.Equal(2, r.Code);
        Assert.Equal("sh: function nesting too deep\n", r.Err);
    }
}
