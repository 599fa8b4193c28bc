using Simulator.Build;
using Simulator.Tests.Support;

namespace Simulator.Tests.Build;

/// <summary>
/// BuildKit's parser conformance corpus (../shared/corpus/dockerfile-parser, copied from moby/buildkit
/// frontend/dockerfile/parser/testfiles at 73ed6825): each <c>result</c> is <c>Dump()</c> plus a newline, byte for byte
/// (parser_test.go TestParseCases); the negative cases fail (TestParseErrorCases); the line fixture gives its numbers.
/// </summary>
public sealed class DockerfileParserCorpusTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        if (SharedCorpus.Directory is { } dir)
        {
            foreach (var d in Directory.GetDirectories(Path.Combine(dir, "dockerfile-parser")).Order(StringComparer.Ordinal))
            {
                if (File.Exists(Path.Combine(d, "result")))
                {
                    data.Add(Path.GetFileName(d));
                }
            }
        }
        else
        {
            data.Add("(corpus absent)");
        }

        return data;
    }

    public static TheoryData<string, string> NegativeCases() => new()
    {
        // Error texts from parser.go / line_parsers.go (corpus README).
        { "empty_dockerfile", "file with no instructions" },
        { "only_comments", "file with no instructions" },
        { "env_no_value", "ENV must have two arguments" },
        { "shykes-nested-json", "when using JSON array syntax, arrays must be comprised of strings only" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_dump_equals_the_corpus_result(string name)
    {
        var dir = SharedCorpus.File(Path.Combine("dockerfile-parser", name));
        var text = File.ReadAllText(Path.Combine(dir, "Dockerfile"));
        var expected = File.ReadAllText(Path.Combine(dir, "result"));

        var result = DockerfileParser.Parse(text);

        Assert.Equal(expected, result.Ast.Dump() + "\n");
    }

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public void Negative_cases_fail_with_buildkits_error(string name, string message)
    {
        var path = SharedCorpus.File(Path.Combine("dockerfile-parser", "_testfiles-negative", name, "Dockerfile"));
        var ex = Assert.Throws<DockerfileParseException>(() => DockerfileParser.Parse(File.ReadAllText(path)));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Line_fixture_gives_buildkits_line_numbers()
    {
        // parser_test.go TestParseIncludesLineNumbers: root 5..31, children (5,5), (11,12), (17,31).
        var path = SharedCorpus.File(Path.Combine("dockerfile-parser", "_testfile-line", "Dockerfile"));
        var ast = DockerfileParser.Parse(File.ReadAllText(path)).Ast;

        Assert.Equal((5, 31), (ast.StartLine, ast.EndLine));
        Assert.Equal([(5, 5), (11, 12), (17, 31)], ast.Children.Select(c => (c.StartLine, c.EndLine)));
    }

    [Fact]
    public void Official_images_dockerfiles_all_parse()
    {
        var dir = SharedCorpus.File("dockerfiles");
        var files = Directory.GetFiles(dir, "Dockerfile*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var ast = DockerfileParser.Parse(File.ReadAllText(file)).Ast;
            Assert.NotEmpty(ast.Children);
        }
    }
}
