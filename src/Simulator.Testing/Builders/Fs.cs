using Simulator.FileSystem;

namespace Simulator.Testing.Builders;

/// <summary>
/// Makes <see cref="FsChange"/> steps, as containerd's <c>fstest.CreateFile</c>, <c>CreateDir</c>, <c>Symlink</c>, <c>Link</c>,
/// <c>RemoveAll</c>, <c>Chmod</c>, <c>Chown</c>, <c>Rename</c>, <c>Chtimes</c>:
/// <code>
/// FsChange[] changes =
/// [
///     Fs.Dir("/etc/app", mode: (UnixFileMode)0b111_101_000),
///     Fs.File("/etc/app/app.conf", "port=80\n"),
///     Fs.Symlink("/etc/app/app.conf", "/etc/app.conf"),
///     Fs.Remove("/etc/motd"),
///     Fs.Chown("/etc/app", 1000, 1000),
/// ];
/// </code>
/// Paths are absolute Unix paths. Steps are validated only when applied (the tree decides what is an error).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class Fs
{
    /// <summary>Creates or replaces a regular file with UTF-8 text, creating missing parent directories (mode <c>0755</c>, root), as <c>install -D</c>.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="text">The content.</param>
    /// <param name="mode">Permission bits; <c>0644</c> for a new file when <see langword="null"/>, an existing file's kept.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A path is not absolute (does not start with <c>/</c>).</exception>
    public static FsChange File(string path, string text, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return File(path, FileContent.FromString(text), mode);
    }

    /// <summary>Creates or replaces a regular file with the given content (real or synthetic), creating missing parents.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="content">The content.</param>
    /// <param name="mode">Permission bits; <c>0644</c> for a new file when <see langword="null"/>.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="content"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A path is not absolute (does not start with <c>/</c>).</exception>
    public static FsChange File(string path, FileContent content, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireAbsolute(path);
        ArgumentNullException.ThrowIfNull(content);
        return new FsChange.FileStep(path, content, mode);
    }

    /// <summary>Creates a directory and its missing parents, as <c>mkdir -p</c>; an existing directory gets <paramref name="mode"/> if given.</summary>
    /// <param name="path">The directory's path.</param>
    /// <param name="mode">Permission bits; <c>0755</c> when <see langword="null"/>.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A path is not absolute (does not start with <c>/</c>).</exception>
    public static FsChange Dir(string path, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireAbsolute(path);
        return new FsChange.DirStep(path, mode);
    }

    /// <summary>Creates a symbolic link at <paramref name="path"/> pointing at <paramref name="target"/>, as <c>ln -s target path</c>; missing parents are created.</summary>
    /// <param name="target">The link's target, absolute or relative, stored as given.</param>
    /// <param name="path">The link's path.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A path is not absolute (does not start with <c>/</c>).</exception>
    public static FsChange Symlink(string target, string path)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(path);
        RequireAbsolute(path);
        return new FsChange.SymlinkStep(target, path);
    }

    /// <summary>Creates a hard link, as <c>ln existing path</c>.</summary>
    /// <param name="existing">The existing file.</param>
    /// <param name="path">The new name.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A path is not absolute (does not start with <c>/</c>).</exception>
    public static FsChange Link(string existing, string path)
    {
        ArgumentNullException.ThrowIfNull(existing);
        RequireAbsolute(existing);
        ArgumentNullException.ThrowIfNull(path);
        RequireAbsolute(path);
        return new FsChange.LinkStep(existing, path);
    }

    /// <summary>Removes a file, link or directory tree, as <c>rm -r</c> (a missing path fails with <see cref="Errno.ENOENT"/>).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A path is not absolute (does not start with <c>/</c>).</exception>
    public static FsChange Remove(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireAbsolute(path);
        return new FsChange.RemoveStep(path);
    }

    /// <summary>Changes permission bits, as <c>chmod</c> (follows a symlink).</summary>
    /// <param name="path">The path.</param>
    /// <param name="mode">The new bits (<c>07777</c> at most).</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A path is not absolute (does not start with <c>/</c>).</exception>
    public static FsChange Chmod(string path, UnixFileMode mode)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireAbsolute(path);
        return new FsChange.ChmodStep(path, mode);
    }

    /// <summary>Changes the numeric owner, as <c>chown uid:gid</c>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="uid">The user ID.</param>
    /// <param name="gid">The group ID.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A path is not absolute (does not start with <c>/</c>).</exception>
    public static FsChange Chown(string path, int uid, int gid)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireAbsolute(path);
        return new FsChange.ChownStep(path, uid, gid);
    }

    /// <summary>Renames, as <c>rename(2)</c> (renaming a directory of a lower layer fails with <see cref="Errno.EXDEV"/>, as overlayfs without redirect_dir).</summary>
    /// <param name="oldPath">The current path.</param>
    /// <param name="newPath">The new path.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A path is not absolute (does not start with <c>/</c>).</exception>
    public static FsChange Rename(string oldPath, string newPath)
    {
        ArgumentNullException.ThrowIfNull(oldPath);
        RequireAbsolute(oldPath);
        ArgumentNullException.ThrowIfNull(newPath);
        RequireAbsolute(newPath);
        return new FsChange.RenameStep(oldPath, newPath);
    }

    /// <summary>Sets a path's modification time, creating an empty file if it is missing, as <c>touch</c>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="time">The time; the tree's clock's now when <see langword="null"/>.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A path is not absolute (does not start with <c>/</c>).</exception>
    public static FsChange Touch(string path, DateTimeOffset? time = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireAbsolute(path);
        return new FsChange.TouchStep(path, time);
    }

    /// <summary>The error text for a path a step cannot take, or <see langword="null"/> when it is absolute.</summary>
    internal static string? PathError(string path) =>
        path.StartsWith('/') ? null : $"path {Rendering.TextFormat.Quote(path)} must be absolute";

    private static void RequireAbsolute(string path, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(path))] string? name = null)
    {
        if (PathError(path) is { } error)
        {
            throw new ArgumentException(error, name);
        }
    }
}
