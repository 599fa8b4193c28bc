using System.Globalization;
using Simulator.Containers;
using Simulator.Tests.Support;

namespace Simulator.Tests.Containers;

public sealed class HumanDurationTests
{
    public static TheoryData<int, string, string, string> Rows()
    {
        var data = new TheoryData<int, string, string, string>();
        foreach (var (line, fields) in SharedCorpus.Rows("human-duration.tsv"))
        {
            data.Add(line, fields[0], fields[1], fields[2]);
        }

        if (data.Count == 0)
        {
            data.Add(0, "", "", "");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_corpus_row(int line, string seconds, string human, string created)
    {
        if (line == 0)
        {
            Assert.Skip("../shared/corpus is absent beside this clone; corpus tests need it.");
        }

        var duration = TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));
        Assert.Equal(human, HumanDuration.Format(duration));
        Assert.Equal(created, HumanDuration.Ago(duration));
    }

    [Fact]
    public void Negative_is_less_than_a_second() => Assert.Equal("Less than a second", HumanDuration.Format(TimeSpan.FromSeconds(-5)));
}
