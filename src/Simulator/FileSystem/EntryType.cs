namespace Simulator.FileSystem;

/// <summary>The type of a filesystem entry, as a tar header's typeflag names it (OCI layer.md).</summary>
public enum EntryType
{
    /// <summary>A regular file (tar <c>0</c>).</summary>
    RegularFile,

    /// <summary>A directory (tar <c>5</c>).</summary>
    Directory,

    /// <summary>A symbolic link (tar <c>2</c>); its target is <see cref="FileEntry.LinkTarget"/>.</summary>
    Symlink,

    /// <summary>
    /// A hard link (tar <c>1</c>), only inside a layer: another name for the entry at
    /// <see cref="FileEntry.LinkTarget"/> (an absolute path in the same layer or below).
    /// </summary>
    HardLink,
}
