using System.Text;
using Simulator.FileSystem;

namespace Simulator.Processes;

/// <summary>A resolved executable: the program to run and the argv it gets.</summary>
internal sealed record ResolvedExecutable(string Path, SimulatedProgram Program, IReadOnlyList<string> Argv);

/// <summary>Program resolution as runc (Go <c>exec.LookPath</c>) and the kernel's <c>execve</c> do it.</summary>
internal static class Executables
{
    internal const Errno ENOEXEC = (Errno)8;

    /// <summary>Finds argv[0]; throws <see cref="ExecException"/> with runc's texts.</summary>
    public static ResolvedExecutable Resolve(UnionFileSystem fs, ProgramRegistry programs, IReadOnlyList<string> argv, string? pathEnv, string cwd)
    {
        var name = argv.Count > 0 ? argv[0] : "";
        var path = LookPath(fs, programs, name, pathEnv, cwd);
        return Load(fs, programs, name, path, argv, 0);
    }

    /// <summary>Go's <c>exec.LookPath</c> over the container's filesystem; returns an absolute path.</summary>
    public static string LookPath(UnionFileSystem fs, ProgramRegistry programs, string name, string? pathEnv, string cwd)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            var abs = Absolute(name, cwd);
            var err = Check(fs, programs, abs);
            if (err is null)
            {
                return abs;
            }

            var text = err == Errno.ENOENT ? $"exec: \"{name}\": stat {name}: no such file or directory"
                : err == Errno.EISDIR ? $"exec: \"{name}\": is a directory"
                : $"exec: \"{name}\": permission denied";
            throw new ExecException(name, err.Value, text);
        }

        if (name.Length > 0)
        {
            foreach (var dir in (pathEnv ?? ProcessSpec.DefaultPath).Split(':'))
            {
                var candidate = Absolute((dir.Length == 0 ? "." : dir) + "/" + name, cwd);
                if (Check(fs, programs, candidate) is null)
                {
                    return candidate;
                }
            }
        }

        throw new ExecException(name, Errno.ENOENT, $"exec: \"{name}\": executable file not found in $PATH");
    }

    /// <summary>Why <paramref name="path"/> cannot be executed, or <see langword="null"/> when it can.</summary>
    public static Errno? Check(UnionFileSystem fs, ProgramRegistry programs, string path)
    {
        // An errno, not an exception: most of a PATH search's probes miss.
        var errno = fs.TryStat(path, out var found);
        if (errno != 0)
        {
            if (errno is Errno.ENOENT && programs.TryGet(path, out _))
            {
                return null;
            }

            return errno is Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP ? Errno.ENOENT : errno;
        }

        var entry = found!;

        if (entry.IsDirectory)
        {
            return Errno.EISDIR;
        }

        const UnixFileMode anyExec = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((entry.Mode & anyExec) == 0)
        {
            return Errno.EACCES;
        }

        if (fs.Uid != 0)
        {
            var bit = entry.Uid == fs.Uid ? UnixFileMode.UserExecute : entry.Gid == fs.Gid ? UnixFileMode.GroupExecute : UnixFileMode.OtherExecute;
            if ((entry.Mode & bit) == 0)
            {
                return Errno.EACCES;
            }
        }

        return null;
    }

    /// <summary>Reads the file and picks the program: a registered path, a marker, or a <c>#!</c> interpreter.</summary>
    public static ResolvedExecutable Load(UnionFileSystem fs, ProgramRegistry programs, string name, string path, IReadOnlyList<string> argv, int depth)
    {
        if (programs.TryGet(path, out var registered))
        {
            return new ResolvedExecutable(path, registered, argv);
        }

        string head;
        try
        {
            Span<byte> buffer = stackalloc byte[256];
            var n = fs.Read(path, 0, buffer);

            // Only the first line is looked at: decode up to its '\n' (a 0x0A byte is never inside a UTF-8 sequence, so these
            // are the characters a decode of all n bytes has before it); a binary's bytes after it took microseconds to replace.
            var lineEnd = buffer[..n].IndexOf((byte)'\n');
            head = Encoding.UTF8.GetString(buffer[..(lineEnd < 0 ? n : lineEnd)]);
        }
        catch (FileSystemException e)
        {
            throw new ExecException(name, e.Errno, $"exec: \"{name}\": {FileSystemException.StrError(e.Errno).ToLowerInvariant()}");
        }

        var newline = head.IndexOf('\n', StringComparison.Ordinal);
        var first = (newline < 0 ? head : head[..newline]).TrimEnd('\r');
        if (first.StartsWith(ProgramRegistry.MarkerPrefix, StringComparison.Ordinal))
        {
            var marker = first[ProgramRegistry.MarkerPrefix.Length..].Trim();
            if (programs.TryGet(marker, out var program))
            {
                return new ResolvedExecutable(path, program, argv);
            }
        }
        else if (first.StartsWith("#!", StringComparison.Ordinal) && depth < 4)
        {
            var line = first[2..].Trim();
            var space = line.IndexOfAny([' ', '\t']);
            var interpreter = space < 0 ? line : line[..space];
            var arg = space < 0 ? null : line[(space + 1)..].Trim();
            if (interpreter.Length > 0)
            {
                var newArgv = new List<string> { interpreter };
                if (!string.IsNullOrEmpty(arg))
                {
                    newArgv.Add(arg);
                }

                newArgv.Add(path);
                newArgv.AddRange(argv.Skip(1));
                if (Check(fs, programs, interpreter) is null)
                {
                    return Load(fs, programs, name, interpreter, newArgv, depth + 1);
                }

                throw new ExecException(name, Errno.ENOENT, $"exec {path}: no such file or directory");
            }
        }

        throw new ExecException(name, ENOEXEC, $"exec {path}: exec format error");
    }

    public static string Absolute(string path, string cwd) =>
        FsPath.Clean(path.StartsWith('/') ? path : (cwd.EndsWith('/') ? cwd : cwd + "/") + path);
}
