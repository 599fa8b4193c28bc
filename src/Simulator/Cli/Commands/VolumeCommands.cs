using Simulator.Cli.CommandLine;
using Simulator.Cli.Formatting;

namespace Simulator.Cli.Commands;

/// <summary>The volume commands (docker/cli cli/command/volume/*.go).</summary>
internal static class VolumeCommands
{
    /// <summary><c>docker volume create [NAME]</c> or the hidden <c>--name NAME</c> (create.go): prints the name; both at once is an error even when equal.</summary>
    public static Task<int> CreateAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        var name = f.String("name");
        if (inv.Args.Count == 1)
        {
            if (!string.IsNullOrEmpty(name))
            {
                throw new CliError("conflicting options: cannot specify a volume-name through both --name and as a positional arg");
            }

            name = inv.Args[0];
        }

        var labels = f.KeyValues("label");
        var options = f.KeyValues("opt");
        var volume = inv.Engine.Volumes.Create(name, labels, options, f.String("driver"));
        inv.Out.WriteLine(volume.Name);
        return Task.FromResult(0);
    }

    /// <summary><c>docker volume ls</c> (list.go: natural order by name).</summary>
    public static Task<int> ListAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        var rows = inv.Engine.Volumes.List(f.List("filter")).Select(v => new VolumeContext(v)).ToList();
        bool quiet = f.Bool("quiet");
        inv.Out.Write(TableFormatter.Render(f.String("format"), rows, quiet ? VolumeContext.QuietColumns : VolumeContext.Columns, quiet, r => r.ToJson(), new VolumeHeader()));
        return Task.FromResult(0);
    }

    /// <summary><c>docker volume inspect</c>.</summary>
    public static Task<int> InspectAsync(CliInvocation inv) =>
        InspectCommands.WriteAsync(inv, name => InspectJson.Volume(inv.Engine.Volumes.Get(name)));

    /// <summary><c>docker volume rm</c> (remove.go): echoes each name; errors joined.</summary>
    public static Task<int> RemoveAsync(CliInvocation inv)
    {
        bool force = inv.Flags.Bool("force");
        var errors = new List<string>();
        foreach (var name in inv.Args)
        {
            try
            {
                inv.Engine.Volumes.Remove(name, force);
                inv.Out.WriteLine(name);
            }
            catch (DockerSimulatorException ex)
            {
                errors.Add("Error response from daemon: " + ex.Message);
            }
        }

        return errors.Count == 0 ? Task.FromResult(0) : throw new CliError(string.Join("\n", errors));
    }

    /// <summary><c>docker volume prune</c> (prune.go).</summary>
    public static async Task<int> PruneAsync(CliInvocation inv)
    {
        bool all = inv.Flags.Bool("all");
        if (!inv.Flags.Bool("force"))
        {
            var warning = all
                ? "WARNING! This will remove all local volumes not used by at least one container."
                : "WARNING! This will remove anonymous local volumes not used by at least one container.";
            if (!await ImageCommands.PromptAsync(inv, warning).ConfigureAwait(false))
            {
                return 0;
            }
        }

        inv.Out.Write(inv.Engine.Volumes.Prune(all, inv.Flags.List("filter")).ToCliOutput());
        return 0;
    }
}
