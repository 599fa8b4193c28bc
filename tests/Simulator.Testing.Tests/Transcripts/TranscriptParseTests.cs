using Simulator.Testing.Transcripts;

namespace Simulator.Testing.Tests.Transcripts;

/// <summary>The cram format of TRANSCRIPTS.md: commands, continuations, expected lines, exit status, commentary.</summary>
public sealed class TranscriptParseTests
{
    private const string Sample = """
        Commentary.

          $ echo one
          one
          $ cat <<EOF
          > a
          > EOF
          a
          
        More commentary.
          $ false
          [1]

        """;

    [Fact]
    public void Commands_continuations_and_exit_status_are_parsed()
    {
        var t = Transcript.Parse(Sample);

        Assert.Equal(3, t.Commands.Count);
        Assert.Equal("echo one\n", t.Commands[0].CommandText);
        Assert.Equal(["one"], t.Commands[0].Expected);
        Assert.Equal(5, t.Commands[1].LineNumber);
        Assert.Equal("cat <<EOF\na\nEOF\n", t.Commands[1].CommandText);
        Assert.Equal(["a", ""], t.Commands[1].Expected);
        Assert.Equal(1, t.Commands[2].ExpectedExitCode);
        Assert.Empty(t.Commands[2].Expected);
    }

    [Fact]
    public void Text_round_trips()
    {
        Assert.Equal(Sample, Transcript.Parse(Sample).ToString());
        var seed = File.ReadAllText(Path.Combine(Repository.Transcripts, "docker-overview.t"));
        Assert.Equal(seed, Transcript.Parse(seed).ToString());
    }

    [Fact]
    public void Skip_reason_is_a_commentary_line_before_the_first_command()
    {
        Assert.Equal("needs docker build", Transcript.Parse("Title\nskip: needs docker build\n  $ true\n").SkipReason);
        Assert.Null(Transcript.Parse("  $ true\nskip: late\n").SkipReason);
    }

    [Fact]
    public void Render_replaces_outputs_and_exit_status()
    {
        var t = Transcript.Parse("x\n  $ a\n  old\n  [2]\n");
        var text = t.Render([(["new", ""], 0)]);

        Assert.Equal("x\n  $ a\n  new\n  \n", text);
    }
}
