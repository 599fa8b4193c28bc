using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Simulator.Cli.Templates;

namespace Simulator.Tests.Cli.Templates;

/// <summary>
/// Templates over inspect JSON, dictionaries and objects. Expected texts: the docker overview transcript
/// (/work/shared/transcripts/docker-overview.t: <c>{"80/tcp":{}}</c>, <c>[nginx -g daemon off;]</c>), Go's text/template
/// exec_test.go rows (map printing, missing keys, range over maps in key order), and Go's fmt (<c>map[k:v]</c>).
/// </summary>
public sealed class GoTemplateDataTests
{
    private static readonly JsonElement Inspect = JsonDocument.Parse("""
        {
          "Id": "abc123",
          "Name": "/mynginx",
          "Args": ["-g", "daemon off;"],
          "State": { "Status": "running", "Running": true, "Pid": 4242, "ExitCode": 0, "Health": null },
          "Config": {
            "Cmd": ["nginx", "-g", "daemon off;"],
            "Entrypoint": null,
            "ExposedPorts": { "80/tcp": {} },
            "Labels": { "com.example": "yes", "b": "2", "a": "1" },
            "Env": ["PATH=/usr/bin", "NGINX_VERSION=1.27"]
          },
          "Mounts": [ { "Type": "volume", "Name": "dbdata" }, { "Type": "volume", "Name": "logs" } ]
        }
        """).RootElement;

    [Theory]
    [InlineData("{{.Config.Cmd}}", "[nginx -g daemon off;]")]
    [InlineData("{{json .Config.ExposedPorts}}", "{\"80/tcp\":{}}")]
    [InlineData("{{range .Mounts}}{{.Name}}{{end}}", "dbdatalogs")]
    [InlineData("{{join .Args \",\"}}", "-g,daemon off;")]
    [InlineData("{{index .Config.Labels \"com.example\"}}", "yes")]
    [InlineData("{{.Config.Labels}}", "map[a:1 b:2 com.example:yes]")]
    [InlineData("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}} {{end}}", "a=1 b=2 com.example=yes ")]
    [InlineData("{{.Config.Labels.nope}}", "<no value>")]
    [InlineData("{{.Nope.Deeper}}", "<no value>")]
    [InlineData("{{.State.Pid}} {{.State.Running}} {{if eq .State.ExitCode 0}}ok{{end}}", "4242 true ok")]
    [InlineData("{{.State}}", "map[ExitCode:0 Health:<nil> Pid:4242 Running:true Status:running]")]
    [InlineData("{{.Config.Entrypoint}}", "<no value>")]
    [InlineData("{{with .State.Health}}{{.Status}}{{else}}none{{end}}", "none")]
    [InlineData("{{len .Mounts}} {{len .Config.Env}}", "2 2")]
    [InlineData("{{json .Mounts}}", "[{\"Type\":\"volume\",\"Name\":\"dbdata\"},{\"Type\":\"volume\",\"Name\":\"logs\"}]")]
    [InlineData("{{json .State}}", "{\"Status\":\"running\",\"Running\":true,\"Pid\":4242,\"ExitCode\":0,\"Health\":null}")]
    [InlineData("{{range $i, $e := .Config.Env}}{{if $i}},{{end}}{{index (split $e \"=\") 0}}{{end}}", "PATH,NGINX_VERSION")]
    [InlineData("{{upper (slice .Id 0 3)}}", "ABC")]
    public void Inspect_json(string template, string expected)
    {
        Assert.Equal(expected, GoTemplate.Parse(template).Execute(Inspect));
        Assert.Equal(expected, GoTemplate.Parse(template).Execute(JsonNode.Parse(Inspect.GetRawText())));
    }

    [Theory]

    // docker/cli inspect's raw-JSON fallback runs with missingkey=error.
    [InlineData("{{.Foo}}", "template: :1:2: executing \"\" at <.Foo>: map has no entry for key \"Foo\"")]
    [InlineData("{{.Config.Foo}}", "template: :1:9: executing \"\" at <.Config.Foo>: map has no entry for key \"Foo\"")]
    [InlineData("{{.State.Health.Status}}", "template: :1:8: executing \"\" at <.State.Health.Status>: nil pointer evaluating interface {}.Status")]
    public void Missing_key_error(string template, string expected)
    {
        var e = Assert.Throws<GoTemplateException>(() => GoTemplate.Parse(template).Option("missingkey=error").Execute(Inspect));
        Assert.Equal(expected, e.Message);
    }

    [Theory]

    // moby api/types/volume.Volume: Labels, Options map[string]string; UsageData *UsageData.
    [InlineData("{\"Name\":\"v\",\"Labels\":null,\"Options\":null,\"UsageData\":null}", "{{.Labels}} {{.Options}} {{.UsageData}} {{json .Labels}}", "map[] map[] <nil> null")]

    // moby api/types/network.Inspect: IPAM.Config []IPAMConfig, IPAM.Options and Containers are maps, Peers []PeerInfo.
    [InlineData("{\"IPAM\":{\"Driver\":\"default\",\"Options\":null,\"Config\":null},\"Containers\":{},\"Peers\":null}", "{{.IPAM}} {{.Containers}} {{.Peers}}", "{default map[] []} map[] []")]
    public void Inspect_typed_nulls_of_volumes_and_networks(string json, string template, string expected) =>
        Assert.Equal(expected, GoTemplate.Parse(template).ExecuteInspect(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void Unknown_option_is_rejected_with_gos_panic_text()
    {
        var e = Assert.Throws<ArgumentException>(() => GoTemplate.Parse("x").Option("missingkey=maybe"));
        Assert.StartsWith("unrecognized option: missingkey=maybe", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dictionaries_are_go_maps()
    {
        var labels = new Dictionary<string, string> { ["z"] = "26", ["a"] = "1" };
        var data = new Dictionary<string, object?> { ["Labels"] = labels, ["Ro"] = labels.ToImmutableSortedDictionary(), ["Nil"] = null };

        Assert.Equal("map[a:1 z:26]", GoTemplate.Parse("{{.Labels}}").Execute(data));
        Assert.Equal("map[a:1 z:26]", GoTemplate.Parse("{{.Ro}}").Execute(data));

        // Go: index of a missing key gives the element type's zero value ("" for map[string]string).
        Assert.Equal("[]", GoTemplate.Parse("[{{index .Labels \"q\"}}]").Execute(data));
        Assert.Equal("<no value>", GoTemplate.Parse("{{.Labels.q}}").Execute(data));
        Assert.Equal("<no value>", GoTemplate.Parse("{{.Nil}}").Execute(data));
        Assert.Equal("<nil>", GoTemplate.Parse("{{print .Nil}}").Execute(data));
        Assert.Equal("1,26", GoTemplate.Parse("{{join (split (printf \"%s,%s\" .Labels.a .Labels.z) \",\") \",\"}}").Execute(data));
    }

    [Fact]
    public void Objects_expose_properties_and_methods()
    {
        var row = new Row();
        Assert.Equal("web nginx 3 truncated: ngi", GoTemplate.Parse("{{.Names}} {{.Image}} {{.Count}} {{.Cut 3}}").Execute(row));
        Assert.Equal("Up 2 minutes", GoTemplate.Parse("{{.Status}}").Execute(row));
        var e = Assert.Throws<GoTemplateException>(() => GoTemplate.Parse("{{.Nope}}").Execute(row));
        Assert.Equal("template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext", e.Message);
        e = Assert.Throws<GoTemplateException>(() => GoTemplate.Parse("{{.Fails}}").Execute(row));
        Assert.Equal("template: :1:2: executing \"\" at <.Fails>: error calling Fails: boom", e.Message);
    }

    [Fact]
    public void Header_functions_leave_column_names_alone()
    {
        // docker/cli formatter postFormat: the header row runs the same template with HeaderFunctions over the column names.
        var header = new Dictionary<string, string> { ["Names"] = "NAMES", ["Image"] = "IMAGE" };
        var t = GoTemplate.Parse("{{upper .Names}}\t{{json .Image}}\t{{truncate .Names 2}}");
        Assert.Equal("NAMES\tIMAGE\tNAMES", t.WithHeaderFunctions().Execute(header));
        Assert.Equal("NAMES\t\"IMAGE\"\tNA", t.Execute(header));
    }

    [Fact]
    public void Methods_of_a_map_type_come_before_its_keys()
    {
        // docker/cli formatter.SubHeaderContext: a map[string]string with a Label method, used for table headers.
        var header = new HeaderMap { ["Names"] = "NAMES" };
        Assert.Equal("NAMES\ttier", GoTemplate.Parse("{{.Names}}\t{{.Label \"com.example.tier\"}}").WithHeaderFunctions().Execute(header));
        Assert.Equal("<no value>", GoTemplate.Parse("{{.Clear}}").Execute(header));
        Assert.Single(header);
    }

    [Fact]
    public void Json_nodes_built_from_clr_numbers_compare_as_numbers()
    {
        var node = new JsonObject { ["ExitCode"] = 2, ["Pid"] = 42L, ["Ratio"] = 0.5 };
        Assert.Equal("2 42 0.5 true", GoTemplate.Parse("{{.ExitCode}} {{.Pid}} {{.Ratio}} {{eq .ExitCode 2}}").Execute(node));
    }

    [Fact]
    public void Named_templates_execute()
    {
        var t = GoTemplate.Parse("{{define \"row\"}}<{{.}}>{{end}}{{range .}}{{template \"row\" .}}{{end}}");
        Assert.Equal("<a><b>", t.Execute(new[] { "a", "b" }));
        Assert.Equal("<x>", t.ExecuteTemplate("row", "x"));
        var e = Assert.Throws<GoTemplateException>(() => t.ExecuteTemplate("nope", null));
        Assert.Equal("template: no template \"nope\" associated with template \"\"", e.Message);
    }

    [Fact]
    public void Multi_line_errors_carry_gos_line_numbers()
    {
        // Go's parse_test.go errorTests: unclosed1..unclosed4, var1.
        Assert.Equal("template: :2: unclosed action", ParseError("line1\n{{"));
        Assert.Equal("template: :3: unclosed action", ParseError("line1\n{{define `x`}}line2\n{{"));
        Assert.Equal("template: :4: unclosed action started at :2", ParseError("line1\n{{\"x\"\n\"y\"\n"));
        Assert.Equal("template: :6: unclosed action started at :1", ParseError("{{\n\n\n\n\n"));
        Assert.Equal("template: :3: function \"x\" not defined", ParseError("line1\n{{\nx\n}}"));
        Assert.Equal("template: :2: unclosed action", ParseError("{{ $v := `\n` }} {{"));
        var e = Assert.Throws<GoTemplateException>(() => GoTemplate.Parse("a\nbc {{.X.Y}}").Execute(new Dictionary<string, int> { ["X"] = 1 }));
        Assert.Equal("template: :2:7: executing \"\" at <.X.Y>: can't evaluate field Y in type int", e.Message);
    }

    [Fact]
    public void Text_without_actions_renders_unchanged()
    {
        Gen.String.Where(s => !s.Contains("{{", StringComparison.Ordinal)).Sample(s => GoTemplate.Parse(s).Execute(null) == s);
    }

    [Fact]
    public void Printed_strings_round_trip_through_print()
    {
        Gen.String.Sample(s => GoTemplate.Parse("{{.}}").Execute(s) == s && GoTemplate.Parse("{{print .}}").Execute(s) == s);
    }

    [Fact]
    public void Executions_reuse_nothing_of_an_earlier_run()
    {
        // Executions on one thread share an executor (output buffer, variable stack, member cache): each must start clean.
        var ps = GoTemplate.Parse("{{.Names}} {{.Image}}");
        Assert.Equal("web nginx", ps.Execute(new Row()));
        Assert.Equal("db postgres", ps.Execute(new OtherRow("db", "postgres")));
        var e = Assert.Throws<GoTemplateException>(() => GoTemplate.Parse("{{range $i, $e := .}}{{$e}}{{$e.Nope}}{{end}}").Execute(new[] { 1 }));
        // Go positions a variable's field chain at the field (parse.go operand: newChain(p.peek().pos, ...)).
        Assert.Equal("template: :1:31: executing \"\" at <$e.Nope>: can't evaluate field Nope in type int", e.Message);
        Assert.Equal("web nginx", ps.Execute(new Row()));
        var big = new string('x', 40_000);
        Assert.Equal(big + " nginx", ps.Execute(new OtherRow(big, "nginx")));
        Assert.Equal("web nginx", ps.Execute(new Row()));
    }

    [Fact]
    public void A_method_may_execute_another_template()
    {
        // A formatter context method that renders a template itself runs while the outer execution is under way.
        var outer = GoTemplate.Parse("[{{.Render}}|{{.Names}}]");
        Assert.Equal("[inner web|web]", outer.Execute(new Nested()));
    }

    [Fact]
    public void Rows_render_as_concatenated_fields()
    {
        var ps = GoTemplate.Parse("{{.Names}} {{.Image}}");
        Gen.Select(Gen.String, Gen.String).Sample((n, i) => ps.Execute(new OtherRow(n, i)) == n + " " + i);
    }

    private static string ParseError(string text) => Assert.Throws<GoTemplateException>(() => GoTemplate.Parse(text)).Message;

    private sealed class HeaderMap : Dictionary<string, string>
    {
        public string Label(string name) => name.Split('.')[^1];
    }

    public sealed record OtherRow(string Names, string Image);

    public sealed class Nested
    {
        private static readonly GoTemplate Inner = GoTemplate.Parse("inner {{.Names}}");

        public string Names => "web";

        public string Render() => Inner.Execute(this);
    }

    [GoTypeName("*formatter.ContainerContext")]
    private sealed class Row
    {
        public string Names => "web";

        public string Image => "nginx";

        public int Count => 3;

        public string Status() => "Up 2 minutes";

        public string Cut(int n) => "truncated: " + Image[..n];

        public string Fails() => throw new InvalidOperationException("boom");
    }
}
