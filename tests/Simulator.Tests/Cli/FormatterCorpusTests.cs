using System.Globalization;
using Simulator.Cli.Formatting;
using Simulator.Containers;
using Simulator.Networking;
using Simulator.Tests.Support;

namespace Simulator.Tests.Cli;

/// <summary>
/// The shared corpus tables (../shared/corpus: human-duration.tsv from go-units duration_test.go, ps-ports.tsv from docker/cli
/// container_test.go TestDisplayablePorts) through the CLI's <c>docker ps</c> row context.
/// </summary>
public sealed class FormatterCorpusTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static Container Make(TimeSpan age, IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?>? ports = null) => new()
    {
        Id = new string('a', 64),
        Name = "/web",
        Created = Now - age,
        ImageId = default,
        ImageName = "alpine",
        Path = "/bin/ash",
        Args = [],
        Config = new ContainerConfig("alpine"),
        HostConfig = new HostConfig(),
        State = new ContainerState { Status = ContainerStatus.Created },
        Status = "Created",
        CreatedText = "",
        NetworkSettings = new NetworkSettings { Ports = ports ?? new Dictionary<string, IReadOnlyList<PortBinding>?>() },
    };

    public static TheoryData<int, string, string> DurationRows()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var (line, fields) in SharedCorpus.Rows("human-duration.tsv"))
        {
            data.Add(line, fields[0], fields[2]);
        }

        if (data.Count == 0)
        {
            data.Add(0, "", "");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DurationRows))]
    public void Created_column_matches_the_duration_corpus(int line, string seconds, string expected)
    {
        if (line == 0)
        {
            _ = SharedCorpus.File("human-duration.tsv");
        }

        var age = TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));
        Assert.Equal(expected, new ContainerContext(Make(age), Now, trunc: true).RunningFor);
    }

    public static TheoryData<int, string, string> PortRows()
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
            data.Add(0, "", "");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PortRows))]
    public void Ports_column_matches_the_ports_corpus(int line, string input, string expected)
    {
        if (line == 0)
        {
            _ = SharedCorpus.File("ps-ports.tsv");
        }

        // Inspect's NetworkSettings.Ports map: "port/proto" -> bindings (null when only exposed).
        var ports = new Dictionary<string, List<PortBinding>?>(StringComparer.Ordinal);
        foreach (var item in input.Split(" ; "))
        {
            var p = item.Split('|');
            var key = p[2] + "/" + p[3];
            if (p[0].Length == 0 && p[1].Length == 0)
            {
                if (ports.ContainsKey(key))
                {
                    Assert.Skip("An exposed port listed twice, or exposed and published, has no form in inspect's Ports map.");
                }

                ports[key] = null;
                continue;
            }

            if (ports.TryGetValue(key, out var list) && list is null)
            {
                Assert.Skip("A port both exposed only and published has no form in inspect's Ports map.");
            }

            if (list is null)
            {
                ports[key] = list = [];
            }

            list.Add(new PortBinding(p[0], p[1].Length == 0 ? "0" : p[1]));
        }

        var map = ports.ToDictionary(p => p.Key, p => (IReadOnlyList<PortBinding>?)p.Value, StringComparer.Ordinal);
        Assert.Equal(expected, new ContainerContext(Make(TimeSpan.Zero, map), Now, trunc: true).Ports);
    }
}
