using System.IO.Abstractions;
using Simulator.FileSystem;
using Xunit;

namespace Simulator.Testing.Conformance;

/// <summary>
/// A conformance suite for a container's root filesystem seen through System.IO.Abstractions: read-only lower layers,
/// a writable upper layer, overlayfs' rules (copy-up, whiteouts, opaque directories, merged listings) and Linux's
/// <c>System.IO</c> exceptions. Derive from it and implement <see cref="CreateView"/> (and <see cref="GetChanges"/> for
/// <c>docker diff</c>) over your implementation; the simulator runs it over <see cref="UnionFileSystemAdapter"/>.
/// </summary>
/// <remarks>
/// The rules: overlayfs (kernel Documentation/filesystems/overlayfs.rst), the unionmount-testsuite's expectations
/// (a union gives a plain filesystem's results), moby's <c>docker diff</c> (go-archive changes.go; integration/container/diff_test.go).
/// Each test makes its own view; views must not share upper state.
/// </remarks>
public abstract class UnionViewConformance
{
    /// <summary>The lower layer every case starts from: <c>/etc/motd</c>, <c>/etc/issue</c>, <c>/data/a</c>, <c>/data/sub/b</c>, an empty <c>/empty</c>.</summary>
    protected static IReadOnlyList<Layer> Lower { get; } =
    [
        Layer.Create([
            new("/etc", FileEntry.Directory()),
            new("/etc/motd", FileEntry.File("welcome\n")),
            new("/etc/issue", FileEntry.File("Alpine\n")),
            new("/data", FileEntry.Directory()),
            new("/data/a", FileEntry.File("a")),
            new("/data/sub", FileEntry.Directory()),
            new("/data/sub/b", FileEntry.File("b")),
            new("/empty", FileEntry.Directory()),
        ]),
    ];

    /// <summary>Makes a fresh writable view over the layers (lowest first), as a container's root with nothing mounted.</summary>
    /// <param name="lower">The read-only layers.</param>
    /// <returns>The view, with Unix paths.</returns>
    protected abstract IFileSystem CreateView(IReadOnlyList<Layer> lower);

    /// <summary>The view's changes in <c>docker diff</c> form (<c>A /foo</c>), or <see langword="null"/> when the implementation has none
    /// (the diff checks then pass without checking).</summary>
    /// <param name="view">A view made by <see cref="CreateView"/>.</param>
    /// <returns>The lines, any order.</returns>
    protected virtual IReadOnlyList<string>? GetChanges(IFileSystem view) => null;

    /// <summary>Reads come from the lower layer.</summary>
    [Fact]
    public void Reads_lower_files() => Assert.Equal("welcome\n", CreateView(Lower).File.ReadAllText("/etc/motd"));

    /// <summary>A write copies up: the view reads the new text, a fresh view over the same layers the old.</summary>
    [Fact]
    public void Writing_a_lower_file_copies_it_up_and_leaves_the_layer_alone()
    {
        var view = CreateView(Lower);
        view.File.AppendAllText("/etc/motd", "more\n");
        Assert.Equal("welcome\nmore\n", view.File.ReadAllText("/etc/motd"));
        Assert.Equal("welcome\n", CreateView(Lower).File.ReadAllText("/etc/motd"));
        AssertChanges(view, "C /etc", "C /etc/motd");
    }

    /// <summary>Deleting a lower file hides it (a whiteout) from reads and listings.</summary>
    [Fact]
    public void Deleting_a_lower_file_hides_it()
    {
        var view = CreateView(Lower);
        view.File.Delete("/etc/motd");
        Assert.False(view.File.Exists("/etc/motd"));
        Assert.Equal(["/etc/issue"], view.Directory.GetFileSystemEntries("/etc"));
        Assert.Throws<FileNotFoundException>(() => view.File.ReadAllText("/etc/motd"));
        AssertChanges(view, "C /etc", "D /etc/motd");
    }

    /// <summary>Listings merge upper and lower entries.</summary>
    [Fact]
    public void Listings_merge_upper_and_lower_entries()
    {
        var view = CreateView(Lower);
        view.File.WriteAllText("/data/c", "c");
        Assert.Equal(["/data/a", "/data/c", "/data/sub"], view.Directory.GetFileSystemEntries("/data").Order(StringComparer.Ordinal));
    }

    /// <summary>A non-empty lower directory cannot be removed without recursion (ENOTEMPTY, an <see cref="IOException"/>).</summary>
    [Fact]
    public void Removing_a_non_empty_lower_directory_fails()
    {
        var view = CreateView(Lower);
        Assert.ThrowsAny<IOException>(() => view.Directory.Delete("/data"));
        Assert.True(view.File.Exists("/data/a"));
        AssertChanges(view);
    }

    /// <summary>Removing a lower directory and making it again gives an empty (opaque) directory.</summary>
    [Fact]
    public void Recreating_a_removed_lower_directory_gives_an_empty_one()
    {
        var view = CreateView(Lower);
        view.Directory.Delete("/data", recursive: true);
        view.Directory.CreateDirectory("/data");
        Assert.Empty(view.Directory.GetFileSystemEntries("/data"));
        view.File.WriteAllText("/data/new", "n");
        Assert.Equal(["/data/new"], view.Directory.GetFileSystemEntries("/data"));
    }

    /// <summary>Renaming a lower file moves its content; the old name is gone.</summary>
    [Fact]
    public void Renaming_a_lower_file_moves_it()
    {
        var view = CreateView(Lower);
        view.File.Move("/etc/issue", "/etc/issue.old");
        Assert.False(view.File.Exists("/etc/issue"));
        Assert.Equal("Alpine\n", view.File.ReadAllText("/etc/issue.old"));
        AssertChanges(view, "C /etc", "D /etc/issue", "A /etc/issue.old");
    }

    /// <summary>Missing files and parents throw what System.IO throws on Linux.</summary>
    [Fact]
    public void Missing_paths_throw_the_system_io_exceptions()
    {
        var view = CreateView(Lower);
        Assert.Throws<FileNotFoundException>(() => view.File.ReadAllText("/etc/nope"));
        Assert.Throws<DirectoryNotFoundException>(() => view.File.WriteAllText("/nope/x", "x"));
        Assert.Throws<DirectoryNotFoundException>(() => view.Directory.GetFileSystemEntries("/nope"));
        AssertChanges(view);
    }

    /// <summary>moby's diff integration case: <c>mkdir /foo; echo xyzzy &gt; /foo/bar</c> is exactly <c>A /foo</c>, <c>A /foo/bar</c>.</summary>
    [Fact]
    public void New_directory_and_file_diff_as_docker()
    {
        var view = CreateView(Lower);
        view.Directory.CreateDirectory("/foo");
        view.File.WriteAllText("/foo/bar", "xyzzy\n");
        AssertChanges(view, "A /foo", "A /foo/bar");
    }

    /// <summary>Changes made and undone within the upper layer leave no trace in the diff of a new file deleted again.</summary>
    [Fact]
    public void A_file_created_and_deleted_leaves_only_its_parent_changed_or_nothing()
    {
        var view = CreateView(Lower);
        view.File.WriteAllText("/empty/tmp", "x");
        view.File.Delete("/empty/tmp");
        Assert.Empty(view.Directory.GetFileSystemEntries("/empty"));
        var changes = GetChanges(view);
        if (changes is not null)
        {
            Assert.DoesNotContain(changes, c => c.EndsWith("/empty/tmp", StringComparison.Ordinal));
        }
    }

    private void AssertChanges(IFileSystem view, params string[] expected)
    {
        if (GetChanges(view) is { } changes)
        {
            Assert.Equal(expected.Order(StringComparer.Ordinal), changes.Order(StringComparer.Ordinal));
        }
    }
}
