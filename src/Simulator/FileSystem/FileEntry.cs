namespace Simulator.FileSystem;

/// <summary>
/// One filesystem entry's type and metadata: what a tar header of a layer records, and what
/// <c>stat</c> reports in a union view.
/// </summary>
/// <remarks>
/// Immutable (a <see langword="record"/>: change with <see langword="with"/>). Mode holds the permission
/// bits only (the 12 bits of <see cref="UnixFileMode"/>: rwx for user, group, other, plus setuid,
/// setgid and sticky); the type is <see cref="Type"/>. Times are UTC; tar stores whole seconds.
/// </remarks>
public sealed partial record FileEntry
{
    /// <summary>The entry's type.</summary>
    public required EntryType Type { get; init; }

    /// <summary>Permission bits, e.g. <c>0755</c> as <see cref="UnixFileMode"/>.</summary>
    public UnixFileMode Mode { get; init; }

    /// <summary>Owner user ID; 0 is root.</summary>
    public int Uid { get; init; }

    /// <summary>Owner group ID; 0 is root.</summary>
    public int Gid { get; init; }

    /// <summary>Last modification time (mtime), UTC.</summary>
    public DateTimeOffset ModifiedAt { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>A regular file's content; <see cref="FileContent.Empty"/> for other types.</summary>
    public FileContent Content { get; init; } = FileContent.Empty;

    /// <summary>
    /// A symlink's target as written (relative or absolute, not resolved), or a hard link's target
    /// (an absolute path); <see langword="null"/> for other types.
    /// </summary>
    public string? LinkTarget { get; init; }

    /// <summary>
    /// Size in bytes as <c>stat</c> and <c>docker diff</c> see it: the content length of a regular file,
    /// the target's length for a symlink, 0 for directories and hard links.
    /// </summary>
    public long Size => Type switch
    {
        EntryType.RegularFile => Content.Length,
        EntryType.Symlink => System.Text.Encoding.UTF8.GetByteCount(LinkTarget ?? ""),
        _ => 0,
    };

    /// <summary>Whether this is a directory.</summary>
    public bool IsDirectory => Type == EntryType.Directory;

    /// <summary>A directory with the given mode (default <c>0755</c>), owned by root.</summary>
    /// <param name="mode">Permission bits; <c>0755</c> when <see langword="null"/>.</param>
    /// <returns>The entry.</returns>
    public static FileEntry Directory(UnixFileMode? mode = null) =>
        new() { Type = EntryType.Directory, Mode = mode ?? DefaultDirectoryMode };

    /// <summary>A regular file with the given content and mode (default <c>0644</c>), owned by root.</summary>
    /// <param name="content">The content.</param>
    /// <param name="mode">Permission bits; <c>0644</c> when <see langword="null"/>.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is <see langword="null"/>.</exception>
    public static FileEntry File(FileContent content, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new() { Type = EntryType.RegularFile, Mode = mode ?? DefaultFileMode, Content = content };
    }

    /// <summary>A regular file holding the UTF-8 text, mode <c>0644</c> unless given.</summary>
    /// <param name="text">The text.</param>
    /// <param name="mode">Permission bits; <c>0644</c> when <see langword="null"/>.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static FileEntry File(string text, UnixFileMode? mode = null) => File(FileContent.FromString(text), mode);

    /// <summary>A symbolic link to <paramref name="target"/>, mode <c>0777</c> as Linux gives symlinks.</summary>
    /// <param name="target">The target as written.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentException"><paramref name="target"/> is null or empty.</exception>
    public static FileEntry Symlink(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        return new() { Type = EntryType.Symlink, Mode = SymlinkMode, LinkTarget = target };
    }

    /// <summary>A hard link to the entry at <paramref name="target"/> (an absolute path in the same layer or below), as a layer records it.</summary>
    /// <param name="target">The linked entry's path; cleaned to an absolute path.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentException"><paramref name="target"/> is null or empty.</exception>
    public static FileEntry HardLink(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        return new() { Type = EntryType.HardLink, LinkTarget = FsPath.Clean(target) };
    }

    /// <summary>The default directory mode, <c>0755</c>.</summary>
    public const UnixFileMode DefaultDirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>The default file mode, <c>0644</c>.</summary>
    public const UnixFileMode DefaultFileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The mode Linux gives symlinks, <c>0777</c>.</summary>
    public const UnixFileMode SymlinkMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
}
