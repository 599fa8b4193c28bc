using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary><see cref="UnionFileSystem.CopyTree"/> refuses to copy a directory into itself, as <c>cp</c> does.</summary>
public sealed class UnionCopyTreeTests
{
    private static UnionFileSystem Tree()
    {
        var fs = UnionFileSystem.CreateEmpty();
        fs.CreateDirectories("/src/sub");
        fs.WriteAllText("/src/sub/f", "x");
        fs.CreateSymlink("/src/sub", "/into-src");
        fs.CreateSymlink("src", "/src-link");
        return fs;
    }

    [Theory]
    [InlineData("/src", "/src/copy")]
    [InlineData("/src", "/src/sub/copy")]
    [InlineData("/src", "/src")]
    [InlineData("/src", "/into-src/copy")]
    [InlineData("/src-link", "/src/copy")]
    [InlineData("/src/", "/src-link/sub/../copy")]
    [InlineData("/", "/copy")]
    public void CopyingADirectoryIntoItselfIsEinvalBeforeAnythingIsCopied(string source, string destination)
    {
        var fs = Tree();
        var before = fs.Walk("/").Select(e => e.Path).ToList();
        var e = Assert.Throws<FileSystemException>(() => fs.CopyTree(source, fs, destination));
        Assert.Equal(Errno.EINVAL, e.Errno);
        Assert.Equal(before, fs.Walk("/").Select(x => x.Path).ToList());
        Assert.Equal(Errno.EINVAL, Assert.Throws<FileSystemException>(() => fs.CopyTree(source, fs.WithCaller(0, 0), destination)).Errno);
    }

    [Fact]
    public void CopyingBesideTheSourceOrIntoAnotherTreeWorks()
    {
        var fs = Tree();
        fs.CopyTree("/src", fs, "/src2");
        fs.CopyTree("/src/sub", fs, "/src-copy-sub");
        Assert.Equal("x", fs.ReadAllText("/src2/sub/f"));
        Assert.Equal("x", fs.ReadAllText("/src-copy-sub/f"));
        var other = UnionFileSystem.CreateEmpty();
        other.CreateDirectory("/src");
        fs.CopyTree("/src", other, "/src/copy"); // a different tree: not "into itself"
        Assert.Equal("x", other.ReadAllText("/src/copy/sub/f"));
    }
}
