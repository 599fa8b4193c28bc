using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Volumes;

namespace Simulator.Containers;

/// <summary>Create: config merge, names, the root filesystem.</summary>
public sealed partial class ContainerStore
{
    /// <summary>
    /// <c>docker create</c>: a container in state <c>created</c> (moby daemon/create.go). Entrypoint and Cmd
    /// combine as Docker's: the image's Entrypoint + Cmd; a given Entrypoint resets the image's Cmd; a given Cmd
    /// replaces it. Env is merged over the image's; WorkingDir and User default to the image's; a missing
    /// working directory is created (so it shows in <see cref="Diff"/>, as Docker's).
    /// </summary>
    /// <param name="config">The container config.</param>
    /// <param name="hostConfig">The host config; <see cref="HostConfig.Default"/> when <see langword="null"/>.</param>
    /// <param name="name">The name (<c>--name</c>), with or without <c>/</c>; a random <c>adjective_surname</c> when <see langword="null"/>.</param>
    /// <returns>The full 64-hex ID (what <c>docker create</c> prints).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.NotFound"/> <c>No such image: x:latest</c>; <see cref="ErrorKind.InvalidArgument"/>
    /// <c>no command specified</c>, <c>the working directory 'x' is invalid, it needs to be an absolute path</c>, <c>Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed</c>,
    /// <c>can't create 'AutoRemove' container with restart policy</c>, an invalid restart policy, <c>Invalid signal: FOO</c> (a
    /// <see cref="ContainerConfig.StopSignal"/> that is not one; Docker's <c>ParseSignal</c> also takes numbers above 64, this does not);
    /// <see cref="ErrorKind.Conflict"/> <c>Conflict. The container name "/web" is already in use by container "&lt;id&gt;". ...</c>.
    /// Mounts (<see cref="HostConfig.Binds"/>, <see cref="HostConfig.Mounts"/>, <see cref="HostConfig.Tmpfs"/>,
    /// <see cref="HostConfig.VolumesFrom"/>, image <c>VOLUME</c>s; see <see cref="Volumes"/>): the parse errors of
    /// <see cref="MountSpecParser"/>, <see cref="ErrorKind.InvalidArgument"/> <c>No such container: c</c> (<c>--volumes-from</c>) and
    /// <c>Duplicate mount point: /p</c>, <see cref="ErrorKind.FailedPrecondition"/> <c>cannot mount volume over existing file,
    /// file exists /p</c> (for any mount over a non-directory; Docker reports binds over files only at start). These
    /// errors leave no container and no new anonymous volume behind.
    /// </exception>
    /// <exception cref="NotSupportedException">A bind the <see cref="HostFileSystem"/> cannot provide (see there).</exception>
    public string Create(ContainerConfig config, HostConfig? hostConfig = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Record(ContainerOperation.Create, config.Image, ("name", name), ("cmd", config.Cmd is null ? null : string.Join(' ', config.Cmd)));
        return CreateCore(config, hostConfig, name, null);
    }

    private string CreateCore(ContainerConfig config, HostConfig? hostConfig, string? name, DateTimeOffset? created)
    {
        var host = hostConfig ?? HostConfig.Default;
        host.RestartPolicy.Validate();
        if (host.AutoRemove && !host.RestartPolicy.IsNone)
        {
            throw ContainerErrors.AutoRemoveWithRestart();
        }

        // moby daemon/create.go: the image, then mergeAndVerifyConfig, then the name (newContainer).
        var image = Images.Get(config.Image);
        var run = image.Config.Config;
        var resolved = WithPublishedExposed(Merge(config, run), host);
        var command = resolved.Entrypoint!.Concat(resolved.Cmd!).ToList();
        if (command.Count == 0)
        {
            throw ContainerErrors.NoCommand();
        }

        if (!string.IsNullOrEmpty(resolved.WorkingDir) && !resolved.WorkingDir.StartsWith('/'))
        {
            throw ContainerErrors.RelativeWorkingDir(resolved.WorkingDir);
        }

        // moby daemon/container.go validateContainerConfig: signal.ParseSignal(config.StopSignal).
        if (!string.IsNullOrEmpty(resolved.StopSignal) && !Simulator.Processes.Signal.TryParse(resolved.StopSignal, out _))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "Invalid signal: " + resolved.StopSignal);
        }

        var lower = _stacks.GetValue(image, static i => LayerStack.Create(i.Layers));
        var mounts = ParseMounts(host);
        var networks = ResolveNetworks(host);
        var now = created ?? _time.GetUtcNow();
        ContainerRecord rec;
        lock (_gate)
        {
            var id = NewId();
            string finalName;
            if (name is not null)
            {
                finalName = name.TrimStart('/');
                CheckName(name, finalName);
            }
            else
            {
                finalName = RandomName(id);
            }

            var hostname = string.IsNullOrEmpty(resolved.Hostname) ? id[..12] : resolved.Hostname;
            resolved = resolved with { Hostname = hostname };
            var attachments = networks.Select(n => new NetworkAttachment(
                n.Network,
                n.Aliases,
                n.Network.IsDefaultBridge ? Network.ReserveAddress(id) : n.Network.Subnet is null ? "" : Networks.Allocate(n.Network, id))).ToList();
            var stack = lower.Push(InitLayer(lower, hostname, attachments.FirstOrDefault(a => a.Ip.Length > 0)?.Ip, now));
            var root = host.ReadonlyRootfs ? UnionFileSystem.CreateReadOnly(stack) : UnionFileSystem.CreateWritable(stack, _time);
            rec = new ContainerRecord(id, finalName, now, image, resolved, host, command[0], command.Skip(1).ToArray(), root)
            {
                Hostname = hostname,
                ProcessEnv = DaemonEnv(hostname, resolved),
            };
            rec.Io = new ContainerIo(rec, _time);
            rec.Attachments.AddRange(attachments);
            rec.Io.EnsureStdin();
            rec.Mounts = AttachMounts(id, mounts, run.Volumes, UnionFileSystem.CreateReadOnly(lower), root);
            var workdir = string.IsNullOrEmpty(resolved.WorkingDir) ? "/" : resolved.WorkingDir;
            if (!host.ReadonlyRootfs && !root.Exists(workdir))
            {
                // moby container.SetupWorkingDirectory: MkdirAll in the container's rootfs.
                root.CreateDirectories(workdir);
            }

            _byId[id] = rec;
            _byName[finalName] = rec;
            Emit(rec, "create");
        }

        return rec.Id;
    }

    private string RandomName(string id)
    {
        for (int i = 0; i < 6; i++)
        {
            var candidate = NamesGenerator.GetRandomName(_random, i);
            if (!_byName.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        return id[..12];
    }

    /// <summary>moby daemon/commit.go merge + create defaults.</summary>
    private static ContainerConfig Merge(ContainerConfig user, RunConfig image)
    {
        IReadOnlyList<string> entrypoint;
        IReadOnlyList<string> cmd = user.Cmd ?? [];
        if (user.Entrypoint is null || user.Entrypoint.Count == 0)
        {
            if (cmd.Count == 0)
            {
                cmd = image.Cmd;
            }

            entrypoint = user.Entrypoint ?? image.Entrypoint;
        }
        else
        {
            entrypoint = user.Entrypoint;
        }

        // mergeAndVerifyConfig: an Entrypoint of [""] (--entrypoint "") is reset.
        if (entrypoint.Count == 1 && entrypoint[0].Length == 0)
        {
            entrypoint = [];
        }

        IReadOnlyDictionary<string, string> labels = image.Labels;
        if (user.Labels.Count > 0)
        {
            var merged = new Dictionary<string, string>(image.Labels, StringComparer.Ordinal);
            foreach (var (k, v) in user.Labels)
            {
                merged[k] = v;
            }

            labels = merged;
        }

        return user with
        {
            Cmd = cmd.ToArray(),
            Entrypoint = entrypoint.ToArray(),
            Env = user.Env.Count == 0 ? image.Env : MergeUserEnvFirst(user.Env, image.Env),
            WorkingDir = string.IsNullOrEmpty(user.WorkingDir) ? image.WorkingDir : user.WorkingDir,
            User = string.IsNullOrEmpty(user.User) ? image.User : user.User,
            ExposedPorts = image.ExposedPorts.Concat(user.ExposedPorts).Distinct(StringComparer.Ordinal).ToArray(),
            Labels = labels,
            StopSignal = string.IsNullOrEmpty(user.StopSignal) ? image.StopSignal : user.StopSignal,
        };
    }

    private static readonly FileContent ResolvConf = FileContent.FromString("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");

    private const string DefaultPathEnv = "PATH=" + Processes.ProcessSpec.DefaultPath;

    /// <summary>moby container.CreateDaemonEnvironment: PATH, HOSTNAME, TERM (tty), then the config's env over them.</summary>
    private static string[] DaemonEnv(string hostname, ContainerConfig config)
    {
        var env = new List<string> { DefaultPathEnv, "HOSTNAME=" + hostname };
        if (config.Tty)
        {
            env.Add("TERM=xterm");
        }

        return ReplaceOrAppendEnv(env, config.Env);
    }

    /// <summary>moby opts.ReplaceOrAppendEnvValues: same key replaced in place, new keys appended.</summary>
    /// <summary>moby daemon/commit.go <c>merge</c>: the user's variables in their order, then the image's that the user did not set.</summary>
    private static string[] MergeUserEnvFirst(IReadOnlyList<string> user, IReadOnlyList<string> image)
    {
        var keys = user.Select(e => e.Split('=', 2)[0]).ToHashSet(StringComparer.Ordinal);
        return [.. user, .. image.Where(e => !keys.Contains(e.Split('=', 2)[0]))];
    }

    internal static string[] ReplaceOrAppendEnv(IReadOnlyList<string> defaults, IReadOnlyList<string> overrides)
    {
        var list = defaults.ToList();
        foreach (var entry in overrides)
        {
            var key = entry.Split('=', 2)[0];
            int index = list.FindIndex(e => e.Split('=', 2)[0] == key);
            if (index >= 0)
            {
                list[index] = entry;
            }
            else
            {
                list.Add(entry);
            }
        }

        return list.ToArray();
    }

    /// <summary>Docker's <c>-init</c> layer plus the bind-mounted /etc files (moby daemon/container_operations_unix.go, libnetwork etchosts).</summary>
    private const string EtcHosts = "/etc/hosts";

    // moby libnetwork/etchosts (v28): Go's netip formats fe00:: and ff00:: without a trailing 0.
    private const string BaseHosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

    private static Layer InitLayer(LayerStack lower, string hostname, string? address, DateTimeOffset now)
    {
        var entries = new List<KeyValuePair<string, FileEntry>>();
        if (!lower.Contains("/etc"))
        {
            entries.Add(new("/etc", FileEntry.Directory() with { ModifiedAt = now }));
        }

        foreach (var dir in new[] { "/dev", "/proc", "/sys" })
        {
            if (!lower.Contains(dir))
            {
                entries.Add(new(dir, FileEntry.Directory() with { ModifiedAt = now }));
            }
        }

        entries.Add(new("/etc/hostname", FileEntry.File(hostname + "\n") with { ModifiedAt = now }));
        entries.Add(new(EtcHosts, FileEntry.File(BaseHosts + (address is null ? "" : address + "\t" + HostsNames(hostname) + "\n")) with { ModifiedAt = now }));
        entries.Add(new("/etc/resolv.conf", FileEntry.File(ResolvConf) with { ModifiedAt = now }));
        entries.Add(new("/.dockerenv", FileEntry.File(FileContent.Empty) with { ModifiedAt = now }));
        return Layer.Create(entries);
    }
}
