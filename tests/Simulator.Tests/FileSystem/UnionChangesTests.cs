using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary><c>docker diff</c> and <c>docker commit</c> of a view (SEMANTICS 3.23-3.31).</summary>
public sealed class UnionChangesTests
{
    private static int Oct(int digits) => Convert.ToInt32(digits.ToString(System.Globalization.CultureInfo.InvariantCulture), 8);

    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static KeyValuePair<string, FileEntry> F(string path, string text, int mode) =>
        KeyValuePair.Create(path, FileEntry.File(text, (UnixFileMode)mode) with { ModifiedAt = T0 });

    private static KeyValuePair<string, FileEntry> D(string path, int mode) =>
        KeyValuePair.Create(path, FileEntry.Directory((UnixFileMode)mode) with { ModifiedAt = T0 });

    private static KeyValuePair<string, FileEntry> S(string path, string target) =>
        KeyValuePair.Create(path, FileEntry.Symlink(target) with { ModifiedAt = T0 });

    /// <summary>go-archive changes_test.go createSampleDir.</summary>
    private static Layer SampleDir() => Layer.Create(
    [
        F("/file1", "file1\n", Oct(600)), F("/file2", "file2\n", Oct(666)), F("/file3", "file3\n", Oct(404)),
        F("/file4", "file4\n", Oct(600)), F("/file5", "file5\n", Oct(600)), F("/file6", "file6\n", Oct(600)),
        F("/file7", "file7\n", Oct(600)),
        D("/dir1", Oct(740)), F("/dir1/file1-1", "file1-1\n", Oct(1444)), F("/dir1/file1-2", "file1-2\n", Oct(666)),
        D("/dir2", Oct(700)), F("/dir2/file2-1", "file2-1\n", Oct(666)), F("/dir2/file2-2", "file2-2\n", Oct(666)),
        D("/dir3", Oct(700)), F("/dir3/file3-1", "file3-1\n", Oct(666)), F("/dir3/file3-2", "file3-2\n", Oct(666)),
        D("/dir4", Oct(700)), F("/dir4/file3-1", "file4-1\n", Oct(666)), F("/dir4/file3-2", "file4-2\n", Oct(666)),
        S("/symlink1", "target1"), S("/symlink2", "target2"), S("/symlink3", "/file1"), S("/symlink4", "/symlink3"),
        S("/dirSymlink", "/dir1"),
    ]);

    /// <summary>SEMANTICS 3.28: go-archive TestChangesDirsMutated, sorted.</summary>
    [Fact]
    public void ChangesDirsMutated()
    {
        var fs = UnionFileSystem.CreateWritable(LayerStack.Create([SampleDir()]));
        Mutate(fs);
        string[] expected =
        [
            "D /dir1", "C /dir2", "A /dirnew", "D /file1", "C /file2", "C /file3", "C /file4", "C /file5",
            "A /filenew", "D /symlink1", "C /symlink2", "A /symlinknew",
        ];
        Assert.Equal(expected, fs.GetChanges().Select(c => c.ToString()));
    }

    private static void Mutate(UnionFileSystem fs)
    {
        foreach (var name in fs.ReadDirectory("/dir1"))
        {
            fs.Unlink("/dir1/" + name);
        }

        fs.RemoveDirectory("/dir1");
        fs.Unlink("/file1");
        fs.Unlink("/symlink1");
        fs.WriteAllText("/file2", "fileNN\n");
        fs.Unlink("/file3");
        fs.WriteAllText("/file3", "fileMM\n", (UnixFileMode)Oct(404));
        fs.SetModifiedTime("/file4", T0.AddSeconds(1));
        fs.Unlink("/file5");
        fs.CreateDirectory("/file5", (UnixFileMode)Oct(666));
        fs.WriteAllText("/filenew", "filenew\n", (UnixFileMode)Oct(777));
        fs.CreateDirectory("/dirnew", (UnixFileMode)Oct(766));
        fs.CreateSymlink("targetnew", "/symlinknew");
        fs.Unlink("/symlink2");
        fs.CreateSymlink("target2change", "/symlink2");
        fs.Unlink("/dir2/file2-1");
        fs.Unlink("/dir2/file2-2");
        fs.RemoveDirectory("/dir2");
        fs.WriteAllText("/dir2", "dir2\n", (UnixFileMode)Oct(777));
        fs.SetModifiedTime("/dir3", T0.AddSeconds(1));
    }

    /// <summary>SEMANTICS 3.29: moby integration/container/diff_test.go.</summary>
    [Fact]
    public void MkdirAndWriteGiveTwoAdds()
    {
        var image = LayerStack.Create([Layer.Create([D("/bin", Oct(755)), F("/bin/sh", "sh", Oct(755)), D("/etc", Oct(755))])]);
        var fs = UnionFileSystem.CreateWritable(image);
        fs.CreateDirectory("/foo");
        fs.WriteAllText("/foo/bar", "xyzzy\n");
        Assert.Equal(["A /foo", "A /foo/bar"], fs.GetChanges().Select(c => c.ToString()));
    }

    [Fact]
    public void ChangeInsideLowerDirectoryMarksParentsChanged()
    {
        var image = LayerStack.Create([Layer.Create([D("/a", Oct(755)), D("/a/b", Oct(755)), F("/a/b/c", "c", Oct(644))])]);
        var fs = UnionFileSystem.CreateWritable(image);
        fs.WriteAllText("/a/b/c", "changed");
        fs.WriteAllText("/a/b/new", "n");
        Assert.Equal(["C /a", "C /a/b", "C /a/b/c", "A /a/b/new"], fs.GetChanges().Select(c => c.ToString()));
    }

    [Fact]
    public void ChmodIsAChangeAndSharesContent()
    {
        var content = FileContent.Synthetic(1 << 20, 1);
        var image = LayerStack.Create([Layer.Create([KeyValuePair.Create("/big", FileEntry.File(content))])]);
        var fs = UnionFileSystem.CreateWritable(image);
        fs.Chmod("/big", (UnixFileMode)Oct(600));
        Assert.Same(content, fs.Stat("/big").Content);
        Assert.Equal(["C /big"], fs.GetChanges().Select(c => c.ToString()));
        var layer = fs.CommitLayer();
        Assert.Same(content, layer.Entries["/big"].Content);
    }

    [Fact]
    public void UnchangedViewHasNoChangesAndEmptyCommit()
    {
        var fs = UnionFileSystem.CreateWritable(LayerStack.Create([SampleDir()]));
        fs.ReadAllText("/file2");
        fs.ReadDirectory("/dir3");
        Assert.Empty(fs.GetChanges());
        Assert.True(fs.CommitLayer().IsEmpty);
    }

    [Fact]
    public void CommitWritesExplicitWhiteoutsAndReappliesToTheSameTree()
    {
        var lower = LayerStack.Create([SampleDir()]);
        var fs = UnionFileSystem.CreateWritable(lower);
        Mutate(fs);
        var layer = fs.CommitLayer();
        Assert.Equal(["/dir1", "/file1", "/symlink1"], layer.Whiteouts.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("/file6", layer.Entries.Keys);
        var replay = UnionFileSystem.CreateReadOnly(lower.Push(layer));
        Assert.Equal(UnionTestContext.Snapshot(fs), UnionTestContext.Snapshot(replay));
    }

    [Fact]
    public void RmdirThenMkdirGivesAnOpaqueDirectory()
    {
        var lower = LayerStack.Create([SampleDir()]);
        var fs = UnionFileSystem.CreateWritable(lower);
        fs.Unlink("/dir4/file3-1");
        fs.Unlink("/dir4/file3-2");
        fs.RemoveDirectory("/dir4");
        fs.CreateDirectory("/dir4", (UnixFileMode)Oct(700));
        fs.WriteAllText("/dir4/file3-1", "again");
        Assert.Equal(["file3-1"], fs.ReadDirectory("/dir4"));
        Assert.Equal(["C /dir4", "C /dir4/file3-1", "D /dir4/file3-2"], fs.GetChanges().Select(c => c.ToString()));
        var layer = fs.CommitLayer();
        Assert.Contains("/dir4", layer.OpaqueDirectories);
        Assert.Contains("/dir4/file3-2", layer.Whiteouts);
        var replay = UnionFileSystem.CreateReadOnly(lower.Push(layer));
        Assert.Equal(["file3-1"], replay.ReadDirectory("/dir4"));
    }

    [Fact]
    public void NewDirectoryTreeIsAllAdds()
    {
        var fs = UnionFileSystem.CreateWritable(LayerStack.Create([SampleDir()]));
        fs.CreateDirectories("/new/a/b");
        fs.WriteAllText("/new/a/b/f", "f");
        Assert.Equal(["A /new", "A /new/a", "A /new/a/b", "A /new/a/b/f"], fs.GetChanges().Select(c => c.ToString()));
    }

    [Fact]
    public void HardLinksInTheUpperCommitAsHardLinks()
    {
        var fs = UnionFileSystem.CreateWritable(LayerStack.Empty);
        fs.WriteAllText("/a", "shared");
        fs.Link("/a", "/b");
        fs.Append("/b", "!"u8);
        Assert.Equal("shared!", fs.ReadAllText("/a"));
        var layer = fs.CommitLayer();
        Assert.Equal(EntryType.HardLink, layer.Entries["/b"].Type);
        Assert.Equal("/a", layer.Entries["/b"].LinkTarget);
        var replay = UnionFileSystem.CreateReadOnly(LayerStack.Empty.Push(layer));
        Assert.Equal("shared!", replay.ReadAllText("/b"));
    }

    [Fact]
    public void DeletingAFileInsideADeletedDirectoryIsOneDelete()
    {
        var fs = UnionFileSystem.CreateWritable(LayerStack.Create([SampleDir()]));
        fs.Unlink("/dir3/file3-1");
        fs.Unlink("/dir3/file3-2");
        fs.RemoveDirectory("/dir3");
        Assert.Equal(["D /dir3"], fs.GetChanges().Select(c => c.ToString()));
    }
}
