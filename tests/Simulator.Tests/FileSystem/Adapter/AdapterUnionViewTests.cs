// The adapter implements the Unix-only members (UnixFileMode) on every OS; the analyzer only sees the interface.
#pragma warning disable CA1416

using System.IO.Abstractions;
using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem.Adapter;

/// <summary>User code written against IFileSystem, run against a container-like union view with lower layers.</summary>
public sealed class AdapterUnionViewTests
{
    private static LayerStack ImageStack()
    {
        var baseLayer = Layer.Create(new Dictionary<string, FileEntry>
        {
            ["/etc"] = FileEntry.Directory(),
            ["/etc/hostname"] = FileEntry.File("base\n"),
            ["/etc/app.conf"] = FileEntry.File("level=info\n"),
            ["/usr"] = FileEntry.Directory(),
            ["/usr/bin"] = FileEntry.Directory(),
            ["/usr/bin/tool"] = FileEntry.File("#!/bin/sh\n", (UnixFileMode)0x1ED),
            ["/var"] = FileEntry.Directory(),
            ["/var/log"] = FileEntry.Directory(),
            ["/var/log/old.log"] = FileEntry.File("old\n"),
        });
        var appLayer = Layer.Create(new Dictionary<string, FileEntry>
        {
            ["/app"] = FileEntry.Directory(),
            ["/app/data.json"] = FileEntry.File("{\"n\":1}"),
            ["/app/current"] = FileEntry.Symlink("data.json"),
        });
        return LayerStack.Create([baseLayer, appLayer]);
    }

    /// <summary>Code a user would write against IFileSystem: read config, rewrite it, log, clean up.</summary>
    private static void UserCode(IFileSystem fs)
    {
        var conf = fs.File.ReadAllText("/etc/app.conf");
        fs.File.WriteAllText("/etc/app.conf", conf.Replace("info", "debug", StringComparison.Ordinal));
        fs.File.AppendAllText("/var/log/app.log", "started\n");
        fs.File.Delete("/var/log/old.log");
        using (var stream = fs.File.Open("/app/data.json", FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Seek(0, SeekOrigin.End);
            stream.Write("\n"u8);
        }

        fs.Directory.CreateDirectory("/app/cache/objects");
        fs.File.SetUnixFileMode("/usr/bin/tool", (UnixFileMode)0x1C0);
    }

    [Fact]
    public void User_code_reads_lower_layers_and_writes_copy_up_into_the_upper()
    {
        var lower = ImageStack();
        var union = UnionFileSystem.CreateWritable(lower);
        var fs = union.AsFileSystem();

        Assert.Equal("base\n", fs.File.ReadAllText("/etc/hostname"));
        Assert.Equal("{\"n\":1}", fs.File.ReadAllText("/app/current"));
        Assert.Equal("data.json", fs.FileInfo.New("/app/current").LinkTarget);
        Assert.Equal(["/app/current", "/app/data.json"], fs.Directory.GetFiles("/app").Order(StringComparer.Ordinal));

        UserCode(fs);

        // The union view (and the adapter) see the changes ...
        Assert.Equal("level=debug\n", union.ReadAllText("/etc/app.conf"));
        Assert.Equal("started\n", fs.File.ReadAllText("/var/log/app.log"));
        Assert.False(fs.File.Exists("/var/log/old.log"));
        Assert.Equal("{\"n\":1}\n", fs.File.ReadAllText("/app/current"));
        Assert.Equal((UnixFileMode)0x1C0, union.Stat("/usr/bin/tool").Mode);
        Assert.True(fs.Directory.Exists("/app/cache/objects"));

        // ... as copy-ups, new entries and whiteouts in the upper (docker diff) ...
        var changes = union.GetChanges().Select(c => c.ToString()).ToList();
        Assert.Contains("C /etc/app.conf", changes);
        Assert.Contains("A /var/log/app.log", changes);
        Assert.Contains("D /var/log/old.log", changes);
        Assert.Contains("C /app/data.json", changes);
        Assert.Contains("C /usr/bin/tool", changes);
        Assert.Contains("A /app/cache", changes);
        Assert.DoesNotContain(changes, c => c.EndsWith("/etc/hostname", StringComparison.Ordinal));

        // ... while the image's layers are untouched.
        Assert.True(lower.TryGetEntry("/etc/app.conf", out var original));
        Assert.Equal("level=info\n", System.Text.Encoding.UTF8.GetString(original.Content.ReadAllBytes().Span));
        Assert.True(lower.Contains("/var/log/old.log"));
        Assert.Equal("level=info\n", UnionFileSystem.CreateWritable(lower).AsFileSystem().File.ReadAllText("/etc/app.conf"));
    }

    [Fact]
    public void Committed_layer_carries_the_changes_made_through_the_adapter()
    {
        var lower = ImageStack();
        var union = UnionFileSystem.CreateWritable(lower);
        UserCode(union.AsFileSystem());

        var next = UnionFileSystem.CreateWritable(lower.Push(union.CommitLayer())).AsFileSystem();
        Assert.Equal("level=debug\n", next.File.ReadAllText("/etc/app.conf"));
        Assert.False(next.File.Exists("/var/log/old.log"));
        Assert.True(next.Directory.Exists("/app/cache/objects"));
    }

    [Fact]
    public void Read_only_view_gives_IOException_with_EROFS_text()
    {
        var fs = UnionFileSystem.CreateReadOnly(ImageStack()).AsFileSystem();
        Assert.Equal("base\n", fs.File.ReadAllText("/etc/hostname"));
        var e = Assert.Throws<IOException>(() => fs.File.WriteAllText("/etc/hostname", "x"));
        Assert.Equal("Read-only file system : '/etc/hostname'", e.Message);
        Assert.Equal(30, e.HResult);
        Assert.Throws<IOException>(() => fs.Directory.CreateDirectory("/new"));
        Assert.Throws<IOException>(() => fs.File.Delete("/etc/hostname"));
    }

    [Fact]
    public void Read_only_mount_gives_EROFS_and_writable_mount_receives_writes()
    {
        var union = UnionFileSystem.CreateWritable(ImageStack());
        var volume = UnionFileSystem.CreateEmpty();
        var config = UnionFileSystem.CreateEmpty();
        config.WriteAllText("/settings", "ro");
        union.Mount("/data", volume);
        union.Mount("/config", config, readOnly: true);
        var fs = union.AsFileSystem();

        fs.File.WriteAllText("/data/out.txt", "to the volume");
        Assert.Equal("to the volume", volume.ReadAllText("/out.txt"));
        Assert.DoesNotContain(union.GetChanges(), c => c.Path.StartsWith("/data/", StringComparison.Ordinal));

        Assert.Equal("ro", fs.File.ReadAllText("/config/settings"));
        var e = Assert.Throws<IOException>(() => fs.File.AppendAllText("/config/settings", "!"));
        Assert.Equal("Read-only file system : '/config/settings'", e.Message);
    }

    [Fact]
    public void File_Move_across_mounts_copies_and_deletes_as_NET_does_on_EXDEV()
    {
        var union = UnionFileSystem.CreateWritable(ImageStack());
        var volume = UnionFileSystem.CreateEmpty();
        union.Mount("/data", volume);
        var fs = union.AsFileSystem();

        fs.File.Move("/etc/hostname", "/data/hostname");
        Assert.Equal("base\n", volume.ReadAllText("/hostname"));
        Assert.False(fs.File.Exists("/etc/hostname"));
        Assert.Contains("D /etc/hostname", union.GetChanges().Select(c => c.ToString()));

        fs.File.Move("/data/hostname", "/etc/hostname2");
        Assert.Equal("base\n", fs.File.ReadAllText("/etc/hostname2"));
        Assert.False(volume.Exists("/hostname"));
    }

    [Fact]
    public void Directory_Move_of_a_lower_directory_is_EXDEV_as_overlayfs_without_redirect_dir()
    {
        var fs = UnionFileSystem.CreateWritable(ImageStack()).AsFileSystem();
        var e = Assert.Throws<IOException>(() => fs.Directory.Move("/var/log", "/var/log2"));
        Assert.Equal("Invalid cross-device link", e.Message);
        Assert.Equal(18, e.HResult);

        fs.Directory.CreateDirectory("/new/inner");
        fs.Directory.Move("/new", "/moved");
        Assert.True(fs.Directory.Exists("/moved/inner"));
    }

    [Fact]
    public void Non_root_caller_gets_UnauthorizedAccessException()
    {
        var union = UnionFileSystem.CreateWritable(ImageStack()).WithCaller(1000, 1000);
        var fs = union.AsFileSystem();
        Assert.Equal("base\n", fs.File.ReadAllText("/etc/hostname"));
        var e = Assert.Throws<UnauthorizedAccessException>(() => fs.File.WriteAllText("/etc/hostname", "x"));
        Assert.Equal("Access to the path '/etc/hostname' is denied.", e.Message);
        Assert.Throws<UnauthorizedAccessException>(() => fs.Directory.CreateDirectory("/etc/new"));
        Assert.Throws<UnauthorizedAccessException>(() => fs.File.SetUnixFileMode("/etc/hostname", UnixFileMode.UserRead));
        Assert.Equal(FileAttributes.ReadOnly, fs.File.GetAttributes("/etc/hostname"));
    }

    [Fact]
    public void Non_root_caller_enumerating_a_private_directory()
    {
        var root = UnionFileSystem.CreateWritable(ImageStack());
        root.CreateDirectory("/private", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        root.WriteAllText("/private/secret", "s");
        root.CreateDirectory("/open");
        root.WriteAllText("/open/readme", "r");
        var fs = root.WithCaller(1000, 1000).AsFileSystem();

        var e = Assert.Throws<UnauthorizedAccessException>(() => fs.Directory.GetFiles("/private"));
        Assert.Equal("Access to the path '/private' is denied.", e.Message);
        Assert.Throws<UnauthorizedAccessException>(() => fs.File.ReadAllText("/private/secret"));
        Assert.Throws<UnauthorizedAccessException>(() => fs.Directory.GetFiles("/", "*", SearchOption.AllDirectories));
        var visible = fs.Directory.GetFiles("/", "*", new EnumerationOptions { RecurseSubdirectories = true });
        Assert.Contains("/open/readme", visible);
        Assert.DoesNotContain("/private/secret", visible);
    }

    [Fact]
    public void Streams_write_through_the_view_on_flush_and_dispose()
    {
        var union = UnionFileSystem.CreateWritable(ImageStack());
        var fs = union.AsFileSystem();
        using (var stream = fs.File.Open("/etc/hostname", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            stream.Position = 4;
            stream.Write("!!"u8);
            Assert.Equal("base\n", union.ReadAllText("/etc/hostname"));
            stream.Flush();
            Assert.Equal("base!!", union.ReadAllText("/etc/hostname"));
            stream.Write("?"u8);
        }

        Assert.Equal("base!!?", union.ReadAllText("/etc/hostname"));
        Assert.Contains("C /etc/hostname", union.GetChanges().Select(c => c.ToString()));
    }

    [Fact]
    public void Many_small_writes_through_a_stream_are_linear()
    {
        var fs = UnionFileSystem.CreateEmpty().AsFileSystem();
        using (var stream = fs.File.Create("/big"))
        {
            var chunk = new byte[16];
            for (int i = 0; i < 100_000; i++)
            {
                chunk[0] = (byte)i;
                stream.Write(chunk);
            }
        }

        Assert.Equal(1_600_000, fs.FileInfo.New("/big").Length);
    }

    [Fact]
    public void Synthetic_lower_content_streams_without_copy_up()
    {
        var lower = LayerStack.Create([Layer.Create(new Dictionary<string, FileEntry>
        {
            ["/blob"] = FileEntry.File(FileContent.Synthetic(64L << 20, 7)),
        })]);
        var union = UnionFileSystem.CreateWritable(lower);
        var fs = union.AsFileSystem();
        using (var stream = fs.File.OpenRead("/blob"))
        {
            Assert.Equal(64L << 20, stream.Length);
            stream.Seek(-10, SeekOrigin.End);
            var tail = new byte[20];
            Assert.Equal(10, stream.Read(tail));
        }

        Assert.Empty(union.GetChanges());
        Assert.Equal(64L << 20, fs.FileInfo.New("/blob").Length);
    }
}
