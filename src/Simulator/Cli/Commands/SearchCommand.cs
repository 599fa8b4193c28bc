using System.Globalization;
using Simulator.Cli.CommandLine;

namespace Simulator.Cli.Commands;

/// <summary>
/// <c>docker search</c> (docker/cli v28.2.2 cli/command/registry/search.go; moby v28.2.2 registry/search.go): the
/// simulated engine has no route to Docker Hub's index, so after the daemon's own checks it fails as a daemon with no
/// network does.
/// </summary>
internal static class SearchCommand
{
    /// <summary>The filters the daemon accepts (registry/search.go acceptedSearchFilterTags).</summary>
    private static readonly string[] AcceptedFilters = ["is-automated", "is-official", "stars"];

    /// <summary>
    /// Checks as moby's <c>Service.Search</c> does, in its order: filter names, the term's scheme, the limit (0 is 25, else
    /// 1 to 100); then the index request fails: <c>Get "https://index.docker.io/v1/search?q=TERM&amp;n=25": dial tcp:
    /// lookup index.docker.io on 127.0.0.53:53: no such host</c> (the resolver address of a systemd-resolved host, as
    /// the engine's registry errors use), exit 1.
    /// </summary>
    public static Task<int> RunAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        var term = inv.Args[0];
        if (f.List("filter").Any(x => x.StartsWith("is-automated=", StringComparison.Ordinal)))
        {
            inv.Err.WriteLine("WARNING: the \"is-automated\" filter is deprecated, and searching for \"is-automated=true\" will not yield any results in future.");
        }

        foreach (var filter in f.List("filter"))
        {
            var key = filter[..filter.IndexOf('=', StringComparison.Ordinal)];
            if (!AcceptedFilters.Contains(key, StringComparer.Ordinal))
            {
                throw new CliError($"Error response from daemon: invalid filter '{key}'");
            }
        }

        if (term.StartsWith("http://", StringComparison.Ordinal) || term.StartsWith("https://", StringComparison.Ordinal))
        {
            throw new CliError($"Error response from daemon: invalid repository name: repository name ({term}) should not have a scheme");
        }

        int limit = f.Int("limit") ?? 0;
        if (limit == 0)
        {
            limit = 25;
        }

        if (limit is < 1 or > 100)
        {
            throw new CliError($"Error response from daemon: limit {limit.ToString(CultureInfo.InvariantCulture)} is outside the range of [1, 100]");
        }

        // splitReposSearchTerm: a first component with '.' or ':' or "localhost" names the index; else Docker Hub, "library/" dropped.
        var (host, remote) = SplitTerm(term);
        var lookup = host.Split(':')[0];
        if (host == "index.docker.io")
        {
            var url = $"https://index.docker.io/v1/search?q={Uri.EscapeDataString(remote)}&n={limit.ToString(CultureInfo.InvariantCulture)}";
            throw new CliError($"Error response from daemon: Get \"{url}\": dial tcp: lookup {lookup} on 127.0.0.53:53: no such host");
        }

        // search_endpoint_v1.go newV1Endpoint: another index is pinged first; a secure one that fails is refused with this advice.
        // (A loopback index is insecure and would be retried over HTTP: not modelled, it gets the same text.)
        var ping = $"Get \"https://{host}/v1/_ping\": dial tcp: lookup {lookup} on 127.0.0.53:53: no such host";
        throw new CliError($"Error response from daemon: invalid registry endpoint https://{host}/v1/: {ping}. If this private registry supports only HTTP or HTTPS with an unknown CA certificate, please add `--insecure-registry {host}` to the daemon's arguments. In the case of HTTPS, if you have access to the registry's CA certificate, no need for the flag; simply place the CA certificate at /etc/docker/certs.d/{host}/ca.crt");
    }

    private static (string Host, string Remote) SplitTerm(string term)
    {
        int slash = term.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = term[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                return first is "docker.io" or "index.docker.io" ? ("index.docker.io", TrimLibrary(term[(slash + 1)..])) : (first, term[(slash + 1)..]);
            }
        }

        return ("index.docker.io", TrimLibrary(term));

        static string TrimLibrary(string s) => s.StartsWith("library/", StringComparison.Ordinal) ? s["library/".Length..] : s;
    }
}
