using System.Text.RegularExpressions;

namespace Simulator.References;

/// <summary>
/// The reference grammar of distribution/reference regexp.go, as .NET regular expressions.
/// </summary>
/// <remarks>
/// Go's <c>\w</c> is ASCII-only and its <c>$</c> is end of text; here they are spelled
/// <c>[A-Za-z0-9_]</c> and <c>\z</c>, since .NET's <c>\w</c> is Unicode and its <c>$</c> also
/// matches before a final newline.
/// </remarks>
internal static partial class ReferenceGrammar
{
    private const string Alphanumeric = "[a-z0-9]+";
    private const string Separator = "(?:[._]|__|[-]+)";
    private const string PathComponent = Alphanumeric + "(?:" + Separator + Alphanumeric + ")*";
    private const string RemoteName = PathComponent + "(?:/" + PathComponent + ")*";
    private const string DomainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string DomainName = DomainNameComponent + @"(?:\." + DomainNameComponent + ")*";
    private const string Ipv6Address = @"\[(?:[a-fA-F0-9:]+)\]";
    private const string Host = "(?:" + DomainName + "|" + Ipv6Address + ")";
    private const string DomainAndPort = Host + "(?::[0-9]+)?";
    private const string Tag = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private const string DigestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";
    private const string NamePattern = "(?:" + DomainAndPort + "/)?" + RemoteName;

    /// <summary><c>^(name)(?::(tag))?(?:@(digest))?$</c>.</summary>
    [GeneratedRegex("^(" + NamePattern + ")(?::(" + Tag + "))?(?:@(" + DigestPattern + "))?\\z", RegexOptions.CultureInvariant)]
    public static partial Regex Reference();

    /// <summary><c>^(?:(domain)/)?(remote-name)$</c>.</summary>
    [GeneratedRegex("^(?:(" + DomainAndPort + ")/)?(" + RemoteName + ")\\z", RegexOptions.CultureInvariant)]
    public static partial Regex AnchoredName();

    /// <summary><c>^domain[:port]$</c>: whether a name's first segment is its domain (see <see cref="AnchoredName"/>).</summary>
    [GeneratedRegex("^" + DomainAndPort + "\\z", RegexOptions.CultureInvariant)]
    public static partial Regex AnchoredDomain();

    /// <summary>An anchored tag.</summary>
    [GeneratedRegex("^" + Tag + "\\z", RegexOptions.CultureInvariant)]
    public static partial Regex AnchoredTag();

    /// <summary>64 lower-case hex digits: an image ID, never a repository name.</summary>
    [GeneratedRegex("^[a-f0-9]{64}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex AnchoredIdentifier();
}
