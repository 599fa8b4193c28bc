namespace Simulator.Testing.Rendering;

/// <summary>The columns a <see cref="FileTreeRenderer"/> line shows before the path. Combine with <c>|</c>.</summary>
[Flags]
public enum TreeColumns
{
    /// <summary>Only paths (and symlink targets, which are part of the path column).</summary>
    None = 0,

    /// <summary>Type and permission bits as <c>ls -l</c> prints them: <c>drwxr-xr-x</c>, <c>-rw-r--r--</c>, <c>lrwxrwxrwx</c>, <c>h</c> for a hard link.</summary>
    Mode = 1,

    /// <summary>Numeric owner, <c>uid:gid</c>.</summary>
    Owner = 2,

    /// <summary>Size in bytes of regular files (<c>-</c> for other types).</summary>
    Size = 4,

    /// <summary>For regular files: the quoted text of a small one-line text file, else a short content hash
    /// (<c>sha256:</c> and 12 hex digits) followed, for a small text file, by its quoted first line.</summary>
    Content = 8,

    /// <summary>Modification time, UTC, <c>yyyy-MM-ddTHH:mm:ssZ</c> (off by default: times follow the clock).</summary>
    ModifiedTime = 16,

    /// <summary>Mode, owner, size and content: everything but times.</summary>
    Default = Mode | Owner | Size | Content,

    /// <summary>Every column.</summary>
    All = Default | ModifiedTime,
}
