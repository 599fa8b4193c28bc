using System.Text;
using Simulator.FileSystem;
using Simulator.Internal;

namespace Simulator.Volumes;

/// <summary>
/// Parses the mount flags of <c>docker run</c>/<c>docker create</c> as docker/cli and the daemon do:
/// <c>-v</c>, <c>--mount</c>, <c>--tmpfs</c>, <c>--volumes-from</c>.
/// </summary>
/// <remarks>
/// <para>Pure and thread-safe. Errors carry the daemon's (or, for <c>--mount</c> syntax, the CLI's) texts.</para>
/// <para>Sources: moby <c>volume/mounts/linux_parser.go</c> (<c>ParseMountRaw</c>, <c>ParseMountSpec</c>,
/// <c>ParseVolumesFrom</c>, <c>validateMountConfigImpl</c>), <c>parser.go</c> (rw modes, <c>ErrVolumeTargetIsRoot</c>),
/// <c>validate.go</c> (<c>errMountConfig</c>), <c>volume_copy.go</c> (<c>nocopy</c>), <c>mounts.go</c>
/// (<c>errInvalidSpec</c>, <c>errInvalidMode</c>); docker/cli <c>opts/mount.go</c> (<c>MountOpt.Set</c>).</para>
/// </remarks>
public static class MountSpecParser
{
    private static readonly string[] RwModes = ["rw", "ro", "ro-non-recursive", "ro-force-recursive", "rro"];
    private static readonly string[] LabelModes = ["z", "Z"];
    private static readonly string[] PropagationModes = ["private", "rprivate", "slave", "rslave", "shared", "rshared"];
    private static readonly string[] ConsistencyModes = ["consistent", "cached", "delegated"];

    /// <summary>
    /// <c>-v</c> / <c>--volume</c>: <c>/p</c> (anonymous volume), <c>name:/p[:mode]</c> (named volume),
    /// <c>/host:/p[:mode]</c> (bind; a source is a bind exactly when it is absolute). The mode is a comma list of at
    /// most one each of <c>rw|ro</c> (and the <c>ro-*</c>/<c>rro</c> variants), <c>z|Z</c>, a propagation
    /// (<c>rprivate</c>, <c>shared</c>, ...; binds only), <c>nocopy</c> (volumes only) and a consistency (ignored).
    /// </summary>
    /// <param name="spec">The flag's value.</param>
    /// <returns>The spec (<see cref="MountSpec.Source"/> empty for an anonymous volume).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>:
    /// <c>invalid volume specification: '&lt;spec&gt;'</c> (empty source, more than three fields, or <c>/p:ro</c>);
    /// <c>invalid mode: &lt;mode&gt;</c>; <c>invalid volume specification: '&lt;spec&gt;': invalid mount config for type
    /// "volume": invalid mount path: 'data' mount path must be absolute</c> and the other mount-config errors of
    /// <see cref="ParseMount"/>; for a relative source such as <c>./x</c> (a volume name to the daemon), the error the
    /// daemon gives when it creates that volume: <c>create ./x: "./x" includes invalid characters for a local volume
    /// name, ...</c> (see <see cref="VolumeStore.ValidateName"/>; docker/cli 23+ turns <c>./x</c> into an absolute bind
    /// before sending, this parser sees what the daemon sees).</exception>
    public static MountSpec ParseVolume(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var arr = SplitN(spec, ':', 4);
        if (arr[0].Length == 0)
        {
            throw Errors.InvalidArgument(Errors.InvalidVolumeSpec(spec));
        }

        string source = "", target, mode = "";
        switch (arr.Length)
        {
            case 1:
                target = arr[0];
                break;
            case 2:
                if (ValidMode(arr[1]))
                {
                    throw Errors.InvalidArgument(Errors.InvalidVolumeSpec(spec));
                }

                source = arr[0];
                target = arr[1];
                break;
            case 3:
                source = arr[0];
                target = arr[1];
                mode = arr[2];
                break;
            default:
                throw Errors.InvalidArgument(Errors.InvalidVolumeSpec(spec));
        }

        if (!ValidMode(mode))
        {
            throw Errors.InvalidArgument(Errors.InvalidMode(mode));
        }

        var type = source.StartsWith('/') ? MountType.Bind : MountType.Volume;
        var options = mode.Split(',');
        var noCopy = options.Contains("nocopy", StringComparer.Ordinal);
        var propagation = options.FirstOrDefault(o => PropagationModes.Contains(o, StringComparer.Ordinal));
        var result = new MountSpec
        {
            Type = type,
            Source = source,
            Target = target,
            Mode = mode,
            ReadOnly = options.Any(IsReadOnlyMode),
            NoCopy = noCopy,
            Propagation = propagation,
            Consistency = options.FirstOrDefault(o => ConsistencyModes.Contains(o, StringComparer.Ordinal)),
        };

        var error = Validate(result, hasVolumeOptions: noCopy, hasBindOptions: propagation is not null, bindSourceExists: null);
        if (error is not null)
        {
            throw Errors.InvalidArgument(Errors.InvalidVolumeSpec(spec) + ": " + error);
        }

        if (type == MountType.Volume && source.Length > 0)
        {
            VolumeStore.ValidateName(source);
        }

        return result;
    }

    /// <summary>
    /// What the docker CLI (28.x, <c>cli/command/container/opts.go</c>) sends for a <c>-v</c> value given in
    /// <paramref name="workingDirectory"/>: a bind source (as the compose loader classifies it: a source starting with
    /// <c>.</c>, <c>/</c> or <c>~</c>) that is relative and starts with <c>.</c> (<c>./x</c>, <c>../x</c>, <c>.</c>, <c>.env</c>)
    /// becomes absolute (Go's <c>filepath.Abs</c>: joined and cleaned); everything else is sent as given (<c>~/x</c> and
    /// <c>data</c> stay: the daemon then takes them as volume names).
    /// </summary>
    /// <param name="spec">The flag's value.</param>
    /// <param name="workingDirectory">The CLI's working directory on the host, absolute.</param>
    /// <returns>The value as the daemon receives it.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="workingDirectory"/> is not absolute.</exception>
    public static string ResolveRelativeVolume(string spec, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        CheckWorkingDirectory(workingDirectory);
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return spec; // no source: an anonymous volume (or a spec the daemon refuses)
        }

        var host = spec[..colon];
        return IsRelativeDot(host) ? Abs(host, workingDirectory) + spec[colon..] : spec;
    }

    /// <summary>
    /// What the docker CLI (28.x, <c>opts/mount.go</c> <c>MountOpt.Set</c>) sends for a <c>--mount</c> value given in
    /// <paramref name="workingDirectory"/>: a <c>source</c>/<c>src</c> field that is relative and starts with <c>.</c> becomes
    /// absolute, whatever the mount type (<c>type=volume,src=./v</c> too); the other fields are kept as written.
    /// </summary>
    /// <param name="value">The flag's value.</param>
    /// <param name="workingDirectory">The CLI's working directory on the host, absolute.</param>
    /// <returns>The value with the source made absolute (re-quoted as CSV where a field needs it).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="workingDirectory"/> is not absolute.</exception>
    public static string ResolveRelativeMount(string value, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckWorkingDirectory(workingDirectory);
        List<string> fields;
        try
        {
            fields = SplitCsv(value);
        }
        catch (DockerSimulatorException)
        {
            return value; // the parser reports it
        }

        bool changed = false;
        for (int i = 0; i < fields.Count; i++)
        {
            int eq = fields[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && fields[i][..eq] is "source" or "src" && IsRelativeDot(fields[i][(eq + 1)..]))
            {
                fields[i] = fields[i][..(eq + 1)] + Abs(fields[i][(eq + 1)..], workingDirectory);
                changed = true;
            }
        }

        return changed
            ? string.Join(',', fields.Select(f => f.AsSpan().IndexOfAny(",\"\r\n") >= 0 || f.StartsWith(' ') ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f))
            : value;
    }

    private static bool IsRelativeDot(string path) => path.StartsWith('.');

    private static string Abs(string path, string workingDirectory) => FsPath.Clean(workingDirectory + "/" + path);

    private static void CheckWorkingDirectory(string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        if (!workingDirectory.StartsWith('/'))
        {
            throw new ArgumentException("The working directory must be absolute.", nameof(workingDirectory));
        }
    }

    /// <summary>
    /// <c>--mount type=volume|bind|tmpfs,source=,target=,readonly,...</c>: CSV fields (docker/cli <c>MountOpt.Set</c>),
    /// then the daemon's checks (<c>ParseMountSpec</c>). Keys: <c>type</c> (default <c>volume</c>), <c>source</c>/<c>src</c>,
    /// <c>target</c>/<c>dst</c>/<c>destination</c>, <c>readonly</c>/<c>ro</c>[<c>=bool</c>], <c>consistency</c>,
    /// <c>bind-propagation</c>, <c>bind-nonrecursive</c>, <c>volume-nocopy</c>[<c>=bool</c>], <c>volume-label</c>,
    /// <c>volume-driver</c>, <c>volume-opt</c>, <c>tmpfs-size</c> (go-units RAMInBytes), <c>tmpfs-mode</c> (octal).
    /// </summary>
    /// <param name="value">The flag's value.</param>
    /// <param name="bindSourceExists">Whether a bind's host path exists (the daemon's check); <see langword="null"/> skips the check.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: CLI texts
    /// (<c>invalid field 'x' must be a key=value pair</c>, <c>unexpected key 'k' in 'k=v'</c>, <c>invalid value for k: v</c>,
    /// <c>type is required</c>, <c>target is required</c>, <c>cannot mix 'volume-*' options with mount type 'bind'</c>) and
    /// daemon texts (<c>invalid mount config for type "bind": field Source must not be empty</c>, <c>... field Source must
    /// not be specified</c> for tmpfs, <c>... invalid mount path: 'x' mount path must be absolute</c>, <c>... invalid
    /// specification: destination can't be '/'</c>, <c>... must not set ReadOnly mode when using anonymous volumes</c>,
    /// <c>... invalid propagation mode: x</c>, <c>... bind source path does not exist: /x</c>,
    /// <c>invalid mount config for type "x": mount type unknown</c>), and the volume name errors of
    /// <see cref="VolumeStore.ValidateName"/> for a named volume.</exception>
    public static MountSpec ParseMount(string value, Func<string, bool>? bindSourceExists = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        var typeText = "volume";
        string source = "", target = "";
        bool readOnly = false, noCopy = false, volumeOptions = false, bindOptions = false, tmpfsOptions = false;
        string? propagation = null, consistency = null, driver = null;
        long? size = null;
        UnixFileMode? tmpfsMode = null;
        Dictionary<string, string>? labels = null, driverOptions = null;
        foreach (var field in SplitCsv(value))
        {
            var eq = field.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                switch (field)
                {
                    case "readonly" or "ro":
                        readOnly = true;
                        continue;
                    case "volume-nocopy":
                        volumeOptions = true;
                        noCopy = true;
                        continue;
                    case "bind-nonrecursive":
                        bindOptions = true;
                        continue;
                    default:
                        throw Errors.InvalidArgument(Errors.MountFieldNotKeyValue(field));
                }
            }

            var key = field[..eq];
            var val = field[(eq + 1)..];
            switch (key)
            {
                case "type":
                    typeText = val.ToLowerInvariant();
                    break;
                case "source" or "src":
                    source = val;
                    break;
                case "target" or "dst" or "destination":
                    target = val;
                    break;
                case "readonly" or "ro":
                    readOnly = FilterArgs.ParseGoBool(val) ?? throw Errors.InvalidArgument(Errors.MountInvalidValue(key, val));
                    break;
                case "consistency":
                    consistency = val.ToLowerInvariant();
                    break;
                case "bind-propagation":
                    bindOptions = true;
                    propagation = val.ToLowerInvariant();
                    break;
                case "bind-nonrecursive":
                    bindOptions = true;
                    _ = FilterArgs.ParseGoBool(val) ?? throw Errors.InvalidArgument(Errors.MountInvalidValue(key, val));
                    break;
                case "volume-nocopy":
                    volumeOptions = true;
                    noCopy = FilterArgs.ParseGoBool(val) ?? throw Errors.InvalidArgument(Errors.MountInvalidValue("volume-nocopy", val));
                    break;
                case "volume-label":
                    volumeOptions = true;
                    SetOnMap(labels ??= new(StringComparer.Ordinal), val);
                    break;
                case "volume-driver":
                    volumeOptions = true;
                    driver = val;
                    break;
                case "volume-opt":
                    volumeOptions = true;
                    SetOnMap(driverOptions ??= new(StringComparer.Ordinal), val);
                    break;
                case "tmpfs-size":
                    tmpfsOptions = true;
                    try
                    {
                        size = GoUnits.RamInBytes(val);
                    }
                    catch (DockerSimulatorException)
                    {
                        throw Errors.InvalidArgument(Errors.MountInvalidValue(key, val));
                    }

                    break;
                case "tmpfs-mode":
                    tmpfsOptions = true;
                    tmpfsMode = ParseOctalMode(val) ?? throw Errors.InvalidArgument(Errors.MountInvalidValue(key, val));
                    break;
                default:
                    throw Errors.InvalidArgument(Errors.MountUnexpectedKey(key, field));
            }
        }

        if (typeText.Length == 0)
        {
            throw Errors.InvalidArgument(Errors.MountTypeRequired);
        }

        if (target.Length == 0)
        {
            throw Errors.InvalidArgument(Errors.MountTargetRequired);
        }

        if (volumeOptions && typeText != "volume")
        {
            throw Errors.InvalidArgument(Errors.MountCannotMix("volume", typeText));
        }

        if (bindOptions && typeText != "bind")
        {
            throw Errors.InvalidArgument(Errors.MountCannotMix("bind", typeText));
        }

        if (tmpfsOptions && typeText != "tmpfs")
        {
            throw Errors.InvalidArgument(Errors.MountCannotMix("tmpfs", typeText));
        }

        MountType type = typeText switch
        {
            "volume" => MountType.Volume,
            "bind" => MountType.Bind,
            "tmpfs" => MountType.Tmpfs,
            _ => throw Errors.InvalidArgument(Errors.InvalidMountConfig(typeText, Errors.MountTypeUnknown)),
        };

        var result = new MountSpec
        {
            Type = type,
            Source = source,
            Target = target,
            ReadOnly = readOnly,
            NoCopy = noCopy,
            Propagation = propagation,
            Consistency = consistency,
            TmpfsSizeBytes = size,
            TmpfsMode = tmpfsMode,
            VolumeLabels = labels,
            VolumeDriver = driver,
            VolumeDriverOptions = driverOptions,
        };
        var error = Validate(result, volumeOptions, bindOptions, bindSourceExists);
        if (error is not null)
        {
            throw Errors.InvalidArgument(error);
        }

        if (type == MountType.Volume && source.Length > 0)
        {
            VolumeStore.ValidateName(source);
        }

        return result;
    }

    /// <summary>
    /// <c>--tmpfs /p[:options]</c> (docker/cli splits at the first <c>:</c>): options are the <c>mount -o</c> list of
    /// tmpfs, kept raw in <see cref="MountSpec.TmpfsOptions"/>; <c>ro</c>, <c>size=</c> (bytes, or with a
    /// k/m/g suffix) and <c>mode=</c> (octal) are also read into the spec; unreadable sizes and modes are left to the kernel
    /// (ignored here).
    /// </summary>
    /// <param name="value">The flag's value.</param>
    /// <returns>A <see cref="MountType.Tmpfs"/> spec.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: the destination is relative
    /// (<c>invalid mount path: 'p' mount path must be absolute</c>) or <c>/</c>
    /// (<c>invalid specification: destination can't be '/'</c>), moby <c>ValidateTmpfsMountDestination</c>.</exception>
    public static MountSpec ParseTmpfs(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var target = colon < 0 ? value : value[..colon];
        var options = colon < 0 ? "" : value[(colon + 1)..];
        var error = ValidateTarget(target);
        if (error is not null)
        {
            throw Errors.InvalidArgument(error);
        }

        bool readOnly = false;
        long? size = null;
        UnixFileMode? mode = null;
        foreach (var option in options.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (option == "ro")
            {
                readOnly = true;
            }
            else if (option == "rw")
            {
                readOnly = false;
            }
            else if (option.StartsWith("size=", StringComparison.Ordinal))
            {
                try
                {
                    size = GoUnits.RamInBytes(option[5..]);
                }
                catch (DockerSimulatorException)
                {
                }
            }
            else if (option.StartsWith("mode=", StringComparison.Ordinal))
            {
                mode = ParseOctalMode(option[5..]) ?? mode;
            }
        }

        return new MountSpec
        {
            Type = MountType.Tmpfs,
            Target = target,
            ReadOnly = readOnly,
            TmpfsSizeBytes = size,
            TmpfsMode = mode,
            TmpfsOptions = options,
        };
    }

    /// <summary>
    /// <c>--volumes-from C[:mode]</c> (moby <c>ParseVolumesFrom</c>): the mode defaults to <c>rw</c>; it must be a valid
    /// <c>-v</c> mode without a propagation or copy option (so <c>ro</c>, <c>rw</c>, <c>z</c>, <c>ro,z</c> are accepted).
    /// </summary>
    /// <param name="spec">The flag's value.</param>
    /// <returns>The container reference and mode.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: empty
    /// (<c>volumes-from specification cannot be an empty string</c>) or a bad mode (<c>invalid mode: xyz</c>,
    /// also for <c>nocopy</c> and propagations).</exception>
    public static VolumesFromSpec ParseVolumesFrom(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Length == 0)
        {
            throw Errors.InvalidArgument(Errors.VolumesFromEmpty);
        }

        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var id = colon < 0 ? spec : spec[..colon];
        var mode = colon < 0 ? "" : spec[(colon + 1)..];
        if (mode.Length == 0)
        {
            return new VolumesFromSpec(id, "rw", false);
        }

        var options = mode.Split(',');
        if (!ValidMode(mode)
            || options.Any(o => PropagationModes.Contains(o, StringComparer.Ordinal))
            || options.Contains("nocopy", StringComparer.Ordinal))
        {
            throw Errors.InvalidArgument(Errors.InvalidMode(mode));
        }

        return new VolumesFromSpec(id, mode, options.Any(IsReadOnlyMode));
    }

    /// <summary><c>ro</c> and its recursive variants (<c>ro-non-recursive</c>, <c>ro-force-recursive</c>, <c>rro</c>) all make a
    /// mount read-only; the recursion detail is not modelled.</summary>
    private static bool IsReadOnlyMode(string option) => option is "ro" or "ro-non-recursive" or "ro-force-recursive" or "rro";

    /// <summary>moby <c>linuxValidMountMode</c>: every option known, at most one of each kind.</summary>
    internal static bool ValidMode(string mode)
    {
        if (mode.Length == 0)
        {
            return true;
        }

        int rw = 0, label = 0, propagation = 0, copy = 0, consistency = 0;
        foreach (var o in mode.Split(','))
        {
            if (RwModes.Contains(o, StringComparer.Ordinal))
            {
                rw++;
            }
            else if (LabelModes.Contains(o, StringComparer.Ordinal))
            {
                label++;
            }
            else if (PropagationModes.Contains(o, StringComparer.Ordinal))
            {
                propagation++;
            }
            else if (o == "nocopy")
            {
                copy++;
            }
            else if (ConsistencyModes.Contains(o, StringComparer.Ordinal))
            {
                consistency++;
            }
            else
            {
                return false;
            }
        }

        return rw <= 1 && label <= 1 && propagation <= 1 && copy <= 1 && consistency <= 1;
    }

    /// <summary>moby <c>validateMountConfigImpl</c>; the error text, or <see langword="null"/>.</summary>
    private static string? Validate(MountSpec m, bool hasVolumeOptions, bool hasBindOptions, Func<string, bool>? bindSourceExists)
    {
        var typeName = m.Type.ToString().ToLowerInvariant();
        string Fail(string message) => Errors.InvalidMountConfig(typeName, message);
        if (m.Target.Length == 0)
        {
            return Fail(Errors.MountFieldMissing("Target"));
        }

        if (ValidateTarget(m.Target) is { } targetError)
        {
            return Fail(targetError);
        }

        switch (m.Type)
        {
            case MountType.Bind:
                if (m.Source.Length == 0)
                {
                    return Fail(Errors.MountFieldMissing("Source"));
                }

                if (m.Propagation is { Length: > 0 } p && !PropagationModes.Contains(p, StringComparer.Ordinal))
                {
                    return Fail(Errors.InvalidPropagation(p));
                }

                if (hasVolumeOptions)
                {
                    return Fail(Errors.MountFieldExtra("VolumeOptions"));
                }

                if (!m.Source.Replace('\\', '/').StartsWith('/'))
                {
                    return Fail(Errors.MountPathNotAbsolute(m.Source.Replace('\\', '/')));
                }

                if (bindSourceExists is not null && !bindSourceExists(m.Source))
                {
                    return Fail(Errors.BindSourceDoesNotExist(m.Source));
                }

                break;
            case MountType.Volume:
                if (hasBindOptions)
                {
                    return Fail(Errors.MountFieldExtra("BindOptions"));
                }

                if (m.ReadOnly && m.Source.Length == 0)
                {
                    return Fail(Errors.AnonymousVolumeReadOnly);
                }

                break;
            case MountType.Tmpfs:
                if (hasBindOptions)
                {
                    return Fail(Errors.MountFieldExtra("BindOptions"));
                }

                if (m.Source.Length != 0)
                {
                    return Fail(Errors.MountFieldExtra("Source"));
                }

                break;
        }

        return null;
    }

    private static string? ValidateTarget(string target)
    {
        var slashed = target.Replace('\\', '/');
        if (!slashed.StartsWith('/'))
        {
            return Errors.MountPathNotAbsolute(slashed);
        }

        return FileSystem.FsPath.Clean(slashed) == "/" ? Errors.MountTargetIsRoot : null;
    }

    private static UnixFileMode? ParseOctalMode(string s)
    {
        if (s.Length == 0 || s.Any(c => c is < '0' or > '7'))
        {
            return null;
        }

        try
        {
            var v = Convert.ToUInt64(s, 8);
            return v > uint.MaxValue ? null : (UnixFileMode)(int)(v & 0xFFF);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static void SetOnMap(Dictionary<string, string> map, string value)
    {
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        var key = eq < 0 ? value : value[..eq];
        if (key.Length > 0)
        {
            map[key] = eq < 0 ? "" : value[(eq + 1)..];
        }
    }

    private static string[] SplitN(string s, char separator, int n)
    {
        var parts = new List<string>();
        var start = 0;
        while (parts.Count < n - 1)
        {
            var i = s.IndexOf(separator, start);
            if (i < 0)
            {
                break;
            }

            parts.Add(s[start..i]);
            start = i + 1;
        }

        parts.Add(s[start..]);
        return [.. parts];
    }

    /// <summary>One record of Go's <c>encoding/csv</c> (comma-separated, double quotes with <c>""</c> escapes).</summary>
    private static List<string> SplitCsv(string value)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        while (true)
        {
            sb.Clear();
            if (i < value.Length && value[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= value.Length)
                    {
                        throw Errors.InvalidArgument($"parse error on line 1, column {value.Length + 1}: extraneous or missing \" in quoted-field");
                    }

                    if (value[i] == '"')
                    {
                        if (i + 1 < value.Length && value[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(value[i++]);
                }

                if (i < value.Length && value[i] != ',')
                {
                    throw Errors.InvalidArgument($"parse error on line 1, column {i + 1}: extraneous or missing \" in quoted-field");
                }
            }
            else
            {
                while (i < value.Length && value[i] != ',')
                {
                    if (value[i] == '"')
                    {
                        throw Errors.InvalidArgument($"parse error on line 1, column {i + 1}: bare \" in non-quoted-field");
                    }

                    sb.Append(value[i++]);
                }
            }

            fields.Add(sb.ToString());
            if (i >= value.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }
}
