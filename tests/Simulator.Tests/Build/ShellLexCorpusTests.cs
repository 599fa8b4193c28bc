using Simulator.Build;
using Simulator.Tests.Support;

namespace Simulator.Tests.Build;

/// <summary>
/// BuildKit's word-expansion corpus (../shared/corpus/dockerfile-shell, from frontend/dockerfile/shell at 73ed6825):
/// envVarTest rows <c>PLATFORM | input | expected</c> (lex_test.go TestShellParser4EnvVars; env PWD=/home,
/// SHELL=bash, KOREAN=한국어, NULL=) and wordsTest rows (TestShellParser4Words). <c>error</c> means the call fails.
/// </summary>
public sealed class ShellLexCorpusTests
{
    private static readonly Dictionary<string, string> EnvVarEnv = new(StringComparer.Ordinal)
    {
        ["PWD"] = "/home",
        ["SHELL"] = "bash",
        ["KOREAN"] = "한국어",
        ["NULL"] = "",
    };

    public static TheoryData<int, string, string> EnvVarRows()
    {
        var data = new TheoryData<int, string, string>();
        if (SharedCorpus.Directory is not { } dir)
        {
            data.Add(0, "", "");
            return data;
        }

        int line = 0;
        foreach (var text in File.ReadLines(Path.Combine(dir, "dockerfile-shell", "envVarTest")))
        {
            line++;
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var parts = text.Split('|');
            if (parts.Length != 3 || parts[0].Trim() == "W")
            {
                continue;
            }

            data.Add(line, parts[1].Trim(), parts[2].Trim());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EnvVarRows))]
    public void EnvVarTest_row(int line, string input, string expected)
    {
        _ = SharedCorpus.File("dockerfile-shell");
        Assert.True(line > 0);
        var lex = new ShellLex('\\');
        if (expected == "error")
        {
            Assert.Throws<ShellLexException>(() => lex.ProcessWord(input, Lookup));
        }
        else
        {
            Assert.Equal(expected, lex.ProcessWord(input, Lookup));
        }

        static string? Lookup(string k) => EnvVarEnv.TryGetValue(k, out var v) ? v : null;
    }

    [Fact]
    public void WordsTest_rows()
    {
        var path = SharedCorpus.File(Path.Combine("dockerfile-shell", "wordsTest"));
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        int checkedRows = 0;
        foreach (var text in File.ReadLines(path))
        {
            if (text.StartsWith('#') || text.Trim().Length == 0)
            {
                continue;
            }

            if (text.StartsWith("ENV ", StringComparison.Ordinal))
            {
                var kv = text[4..];
                var eq = kv.IndexOf('=', StringComparison.Ordinal);
                env[kv[..eq]] = kv[(eq + 1)..];
                continue;
            }

            var parts = text.Split('|');
            var input = parts[0].Trim();
            var expected = parts[1].TrimStart();
            var lex = new ShellLex('\\');
            if (expected == "error")
            {
                Assert.Throws<ShellLexException>(() => lex.ProcessWords(input, k => env.GetValueOrDefault(k)));
            }
            else
            {
                Assert.Equal(expected.Split(','), lex.ProcessWords(input, k => env.GetValueOrDefault(k)));
            }

            checkedRows++;
        }

        Assert.True(checkedRows > 10);
    }
}
