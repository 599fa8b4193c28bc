using System.Runtime.CompilerServices;
using Simulator.FileSystem;
using Simulator.Internal;
using Simulator.References;

namespace Simulator.Images;

/// <summary>
/// An image: its config document (<see cref="Config"/>, stored as <see cref="ConfigJson"/>) and its layers,
/// bottom first. The ID is the <c>sha256</c> digest of the config JSON, as Docker's image ID.
/// </summary>
/// <remarks>
/// <para>
/// The layers' <see cref="Layer.DiffId"/>s equal the config's <c>rootfs.diff_ids</c>, in order.
/// <see cref="Size"/> is what <c>docker images</c> shows in Docker 28's classic (graph driver) store: the sum
/// over the layers of their diff sizes as overlay2 measures a layer directory (daemon/internal/directory
/// <c>calcSize</c>): the sizes of every non-directory entry (regular file content, symlink target length),
/// hard links counted once (0 here, as <see cref="FileEntry.Size"/>), whiteouts 0. It is not
/// <see cref="Layer.TarLength"/>: tar headers and padding are not on the disk Docker measures, and using the
/// content size keeps synthetic stock images at the sizes users know (alpine about 8 MB).
/// </para>
/// <para>Immutable and thread-safe. Two images are the same image when their <see cref="Id"/>s are equal.</para>
/// </remarks>
public sealed class Image
{
    private static readonly ConditionalWeakTable<Layer, StrongBox<long>> LayerSizes = new();
    private readonly byte[] _configJson;

    private Image(byte[] configJson, ImageConfig config, IReadOnlyList<Layer> layers)
    {
        _configJson = configJson;
        Config = config;
        Layers = layers;
        Id = Digest.Compute(configJson);
        ChainId = layers.Count == 0 ? default : Layer.ChainId(config.DiffIds);
        long size = 0;
        foreach (var layer in layers)
        {
            size += LayerSize(layer);
        }

        Size = size;
    }

    /// <summary>The image ID: <c>sha256:</c> digest of <see cref="ConfigJson"/>.</summary>
    public Digest Id { get; }

    /// <summary>The config document.</summary>
    public ImageConfig Config { get; }

    /// <summary>The config JSON exactly as stored (canonical unless the image came from <see cref="FromConfigJson"/>).</summary>
    public ReadOnlyMemory<byte> ConfigJson => _configJson;

    /// <summary>The layers, bottom first.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The layers' DiffIDs, bottom first (the config's <c>rootfs.diff_ids</c>).</summary>
    public IReadOnlyList<Digest> DiffIds => Config.DiffIds;

    /// <summary>The ChainID of the whole layer stack (<see cref="Layer.ChainId"/>); the empty digest when there are no layers.</summary>
    public Digest ChainId { get; }

    /// <summary>The image size in bytes: the sum of the layers' content sizes (see the remarks and <see cref="LayerSize"/>).</summary>
    public long Size { get; }

    /// <summary>The creation time from the config; <see langword="null"/> when the config has none.</summary>
    public DateTimeOffset? Created => Config.Created;

    /// <summary>Makes an image from a config and its layers; the config JSON is the canonical one (<see cref="ImageConfig.ToJson"/>).</summary>
    /// <param name="config">The config; its <see cref="ImageConfig.DiffIds"/> must be the layers' DiffIDs.</param>
    /// <param name="layers">The layers, bottom first.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="config"/>, <paramref name="layers"/> or a layer is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: the layers' DiffIDs differ from <c>rootfs.diff_ids</c>
    /// (<c>layers do not match rootfs.diff_ids: ...</c>), or <c>rootfs.type</c> is not <c>layers</c>.
    /// </exception>
    public static Image Create(ImageConfig config, IEnumerable<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(config);
        var list = ToList(layers);
        Validate(config, list);
        return new Image(config.ToJson(), config, list);
    }

    /// <summary>
    /// Makes an image from config JSON as received (a registry blob, a <c>docker load</c> archive) and its layers;
    /// the JSON is kept byte for byte, so the ID is the digest of exactly these bytes, as moby's image store.
    /// </summary>
    /// <param name="configJson">The config JSON, UTF-8.</param>
    /// <param name="layers">The layers, bottom first.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or a layer is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: the JSON does not parse (<see cref="ImageConfig.Parse(ReadOnlySpan{byte})"/>),
    /// or the layers do not match it as in <see cref="Create"/>.
    /// </exception>
    public static Image FromConfigJson(ReadOnlySpan<byte> configJson, IEnumerable<Layer> layers)
    {
        var config = ImageConfig.Parse(configJson);
        var list = ToList(layers);
        Validate(config, list);
        return new Image(configJson.ToArray(), config, list);
    }

    /// <summary>
    /// A layer's diff size as <c>docker images</c> and <c>docker history</c> count it: the sum of
    /// <see cref="FileEntry.Size"/> over its non-directory entries. Cached per layer; thread-safe.
    /// </summary>
    /// <param name="layer">The layer.</param>
    /// <returns>The size in bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    public static long LayerSize(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return LayerSizes.GetValue(layer, static l =>
        {
            long sum = 0;
            foreach (var entry in l.Entries.Values)
            {
                if (!entry.IsDirectory)
                {
                    sum += entry.Size;
                }
            }

            return new StrongBox<long>(sum);
        }).Value;
    }

    /// <summary>The same image holding other (equal) layer instances, for the store's layer sharing.</summary>
    internal Image WithLayers(Layer[] layers) => new(_configJson, Config, layers);

    /// <summary>The image ID.</summary>
    /// <returns><see cref="Id"/> as a string.</returns>
    public override string ToString() => Id.ToString();

    private static Layer[] ToList(IEnumerable<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var list = layers.ToArray();
        foreach (var layer in list)
        {
            ArgumentNullException.ThrowIfNull(layer, nameof(layers));
        }

        return list;
    }

    private static void Validate(ImageConfig config, Layer[] layers)
    {
        if (config.RootFsType != ImageConfig.LayersRootFsType)
        {
            throw Errors.InvalidArgument(Errors.RootFsTypeNotLayers(config.RootFsType));
        }

        if (config.DiffIds.Count != layers.Length)
        {
            throw Errors.InvalidArgument(Errors.LayersDoNotMatchDiffIds($"{layers.Length} layers for {config.DiffIds.Count} diff_ids"));
        }

        for (int i = 0; i < layers.Length; i++)
        {
            if (layers[i].DiffId != config.DiffIds[i])
            {
                throw Errors.InvalidArgument(Errors.LayersDoNotMatchDiffIds($"layer {i} has DiffID {layers[i].DiffId}, rootfs.diff_ids[{i}] is {config.DiffIds[i]}"));
            }
        }
    }
}
