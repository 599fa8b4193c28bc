using Simulator.Testing.Transcripts;

namespace Simulator.Testing.Tests.Transcripts;

/// <summary>Matching as cram does (re, glob, esc, no-eol) plus the <c>...</c> extension, and the cram -i merge.</summary>
public sealed class TranscriptMatcherTests
{
    [Theory]
    [InlineData("sha256:[0-9a-f]{4} (re)", "sha256:00af", true)]
    [InlineData("sha256:[0-9a-f]{4} (re)", "sha256:00af!", false)]
    [InlineData("OK: * MiB in * packages (glob)", "OK: 10 MiB in 20 packages", true)]
    [InlineData("a?c (glob)", "abc", true)]
    [InlineData(@"a\*c (glob)", "abc", false)]
    [InlineData(@"a\*c (glob)", "a*c", true)]
    [InlineData("plain", "plain", true)]
    [InlineData("plain", "plain ", false)]
    [InlineData(@"HTTP/1.1 200 OK\r (esc)", @"HTTP/1.1 200 OK\r (esc)", true)]
    [InlineData("[invalid (re)", "[invalid", false)]
    public void One_line(string expected, string actual, bool matches) =>
        Assert.Equal(matches, TranscriptMatcher.LineMatches(expected, actual));

    [Fact]
    public void Output_lines_mark_control_characters_and_a_missing_final_newline()
    {
        Assert.Equal([@"HTTP/1.1 200 OK\r (esc)", "body (no-eol)"], TranscriptMatcher.SplitOutput("HTTP/1.1 200 OK\r\nbody"));
        Assert.Empty(TranscriptMatcher.SplitOutput(""));
        Assert.Equal([""], TranscriptMatcher.SplitOutput("\n"));
    }

    [Fact]
    public void Ellipsis_matches_zero_or_more_lines()
    {
        string[] expected = ["Using default tag: latest", "...", "Status: done"];

        Assert.True(TranscriptMatcher.Matches(expected, ["Using default tag: latest", "Status: done"]));
        Assert.True(TranscriptMatcher.Matches(expected, ["Using default tag: latest", "a", "b", "Status: done"]));
        Assert.False(TranscriptMatcher.Matches(expected, ["Using default tag: latest", "a"]));
    }

    [Fact]
    public void Merge_keeps_patterns_that_still_match_and_writes_the_rest_literally()
    {
        string[] expected = ["[0-9a-f]{12} (re)", "...", "old line", "end"];
        string[] actual = ["0123456789ab", "x", "y", "new line", "end"];

        var merged = TranscriptMatcher.Merge(expected, actual);

        // "..." absorbs the changed line; the expectation that no longer matches is dropped.
        Assert.Equal(["[0-9a-f]{12} (re)", "...", "end"], merged);
    }

    [Fact]
    public void Merge_of_a_match_is_the_expectation()
    {
        string[] expected = ["* (glob)", "...", "z"];
        Assert.Equal(expected, TranscriptMatcher.Merge(expected, ["a", "b", "c", "z"]));
    }
}
