using System.IO.Abstractions;
using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>One file system a conformance scenario runs against, with Unix paths translated to it.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FsTarget : IDisposable
{
    private readonly string _root;

    private FsTarget(string name, IFileSystem fs, string root)
    {
        Name = name;
        Fs = fs;
        _root = root;
    }

    public string Name { get; }

    public IFileSystem Fs { get; }

    public IFile File => Fs.File;

    public IDirectory Directory => Fs.Directory;

    /// <summary>The adapter over a fresh writable, empty union view.</summary>
    public static FsTarget Union() => new("union", UnionFileSystem.CreateEmpty().AsFileSystem(), "");

    /// <summary>The real file system, rooted in a fresh temp directory.</summary>
    public static FsTarget Real()
    {
        var root = System.IO.Path.Combine("/tmp", "iofs-conformance-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(root);
        return new("real", new System.IO.Abstractions.FileSystem(), root);
    }

    /// <summary>Translates a Unix path of the scenario ("/a/b") into this target.</summary>
    public string P(string path) => path.StartsWith('/') ? (_root.Length == 0 ? path : path == "/" ? _root + "/" : _root + path) : path;

    /// <summary>Removes this target's root from text (messages, paths).</summary>
    public string Unroot(string? text) =>
        text is null ? "<null>" : _root.Length == 0 ? text : text.Replace(_root + "/", "/", StringComparison.Ordinal).Replace(_root, "/", StringComparison.Ordinal);

    /// <summary>The tree under the root: one sorted line per entry (type, mode, content or link target).</summary>
    public string Snapshot()
    {
        var lines = new List<string>();
        var root = P("/");
        foreach (var path in Fs.Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var info = Fs.FileInfo.New(path);
            string rel = Unroot(path);
            if (info.LinkTarget is { } target)
            {
                lines.Add($"L {rel} -> {Unroot(target)}");
            }
            else if (Fs.Directory.Exists(path))
            {
                lines.Add($"D {rel} {Convert.ToString((int)Fs.File.GetUnixFileMode(path), 8)}");
            }
            else
            {
                lines.Add($"F {rel} {Convert.ToString((int)Fs.File.GetUnixFileMode(path), 8)} {Convert.ToHexString(Fs.File.ReadAllBytes(path))}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    public void Dispose()
    {
        if (_root.Length > 0 && System.IO.Directory.Exists(_root))
        {
            foreach (var dir in System.IO.Directory.EnumerateDirectories(_root, "*", SearchOption.AllDirectories))
            {
                try
                {
                    System.IO.File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
                }
                catch (IOException)
                {
                }
            }

            System.IO.Directory.Delete(_root, recursive: true);
        }
    }
}
