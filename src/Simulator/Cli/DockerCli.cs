using System.Text;
using Simulator.Cli.CommandLine;
using Simulator.Cli.Commands;

namespace Simulator.Cli;

/// <summary>
/// The <c>docker</c> command line (Docker 28's docker/cli), run in process against a <see cref="DockerSimulator"/>:
/// arguments parsed as cobra/pflag do, output and errors as the real CLI prints them, exit codes as it returns them.
/// </summary>
/// <remarks>
/// <para>
/// Help texts (<c>--help</c>) are those of docker CLI 28.2.2 at 80 columns; flag errors print pflag's text and the usage line
/// (exit 125); argument-count errors print cli/required.go's texts (exit 1); daemon errors print
/// <c>Error response from daemon: ...</c> (exit 1), or for <c>run</c>/<c>create</c> <c>docker: ...</c> with
/// <c>Run 'docker run --help' for more information</c> and exit 125, 126 or 127 (cli/command/container/run.go toStatusError).
/// </para>
/// <para>Thread-safety: one instance may run many command lines at once (each call has its own streams).</para>
/// </remarks>
public sealed class DockerCli
{
    /// <summary>The version the emulated client reports (<c>docker -v</c>).</summary>
    internal const string ClientVersion = "Docker version 28.2.2, build e6534b4";

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
    /// <returns>The exit code the real CLI returns (0; 1 for CLI errors; 125 for flag errors and daemon errors of run/create; the program's own code).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> or <paramref name="streams"/> is <see langword="null"/>.</exception>
    public Task<int> RunAsync(IReadOnlyList<string> args, DockerCliStreams streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        return RunCoreAsync(args, streams, cancellationToken);
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

    private async Task<int> RunCoreAsync(IReadOnlyList<string> args, DockerCliStreams streams, CancellationToken cancellationToken)
    {
        var stdout = new CliWriter(streams.Stdout);
        var stderr = new CliWriter(streams.Stderr);
        var root = CommandHelp.Get("docker")!;
        ParsedFlags global;
        try
        {
            global = FlagParser.Parse(args, root.Flags, interspersed: false);
        }
        catch (FlagException ex)
        {
            // cobra's UseLine of the root: its Use plus " [ARG...]" (the help text's usage line has no [ARG...]).
            stderr.WriteLine($"{ex.Message}\n\nUsage:  {root.UsageLine} [ARG...]\n\nRun 'docker --help' for more information");
            return 125;
        }

        if (global.Bool("version"))
        {
            stdout.WriteLine(ClientVersion);
            return 0;
        }

        if (global.Help || global.Args.Count == 0)
        {
            // cli/cobra.go: --help prints to stdout; a bare "docker" shows the help on stderr (ShowHelp(dockerCli.Err())), exit 0.
            (global.Help ? stdout : stderr).Write(root.Text);
            return 0;
        }

        var rest = global.Args;
        var name = rest[0];
        if (CommandTable.Management.Contains(name))
        {
            var group = CommandHelp.Get(name)!;
            var sub = rest.Skip(1).ToList();
            if (sub.Count == 0 || sub[0] is "--help" or "-h")
            {
                // As for the root: a bare group command shows its help on stderr.
                (sub.Count == 0 ? stderr : stdout).Write(group.Text);
                return 0;
            }

            if (!CommandTable.Commands.TryGetValue(name + " " + sub[0], out var subDef))
            {
                if (sub[0].StartsWith('-'))
                {
                    stderr.WriteLine($"unknown flag: {sub[0]}\n\nUsage:  {CommandTable.GroupUsage(name)}\n\nRun 'docker {name} --help' for more information");
                    return 125;
                }

                stderr.WriteLine($"docker: unknown command: docker {name} {sub[0]}\n\nUsage:  {CommandTable.GroupUsage(name)}\n\nRun 'docker {name} --help' for more information");
                return 1;
            }

            return await RunCommandAsync(subDef, "docker " + name + " " + sub[0], sub.Skip(1).ToList(), streams, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }

        if (!CommandTable.Commands.TryGetValue(name, out var def))
        {
            stderr.WriteLine($"docker: unknown command: docker {name}\n\nRun 'docker --help' for more information");
            return 1;
        }

        return await RunCommandAsync(def, "docker " + name, rest.Skip(1).ToList(), streams, stdout, stderr, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> RunCommandAsync(CommandDef def, string path, List<string> args, DockerCliStreams streams, CliWriter stdout, CliWriter stderr, CancellationToken cancellationToken)
    {
        var help = CommandHelp.Get(def.HelpKey) ?? throw new InvalidOperationException("no help text for " + def.HelpKey);
        ParsedFlags flags;
        try
        {
            flags = FlagParser.Parse(args, def.Hidden is null ? help.Flags : [.. help.Flags, .. def.Hidden], def.Interspersed);
        }
        catch (FlagException ex)
        {
            stderr.WriteLine($"{ex.Message}\n\nUsage:  {help.UsageLine}\n\nRun '{path} --help' for more information");
            return 125;
        }

        foreach (var notice in flags.Deprecations)
        {
            // pflag writes to the command's output, which docker/cli sets to stdout.
            stdout.WriteLine(notice);
        }

        if (flags.Help)
        {
            stdout.Write(help.Text);
            return 0;
        }

        if (def.Args.Check(flags.Args.Count, path, help.UsageLine) is { } argError)
        {
            stderr.WriteLine(argError);
            return 1;
        }

        var invocation = new CliInvocation
        {
            Cli = this,
            Streams = streams,
            Out = stdout,
            Err = stderr,
            Flags = flags,
            Path = path,
            Help = help,
            CancellationToken = cancellationToken,
        };
        try
        {
            return await def.Run(invocation).ConfigureAwait(false);
        }
        catch (CliError ex)
        {
            if (ex.Message.Length > 0)
            {
                stderr.WriteLine(ex.Message);
            }

            return ex.ExitCode;
        }
        catch (DockerSimulatorException ex)
        {
            stderr.WriteLine("Error response from daemon: " + ex.Message);
            return 1;
        }
    }
}

/// <summary>The streams and terminal state a <see cref="DockerCli"/> command runs with.</summary>
/// <param name="Stdin">The CLI's standard input (<c>-i</c> forwards it to the container; <c>--password-stdin</c>, <c>build -</c>, <c>load</c> read it).</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
public sealed record DockerCliStreams(Stream Stdin, Stream Stdout, Stream Stderr)
{
    /// <summary>Whether stdin is a terminal (the real CLI refuses <c>-it</c> without one: <c>the input device is not a TTY</c>).</summary>
    public bool StdinIsTerminal { get; init; }

    /// <summary>Whether stdout is a terminal (pull/push/build progress then redraws; tests use <see langword="false"/>).</summary>
    public bool StdoutIsTerminal { get; init; }

    /// <summary>The host working directory relative paths resolve against (build context <c>.</c>, <c>-v ./x:/y</c>, <c>cp</c>). Default <c>/root</c>.</summary>
    public string WorkingDirectory { get; init; } = DockerSimulator.HostHome;

    /// <summary>The CLI's environment (<c>DOCKER_CONFIG</c>, <c>HOME</c>, ...), as <c>NAME=value</c>.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>
    /// Puts the real terminal behind <see cref="Stdin"/> in raw mode (no echo, no line editing) and returns what restores it,
    /// called while a command is attached with <c>-i</c> to a container's TTY, as docker/cli's hijack does
    /// (cli/command/container/hijack.go <c>setRawTerminal</c>): the container's TTY echoes, so the terminal must not.
    /// <see langword="null"/> (the default) when there is no real terminal to change.
    /// </summary>
    public Func<IDisposable>? RawTerminal { get; init; }
}

/// <summary>The captured result of a <see cref="DockerCli"/> command line.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Everything written to stdout (UTF-8).</param>
/// <param name="Stderr">Everything written to stderr (UTF-8).</param>
public sealed record DockerCliResult(int ExitCode, string Stdout, string Stderr);
