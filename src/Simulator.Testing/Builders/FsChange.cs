using System.Globalization;
using Simulator.FileSystem;
using Simulator.Testing.Rendering;

namespace Simulator.Testing.Builders;

/// <summary>
/// One step of a filesystem change script, after containerd's <c>continuity/fs/fstest</c> appliers: create a file,
/// directory, symlink or hard link, remove, chmod, chown, rename, touch. Make steps with <see cref="Fs"/> or parse
/// them with <see cref="FsScript.Parse"/>; apply them to a container's root, a volume or a new layer
/// (<see cref="TestLayers.FromChanges(FileSystem.LayerStack, IEnumerable{FsChange})"/>, <see cref="FsChangeExtensions"/>).
/// </summary>
/// <remarks>
/// Each step is one or a few calls on the <see cref="UnionFileSystem"/> it is applied to, as root, so it obeys the
/// union's rules (copy-up, whiteouts, opaque directories) and fails with its errno (<see cref="FileSystemException"/>).
/// <see cref="ToString"/> gives the step's script line, which <see cref="FsScript.Parse"/> reads back. Immutable and thread-safe.
/// </remarks>
public abstract class FsChange
{
    private protected FsChange()
    {
    }

    /// <summary>Applies the step.</summary>
    /// <param name="fileSystem">The tree to change.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fileSystem"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As the union's operation, e.g. <see cref="Errno.ENOENT"/> removing a missing path,
    /// <see cref="Errno.EXDEV"/> renaming a lower directory, <see cref="Errno.EROFS"/> on a read-only view.</exception>
    public void Apply(UnionFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ApplyCore(fileSystem);
    }

    /// <summary>The step as a line of <see cref="FsScript"/>, e.g. <c>file /etc/app.conf 0644 "port=80\n"</c>.</summary>
    /// <returns>The line, without a line end.</returns>
    public abstract override string ToString();

    private protected abstract void ApplyCore(UnionFileSystem fs);

    internal static string Mode(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');

    internal static void EnsureParents(UnionFileSystem fs, string path)
    {
        var parent = FsPath.Parent(FsPath.Clean(path));
        if (!fs.Exists(parent))
        {
            fs.CreateDirectories(parent);
        }
    }

    internal sealed class FileStep(string path, FileContent content, UnixFileMode? mode) : FsChange
    {
        public override string ToString()
        {
            var text = content.Length == 0 ? "" : " " + TextFormat.Quote(System.Text.Encoding.UTF8.GetString(content.ReadAllBytes().Span));
            return "file " + FsScript.Word(path) + (mode is { } m ? " " + Mode(m) : "") + text;
        }

        private protected override void ApplyCore(UnionFileSystem fs)
        {
            EnsureParents(fs, path);
            fs.WriteContent(path, content, mode);
            if (mode is { } m)
            {
                fs.Chmod(path, m);
            }
        }
    }

    internal sealed class DirStep(string path, UnixFileMode? mode) : FsChange
    {
        public override string ToString() => "mkdir " + FsScript.Word(path) + (mode is { } m ? " " + Mode(m) : "");

        private protected override void ApplyCore(UnionFileSystem fs)
        {
            fs.CreateDirectories(path, mode);
            if (mode is { } m)
            {
                fs.Chmod(path, m);
            }
        }
    }

    internal sealed class SymlinkStep(string target, string path) : FsChange
    {
        public override string ToString() => "ln -s " + FsScript.Word(target) + " " + FsScript.Word(path);

        private protected override void ApplyCore(UnionFileSystem fs)
        {
            EnsureParents(fs, path);
            fs.CreateSymlink(target, path);
        }
    }

    internal sealed class LinkStep(string existing, string path) : FsChange
    {
        public override string ToString() => "ln " + FsScript.Word(existing) + " " + FsScript.Word(path);

        private protected override void ApplyCore(UnionFileSystem fs) => fs.Link(existing, path);
    }

    internal sealed class RemoveStep(string path) : FsChange
    {
        public override string ToString() => "rm " + FsScript.Word(path);

        private protected override void ApplyCore(UnionFileSystem fs) => RemoveAll(fs, path);

        private static void RemoveAll(UnionFileSystem fs, string path)
        {
            if (fs.LStat(path).IsDirectory)
            {
                foreach (var name in fs.ReadDirectory(path))
                {
                    RemoveAll(fs, FsPath.Combine(path, name));
                }

                fs.RemoveDirectory(path);
            }
            else
            {
                fs.Unlink(path);
            }
        }
    }

    internal sealed class ChmodStep(string path, UnixFileMode mode) : FsChange
    {
        public override string ToString() => "chmod " + Mode(mode) + " " + FsScript.Word(path);

        private protected override void ApplyCore(UnionFileSystem fs) => fs.Chmod(path, mode);
    }

    internal sealed class ChownStep(string path, int uid, int gid) : FsChange
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"chown {uid}:{gid} {FsScript.Word(path)}");

        private protected override void ApplyCore(UnionFileSystem fs) => fs.Chown(path, uid, gid);
    }

    internal sealed class RenameStep(string oldPath, string newPath) : FsChange
    {
        public override string ToString() => "mv " + FsScript.Word(oldPath) + " " + FsScript.Word(newPath);

        private protected override void ApplyCore(UnionFileSystem fs) => fs.Rename(oldPath, newPath);
    }

    internal sealed class TouchStep(string path, DateTimeOffset? time) : FsChange
    {
        public override string ToString() =>
            "touch " + FsScript.Word(path) + (time is { } t ? " " + t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "");

        private protected override void ApplyCore(UnionFileSystem fs)
        {
            if (!fs.Exists(path))
            {
                EnsureParents(fs, path);
                fs.WriteContent(path, FileContent.Empty);
            }

            fs.SetModifiedTime(path, time);
        }
    }
}
