namespace Simulator.FileSystem.Internal;

/// <summary>
/// An upper-layer file: a mutable holder of an immutable <see cref="FileEntry"/>, shared by every name
/// that hard-links it (so metadata and content changes show through all of them). Guarded by its
/// <see cref="UnionState.Gate"/>.
/// </summary>
internal sealed class Inode(FileEntry entry)
{
    public FileEntry Entry { get; set; } = entry;
}
