namespace Simulator.Images;

/// <summary>
/// The execution parameters of an image, the <c>config</c> object of its config JSON: image-spec's
/// <c>ImageConfig</c> with Docker's extensions (moby docker-image-spec <c>DockerOCIImageConfig</c>:
/// <c>Healthcheck</c>, <c>OnBuild</c>, <c>Shell</c>). moby calls it the image's <c>RunConfig</c>.
/// </summary>
/// <remarks>
/// <para>
/// JSON members, in this order (Go struct order of the embedded structs), each omitted when empty, zero or
/// <see langword="null"/> (Go <c>omitempty</c>): <c>User</c>, <c>ExposedPorts</c>, <c>Env</c>,
/// <c>Entrypoint</c>, <c>Cmd</c>, <c>Volumes</c>, <c>WorkingDir</c>, <c>Labels</c>, <c>StopSignal</c>,
/// <c>ArgsEscaped</c>, <c>Healthcheck</c>, <c>OnBuild</c>, <c>Shell</c>. <c>ExposedPorts</c> and
/// <c>Volumes</c> are JSON objects whose keys map to <c>{}</c> and, like <c>Labels</c>, are written in
/// sorted key order (Go sorts map keys by their UTF-8 bytes), so their order here does not matter and
/// duplicates count once.
/// </para>
/// <para>
/// Every collection defaults to empty, never <see langword="null"/>; an empty list is omitted from the JSON
/// just as Go omits a nil or empty slice, so <c>Cmd</c> absent and <c>Cmd: []</c> are the same config.
/// </para>
/// <para>
/// Immutable and thread-safe. Equality is equality of the canonical JSON (so set order is ignored).
/// </para>
/// </remarks>
public sealed record RunConfig
{
    /// <summary>The empty config, <c>{}</c>.</summary>
    public static RunConfig Empty { get; } = new();

    /// <summary>The user (name or UID, optionally <c>:group</c>) to run as; <c>""</c> (root) by default.</summary>
    public string User { get; init; } = "";

    /// <summary>Exposed ports as <c>port/proto</c> (<c>80/tcp</c>); a set, written sorted.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    /// <summary>Environment variables as <c>NAME=value</c>, in order.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>The entrypoint argv.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary>The default command argv (arguments to the entrypoint when there is one).</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>Volume mount points (absolute paths); a set, written sorted.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>The working directory; <c>""</c> (the root) by default.</summary>
    public string WorkingDir { get; init; } = "";

    /// <summary>Labels; written in sorted key order.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The stop signal, e.g. <c>SIGQUIT</c>; <c>""</c> (SIGTERM) by default.</summary>
    public string StopSignal { get; init; } = "";

    /// <summary>Windows-only legacy flag (image-spec <c>ArgsEscaped</c>, deprecated); <see langword="false"/> by default.</summary>
    public bool ArgsEscaped { get; init; }

    /// <summary>The healthcheck; <see langword="null"/> (the default) omits it.</summary>
    public HealthcheckConfig? Healthcheck { get; init; }

    /// <summary><c>ONBUILD</c> triggers, in order.</summary>
    public IReadOnlyList<string> OnBuild { get; init; } = [];

    /// <summary>The shell for shell-form commands (<c>SHELL</c>); empty means <c>["/bin/sh", "-c"]</c>.</summary>
    public IReadOnlyList<string> Shell { get; init; } = [];

    /// <inheritdoc/>
    public bool Equals(RunConfig? other) =>
        other is not null && (ReferenceEquals(this, other) || ImageConfigJson.WriteRunConfig(this) == ImageConfigJson.WriteRunConfig(other));

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ImageConfigJson.WriteRunConfig(this));
}
