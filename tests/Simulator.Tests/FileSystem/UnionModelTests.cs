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

    private sealed record Node(EntryType Type, int Mode, string Data);

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
            _ => "commit",
        };
    }

    private static readonly Gen<Op> GenOp = Gen.Select(
        Gen.Int[0, 7], Gen.Int[0, Paths.Length - 1].Select(i => Paths[i]), Gen.Int[0, Paths.Length - 1].Select(i => Paths[i]), Gen.Int[0, 3], Gen.Int[0, 511],
        (k, p, q, d, m) => new Op(k, p, q, d, m));

    [Fact]
    public void UnionViewBehavesAsAPlainTree()
    {
        GenOp.Array[1, 40].Sample(ops => Run(ops), iter: 2000, threads: 1);
    }

    private static void Run(Op[] ops)
    {
        var model = new Dictionary<string, Node>(StringComparer.Ordinal)
        {
            ["/a"] = new(EntryType.Directory, 0x1ed, ""),
            ["/a/b"] = new(EntryType.RegularFile, 0x1a4, "base"),
            ["/c"] = new(EntryType.Symlink, 0x1ff, "nowhere0"),
        };
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
            if (op.Kind == 7)
            {
                var layer = fs.CommitLayer();
                fs = UnionFileSystem.CreateWritable(fs.Lower.Push(layer));
            }
            else if (op.Kind == 4 && model.TryGetValue(op.P, out var src) && src.Type == EntryType.Directory)
            {
                continue; // only file renames are modelled
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

            var want = Snapshot(model);
            var got = UnionTestContext.Snapshot(fs);
            Assert.True(want.SequenceEqual(got), $"{string.Join("; ", log)}:\nmodel:\n{string.Join("\n", want)}\nview:\n{string.Join("\n", got)}");
        }

        var replay = UnionFileSystem.CreateReadOnly(fs.Lower.Push(fs.CommitLayer()));
        Assert.Equal(Snapshot(model), UnionTestContext.Snapshot(replay));
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
        }
    }

    /// <summary>The model: POSIX results on a dictionary tree (names never match link targets, so links dangle).</summary>
    private static Errno? Apply(Dictionary<string, Node> model, Op op)
    {
        if (ParentError(model, op.P) is { } perr)
        {
            return perr;
        }

        model.TryGetValue(op.P, out var node);
        switch (op.Kind)
        {
            case 0:
                if (node is not null)
                {
                    return Errno.EEXIST;
                }

                model[op.P] = new(EntryType.Directory, 0x1ed, "");
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

                model[op.P] = new(EntryType.RegularFile, node?.Mode ?? 0x1a4, $"d{op.D}");
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

                model.Remove(op.P);
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

                if (model.Keys.Any(k => k.StartsWith(op.P + "/", StringComparison.Ordinal)))
                {
                    return Errno.ENOTEMPTY;
                }

                model.Remove(op.P);
                return null;
            case 4:
                if (ParentError(model, op.Q) is { } qerr)
                {
                    return qerr;
                }

                if (node is null)
                {
                    return Errno.ENOENT;
                }

                if (op.P == op.Q)
                {
                    return null;
                }

                if (model.TryGetValue(op.Q, out var target) && target.Type == EntryType.Directory)
                {
                    return op.P.StartsWith(op.Q + "/", StringComparison.Ordinal) ? Errno.ENOTEMPTY : Errno.EISDIR;
                }

                model.Remove(op.P);
                model[op.Q] = node;
                return null;
            case 5:
                if (node is not null)
                {
                    return Errno.EEXIST;
                }

                model[op.P] = new(EntryType.Symlink, 0x1ff, $"nowhere{op.D}");
                return null;
            default:
                if (node is null || node.Type == EntryType.Symlink)
                {
                    return Errno.ENOENT; // chmod follows the (dangling) link
                }

                model[op.P] = node with { Mode = op.Mode };
                return null;
        }
    }

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
