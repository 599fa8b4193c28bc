using System.Globalization;
using Simulator.Networking;
using Simulator.Tests.Support;

namespace Simulator.Tests.Networking;

public sealed class PortsColumnTests
{
    public static TheoryData<int, string, string> CorpusRows()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var (line, fields) in SharedCorpus.Rows("ps-ports.tsv"))
        {
            if (fields[0].StartsWith('#') || fields[0] == "input_ports")
            {
                continue;
            }

            data.Add(line, fields[0], fields.Length > 1 ? fields[1] : "");
        }

        if (data.Count == 0)
        {
            data.Add(0, "", ""); // corpus absent: one case that skips and says why
        }

        return data;
    }

    [Fact]
    public void Corpus_is_present()
    {
        _ = SharedCorpus.File("ps-ports.tsv");
        Assert.True(CorpusRows().Count >= 20);
    }

    [Theory]
    [MemberData(nameof(CorpusRows))]
    public void Renders_the_cli_corpus(int line, string input, string expected)
    {
        if (line == 0)
        {
            _ = SharedCorpus.File("ps-ports.tsv");
        }

        var ports = input.Split(" ; ").Select(Parse).ToList();
        Assert.True(expected == PortsColumn.Format(ports), $"line {line}: {input}");
    }

    [Fact]
    public void Docker_port_lines_and_ps_column_of_a_published_port()
    {
        var settings = new NetworkSettings
        {
            Ports = new Dictionary<string, IReadOnlyList<PortBinding>?>
            {
                ["80/tcp"] = [new PortBinding("0.0.0.0", "8080"), new PortBinding("::", "8080")],
                ["443/tcp"] = null,
            },
        };
        Assert.Equal(["80/tcp -> 0.0.0.0:8080", "80/tcp -> [::]:8080"], settings.FormatPortLines());
        Assert.Equal(["80/tcp -> 0.0.0.0:8080", "80/tcp -> [::]:8080"], settings.FormatPortLines("80"));
        Assert.Empty(settings.FormatPortLines("443/tcp"));
        Assert.Equal("443/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp", PortsColumn.Format(settings.ToContainerPorts()));
    }

    private static ContainerPort Parse(string text)
    {
        var f = text.Split('|');
        return new ContainerPort(
            f[0],
            int.Parse(f[2], CultureInfo.InvariantCulture),
            f[1].Length == 0 ? 0 : int.Parse(f[1], CultureInfo.InvariantCulture),
            f[3]);
    }
}
