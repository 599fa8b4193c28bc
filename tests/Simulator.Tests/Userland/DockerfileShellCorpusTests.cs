using Simulator.Tests.Support;

namespace Simulator.Tests.Userland;

/// <summary>
/// BuildKit's word-expansion corpus (<c>../shared/corpus/dockerfile-shell/</c>, from
/// frontend/dockerfile/shell) run through the simulated sh, for the rows where POSIX sh and BuildKit
/// agree. Rows where they differ by design (see <see cref="BuildKitOnly"/>) are left to the BuildKit lexer's tests.
/// </summary>
public sealed class DockerfileShellCorpusTests
{
    private const string Korean = "한국어";

    /// <summary>envVarTest rows: line, platform, input, expected.</summary>
    public static TheoryData<int, string, string> EnvVarRows()
    {
        var data = new TheoryData<int, string, string>();
        var dir = SharedCorpus.Directory;
        if (dir is null)
        {
            data.Add(0, "", "");
            return data;
        }

        var line = 0;
        foreach (var text in File.ReadLines(Path.Combine(dir, "dockerfile-shell", "envVarTest")))
        {
            line++;
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var fields = text.Split('|');
            if (fields.Length != 3 || fields[0].Trim() == "W")
            {
                continue;
            }

            // Rows where sh and BuildKit differ by design are BuildKit's lexer's to pass ([G]), not sh's.
            if (BuildKitOnly(fields[1].Trim()) is not null)
            {
                continue;
            }

            data.Add(line, fields[1].Trim(), fields[2].Trim());
        }

        return data;
    }

    /// <summary>Why a row is BuildKit-specific, or <see langword="null"/> when POSIX sh agrees with it.</summary>
    private static string? BuildKitOnly(string input)
    {
        if (input.EndsWith('\\') && !input.EndsWith("\\\\", StringComparison.Ordinal) && !input.StartsWith('\'') && !input.StartsWith('"'))
        {
            return "BuildKit drops a trailing lone backslash; in sh it escapes what follows (POSIX leaves it unspecified at the end of input)";
        }

        if (input.Contains("$#", StringComparison.Ordinal) || input.Contains("${#", StringComparison.Ordinal) ||
            input.Contains("$?", StringComparison.Ordinal) || input.Contains("${?", StringComparison.Ordinal) ||
            input.Contains("$$", StringComparison.Ordinal) || input.Contains("${$", StringComparison.Ordinal) ||
            input.Contains("$0", StringComparison.Ordinal) || input.Contains("${0", StringComparison.Ordinal) ||
            input.Contains("$-", StringComparison.Ordinal) || input.Contains("${-", StringComparison.Ordinal))
        {
            return "sh defines the special parameters $#, $?, $$, $0 and $- (0, the last status, the PID, the shell name, the options); BuildKit leaves them empty";
        }

        if (input.Contains("$999", StringComparison.Ordinal) || input.Contains("$001", StringComparison.Ordinal) || input.Contains("${001", StringComparison.Ordinal))
        {
            return "sh reads one digit after $ ($999 is $9 then 99; $001 is $0 then 01); BuildKit reads all digits";
        }

        if (input.Contains("${XXX:YYY}", StringComparison.Ordinal))
        {
            return "busybox ash (bash-compatible) reads ${X:offset} as a substring; BuildKit rejects it";
        }

        if (input.Contains(":=", StringComparison.Ordinal))
        {
            return "BuildKit rejects ${X:=w}; sh assigns the default";
        }

        return null;
    }

    [Theory]
    [MemberData(nameof(EnvVarRows))]
    public async Task EnvVarTest_rows_expand_as_buildkit_where_sh_agrees(int line, string input, string expected)
    {
        if (line == 0)
        {
            SharedCorpus.File("dockerfile-shell/envVarTest");
        }

        var s = new Sandbox();
        var spec = Sandbox.Spec("sh", "-c", "X=" + input + "\nprintf '%s' \"$X\"") with
        {
            Env = ["PATH=/bin", "SHELL=bash", "KOREAN=" + Korean, "NULL="],
            WorkingDirectory = "/home",
        };
        var r = await s.Run(spec, null);
        if (expected == "error")
        {
            Assert.NotEqual(0, r.Code);
            Assert.StartsWith("sh: ", r.Err, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("", r.Err);
            Assert.Equal(expected, r.Out);
        }
    }

    /// <summary>wordsTest rows: line, the environment so far, input, expected words.</summary>
    public static TheoryData<int, string[], string, string[]> WordsRows()
    {
        var data = new TheoryData<int, string[], string, string[]>();
        var dir = SharedCorpus.Directory;
        if (dir is null)
        {
            data.Add(0, [], "", []);
            return data;
        }

        var env = new List<string>();
        var line = 0;
        foreach (var text in File.ReadLines(Path.Combine(dir, "dockerfile-shell", "wordsTest")))
        {
            line++;
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            if (text.StartsWith("ENV ", StringComparison.Ordinal))
            {
                env.Add(text[4..]);
                continue;
            }

            var fields = text.Split('|');
            var expected = fields[1].TrimStart(' ');
            data.Add(line, [.. env], fields[0].Trim(), expected == "error" ? [] : expected.Split(','));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WordsRows))]
    public async Task WordsTest_rows_split_as_buildkit(int line, string[] env, string input, string[] expected)
    {
        if (line == 0)
        {
            SharedCorpus.File("dockerfile-shell/wordsTest");
        }

        var s = new Sandbox();
        var spec = Sandbox.Spec("sh", "-c", "printf '%s\\n' " + input) with { Env = ["PATH=/bin", .. env] };
        var r = await s.Run(spec, null);
        if (expected.Length == 0)
        {
            Assert.Equal(2, r.Code);
            Assert.Equal("sh: syntax error: unterminated quoted string\n", r.Err);
        }
        else
        {
            Assert.Equal("", r.Err);
            Assert.Equal(string.Concat(expected.Select(w => w + "\n")), r.Out);
        }
    }
}
