using System.Diagnostics.CodeAnalysis;
using Simulator.Internal;

namespace Simulator.References;

/// <summary>
/// An image reference, <c>[domain/]path[:tag][@digest]</c>, as Docker parses and normalises it.
/// </summary>
/// <remarks>
/// <para>Grammar (distribution/reference reference.go):</para>
/// <code>
/// reference       := name [ ":" tag ] [ "@" digest ]
/// name            := [domain '/'] remote-name
/// domain          := host [':' port-number]
/// host            := domain-name | IPv4address | \[ IPv6address \]
/// remote-name     := path-component ['/' path-component]*
/// path-component  := alpha-numeric [separator alpha-numeric]*
/// alpha-numeric   := /[a-z0-9]+/
/// separator       := /[_.]|__|[-]+/
/// tag             := /[\w][\w.-]{0,127}/
/// digest          := algorithm ":" encoded
/// </code>
/// <para>
/// <see cref="Parse"/> is what the docker CLI uses for <c>run</c>, <c>pull</c>, <c>create</c>, <c>tag</c>
/// and <c>rmi</c> (<c>ParseNormalizedNamed</c>): a name without a domain is on Docker Hub
/// (<c>docker.io</c>), a one-component Hub name gets <c>library/</c>, <c>index.docker.io</c> becomes
/// <c>docker.io</c>. The part before the first <c>/</c> is a domain only if it is <c>localhost</c>,
/// contains <c>.</c> or <c>:</c>, or has an upper-case letter. No tag is added: see
/// <see cref="WithDefaultTag"/> and <see cref="ToDockerReference"/>.
/// </para>
/// <para>
/// Errors carry Docker's text, e.g. <c>invalid reference format</c>,
/// <c>invalid reference format: repository name (library/UPPER) must be lowercase</c>,
/// <c>repository name must not be more than 255 characters</c> (only the path counts),
/// <c>invalid repository name (&lt;64 hex&gt;), cannot specify 64-byte hexadecimal strings</c>.
/// Digests accept <c>sha256</c>, <c>sha384</c> and <c>sha512</c>, as the docker CLI registers them.
/// </para>
/// <para>Instances are immutable and thread-safe; equality is by <see cref="ToString"/>.</para>
/// </remarks>
public sealed class ImageReference : IEquatable<ImageReference>
{
    /// <summary>The Docker Hub domain, <c>docker.io</c>.</summary>
    public const string DefaultDomain = "docker.io";

    /// <summary>The tag Docker assumes when none is given, <c>latest</c>.</summary>
    public const string DefaultTag = "latest";

    /// <summary>The longest repository path (the name without its domain), 255 characters.</summary>
    public const int MaxPathLength = 255;

    private const string LegacyDefaultDomain = "index.docker.io";
    private const string OfficialRepoPrefix = "library/";
    private const string Localhost = "localhost";

    private ImageReference(string domain, string path, string? tag, Digest? digest)
    {
        Domain = domain;
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host and optional port (<c>docker.io</c>, <c>localhost:5000</c>); <c>""</c> when there is none.</summary>
    public string Domain { get; }

    /// <summary>The repository path without the domain (<c>library/alpine</c>); <c>""</c> for a digest-only reference.</summary>
    public string Path { get; }

    /// <summary>The tag, or <see langword="null"/> when none was given.</summary>
    public string? Tag { get; }

    /// <summary>The digest, or <see langword="null"/> when none was given.</summary>
    public Digest? Digest { get; }

    /// <summary>Whether the reference has a repository name (only a digest-only image ID reference has none).</summary>
    public bool HasName => Path.Length > 0;

    /// <summary>Whether the reference is a name with neither tag nor digest.</summary>
    public bool IsNameOnly => Tag is null && Digest is null;

    /// <summary>The fully qualified name, <c>domain/path</c> (<c>docker.io/library/alpine</c>), or the path when there is no domain.</summary>
    public string Name => Domain.Length == 0 ? Path : Domain + "/" + Path;

    /// <summary>
    /// The short name Docker shows: <c>docker.io/</c> stripped, and <c>library/</c> too when one
    /// component remains (<c>alpine</c>, <c>dmcgowan/myapp</c>, <c>library/foo/bar</c>).
    /// </summary>
    public string FamiliarName
    {
        get
        {
            if (Domain != DefaultDomain)
            {
                return Name;
            }

            if (Path.StartsWith(OfficialRepoPrefix, StringComparison.Ordinal) &&
                !Path.AsSpan(OfficialRepoPrefix.Length).Contains('/'))
            {
                return Path[OfficialRepoPrefix.Length..];
            }

            return Path;
        }
    }

    /// <summary>The familiar name with its tag and digest, as <c>docker images</c> and error texts show it (<c>alpine:latest</c>).</summary>
    public string FamiliarString => Format(HasName ? FamiliarName : "");

    /// <summary>Parses a reference as the docker CLI does, normalising it (<c>alpine</c> is <c>docker.io/library/alpine</c>).</summary>
    /// <param name="s">The reference text.</param>
    /// <returns>The normalised reference; no tag is added.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/> with Docker's text when <paramref name="s"/> is not a valid reference.</exception>
    public static ImageReference Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var reference, out var error) ? reference : throw Errors.InvalidArgument(error);
    }

    /// <summary>Parses a reference as <see cref="Parse"/> does, without throwing.</summary>
    /// <param name="s">The reference text; <see langword="null"/> fails.</param>
    /// <param name="reference">The normalised reference, or <see langword="null"/> on failure.</param>
    /// <returns>Whether <paramref name="s"/> is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out ImageReference? reference) =>
        TryParse(s, out reference, out _);

    /// <summary>Parses a reference as <see cref="Parse"/> does, without throwing, giving Docker's error text on failure.</summary>
    /// <param name="s">The reference text; <see langword="null"/> fails with <c>invalid reference format</c>.</param>
    /// <param name="reference">The normalised reference, or <see langword="null"/> on failure.</param>
    /// <param name="error">Docker's error text on failure, otherwise <see langword="null"/>.</param>
    /// <returns>Whether <paramref name="s"/> is valid.</returns>
    public static bool TryParse(
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out ImageReference? reference,
        [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (s is null)
        {
            error = Errors.ReferenceInvalidFormat;
            return false;
        }

        // normalize.go ParseNormalizedNamed
        if (ReferenceGrammar.AnchoredIdentifier().IsMatch(s))
        {
            error = Errors.HexRepositoryName(s);
            return false;
        }

        var (domain, remainder) = SplitDockerDomain(s);
        int tagSeparator = remainder.IndexOf(':');
        string remote = tagSeparator > -1 ? remainder[..tagSeparator] : remainder;
        if (!GoCase.IsLower(remote))
        {
            error = Errors.RepositoryNameMustBeLowercase(remote);
            return false;
        }

        if (!TryParseUnnormalized(domain + "/" + remainder, out reference, out error))
        {
            return false;
        }

        if (!reference.HasName)
        {
            error = $"reference {reference} has no name";
            reference = null;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Parses a reference by the bare grammar, without normalisation (distribution/reference <c>Parse</c>):
    /// <c>alpine</c> stays <c>alpine</c> with no domain.
    /// </summary>
    /// <param name="s">The reference text.</param>
    /// <returns>The reference as written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/> with distribution/reference's text (e.g. <c>repository name must be lowercase</c>).</exception>
    public static ImageReference ParseUnnormalized(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParseUnnormalized(s, out var reference, out var error) ? reference : throw Errors.InvalidArgument(error);
    }

    /// <summary>Parses a reference as <see cref="ParseUnnormalized"/> does, without throwing.</summary>
    /// <param name="s">The reference text.</param>
    /// <param name="reference">The reference, or <see langword="null"/> on failure.</param>
    /// <param name="error">The error text on failure, otherwise <see langword="null"/>.</param>
    /// <returns>Whether <paramref name="s"/> is valid.</returns>
    public static bool TryParseUnnormalized(
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out ImageReference? reference,
        [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (string.IsNullOrEmpty(s))
        {
            error = Errors.NameEmpty;
            return false;
        }

        var match = ReferenceGrammar.Reference().Match(s);
        if (!match.Success)
        {
            string lower = GoCase.ToLower(s);
            error = lower != s && ReferenceGrammar.Reference().IsMatch(lower)
                ? Errors.NameContainsUppercase
                : Errors.ReferenceInvalidFormat;
            return false;
        }

        // reference.go splitDomain: anchoredNameRegexp on the name. The name already matched the name grammar, so the rest
        // after its first '/' is a remote name either way, and the domain is the first segment exactly when that segment is a
        // domain[:port] (a domain holds no '/'): one short match instead of a second capturing match of the whole name.
        string name = match.Groups[1].Value;
        int slash = name.IndexOf('/', StringComparison.Ordinal);
        bool hasDomain = slash > 0 && ReferenceGrammar.AnchoredDomain().IsMatch(name.AsSpan(0, slash));
        string domain = hasDomain ? name[..slash] : "";
        string path = hasDomain ? name[(slash + 1)..] : name;
        if (path.Length > MaxPathLength)
        {
            error = Errors.NameTooLong;
            return false;
        }

        string? tag = match.Groups[2].Success && match.Groups[2].Length > 0 ? match.Groups[2].Value : null;
        Digest? digest = null;
        if (match.Groups[3].Success && match.Groups[3].Length > 0)
        {
            if (!References.Digest.TryParse(match.Groups[3].Value, out var d, out var digestError))
            {
                error = digestError!;
                return false;
            }

            digest = d;
        }

        reference = new ImageReference(domain, path, tag, digest);
        error = null;
        return true;
    }

    /// <summary>
    /// Parses a reference that must already be in canonical form (distribution/reference <c>ParseNamed</c>):
    /// <c>docker.io/library/foo</c> is accepted, <c>foo</c> and <c>docker.io/foo</c> are not.
    /// </summary>
    /// <param name="s">The reference text.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: invalid, or <c>repository name must be canonical</c>.</exception>
    public static ImageReference ParseCanonical(string s)
    {
        var reference = Parse(s);
        return reference.ToString() == s ? reference : throw Errors.InvalidArgument(Errors.NameNotCanonical);
    }

    /// <summary>
    /// Parses a repository name alone, with no tag or digest and no normalisation (distribution/reference <c>WithName</c>).
    /// </summary>
    /// <param name="name">The name, e.g. <c>test.com:8080/foo</c>.</param>
    /// <returns>A name-only reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: <c>invalid reference format</c> or the name is too long.</exception>
    public static ImageReference ParseName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var match = ReferenceGrammar.AnchoredName().Match(name);
        if (!match.Success)
        {
            throw Errors.InvalidArgument(Errors.ReferenceInvalidFormat);
        }

        if (match.Groups[2].Length > MaxPathLength)
        {
            throw Errors.InvalidArgument(Errors.NameTooLong);
        }

        return new ImageReference(match.Groups[1].Value, match.Groups[2].Value, null, null);
    }

    /// <summary>
    /// Parses a reference or an image ID (distribution/reference <c>ParseAnyReference</c>): 64 lower-case hex
    /// digits or a bare digest give a digest-only reference (<see cref="HasName"/> is <see langword="false"/>);
    /// anything else is parsed as <see cref="Parse"/> does.
    /// </summary>
    /// <param name="s">The text.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/> with Docker's text.</exception>
    public static ImageReference ParseAny(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (ReferenceGrammar.AnchoredIdentifier().IsMatch(s))
        {
            return new ImageReference("", "", null, References.Digest.Parse(References.Digest.Sha256 + ":" + s));
        }

        if (References.Digest.TryParse(s, out var digest))
        {
            return new ImageReference("", "", null, digest);
        }

        return Parse(s);
    }

    /// <summary>
    /// Parses as <see cref="Parse"/> and then as Docker resolves a reference to pull or run
    /// (distribution/reference <c>ParseDockerRef</c>): see <see cref="ToDockerReference"/>.
    /// </summary>
    /// <param name="s">The reference text.</param>
    /// <returns>The reference with <c>:latest</c> added to a bare name, or only the digest when both tag and digest were given.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/> with Docker's text.</exception>
    public static ImageReference ParseDockerReference(string s) => Parse(s).ToDockerReference();

    /// <summary>
    /// The reference Docker pulls or runs: <c>:latest</c> added when there is neither tag nor digest,
    /// and the tag dropped when there are both (the digest wins).
    /// </summary>
    /// <returns>The resolved reference.</returns>
    public ImageReference ToDockerReference()
    {
        if (Tag is not null && Digest is not null)
        {
            return new ImageReference(Domain, Path, null, Digest);
        }

        return WithDefaultTag();
    }

    /// <summary>This reference with <c>:latest</c> added if it has neither tag nor digest (distribution/reference <c>TagNameOnly</c>).</summary>
    /// <returns>The tagged reference, or this one.</returns>
    public ImageReference WithDefaultTag() => IsNameOnly && HasName ? new ImageReference(Domain, Path, DefaultTag, null) : this;

    /// <summary>This reference's name with another tag, keeping any digest.</summary>
    /// <param name="tag">The tag, <c>[\w][\w.-]{0,127}</c>.</param>
    /// <returns>The new reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">This is a digest-only reference (<see cref="HasName"/> is <see langword="false"/>).</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: <c>invalid tag format</c>.</exception>
    public ImageReference WithTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ThrowIfNoName();
        if (!ReferenceGrammar.AnchoredTag().IsMatch(tag))
        {
            throw Errors.InvalidArgument(Errors.TagInvalidFormat);
        }

        return new ImageReference(Domain, Path, tag, Digest);
    }

    /// <summary>This reference's name with a digest, keeping any tag.</summary>
    /// <param name="digest">The digest.</param>
    /// <returns>The new reference.</returns>
    /// <exception cref="InvalidOperationException">This is a digest-only reference (<see cref="HasName"/> is <see langword="false"/>).</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: <c>invalid digest format</c> for the empty digest.</exception>
    public ImageReference WithDigest(Digest digest)
    {
        ThrowIfNoName();
        if (digest.IsEmpty)
        {
            throw Errors.InvalidArgument(Errors.DigestInvalidFormatRef);
        }

        return new ImageReference(Domain, Path, Tag, digest);
    }

    /// <summary>This reference's name alone, without tag or digest (distribution/reference <c>TrimNamed</c>).</summary>
    /// <returns>The name-only reference.</returns>
    public ImageReference WithoutTagOrDigest() => IsNameOnly ? this : new ImageReference(Domain, Path, null, null);

    /// <summary>The canonical string, <c>domain/path[:tag][@digest]</c> (<c>docker.io/library/alpine:latest</c>).</summary>
    /// <returns>The reference string.</returns>
    public override string ToString() => Format(Name);

    /// <inheritdoc/>
    public bool Equals(ImageReference? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ImageReference);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>Equality by canonical string.</summary>
    /// <param name="left">A reference.</param>
    /// <param name="right">Another reference.</param>
    /// <returns>Whether both are null or equal.</returns>
    public static bool operator ==(ImageReference? left, ImageReference? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by canonical string.</summary>
    /// <param name="left">A reference.</param>
    /// <param name="right">Another reference.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ImageReference? left, ImageReference? right) => !(left == right);

    private void ThrowIfNoName()
    {
        if (!HasName)
        {
            throw new InvalidOperationException($"reference {this} has no name");
        }
    }

    private string Format(string name)
    {
        if (name.Length == 0)
        {
            return Digest?.ToString() ?? "";
        }

        return (Tag, Digest) switch
        {
            (null, null) => name,
            (not null, null) => name + ":" + Tag,
            (null, not null) => name + "@" + Digest,
            _ => name + ":" + Tag + "@" + Digest,
        };
    }

    // normalize.go splitDockerDomain
    private static (string Domain, string Remainder) SplitDockerDomain(string name)
    {
        int slash = name.IndexOf('/');
        string domain;
        string remote;
        if (slash < 0)
        {
            return (DefaultDomain, OfficialRepoPrefix + name);
        }

        string maybeDomain = name[..slash];
        string maybeRemote = name[(slash + 1)..];
        if (maybeDomain == Localhost)
        {
            (domain, remote) = (maybeDomain, maybeRemote);
        }
        else if (maybeDomain == LegacyDefaultDomain)
        {
            (domain, remote) = (DefaultDomain, maybeRemote);
        }
        else if (maybeDomain.AsSpan().IndexOfAny('.', ':') >= 0 || !GoCase.IsLower(maybeDomain))
        {
            (domain, remote) = (maybeDomain, maybeRemote);
        }
        else
        {
            (domain, remote) = (DefaultDomain, name);
        }

        if (domain == DefaultDomain && !remote.Contains('/'))
        {
            remote = OfficialRepoPrefix + remote;
        }

        return (domain, remote);
    }
}
