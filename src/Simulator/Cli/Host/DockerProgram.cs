using Simulator.Processes;

namespace Simulator.Cli;

/// <summary>The host's <c>docker</c> program: runs <see cref="DockerCli"/> with the process's arguments, stdio, working directory and environment.</summary>
internal static class DockerProgram
{
    public static Task<int> RunAsync(DockerCli cli, ProcessContext ctx, Func<IDisposable>? rawTerminal = null)
    {
        var streams = new DockerCliStreams(ctx.Stdin, ctx.Stdout, ctx.Stderr)
        {
            StdinIsTerminal = TerminalStream.IsTerminalStream(ctx.Stdin),
            StdoutIsTerminal = TerminalStream.IsTerminalStream(ctx.Stdout),
            WorkingDirectory = ctx.WorkingDirectory,
            Environment = ctx.Env,
            RawTerminal = TerminalStream.IsTerminalStream(ctx.Stdin) ? rawTerminal : null,
        };
        return cli.RunAsync(ctx.Argv.Skip(1).ToList(), streams, ctx.CancellationToken);
    }
}
