using Simulator.FileSystem;
using Simulator.Testing.Rendering;

namespace Simulator.Testing.Tests.Rendering;

public sealed class FileTreeRendererTests
{
    private static readonly Layer Base = Layer.Create([
        new("/etc", FileEntry.Directory()),
        new("/etc/alpine-release", FileEntry.File("3.20.3\n")),
        new("/etc/motd", FileEntry.File("Welcome to Alpine!\n\nThe Alpine Wiki contains a large amount of how-to guides and general\ninformation about administrating Alpine systems.\n")),
        new("/bin", FileEntry.Directory()),
        new("/bin/busybox", FileEntry.File(FileContent.Synthetic(3000, 7), (UnixFileMode)0b111_101_101)),
        new("/bin/sh", FileEntry.Symlink("/bin/busybox")),
        new("/tmp", FileEntry.Directory((UnixFileMode)0b1_111_111_111)),
        new("/a-b", FileEntry.File("")),
        new("/a", FileEntry.Directory()),
        new("/a/b", FileEntry.File("x") with { Uid = 1000, Gid = 50 }),
    ]);

    [Fact]
    public void Renders_a_stack_sorted_by_segment_with_default_columns()
    {
        // Hashes: sha256 of the content (python3 hashlib, first 12 hex); modes as ls -l prints them.
        var text = FileTreeRenderer.Render(LayerStack.Create([Base]));
        Assert.Equal(
            """
            drwxr-xr-x  0:0         -  /a
            -rw-r--r--  1000:50     1  /a/b  "x"
            -rw-r--r--  0:0         0  /a-b
            drwxr-xr-x  0:0         -  /bin
            -rwxr-xr-x  0:0      3000  /bin/busybox  sha256:94c62536d725
            lrwxrwxrwx  0:0         -  /bin/sh -> /bin/busybox
            drwxr-xr-x  0:0         -  /etc
            -rw-r--r--  0:0         7  /etc/alpine-release  "3.20.3\n"
            -rw-r--r--  0:0       138  /etc/motd  sha256:a802a0770ff6  "Welcome to Alpine!"
            drwxrwxrwt  0:0         -  /tmp

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Same_tree_renders_byte_identical_whatever_the_insertion_order()
    {
        var reversed = Layer.Create(Base.Entries.Reverse());
        Assert.Equal(FileTreeRenderer.Render(LayerStack.Create([Base])), FileTreeRenderer.Render(LayerStack.Create([reversed])));
    }

    [Fact]
    public void Columns_root_depth_and_filters_select_what_is_shown()
    {
        var stack = LayerStack.Create([Base]);
        Assert.Equal("/etc/alpine-release\n/etc/motd\n", FileTreeRenderer.Render(stack, new TreeRenderOptions { Columns = TreeColumns.None, Root = "/etc" }));
        Assert.Equal("/a\n/a-b\n/bin\n/etc\n/tmp\n", FileTreeRenderer.Render(stack, new TreeRenderOptions { Columns = TreeColumns.None, MaxDepth = 1 }));
        Assert.Equal("/bin/busybox\n/bin/sh -> /bin/busybox\n/etc/alpine-release\n", FileTreeRenderer.Render(stack, new TreeRenderOptions
        {
            Columns = TreeColumns.None,
            Include = ["/bin/**", "**/*-release"],
        }));
        Assert.Equal("/a-b\n/tmp\n", FileTreeRenderer.Render(stack, new TreeRenderOptions { Columns = TreeColumns.None, Exclude = ["/a", "/bin", "/etc"] }));
        Assert.Equal("drwxr-xr-x  /\n-rw-r--r--  /a-b\n", FileTreeRenderer.Render(stack, new TreeRenderOptions { Columns = TreeColumns.Mode, MaxDepth = 1, IncludeRoot = true, Include = ["/a-b"] }));
    }

    [Fact]
    public void Times_are_shown_only_when_asked_and_in_utc()
    {
        var layer = Layer.Create([new("/f", FileEntry.File("1") with { ModifiedAt = new DateTimeOffset(2024, 9, 6, 22, 20, 7, TimeSpan.FromHours(2)) })]);
        Assert.Equal("2024-09-06T20:20:07Z  /f\n", FileTreeRenderer.Render(layer, new TreeRenderOptions { Columns = TreeColumns.ModifiedTime }));
    }

    [Fact]
    public void A_layer_shows_whiteouts_and_opaque_markers_as_the_oci_tar_names()
    {
        // Marker names: OCI image-spec layer.md ("Whiteouts", "Opaque Whiteout").
        var layer = Layer.Create(
            [new("/var/cache", FileEntry.Directory()), new("/var/cache/new", FileEntry.File("n"))],
            whiteouts: ["/etc/hostname"],
            opaqueDirectories: ["/var/cache"]);
        Assert.Equal(
            """
            whiteout            /etc/.wh.hostname
            drwxr-xr-x  0:0  -  /var/cache
            opaque              /var/cache/.wh..wh..opq
            -rw-r--r--  0:0  1  /var/cache/new  "n"

            """.ReplaceLineEndings("\n"),
            FileTreeRenderer.Render(layer));
    }

    [Theory]
    [InlineData(0b111_101_101, EntryType.RegularFile, "-rwxr-xr-x")]
    [InlineData(0b100_111_101_101, EntryType.RegularFile, "-rwsr-xr-x")]
    [InlineData(0b100_110_100_100, EntryType.RegularFile, "-rwSr--r--")]
    [InlineData(0b010_111_101_101, EntryType.Directory, "drwxr-sr-x")]
    [InlineData(0b001_111_111_111, EntryType.Directory, "drwxrwxrwt")]
    [InlineData(0b001_111_111_110, EntryType.Directory, "drwxrwxrwT")]
    public void Modes_print_as_ls_does(int mode, EntryType type, string expected)
    {
        // Letters: coreutils ls filemodestring (s/S for set-id, t/T for sticky).
        var entry = type == EntryType.Directory ? FileEntry.Directory((UnixFileMode)mode) : FileEntry.File("", (UnixFileMode)mode);
        Assert.Equal(expected, FileTreeRenderer.FormatMode(entry));
    }

    [Fact]
    public void Big_files_hash_a_prefix_and_say_so()
    {
        var layer = Layer.Create([new("/big", FileEntry.File(FileContent.Synthetic(3 << 20, 1)))]);
        var text = FileTreeRenderer.Render(layer, new TreeRenderOptions { Columns = TreeColumns.Content });
        Assert.StartsWith("/big  sha256~", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_root_throws_enoent()
    {
        var ex = Assert.Throws<FileSystemException>(() => FileTreeRenderer.Render(LayerStack.Create([Base]), new TreeRenderOptions { Root = "/nope" }));
        Assert.Equal(Errno.ENOENT, ex.Errno);
    }

    [Fact]
    public void Control_characters_in_names_and_targets_stay_on_one_line()
    {
        var layer = Layer.Create(
            [
                new("/tmp", FileEntry.Directory()),
                new("/tmp/a\nb", FileEntry.File("x")),
                new("/tmp/link", FileEntry.Symlink("/x\ty")),
            ],
            whiteouts: ["/tmp/gone\r"]);
        Assert.Equal(
            "/tmp\n/tmp/.wh.gone\\r\n/tmp/a\\nb\n/tmp/link -> /x\\ty\n",
            FileTreeRenderer.Render(layer, new TreeRenderOptions { Columns = TreeColumns.None }));
    }

    [Fact]
    public void Bad_options_fail_when_set_with_the_option_named()
    {
        Assert.Equal("MaxDepth", Assert.Throws<ArgumentOutOfRangeException>(() => new TreeRenderOptions { MaxDepth = -1 }).ParamName);
        Assert.Equal("MaxTextBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new TreeRenderOptions { MaxTextBytes = -1 }).ParamName);
        Assert.Equal("MaxHashedBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new TreeRenderOptions { MaxHashedBytes = -1 }).ParamName);
        Assert.Equal("Include", Assert.Throws<ArgumentException>(() => new TreeRenderOptions { Include = ["/etc", ""] }).ParamName);
        Assert.Equal("Exclude", Assert.Throws<ArgumentNullException>(() => new TreeRenderOptions { Exclude = [null!] }).ParamName);
        Assert.Equal("Include", Assert.Throws<ArgumentNullException>(() => new TreeRenderOptions { Include = null! }).ParamName);
        Assert.Equal("Root", Assert.Throws<ArgumentNullException>(() => new TreeRenderOptions { Root = null! }).ParamName);
    }

    [Fact]
    public void A_root_that_is_not_a_directory_fails_with_its_errno()
    {
        var view = UnionFileSystem.CreateWritable(LayerStack.Create([Base]));
        view.CreateSymlink("/loop2", "/loop1");
        view.CreateSymlink("/loop1", "/loop2");
        Assert.Equal(Errno.ENOTDIR, Assert.Throws<FileSystemException>(() => FileTreeRenderer.Render(view, new TreeRenderOptions { Root = "/etc/motd" })).Errno);
        Assert.Equal(Errno.ELOOP, Assert.Throws<FileSystemException>(() => FileTreeRenderer.Render(view, new TreeRenderOptions { Root = "/loop1" })).Errno);
        Assert.Equal(Errno.ENOENT, Assert.Throws<FileSystemException>(() => FileTreeRenderer.Render(view, new TreeRenderOptions { Root = "/nope" })).Errno);
    }

    [Fact]
    public void A_trailing_slash_in_a_pattern_is_ignored()
    {
        var stack = LayerStack.Create([Base]);
        var options = new TreeRenderOptions { Columns = TreeColumns.None };
        Assert.Equal(
            FileTreeRenderer.Render(stack, options with { Include = ["/etc"] }),
            FileTreeRenderer.Render(stack, options with { Include = ["/etc/"] }));
        Assert.Equal("/etc\n/etc/alpine-release\n/etc/motd\n", FileTreeRenderer.Render(stack, options with { Include = ["etc/"] }));
    }

    [Fact]
    public void A_long_first_line_is_not_cut_inside_a_surrogate_pair()
    {
        // 59 letters, then U+1F600 (two UTF-16 units at 59 and 60): a cut at 60 would leave half of it.
        var line = new string('a', 59) + "\U0001F600" + new string('b', 20);
        var layer = Layer.Create([new("/f", FileEntry.File(line + "\nsecond\n"))]);
        var text = FileTreeRenderer.Render(layer, new TreeRenderOptions { Columns = TreeColumns.Content });
        Assert.EndsWith("  \"" + new string('a', 59) + "…\"\n", text, StringComparison.Ordinal);
    }
}
