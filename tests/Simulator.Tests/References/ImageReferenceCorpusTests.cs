using Simulator.References;
using Simulator.Tests.Support;

namespace Simulator.Tests.References;

/// <summary>Every row of ../shared/corpus/image-references.tsv (distribution/reference's own tests).</summary>
public sealed class ImageReferenceCorpusTests
{
    private const string CorpusFile = "image-references.tsv";

    // The corpus registers sha256 only, as distribution/reference's tests do; the docker CLI also
    // registers sha384 and sha512 (corpus/README.md), so there the sha512 row is valid. We follow the CLI.
    private const string Sha512Prefix = "validname@sha512:";

    public static TheoryData<int, string, string> Rows()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var (line, fields) in SharedCorpus.Rows(CorpusFile))
        {
            data.Add(line, fields[1], fields[2]);
        }

        if (data.Count == 0)
        {
            data.Add(0, "absent", "");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row_matches_distribution_reference(int line, string api, string input)
    {
        var path = SharedCorpus.File(CorpusFile);
        var f = File.ReadLines(path).Skip(line - 1).First().Split('\t');
        Assert.Equal(api, f[1]);
        Assert.Equal(input, f[2]);
        bool valid = f[3] == "yes";
        string error = f[4];

        if (input.StartsWith(Sha512Prefix, StringComparison.Ordinal))
        {
            Assert.False(valid);
            var parsed = api == "Parse" ? ImageReference.ParseUnnormalized(input) : ImageReference.Parse(input);
            Assert.Equal("sha512", parsed.Digest!.Value.Algorithm);
            Assert.Equal(input.Split('@')[1], parsed.Digest.ToString());
            return;
        }

        Func<string, ImageReference> parse = api switch
        {
            "Parse" => ImageReference.ParseUnnormalized,
            "ParseNormalizedNamed" => ImageReference.Parse,
            "ParseNamed" => ImageReference.ParseCanonical,
            "ParseAnyReference" => ImageReference.ParseAny,
            "WithName" => ImageReference.ParseName,
            _ => throw new InvalidOperationException("unknown api " + api),
        };

        if (!valid)
        {
            var ex = Assert.Throws<DockerSimulatorException>(() => parse(input));
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
            Assert.Equal(error, ex.Message);
            return;
        }

        var reference = parse(input);
        AssertColumn(f[5], reference.HasName ? reference.FamiliarName : "");
        AssertColumn(f[6], reference.FamiliarString);
        AssertColumn(f[7], reference.Name);
        Assert.Equal(f[8], reference.ToString());
        if (f[7].Length > 0 || api != "ParseAnyReference")
        {
            Assert.Equal(f[9], reference.Domain);
            Assert.Equal(f[10], reference.Path);
        }

        Assert.Equal(f[11], reference.Tag ?? "");
        Assert.Equal(f[12], reference.Digest?.ToString() ?? "");
        AssertColumn(f[13], reference.HasName ? reference.ToDockerReference().ToString() : "");
    }

    private static void AssertColumn(string expected, string actual)
    {
        if (expected.Length > 0)
        {
            Assert.Equal(expected, actual);
        }
    }
}
