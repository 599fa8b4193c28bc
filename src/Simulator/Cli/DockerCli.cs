using System.Text;

namespace Simulator.Cli;

/// <summary>
/// The <c>docker</c> command line (Docker 28's docker/cli), run in process against a <see cref="DockerSimulator"/>:
/// arguments parsed as cobra/pflag do, output and errors as the real CLI prints them, exit codes as it returns them.
/// </summary>
/// <remarks>Thread-safety: one instance may run many command lines at once (each call has its own streams).</remarks>
public sealed class DockerCli
{
    /// <summary>Creates a command line over an engine.</summary>
    /// <param name="engine">The engine the commands drive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    public DockerCli(DockerSimulator engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
    }

    /// <summary>The engine.</summary>
    public DockerSimulator Engine { get; }

    /// <summary>Runs one command line (the arguments after <c>docker</c>) with the given streams.</summary>
    /// <param name="args">The arguments, e.g. <c>["run", "--rm", "alpine", "echo", "hi"]</c>.</param>
    /// <param name="streams">Stdin, stdout, stderr, terminal flags and the host working directory.</param>
    /// <param name="cancellationToken">Cancels the command (as Ctrl-C would).</param>
    /// <returns>The exit code the real CLI returns (0; 1 for CLI errors; 125 for daemon errors of run/create; the program's own code).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> or <paramref name="streams"/> is <see langword="null"/>.</exception>
    public Task<int> RunAsync(IReadOnlyList<string> args, DockerCliStreams streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        throw new NotImplementedException("DockerCli: being built ([H])");
    }

    /// <summary>Runs one command line with empty stdin and captures its output.</summary>
    /// <param name="args">The arguments after <c>docker</c>.</param>
    /// <returns>Exit code, stdout and stderr.</returns>
    public async Task<DockerCliResult> RunAsync(params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var code = await RunAsync(args, new DockerCliStreams(Stream.Null, stdout, stderr)).ConfigureAwait(false);
        return new DockerCliResult(code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }
}

/// <summary>The streams and terminal state a <see cref="DockerCli"/> command runs with.</summary>
/// <param name="Stdin">The CLI's standard input (<c>-i</c> forwards it to the container; <c>--password-stdin</c>, <c>build -</c>, <c>load</c> read it).</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
public sealed record DockerCliStreams(Stream Stdin, Stream Stdout, Stream Stderr)
{
    /// <summary>Whether stdin is a terminal (the real CLI refuses <c>-t</c> without one: "the input device is not a TTY").</summary>
    public bool StdinIsTerminal { get; init; }

    /// <summary>Whether stdout is a terminal (pull/push/build progress then redraws; tests use <see langword="false"/>).</summary>
    public bool StdoutIsTerminal { get; init; }

    /// <summary>The host working directory relative paths resolve against (build context <c>.</c>, <c>-v ./x:/y</c>, <c>cp</c>). Default <c>/root</c>.</summary>
    public string WorkingDirectory { get; init; } = DockerSimulator.HostHome;

    /// <summary>The CLI's environment (<c>DOCKER_CONFIG</c>, <c>HOME</c>, ...), as <c>NAME=value</c>.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];
}

/// <summary>The captured result of a <see cref="DockerCli"/> command line.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Everything written to stdout (UTF-8).</param>
/// <param name="Stderr">Everything written to stderr (UTF-8).</param>
public sealed record DockerCliResult(int ExitCode, string Stdout, string Stderr);
