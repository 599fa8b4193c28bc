using Simulator.Cli.CommandLine;

namespace Simulator.Cli.Commands;

/// <summary>
/// A command: its help text key (<c>Cli/Help/&lt;key&gt;.txt</c>), argument rule, whether flags may follow arguments, handler,
/// and the hidden flags its help does not list (cobra's <c>MarkHidden</c>).
/// </summary>
internal sealed record CommandDef(string HelpKey, ArgRule Args, bool Interspersed, Func<CliInvocation, Task<int>> Run, IReadOnlyList<FlagSpec>? Hidden = null);

/// <summary>Every command and alias, as docker CLI 28.2.2 registers them (cli/command/commands/commands.go).</summary>
internal static class CommandTable
{
    /// <summary>The management commands with subcommands.</summary>
    public static readonly IReadOnlySet<string> Management = new HashSet<string>(StringComparer.Ordinal) { "container", "image", "volume", "network", "system", "builder" };

    public static readonly IReadOnlyDictionary<string, CommandDef> Commands = Build();

    /// <summary>The usage line an unknown subcommand error shows (cobra's UseLine of the group; observed with the real binary).</summary>
    public static string GroupUsage(string group) => group == "volume" ? "docker volume COMMAND" : "docker " + group;

    private static Dictionary<string, CommandDef> Build()
    {
        var d = new Dictionary<string, CommandDef>(StringComparer.Ordinal);

        void Add(string[] paths, ArgRule rule, Func<CliInvocation, Task<int>> run, bool interspersed = true, IReadOnlyList<FlagSpec>? hidden = null)
        {
            foreach (var p in paths)
            {
                // The help of an alias is that of its own path (docker ps vs docker container ls differ in the usage line).
                var key = p.Replace(' ', '-');
                if (CommandHelp.Get(key) is null)
                {
                    var group = p.Contains(' ', StringComparison.Ordinal) ? p[..p.IndexOf(' ', StringComparison.Ordinal)] : "";
                    key = paths.Select(x => x.Replace(' ', '-'))
                        .Where(k => CommandHelp.Get(k) is not null)
                        .OrderByDescending(k => group.Length > 0 && k.StartsWith(group + "-", StringComparison.Ordinal))
                        .First();
                }

                d[p] = new CommandDef(key, rule, interspersed, run, hidden);
            }
        }

        Add(["run", "container run"], ArgRule.AtLeast(1), ContainerCommands.RunAsync, interspersed: false);
        Add(["create", "container create"], ArgRule.AtLeast(1), ContainerCommands.CreateAsync, interspersed: false);
        Add(["exec", "container exec"], ArgRule.AtLeast(2), ContainerCommands.ExecAsync, interspersed: false);
        Add(["start", "container start"], ArgRule.AtLeast(1), ContainerCommands.StartAsync);
        // stop.go, restart.go: --time is the deprecated, hidden spelling of --timeout.
        FlagSpec[] time = [new("time", null, "int", "use --timeout instead")];
        Add(["stop", "container stop"], ArgRule.AtLeast(1), ContainerCommands.StopAsync, hidden: time);
        Add(["restart", "container restart"], ArgRule.AtLeast(1), ContainerCommands.RestartAsync, hidden: time);
        Add(["kill", "container kill"], ArgRule.AtLeast(1), ContainerCommands.KillAsync);
        Add(["rm", "container rm", "container remove"], ArgRule.AtLeast(1), ContainerCommands.RemoveAsync);
        Add(["ps", "container ls", "container list", "container ps"], ArgRule.None, ContainerCommands.ListAsync);
        Add(["logs", "container logs"], ArgRule.Exactly(1), ContainerCommands.LogsAsync);
        Add(["wait", "container wait"], ArgRule.AtLeast(1), ContainerCommands.WaitAsync);
        Add(["pause", "container pause"], ArgRule.AtLeast(1), ContainerCommands.PauseAsync);
        Add(["unpause", "container unpause"], ArgRule.AtLeast(1), ContainerCommands.UnpauseAsync);
        Add(["rename", "container rename"], ArgRule.Exactly(2), ContainerCommands.RenameAsync);
        Add(["port", "container port"], ArgRule.Range(1, 2), ContainerCommands.PortAsync);
        Add(["top", "container top"], ArgRule.AtLeast(1), ContainerCommands.TopAsync);
        Add(["diff", "container diff"], ArgRule.Exactly(1), ContainerCommands.DiffAsync);
        Add(["commit", "container commit"], ArgRule.Range(1, 2), ContainerCommands.CommitAsync);
        Add(["attach", "container attach"], ArgRule.Exactly(1), ContainerCommands.AttachAsync);
        Add(["cp", "container cp"], ArgRule.Exactly(2), CopyCommands.CopyAsync);
        Add(["export", "container export"], ArgRule.Exactly(1), CopyCommands.ExportAsync);
        Add(["container inspect"], ArgRule.AtLeast(1), InspectCommands.ContainerInspectAsync);
        Add(["inspect"], ArgRule.AtLeast(1), InspectCommands.InspectAsync);

        Add(["images", "image ls", "image list"], ArgRule.AtMost(1), ImageCommands.ListAsync);
        Add(["pull", "image pull"], ArgRule.Exactly(1), ImageCommands.PullAsync);
        Add(["push", "image push"], ArgRule.Exactly(1), ImageCommands.PushAsync);
        Add(["tag", "image tag"], ArgRule.Exactly(2), ImageCommands.TagAsync);
        Add(["rmi", "image rm", "image remove"], ArgRule.AtLeast(1), ImageCommands.RemoveAsync);
        Add(["history", "image history"], ArgRule.Exactly(1), ImageCommands.HistoryAsync);
        Add(["image inspect"], ArgRule.AtLeast(1), InspectCommands.ImageInspectAsync);
        Add(["image prune"], ArgRule.None, ImageCommands.PruneAsync);
        Add(["save", "image save"], ArgRule.AtLeast(1), ImageCommands.SaveAsync);
        Add(["load", "image load"], ArgRule.None, ImageCommands.LoadAsync);
        Add(["build", "image build", "builder build"], ArgRule.Exactly(1), BuildCommands.BuildAsync);
        Add(["builder prune"], ArgRule.None, BuildCommands.PruneAsync);
        Add(["search"], ArgRule.Exactly(1), SearchCommand.RunAsync);
        Add(["login"], ArgRule.AtMost(1), ImageCommands.LoginAsync);
        Add(["logout"], ArgRule.AtMost(1), ImageCommands.LogoutAsync);

        // volume/create.go: --name is hidden (the positional VOLUME replaced it) but still works.
        Add(["volume create"], ArgRule.AtMost(1), VolumeCommands.CreateAsync, hidden: [new FlagSpec("name", null, "string")]);
        Add(["volume ls", "volume list"], ArgRule.None, VolumeCommands.ListAsync);
        Add(["volume inspect"], ArgRule.AtLeast(1), VolumeCommands.InspectAsync);
        Add(["volume rm", "volume remove"], ArgRule.AtLeast(1), VolumeCommands.RemoveAsync);
        Add(["volume prune"], ArgRule.None, VolumeCommands.PruneAsync);

        Add(["network create"], ArgRule.Exactly(1), NetworkCommands.CreateAsync);
        Add(["network ls", "network list"], ArgRule.None, NetworkCommands.ListAsync);
        Add(["network inspect"], ArgRule.AtLeast(1), NetworkCommands.InspectAsync);
        Add(["network rm", "network remove"], ArgRule.AtLeast(1), NetworkCommands.RemoveAsync);
        Add(["network connect"], ArgRule.Exactly(2), NetworkCommands.ConnectAsync);
        Add(["network disconnect"], ArgRule.Exactly(2), NetworkCommands.DisconnectAsync);
        Add(["network prune"], ArgRule.None, NetworkCommands.PruneAsync);

        Add(["version"], ArgRule.None, SystemCommands.VersionAsync);
        Add(["events", "system events"], ArgRule.None, EventCommands.EventsAsync);
        Add(["info", "system info"], ArgRule.None, SystemCommands.InfoAsync);
        Add(["system df"], ArgRule.None, SystemCommands.DiskUsageAsync);
        Add(["system prune"], ArgRule.None, SystemPruneCommand.RunAsync);
        Add(["container prune"], ArgRule.None, SystemCommands.ContainerPruneAsync);
        return d;
    }
}
