using CsCheck;
using Simulator.Testing.Transcripts;

namespace Simulator.Testing.Tests.Transcripts;

/// <summary>The unified diff (as `diff -u` prints it) and the update's fixed point.</summary>
public sealed class TranscriptDiffTests
{
    [Fact]
    public void Separate_changes_make_separate_hunks_with_three_lines_of_context()
    {
        var old = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"l{i}")) + "\n";
        var @new = old.Replace("l2\n", "L2\n", StringComparison.Ordinal).Replace("l18\n", "l18\nadded\n", StringComparison.Ordinal);

        // GNU diff -u's output for these files (hunk ranges "start,count").
        Assert.Equal("""
            --- a
            +++ b
            @@ -1,5 +1,5 @@
             l1
            -l2
            +L2
             l3
             l4
             l5
            @@ -16,5 +16,6 @@
             l16
             l17
             l18
            +added
             l19
             l20

            """, TranscriptResult.UnifiedDiff(old, @new, "a", "b"));
        Assert.Equal("", TranscriptResult.UnifiedDiff(old, old, "a", "b"));
    }

    [Fact]
    public void The_updated_expectation_always_matches_the_output()
    {
        string[] lines = ["a", "b", "c", "abc", "", "x1", "x2"];
        string[] patterns = ["a", "b", "abc", "...", "x[0-9] (re)", "a* (glob)", "?bc (glob)", ""];
        var line = Gen.Int[0, lines.Length - 1].Select(i => lines[i]);
        var expectedLine = Gen.Int[0, patterns.Length - 1].Select(i => patterns[i]);
        Gen.Select(expectedLine.List[0, 6], line.List[0, 8]).Sample((expected, actual) =>
        {
            var merged = TranscriptMatcher.Merge(expected, actual);
            Assert.True(TranscriptMatcher.Matches(merged, actual), $"{string.Join("|", merged)} vs {string.Join("|", actual)}");
            if (TranscriptMatcher.Matches(expected, actual))
            {
                Assert.Equal(expected, merged);
            }
        });
    }
}
