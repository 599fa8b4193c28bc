namespace Simulator.FileSystem;

/// <summary>
/// Flags of <see cref="UnionFileSystem.Open"/>, as <c>open(2)</c> takes them; values are Linux x86-64's.
/// </summary>
/// <remarks>
/// The access mode is the low two bits: <see cref="ReadOnly"/> (0), <see cref="WriteOnly"/> or
/// <see cref="ReadWrite"/>. Combine it with the other flags, e.g.
/// <c>OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate</c>.
/// </remarks>
[Flags]
public enum OpenFlags
{
    /// <summary><c>O_RDONLY</c>: open for reading only.</summary>
    ReadOnly = 0,

    /// <summary><c>O_WRONLY</c>: open for writing only.</summary>
    WriteOnly = 0x1,

    /// <summary><c>O_RDWR</c>: open for reading and writing.</summary>
    ReadWrite = 0x2,

    /// <summary><c>O_CREAT</c>: create the file if it does not exist (following a dangling final symlink, as Linux).</summary>
    Create = 0x40,

    /// <summary><c>O_EXCL</c>: with <see cref="Create"/>, fail with <see cref="Errno.EEXIST"/> if the name exists (even as a dangling symlink).</summary>
    Exclusive = 0x80,

    /// <summary><c>O_TRUNC</c>: truncate an existing regular file to 0 (Linux does so even with <see cref="ReadOnly"/>); needs write permission.</summary>
    Truncate = 0x200,

    /// <summary><c>O_APPEND</c>: every write goes to the end of the file.</summary>
    Append = 0x400,

    /// <summary><c>O_DIRECTORY</c>: fail with <see cref="Errno.ENOTDIR"/> unless the path is a directory.</summary>
    Directory = 0x10000,

    /// <summary><c>O_NOFOLLOW</c>: fail with <see cref="Errno.ELOOP"/> if the final component is a symlink.</summary>
    NoFollow = 0x20000,
}
