namespace Simulator.Networking;

/// <summary><c>docker network create</c> / <c>POST /networks/create</c> options. Immutable.</summary>
/// <param name="Name">The network's name.</param>
public sealed record NetworkCreateOptions(string Name)
{
    /// <summary><c>--driver</c>: <c>bridge</c> (the default); other drivers are recorded but behave as bridge.</summary>
    public string Driver { get; init; } = "bridge";

    /// <summary><c>--subnet</c> (CIDR, e.g. <c>10.10.0.0/24</c>); <see langword="null"/> takes the next free default pool (<c>172.18.0.0/16</c>, <c>172.19.0.0/16</c>, … <c>172.31.0.0/16</c>, then <c>192.168.0.0/20</c>, <c>192.168.16.0/20</c>, …).</summary>
    public string? Subnet { get; init; }

    /// <summary><c>--gateway</c>; <see langword="null"/> is the subnet's first address.</summary>
    public string? Gateway { get; init; }

    /// <summary><c>--internal</c>: recorded.</summary>
    public bool Internal { get; init; }

    /// <summary><c>--attachable</c>: recorded.</summary>
    public bool Attachable { get; init; }

    /// <summary><c>--label</c>s.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>--opt</c> driver options: recorded.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
