using System.Text;
using Simulator.References;

namespace Simulator.Tests.References;

public sealed class DigestTests
{
    // sha256 of the empty string and of 1024 zero bytes (the empty tar: Docker's empty-layer DiffID).
    private const string EmptySha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string EmptyTarDiffId = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

    [Fact]
    public void Compute_gives_the_sha256_of_the_bytes()
    {
        Assert.Equal(EmptySha256, Digest.Compute([]).ToString());
        Assert.Equal(EmptyTarDiffId, Digest.Compute(new byte[1024]).ToString());
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", Digest.Compute("hello"u8).ToString());
    }

    [Fact]
    public void Compute_from_a_stream_equals_compute_from_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', 100_000));
        Assert.Equal(Digest.Compute(bytes), Digest.Compute(new MemoryStream(bytes)));
    }

    [Fact]
    public void Parts_and_short_id()
    {
        var d = Digest.Parse(EmptySha256);
        Assert.Equal("sha256", d.Algorithm);
        Assert.Equal(EmptySha256[7..], d.Encoded);
        Assert.Equal("e3b0c44298fc", d.ShortId);
        Assert.False(d.IsEmpty);
    }

    [Fact]
    public void Default_is_the_empty_digest()
    {
        Digest d = default;
        Assert.True(d.IsEmpty);
        Assert.Equal("", d.ToString());
        Assert.Equal("", d.Algorithm);
        Assert.Equal("", d.ShortId);
        Assert.Throws<InvalidOperationException>(() => d.Matches([]));
    }

    [Theory]
    // go-digest digest_test.go TestParseDigest cases.
    [InlineData("sha256:e58fcf7418d4390dec8e8fb69d88c06ec07039d651fedd3aa72af9972e7d046b", null)]
    [InlineData("sha384:38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b", null)]
    [InlineData("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e", null)]
    [InlineData("sha256:E58FCF7418D4390DEC8E8FB69D88C06EC07039D651FEDD3AA72AF9972E7D046B", "invalid checksum digest format")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e", "invalid checksum digest format")]
    [InlineData("sha256:d41d8cd98f00b204e9800", "invalid checksum digest length")]
    [InlineData("sha256:", "invalid checksum digest format")]
    [InlineData(":d41d8cd98f00b204e9800998ecf8427e", "invalid checksum digest format")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e", "unsupported digest algorithm")]
    [InlineData("foo:d41d8cd98f00b204e9800998ecf8427e", "unsupported digest algorithm")]
    [InlineData("sha256+b64:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", "unsupported digest algorithm")]
    [InlineData("Sha256:e58fcf7418d4390dec8e8fb69d88c06ec07039d651fedd3aa72af9972e7d046b", "invalid checksum digest format")]
    [InlineData("sha256:e58fcf7418d4390dec8e8fb69d88c06ec07039d651fedd3aa72af9972e7d046b\n", "invalid checksum digest length")]
    public void Parse_validates_as_go_digest(string input, string? error)
    {
        if (error is null)
        {
            var d = Digest.Parse(input);
            Assert.Equal(input, d.ToString());
            Assert.True(Digest.TryParse(input, out _));
            return;
        }

        var ex = Assert.Throws<DockerSimulatorException>(() => Digest.Parse(input));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(error, ex.Message);
        Assert.False(Digest.TryParse(input, out var none, out var text));
        Assert.True(none.IsEmpty);
        Assert.Equal(error, text);
    }

    [Fact]
    public void Parse_of_null_throws_argument_null()
    {
        Assert.Throws<ArgumentNullException>(() => Digest.Parse(null!));
        Assert.False(Digest.TryParse(null, out _));
    }

    [Fact]
    public void Matches_checks_content_with_the_digest_algorithm()
    {
        var sha512 = Digest.Parse("sha512:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData("abc"u8)));
        Assert.True(sha512.Matches("abc"u8));
        Assert.False(sha512.Matches("abd"u8));
        Assert.True(Digest.Compute("abc"u8).Matches("abc"u8));
    }

    [Fact]
    public void Equality_and_order_are_by_string()
    {
        var a = Digest.Compute("a"u8);
        var b = Digest.Parse(a.ToString());
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Digest.Compute("b"u8));
        Assert.Equal(Math.Sign(string.CompareOrdinal(a.ToString(), Digest.Compute("b"u8).ToString())), Math.Sign(a.CompareTo(Digest.Compute("b"u8))));
    }

    [Fact]
    public void FromSha256Hash_needs_32_bytes()
    {
        Assert.Throws<ArgumentException>(() => Digest.FromSha256Hash(new byte[31]));
        Assert.Equal(EmptySha256, Digest.FromSha256Hash(System.Security.Cryptography.SHA256.HashData(ReadOnlySpan<byte>.Empty)).ToString());
    }
}
