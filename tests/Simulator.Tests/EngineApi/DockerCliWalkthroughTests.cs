// The real docker CLI runs in real time against the server; no test cancellation token is needed for its steps.
#pragma warning disable xUnit1051

using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Simulator.EngineApi;
using Simulator.Testing.Transcripts;
using Simulator.Tests.Support;

namespace Simulator.Tests.EngineApi;

/// <summary>
/// The real docker CLI 28 (<c>/usr/local/bin/docker</c>) runs the seed walkthrough against <see cref="EngineApiServer"/> on a
/// Unix socket: every command of tests/transcripts/docker-overview.t (../shared/transcripts/docker-overview.t with the three
/// expectations corrected to what real Docker 28 prints, each noted at its top) must print what the transcript expects. Host-side
/// steps are done by the test: <c>sleep N</c> advances the engine's clock, <c>mkdir</c>/<c>echo &gt; file</c> write the engine's
/// host file system (bind sources), <c>/root/.docker/config.json</c> is the CLI's own <c>DOCKER_CONFIG</c>.
/// </summary>
public sealed partial class DockerCliWalkthroughTests
{
    private const string DockerBinary = "/usr/local/bin/docker";

    [Fact]
    public async Task Real_docker_cli_runs_the_seed_walkthrough()
    {
        Assert.SkipUnless(File.Exists(DockerBinary), "no docker CLI at " + DockerBinary);
        var path = System.IO.Path.Combine(SharedCorpus.RepositoryRoot, "tests", "transcripts", "docker-overview.t");
        Assert.SkipUnless(File.Exists("/bin/bash"), "no /bin/bash");
        var transcript = Transcript.Load(path);

        // The CLI computes CREATED ("44 minutes ago") from the real clock: start the engine's clock as far before now as the
        // transcript sleeps, so the engine's clock reaches the real now when the sleeps are done.
        var sleeps = transcript.Commands.Select(c => SleepCommand().Match(c.CommandText.TrimEnd('\n'))).Where(m => m.Success)
            .Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var clock = new TranscriptClock(DateTimeOffset.UtcNow.AddSeconds(-sleeps));
        var engine = new DockerSimulator(new DockerSimulatorOptions { TimeProvider = clock });
        var dir = Directory.CreateTempSubdirectory("dsim-cli-");
        var socket = System.IO.Path.Combine(dir.FullName, "docker.sock");
        using var handler = new PublishedPortForwarder(new EngineApiHandler(engine));
        await using var server = EngineApiServer.ListenUnix(handler, socket);
        using var shell = new BashSession(dir.FullName, socket);
        var failures = new StringBuilder();
        var mismatched = new List<int>();
        int passed = 0;
        try
        {
            foreach (var command in transcript.Commands)
            {
                var text = command.CommandText.TrimEnd('\n');

                // The engine's clock follows the real one (less the sleeps still to come), at least 1 ms per command: the CLI
                // compares the engine's times with its own clock, and successive containers sort by creation.
                var target = DateTimeOffset.UtcNow.AddSeconds(-sleeps);
                clock.Advance(target > clock.GetUtcNow().AddMilliseconds(1) ? target - clock.GetUtcNow() : TimeSpan.FromMilliseconds(1));
                string output;
                int code;
                if (SleepCommand().Match(text) is { Success: true } sleep)
                {
                    var seconds = int.Parse(sleep.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    clock.Advance(TimeSpan.FromSeconds(seconds));
                    sleeps -= seconds;
                    (output, code) = ("", 0);
                }
                else if (HostStep(engine, text) is { } hostResult)
                {
                    (output, code) = hostResult;
                }
                else
                {
                    (output, code) = await shell.RunAsync(text.Replace("/root/.docker/config.json", "$DOCKER_CONFIG/config.json", StringComparison.Ordinal), clock);
                }

                // No buildx plugin is installed here, so the CLI uses the legacy builder and prints its deprecation banner itself.
                output = LegacyBuilderBanner().Replace(output, "");

                // The CLI measures CREATED against the wall clock, which also counts the real time earlier commands took.
                var actual = TranscriptMatcher.SplitOutput(FewSecondsAgo().Replace(output, "Less than a second ago"));
                if (!TranscriptMatcher.Matches(command.Expected, actual) || code != command.ExpectedExitCode)
                {
                    failures.Append("line ").Append(command.LineNumber).Append(": $ ").Append(text).Append('\n')
                        .Append("  expected [").Append(command.ExpectedExitCode).Append("]:\n    ").Append(string.Join("\n    ", command.Expected)).Append('\n')
                        .Append("  actual [").Append(code).Append("]:\n    ").Append(string.Join("\n    ", actual)).Append('\n');
                    mismatched.Add(command.LineNumber);
                    continue;
                }

                passed++;
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{passed} of {transcript.Commands.Count} commands matched\n{failures}");
        Assert.True(mismatched.Count == 0, $"{passed} of {transcript.Commands.Count} commands matched; mismatches:\n{failures}");
    }

    /// <summary>Host-side file steps against the engine's host file system (where bind sources live).</summary>
    private static (string, int)? HostStep(DockerSimulator engine, string text)
    {
        var fs = engine.HostFileSystem;
        if (MkdirCommand().Match(text) is { Success: true } mkdir)
        {
            fs.Directory.CreateDirectory(mkdir.Groups[1].Value);
            return ("", 0);
        }

        if (EchoToFileCommand().Match(text) is { Success: true } echo)
        {
            fs.File.WriteAllText(echo.Groups[2].Value, echo.Groups[1].Value + "\n");
            return ("", 0);
        }

        return null;
    }

    [GeneratedRegex(@"DEPRECATED: The legacy builder is deprecated.*\n(?: {12}.*\n)*\n?")]
    private static partial Regex LegacyBuilderBanner();

    [GeneratedRegex(@"\b[1-5] seconds? ago")]
    private static partial Regex FewSecondsAgo();

    [GeneratedRegex(@"^sleep ([0-9]+)$")]
    private static partial Regex SleepCommand();

    [GeneratedRegex(@"^mkdir -p (/\S+)$")]
    private static partial Regex MkdirCommand();

    [GeneratedRegex(@"^echo '([^']*)' > (/\S+)$")]
    private static partial Regex EchoToFileCommand();

    /// <summary>One bash process for the whole session (variables persist), stderr merged into stdout.</summary>
    private sealed class BashSession : IDisposable
    {
        private const string Sentinel = "__DSIM_END__";
        private readonly Process _bash;
        private readonly StringBuilder _buffer = new();
        private readonly SemaphoreSlim _signal = new(0);

        public BashSession(string home, string socket)
        {
            var info = new ProcessStartInfo("/bin/bash", ["--noprofile", "--norc"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = home,
            };
            info.Environment["DOCKER_HOST"] = "unix://" + socket;
            info.Environment["DOCKER_CONFIG"] = System.IO.Path.Combine(home, ".docker");
            info.Environment["HOME"] = home;
            info.Environment.Remove("DOCKER_CONTEXT");
            _bash = Process.Start(info)!;
            _bash.OutputDataReceived += (_, e) => Append(e.Data);
            _bash.ErrorDataReceived += (_, e) => Append(e.Data);
            _bash.BeginOutputReadLine();
            _bash.BeginErrorReadLine();
            _bash.StandardInput.WriteLine("exec 2>&1");
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_buffer)
            {
                _buffer.Append(line).Append('\n');
            }

            _signal.Release();
        }

        /// <summary>Runs one command (stdin from /dev/null unless it has a here-document); while it waits, the clock's timers fire.</summary>
        public async Task<(string Output, int ExitCode)> RunAsync(string command, TranscriptClock clock)
        {
            lock (_buffer)
            {
                _buffer.Clear();
            }

            await _bash.StandardInput.WriteAsync("{ " + command + "\n} </dev/null\necho \"" + Sentinel + " $?\"\n");
            await _bash.StandardInput.FlushAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                if (!await _signal.WaitAsync(TimeSpan.FromMilliseconds(250)))
                {
                    // The command waits: let the engine's next timer fire (a stop's grace period, a sleeping program).
                    clock.TryFireNext();
                }

                lock (_buffer)
                {
                    var text = _buffer.ToString();
                    var at = text.IndexOf(Sentinel + " ", StringComparison.Ordinal);
                    if (at >= 0 && text.IndexOf('\n', at) is var end && end > at)
                    {
                        var code = int.Parse(text[(at + Sentinel.Length + 1)..end], System.Globalization.CultureInfo.InvariantCulture);
                        return (text[..at], code);
                    }
                }
            }

            throw new TimeoutException("docker command did not finish: " + command);
        }

        public void Dispose()
        {
            try
            {
                _bash.StandardInput.Close();
                if (!_bash.WaitForExit(5000))
                {
                    _bash.Kill(entireProcessTree: true);
                }
            }
            finally
            {
                _bash.Dispose();
            }
        }
    }
}
