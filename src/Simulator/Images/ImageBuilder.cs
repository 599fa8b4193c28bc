using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Simulator.FileSystem;
using Simulator.References;

namespace Simulator.Images;

/// <summary>
/// An immutable builder of test images, in the manner of Testcontainers' builders: start
/// <c>FROM scratch</c> (<see cref="FromScratch"/>) or on top of an image (<see cref="From"/>), add files and
/// config with <c>With*</c> (each returns a new builder), then <see cref="Build"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Layers.</b> Files, directories and symlinks go into the current open layer; <see cref="WithLayer()"/>
/// closes it so the next file starts a new one, and <see cref="WithLayer(Layer, string?)"/> appends a ready
/// layer. So a builder without <see cref="WithLayer()"/> calls adds one layer with all its files on top of the
/// base layers (or none if it adds no files). Missing parent directories of added paths are added to the same
/// layer, as <c>COPY</c> creates them: with the metadata of the topmost lower layer's directory at that path,
/// otherwise mode <c>0755</c> owned by root. A later entry at the same path replaces an earlier one of the same layer.
/// </para>
/// <para>
/// <b>History.</b> Every step adds a history entry in the order the steps were made, with BuildKit's
/// <c>created_by</c> forms and comment <c>buildkit.dockerfile.v0</c>: <c>ENV A=b</c>, <c>CMD ["sh" "-c"]</c>,
/// <c>ENTRYPOINT [...]</c>, <c>EXPOSE map[80/tcp:{}]</c>, <c>VOLUME [/data]</c>, <c>LABEL k=v</c>,
/// <c>WORKDIR /app</c>, <c>USER u</c>, <c>STOPSIGNAL s</c>, <c>HEALTHCHECK ...</c> (all <c>empty_layer</c>);
/// a file layer gets <c>COPY &lt;paths&gt; # buildkit</c> (at most three paths, then <c>...</c>). The base
/// image's history and layers come first.
/// </para>
/// <para>
/// <b>Determinism.</b> The image's <c>created</c> time and every new history entry's time is
/// <see cref="WithCreated"/>'s value, else the <see cref="WithTimeProvider"/> clock's now at
/// <see cref="Build"/>, else the Unix epoch (1970-01-01T00:00:00Z, as a reproducible build with
/// <c>SOURCE_DATE_EPOCH=0</c>). File mtimes are <see cref="FileEntry.ModifiedAt"/> (the epoch by default).
/// The same steps therefore always give the same image ID. Architecture <c>amd64</c> and OS <c>linux</c>
/// unless the base image or <see cref="WithPlatform"/> says otherwise.
/// </para>
/// <para>
/// <b>Validation.</b> .NET misuse (<see langword="null"/>, an empty name) throws <see cref="ArgumentException"/>
/// at once; filesystem rules are checked by <see cref="Build"/> through <see cref="Layer.Create"/>.
/// Immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class ImageBuilder
{
    private const string BuildKitComment = "buildkit.dockerfile.v0";

    private readonly Image? _base;
    private readonly RunConfig _config;
    private readonly ImmutableList<Step> _steps;
    private readonly int _openStep;
    private readonly DateTimeOffset? _created;
    private readonly TimeProvider? _timeProvider;
    private readonly string _architecture;
    private readonly string _os;
    private readonly string _author;

    private ImageBuilder(
        Image? baseImage,
        RunConfig config,
        ImmutableList<Step> steps,
        int openStep,
        DateTimeOffset? created,
        TimeProvider? timeProvider,
        string architecture,
        string os,
        string author)
    {
        _base = baseImage;
        _config = config;
        _steps = steps;
        _openStep = openStep;
        _created = created;
        _timeProvider = timeProvider;
        _architecture = architecture;
        _os = os;
        _author = author;
    }

    /// <summary>A builder <c>FROM scratch</c>: no layers, empty config, <c>linux/amd64</c>.</summary>
    /// <returns>The builder.</returns>
    public static ImageBuilder FromScratch() => new(null, RunConfig.Empty, [], -1, null, null, "amd64", "linux", "");

    /// <summary>A builder on top of <paramref name="baseImage"/>: its layers, history, platform and run config are inherited.</summary>
    /// <param name="baseImage">The base image.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="baseImage"/> is <see langword="null"/>.</exception>
    public static ImageBuilder From(Image baseImage)
    {
        ArgumentNullException.ThrowIfNull(baseImage);
        return new(baseImage, baseImage.Config.Config, [], -1, null, null, baseImage.Config.Architecture, baseImage.Config.Os, "");
    }

    /// <summary>Adds a regular file with UTF-8 text to the open layer.</summary>
    /// <param name="path">Absolute path, e.g. <c>/etc/motd</c>.</param>
    /// <param name="text">The content.</param>
    /// <param name="mode">Permission bits; <c>0644</c> when <see langword="null"/>.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="text"/> is <see langword="null"/>.</exception>
    public ImageBuilder WithFile(string path, string text, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WithEntry(path, FileEntry.File(text, mode));
    }

    /// <summary>Adds a regular file with the given content (real or synthetic) to the open layer.</summary>
    /// <param name="path">Absolute path.</param>
    /// <param name="content">The content.</param>
    /// <param name="mode">Permission bits; <c>0644</c> when <see langword="null"/>.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="content"/> is <see langword="null"/>.</exception>
    public ImageBuilder WithFile(string path, FileContent content, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return WithEntry(path, FileEntry.File(content, mode));
    }

    /// <summary>Adds a directory to the open layer.</summary>
    /// <param name="path">Absolute path.</param>
    /// <param name="mode">Permission bits; <c>0755</c> when <see langword="null"/>.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public ImageBuilder WithDirectory(string path, UnixFileMode? mode = null) => WithEntry(path, FileEntry.Directory(mode));

    /// <summary>Adds a symbolic link to the open layer.</summary>
    /// <param name="path">Absolute path of the link.</param>
    /// <param name="target">The target as written (relative or absolute).</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is null or empty.</exception>
    public ImageBuilder WithSymlink(string path, string target) => WithEntry(path, FileEntry.Symlink(target));

    /// <summary>Adds any entry (with its own mode, owner, mtime) to the open layer.</summary>
    /// <param name="path">Absolute path.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="entry"/> is <see langword="null"/>.</exception>
    public ImageBuilder WithEntry(string path, FileEntry entry)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(entry);
        if (_openStep < 0)
        {
            var step = new Step(null, ImmutableList.Create(new KeyValuePair<string, FileEntry>(path, entry)), null);
            return With(steps: _steps.Add(step), openStep: _steps.Count);
        }

        var open = _steps[_openStep];
        return With(steps: _steps.SetItem(_openStep, open with { Files = open.Files!.Add(new(path, entry)) }));
    }

    /// <summary>Closes the open layer: the next file starts a new layer. Does nothing when no layer is open.</summary>
    /// <returns>The new builder.</returns>
    public ImageBuilder WithLayer() => _openStep < 0 ? this : With(openStep: -1);

    /// <summary>Closes the open layer and appends a ready layer.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="createdBy">Its history <c>created_by</c>; <c>COPY . / # buildkit</c> when <see langword="null"/>.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    public ImageBuilder WithLayer(Layer layer, string? createdBy = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return With(steps: _steps.Add(new Step(layer, null, createdBy ?? "COPY . / # buildkit")), openStep: -1);
    }

    /// <summary>Sets an environment variable (<c>ENV</c>), replacing an earlier value of the same name in place.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or contains <c>=</c>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public ImageBuilder WithEnv(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException("An environment variable name cannot contain '='.", nameof(name));
        }

        var entry = name + "=" + value;
        var env = _config.Env.ToList();
        int index = env.FindIndex(e => e.StartsWith(name + "=", StringComparison.Ordinal) || e == name);
        if (index >= 0)
        {
            env[index] = entry;
        }
        else
        {
            env.Add(entry);
        }

        return Configure(_config with { Env = env }, "ENV " + entry);
    }

    /// <summary>Sets the default command (<c>CMD</c>, exec form).</summary>
    /// <param name="args">The argv.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> or an element is <see langword="null"/>.</exception>
    public ImageBuilder WithCmd(params string[] args) => Configure(_config with { Cmd = CopyArgs(args) }, "CMD " + GoQuoteList(args));

    /// <summary>Sets the entrypoint (<c>ENTRYPOINT</c>, exec form).</summary>
    /// <param name="args">The argv.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> or an element is <see langword="null"/>.</exception>
    public ImageBuilder WithEntrypoint(params string[] args) =>
        Configure(_config with { Entrypoint = CopyArgs(args) }, "ENTRYPOINT " + GoQuoteList(args));

    /// <summary>Exposes a port (<c>EXPOSE</c>): <c>80</c> means <c>80/tcp</c>; <c>53/udp</c>, <c>8000-8002/tcp</c> ranges expand.</summary>
    /// <param name="port"><c>port[-end][/tcp|udp|sctp]</c>.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="port"/> is not a port or range of 1-65535 with an optional known protocol.</exception>
    public ImageBuilder WithExposedPort(string port)
    {
        ArgumentException.ThrowIfNullOrEmpty(port);
        var ports = ExpandPorts(port);
        var set = _config.ExposedPorts.Union(ports, StringComparer.Ordinal).ToList();
        set.Sort(ImageConfigJson.CompareUtf8);
        return Configure(_config with { ExposedPorts = set }, "EXPOSE map[" + string.Join(" ", ports.Select(p => p + ":{}")) + "]");
    }

    /// <summary>Declares a volume mount point (<c>VOLUME</c>).</summary>
    /// <param name="path">The path in the container.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public ImageBuilder WithVolume(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var set = _config.Volumes.Union([path], StringComparer.Ordinal).ToList();
        set.Sort(ImageConfigJson.CompareUtf8);
        return Configure(_config with { Volumes = set }, "VOLUME [" + path + "]");
    }

    /// <summary>Sets a label (<c>LABEL</c>), replacing an earlier value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public ImageBuilder WithLabel(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        var labels = new Dictionary<string, string>(_config.Labels, StringComparer.Ordinal) { [key] = value };
        return Configure(_config with { Labels = labels }, "LABEL " + key + "=" + value);
    }

    /// <summary>Sets the working directory (<c>WORKDIR</c>); a relative path is relative to the current one, as in a Dockerfile.</summary>
    /// <param name="path">The directory.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public ImageBuilder WithWorkingDir(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var current = _config.WorkingDir.Length == 0 ? FsPath.Root : _config.WorkingDir;
        var dir = FsPath.Clean(path.StartsWith('/') ? path : current + "/" + path);
        return Configure(_config with { WorkingDir = dir }, "WORKDIR " + dir);
    }

    /// <summary>Sets the user (<c>USER</c>), a name or UID with an optional <c>:group</c>.</summary>
    /// <param name="user">The user.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="user"/> is null or empty.</exception>
    public ImageBuilder WithUser(string user)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        return Configure(_config with { User = user }, "USER " + user);
    }

    /// <summary>Sets the stop signal (<c>STOPSIGNAL</c>).</summary>
    /// <param name="signal">The signal, e.g. <c>SIGQUIT</c>.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="signal"/> is null or empty.</exception>
    public ImageBuilder WithStopSignal(string signal)
    {
        ArgumentException.ThrowIfNullOrEmpty(signal);
        return Configure(_config with { StopSignal = signal }, "STOPSIGNAL " + signal);
    }

    /// <summary>Sets the healthcheck (<c>HEALTHCHECK</c>).</summary>
    /// <param name="healthcheck">The healthcheck.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="healthcheck"/> is <see langword="null"/>.</exception>
    public ImageBuilder WithHealthcheck(HealthcheckConfig healthcheck)
    {
        ArgumentNullException.ThrowIfNull(healthcheck);
        return Configure(_config with { Healthcheck = healthcheck }, "HEALTHCHECK " + GoQuoteList(healthcheck.Test));
    }

    /// <summary>Changes the run config directly, without a history entry.</summary>
    /// <param name="change">Returns the new run config from the current one.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> or its result is <see langword="null"/>.</exception>
    public ImageBuilder WithConfig(Func<RunConfig, RunConfig> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var config = change(_config);
        ArgumentNullException.ThrowIfNull(config, nameof(change));
        return With(config: config);
    }

    /// <summary>Sets the image's (and new history entries') creation time.</summary>
    /// <param name="created">The time; kept with its offset (use UTC for <c>Z</c>).</param>
    /// <returns>The new builder.</returns>
    public ImageBuilder WithCreated(DateTimeOffset created) => With(created: created);

    /// <summary>Takes the creation time from <paramref name="timeProvider"/> at <see cref="Build"/>, unless <see cref="WithCreated"/> is set.</summary>
    /// <param name="timeProvider">The clock, e.g. a <c>FakeTimeProvider</c>.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    public ImageBuilder WithTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return With(timeProvider: timeProvider);
    }

    /// <summary>Sets the platform.</summary>
    /// <param name="architecture">The architecture, e.g. <c>arm64</c>.</param>
    /// <param name="os">The OS; <c>linux</c> by default.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    public ImageBuilder WithPlatform(string architecture, string os = "linux")
    {
        ArgumentException.ThrowIfNullOrEmpty(architecture);
        ArgumentException.ThrowIfNullOrEmpty(os);
        return With(architecture: architecture, os: os);
    }

    /// <summary>Sets the image author.</summary>
    /// <param name="author">The author.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="author"/> is <see langword="null"/>.</exception>
    public ImageBuilder WithAuthor(string author)
    {
        ArgumentNullException.ThrowIfNull(author);
        return With(author: author);
    }

    /// <summary>Builds the image: validates every layer and assembles config, DiffIDs and history.</summary>
    /// <returns>The image (not stored anywhere: add it to an <see cref="IImageStore"/>).</returns>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: a layer breaks <see cref="Layer.Create"/>'s rules (a reserved
    /// <c>.wh.</c> name, an entry under a file of the same layer, a non-directory root).
    /// </exception>
    public Image Build()
    {
        var created = _created ?? _timeProvider?.GetUtcNow() ?? DateTimeOffset.UnixEpoch;
        var layers = new List<Layer>(_base?.Layers ?? []);
        var config = (_base?.Config ?? new ImageConfig()) with
        {
            Architecture = _architecture,
            Os = _os,
            Author = _author,
            Created = created,
            Config = _config,
        };
        foreach (var step in _steps)
        {
            if (step.Layer is { } ready)
            {
                layers.Add(ready);
                config = config.WithLayer(ready.DiffId, History(step.CreatedBy!, created));
            }
            else if (step.Files is { } files)
            {
                var layer = MakeLayer(files, layers);
                layers.Add(layer);
                config = config.WithLayer(layer.DiffId, History(CopyCreatedBy(files), created));
            }
            else
            {
                config = config.WithEmptyLayerHistory(History(step.CreatedBy!, created));
            }
        }

        return Image.Create(config, layers);
    }

    private static HistoryEntry History(string createdBy, DateTimeOffset created) =>
        new() { Created = created, CreatedBy = createdBy, Comment = BuildKitComment };

    private static string CopyCreatedBy(ImmutableList<KeyValuePair<string, FileEntry>> files)
    {
        var paths = files.Select(f => FsPath.Clean(f.Key)).Distinct(StringComparer.Ordinal).ToList();
        var shown = string.Join(" ", paths.Take(3));
        return "COPY " + shown + (paths.Count > 3 ? " ..." : "") + " # buildkit";
    }

    private static Layer MakeLayer(ImmutableList<KeyValuePair<string, FileEntry>> files, List<Layer> lower)
    {
        var map = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
        foreach (var (path, entry) in files)
        {
            map[FsPath.Clean(path)] = entry;
        }

        foreach (var path in map.Keys.ToList())
        {
            for (var parent = FsPath.Parent(path); parent != FsPath.Root; parent = FsPath.Parent(parent))
            {
                if (map.ContainsKey(parent))
                {
                    continue;
                }

                map[parent] = LowerDirectory(parent, lower) ?? FileEntry.Directory();
            }
        }

        return Layer.Create(map);
    }

    private static FileEntry? LowerDirectory(string path, List<Layer> lower)
    {
        for (int i = lower.Count - 1; i >= 0; i--)
        {
            if (lower[i].Entries.TryGetValue(path, out var entry))
            {
                return entry.IsDirectory ? entry : null;
            }
        }

        return null;
    }

    private static string[] CopyArgs(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        foreach (var arg in args)
        {
            ArgumentNullException.ThrowIfNull(arg, nameof(args));
        }

        return [.. args];
    }

    // Go's fmt %q of a []string: ["a" "b"].
    private static string GoQuoteList(IEnumerable<string> args)
    {
        var sb = new StringBuilder("[");
        var first = true;
        foreach (var arg in args)
        {
            if (!first)
            {
                sb.Append(' ');
            }

            first = false;
            sb.Append('"').Append(arg.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        return sb.Append(']').ToString();
    }

    private static List<string> ExpandPorts(string spec)
    {
        var slash = spec.IndexOf('/', StringComparison.Ordinal);
        var proto = slash < 0 ? "tcp" : spec[(slash + 1)..].ToLowerInvariant();
        var range = slash < 0 ? spec : spec[..slash];
        if (proto is not ("tcp" or "udp" or "sctp"))
        {
            throw new ArgumentException($"Invalid proto: {proto}", nameof(spec));
        }

        var dash = range.IndexOf('-', StringComparison.Ordinal);
        var startText = dash < 0 ? range : range[..dash];
        var endText = dash < 0 ? range : range[(dash + 1)..];
        if (!ushort.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ||
            !ushort.TryParse(endText, NumberStyles.None, CultureInfo.InvariantCulture, out var end) ||
            start == 0 || end < start)
        {
            throw new ArgumentException($"Invalid containerPort: {range}", nameof(spec));
        }

        var ports = new List<string>();
        for (int p = start; p <= end; p++)
        {
            ports.Add(p.ToString(CultureInfo.InvariantCulture) + "/" + proto);
        }

        return ports;
    }

    private ImageBuilder Configure(RunConfig config, string createdBy) =>
        With(config: config, steps: _steps.Add(new Step(null, null, createdBy)));

    private ImageBuilder With(
        RunConfig? config = null,
        ImmutableList<Step>? steps = null,
        int? openStep = null,
        DateTimeOffset? created = null,
        TimeProvider? timeProvider = null,
        string? architecture = null,
        string? os = null,
        string? author = null) =>
        new(
            _base,
            config ?? _config,
            steps ?? _steps,
            openStep ?? _openStep,
            created ?? _created,
            timeProvider ?? _timeProvider,
            architecture ?? _architecture,
            os ?? _os,
            author ?? _author);

    private sealed record Step(Layer? Layer, ImmutableList<KeyValuePair<string, FileEntry>>? Files, string? CreatedBy);
}
