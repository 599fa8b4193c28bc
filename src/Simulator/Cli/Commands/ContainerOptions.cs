using Simulator.Cli.CommandLine;
using Simulator.Containers;

namespace Simulator.Cli.Commands;

/// <summary>The run/create flags turned into the Engine API's config and host config (docker/cli cli/command/container/opts.go <c>parse</c>).</summary>
internal static class ContainerOptions
{
    public static (ContainerConfig Config, HostConfig Host, string? Name) Parse(CliInvocation inv, string command, bool detach)
    {
        var f = inv.Flags;
        bool interactive = f.Bool("interactive");
        var attach = f.List("attach");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var l in f.List("label"))
        {
            int eq = l.IndexOf('=', StringComparison.Ordinal);
            labels[eq < 0 ? l : l[..eq]] = eq < 0 ? "" : l[(eq + 1)..];
        }

        RestartPolicy restart = RestartPolicy.No;
        if (f.String("restart") is { Length: > 0 } r)
        {
            try
            {
                restart = RestartPolicy.Parse(r);
                restart.Validate(); // Parse is the CLI's only; the daemon's check comes before any pull
            }
            catch (Exception ex) when (ex is FormatException or DockerSimulatorException)
            {
                // opts.ParseRestartPolicy rejects only the format; the daemon's verifyContainerSettings rejects the policy
                // itself before the image is looked up (so before any pull).
                var daemon = ex.Message.StartsWith("invalid restart policy format", StringComparison.Ordinal) ? "" : "Error response from daemon: ";
                throw new CliError($"docker: {daemon}{ex.Message}\n\nRun 'docker {command} --help' for more information", 125);
            }
        }

        var env = new List<string>();
        foreach (var e in f.List("env"))
        {
            if (e.Contains('=', StringComparison.Ordinal))
            {
                env.Add(e);
            }
            else if (inv.Streams.Environment.FirstOrDefault(x => x.StartsWith(e + "=", StringComparison.Ordinal)) is { } fromCli)
            {
                // opts.ValidateEnv: a bare name takes the CLI's own value, and is dropped when unset.
                env.Add(fromCli);
            }
        }

        var args = inv.Args;
        IReadOnlyList<string>? entrypoint = f.Has("entrypoint") ? (f.String("entrypoint") is { Length: > 0 } ep ? [ep] : []) : null;
        var config = new ContainerConfig(args[0])
        {
            Cmd = args.Count > 1 ? args.Skip(1).ToList() : null,
            Entrypoint = entrypoint,
            Env = env,
            WorkingDir = f.String("workdir"),
            User = f.String("user"),
            Tty = f.Bool("tty"),
            OpenStdin = interactive,
            StdinOnce = interactive && !detach,
            AttachStdin = !detach && (interactive || attach.Any(a => a.Equals("stdin", StringComparison.OrdinalIgnoreCase))),
            AttachStdout = !detach && (attach.Count == 0 || attach.Any(a => a.Equals("stdout", StringComparison.OrdinalIgnoreCase))),
            AttachStderr = !detach && (attach.Count == 0 || attach.Any(a => a.Equals("stderr", StringComparison.OrdinalIgnoreCase))),
            ExposedPorts = f.List("expose").ToList(),
            Labels = labels,
            Hostname = f.String("hostname"),
            StopSignal = f.String("stop-signal"),
            StopTimeout = f.Int("stop-timeout"),
        };
        try
        {
            Networking.PortSpecs.Parse(f.List("publish"));
        }
        catch (DockerSimulatorException ex)
        {
            throw new CliError($"docker: {ex.Message}\n\nRun 'docker {command} --help' for more information", 125);
        }

        var volumes = f.List("volume").Select(v => ResolveBindSource(inv, v)).ToList();
        var host = new HostConfig
        {
            AutoRemove = f.Bool("rm"),
            RestartPolicy = restart,
            ReadonlyRootfs = f.Bool("read-only"),
            Binds = volumes,
            Mounts = f.List("mount").ToList(),
            VolumesFrom = f.List("volumes-from").ToList(),
            Tmpfs = f.List("tmpfs").ToList(),
            PortBindings = f.List("publish").ToList(),
            PublishAllPorts = f.Bool("publish-all"),
            NetworkMode = f.String("network"),
            NetworkAliases = f.List("network-alias").ToList(),
        };
        return (config, host, f.String("name"));
    }

    /// <summary>docker/cli 23+: a relative bind source (<c>./x:/y</c>, <c>.:/y</c>) is made absolute against the working directory.</summary>
    private static string ResolveBindSource(CliInvocation inv, string spec)
    {
        if (spec.StartsWith("./", StringComparison.Ordinal) || spec.StartsWith("../", StringComparison.Ordinal) || spec.StartsWith(".:", StringComparison.Ordinal))
        {
            int colon = spec.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                return inv.HostPath(spec[..colon]) + spec[colon..];
            }
        }

        return spec;
    }
}
