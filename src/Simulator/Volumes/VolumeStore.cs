using System.Diagnostics.CodeAnalysis;
using System.Text;
using Simulator.FileSystem;
using Simulator.Internal;

namespace Simulator.Volumes;

/// <summary>
/// The volumes of one engine and who uses them: <c>docker volume create|ls|inspect|rm|prune</c>, plus the
/// reference counting the container store drives.
/// </summary>
/// <remarks>
/// <para><b>Lifetimes</b> (SEMANTICS 4.8-4.11). A volume lives until it is removed explicitly
/// (<see cref="Remove"/>, <see cref="Prune"/>) or, for one mounted without a source (anonymous), by
/// <see cref="RemoveAnonymousFor"/> when its last user goes (<c>docker rm -v</c>, <c>--rm</c>). Nothing else is
/// ever garbage collected. A volume is in use while any container (created, running or exited) holds a
/// reference (<see cref="AddUser"/>): in-use volumes cannot be removed, not even with force.</para>
/// <para><b>Container store contract.</b> At container create: <see cref="MountResolver.Resolve"/> the specs,
/// <see cref="Acquire"/> the result (creates missing volumes, adds references), then
/// <see cref="VolumePopulation.Populate"/> each volume mount. At <c>docker rm</c>: <see cref="ReleaseAll"/>; at
/// <c>docker rm -v</c>: <see cref="RemoveAnonymousFor"/>.</para>
/// <para><b>Determinism.</b> Creation times come from the injected <see cref="TimeProvider"/>; anonymous names
/// (64 lower-case hex digits, as moby's <c>stringid.GenerateRandomID</c>) from a seeded generator.</para>
/// <para><b>Thread-safety.</b> Safe for concurrent use: one lock guards the catalogue and the references; each
/// member is atomic. Volume contents have their own locks (see <see cref="UnionFileSystem"/>).</para>
/// <para>Sources: moby <c>volume/service/service.go</c>, <c>store.go</c>, <c>convert.go</c>, <c>errors.go</c>,
/// <c>volume/local/local.go</c>, <c>daemon/mounts.go</c>; docker/cli <c>cli/command/volume/list.go</c>, <c>prune.go</c>.</para>
/// </remarks>
public sealed class VolumeStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Volume> _volumes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _users = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Random _random;
    private bool _quiet;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock for <see cref="Volume.CreatedAt"/> and for file times in the volumes;
    /// <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="seed">The seed for anonymous volume names: the same seed gives the same names in the same order;
    /// unpredictable when <see langword="null"/>.</param>
    public VolumeStore(TimeProvider? timeProvider = null, int? seed = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        // A stream of its own, so anonymous volume names never repeat the container IDs made from the same seed.
        _random = seed is { } s ? new Random(unchecked((s * 8191) + 0x564F4C)) : new Random();
    }

    /// <summary>
    /// Where volume events go (moby <c>volume/service/store.go</c>: <c>create</c> and <c>destroy</c> with the <c>driver</c>;
    /// <c>service.go</c>: <c>prune</c> with <c>reclaimed</c>); set by the <see cref="Containers.ContainerStore"/> using this store.
    /// </summary>
    internal Func<Events.EventLog?>? Events { get; set; }

    /// <summary>The number of volumes.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _volumes.Count;
            }
        }
    }

    /// <summary>
    /// <c>docker volume create [name]</c>, and the implicit creation of a volume a container mounts. Without a name,
    /// makes an anonymous volume (64-hex name, label <c>com.docker.volume.anonymous=""</c> added). With the name of an
    /// existing volume, returns that volume unchanged (labels and options given now are ignored, SEMANTICS 4.11).
    /// </summary>
    /// <param name="name">The name; <see langword="null"/> or empty for an anonymous volume. Must match
    /// <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>.</param>
    /// <param name="labels">Labels; <see langword="null"/> when the creator sends none (inspect then shows <c>null</c>).</param>
    /// <param name="options">Driver options (<c>-o</c>), checked as the local driver does and kept, not otherwise interpreted (no
    /// NFS/CIFS/tmpfs mount is simulated); <see langword="null"/> when none are sent.</param>
    /// <param name="driver">The driver; <see langword="null"/>, empty or <c>local</c>.</param>
    /// <returns>The new or existing volume.</returns>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: a one-character name
    /// (<c>create a: volume name is too short, names should be at least two alphanumeric characters</c>) or other
    /// characters (<c>create ./x: "./x" includes invalid characters for a local volume name, only
    /// "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path</c>); a driver
    /// option the local driver refuses (<c>create v: invalid option: "foo"</c>, <c>create v: missing required option: "device"</c>,
    /// <c>create v: quota size requested but no quota support</c>, <c>create v: invalid size: 'x'</c>);
    /// <see cref="ErrorKind.NotFound"/>: another driver (<c>create v: error looking up volume plugin foo: plugin "foo" not found</c>).</exception>
    public Volume Create(
        string? name = null,
        IReadOnlyDictionary<string, string>? labels = null,
        IReadOnlyDictionary<string, string>? options = null,
        string? driver = null)
    {
        var anonymous = string.IsNullOrEmpty(name);
        lock (_gate)
        {
            if (anonymous)
            {
                do
                {
                    name = NewId();
                }
                while (_volumes.ContainsKey(name));
                var withLabel = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in labels ?? new Dictionary<string, string>())
                {
                    withLabel[key] = value;
                }

                withLabel[Volume.AnonymousLabel] = "";
                labels = withLabel;
            }

            if (!string.IsNullOrEmpty(driver) && driver != Volume.LocalDriver)
            {
                throw Errors.NotFound(Errors.VolumeOp("create", name!, Errors.VolumePluginNotFound(driver)));
            }

            if (_volumes.TryGetValue(name!, out var existing))
            {
                return existing;
            }

            ValidateName(name!);
            if (LocalOptionsError(options) is { } optionsError)
            {
                throw Errors.InvalidArgument(Errors.VolumeOp("create", name!, optionsError));
            }

            var volume = new Volume(name!, labels, options, _time.GetUtcNow(), UnionFileSystem.CreateEmpty(_time));
            _volumes.Add(name!, volume);
            if (!_quiet)
            {
                LogEvent(volume.Name, "create");
            }

            return volume;
        }
    }

    /// <summary>A volume by name (<c>docker volume inspect</c>).</summary>
    /// <param name="name">The exact name.</param>
    /// <returns>The volume.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.NotFound"/>: <c>get v: no such volume</c>.</exception>
    public Volume Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return _volumes.TryGetValue(name, out var volume) ? volume : throw Errors.NotFound(Errors.NoSuchVolume(name));
        }
    }

    /// <summary>A volume by name, if it exists.</summary>
    /// <param name="name">The exact name.</param>
    /// <param name="volume">The volume, or <see langword="null"/>.</param>
    /// <returns>Whether it exists.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGet(string name, [NotNullWhen(true)] out Volume? volume)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return _volumes.TryGetValue(name, out volume);
        }
    }

    /// <summary>Whether a volume of that name exists.</summary>
    /// <param name="name">The exact name.</param>
    /// <returns>Whether it exists.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool Exists(string name) => TryGet(name, out _);

    /// <summary>
    /// <c>docker volume ls [--filter ...]</c>: the volumes sorted by name in docker/cli's natural order
    /// (<c>vol1, vol2, vol10</c>; sortorder.NaturalLess).
    /// </summary>
    /// <param name="filters">CLI filter arguments <c>key=value</c>, combined with AND across keys: <c>dangling=true|false|1|0</c>
    /// (not used by any container, or used), <c>name=</c> (exact, or a regular expression found in the name; any value),
    /// <c>driver=</c> (exact; any value), <c>label=key</c> / <c>label=key=value</c> (all must match).
    /// <c>label!</c> is not accepted by <c>docker volume ls</c> (moby <c>acceptedListFilters</c>); it is by <see cref="Prune"/>.</param>
    /// <returns>The matching volumes.</returns>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: a filter without <c>=</c>
    /// (<c>bad format of filter (expected name=value)</c>), an unknown key (<c>invalid filter 'foo'</c>) or a bad
    /// <c>dangling</c> value (<c>invalid filter 'dangling=maybe'</c>).</exception>
    public IReadOnlyList<Volume> List(IEnumerable<string>? filters = null)
    {
        var args = FilterArgs.Parse(filters);
        args.Validate("dangling", "name", "driver", "label");
        bool? dangling = args.Contains("dangling") ? args.GetBool("dangling", false) : null;
        lock (_gate)
        {
            return _volumes.Values
                .Where(v => Matches(v, args))
                .Where(v => dangling is not { } d || d != IsInUseCore(v.Name))
                .OrderBy(v => v.Name, NaturalOrder.Instance)
                .ToList();
        }
    }

    /// <summary>
    /// <c>docker volume ls</c>'s table: <c>DRIVER    VOLUME NAME</c> then one row a volume (SEMANTICS 6.11, tabwriter
    /// minwidth 10, padding 3), or with <paramref name="quiet"/> (<c>-q</c>) the names only; each line ends with <c>\n</c>.
    /// </summary>
    /// <param name="volumes">The rows, e.g. from <see cref="List"/>.</param>
    /// <param name="quiet">Names only.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="volumes"/> is <see langword="null"/>.</exception>
    public static string FormatList(IEnumerable<Volume> volumes, bool quiet = false)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        var list = volumes.ToList();
        var sb = new StringBuilder();
        if (quiet)
        {
            foreach (var v in list)
            {
                sb.Append(v.Name).Append('\n');
            }

            return sb.ToString();
        }

        var width = Math.Max(10, list.Select(v => v.Driver.Length).Append("DRIVER".Length).Max() + 3);
        sb.Append("DRIVER".PadRight(width)).Append("VOLUME NAME\n");
        foreach (var v in list)
        {
            sb.Append(v.Driver.PadRight(width)).Append(v.Name).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary><c>docker volume inspect a b ...</c>: a JSON array of <see cref="Volume.ToInspectJson"/> objects, 4-space
    /// indented, ending with a newline (<c>[]</c> for no names).</summary>
    /// <param name="names">The names.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="names"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.NotFound"/>: <c>get v: no such volume</c> for the first missing name.</exception>
    public string Inspect(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var volumes = names.Select(Get).ToList();
        if (volumes.Count == 0)
        {
            return "[]\n";
        }

        return "[\n" + string.Join(",\n", volumes.Select(v => "    " + v.ToInspectJson(4))) + "\n]\n";
    }

    /// <summary>
    /// <c>docker volume rm [-f] v</c> (SEMANTICS 4.9). Removes the volume and its contents. <paramref name="force"/>
    /// makes a missing volume a no-op; it never removes a volume in use.
    /// </summary>
    /// <param name="name">The exact name.</param>
    /// <param name="force">Whether a missing volume is ignored (<c>-f</c>).</param>
    /// <returns>Whether a volume was removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.NotFound"/>: missing without force
    /// (<c>get v: no such volume</c>); <see cref="ErrorKind.Conflict"/>: used by a container
    /// (<c>remove v: volume is in use - [&lt;full container IDs, sorted, ", "-separated&gt;]</c>).</exception>
    public bool Remove(string name, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            if (!_volumes.ContainsKey(name))
            {
                return force ? false : throw Errors.NotFound(Errors.NoSuchVolume(name));
            }

            if (_users.TryGetValue(name, out var users) && users.Count > 0)
            {
                throw Errors.Conflict(Errors.VolumeInUse(name, users.Order(StringComparer.Ordinal)));
            }

            _volumes.Remove(name);
            _users.Remove(name);
            LogEvent(name, "destroy");
            return true;
        }
    }

    /// <summary>
    /// <c>docker volume prune [-a] [--filter ...]</c> (SEMANTICS 4.10): removes the volumes no container uses that have no
    /// driver options; by default only anonymous ones, with <paramref name="all"/> named ones too.
    /// </summary>
    /// <param name="all">Also named volumes (<c>-a</c>, the same as the filter <c>all=true</c>).</param>
    /// <param name="filters">CLI filter arguments: <c>label=key[=value]</c> (all must match), <c>label!=key[=value]</c>
    /// (excluded when all match), <c>all=true|false</c>.</param>
    /// <returns>The names removed (natural order) and the bytes reclaimed (sum of file sizes).</returns>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: a bad filter (as <see cref="List"/>;
    /// <c>invalid filter 'all': strconv.ParseBool: parsing "x": invalid syntax</c>).</exception>
    public VolumePruneResult Prune(bool all = false, IEnumerable<string>? filters = null)
    {
        var args = FilterArgs.Parse(filters);
        if (all)
        {
            args.Add("all", "true");
        }

        var allValues = args.Get("all");
        var pruneAll = false;
        if (allValues.Count > 1)
        {
            throw Errors.InvalidArgument($"invalid filter 'all=[{string.Join(" ", allValues)}]': only one value is expected");
        }

        if (allValues.Count == 1)
        {
            pruneAll = FilterArgs.ParseGoBool(allValues[0])
                ?? throw Errors.InvalidArgument($"invalid filter 'all': strconv.ParseBool: parsing {Errors.GoQuote(allValues[0])}: invalid syntax");
        }

        if (!pruneAll)
        {
            args.Add("label", Volume.AnonymousLabel);
        }

        args.Validate("label", "label!", "all");
        lock (_gate)
        {
            var victims = _volumes.Values
                .Where(v => !IsInUseCore(v.Name) && v.Options.Count == 0 && Matches(v, args))
                .OrderBy(v => v.Name, NaturalOrder.Instance)
                .ToList();
            long reclaimed = 0;
            foreach (var v in victims)
            {
                reclaimed += v.ContentSize();
                _volumes.Remove(v.Name);
                _users.Remove(v.Name);
                LogEvent(v.Name, "destroy");
            }

            Events?.Invoke()?.Publish(Simulator.Events.EventTypes.Volume, "prune", "", [new("reclaimed", reclaimed.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

            return new VolumePruneResult(victims.Select(v => v.Name).ToList(), reclaimed);
        }
    }

    /// <summary>Records that a container mounts the volume (moby's volume reference by container ID). Idempotent.</summary>
    /// <param name="name">The volume.</param>
    /// <param name="containerId">The container's full ID.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.NotFound"/>: <c>get v: no such volume</c>.</exception>
    public void AddUser(string name, string containerId)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(containerId);
        lock (_gate)
        {
            if (!_volumes.ContainsKey(name))
            {
                throw Errors.NotFound(Errors.NoSuchVolume(name));
            }

            if (!_users.TryGetValue(name, out var users))
            {
                _users[name] = users = new HashSet<string>(StringComparer.Ordinal);
            }

            users.Add(containerId);
        }
    }

    /// <summary>Drops a container's reference to a volume (moby's <c>Release</c>); never removes the volume.</summary>
    /// <param name="name">The volume.</param>
    /// <param name="containerId">The container's full ID.</param>
    /// <returns>Whether the container was a user.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public bool RemoveUser(string name, string containerId)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(containerId);
        lock (_gate)
        {
            return RemoveUserCore(name, containerId);
        }
    }

    /// <summary>Drops every reference a container holds (<c>docker rm</c> without <c>-v</c>); removes no volume.</summary>
    /// <param name="containerId">The container's full ID.</param>
    /// <returns>The names of the volumes it used, sorted ordinally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="containerId"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<string> ReleaseAll(string containerId)
    {
        ArgumentNullException.ThrowIfNull(containerId);
        lock (_gate)
        {
            var names = _users.Where(p => p.Value.Contains(containerId)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            foreach (var name in names)
            {
                RemoveUserCore(name, containerId);
            }

            return names;
        }
    }

    /// <summary>The containers using a volume, sorted ordinally (empty for a missing volume).</summary>
    /// <param name="name">The volume.</param>
    /// <returns>Full container IDs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<string> GetUsers(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return _users.TryGetValue(name, out var users) ? users.Order(StringComparer.Ordinal).ToList() : [];
        }
    }

    /// <summary>Whether any container uses the volume (SEMANTICS 4.9: created, running or exited alike).</summary>
    /// <param name="name">The volume.</param>
    /// <returns>Whether it is in use.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool IsInUse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return IsInUseCore(name);
        }
    }

    /// <summary>
    /// <c>docker rm -v</c> and <c>--rm</c> (SEMANTICS 4.8, moby daemon/mounts.go <c>removeMountPoints</c>): drops every
    /// reference the container holds, then removes each volume of <paramref name="mountPoints"/> that was mounted
    /// without a source (<see cref="MountPoint.IsAnonymousVolume"/>, including ones inherited through
    /// <c>--volumes-from</c>) and that no other container still uses. Named volumes always survive; volumes still in
    /// use or already gone are skipped silently.
    /// </summary>
    /// <param name="containerId">The container's full ID.</param>
    /// <param name="mountPoints">The container's mount points (as <see cref="Acquire"/> returned them).</param>
    /// <returns>The names removed, in mount point order.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public IReadOnlyList<string> RemoveAnonymousFor(string containerId, IEnumerable<MountPoint> mountPoints)
    {
        ArgumentNullException.ThrowIfNull(containerId);
        ArgumentNullException.ThrowIfNull(mountPoints);
        var points = mountPoints.ToList();
        lock (_gate)
        {
            foreach (var name in _users.Where(p => p.Value.Contains(containerId)).Select(p => p.Key).ToList())
            {
                RemoveUserCore(name, containerId);
            }

            var removed = new List<string>();
            foreach (var mp in points)
            {
                if (!mp.IsAnonymousVolume || mp.Name is not { } name || IsInUseCore(name) || !_volumes.Remove(name))
                {
                    continue;
                }

                _users.Remove(name);
                LogEvent(name, "destroy");
                removed.Add(name);
            }

            return removed;
        }
    }

    /// <summary>
    /// Attaches resolved mount points to a container at create time: creates the volumes they name that do not exist
    /// (named volumes are created on first use, SEMANTICS 4.1; <see langword="null"/> names become new anonymous
    /// volumes) and adds <paramref name="containerId"/> as a user of each. All or nothing: on failure, references and
    /// volumes made by this call are undone.
    /// </summary>
    /// <param name="containerId">The container's full ID.</param>
    /// <param name="mountPoints">The mount points, e.g. from <see cref="MountResolver.Resolve"/>.</param>
    /// <returns>The mount points with <see cref="MountPoint.Name"/> and <see cref="MountPoint.Source"/> (the volume's
    /// <see cref="Volume.Mountpoint"/>) filled in for volumes; others unchanged; same order.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">As <see cref="Create"/> for an invalid name or driver.</exception>
    public IReadOnlyList<MountPoint> Acquire(string containerId, IEnumerable<MountPoint> mountPoints)
    {
        ArgumentNullException.ThrowIfNull(containerId);
        ArgumentNullException.ThrowIfNull(mountPoints);
        var result = new List<MountPoint>();
        var created = new List<string>();
        var referenced = new List<string>();
        lock (_gate)
        {
            _quiet = true;
            try
            {
                foreach (var mp in mountPoints)
                {
                    if (mp.Type != MountType.Volume)
                    {
                        result.Add(mp);
                        continue;
                    }

                    var existed = mp.Name is { } n && _volumes.ContainsKey(n);
                    var volume = existed
                        ? _volumes[mp.Name!]
                        : Create(mp.Name, mp.Spec.VolumeLabels, mp.Spec.VolumeDriverOptions, mp.Spec.VolumeDriver);
                    if (!existed)
                    {
                        created.Add(volume.Name);
                    }

                    if (!_users.TryGetValue(volume.Name, out var users))
                    {
                        _users[volume.Name] = users = new HashSet<string>(StringComparer.Ordinal);
                    }

                    if (users.Add(containerId))
                    {
                        referenced.Add(volume.Name);
                    }

                    result.Add(mp with { Name = volume.Name, Source = volume.Mountpoint, Driver = volume.Driver });
                }
            }
            catch
            {
                foreach (var name in referenced)
                {
                    RemoveUserCore(name, containerId);
                }

                foreach (var name in created)
                {
                    _volumes.Remove(name);
                }

                throw;
            }
            finally
            {
                _quiet = false;
            }

            foreach (var name in created)
            {
                LogEvent(name, "create");
            }
        }

        return result;
    }

    /// <summary>
    /// The local driver's option check (moby volume/local/local_unix.go <c>validateOpts</c>, <c>setOpts</c>): only
    /// <c>type</c>, <c>o</c>, <c>device</c> and <c>size</c>; <c>type</c> and <c>device</c> need each other, <c>o</c> needs both;
    /// <c>size</c> must parse (go-units RAMInBytes) and, above 0, needs project quotas, which this daemon's storage (overlay2 on
    /// ext4, as Docker Desktop) lacks. Go walks maps in random order; keys are checked here in ordinal order.
    /// </summary>
    private static string? LocalOptionsError(IReadOnlyDictionary<string, string>? options)
    {
        if (options is null || options.Count == 0)
        {
            return null;
        }

        var keys = options.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            if (key is not ("type" or "o" or "device" or "size"))
            {
                return $"invalid option: \"{key}\"";
            }
        }

        (string Option, string[] Requires)[] mandatory = [("device", ["type"]), ("o", ["device", "type"]), ("type", ["device"])];
        foreach (var (option, requires) in mandatory)
        {
            if (options.ContainsKey(option) && requires.FirstOrDefault(r => !options.ContainsKey(r)) is { } missing)
            {
                return $"missing required option: \"{missing}\"";
            }
        }

        if (options.TryGetValue("size", out var size))
        {
            long bytes;
            try
            {
                bytes = GoUnits.RamInBytes(size);
            }
            catch (DockerSimulatorException e)
            {
                return e.Message;
            }

            if (bytes > 0)
            {
                return "quota size requested but no quota support";
            }
        }

        return null;
    }

    private void LogEvent(string name, string action) =>
        Events?.Invoke()?.Publish(Simulator.Events.EventTypes.Volume, action, name, [new("driver", Volume.LocalDriver)]);

    /// <summary>Checks a name as the local driver does (moby volume/local/local.go <c>validateName</c>).</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/> with the <c>create &lt;name&gt;: ...</c>
    /// texts of <see cref="Create"/>.</exception>
    public static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Encoding.UTF8.GetByteCount(name) == 1)
        {
            throw Errors.InvalidArgument(Errors.VolumeOp("create", name, Errors.VolumeNameTooShort));
        }

        var ok = name.Length >= 2 && char.IsAsciiLetterOrDigit(name[0])
            && name.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
        if (!ok)
        {
            throw Errors.InvalidArgument(Errors.VolumeOp("create", name, Errors.VolumeNameInvalid(name)));
        }
    }

    private static bool Matches(Volume v, FilterArgs args)
    {
        var drivers = args.Get("driver");
        if (drivers.Count > 0 && !drivers.Contains(v.Driver, StringComparer.Ordinal))
        {
            return false;
        }

        if (args.Contains("name") && !args.Match("name", v.Name))
        {
            return false;
        }

        if (!args.MatchKeyValueList("label", v.Labels))
        {
            return false;
        }

        return !(args.Contains("label!") && args.MatchKeyValueList("label!", v.Labels));
    }

    private bool IsInUseCore(string name) => _users.TryGetValue(name, out var users) && users.Count > 0;

    private bool RemoveUserCore(string name, string containerId)
    {
        if (!_users.TryGetValue(name, out var users) || !users.Remove(containerId))
        {
            return false;
        }

        if (users.Count == 0)
        {
            _users.Remove(name);
        }

        return true;
    }

    // moby pkg/stringid GenerateRandomID: 32 random bytes in lower hex, drawn again while the 12-character
    // short form is all digits (so it cannot be mistaken for a number).
    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[32];
        while (true)
        {
            _random.NextBytes(bytes);
            var id = Convert.ToHexStringLower(bytes);
            if (!id.AsSpan(0, 12).ContainsAnyExcept("0123456789"))
            {
                continue;
            }

            return id;
        }
    }
}
