using Simulator.FileSystem;
using Simulator.Testing.Rendering;

namespace Simulator.Testing.Tests.Rendering;

public sealed class ChangesRendererTests
{
    [Fact]
    public void Renders_docker_diff_lines_sorted_by_path()
    {
        // Golden: go-archive TestChangesDirsMutated (sorted), as SEMANTICS.md 3.28 quotes it.
        FileChange[] changes =
        [
            new(ChangeKind.Added, "/symlinknew"), new(ChangeKind.Deleted, "/dir1"), new(ChangeKind.Modified, "/dir2"),
            new(ChangeKind.Added, "/dirnew"), new(ChangeKind.Deleted, "/file1"), new(ChangeKind.Modified, "/file2"),
        ];
        Assert.Equal("D /dir1\nC /dir2\nA /dirnew\nD /file1\nC /file2\nA /symlinknew\n", ChangesRenderer.Render(changes));
        Assert.Equal("", ChangesRenderer.Render([]));
    }

    [Fact]
    public void Control_characters_in_a_path_are_escaped_so_each_change_stays_one_line()
    {
        FileChange[] changes = [new(ChangeKind.Added, "/tmp/a\nb"), new(ChangeKind.Added, "/tmp/tab\there"), new(ChangeKind.Added, "/tmp/bell\a"), new(ChangeKind.Modified, "/tmp")];
        Assert.Equal("C /tmp\nA /tmp/a\\nb\nA /tmp/bell\\x07\nA /tmp/tab\\there\n", ChangesRenderer.Render(changes));
    }
}
