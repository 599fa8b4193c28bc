using CsCheck;
using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>
/// Model-based property test: random operation sequences on a union view and on a plain dictionary tree,
/// compared after every step (every path's type, mode, owner, content or target), with commit-and-continue
/// (the upper committed, pushed on the lowers, and a new view continued from it) as one of the operations.
/// </summary>
public sealed class UnionModelTests
{
    private static readonly string[] Paths =
        [.. new[] { "a", "b", "c" }.SelectMany(x => new[] { "/" + x }.Concat(new[] { "a", "b", "c" }.Select(y => $"/{x}/{y}")))];

    /// <summary>A model inode: names that hard-link it share the object.</summary>
    private sealed class Node(EntryType type, int mode, string data)
    {
        public EntryType Type { get; } = type;

        public int Mode { get; set; } = mode;

        public string Data { get; set; } = data;

        public Node Clone() => new(Type, Mode, Data);
    }

    /// <summary>The model tree and which directories are lower (rename gives EXDEV) since the last commit.</summary>
    private sealed class Model
    {
        public Dictionary<string, Node> Nodes { get; } = new(StringComparer.Ordinal);

        public HashSet<string> LowerDirectories { get; } = new(StringComparer.Ordinal);

        /// <summary>Commit: every directory becomes lower; hard links are broken (flattened lower, no index).</summary>
        public void Commit()
        {
            foreach (var key in Nodes.Keys.ToArray())
            {
                Nodes[key] = Nodes[key].Clone();
            }

            LowerDirectories.Clear();
            LowerDirectories.UnionWith(Nodes.Where(n => n.Value.Type == EntryType.Directory).Select(n => n.Key));
        }
    }

    private sealed record Op(int Kind, string P, string Q, int D, int Mode)
    {
        public override string ToString() => Kind switch
        {
            0 => $"mkdir {P}",
            1 => $"write {P} d{D}",
            2 => $"unlink {P}",
            3 => $"rmdir {P}",
            4 => $"rename {P} {Q}",
            5 => $"symlink nowhere{D} {P}",
            6 => $"chmod {P} {Mode:x}",
            7 => $"link {P} {Q}",
            8 => $"truncate {P} {D}",
            _ => "commit",
        };
    }

    private static readonly Gen<Op> GenOp = Gen.Select(
        Gen.Int[0, 9], Gen.Int[0, Paths.Length - 1].Select(i => Paths[i]), Gen.Int[0, Paths.Length - 1].Select(i => Paths[i]), Gen.Int[0, 3], Gen.Int[0, 511],
        (k, p, q, d, m) => new Op(k, p, q, d, m));

    /// <summary>2,000 sequences in CI; set SIM_MODEL_ITERATIONS for more on demand.</summary>
    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("SIM_MODEL_ITERATIONS"), out var n) && n > 0 ? n : 2000;

    [Fact]
    public void UnionViewBehavesAsAPlainTree()
    {
        GenOp.Array[1, 40].Sample(ops => Run(ops), iter: Iterations, threads: 1);
    }

    private static void Run(Op[] ops)
    {
        var model = new Model();
        model.Nodes["/a"] = new(EntryType.Directory, 0x1ed, "");
        model.Nodes["/a/b"] = new(EntryType.RegularFile, 0x1a4, "base");
        model.Nodes["/c"] = new(EntryType.Symlink, 0x1ff, "nowhere0");
        model.Commit();
        var baseLayer = Layer.Create(
        [
            KeyValuePair.Create("/a", FileEntry.Directory()),
            KeyValuePair.Create("/a/b", FileEntry.File("base")),
            KeyValuePair.Create("/c", FileEntry.Symlink("nowhere0")),
        ]);
        var fs = UnionFileSystem.CreateWritable(LayerStack.Create([baseLayer]));
        var log = new List<string>();
        foreach (var op in ops)
        {
            log.Add(op.ToString());
            if (op.Kind == 9)
            {
                // The committed layer goes through its tar form, as docker commit stores it.
                var layer = ThroughTar(fs.CommitLayer());
                fs = UnionFileSystem.CreateWritable(fs.Lower.Push(layer));
                model.Commit();
            }
            else
            {
                var expected = Apply(model, op);
                Errno? actual = null;
                try
                {
                    Execute(fs, op);
                }
                catch (FileSystemException e)
                {
                    actual = e.Errno;
                }

                Assert.True(expected == actual, $"{string.Join("; ", log)}: expected {expected?.ToString() ?? "success"}, got {actual?.ToString() ?? "success"}");
            }

            var want = Snapshot(model.Nodes);
            var got = UnionTestContext.Snapshot(fs);
            Assert.True(want.SequenceEqual(got), $"{string.Join("; ", log)}:\nmodel:\n{string.Join("\n", want)}\nview:\n{string.Join("\n", got)}");
        }

        var replay = UnionFileSystem.CreateReadOnly(fs.Lower.Push(ThroughTar(fs.CommitLayer())));
        Assert.Equal(Snapshot(model.Nodes), UnionTestContext.Snapshot(replay));
    }

    private static Layer ThroughTar(Layer layer)
    {
        var tar = new MemoryStream();
        layer.WriteTar(tar);
        tar.Position = 0;
        var imported = Layer.FromTar(tar);
        Assert.Equal(layer.DiffId, imported.DiffId);
        return imported;
    }

    private static void Execute(UnionFileSystem fs, Op op)
    {
        switch (op.Kind)
        {
            case 0:
                fs.CreateDirectory(op.P);
                break;
            case 1:
                using (var handle = fs.Open(op.P, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate | OpenFlags.NoFollow))
                {
                    handle.Write(0, System.Text.Encoding.UTF8.GetBytes($"d{op.D}"));
                }

                break;
            case 2:
                fs.Unlink(op.P);
                break;
            case 3:
                fs.RemoveDirectory(op.P);
                break;
            case 4:
                fs.Rename(op.P, op.Q);
                break;
            case 5:
                fs.CreateSymlink($"nowhere{op.D}", op.P);
                break;
            case 6:
                fs.Chmod(op.P, (UnixFileMode)op.Mode);
                break;
            case 7:
                fs.Link(op.P, op.Q);
                break;
            case 8:
                fs.Truncate(op.P, op.D);
                break;
        }
    }

    /// <summary>The model: POSIX results on a dictionary tree (names never match link targets, so links dangle).</summary>
    private static Errno? Apply(Model model, Op op)
    {
        var nodes = model.Nodes;
        if (ParentError(nodes, op.P) is { } perr)
        {
            return perr;
        }

        nodes.TryGetValue(op.P, out var node);
        switch (op.Kind)
        {
            case 0:
                if (node is not null)
                {
                    return Errno.EEXIST;
                }

                nodes[op.P] = new(EntryType.Directory, 0x1ed, "");
                return null;
            case 1:
                if (node is { Type: EntryType.Directory })
                {
                    return Errno.EISDIR;
                }

                if (node is { Type: EntryType.Symlink })
                {
                    return Errno.ELOOP;
                }

                if (node is null)
                {
                    nodes[op.P] = new(EntryType.RegularFile, 0x1a4, $"d{op.D}");
                }
                else
                {
                    node.Data = $"d{op.D}";
                }

                return null;
            case 2:
                if (node is null)
                {
                    return Errno.ENOENT;
                }

                if (node.Type == EntryType.Directory)
                {
                    return Errno.EISDIR;
                }

                nodes.Remove(op.P);
                return null;
            case 3:
                if (node is null)
                {
                    return Errno.ENOENT;
                }

                if (node.Type != EntryType.Directory)
                {
                    return Errno.ENOTDIR;
                }

                if (Under(nodes, op.P).Any())
                {
                    return Errno.ENOTEMPTY;
                }

                nodes.Remove(op.P);
                model.LowerDirectories.Remove(op.P);
                return null;
            case 4:
                return Rename(model, op.P, op.Q, node);
            case 5:
                if (node is not null)
                {
                    return Errno.EEXIST;
                }

                nodes[op.P] = new(EntryType.Symlink, 0x1ff, $"nowhere{op.D}");
                return null;
            case 6:
                if (node is null || node.Type == EntryType.Symlink)
                {
                    return Errno.ENOENT; // chmod follows the (dangling) link
                }

                node.Mode = op.Mode;
                return null;
            case 7:
                if (node is null)
                {
                    return Errno.ENOENT;
                }

                if (ParentError(nodes, op.Q) is { } qerr)
                {
                    return qerr;
                }

                if (nodes.ContainsKey(op.Q))
                {
                    return Errno.EEXIST;
                }

                if (node.Type == EntryType.Directory)
                {
                    return Errno.EPERM;
                }

                nodes[op.Q] = node;
                return null;
            default:
                if (node is null || node.Type == EntryType.Symlink)
                {
                    return Errno.ENOENT;
                }

                if (node.Type == EntryType.Directory)
                {
                    return Errno.EISDIR;
                }

                node.Data = op.D <= node.Data.Length ? node.Data[..op.D] : node.Data + new string('\0', op.D - node.Data.Length);
                return null;
        }
    }

    private static Errno? Rename(Model model, string p, string q, Node? node)
    {
        var nodes = model.Nodes;
        if (ParentError(nodes, q) is { } qerr)
        {
            return qerr;
        }

        if (node is null)
        {
            return Errno.ENOENT;
        }

        if (p == q)
        {
            return null;
        }

        if (q.StartsWith(p + "/", StringComparison.Ordinal))
        {
            return Errno.EINVAL;
        }

        if (p.StartsWith(q + "/", StringComparison.Ordinal))
        {
            return Errno.ENOTEMPTY;
        }

        nodes.TryGetValue(q, out var target);
        if (ReferenceEquals(node, target))
        {
            return null; // two names of one file
        }

        bool isDir = node.Type == EntryType.Directory;
        if (target is not null)
        {
            if (isDir && target.Type != EntryType.Directory)
            {
                return Errno.ENOTDIR;
            }

            if (!isDir && target.Type == EntryType.Directory)
            {
                return Errno.EISDIR;
            }
        }

        if (isDir && model.LowerDirectories.Contains(p))
        {
            return Errno.EXDEV; // overlayfs without redirect_dir
        }

        if (target is not null && Under(nodes, q).Any())
        {
            return Errno.ENOTEMPTY;
        }

        var moved = Under(nodes, p).ToList();
        nodes.Remove(p);
        nodes[q] = node;
        model.LowerDirectories.Remove(q);
        foreach (var (path, child) in moved)
        {
            nodes.Remove(path);
            nodes[q + path[p.Length..]] = child;
        }

        return null;
    }

    private static IEnumerable<(string Path, Node Node)> Under(Dictionary<string, Node> nodes, string dir) =>
        nodes.Where(n => n.Key.StartsWith(dir + "/", StringComparison.Ordinal)).Select(n => (n.Key, n.Value)).ToList();

    private static Errno? ParentError(Dictionary<string, Node> model, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "";
        for (int i = 0; i < parts.Length - 1; i++)
        {
            current += "/" + parts[i];
            if (!model.TryGetValue(current, out var node) || node.Type == EntryType.Symlink)
            {
                return Errno.ENOENT;
            }

            if (node.Type != EntryType.Directory)
            {
                return Errno.ENOTDIR;
            }
        }

        return null;
    }

    private static List<string> Snapshot(Dictionary<string, Node> model)
    {
        var lines = new List<string> { "/ Directory 1ed 0:0 " };
        foreach (var (path, node) in model)
        {
            string detail = node.Type switch
            {
                EntryType.Symlink => "-> " + node.Data,
                EntryType.RegularFile => Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(node.Data)),
                _ => "",
            };
            lines.Add($"{path} {node.Type} {node.Mode:x} 0:0 {detail}");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
