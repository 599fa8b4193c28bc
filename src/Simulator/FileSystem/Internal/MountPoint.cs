namespace Simulator.FileSystem.Internal;

/// <summary>A tree mounted at a destination of a view: the entry at <paramref name="SourcePath"/> of <paramref name="Source"/> (its root by default; a subdirectory or a file for a bind mount).</summary>
internal sealed record MountPoint(string Destination, UnionFileSystem Source, bool ReadOnly, string SourcePath = FsPath.Root)
{
    /// <summary>The mounted entry (under the source's lock), <see langword="null"/> when it no longer exists; and whether its lower children are visible.</summary>
    public FileEntry? RootEntry(out bool lowerVisible)
    {
        var fs = Source.State;
        if (SourcePath == FsPath.Root)
        {
            lowerVisible = fs.RootLowerVisible;
            return fs.RootEntry;
        }

        return fs.LookupPath(SourcePath, out lowerVisible);
    }
}
