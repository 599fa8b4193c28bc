using CsCheck;
using Simulator.References;

namespace Simulator.Tests.References;

public sealed class ImageReferenceTests
{
    private const string Hex64 = "dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";

    [Theory]
    // The seed document's references and the docker CLI's daily ones.
    [InlineData("alpine", "docker.io/library/alpine:latest", "alpine:latest")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36", "busybox:1.36")]
    [InlineData("localhost:5000/myadmin", "localhost:5000/myadmin:latest", "localhost:5000/myadmin:latest")]
    [InlineData("index.docker.io/dmcgowan/app", "docker.io/dmcgowan/app:latest", "dmcgowan/app:latest")]
    [InlineData("docker.io/library/foo/bar", "docker.io/library/foo/bar:latest", "library/foo/bar:latest")]
    [InlineData("localhost/app", "localhost/app:latest", "localhost/app:latest")]
    [InlineData("Example/app", "Example/app:latest", "Example/app:latest")]
    public void Docker_reference_adds_latest_and_familiar_form_strips_hub(string input, string docker, string familiar)
    {
        var reference = ImageReference.ParseDockerReference(input);
        Assert.Equal(docker, reference.ToString());
        Assert.Equal(familiar, reference.FamiliarString);
    }

    [Fact]
    public void Tag_and_digest_keep_both_but_docker_reference_keeps_the_digest()
    {
        var both = ImageReference.Parse($"alpine:3.20@sha256:{Hex64}");
        Assert.Equal($"docker.io/library/alpine:3.20@sha256:{Hex64}", both.ToString());
        Assert.Equal($"docker.io/library/alpine@sha256:{Hex64}", both.ToDockerReference().ToString());
        Assert.Equal("docker.io/library/alpine", both.WithoutTagOrDigest().ToString());
    }

    [Theory]
    [InlineData("UPPER", "invalid reference format: repository name (library/UPPER) must be lowercase")]
    [InlineData("docker.io/Foo/bar", "invalid reference format: repository name (Foo/bar) must be lowercase")]
    [InlineData("alpine:", "invalid reference format")]
    // The seed's placeholder host: '_' is not allowed in a domain, so Docker refuses the reference.
    [InlineData("your_registry:5000/mynginx", "invalid reference format")]
    [InlineData("alpine::latest", "invalid reference format")]
    [InlineData("-alpine", "invalid reference format")]
    [InlineData(" alpine", "invalid reference format")]
    [InlineData("alpine\n", "invalid reference format")]
    [InlineData("", "invalid reference format")]
    [InlineData(Hex64, "invalid repository name (" + Hex64 + "), cannot specify 64-byte hexadecimal strings")]
    [InlineData("alpine@sha256:abc", "invalid reference format")]
    [InlineData("alpine@sha256:" + Hex64 + "0", "invalid checksum digest length")]
    [InlineData("alpine@md5:" + Hex64, "unsupported digest algorithm")]
    public void Invalid_references_give_the_docker_cli_text(string input, string error)
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => ImageReference.Parse(input));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(error, ex.Message);
        Assert.False(ImageReference.TryParse(input, out var none, out var text));
        Assert.Null(none);
        Assert.Equal(error, text);
    }

    [Fact]
    public void Upper_case_tags_are_fine()
    {
        Assert.Equal("docker.io/library/lowercase:Uppercase", ImageReference.Parse("lowercase:Uppercase").ToString());
    }

    [Fact]
    public void Sixty_three_hex_digits_is_a_name()
    {
        Assert.Equal("docker.io/library/" + Hex64[..63], ImageReference.Parse(Hex64[..63]).ToString());
    }

    [Fact]
    public void Only_the_path_counts_toward_the_255_limit()
    {
        var path255 = new string('a', 255);
        var ok = ImageReference.Parse("a-very-long-registry.example.com:5000/" + path255);
        Assert.Equal(255, ok.Path.Length);
        var ex = Assert.Throws<DockerSimulatorException>(() => ImageReference.Parse("example.com/" + path255 + "a"));
        Assert.Equal("repository name must not be more than 255 characters", ex.Message);
        // On Docker Hub a one-component name gets library/ (8 characters) before the check.
        Assert.Throws<DockerSimulatorException>(() => ImageReference.Parse(new string('a', 250)));
    }

    [Fact]
    public void Parse_any_accepts_image_ids()
    {
        var id = ImageReference.ParseAny(Hex64);
        Assert.False(id.HasName);
        Assert.Equal("sha256:" + Hex64, id.ToString());
        Assert.Equal("sha256:" + Hex64, id.Digest.ToString());
        Assert.Equal("sha256:" + Hex64, id.FamiliarString);
        Assert.Same(id, id.WithDefaultTag());
    }

    [Fact]
    public void With_tag_and_with_digest()
    {
        var name = ImageReference.Parse("localhost:5000/app");
        Assert.Equal("localhost:5000/app:v2", name.WithTag("v2").ToString());
        var digest = Digest.Parse("sha256:" + Hex64);
        Assert.Equal($"localhost:5000/app:v2@sha256:{Hex64}", name.WithTag("v2").WithDigest(digest).ToString());
        Assert.Equal("invalid tag format", Assert.Throws<DockerSimulatorException>(() => name.WithTag("-bad")).Message);
        Assert.Equal("invalid tag format", Assert.Throws<DockerSimulatorException>(() => name.WithTag(new string('a', 129))).Message);
        Assert.Equal("invalid digest format", Assert.Throws<DockerSimulatorException>(() => name.WithDigest(default)).Message);
    }

    [Fact]
    public void Equality_is_by_canonical_string()
    {
        Assert.Equal(ImageReference.Parse("alpine"), ImageReference.Parse("docker.io/library/alpine"));
        Assert.True(ImageReference.Parse("alpine") == ImageReference.Parse("index.docker.io/library/alpine"));
        Assert.NotEqual(ImageReference.Parse("alpine"), ImageReference.Parse("alpine:latest"));
        Assert.Equal(ImageReference.Parse("alpine").GetHashCode(), ImageReference.Parse("docker.io/library/alpine").GetHashCode());
    }

    [Fact]
    public void Null_arguments_are_misuse()
    {
        Assert.Throws<ArgumentNullException>(() => ImageReference.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => ImageReference.ParseUnnormalized(null!));
        Assert.Throws<ArgumentNullException>(() => ImageReference.ParseAny(null!));
        Assert.Throws<ArgumentNullException>(() => ImageReference.ParseName(null!));
        Assert.False(ImageReference.TryParse(null, out _));
    }

    [Fact]
    public void Canonical_parse_requires_canonical_text()
    {
        Assert.Equal("docker.io/library/foo:1", ImageReference.ParseCanonical("docker.io/library/foo:1").ToString());
        Assert.Equal("repository name must be canonical", Assert.Throws<DockerSimulatorException>(() => ImageReference.ParseCanonical("foo:1")).Message);
    }
}

public sealed class ImageReferenceUnicodeTests
{
    [Theory]
    // Go's strings.ToLower maps these (titlecase, circled, roman numeral, Deseret), so Docker says "must be lowercase".
    [InlineData("foo/ǅ")]
    [InlineData("foo/Ⓐ")]
    [InlineData("foo/Ⅰ")]
    [InlineData("foo/\U00010400")]
    public void Letters_go_lowercases_are_reported_as_upper_case(string input)
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => ImageReference.Parse(input));
        Assert.Equal($"invalid reference format: repository name ({input}) must be lowercase", ex.Message);
    }

    [Theory]
    // Upper-case letters without a lower-case mapping: Go's ToLower keeps them, so only the grammar fails.
    [InlineData("foo/ℂ")]
    [InlineData("foo/ϒ")]
    public void Letters_go_cannot_lowercase_are_just_invalid(string input)
    {
        Assert.Equal("invalid reference format", Assert.Throws<DockerSimulatorException>(() => ImageReference.Parse(input)).Message);
    }

    [Fact]
    public void Capital_i_with_dot_lowercases_to_ascii_i_as_in_go()
    {
        Assert.Equal("repository name must be lowercase", Assert.Throws<DockerSimulatorException>(() => ImageReference.ParseUnnormalized("İmage")).Message);
    }

    [Fact]
    public void Digest_only_references_take_no_tag_or_digest()
    {
        var id = ImageReference.ParseAny(new string('a', 64));
        Assert.Throws<InvalidOperationException>(() => id.WithTag("x"));
        Assert.Throws<InvalidOperationException>(() => id.WithDigest(Digest.Compute("x"u8)));
    }

    [Theory]
    // go-digest compares len(encoded), which counts UTF-8 bytes.
    [InlineData(63, "é", "invalid checksum digest length")]
    [InlineData(62, "é", "invalid checksum digest format")]
    [InlineData(62, "😀", "invalid checksum digest length")]
    public void Digest_length_counts_utf8_bytes(int hexDigits, string tail, string error)
    {
        Assert.Equal(error, Assert.Throws<DockerSimulatorException>(() => Digest.Parse("sha256:" + new string('a', hexDigits) + tail)).Message);
    }
    [Fact]
    public void Domain_split_agrees_with_the_anchored_name_match()
    {
        // reference.go splitDomain runs anchoredNameRegexp on the name; the parser checks only the first segment instead.
        var chars = Gen.Char["abcxyz019AZ.-_:[]"];
        var segment = Gen.String[chars, 1, 8];
        Gen.Select(segment, segment.Array[0, 3], Gen.Bool).Sample((first, rest, tagged) =>
        {
            var text = string.Join('/', [first, .. rest]) + (tagged ? ":v1" : "");
            if (!ImageReference.TryParseUnnormalized(text, out var reference, out _))
            {
                return true;
            }

            var name = ReferenceGrammar.AnchoredName().Match(reference!.Domain.Length == 0 ? reference.Path : reference.Domain + "/" + reference.Path);
            return name.Success && name.Groups[1].Value == reference.Domain && name.Groups[2].Value == reference.Path;
        }, iter: 20_000);
        Assert.Equal(("localhost:5000", "a/b"), Split("localhost:5000/a/b"));
        Assert.Equal(("[::1]:5000", "a"), Split("[::1]:5000/a"));
        Assert.Equal(("a", "b"), Split("a/b")); // Parse (not ParseNormalizedNamed): the first segment is a domain name
        Assert.Equal(("", "a_b/c"), Split("a_b/c"));
        Assert.Equal(("a.b", "c"), Split("a.b/c"));
        Assert.Equal(("A", "b"), Split("A/b"));
    }

    private static (string Domain, string Path) Split(string text)
    {
        Assert.True(ImageReference.TryParseUnnormalized(text, out var reference, out var error), error);
        return (reference!.Domain, reference.Path);
    }
}
