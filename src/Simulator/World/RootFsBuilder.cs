using System.Text;
using Simulator.FileSystem;

namespace Simulator.World;

/// <summary>
/// Collects the entries of one stock layer: directories, text files, program files (<c>#!simulator NAME</c> padded to
/// the real size), synthetic files, symlinks and hard links, all with one fixed mtime; seeds derive from a name and
/// the path (FNV-1a 64), so the same tree always gives the same DiffID. Not thread-safe; used once per stock layer.
/// </summary>
internal sealed class RootFsBuilder(string seedName, DateTimeOffset modifiedAt)
{
    public const UnixFileMode Mode0755 = FileEntry.DefaultDirectoryMode;
    public const UnixFileMode Mode0775 = FileEntry.DefaultDirectoryMode | UnixFileMode.GroupWrite;
    public const UnixFileMode Mode0644 = FileEntry.DefaultFileMode;
    public const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    public const UnixFileMode Mode0777 = FileEntry.SymlinkMode;
    public const UnixFileMode Mode1777 = FileEntry.SymlinkMode | UnixFileMode.StickyBit;

    private readonly Dictionary<string, FileEntry> _entries = new(StringComparer.Ordinal);

    public DateTimeOffset ModifiedAt => modifiedAt;

    public RootFsBuilder Dir(string path, UnixFileMode mode = Mode0755, int uid = 0, int gid = 0)
    {
        Parents(path);
        _entries[path] = FileEntry.Directory(mode) with { ModifiedAt = modifiedAt, Uid = uid, Gid = gid };
        return this;
    }

    public RootFsBuilder Dirs(params string[] paths)
    {
        foreach (var path in paths)
        {
            Dir(path);
        }

        return this;
    }

    public RootFsBuilder Text(string path, string text, UnixFileMode mode = Mode0644, int uid = 0, int gid = 0) =>
        Put(path, FileEntry.File(text, mode) with { Uid = uid, Gid = gid });

    public RootFsBuilder Program(string path, string program, long size, UnixFileMode mode = Mode0755) =>
        Put(path, FileEntry.File(PrefixedSyntheticContent.Program(program, size, Seed(path)), mode));

    public RootFsBuilder Synthetic(string path, long size, UnixFileMode mode = Mode0644) =>
        Put(path, FileEntry.File(PrefixedSyntheticContent.Create([], size, Seed(path)), mode));

    public RootFsBuilder Symlink(string path, string target) => Put(path, FileEntry.Symlink(target));

    public RootFsBuilder HardLink(string path, string target, UnixFileMode mode = Mode0755) =>
        Put(path, new FileEntry { Type = EntryType.HardLink, Mode = mode, LinkTarget = target });

    /// <summary>The sum of <see cref="FileEntry.Size"/> over non-directories, as <c>Image.LayerSize</c> counts.</summary>
    public long Size => _entries.Values.Where(e => !e.IsDirectory).Sum(e => e.Size);

    /// <summary>Adds a synthetic file that brings <see cref="Size"/> up to <paramref name="target"/> (when below it).</summary>
    public RootFsBuilder PadTo(string path, long target, UnixFileMode mode = Mode0644)
    {
        long missing = target - Size;
        return missing > 0 ? Synthetic(path, missing, mode) : this;
    }

    public bool Contains(string path) => _entries.ContainsKey(path);

    public Layer Build() => Layer.Create(_entries);

    private RootFsBuilder Put(string path, FileEntry entry)
    {
        Parents(path);
        _entries[path] = entry with { ModifiedAt = modifiedAt };
        return this;
    }

    private void Parents(string path)
    {
        for (var parent = FsPath.Parent(path); parent != FsPath.Root; parent = FsPath.Parent(parent))
        {
            if (!_entries.ContainsKey(parent))
            {
                _entries[parent] = FileEntry.Directory() with { ModifiedAt = modifiedAt };
            }
        }
    }

    private ulong Seed(string path)
    {
        ulong hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(seedName + ":" + path))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
