namespace Simulator.FileSystem.Internal;

/// <summary>
/// An upper-layer file: a mutable holder of an immutable <see cref="FileEntry"/>, shared by every name
/// that hard-links it (so metadata and content changes show through all of them). Guarded by its
/// <see cref="UnionState.Gate"/>; setting <see cref="Entry"/> counts as a change of <paramref name="owner"/>.
/// </summary>
internal sealed class Inode(UnionState owner, FileEntry entry)
{
    public FileEntry Entry
    {
        get;
        set
        {
            field = value;
            owner.Changed();
        }
    } = entry;
}
