using System.Text;
using Simulator.Images;
using Simulator.Internal;

namespace Simulator.Tests.Internal;

public sealed class GoJsonSyntaxTests
{
    [Theory]
    // encoding/json scanner.go texts.
    [InlineData("not json at all", "invalid character 'o' in literal null (expecting 'u')")]
    [InlineData("", "unexpected end of JSON input")]
    [InlineData("x", "invalid character 'x' looking for beginning of value")]
    [InlineData("{\"a\":1,}", "invalid character '}' looking for beginning of object key string")]
    [InlineData("{\"a\" 1}", "invalid character '1' after object key")]
    [InlineData("{\"a\":1 \"b\":2}", "invalid character '\"' after object key:value pair")]
    [InlineData("[1,2", "unexpected end of JSON input")]
    [InlineData("[1 2]", "invalid character '2' after array element")]
    [InlineData("{} x", "invalid character 'x' after top-level value")]
    [InlineData("-x", "invalid character 'x' in numeric literal")]
    [InlineData("1.x", "invalid character 'x' after decimal point in numeric literal")]
    [InlineData("1e+", "unexpected end of JSON input")]
    [InlineData("\"\\q\"", "invalid character 'q' in string escape code")]
    [InlineData("\"\\u12g4\"", "invalid character 'g' in \\u hexadecimal character escape")]
    [InlineData("{\"a\":\"\n\"}", "invalid character '\\n' in string literal")]
    [InlineData("tru", "unexpected end of JSON input")]
    [InlineData("fals3", "invalid character '3' in literal false (expecting 'e')")]
    public void Malformed_json_gets_gos_message(string json, string message)
    {
        Assert.Equal(message, GoJsonSyntax.Error(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData(" [1, -2.5e+3, true, false, null, \"\\u00e9\\n\"] ")]
    [InlineData("0")]
    public void Well_formed_json_has_no_error(string json)
    {
        Assert.Null(GoJsonSyntax.Error(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void A_malformed_image_config_reports_gos_text()
    {
        var e = Assert.Throws<DockerSimulatorException>(() => ImageConfig.Parse("not json at all"u8));
        Assert.Equal("invalid image JSON: invalid character 'o' in literal null (expecting 'u')", e.Message);
    }
}
