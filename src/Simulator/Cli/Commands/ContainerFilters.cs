using Simulator.Cli.CommandLine;
using Simulator.Containers;

namespace Simulator.Cli.Commands;

/// <summary><c>docker ps --filter</c> (moby daemon/list.go): id, name, status, label, exited, ancestor.</summary>
internal static class ContainerFilters
{
    public static IEnumerable<Container> Apply(IEnumerable<Container> list, IReadOnlyList<string> filters)
    {
        foreach (var filter in filters)
        {
            int eq = filter.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliError("Error response from daemon: bad format of filter (expected name=value)");
            }

            var key = filter[..eq].ToLowerInvariant();
            var value = filter[(eq + 1)..];
            list = key switch
            {
                "id" => list.Where(c => c.Id.StartsWith(value, StringComparison.Ordinal)),
                "name" => list.Where(c => System.Text.RegularExpressions.Regex.IsMatch(c.Name.TrimStart('/'), value)),
                "status" => IsStatus(value) ? list.Where(c => c.State.Status.ToString().Equals(value, StringComparison.OrdinalIgnoreCase)) : throw new CliError($"Error response from daemon: invalid filter 'status={value}'"),
                "exited" => list.Where(c => c.State.Status == ContainerStatus.Exited && c.State.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) == value),
                "label" => list.Where(c => MatchLabel(c.Config.Labels, value)),
                "ancestor" => list.Where(c => c.ImageName == value || c.ImageName == value + ":latest" || c.ImageId.ToString().StartsWith(value, StringComparison.Ordinal)),
                _ => throw new CliError($"Error response from daemon: invalid filter '{key}'"),
            };
        }

        return list;
    }

    private static bool IsStatus(string s) => s is "created" or "restarting" or "running" or "removing" or "paused" or "exited" or "dead";

    private static bool MatchLabel(IReadOnlyDictionary<string, string> labels, string value)
    {
        int eq = value.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? labels.ContainsKey(value) : labels.TryGetValue(value[..eq], out var v) && v == value[(eq + 1)..];
    }
}
