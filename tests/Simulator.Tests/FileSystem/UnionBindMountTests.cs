using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>
/// Bind mounts of a subtree or a single file of another tree (<c>mount --bind</c> semantics, mount(2) and
/// Documentation/filesystems/sharedsubtree.rst): the same entries seen from two places, EBUSY on the mount point, EXDEV
/// across, nesting inside other mounts.
/// </summary>
public sealed class UnionBindMountTests
{
    private static (UnionFileSystem Host, UnionFileSystem Container) HostAndContainer()
    {
        var host = UnionFileSystem.CreateEmpty();
        host.CreateDirectories("/srv/site/css");
        host.WriteAllText("/srv/site/index.html", "v1");
        host.CreateDirectories("/etc/nginx");
        host.WriteAllText("/etc/nginx/nginx.conf", "worker_processes 1;");
        var image = LayerStack.Create([Layer.Create(
        [
            KeyValuePair.Create("/etc/nginx/nginx.conf", FileEntry.File("from image")),
            KeyValuePair.Create("/usr/share/html/old.html", FileEntry.File("image")),
        ])]);
        return (host, UnionFileSystem.CreateWritable(image));
    }

    [Fact]
    public void A_subtree_bind_shows_the_same_entries_both_ways_at_once()
    {
        var (host, c) = HostAndContainer();
        c.Mount("/usr/share/html", host, "/srv/site");
        Assert.Equal(["css", "index.html"], c.ReadDirectory("/usr/share/html"));
        host.WriteAllText("/srv/site/index.html", "v2");
        Assert.Equal("v2", c.ReadAllText("/usr/share/html/index.html"));
        c.WriteAllText("/usr/share/html/css/a.css", "body{}");
        Assert.Equal("body{}", host.ReadAllText("/srv/site/css/a.css"));
        c.Unlink("/usr/share/html/index.html");
        Assert.False(host.Exists("/srv/site/index.html"));
        Assert.Empty(c.GetChanges());

        // The mount point is busy; renames out of the mount cross devices (mount(2), rename(2)).
        Assert.Equal(Errno.EBUSY, Assert.Throws<FileSystemException>(() => c.RemoveDirectory("/usr/share/html")).Errno);
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => c.Rename("/usr/share/html/css/a.css", "/a.css")).Errno);
        Assert.Equal("body{}", host.ReadAllText("/srv/site/css/a.css"));
    }

    [Fact]
    public void A_file_bind_shadows_one_file_and_writes_reach_the_host()
    {
        var (host, c) = HostAndContainer();
        c.Mount("/etc/nginx/nginx.conf", host, "/etc/nginx/nginx.conf");
        Assert.Equal("worker_processes 1;", c.ReadAllText("/etc/nginx/nginx.conf"));
        host.WriteAllText("/etc/nginx/nginx.conf", "worker_processes 4;");
        Assert.Equal("worker_processes 4;", c.ReadAllText("/etc/nginx/nginx.conf"));
        c.Append("/etc/nginx/nginx.conf", "\n# edited"u8);
        Assert.Equal("worker_processes 4;\n# edited", host.ReadAllText("/etc/nginx/nginx.conf"));
        Assert.Empty(c.GetChanges());

        // unlink/rename of a mount point: EBUSY; a file is no directory (ENOTDIR), as on Linux.
        Assert.Equal(Errno.EBUSY, Assert.Throws<FileSystemException>(() => c.Unlink("/etc/nginx/nginx.conf")).Errno);
        Assert.Equal(Errno.EBUSY, Assert.Throws<FileSystemException>(() => c.Rename("/etc/nginx/nginx.conf", "/etc/nginx/x")).Errno);
        Assert.Equal(Errno.ENOTDIR, Assert.Throws<FileSystemException>(() => c.Stat("/etc/nginx/nginx.conf/x")).Errno);
        Assert.True(host.Exists("/etc/nginx/nginx.conf"));

        Assert.True(c.Unmount("/etc/nginx/nginx.conf"));
        Assert.Equal("from image", c.ReadAllText("/etc/nginx/nginx.conf"));
    }

    [Fact]
    public void A_read_only_file_bind_gives_erofs_and_leaves_the_host_file()
    {
        var (host, c) = HostAndContainer();
        c.Mount("/etc/nginx/nginx.conf", host, "/etc/nginx/nginx.conf", readOnly: true);
        Assert.Equal(Errno.EROFS, Assert.Throws<FileSystemException>(() => c.WriteAllText("/etc/nginx/nginx.conf", "x")).Errno);
        Assert.Equal(Errno.EROFS, Assert.Throws<FileSystemException>(() => c.Chmod("/etc/nginx/nginx.conf", (UnixFileMode)0x1FF)).Errno);
        Assert.Equal("worker_processes 1;", host.ReadAllText("/etc/nginx/nginx.conf"));
    }

    [Fact]
    public void Binds_nest_in_volumes_and_in_each_other_and_the_host_root_binds()
    {
        var (host, c) = HostAndContainer();
        var volume = UnionFileSystem.CreateEmpty();
        c.CreateDirectory("/data");
        c.Mount("/data", volume);
        c.CreateDirectory("/data/site"); // the runtime creates the mount point inside the volume
        c.Mount("/data/site", host, "/srv/site");
        c.WriteAllText("/data/db", "rows");
        c.WriteAllText("/data/site/new.html", "n");
        Assert.Equal("rows", volume.ReadAllText("/db"));
        Assert.Equal("n", host.ReadAllText("/srv/site/new.html"));
        Assert.Empty(volume.ReadDirectory("/site")); // the volume only holds the mount point
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => c.Rename("/data/db", "/data/site/db")).Errno);

        // The host root, and a directory inside it bound again elsewhere.
        c.CreateDirectory("/host");
        c.Mount("/host", host, "/");
        c.CreateDirectory("/css");
        c.Mount("/css", host, "/srv/site/css");
        c.WriteAllText("/css/x.css", "x");
        Assert.Equal("x", c.ReadAllText("/host/srv/site/css/x.css"));
        Assert.Equal("x", host.ReadAllText("/srv/site/css/x.css"));
        Assert.Equal(["/css", "/data", "/data/site", "/host"], c.MountPoints);
    }

    [Fact]
    public void The_source_is_resolved_through_symlinks_when_mounted_and_must_exist()
    {
        var (host, c) = HostAndContainer();
        host.CreateSymlink("/srv/site", "/current");
        c.CreateDirectory("/www");
        c.Mount("/www", host, "/current");
        Assert.Equal("v1", c.ReadAllText("/www/index.html"));

        Assert.Equal(Errno.ENOENT, Assert.Throws<FileSystemException>(() => c.Mount("/nope", host, "/missing")).Errno);
        Assert.Equal(Errno.ENOTDIR, Assert.Throws<FileSystemException>(() => c.Mount("/nope", host, "/srv/site/index.html/x")).Errno);
        Assert.Equal(["/www"], c.MountPoints);
        Assert.Throws<ArgumentException>(() => c.Mount("/self", c, "/"));
    }

    [Fact]
    public void A_removed_source_leaves_an_empty_mount_point()
    {
        var (host, c) = HostAndContainer();
        c.CreateDirectory("/www");
        c.Mount("/www", host, "/srv/site/css");
        host.RemoveDirectory("/srv/site/css");
        Assert.Equal(Errno.ENOENT, Assert.Throws<FileSystemException>(() => c.ReadAllText("/www/a.css")).Errno);
        Assert.Contains("www", c.ReadDirectory("/"));
    }

    [Fact]
    public async Task Views_binding_parts_of_one_host_do_not_deadlock()
    {
        var (host, a) = HostAndContainer();
        var (_, b) = HostAndContainer();
        foreach (var view in new[] { a, b })
        {
            view.CreateDirectory("/p");
            view.CreateDirectory("/q");
        }

        a.Mount("/p", host, "/srv/site");
        a.Mount("/q", host, "/etc/nginx");
        b.Mount("/p", host, "/etc/nginx");
        b.Mount("/q", host, "/srv/site");
        var one = Task.Run(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                a.WriteAllText("/p/f", "a");
                _ = a.Exists("/q/nginx.conf");
            }
        }, TestContext.Current.CancellationToken);
        var two = Task.Run(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                b.WriteAllText("/q/g", "b");
                host.WriteAllText("/srv/site/h", "h");
            }
        }, TestContext.Current.CancellationToken);
        await Task.WhenAll(one, two).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        Assert.Equal("a", host.ReadAllText("/srv/site/f"));
        Assert.Equal("b", host.ReadAllText("/srv/site/g"));
    }
}
