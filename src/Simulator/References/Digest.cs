using System.Security.Cryptography;
using System.Text;
using Simulator.Internal;

namespace Simulator.References;

/// <summary>
/// A content digest, <c>algorithm:encoded</c>, e.g. <c>sha256:</c> followed by 64 lower-case hex digits.
/// </summary>
/// <remarks>
/// <para>
/// Grammar and validation as opencontainers/go-digest <c>Digest.Validate</c>: the algorithm must be
/// registered (<c>sha256</c>, and <c>sha384</c>/<c>sha512</c> as the docker CLI registers them), the
/// encoded part must be lower-case hex of exactly twice the hash size. Errors, in that order of checks:
/// <c>invalid checksum digest format</c>, <c>unsupported digest algorithm</c>,
/// <c>invalid checksum digest length</c>.
/// </para>
/// <para>
/// <see langword="default"/>(<see cref="Digest"/>) is the empty digest: <see cref="IsEmpty"/> is
/// <see langword="true"/> and <see cref="ToString"/> returns <c>""</c>. The type is immutable and thread-safe.
/// </para>
/// </remarks>
public readonly struct Digest : IEquatable<Digest>, IComparable<Digest>
{
    /// <summary>The canonical algorithm, <c>sha256</c>.</summary>
    public const string Sha256 = "sha256";

    /// <summary>The <c>sha384</c> algorithm (96 hex digits).</summary>
    public const string Sha384 = "sha384";

    /// <summary>The <c>sha512</c> algorithm (128 hex digits).</summary>
    public const string Sha512 = "sha512";

    private readonly string? _value;
    private readonly int _colon;

    private Digest(string value, int colon)
    {
        _value = value;
        _colon = colon;
    }

    /// <summary>The algorithm, e.g. <c>sha256</c>; <c>""</c> for the empty digest.</summary>
    public string Algorithm => _value is null ? "" : _value[.._colon];

    /// <summary>The encoded (hex) part; <c>""</c> for the empty digest.</summary>
    public string Encoded => _value is null ? "" : _value[(_colon + 1)..];

    /// <summary>The algorithm, without allocating (prefix scans over many digests).</summary>
    internal ReadOnlySpan<char> AlgorithmSpan => _value is null ? default : _value.AsSpan(0, _colon);

    /// <summary>The encoded part, without allocating (prefix scans over many digests).</summary>
    internal ReadOnlySpan<char> EncodedSpan => _value is null ? default : _value.AsSpan(_colon + 1);

    /// <summary>Whether this is <see langword="default"/>(<see cref="Digest"/>).</summary>
    public bool IsEmpty => _value is null;

    /// <summary>
    /// The first 12 hex digits of the encoded part, as Docker shows short IDs (<c>docker images</c>,
    /// <c>docker ps</c>; go-digest <c>stringid.TruncateID</c>).
    /// </summary>
    public string ShortId => IsEmpty ? "" : EncodedSpan[..Math.Min(12, EncodedSpan.Length)].ToString();

    /// <summary>Parses and validates a digest string.</summary>
    /// <param name="s">The text, e.g. <c>sha256:e3b0c442...</c>.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: <paramref name="s"/> is not a valid digest; the message is go-digest's.
    /// </exception>
    public static Digest Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var digest, out var error) ? digest : throw Errors.InvalidArgument(error);
    }

    /// <summary>Parses and validates a digest string without throwing.</summary>
    /// <param name="s">The text; <see langword="null"/> fails.</param>
    /// <param name="digest">The digest, or <see langword="default"/> on failure.</param>
    /// <returns>Whether <paramref name="s"/> is a valid digest.</returns>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? s, out Digest digest) => TryParse(s, out digest, out _);

    /// <summary>Parses and validates a digest string without throwing, giving go-digest's error text on failure.</summary>
    /// <param name="s">The text; <see langword="null"/> fails with <c>invalid checksum digest format</c>.</param>
    /// <param name="digest">The digest, or <see langword="default"/> on failure.</param>
    /// <param name="error">go-digest's error text on failure, otherwise <see langword="null"/>.</param>
    /// <returns>Whether <paramref name="s"/> is a valid digest.</returns>
    public static bool TryParse(
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? s,
        out Digest digest,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        digest = default;
        error = Validate(s, out var colon);
        if (error is not null)
        {
            return false;
        }

        digest = new Digest(s!, colon);
        return true;
    }

    /// <summary>Computes the <c>sha256</c> digest of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes to hash.</param>
    /// <returns>The digest, <c>sha256:</c> plus 64 lower-case hex digits.</returns>
    public static Digest Compute(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return FromSha256Hash(hash);
    }

    /// <summary>Computes the <c>sha256</c> digest of the rest of <paramref name="stream"/>.</summary>
    /// <param name="stream">A readable stream, read to its end.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public static Digest Compute(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(stream, hash);
        return FromSha256Hash(hash);
    }

    /// <summary>Computes the digest of <paramref name="data"/> with a registered algorithm.</summary>
    /// <param name="algorithm"><see cref="Sha256"/>, <see cref="Sha384"/> or <see cref="Sha512"/>.</param>
    /// <param name="data">The bytes to hash.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not registered.</exception>
    public static Digest Compute(string algorithm, ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[64];
        int written = algorithm switch
        {
            Sha256 => SHA256.HashData(data, hash),
            Sha384 => SHA384.HashData(data, hash),
            Sha512 => SHA512.HashData(data, hash),
            _ => throw new ArgumentException($"unsupported digest algorithm {algorithm}", nameof(algorithm)),
        };
        return new Digest(algorithm + ":" + Convert.ToHexStringLower(hash[..written]), algorithm.Length);
    }

    /// <summary>Makes a <c>sha256</c> digest from a 32-byte hash value.</summary>
    /// <param name="hash">The 32 hash bytes.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is not 32 bytes long.</exception>
    public static Digest FromSha256Hash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("A sha256 hash is 32 bytes.", nameof(hash));
        }

        return new Digest(Sha256 + ":" + Convert.ToHexStringLower(hash), Sha256.Length);
    }

    /// <summary>
    /// Whether <paramref name="data"/> hashes to this digest with this digest's algorithm.
    /// </summary>
    /// <param name="data">The bytes to check.</param>
    /// <returns><see langword="true"/> if the content matches.</returns>
    /// <exception cref="InvalidOperationException">This is the empty digest.</exception>
    public bool Matches(ReadOnlySpan<byte> data)
    {
        if (IsEmpty)
        {
            throw new InvalidOperationException("The empty digest matches no content.");
        }

        return Compute(Algorithm, data) == this;
    }

    /// <summary>The digest as <c>algorithm:encoded</c>; <c>""</c> for the empty digest.</summary>
    /// <returns>The digest string.</returns>
    public override string ToString() => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(Digest other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Digest other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Orders digests by their string form, ordinally.</summary>
    /// <param name="other">The other digest.</param>
    /// <returns>Negative, zero or positive, as <see cref="string.CompareOrdinal(string, string)"/>.</returns>
    public int CompareTo(Digest other) => string.CompareOrdinal(_value, other._value);

    /// <summary>Equality of the string forms.</summary>
    /// <param name="left">A digest.</param>
    /// <param name="right">Another digest.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(Digest left, Digest right) => left.Equals(right);

    /// <summary>Inequality of the string forms.</summary>
    /// <param name="left">A digest.</param>
    /// <param name="right">Another digest.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(Digest left, Digest right) => !left.Equals(right);

    /// <summary>The hex length of an algorithm's encoded part, or 0 if the algorithm is not registered.</summary>
    internal static int EncodedLength(ReadOnlySpan<char> algorithm) => algorithm switch
    {
        Sha256 => 64,
        Sha384 => 96,
        Sha512 => 128,
        _ => 0,
    };

    // go-digest Digest.Validate
    private static string? Validate(string? s, out int colon)
    {
        colon = s is null ? -1 : s.IndexOf(':');
        if (s is null || colon <= 0 || colon + 1 == s.Length)
        {
            return Errors.DigestInvalidFormat;
        }

        var algorithm = s.AsSpan(0, colon);
        var encoded = s.AsSpan(colon + 1);
        int expected = EncodedLength(algorithm);
        if (expected == 0)
        {
            return IsDigestShaped(s, colon) ? Errors.DigestUnsupported : Errors.DigestInvalidFormat;
        }

        // go-digest compares len(encoded), a count of UTF-8 bytes.
        if ((Ascii.IsValid(encoded) ? encoded.Length : Encoding.UTF8.GetByteCount(encoded)) != expected)
        {
            return Errors.DigestInvalidLength;
        }

        foreach (char c in encoded)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return Errors.DigestInvalidFormat;
            }
        }

        return null;
    }

    // go-digest DigestRegexpAnchored: ^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$
    private static bool IsDigestShaped(string s, int colon)
    {
        bool afterSeparator = true;
        for (int i = 0; i < colon; i++)
        {
            char c = s[i];
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                afterSeparator = false;
            }
            else if (c is '.' or '+' or '_' or '-' && !afterSeparator)
            {
                afterSeparator = true;
            }
            else
            {
                return false;
            }
        }

        if (afterSeparator)
        {
            return false;
        }

        for (int i = colon + 1; i < s.Length; i++)
        {
            char c = s[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '=' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
