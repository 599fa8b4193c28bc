using System.IO.Abstractions;

namespace Simulator.FileSystem.Internal;

/// <summary>
/// Keeps a tree (<see cref="UnionState"/> over an empty lower stack) in step with a directory, or one file, of another
/// <see cref="IFileSystem"/>: before each operation on the tree the host's current state is read in (<see cref="Pull"/>),
/// after it the tree's changes are written out (<see cref="Push"/>), so both sides see each other's writes at once.
/// </summary>
/// <remarks>
/// Only what <see cref="IFileSystem"/> can express crosses: directories, regular files (content; the host's write time as
/// mtime), and deletions and renames (as a delete plus a create). Modes and owners stay on the tree's side; host symlinks are
/// read through. Unchanged host files (same length and write time as last synced) are not read again. Called under the
/// tree's lock.
/// </remarks>
internal sealed class ExternalTree
{
    private readonly IFileSystem _fs;
    private readonly string _hostPath;
    private readonly string? _fileName;
    private readonly Dictionary<string, Synced> _synced = new(StringComparer.Ordinal);

    /// <summary>A mirror of <paramref name="hostPath"/>: a directory becomes the tree's root; a file becomes <c>/name</c> in it.</summary>
    public ExternalTree(IFileSystem fileSystem, string hostPath)
    {
        _fs = fileSystem;
        _hostPath = hostPath;
        _fileName = fileSystem.Directory.Exists(hostPath) ? null : fileSystem.Path.GetFileName(hostPath);
    }

    /// <summary>The tree path that shows the host path: <c>/</c> for a directory, <c>/name</c> for a file.</summary>
    public string TreePath => _fileName is null ? FsPath.Root : "/" + _fileName;

    private string HostOf(string treePath) =>
        _fileName is not null ? _hostPath : treePath == FsPath.Root ? _hostPath : _hostPath.TrimEnd('/') + treePath;

    /// <summary>Reads the host's current state into the tree.</summary>
    public void Pull(UnionState state)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { FsPath.Root };
        if (_fileName is not null)
        {
            if (_fs.File.Exists(_hostPath))
            {
                PullFile(state, "/" + _fileName, _hostPath, seen);
            }
        }
        else if (_fs.Directory.Exists(_hostPath))
        {
            PullDirectory(state, FsPath.Root, _hostPath, seen);
        }

        foreach (var path in state.Upper.Keys.Where(p => !seen.Contains(p)).OrderByDescending(p => p.Length).ToList())
        {
            if (state.Upper.ContainsKey(path))
            {
                state.RemoveUpperTree(path);
            }

            _synced.Remove(path);
        }
    }

    /// <summary>Writes the tree's changes since the last sync to the host.</summary>
    public void Push(UnionState state)
    {
        foreach (var (path, inode) in state.Upper.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            if (path == FsPath.Root || inode is null || (_synced.TryGetValue(path, out var s) && ReferenceEquals(s.Entry, inode.Entry)))
            {
                continue;
            }

            var entry = inode.Entry;
            var host = HostOf(path);
            if (entry.IsDirectory)
            {
                _fs.Directory.CreateDirectory(host);
                _synced[path] = new Synced(entry, 0, default);
            }
            else if (entry.Type == EntryType.RegularFile)
            {
                if (_fs.Directory.Exists(host))
                {
                    _fs.Directory.Delete(host, recursive: true);
                }

                _fs.File.WriteAllBytes(host, entry.Content.ReadAllBytes().ToArray());
                var info = _fs.FileInfo.New(host);
                _synced[path] = new Synced(entry, info.Length, info.LastWriteTimeUtc);
            }
            else
            {
                _synced[path] = new Synced(entry, 0, default); // symlinks and the rest stay in the tree
            }
        }

        foreach (var path in _synced.Keys.Where(p => !state.Upper.TryGetValue(p, out var i) || i is null).OrderByDescending(p => p.Length).ToList())
        {
            var host = HostOf(path);
            if (_fs.Directory.Exists(host))
            {
                _fs.Directory.Delete(host, recursive: true);
            }
            else if (_fs.File.Exists(host))
            {
                _fs.File.Delete(host);
            }

            _synced.Remove(path);
        }
    }

    private void PullDirectory(UnionState state, string treePath, string hostPath, HashSet<string> seen)
    {
        foreach (var child in _fs.Directory.EnumerateFileSystemEntries(hostPath).Order(StringComparer.Ordinal))
        {
            var childTree = FsPath.Combine(treePath, _fs.Path.GetFileName(child));
            if (_fs.Directory.Exists(child))
            {
                seen.Add(childTree);
                if (!state.Upper.TryGetValue(childTree, out var inode) || inode is null || !inode.Entry.IsDirectory)
                {
                    state.RemoveUpperTree(childTree);
                    var entry = FileEntry.Directory() with { ModifiedAt = _fs.Directory.GetLastWriteTimeUtc(child) };
                    state.SetUpper(childTree, new Inode(state, entry));
                    _synced[childTree] = new Synced(entry, 0, default);
                }

                PullDirectory(state, childTree, child, seen);
            }
            else
            {
                PullFile(state, childTree, child, seen);
            }
        }
    }

    private void PullFile(UnionState state, string treePath, string hostPath, HashSet<string> seen)
    {
        seen.Add(treePath);
        var info = _fs.FileInfo.New(hostPath);
        long length = info.Length;
        var written = info.LastWriteTimeUtc;
        state.Upper.TryGetValue(treePath, out var inode);
        if (inode is not null && _synced.TryGetValue(treePath, out var s) && ReferenceEquals(s.Entry, inode.Entry) && s.Length == length && s.WriteTime == written)
        {
            return;
        }

        var content = FileContent.FromOwnedBytes(_fs.File.ReadAllBytes(hostPath));
        if (inode is not null && inode.Entry.Type == EntryType.RegularFile)
        {
            inode.Entry = inode.Entry with { Content = content, ModifiedAt = written };
        }
        else
        {
            state.RemoveUpperTree(treePath);
            inode = new Inode(state, FileEntry.File(content) with { ModifiedAt = written });
            state.SetUpper(treePath, inode);
        }

        _synced[treePath] = new Synced(inode.Entry, length, written);
    }

    private readonly record struct Synced(FileEntry Entry, long Length, DateTime WriteTime);
}
