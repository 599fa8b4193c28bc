using System.Text;
using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Userland;

/// <summary>What a busybox applet sees: argv, stdio, filesystem, working directory, env, clock; built from a process or from the shell's state (for builtins).</summary>
internal sealed record AppletContext
{
    public required IReadOnlyList<string> Args { get; init; }

    public required Stream Stdin { get; init; }

    public required Stream Stdout { get; init; }

    public required Stream Stderr { get; init; }

    public required UnionFileSystem Fs { get; init; }

    public required string Cwd { get; init; }

    public required IReadOnlyList<string> Env { get; init; }

    public required TimeProvider Time { get; init; }

    public required ProcessUser User { get; init; }

    public CancellationToken Token { get; init; }

    public ProcessContext? Process { get; init; }

    /// <summary>The applet's name (basename of argv[0]).</summary>
    public string Name => Args.Count == 0 ? "busybox" : FsPath.Name("/" + Args[0].TrimEnd('/')) is { Length: > 0 } n ? n : Args[0];

    public static AppletContext FromProcess(ProcessContext ctx, IReadOnlyList<string> args) => new()
    {
        Args = args,
        Stdin = ctx.Stdin,
        Stdout = ctx.Stdout,
        Stderr = ctx.Stderr,
        Fs = ctx.FileSystem,
        Cwd = ctx.WorkingDirectory,
        Env = ctx.Env,
        Time = ctx.TimeProvider,
        User = ctx.User,
        Token = ctx.CancellationToken,
        Process = ctx,
    };

    public string? GetEnv(string name)
    {
        for (var i = Env.Count - 1; i >= 0; i--)
        {
            var e = Env[i];
            if (e.Length > name.Length && e[name.Length] == '=' && e.StartsWith(name, StringComparison.Ordinal))
            {
                return e[(name.Length + 1)..];
            }
        }

        return null;
    }

    public string Resolve(string path) => FsPath.Clean(path.StartsWith('/') ? path : (Cwd == "/" ? "/" : Cwd + "/") + path);

    public async Task Out(string text) => await Stdout.WriteAsync(Encoding.UTF8.GetBytes(text), Token).ConfigureAwait(false);

    public async Task Err(string text) => await Stderr.WriteAsync(Encoding.UTF8.GetBytes(text), Token).ConfigureAwait(false);

    /// <summary>Writes <c>NAME: message</c> to stderr and returns 1.</summary>
    public async Task<int> Fail(string message, int status = 1)
    {
        await Err(Name + ": " + message + "\n").ConfigureAwait(false);
        return status;
    }

    /// <summary>
    /// busybox's usage error for an unknown option: musl getopt's <c>ARGV0: unrecognized option: x</c>, then
    /// <see cref="BusyboxUsage.Render"/> (the applet's full usage); status 1. <paramref name="usage"/> is kept for applets busybox lacks.
    /// </summary>
    public Task<int> BadOption(char option, string usage) => BadOption(option.ToString(), usage);

    /// <summary>As <see cref="BadOption(char, string)"/> for an unknown long option (<paramref name="option"/> is the text after <c>--</c>, as musl's getopt_long prints it).</summary>
    public async Task<int> BadOption(string option, string usage)
    {
        await Err($"{Argv0}: unrecognized option: {option}\n").ConfigureAwait(false);
        return await ShowUsage(usage).ConfigureAwait(false);
    }

    /// <summary>musl getopt's <c>ARGV0: option requires an argument: x</c>, then the usage; status 1.</summary>
    public async Task<int> MissingArgument(char option, string usage)
    {
        await Err($"{Argv0}: option requires an argument: {option}\n").ConfigureAwait(false);
        return await ShowUsage(usage).ConfigureAwait(false);
    }

    /// <summary>busybox's <c>bb_show_usage</c>: the banner and the applet's usage on stderr; status 1.</summary>
    public async Task<int> ShowUsage(string usage)
    {
        await Err(BusyboxUsage.For(Name) is null && usage.Length > 0 ? $"{BusyboxUsage.Banner}\n\nUsage: {Name} {usage}\n" : BusyboxUsage.Render(Name)).ConfigureAwait(false);
        return 1;
    }

    /// <summary>argv[0] as run (musl's getopt messages use it verbatim, e.g. <c>/bin/ls</c>).</summary>
    public string Argv0 => Args.Count == 0 ? "busybox" : Args[0];

    public async Task<byte[]> ReadAllStdin()
    {
        using var ms = new MemoryStream();
        await Stdin.CopyToAsync(ms, Token).ConfigureAwait(false);
        return ms.ToArray();
    }

    /// <summary>Reads a file's bytes (<c>-</c> is stdin); null and a busybox <c>can't open</c> message on failure.</summary>
    public async Task<byte[]?> ReadInput(string path)
    {
        if (path == "-")
        {
            return await ReadAllStdin().ConfigureAwait(false);
        }

        try
        {
            if (path == "/dev/null")
            {
                return [];
            }

            return Fs.ReadAllBytes(Resolve(path));
        }
        catch (FileSystemException e)
        {
            await Fail($"can't open '{path}': {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>As <see cref="ReadInput"/> with libbb's <c>fopen_or_warn</c> message (<c>NAME: PATH: error</c>) on failure.</summary>
    public async Task<byte[]?> ReadInputOrWarn(string path)
    {
        if (path == "-")
        {
            return await ReadAllStdin().ConfigureAwait(false);
        }

        try
        {
            return path == "/dev/null" ? [] : Fs.ReadAllBytes(Resolve(path));
        }
        catch (FileSystemException e)
        {
            await Fail($"{path}: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>Splits text into lines without their newlines (a final newline does not make an empty line).</summary>
    public static List<string> Lines(string text)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
