using System.Text;
using Simulator.References;

namespace Simulator.Images;

/// <summary>
/// An image's config document (image-spec config.md, <c>application/vnd.oci.image.config.v1+json</c>, with
/// Docker's extensions as moby's docker-image-spec <c>DockerOCIImage</c>): platform, creation data, the
/// execution parameters (<see cref="Config"/>), the layers' DiffIDs and the history. The image ID is the
/// <c>sha256</c> digest of its JSON.
/// </summary>
/// <remarks>
/// <para>
/// Canonical JSON (<see cref="ToJson"/>): compact UTF-8 as Go's <c>encoding/json</c> writes it. Top-level keys
/// are sorted, as moby's <c>image.Image.MarshalJSON</c> sorts them (daemon/internal/image/image.go):
/// <c>architecture</c>, <c>author</c>, <c>config</c>, <c>created</c>, <c>history</c>, <c>os</c>,
/// <c>rootfs</c>, <c>variant</c>. Empty strings, a <see langword="null"/> <see cref="Created"/>, an empty
/// <see cref="History"/> and empty <c>rootfs.diff_ids</c> are omitted (<c>omitempty</c>, as moby's
/// <c>RootFS</c>); <c>config</c> is always written (<c>{}</c> when empty, as a Go struct value) and
/// <c>rootfs</c> always (<c>{"type":"layers"}</c> at least). Times are RFC 3339 with trimmed fractional
/// seconds and <c>Z</c> for UTC, as Go's <c>time.Time</c>. Strings are escaped as Go does: <c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c>, U+2028, U+2029 and control characters as <c>\u00XX</c> (lower-case hex) except
/// <c>\b \f \n \r \t</c>; other non-ASCII characters are written as UTF-8.
/// Not modelled: <c>os.version</c>, <c>os.features</c>, and the legacy members moby writes for committed
/// images (<c>container</c>, <c>container_config</c>, <c>docker_version</c>, <c>parent</c>).
/// </para>
/// <para>
/// Immutable and thread-safe; change with <see langword="with"/> or the <c>With*</c> methods. Equality is
/// equality of the canonical JSON, so equal configs have equal IDs.
/// </para>
/// </remarks>
public sealed record ImageConfig
{
    /// <summary>The only root filesystem type, <c>layers</c>.</summary>
    public const string LayersRootFsType = "layers";

    /// <summary>The CPU architecture (Go's <c>GOARCH</c> names); <c>amd64</c> by default.</summary>
    public string Architecture { get; init; } = "amd64";

    /// <summary>The operating system; <c>linux</c> by default.</summary>
    public string Os { get; init; } = "linux";

    /// <summary>The CPU variant (<c>v8</c> for arm64); <c>""</c> by default.</summary>
    public string Variant { get; init; } = "";

    /// <summary>When the image was created; <see langword="null"/> (the default) omits it.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The author; <c>""</c> by default.</summary>
    public string Author { get; init; } = "";

    /// <summary>The execution parameters; <see cref="RunConfig.Empty"/> by default.</summary>
    public RunConfig Config { get; init; } = RunConfig.Empty;

    /// <summary>The <c>rootfs.type</c>; <see cref="LayersRootFsType"/> by default.</summary>
    public string RootFsType { get; init; } = LayersRootFsType;

    /// <summary>The layers' DiffIDs (<c>rootfs.diff_ids</c>), bottom first; empty by default.</summary>
    public IReadOnlyList<Digest> DiffIds { get; init; } = [];

    /// <summary>The history, oldest first; empty by default.</summary>
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>This config with its <see cref="Config"/> changed by <paramref name="change"/>.</summary>
    /// <param name="change">Returns the new run config from the current one.</param>
    /// <returns>The new config.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> or its result is <see langword="null"/>.</exception>
    public ImageConfig WithConfig(Func<RunConfig, RunConfig> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var config = change(Config);
        ArgumentNullException.ThrowIfNull(config, nameof(change));
        return this with { Config = config };
    }

    /// <summary>This config with one more layer on top and its history entry appended.</summary>
    /// <param name="diffId">The new layer's DiffID.</param>
    /// <param name="history">Its history entry; <see cref="HistoryEntry.EmptyLayer"/> is forced to <see langword="false"/>.</param>
    /// <returns>The new config.</returns>
    /// <exception cref="ArgumentException"><paramref name="diffId"/> is the empty digest.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is <see langword="null"/>.</exception>
    public ImageConfig WithLayer(Digest diffId, HistoryEntry history)
    {
        if (diffId.IsEmpty)
        {
            throw new ArgumentException("A DiffID is empty.", nameof(diffId));
        }

        ArgumentNullException.ThrowIfNull(history);
        return this with { DiffIds = [.. DiffIds, diffId], History = [.. History, history with { EmptyLayer = false }] };
    }

    /// <summary>This config with a history entry appended for a step that made no layer (<c>empty_layer: true</c>).</summary>
    /// <param name="history">The entry; <see cref="HistoryEntry.EmptyLayer"/> is forced to <see langword="true"/>.</param>
    /// <returns>The new config.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is <see langword="null"/>.</exception>
    public ImageConfig WithEmptyLayerHistory(HistoryEntry history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return this with { History = [.. History, history with { EmptyLayer = true }] };
    }

    /// <summary>The canonical JSON, compact UTF-8 (see the remarks for the exact form).</summary>
    /// <returns>A new array with the JSON bytes.</returns>
    public byte[] ToJson() => ImageConfigJson.Write(this);

    /// <summary>The canonical JSON as a string.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJsonString() => Encoding.UTF8.GetString(ToJson());

    /// <summary>The image ID this config gives: the <c>sha256</c> digest of <see cref="ToJson"/>.</summary>
    /// <returns>The ID, <c>sha256:</c> plus 64 hex digits.</returns>
    public Digest ComputeId() => Digest.Compute(ToJson());

    /// <summary>
    /// Parses an image config JSON, as moby's <c>image.NewFromJSON</c>: unknown members are ignored, member names
    /// match case-insensitively when no exact match exists (as Go's decoder), <c>null</c> means absent.
    /// </summary>
    /// <param name="json">The UTF-8 JSON bytes.</param>
    /// <returns>The config. Its <see cref="ToJson"/> is canonical and may differ from <paramref name="json"/>.</returns>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: malformed JSON or UTF-8 (<c>invalid image JSON: ...</c>); a member of
    /// the wrong type (<c>json: cannot unmarshal string into Go struct field Image.config.Env of type array</c>);
    /// no <c>rootfs</c> (<c>invalid image JSON, no RootFS key</c>); a time that is not RFC 3339; a DiffID that is not
    /// a valid digest (go-digest's message).
    /// </exception>
    public static ImageConfig Parse(ReadOnlySpan<byte> json) => ImageConfigJson.Parse(json);

    /// <summary>Parses an image config JSON string; see <see cref="Parse(ReadOnlySpan{byte})"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The config.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: as <see cref="Parse(ReadOnlySpan{byte})"/>.</exception>
    public static ImageConfig Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <inheritdoc/>
    public bool Equals(ImageConfig? other) =>
        other is not null && (ReferenceEquals(this, other) || ToJson().AsSpan().SequenceEqual(other.ToJson()));

    /// <inheritdoc/>
    public override int GetHashCode() => ComputeId().GetHashCode();
}
