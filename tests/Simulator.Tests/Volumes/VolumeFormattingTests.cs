using System.Globalization;
using Simulator.Tests.Support;
using Simulator.Volumes;

namespace Simulator.Tests.Volumes;

public sealed class VolumeFormattingTests
{
    [Theory]
    [InlineData(0, "0B")]
    [InlineData(5, "5B")]
    [InlineData(999, "999B")]
    [InlineData(1000, "1kB")]
    [InlineData(1024, "1.024kB")]
    [InlineData(999999, "1000kB")]
    [InlineData(1048576, "1.049MB")]
    [InlineData(123456789, "123.5MB")]
    public void HumanSize_is_go_units(long bytes, string expected)
    {
        Assert.Equal(expected, GoUnits.HumanSize(bytes));
    }

    [Fact]
    public void HumanSize_matches_the_shared_corpus()
    {
        var path = SharedCorpus.File("human-size.tsv");
        var rows = File.ReadAllLines(path).Skip(1).Select(l => l.Split('\t')).Where(r => r[0] == "HumanSize").ToList();
        Assert.NotEmpty(rows);
        foreach (var r in rows)
        {
            Assert.Equal(r[2], GoUnits.HumanSize(double.Parse(r[1], CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void Natural_order_is_sortorder_natural_less()
    {
        string[] sorted = ["0", "00", "1", "01", "2", "10", "a", "a0", "a1", "a01", "a2", "a10", "ab", "b", "vol1", "vol2", "vol10"];
        var shuffled = sorted.Reverse().ToList();
        shuffled.Sort(NaturalOrder.Instance);
        Assert.Equal(sorted, shuffled);
        Assert.True(NaturalOrder.Less("vol2", "vol10"));
        Assert.False(NaturalOrder.Less("vol10", "vol2"));
        Assert.True(NaturalOrder.Less("1x", "x"));
    }

    [Theory]
    [InlineData("64m", 64L << 20)]
    [InlineData("1g", 1L << 30)]
    [InlineData("1024", 1024)]
    [InlineData("10kb", 10240)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("1.5k", 1536)]
    public void RamInBytes_is_go_units(string text, long bytes)
    {
        Assert.Equal(bytes, GoUnits.RamInBytes(text));
    }
}
