using System.Text;

namespace Simulator.Cli.CommandLine;

/// <summary>A command's failure as the CLI prints it: the whole stderr text (without the final newline) and the exit code.</summary>
internal sealed class CliError(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The exit code.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>Writes UTF-8 text to a stream at once (no buffering, so interleaving with the engine's output keeps its order).</summary>
internal sealed class CliWriter(Stream stream)
{
    private readonly object _gate = new();

    public Stream Stream { get; } = stream;

    public void Write(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        lock (_gate)
        {
            Stream.Write(bytes);
            Stream.Flush();
        }
    }

    public void WriteLine(string text) => Write(text + "\n");
}

/// <summary>One command being run: the engine, the streams, the parsed flags and arguments.</summary>
internal sealed class CliInvocation
{
    public required DockerCli Cli { get; init; }

    public required DockerCliStreams Streams { get; init; }

    public required CliWriter Out { get; init; }

    public required CliWriter Err { get; init; }

    public required ParsedFlags Flags { get; init; }

    /// <summary>The command path as typed, e.g. <c>docker container ls</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The command's help (usage line, flags).</summary>
    public required CommandHelp Help { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    public DockerSimulator Engine => Cli.Engine;

    public IReadOnlyList<string> Args => Flags.Args;

    /// <summary>Resolves a host path against the working directory.</summary>
    public string HostPath(string path) =>
        path.StartsWith('/') ? path : Engine.HostFileSystem.Path.GetFullPath(Engine.HostFileSystem.Path.Combine(Streams.WorkingDirectory, path));

    /// <summary>Reads all of stdin as UTF-8.</summary>
    public async Task<string> ReadStdinAsync()
    {
        using var reader = new StreamReader(Streams.Stdin, Encoding.UTF8, false, 4096, leaveOpen: true);
        return await reader.ReadToEndAsync(CancellationToken).ConfigureAwait(false);
    }
}
