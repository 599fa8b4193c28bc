// The adapter implements the Unix-only members (UnixFileMode) on every OS; the analyzer only sees the interface.
#pragma warning disable CA1416

using System.IO.Abstractions;
using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>Adapter behaviour the conformance runs cannot compare against the real disk (process-wide state, unsupported parts).</summary>
public sealed class AdapterBehaviourTests
{
    private static UnionFileSystemAdapter NewFs()
    {
        var fs = UnionFileSystem.CreateEmpty().AsFileSystem();
        fs.Directory.CreateDirectory("/home/user/docs");
        fs.File.WriteAllText("/home/user/docs/a.txt", "a");
        return fs;
    }

    [Fact]
    public void Current_directory_is_per_adapter_and_resolves_relative_paths()
    {
        var fs = NewFs();
        Assert.Equal("/", fs.Directory.GetCurrentDirectory());
        fs.Directory.SetCurrentDirectory("/home/user/");
        Assert.Equal("/home/user", fs.Directory.GetCurrentDirectory());
        Assert.Equal("/home/user", fs.CurrentDirectory);
        Assert.Equal("a", fs.File.ReadAllText("docs/a.txt"));
        Assert.Equal("/home/user/docs/a.txt", fs.Path.GetFullPath("docs/./x/../a.txt"));
        Assert.Equal("/home/x", fs.Path.GetFullPath("../x"));
        Assert.Equal(["docs/a.txt"], fs.Directory.GetFiles("docs"));
        fs.File.WriteAllText("new.txt", "n");
        Assert.True(fs.Union.Exists("/home/user/new.txt"));
        Assert.Equal("/home/user/new.txt", fs.FileInfo.New("new.txt").FullName);

        var e = Assert.Throws<DirectoryNotFoundException>(() => fs.Directory.SetCurrentDirectory("/missing"));
        Assert.Equal("Could not find a part of the path '/missing'.", e.Message);
        Assert.Equal("/", fs.Union.AsFileSystem().Directory.GetCurrentDirectory());
        Assert.Equal("/home", fs.Union.AsFileSystem("/home").CurrentDirectory);
        Assert.Throws<ArgumentException>(() => fs.Union.AsFileSystem("relative"));
    }

    [Fact]
    public void Path_is_unix_on_every_os()
    {
        var path = NewFs().Path;
        Assert.Equal('/', path.DirectorySeparatorChar);
        Assert.Equal('/', path.AltDirectorySeparatorChar);
        Assert.Equal(':', path.PathSeparator);
        Assert.Equal("/tmp/", path.GetTempPath());
        Assert.Equal("/a/b/c.txt", path.Combine("/a", "b", "c.txt"));
        Assert.Equal("/c", path.Combine("/a", "/c"));
        Assert.Equal("/a/b", path.GetDirectoryName("/a/b/c.txt"));
        Assert.Equal("c.txt", path.GetFileName("/a/b/c.txt"));
        Assert.Equal(".txt", path.GetExtension("/a/b/c.txt"));
        Assert.Equal("a\\b", path.GetFileName("a\\b"));
        Assert.True(path.IsPathRooted("/x"));
        Assert.False(path.IsPathRooted("C:\\x"));
        Assert.Equal("/", path.GetPathRoot("/a/b"));
    }

    [Fact]
    public void Temp_files_and_directories_are_created_under_tmp()
    {
        var fs = NewFs();
#pragma warning disable CS0618 // GetTempFileName is obsolete but part of IPath.
        var file = fs.Path.GetTempFileName();
#pragma warning restore CS0618
        Assert.StartsWith("/tmp/tmp", file, StringComparison.Ordinal);
        Assert.EndsWith(".tmp", file, StringComparison.Ordinal);
        Assert.Equal(0, fs.FileInfo.New(file).Length);
        var dir = fs.Directory.CreateTempSubdirectory("build-");
        Assert.StartsWith("/tmp/build-", dir.FullName, StringComparison.Ordinal);
        Assert.True(dir.Exists);
    }

    [Fact]
    public void Info_unix_file_mode_follows_System_IO()
    {
        // Checked against System.IO on Linux (TestableIO's wrappers do not forward UnixFileMode, so the
        // conformance run cannot compare it): a FileInfo on a directory reports the directory's mode, a dangling
        // link and a missing path report -1.
        var fs = NewFs();
        fs.File.CreateSymbolicLink("/dangling", "nope");
        fs.File.CreateSymbolicLink("/link", "/home/user/docs/a.txt");
        Assert.Equal(FileEntry.DefaultDirectoryMode, fs.FileInfo.New("/home").UnixFileMode);
        Assert.Equal(FileEntry.DefaultFileMode, fs.DirectoryInfo.New("/home/user/docs/a.txt").UnixFileMode);
        Assert.Equal((UnixFileMode)(-1), fs.FileInfo.New("/dangling").UnixFileMode);
        Assert.Equal(FileEntry.DefaultFileMode, fs.FileInfo.New("/link").UnixFileMode);
        Assert.Equal((UnixFileMode)(-1), fs.DirectoryInfo.New("/missing").UnixFileMode);

        var info = fs.FileInfo.New("/home/user/docs/a.txt");
        info.UnixFileMode = UnixFileMode.UserRead;
        Assert.Equal(UnixFileMode.UserRead, info.UnixFileMode);
        Assert.True(info.IsReadOnly);
        Assert.Throws<FileNotFoundException>(() => fs.FileInfo.New("/missing").UnixFileMode = UnixFileMode.UserRead);
    }

    [Fact]
    public void Root_directory_info()
    {
        var root = NewFs().DirectoryInfo.New("/");
        Assert.Equal("/", root.Name);
        Assert.Equal("/", root.FullName);
        Assert.Null(root.Parent);
        Assert.Equal("/", root.Root.FullName);
        Assert.True(root.Exists);
    }

    [Fact]
    public void Unsupported_parts_throw_NotSupportedException()
    {
        var fs = NewFs();
        Assert.Throws<NotSupportedException>(() => fs.DriveInfo.GetDrives());
        Assert.Throws<NotSupportedException>(() => fs.FileSystemWatcher.New("/"));
        Assert.Throws<NotSupportedException>(() => fs.FileVersionInfo.GetVersionInfo("/x"));
        Assert.Throws<NotSupportedException>(() => fs.File.OpenHandle("/home/user/docs/a.txt"));
        Assert.Throws<NotSupportedException>(() => fs.RandomAccess.GetLength(null!));
        Assert.Throws<NotSupportedException>(() => fs.FileInfo.Wrap(new FileInfo("/tmp")));
        Assert.Same(fs, fs.File.FileSystem);
        Assert.Same(fs, fs.Directory.FileSystem);
        Assert.Same(fs, fs.Path.FileSystem);
        Assert.Same(fs, fs.FileInfo.New("/x").FileSystem);
    }

    [Fact]
    public void Sharing_is_shared_between_adapters_over_the_same_view()
    {
        var union = UnionFileSystem.CreateEmpty();
        union.WriteAllText("/f", "x");
        var a = union.AsFileSystem();
        var b = union.AsFileSystem();
        using (a.File.Open("/f", FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var e = Assert.Throws<IOException>(() => b.File.OpenRead("/f"));
            Assert.Equal("The process cannot access the file '/f' because it is being used by another process.", e.Message);
        }

        using var again = b.File.OpenRead("/f");
    }

    [Fact]
    public void Concurrent_writers_through_one_adapter()
    {
        var fs = UnionFileSystem.CreateEmpty().AsFileSystem();
        fs.Directory.CreateDirectory("/out");
        Parallel.For(0, 2_000, i => fs.File.WriteAllText($"/out/{i}.txt", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2_000, fs.Directory.GetFiles("/out", "*.txt").Length);
        Assert.Equal("1234", fs.File.ReadAllText("/out/1234.txt"));
    }

    [Fact]
    public void IFileSystem_consumers_accept_the_adapter()
    {
        IFileSystem fs = NewFs();
        Assert.Equal(["/home/user/docs/a.txt"], fs.Directory.EnumerateFiles("/", "*.txt", SearchOption.AllDirectories));
    }
}
