using System.Formats.Tar;
using System.IO.Abstractions;
using Simulator.Cli.CommandLine;

namespace Simulator.Cli.Commands;

/// <summary><c>docker cp</c> and <c>docker export</c> (docker/cli v28.2.2 cli/command/container/cp.go, export.go; moby/go-archive CopyTo rules).</summary>
internal static class CopyCommands
{
    /// <summary><c>docker cp SRC DEST</c>: exactly one side is <c>container:path</c>; <c>-</c> is a tar on stdin/stdout.</summary>
    public static async Task<int> CopyAsync(CliInvocation inv)
    {
        var (srcContainer, srcPath) = Split(inv.Args[0]);
        var (dstContainer, dstPath) = Split(inv.Args[1]);
        if (srcContainer is null && dstContainer is null)
        {
            throw new CliError("copying between local paths is not supported\n\nRun 'docker cp --help' for more information");
        }

        if (srcContainer is not null && dstContainer is not null)
        {
            throw new CliError("copying between containers is not supported\n\nRun 'docker cp --help' for more information");
        }

        if (srcContainer is not null)
        {
            FromContainer(inv, srcContainer, srcPath, dstPath);
        }
        else
        {
            await ToContainerAsync(inv, srcPath, dstContainer!, dstPath).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>cp.go splitCpArg: <c>name:path</c> unless the argument is an absolute or relative local path.</summary>
    private static (string? Container, string Path) Split(string arg)
    {
        if (arg.StartsWith('/') || arg.StartsWith('.'))
        {
            return (null, arg);
        }

        int colon = arg.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? (null, arg) : (arg[..colon], arg[(colon + 1)..]);
    }

    private static void FromContainer(CliInvocation inv, string container, string path, string dest)
    {
        var archive = inv.Engine.Containers.GetArchive(container, path);
        if (dest == "-")
        {
            archive.Tar.CopyTo(inv.Out.Stream);
            inv.Out.Stream.Flush();
            return;
        }

        var fs = inv.Engine.HostFileSystem;
        var target = inv.HostPath(dest).TrimEnd('/');
        if (target.Length == 0)
        {
            target = "/";
        }

        string extractDir;
        string? rename = null;
        bool contentsOnly = path.EndsWith("/.", StringComparison.Ordinal);
        if (fs.Directory.Exists(target))
        {
            extractDir = target;
        }
        else
        {
            var parent = fs.Path.GetDirectoryName(target) ?? "/";
            if (!fs.Directory.Exists(parent))
            {
                throw new CliError($"invalid output path: directory \"{fs.Path.GetDirectoryName(dest.TrimEnd('/'))}\" does not exist");
            }

            if (contentsOnly)
            {
                fs.Directory.CreateDirectory(target);
                extractDir = target;
            }
            else
            {
                extractDir = parent;
                rename = fs.Path.GetFileName(target);
            }
        }

        using var reader = new TarReader(archive.Tar, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            var name = entry.Name.TrimEnd('/');
            if (rename is not null)
            {
                int slash = name.IndexOf('/', StringComparison.Ordinal);
                name = slash < 0 ? rename : rename + name[slash..];
            }

            if (name is "." or "")
            {
                continue;
            }

            var full = fs.Path.Combine(extractDir, name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    fs.Directory.CreateDirectory(full);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    fs.Directory.CreateDirectory(fs.Path.GetDirectoryName(full)!);
                    using (var file = fs.File.Create(full))
                    {
                        entry.DataStream?.CopyTo(file);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static async Task ToContainerAsync(CliInvocation inv, string source, string container, string dest)
    {
        var fs = inv.Engine.HostFileSystem;
        var store = inv.Engine.Containers;
        if (source == "-")
        {
            store.ExtractToDirectory(container, dest, inv.Streams.Stdin);
            return;
        }

        var src = inv.HostPath(source);
        bool isDir = fs.Directory.Exists(src);
        if (!isDir && !fs.File.Exists(src))
        {
            throw new CliError($"lstat {src}: no such file or directory");
        }

        // The destination: an existing directory receives the source under its own name; otherwise the parent receives it renamed.
        string dir;
        string name;
        Containers.ContainerPathStat? stat = null;
        try
        {
            stat = store.StatPath(container, dest);
        }
        catch (DockerSimulatorException ex) when (ex.Kind == ErrorKind.NotFound && !ex.Message.StartsWith("No such container", StringComparison.Ordinal))
        {
        }

        bool contentsOnly = source.EndsWith("/.", StringComparison.Ordinal);
        if (stat is { IsDirectory: true })
        {
            dir = dest;
            name = contentsOnly ? "." : fs.Path.GetFileName(src.TrimEnd('/', '.'));
        }
        else
        {
            var trimmed = dest.TrimEnd('/');
            int slash = trimmed.LastIndexOf('/');
            dir = slash <= 0 ? "/" : trimmed[..slash];
            name = trimmed[(slash + 1)..];
        }

        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            Add(fs, writer, src, name, isDir);
        }

        tar.Position = 0;
        store.ExtractToDirectory(container, dir, tar);
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static void Add(IFileSystem fs, TarWriter writer, string path, string name, bool isDir)
    {
        if (isDir)
        {
            if (name != ".")
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name + "/") { Mode = (UnixFileMode)0x1ED });
            }

            foreach (var child in fs.Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal))
            {
                var childName = (name == "." ? "" : name + "/") + fs.Path.GetFileName(child);
                Add(fs, writer, child, childName, fs.Directory.Exists(child));
            }

            return;
        }

        var bytes = fs.File.ReadAllBytes(path);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = (UnixFileMode)0x1A4, DataStream = new MemoryStream(bytes) };
        writer.WriteEntry(entry);
    }

    /// <summary><c>docker export</c>: the tar to <c>-o FILE</c> or stdout (refused on a terminal).</summary>
    public static Task<int> ExportAsync(CliInvocation inv)
    {
        var output = inv.Flags.String("output");
        if (output is null && inv.Streams.StdoutIsTerminal)
        {
            throw new CliError("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }

        using var tar = inv.Engine.Containers.Export(inv.Args[0]);
        if (output is null)
        {
            tar.CopyTo(inv.Out.Stream);
            inv.Out.Stream.Flush();
        }
        else
        {
            using var file = inv.Engine.HostFileSystem.File.Create(inv.HostPath(output));
            tar.CopyTo(file);
        }

        return Task.FromResult(0);
    }
}
