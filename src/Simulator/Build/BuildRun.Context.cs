using System.IO.Abstractions;
using Simulator.FileSystem;

namespace Simulator.Build;

/// <summary>The build context: a read-only tree of the context's files after <c>.dockerignore</c>.</summary>
internal sealed partial class BuildRun
{
    private void LoadContext()
    {
        var entries = new Dictionary<string, FileEntry>(StringComparer.Ordinal) { ["/"] = FileEntry.Directory() };
        if (_request.ContextTar is { } tar)
        {
            Layer layer;
            try
            {
                layer = Layer.FromTar(tar);
            }
            catch (DockerSimulatorException ex)
            {
                throw new StepFailure(ErrorKind.InvalidArgument, "failed to read build context: " + ex.Message);
            }

            foreach (var (path, entry) in layer.Entries)
            {
                entries[path] = entry;
            }
        }
        else if (_request.ContextDirectory is { } dir)
        {
            var fs = _request.ContextFileSystem ?? _builder.HostFileSystem;
            if (fs is UnionFileSystemAdapter adapter && TryUseDirectly(adapter, dir))
            {
                return;
            }

            ReadDirectory(fs, dir, entries);
        }
        else
        {
            _context = null;
            return;
        }

        // The Dockerfile is sent apart from the context: .dockerignore does not hide it.
        var dockerfilePath = "/" + FsPath.Clean("/" + _request.DockerfilePath).TrimStart('/');
        if (_request.Dockerfile is null && entries.TryGetValue(dockerfilePath, out var dockerfileEntry) && dockerfileEntry.Type == EntryType.RegularFile)
        {
            _dockerfileFromContext = System.Text.Encoding.UTF8.GetString(dockerfileEntry.Content.ReadAllBytes().Span);
        }

        var ignore = ReadIgnore(entries);
        if (ignore is not null)
        {
            foreach (var path in entries.Keys.ToList())
            {
                if (path != "/" && ignore.Excludes(path[1..]))
                {
                    entries.Remove(path);
                }
            }

            // Parents of kept entries stay (an exception under an ignored directory).
            foreach (var path in entries.Keys.ToList())
            {
                for (var p = FsPath.Parent(path); p != FsPath.Root; p = FsPath.Parent(p))
                {
                    if (!entries.ContainsKey(p))
                    {
                        entries[p] = FileEntry.Directory();
                    }
                }
            }
        }

        var ctx = Layer.Create(entries);
        _context = UnionFileSystem.CreateReadOnly(LayerStack.Create([ctx]));
        _contextSize = entries.Values.Where(e => e.Type == EntryType.RegularFile).Sum(e => e.Size);
    }

    // An in-memory host without .dockerignore: read the context where it is (BuildKit too reads it on demand).
    private bool TryUseDirectly(UnionFileSystemAdapter adapter, string dir)
    {
        var union = adapter.Union;
        var root = FsPath.Clean(adapter.Path.GetFullPath(dir));
        if (!union.Exists(root) || !union.Stat(root).IsDirectory)
        {
            throw new StepFailure(ErrorKind.InvalidArgument, $"unable to prepare context: path \"{dir}\" not found");
        }

        // Listing the root costs less than a failing lookup (which throws inside the union).
        var names = union.ReadDirectory(root);
        var specific = FsPath.Clean(root + "/" + _request.DockerfilePath) + ".dockerignore";
        bool specificExists = FsPath.Parent(specific) == root ? names.Contains(FsPath.Name(specific)) : union.Exists(specific);
        if (names.Contains(".dockerignore") || specificExists)
        {
            return false;
        }

        _context = union;
        _contextRoot = root;
        _contextDirect = true;
        if (MemoKey is not null)
        {
            // What the memo compares later, taken before any step reads the context (the stamp before the walk, so a
            // change during the walk shows as a different stamp).
            _contextStamp = union.ChangeStamp;
            _contextTree = Builder.SnapshotTree(union, root);
        }
        _contextSize = -1;
        return true;
    }

    /// <summary>A context path (<c>/a/b</c>, relative to the context's root) in <see cref="_context"/>.</summary>
    private string InContext(string path) => _contextRoot == "/" ? path : path == "/" ? _contextRoot : _contextRoot + path;

    private long ContextSize()
    {
        if (_contextSize < 0)
        {
            _contextSize = _context!.Walk(_contextRoot).Where(e => e.Entry.Type == EntryType.RegularFile).Sum(e => e.Entry.Size);
        }

        return _contextSize;
    }

    private DockerIgnore? ReadIgnore(Dictionary<string, FileEntry> entries)
    {
        var specific = "/" + FsPath.Clean("/" + _request.DockerfilePath).TrimStart('/') + ".dockerignore";
        foreach (var candidate in new[] { specific, "/.dockerignore" })
        {
            if (entries.TryGetValue(candidate, out var e) && e.Type == EntryType.RegularFile)
            {
                return new DockerIgnore(System.Text.Encoding.UTF8.GetString(e.Content.ReadAllBytes().Span));
            }
        }

        return null;
    }

    private static void ReadDirectory(IFileSystem fs, string dir, Dictionary<string, FileEntry> entries)
    {
        if (fs is UnionFileSystemAdapter adapter)
        {
            var union = adapter.Union;
            var root = FsPath.Clean(fs.Path.GetFullPath(dir));
            if (!union.Exists(root))
            {
                throw new StepFailure(ErrorKind.InvalidArgument, $"unable to prepare context: path \"{dir}\" not found");
            }

            foreach (var (path, entry) in union.Walk(root))
            {
                var rel = path == root ? "/" : "/" + path[(root == "/" ? 1 : root.Length + 1)..];
                entries[rel] = entry;
            }

            return;
        }

        if (!fs.Directory.Exists(dir))
        {
            throw new StepFailure(ErrorKind.InvalidArgument, $"unable to prepare context: path \"{dir}\" not found");
        }

        var full = fs.Path.GetFullPath(dir).TrimEnd('/', '\\');
        foreach (var path in fs.Directory.EnumerateFileSystemEntries(full, "*", SearchOption.AllDirectories))
        {
            var rel = "/" + path[(full.Length + 1)..].Replace('\\', '/');
            if (fs.Directory.Exists(path))
            {
                entries[rel] = FileEntry.Directory();
            }
            else
            {
                var info = fs.FileInfo.New(path);
                entries[rel] = FileEntry.File(FileContent.FromOwnedBytes(fs.File.ReadAllBytes(path))) with
                {
                    ModifiedAt = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero),
                };
            }
        }
    }
}
