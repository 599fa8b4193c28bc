using System.Text;
using CsCheck;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Tests.Images;

public sealed class ImageConfigJsonTests
{
    private static readonly Digest Layer1 = Digest.Parse("sha256:" + new string('a', 64));
    private static readonly Digest Layer2 = Digest.Parse("sha256:" + new string('b', 64));

    [Fact]
    public void Empty_config_writes_config_and_rootfs_always_and_omits_the_rest()
    {
        Assert.Equal(
            """{"architecture":"amd64","config":{},"os":"linux","rootfs":{"type":"layers"}}""",
            new ImageConfig().ToJsonString());
    }

    [Fact]
    public void Full_config_has_sorted_top_level_keys_and_struct_order_inside()
    {
        var config = new ImageConfig
        {
            Created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_500),
            Author = "me <me@example.com>",
            Variant = "v8",
            Architecture = "arm64",
            Config = new RunConfig
            {
                User = "nginx",
                ExposedPorts = ["80/tcp", "443/tcp", "80/tcp"],
                Env = ["PATH=/usr/bin", "A=<b>&c"],
                Entrypoint = ["/docker-entrypoint.sh"],
                Cmd = ["nginx", "-g", "daemon off;"],
                Volumes = ["/var/cache", "/data"],
                WorkingDir = "/app",
                Labels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" },
                StopSignal = "SIGQUIT",
                ArgsEscaped = true,
                Healthcheck = new HealthcheckConfig
                {
                    Test = ["CMD-SHELL", "curl -f http://localhost/"],
                    Interval = TimeSpan.FromSeconds(30),
                    StartInterval = TimeSpan.FromMilliseconds(5),
                    Retries = 3,
                },
                OnBuild = ["RUN echo hi"],
                Shell = ["/bin/bash", "-c"],
            },
            DiffIds = [Layer1, Layer2],
            History =
            [
                new HistoryEntry { Created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), CreatedBy = "ADD file in /" },
                new HistoryEntry { CreatedBy = "CMD [\"sh\"]", Author = "x", Comment = "buildkit.dockerfile.v0", EmptyLayer = true },
                new HistoryEntry { CreatedBy = "COPY a /a # buildkit" },
            ],
        };
        Assert.Equal(
            "{\"architecture\":\"arm64\",\"author\":\"me \\u003cme@example.com\\u003e\"," +
            "\"config\":{\"User\":\"nginx\",\"ExposedPorts\":{\"443/tcp\":{},\"80/tcp\":{}},\"Env\":[\"PATH=/usr/bin\",\"A=\\u003cb\\u003e\\u0026c\"]," +
            "\"Entrypoint\":[\"/docker-entrypoint.sh\"],\"Cmd\":[\"nginx\",\"-g\",\"daemon off;\"],\"Volumes\":{\"/data\":{},\"/var/cache\":{}}," +
            "\"WorkingDir\":\"/app\",\"Labels\":{\"a\":\"1\",\"b\":\"2\"},\"StopSignal\":\"SIGQUIT\",\"ArgsEscaped\":true," +
            "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"curl -f http://localhost/\"],\"Interval\":30000000000,\"StartInterval\":5000000,\"Retries\":3}," +
            "\"OnBuild\":[\"RUN echo hi\"],\"Shell\":[\"/bin/bash\",\"-c\"]}," +
            "\"created\":\"2024-01-02T03:04:05.12345Z\"," +
            "\"history\":[{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"ADD file in /\"}," +
            "{\"created_by\":\"CMD [\\\"sh\\\"]\",\"author\":\"x\",\"comment\":\"buildkit.dockerfile.v0\",\"empty_layer\":true}," +
            "{\"created_by\":\"COPY a /a # buildkit\"}]," +
            "\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + new string('a', 64) + "\",\"sha256:" + new string('b', 64) + "\"]}," +
            "\"variant\":\"v8\"}",
            config.ToJsonString());
    }

    [Fact]
    public void A_busybox_style_config_round_trips_byte_for_byte()
    {
        // The shape of docker.io/library/busybox's config as its registry serves it.
        var json =
            "{\"architecture\":\"amd64\",\"config\":{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],\"Cmd\":[\"sh\"]}," +
            "\"created\":\"2024-09-26T21:31:42Z\",\"history\":[{\"created\":\"2024-09-26T21:31:42Z\",\"created_by\":\"BusyBox 1.37.0 (glibc), Debian 12\"}]," +
            "\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + new string('c', 64) + "\"]}}";
        var config = ImageConfig.Parse(json);
        Assert.Equal(json, config.ToJsonString());
        Assert.Equal(Digest.Compute(Encoding.UTF8.GetBytes(json)), config.ComputeId());
        Assert.Equal(["sh"], config.Config.Cmd);
        Assert.Equal(new DateTimeOffset(2024, 9, 26, 21, 31, 42, TimeSpan.Zero), config.Created);
    }

    [Fact]
    public void Strings_are_escaped_as_go_encoding_json_escapes_them()
    {
        var config = new ImageConfig { Author = "q\"b\\ \b\f\n\r\t\u0001\u001f\u007f <>& \u2028\u2029 é 😀 \ud800x" };
        Assert.Contains(
            "\"author\":\"q\\\"b\\\\ \\b\\f\\n\\r\\t\\u0001\\u001f\u007f \\u003c\\u003e\\u0026 \\u2028\\u2029 é 😀 \\ufffdx\"",
            config.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Times_keep_their_offset_and_trim_fractional_zeros()
    {
        var plus = new ImageConfig { Created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(5_000_000) };
        Assert.Contains("\"created\":\"2024-01-02T03:04:05.5+02:00\"", plus.ToJsonString(), StringComparison.Ordinal);
        var parsed = ImageConfig.Parse("""{"created":"2024-01-02T03:04:05.123456789-05:30","rootfs":{"type":"layers"}}""");
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, new TimeSpan(-5, -30, 0)).AddTicks(1_234_567), parsed.Created);
        Assert.Contains("\"created\":\"2024-01-02T03:04:05.1234567-05:30\"", parsed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Image_id_is_the_sha256_of_the_json()
    {
        var config = new ImageConfig { DiffIds = [Layer1], Config = new RunConfig { Cmd = ["sh"] } };
        Assert.Equal(Digest.Compute(config.ToJson()), config.ComputeId());
        Assert.Equal(config.ComputeId(), (config with { }).ComputeId());
        Assert.NotEqual(config.ComputeId(), (config with { Os = "windows" }).ComputeId());
    }

    [Fact]
    public void Set_order_does_not_change_the_json_or_equality()
    {
        var a = new RunConfig { ExposedPorts = ["80/tcp", "53/udp"], Volumes = ["/b", "/a"] };
        var b = new RunConfig { ExposedPorts = ["53/udp", "80/tcp"], Volumes = ["/a", "/b", "/a"] };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(new ImageConfig { Config = a }, new ImageConfig { Config = b });
        Assert.NotEqual(a, a with { Env = ["A=1"] });
    }

    [Fact]
    public void Parse_ignores_unknown_members_null_and_matches_names_case_insensitively()
    {
        var config = ImageConfig.Parse(
            """
            {"architecture":"arm64","os":"linux","moby.buildkit.buildinfo.v1":"e30=","container_config":{"Hostname":"x"},
             "config":{"cmd":["sh"],"Env":null,"ExposedPorts":{"80/tcp":{}},"Labels":{"a":"b"},"Healthcheck":{"Test":["NONE"],"Interval":1500,"Retries":2}},
             "rootfs":{"type":"layers","diff_ids":null},"history":[{"created_by":"x","empty_layer":true}]}
            """);
        Assert.Equal("arm64", config.Architecture);
        Assert.Equal(["sh"], config.Config.Cmd);
        Assert.Empty(config.Config.Env);
        Assert.Equal(["80/tcp"], config.Config.ExposedPorts);
        Assert.Equal("b", config.Config.Labels["a"]);
        Assert.Equal(["NONE"], config.Config.Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromTicks(15), config.Config.Healthcheck.Interval);
        Assert.Equal(2, config.Config.Healthcheck.Retries);
        Assert.Empty(config.DiffIds);
        Assert.True(config.History[0].EmptyLayer);
    }

    [Theory]
    [InlineData("{", "invalid image JSON: ")]
    [InlineData("[]", "json: cannot unmarshal array into Go struct field Image of type image.Image")]
    [InlineData("{}", "invalid image JSON, no RootFS key")]
    [InlineData("""{"rootfs":null}""", "invalid image JSON, no RootFS key")]
    [InlineData("""{"rootfs":{"type":"layers"},"config":{"Env":"A=1"}}""", "json: cannot unmarshal string into Go struct field Image.config.Env of type array")]
    [InlineData("""{"rootfs":{"type":"layers"},"created":"yesterday"}""", "invalid image JSON: parsing time \"yesterday\" as RFC 3339")]
    [InlineData("""{"rootfs":{"type":"layers","diff_ids":["sha256:abc"]}}""", "invalid checksum digest length")]
    [InlineData("""{"rootfs":{"type":"layers"},"config":{"ArgsEscaped":1}}""", "json: cannot unmarshal number into Go struct field Image.config.ArgsEscaped of type bool")]
    public void Malformed_json_is_refused_as_invalid_argument(string json, string message)
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => ImageConfig.Parse(json));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => ImageConfig.Parse([(byte)'{', 0xff, (byte)'}']));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }

    private static readonly Gen<string> GenText = Gen.String[Gen.Char, 0, 8];

    private static readonly Gen<ImageConfig> GenConfig =
        Gen.Select(
            Gen.Select(GenText, GenText.Array[0, 3], GenText.Array[0, 3], GenText.Array[0, 3]),
            Gen.Select(GenText, Gen.Long[0, 1L << 50], Gen.Int, Gen.Bool),
            (a, b) => new ImageConfig
            {
                Author = a.Item1,
                Created = DateTimeOffset.UnixEpoch.AddTicks(b.Item2),
                Config = new RunConfig
                {
                    Env = a.Item2,
                    Cmd = a.Item3,
                    ExposedPorts = a.Item4,
                    User = b.Item1,
                    Labels = a.Item4.Distinct().ToDictionary(x => x, x => x + b.Item1),
                    Healthcheck = b.Item4 ? new HealthcheckConfig { Retries = b.Item3, Timeout = TimeSpan.FromTicks(b.Item2) } : null,
                },
                History = [.. a.Item3.Select(x => new HistoryEntry { CreatedBy = x, EmptyLayer = b.Item4 })],
            });

    [Fact]
    public void Write_parse_write_is_stable_for_any_config()
    {
        GenConfig.Sample(config =>
        {
            // Lone surrogates are written as U+FFFD, so compare the second write with the first.
            var json = config.ToJson();
            var again = ImageConfig.Parse(json).ToJson();
            Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(again));
            Assert.Equal(config.ComputeId(), config.ComputeId());
        });
    }
}
