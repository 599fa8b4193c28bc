using Simulator.Testing.Transcripts;

namespace Simulator.Testing.Tests.Transcripts;

/// <summary>Every <c>tests/transcripts/*.t</c> is a test case: it must replay exactly (see TRANSCRIPTS.md).</summary>
[Collection(nameof(TranscriptCollection))]
public sealed class TranscriptFileTests
{
    /// <summary>
    /// Transcripts that cannot pass yet because a feature they use has not landed (the file stays as real Docker prints it).
    /// They still run; a failure skips with the reason and the diff's start, a pass passes.
    /// </summary>
    private static readonly Dictionary<string, string> ExpectedFailures = new(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.Transcripts, "*.t").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Transcript_replays(string file)
    {
        var transcript = Transcript.Load(Path.Combine(Repository.Transcripts, file));
        if (transcript.SkipReason is { } reason)
        {
            // Still run it, briefly, so the skip line is removed as soon as the feature lands.
            var trial = await new TranscriptRunner { HangTimeout = TimeSpan.FromSeconds(3) }.RunAsync(transcript, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Skip(trial.Passed ? "PASSES NOW: remove its skip: line (was: " + reason + ")" : reason);
        }

        var result = await new TranscriptRunner().RunAsync(transcript, cancellationToken: TestContext.Current.CancellationToken);

        if (!result.Passed && result.Steps.Any(s => s.Output.Contains("DockerCli: being built", StringComparison.Ordinal)))
        {
            Assert.Skip("needs the docker CLI (branch cli): DockerCli.RunAsync is not implemented in this build");
        }

        if (!result.Passed && ExpectedFailures.TryGetValue(file, out var why))
        {
            var diff = result.Diff();
            Assert.Skip($"expected failure: {why}\n{diff[..Math.Min(diff.Length, 2000)]}");
        }

        Assert.True(result.Passed, "\n" + result.Diff());
    }
}
