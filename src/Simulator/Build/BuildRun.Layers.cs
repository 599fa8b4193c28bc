using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Processes;

namespace Simulator.Build;

/// <summary>The layer steps: WORKDIR, RUN, COPY, ADD, with the cache.</summary>
internal sealed partial class BuildRun
{
    private string VertexName(StepCounter step, bool onBuild, DockerfileNode node, StageState state)
    {
        string text;
        try
        {
            text = new ShellLex(_escape).ProcessWord(node.Original, state.Lookup);
        }
        catch (ShellLexException)
        {
            text = node.Original;
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        text = space < 0 ? text.ToUpperInvariant() : text[..space].ToUpperInvariant() + text[space..];
        return step.Next(onBuild) + text;
    }

    /// <summary>Runs a layer step through the cache; <paramref name="make"/> builds the layer on a miss.</summary>
    private async Task LayerStepAsync(StageState state, string vertex, DockerfileNode node, string opKey, string createdBy, Func<Task<Layer>> make)
    {
        var key = Builder.Hash(state.Key, opKey);
        Builder.CacheRecord record;
        bool fromCache = false;
        if (!_request.NoCache && _builder.TryGetCached(key, out var hit))
        {
            record = hit;
            fromCache = true;
            _hits.Add((key, hit));
            _cached++;
            _out.Cached(vertex, node);
        }
        else
        {
            _out.Start(vertex, node, !opKey.StartsWith("COPY", StringComparison.Ordinal) && !opKey.StartsWith("ADD", StringComparison.Ordinal));
            var layer = await make().ConfigureAwait(false);
            record = _builder.AddCached(key, layer, createdBy);
            _executed++;
            _out.Done();
        }

        state.Key = key;
        state.LastCreated = record.Created;
        state.MetaKey = Builder.Hash(state.MetaKey, key, createdBy, record.Created.UtcTicks.ToString(CultureInfo.InvariantCulture));
        var history = new HistoryEntry { Created = record.Created, CreatedBy = createdBy, Comment = Builder.HistoryComment };
        if (record.Layer.IsEmpty)
        {
            state.Config = state.Config.WithEmptyLayerHistory(history);
        }
        else
        {
            state.Layers.Add(record.Layer);
            state.Config = state.Config.WithLayer(record.Layer.DiffId, history);
        }

        _out.ClassicLayerStep(ImageIdOf(state), fromCache);
    }

    private async Task DispatchWorkdirAsync(StageState state, DockerfileNode node, StepCounter step, bool onBuild)
    {
        ParseFlags(node);
        var raw = Expand(NodeArgs(node)[0], state.Lookup, node);
        var current = state.Config.Config.WorkingDir.Length == 0 ? "/" : state.Config.Config.WorkingDir;
        var wd = FsPath.Clean(raw.StartsWith('/') ? raw : current + "/" + raw);
        state.Config = state.Config with { Config = state.Config.Config with { WorkingDir = wd } };
        if (wd == "/")
        {
            Commit(state, "WORKDIR " + wd);
            return;
        }

        var vertex = VertexName(step, onBuild, node, state);
        var user = state.Config.Config.User;
        await LayerStepAsync(state, vertex, node, "mkdir\n" + wd + "\n" + user, "WORKDIR " + wd, () =>
        {
            var root = UnionFileSystem.CreateWritable(_builder.StackOf(state.Layers), _builder.TimeProvider);
            if (!root.Exists(wd))
            {
                root.CreateDirectories(wd, (UnixFileMode)0x1ED);
                if (user.Length > 0)
                {
                    var u = ProcessUser.Resolve(user, root);
                    root.Chown(wd, u.Uid, u.Gid);
                }
            }

            return Task.FromResult(root.CommitLayer());
        }).ConfigureAwait(false);
    }

    private async Task DispatchRunAsync(StageDef stage, StageState state, DockerfileNode node, StepCounter step, bool onBuild)
    {
        ParseFlags(node, "mount", "network", "security", "device");
        var args = NodeArgs(node);
        List<string> argv;
        if (node.IsJson)
        {
            argv = args;
        }
        else
        {
            var cmdline = args.Count > 0 ? args[0] : "";
            if (node.Heredocs.Count > 0)
            {
                var first = node.Heredocs[0];
                if (node.Heredocs.Count == 1 && DockerfileParser.ParseHeredoc(cmdline) is not null)
                {
                    var content = first.Chomp ? ChompTabs(first.Content) : first.Content;
                    argv = [.. ShellOf(state), content];
                }
                else
                {
                    var sb = new StringBuilder(cmdline);
                    foreach (var doc in node.Heredocs)
                    {
                        sb.Append('\n').Append(doc.Content).Append(doc.Name);
                    }

                    argv = [.. ShellOf(state), sb.ToString()];
                }
            }
            else
            {
                argv = [.. ShellOf(state), cmdline];
            }
        }

        var vertex = VertexName(step, onBuild, node, state);
        var env = state.RunEnv.Select(e => e.Key + "=" + e.Value).ToList();
        if (!state.RunEnv.Any(e => e.Key == "PATH"))
        {
            env.Insert(0, "PATH=" + ProcessSpec.DefaultPath);
        }

        var buildArgPrefix = new List<string>();
        foreach (var (key, value) in state.BuildArgs)
        {
            buildArgPrefix.Add(key + "=" + (state.Lookup(key) ?? value ?? ""));
        }

        var historyArgs = buildArgPrefix.Count > 0
            ? string.Join(' ', [$"|{buildArgPrefix.Count}", .. buildArgPrefix, .. argv])
            : string.Join(' ', argv);
        var workdir = state.Config.Config.WorkingDir.Length == 0 ? "/" : state.Config.Config.WorkingDir;
        var user = state.Config.Config.User;
        var opKey = "run\n" + string.Join('\0', argv) + "\n" + string.Join('\0', env) + "\n" + workdir + "\n" + user + "\n" + string.Join('\0', node.Flags);
        await LayerStepAsync(state, vertex, node, opKey, "RUN " + historyArgs + " # buildkit", async () =>
        {
            var root = UnionFileSystem.CreateWritable(_builder.StackOf(state.Layers), _builder.TimeProvider);
            if (!root.Exists(workdir))
            {
                root.CreateDirectories(workdir);
            }

            var ns = new ProcessNamespace(root, _builder.Programs, _builder.TimeProvider);
            var output = new LineCollector();
            ProcessUser processUser;
            try
            {
                processUser = ProcessUser.Resolve(user, root);
            }
            catch (DockerSimulatorException ex)
            {
                throw new StepFailure(ErrorKind.InvalidArgument, ex.Message) { Node = node, VertexName = vertex };
            }

            var spec = new ProcessSpec(argv) { Env = env, WorkingDirectory = workdir, User = processUser };
            int exit;
            try
            {
                exit = await ns.RunAsync(spec, Stream.Null, output, output, _ct).ConfigureAwait(false);
            }
            catch (ExecException ex)
            {
                var lines = output.Lines();
                _out.Logs(lines);
                throw new StepFailure(ErrorKind.FailedPrecondition,
                    _request.Progress == BuildProgressFormat.Classic
                        ? $"failed to create task for container: {ex.Message}"
                        : $"process \"{string.Join(' ', argv)}\" did not complete successfully: {ex.RuntimeMessage}", ex.ExitCode)
                { Node = node, VertexName = vertex, Logs = lines };
            }
            finally
            {
                ns.KillAll();
            }

            var logLines = output.Lines();
            _out.Logs(logLines);
            if (exit != 0)
            {
                throw new StepFailure(ErrorKind.FailedPrecondition,
                    _request.Progress == BuildProgressFormat.Classic
                        ? $"The command '{string.Join(' ', argv)}' returned a non-zero code: {exit}"
                        : $"process \"{string.Join(' ', argv)}\" did not complete successfully: exit code: {exit}", exit)
                { Node = node, VertexName = vertex, Logs = logLines };
            }

            return root.CommitLayer();
        }).ConfigureAwait(false);
    }

    private static string ChompTabs(string s) => string.Join('\n', s.Split('\n').Select(l => l.TrimStart('\t')));

    private async Task DispatchCopyAsync(StageDef stage, StageState state, DockerfileNode node, StepCounter step, bool onBuild, bool isAdd)
    {
        var flags = isAdd
            ? ParseFlags(node, "chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack")
            : ParseFlags(node, "from", "chown", "chmod", "link", "parents", "exclude");
        var args = NodeArgs(node).Select(a => Expand(a, state.Lookup, node)).ToList();
        var name = isAdd ? "ADD" : "COPY";
        var dest = args.Count > 0 ? args[^1] : "/";
        var sources = args.Take(Math.Max(0, args.Count - 1))
            .Where(a => node.Heredocs.Count == 0 || DockerfileParser.ParseHeredoc(a) is null)
            .ToList();
        var chown = flags.TryGetValue("chown", out var c) ? Expand(c, state.Lookup, node) : "";
        var chmodText = flags.TryGetValue("chmod", out var m) ? Expand(m, state.Lookup, node) : "";
        UnixFileMode? chmod = null;
        if (chmodText.Length > 0)
        {
            try
            {
                var value = Convert.ToUInt32(chmodText, 8);
                if (value > 0xFFF)
                {
                    throw new FormatException();
                }

                chmod = (UnixFileMode)value;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                throw LineError(node, $"invalid chmod parameter: '{chmodText}'. it should be octal string and between 0 and 07777");
            }
        }

        // The source tree: the context, a stage, or an image.
        UnionFileSystem? source = _context;
        string sourceKey = "context";
        string sourceRoot = _contextRoot;
        if (flags.TryGetValue("from", out var fromRaw))
        {
            var from = Expand(fromRaw, state.Lookup, node);
            var fromStage = FindFromStage(from);
            if (fromStage?.Result is not null)
            {
                source = UnionFileSystem.CreateReadOnly(_builder.StackOf(fromStage.Result!.Layers));
                sourceKey = "stage:" + fromStage.Result!.Key;
                sourceRoot = "/";
            }
            else
            {
                var image = await GetImageAsync(from, node).ConfigureAwait(false);
                source = UnionFileSystem.CreateReadOnly(_builder.StackOf(image.Layers));
                sourceKey = "image:" + image.Id;
                sourceRoot = "/";
            }
        }

        var workdir = state.Config.Config.WorkingDir.Length == 0 ? "/" : state.Config.Config.WorkingDir;
        bool destIsDir = dest.EndsWith('/') || sources.Count + node.Heredocs.Count > 1 || dest == "." || dest.EndsWith("/.", StringComparison.Ordinal);
        var destPath = FsPath.Clean(dest.StartsWith('/') ? dest : workdir + "/" + dest);

        var history = new StringBuilder(name);
        if (chown.Length > 0)
        {
            history.Append(" --chown=").Append(chown);
        }

        if (chmodText.Length > 0)
        {
            history.Append(" --chmod=").Append(chmodText);
        }

        foreach (var s in sources)
        {
            history.Append(' ').Append(s);
        }

        foreach (var doc in node.Heredocs)
        {
            history.Append(" <<").Append(doc.Name);
        }

        history.Append(' ').Append(dest).Append(" # buildkit");

        // Resolve the sources now: their content is part of the cache key.
        var copies = new List<(string Target, FileEntry Entry)>();
        var vertex = VertexName(step, onBuild, node, state);
        bool usesContext = false;
        foreach (var src in sources)
        {
            if (src.StartsWith("http://", StringComparison.Ordinal) || src.StartsWith("https://", StringComparison.Ordinal))
            {
                if (!isAdd)
                {
                    throw LineError(node, "source can't be a URL for COPY");
                }

                var host = new Uri(src).Host;
                throw new StepFailure(ErrorKind.FailedPrecondition, $"failed to load cache key: Get \"{src}\": dial tcp: lookup {host} on 127.0.0.53:53: no such host") { Node = node, VertexName = vertex };
            }

            usesContext |= sourceKey == "context";
            if (sourceKey == "context")
            {
                EnsureContextVertex();
            }

            var matches = Match(source, src, sourceRoot);
            if (matches.Count == 0)
            {
                if (HasWildcard(src))
                {
                    continue;
                }

                throw new StepFailure(ErrorKind.InvalidArgument, $"failed to compute cache key: failed to calculate checksum of ref {RefId(sourceKey)}::{RefId(sourceKey + "/")[..25]}: \"{FsPath.Clean("/" + src)}\": not found") { Node = node, VertexName = vertex };
            }

            foreach (var match in matches)
            {
                var entry = source!.Stat(match);
                if (entry.IsDirectory)
                {
                    // The walk yields the directory itself first, at its resolved path: a symlink to a directory
                    // (COPY link/ /d/) walks its target, whose paths are relative to that, not to the link.
                    string? walked = null;
                    foreach (var (path, e) in source.Walk(match))
                    {
                        if (walked is null)
                        {
                            walked = path;
                            continue;
                        }

                        copies.Add((FsPath.Clean(destPath + path[(walked == "/" ? 0 : walked.Length)..]), e));
                    }

                    if (matches.Count == 1 && sources.Count == 1)
                    {
                        copies.Add((destPath, entry));
                    }
                }
                else if (isAdd && IsArchive(entry))
                {
                    foreach (var (path, e) in ExtractArchive(entry))
                    {
                        copies.Add((FsPath.Clean(destPath + path), e));
                    }
                }
                else
                {
                    var target = destIsDir || DestIsDirectory(state, destPath) ? FsPath.Combine(destPath, FsPath.Name(match)) : destPath;
                    copies.Add((target, entry));
                }
            }
        }

        foreach (var doc in node.Heredocs)
        {
            var content = doc.Chomp ? ChompTabs(doc.Content) : doc.Content;
            if (doc.Expand)
            {
                try
                {
                    content = new ShellLex(_escape) { SkipProcessQuotes = true }.ProcessWord(content, state.Lookup);
                }
                catch (ShellLexException ex)
                {
                    throw LineError(node, ex.Message);
                }
            }

            var target = destIsDir || DestIsDirectory(state, destPath) ? FsPath.Combine(destPath, doc.Name) : destPath;
            copies.Add((target, FileEntry.File(content) with { ModifiedAt = _start }));
        }

        var keyText = new StringBuilder(name).Append('\n').Append(sourceKey).Append('\n').Append(destPath).Append('\n').Append(chown).Append('\n').Append(chmodText).Append('\n');
        foreach (var (target, entry) in copies)
        {
            keyText.Append(target).Append(' ').Append((int)entry.Type).Append(' ').Append(((int)entry.Mode).ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(entry.LinkTarget).Append(' ').Append(entry.Type == EntryType.RegularFile ? _builder.ContentDigest(entry.Content) : "").Append('\n');
        }

        _ = usesContext;
        await LayerStepAsync(state, vertex, node, keyText.ToString(), history.ToString(), () =>
        {
            var lower = _builder.StackOf(state.Layers);
            var view = UnionFileSystem.CreateReadOnly(lower);
            int uid = 0, gid = 0;
            if (chown.Length > 0)
            {
                try
                {
                    var u = ProcessUser.Resolve(chown, view);
                    (uid, gid) = (u.Uid, u.Gid);
                }
                catch (DockerSimulatorException ex)
                {
                    throw new StepFailure(ErrorKind.InvalidArgument, ex.Message) { Node = node, VertexName = vertex };
                }
            }

            var now = _builder.TimeProvider.GetUtcNow();
            var map = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
            foreach (var (target, entry) in copies)
            {
                var e = entry with { Uid = uid, Gid = gid };
                if (chmod is { } mode && e.Type != EntryType.Symlink)
                {
                    e = e with { Mode = mode };
                }

                map[target] = e;
            }

            if (!map.ContainsKey(destPath) && (destIsDir || copies.Count == 0) && !DestIsDirectory(state, destPath))
            {
                map[destPath] = FileEntry.Directory() with { ModifiedAt = now, Uid = uid, Gid = gid };
            }

            foreach (var path in map.Keys.ToList())
            {
                for (var parent = FsPath.Parent(path); parent != FsPath.Root; parent = FsPath.Parent(parent))
                {
                    if (map.ContainsKey(parent))
                    {
                        continue;
                    }

                    map[parent] = lower.TryGetEntry(parent, out var existing) && existing.IsDirectory
                        ? existing
                        : FileEntry.Directory() with { ModifiedAt = now };
                }
            }

            return Task.FromResult(Layer.Create(map));
        }).ConfigureAwait(false);
    }

    private bool DestIsDirectory(StageState state, string path)
    {
        var stack = _builder.StackOf(state.Layers);
        if (stack.TryGetEntry(path, out var entry))
        {
            if (entry.Type != EntryType.Symlink)
            {
                return entry.IsDirectory;
            }
        }
        else if (!HasSymlinkParent(stack, path))
        {
            return false;
        }

        // Through a symlink: let the union resolve it.
        var view = UnionFileSystem.CreateReadOnly(stack);
        return view.Exists(path) && view.Stat(path).IsDirectory;
    }

    private static bool HasSymlinkParent(LayerStack stack, string path)
    {
        for (var p = FsPath.Parent(path); p != FsPath.Root; p = FsPath.Parent(p))
        {
            if (stack.TryGetEntry(p, out var e) && e.Type == EntryType.Symlink)
            {
                return true;
            }
        }

        return false;
    }

    private static string RefId(string seed) => Builder.Hash("ref", seed)[..25];

    private void EnsureContextVertex()
    {
        if (!_contextLoaded)
        {
            _contextLoaded = true;
            _out.LoadContext(_out.IsSilent ? 0 : ContextSize());
            if (_request.Progress == BuildProgressFormat.Plain && _request.ContextDirectory is { } dir)
            {
                TouchLocalSource("context:" + dir, "context", ContextSize);
            }
        }
    }

    private static bool HasWildcard(string s) => s.IndexOfAny(['*', '?', '[']) >= 0;

    /// <summary>Sources matching <paramref name="src"/> in the tree (Go's filepath.Match per component).</summary>
    private static List<string> Match(UnionFileSystem? tree, string src, string root)
    {
        if (tree is null)
        {
            return [];
        }

        var clean = FsPath.Clean("/" + src);
        if (!HasWildcard(clean))
        {
            var full = root == "/" ? clean : clean == "/" ? root : root + clean;
            return tree.Exists(full) ? [full] : [];
        }

        var parts = clean.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { root };
        foreach (var part in parts)
        {
            var next = new List<string>();
            foreach (var dir in current)
            {
                if (!tree.Exists(dir) || !tree.Stat(dir).IsDirectory)
                {
                    continue;
                }

                if (!HasWildcard(part))
                {
                    var p = FsPath.Combine(dir, part);
                    if (tree.Exists(p))
                    {
                        next.Add(p);
                    }

                    continue;
                }

                var regex = new System.Text.RegularExpressions.Regex("^" + GlobToRegex(part) + "$");
                foreach (var name in tree.ReadDirectory(dir).OrderBy(n => n, StringComparer.Ordinal))
                {
                    if (regex.IsMatch(name))
                    {
                        next.Add(FsPath.Combine(dir, name));
                    }
                }
            }

            current = next;
        }

        return current;
    }

    private static string GlobToRegex(string glob)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < glob.Length; i++)
        {
            char ch = glob[i];
            switch (ch)
            {
                case '*': sb.Append("[^/]*"); break;
                case '?': sb.Append("[^/]"); break;
                case '[':
                    int end = glob.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }

                    var cls = glob[(i + 1)..end];
                    if (cls.StartsWith('^'))
                    {
                        cls = "^" + cls[1..];
                    }

                    sb.Append('[').Append(cls).Append(']');
                    i = end;
                    break;
                case '\\' when i + 1 < glob.Length:
                    sb.Append(System.Text.RegularExpressions.Regex.Escape(glob[++i].ToString()));
                    break;
                default:
                    sb.Append(System.Text.RegularExpressions.Regex.Escape(ch.ToString()));
                    break;
            }
        }

        return sb.ToString();
    }

    private static bool IsArchive(FileEntry entry)
    {
        if (entry.Type != EntryType.RegularFile || entry.Size < 4)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[265];
        int n = entry.Content.Read(0, head);
        if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return true;
        }

        return n >= 262 && head[257] == (byte)'u' && head[258] == (byte)'s' && head[259] == (byte)'t' && head[260] == (byte)'a' && head[261] == (byte)'r';
    }

    private static IEnumerable<(string Path, FileEntry Entry)> ExtractArchive(FileEntry entry)
    {
        Stream stream = entry.Content.OpenRead();
        var head = new byte[2];
        int n = entry.Content.Read(0, head);
        if (n == 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        using (stream)
        {
            var layer = Layer.FromTar(stream);
            return layer.Entries.Where(e => e.Key != "/").Select(e => (e.Key, e.Value)).ToList();
        }
    }

    /// <summary>A stream collecting a process's output lines (stdout and stderr interleaved).</summary>
    private sealed class LineCollector : Stream
    {
        private readonly MemoryStream _buffer = new();
        private readonly Lock _gate = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public List<string> Lines()
        {
            string text;
            lock (_gate)
            {
                text = Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length);
            }

            var lines = text.Split('\n').ToList();
            if (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return lines;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (_gate)
            {
                _buffer.Write(buffer);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
