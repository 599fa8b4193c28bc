using System.Text;
using Simulator.FileSystem;
using Simulator.Testing.Transcripts;

namespace Simulator.Cli;

/// <summary>The commands of <c>dsim</c>: the interactive host shell, <c>test</c>, <c>replay</c> and <c>run</c>.</summary>
/// <param name="hostRoot">
/// A real folder mapped as the host file system, or <see langword="null"/>: the in-memory host starts as a copy of it,
/// and after <c>run</c> and the interactive shell the changes (new and changed files, directories and symlinks,
/// removals) are written back. Transcripts (<c>test</c>, <c>replay</c>) never write back.
/// </param>
internal sealed class DsimHost(string? hostRoot)
{
    private readonly HashSet<string> _copiedIn = new(StringComparer.Ordinal);

    /// <summary>The interactive shell: the console is the terminal, the clock is the real one.</summary>
    public async Task<int> InteractiveAsync()
    {
        var engine = NewEngine(new DockerSimulatorOptions());
        int code;
        var terminal = !Console.IsInputRedirected && !OperatingSystem.IsWindows();
        await using (var shell = new HostShell(engine) { RawTerminal = terminal ? Terminal.MakeRaw : null })
        {
            // On a terminal, read file descriptor 0 itself: .NET's console stream would edit and echo lines on its own
            // (besides a container TTY's echo); the kernel's cooked mode edits and echoes at the prompt, as for sh.
            var stdin = terminal ? Terminal.OpenStdin() : Console.OpenStandardInput();
            var stdout = Console.OpenStandardOutput();
            var stderr = Console.OpenStandardError();
            code = await shell.RunInteractiveAsync(stdin, stdout, stderr).ConfigureAwait(false);
        }

        WriteBack(engine);
        return code;
    }

    /// <summary><c>dsim test [--update] FILE...</c>.</summary>
    public async Task<int> TestAsync(IReadOnlyList<string> files, bool update)
    {
        int failed = 0, skipped = 0;
        foreach (var file in files)
        {
            var transcript = Transcript.Load(file);
            if (transcript.SkipReason is { } reason && !update)
            {
                Console.WriteLine($"{file}: skipped: {reason}");
                skipped++;
                continue;
            }

            var result = await Runner().RunAsync(transcript).ConfigureAwait(false);
            if (result.Passed)
            {
                continue;
            }

            failed++;
            Console.Write(result.Diff());
            if (update && result.ActualText != transcript.ToString())
            {
                await File.WriteAllTextAsync(file, result.ActualText).ConfigureAwait(false);
                Console.WriteLine($"{file}: updated");
            }
        }

        Console.WriteLine($"# Ran {files.Count} tests, {skipped} skipped, {failed} failed.");
        return failed > 0 && !update ? 1 : 0;
    }

    /// <summary><c>dsim replay FILE</c>: each command as typed, then its real output, then whether the file matched.</summary>
    public async Task<int> ReplayAsync(string file)
    {
        var transcript = Transcript.Load(file);
        var result = await Runner().RunAsync(transcript, step =>
        {
            var sb = new StringBuilder();
            foreach (var (line, i) in step.Command.SourceLines.Select((l, i) => (l, i)))
            {
                sb.Append(i == 0 ? "$ " : "> ").Append(line.Length > 4 ? line[4..] : "").Append('\n');
            }

            sb.Append(step.Output);
            if (step.Output.Length > 0 && !step.Output.EndsWith('\n'))
            {
                sb.Append('\n');
            }

            Console.Write(sb.ToString());
        }).ConfigureAwait(false);
        Console.WriteLine();
        if (result.Passed)
        {
            Console.WriteLine($"matched: {file} ({result.Steps.Count} commands, as real Docker prints them)");
            return 0;
        }

        Console.WriteLine($"did not match: {file}");
        Console.Write(result.Diff());
        return 1;
    }

    /// <summary><c>dsim run FILE.sh</c>.</summary>
    public async Task<int> RunScriptAsync(string path)
    {
        var script = await File.ReadAllTextAsync(path).ConfigureAwait(false);
        DockerSimulator? engine = null;
        var runner = new TranscriptRunner { EngineFactory = options => engine = NewEngine(options) };
        var code = await runner.RunScriptAsync(script, Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.OpenStandardError()).ConfigureAwait(false);
        if (engine is not null)
        {
            WriteBack(engine);
        }

        return code;
    }

    private TranscriptRunner Runner() => new() { EngineFactory = NewEngine };

    private DockerSimulator NewEngine(DockerSimulatorOptions options)
    {
        var engine = new DockerSimulator(options);
        if (hostRoot is not null)
        {
            CopyIn(hostRoot, ((UnionFileSystemAdapter)engine.HostFileSystem).Union);
        }

        return engine;
    }

    /// <summary>Writes the in-memory host back to the real folder: what exists there now, and removals of what was copied in.</summary>
    private void WriteBack(DockerSimulator engine)
    {
        if (hostRoot is null)
        {
            return;
        }

        var full = Path.GetFullPath(hostRoot);
        var union = ((UnionFileSystemAdapter)engine.HostFileSystem).Union;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, entry) in union.Walk("/"))
        {
            if (path == "/")
            {
                continue;
            }

            present.Add(path);
            var real = Path.Combine(full, path[1..]);
            switch (entry.Type)
            {
                case EntryType.Directory:
                    Directory.CreateDirectory(real);
                    break;
                case EntryType.Symlink:
                    if (File.Exists(real) || Directory.Exists(real))
                    {
                        File.Delete(real);
                    }

                    File.CreateSymbolicLink(real, entry.LinkTarget ?? "");
                    break;
                default:
                    var bytes = union.ReadAllBytes(path);
                    if (!File.Exists(real) || !File.ReadAllBytes(real).AsSpan().SequenceEqual(bytes))
                    {
                        File.WriteAllBytes(real, bytes);
                    }

                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(real, entry.Mode & (UnixFileMode)0x1FF);
                    }

                    break;
            }
        }

        foreach (var gone in _copiedIn.Where(p => !present.Contains(p)).OrderByDescending(p => p.Length))
        {
            var real = Path.Combine(full, gone[1..]);
            if (Directory.Exists(real))
            {
                Directory.Delete(real, recursive: true);
            }
            else if (File.Exists(real))
            {
                File.Delete(real);
            }
        }
    }

    private static UnixFileMode? ModeOf(string path) => OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path);

    /// <summary>Copies a real folder's directories and files (modes kept) into the in-memory host's root.</summary>
    private void CopyIn(string root, UnionFileSystem host)
    {
        var full = Path.GetFullPath(root);
        foreach (var dir in Directory.EnumerateDirectories(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var target = "/" + Path.GetRelativePath(full, dir).Replace('\\', '/');
            if (!host.Exists(target))
            {
                host.CreateDirectory(target, ModeOf(dir));
            }

            _copiedIn.Add(target);
        }

        foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
        {
            var target = "/" + Path.GetRelativePath(full, file).Replace('\\', '/');
            host.WriteAllBytes(target, File.ReadAllBytes(file), ModeOf(file));
            _copiedIn.Add(target);
        }
    }
}
