using Simulator.Cli.Formatting;

namespace Simulator.Tests.Cli;

/// <summary>The tabwriter port (Go text/tabwriter as docker/cli vendors it; minwidth 10, padding 3).</summary>
public sealed class TabWriterTests
{
    [Fact]
    public void Columns_are_at_least_ten_wide_and_the_last_cell_is_not_padded()
    {
        // docker/cli formatter/volume_test.go: "DRIVER    VOLUME NAME\nfoo       foobar_baz\n"
        Assert.Equal("DRIVER    VOLUME NAME\nfoo       foobar_baz\n", TabWriter.Format("DRIVER\tVOLUME NAME\nfoo\tfoobar_baz\n"));
    }

    [Fact]
    public void Wide_cells_widen_their_column_by_padding_three()
    {
        Assert.Equal("CONTAINER ID   IMAGE\nabc            alpine\n", TabWriter.Format("CONTAINER ID\tIMAGE\nabc\talpine\n"));
    }

    [Fact]
    public void Empty_cells_pad_and_ellipsis_counts_one_column()
    {
        Assert.Equal("A         B…        C\n          x         y\n", TabWriter.Format("A\tB…\tC\n\tx\ty\n"));
    }
}
