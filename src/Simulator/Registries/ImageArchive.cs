using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Registries;

/// <summary>
/// <c>docker save</c> and <c>docker load</c> archives in Docker 28's format (moby daemon/internal/image/tarexport): an
/// OCI image layout (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/...</c>) that also carries the classic
/// <c>manifest.json</c> and <c>repositories</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Save</b> writes, in this order (as go-archive tars the export directory, lexical order): <c>blobs/</c>,
/// <c>blobs/sha256/</c>, the blobs by digest (each image's config JSON as stored, each layer's uncompressed tar under its
/// DiffID, each image's OCI manifest), <c>index.json</c> (one manifest descriptor per tag, annotated with
/// <c>io.containerd.image.name</c> and <c>org.opencontainers.image.ref.name</c>), <c>manifest.json</c>
/// (<c>[{"Config":"blobs/sha256/...","RepoTags":["alpine:latest"],"Layers":[...],"LayerSources":{...}}]</c>),
/// <c>oci-layout</c> and, when there are tags, <c>repositories</c>. JSON is byte for byte as Go writes it. Entries are
/// USTAR, owner 0:0, mode 0755 for directories and 0644 for files; config and layer blobs carry the image's creation
/// time, everything else the Unix epoch, so equal inputs give equal archives. Unlike Docker, the legacy per-layer v1
/// config JSONs are not written (nothing reads them) and images are written in the order first named.
/// </para>
/// <para>
/// <b>Load</b> reads such an archive (or any with a <c>manifest.json</c>; layers may be gzip-compressed), checks all of it
/// first and only then adds the images and tags, so a refused archive leaves the store unchanged.
/// </para>
/// <para>Thread-safe: the methods are stateless and the image store is thread-safe.</para>
/// </remarks>
public static class ImageArchive
{
    private const string ManifestFile = "manifest.json";
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    /// <summary>
    /// <c>docker save</c>: writes the named images to a tar archive. A <c>name:tag</c> saves that tag; a bare name saves every
    /// tag of that repository (or, if it has none, the image it finds as an ID prefix); an ID saves the image without tags.
    /// </summary>
    /// <param name="images">The image store.</param>
    /// <param name="references">What to save, as given to <c>docker save</c>.</param>
    /// <param name="destination">A writable stream; written sequentially and left open.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="references"/> is empty.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: not a reference; <see cref="ErrorKind.NotFound"/>: a tag is not stored
    /// (<c>reference does not exist</c>, moby refstore) or an ID is not (<c>No such image: ...</c>);
    /// <see cref="ErrorKind.NotImplemented"/>: an image has no layers (<c>empty export - not implemented</c>). Nothing is
    /// written then.
    /// </exception>
    public static void Save(IImageStore images, IEnumerable<string> references, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(destination);
        var names = references.ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("Nothing to save.", nameof(references));
        }

        // moby tarexport parseNames: which images, with which tags.
        var order = new List<Image>();
        var tags = new Dictionary<Digest, List<ImageReference>>();
        void AddAssoc(Image image, ImageReference? tagged)
        {
            if (!tags.TryGetValue(image.Id, out var list))
            {
                list = [];
                tags[image.Id] = list;
                order.Add(image);
            }

            if (tagged is not null && !list.Contains(tagged))
            {
                list.Add(tagged);
            }
        }

        foreach (var name in names)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(references));
            if (Digest.TryParse(name, out var id))
            {
                AddAssoc(images.Get(id.ToString()), null);
                continue;
            }

            var reference = ImageReference.Parse(name);
            if (reference.IsNameOnly)
            {
                bool any = false;
                foreach (var summary in images.List(all: true))
                {
                    foreach (var tag in summary.RepoTags)
                    {
                        var r = ImageReference.Parse(tag);
                        if (r.Name == reference.Name)
                        {
                            AddAssoc(images.Get(summary.Id.ToString()), r);
                            any = true;
                        }
                    }
                }

                if (!any)
                {
                    AddAssoc(images.Get(name), null);
                }

                continue;
            }

            if (!images.TryGet(reference.ToString(), out var found))
            {
                throw new DockerSimulatorException(ErrorKind.NotFound, "reference does not exist");
            }

            AddAssoc(found, reference.Digest is null ? reference : null);
        }

        foreach (var image in order)
        {
            if (image.Layers.Count == 0)
            {
                throw new DockerSimulatorException(ErrorKind.NotImplemented, "empty export - not implemented");
            }
        }

        WriteArchive(order, tags, destination);

        // moby image/tarexport/save.go: one save event per image, its ID as actor and name
        foreach (var image in order)
        {
            (images as InMemoryImageStore)?.LogImageEvent(image.Id.ToString(), image.Id.ToString(), "save");
        }
    }

    private static void WriteArchive(List<Image> order, Dictionary<Digest, List<ImageReference>> tags, Stream destination)
    {
        var blobs = new SortedDictionary<string, (byte[] Content, DateTimeOffset Time)>(StringComparer.Ordinal);
        var items = new List<string>();
        var indexEntries = new List<string>();
        var repositories = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var image in order)
        {
            // USTAR holds whole seconds from 1970 to 2242; clamp what it cannot hold.
            var time = image.Created is { } created && created >= Epoch && created.Year < 2242 ? created : Epoch;
            blobs[image.Id.Encoded] = (image.ConfigJson.ToArray(), time);
            var layerDescriptors = new List<string>();
            var layerSources = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var layerPaths = new List<string>();
            for (int i = 0; i < image.Layers.Count; i++)
            {
                var layer = image.Layers[i];
                var diffId = image.DiffIds[i];
                if (!blobs.ContainsKey(diffId.Encoded))
                {
                    blobs[diffId.Encoded] = (LayerBlobs.TarBytes(layer), time);
                }

                layerDescriptors.Add(GoJson.OciDescriptor(MediaTypes.OciLayer, diffId.ToString(), layer.TarLength));
                layerSources[diffId.ToString()] =
                    $"{{\"mediaType\":{GoJson.Quote(MediaTypes.OciLayer)},\"size\":{layer.TarLength.ToString(CultureInfo.InvariantCulture)},\"digest\":{GoJson.Quote(diffId.ToString())}}}";
                layerPaths.Add(GoJson.Quote("blobs/sha256/" + diffId.Encoded));
            }

            var manifest = Encoding.UTF8.GetBytes(
                $"{{\"schemaVersion\":2,\"mediaType\":{GoJson.Quote(MediaTypes.OciManifest)},\"config\":{GoJson.OciDescriptor(MediaTypes.OciConfig, image.Id.ToString(), image.ConfigJson.Length)},\"layers\":[{string.Join(",", layerDescriptors)}]}}");
            var manifestDigest = Digest.Compute(manifest);
            blobs[manifestDigest.Encoded] = (manifest, Epoch);

            var repoTags = new List<string>();
            foreach (var reference in tags[image.Id])
            {
                var familiar = reference.FamiliarName;
                if (!repositories.TryGetValue(familiar, out var byTag))
                {
                    byTag = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    repositories[familiar] = byTag;
                }

                byTag[reference.Tag!] = image.DiffIds[^1].Encoded;
                repoTags.Add(GoJson.Quote(reference.FamiliarString));
                indexEntries.Add(GoJson.OciDescriptor(MediaTypes.OciManifest, manifestDigest.ToString(), manifest.Length,
                [
                    new("io.containerd.image.name", reference.ToString()),
                    new("org.opencontainers.image.ref.name", reference.Tag!),
                ]));
            }

            // moby adds an untagged image to index.json only while the index is still empty.
            if (indexEntries.Count == 0)
            {
                indexEntries.Add(GoJson.OciDescriptor(MediaTypes.OciManifest, manifestDigest.ToString(), manifest.Length));
            }

            var sources = string.Join(",", layerSources.Select(s => GoJson.Quote(s.Key) + ":" + s.Value));
            items.Add(
                $"{{\"Config\":{GoJson.Quote("blobs/sha256/" + image.Id.Encoded)},\"RepoTags\":{(repoTags.Count == 0 ? "null" : "[" + string.Join(",", repoTags) + "]")},\"Layers\":[{string.Join(",", layerPaths)}],\"LayerSources\":{{{sources}}}}}");
        }

        using var writer = new TarWriter(destination, TarEntryFormat.Ustar, leaveOpen: true);
        WriteDirectory(writer, "blobs/");
        WriteDirectory(writer, "blobs/sha256/");
        foreach (var (hex, (content, time)) in blobs)
        {
            WriteFile(writer, "blobs/sha256/" + hex, content, time);
        }

        WriteFile(writer, "index.json", Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":{GoJson.Quote(MediaTypes.OciIndex)},\"manifests\":[{string.Join(",", indexEntries)}]}}"), Epoch);
        WriteFile(writer, ManifestFile, Encoding.UTF8.GetBytes("[" + string.Join(",", items) + "]\n"), Epoch);
        WriteFile(writer, "oci-layout", "{\"imageLayoutVersion\": \"1.0.0\"}"u8.ToArray(), Epoch);
        if (repositories.Count > 0)
        {
            var repos = string.Join(",", repositories.Select(r =>
                GoJson.Quote(r.Key) + ":{" + string.Join(",", r.Value.Select(t => GoJson.Quote(t.Key) + ":" + GoJson.Quote(t.Value))) + "}"));
            WriteFile(writer, "repositories", Encoding.UTF8.GetBytes("{" + repos + "}\n"), Epoch);
        }
    }

    private static void WriteDirectory(TarWriter writer, string name)
    {
        writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name)
        {
            Mode = (UnixFileMode)0b111_101_101,
            ModificationTime = Epoch,
        });
    }

    private static void WriteFile(TarWriter writer, string name, byte[] content, DateTimeOffset time)
    {
        writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = (UnixFileMode)0b110_100_100,
            ModificationTime = time,
            DataStream = new MemoryStream(content, writable: false),
        });
    }

    /// <summary>
    /// <c>docker load</c>: reads a <c>docker save</c> archive and adds its images and tags to the store (moby
    /// tarexport <c>Load</c>). Layers the store has (by ChainID) are reused; others are read from the archive.
    /// </summary>
    /// <param name="images">The image store.</param>
    /// <param name="source">The archive, uncompressed or gzip-compressed; read to its end and left open.</param>
    /// <returns>The images and the output lines.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>, the store unchanged: an entry climbs out of the archive
    /// (<c>invalid entry name "../x"</c>, go-archive); a malformed tar (<c>archive/tar: invalid tar header</c>,
    /// <c>unexpected EOF</c>); no <c>manifest.json</c> (<c>invalid archive: does not contain a manifest.json</c>) or one
    /// that does not decode (<c>invalid archive: failed to decode manifest.json: ...</c>), is <c>null</c>
    /// (<c>invalid manifest, manifest cannot be null (but can be [])</c>), names a missing file
    /// (<c>open blobs/sha256/...: no such file or directory</c>) or a config or layer that does not parse (their readers'
    /// texts), a wrong number of layers (<c>invalid manifest, layers length mismatch: expected 1, got 2</c>), a layer whose
    /// DiffID differs from the config's (<c>invalid diffID for layer 0: expected "sha256:...", got "sha256:..."</c>), a
    /// non-Linux image (<c>cannot load windows image on linux</c>) or a repo tag that is not a tagged reference
    /// (<c>invalid tag "..."</c>).
    /// </exception>
    public static ImageLoadResult Load(IImageStore images, Stream source)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(source);
        var files = ReadArchive(source);
        if (!files.TryGetValue(ManifestFile, out var manifestBytes))
        {
            throw Invalid("invalid archive: does not contain a manifest.json");
        }

        var items = ParseManifest(manifestBytes);
        var local = LocalLayers.Chains(images);
        var loaded = new List<(Image Image, List<ImageReference> Tags)>();
        foreach (var item in items)
        {
            var configBytes = Open(files, item.Config);
            var config = ImageConfig.Parse(configBytes);
            if (config.Os is not ("linux" or ""))
            {
                throw Invalid($"cannot load {config.Os} image on linux");
            }

            if (item.Layers.Count != config.DiffIds.Count)
            {
                throw Invalid($"invalid manifest, layers length mismatch: expected {item.Layers.Count}, got {config.DiffIds.Count}");
            }

            var layers = new Layer[config.DiffIds.Count];
            Digest chain = default;
            for (int i = 0; i < layers.Length; i++)
            {
                var diffId = config.DiffIds[i];
                chain = LocalLayers.NextChainId(chain, diffId);
                if (local.TryGetValue(chain, out var held))
                {
                    layers[i] = held;
                    continue;
                }

                // Docker hashes the uncompressed bytes as they are (layer store's DiffID check); the parsed
                // layer must then re-export to the same bytes, since a Layer's DiffID is that of its export.
                var blob = Open(files, item.Layers[i]);
                var rawDiffId = LayerBlobs.UncompressedDigest(blob);
                if (rawDiffId != diffId)
                {
                    throw Invalid($"invalid diffID for layer {i}: expected \"{diffId}\", got \"{rawDiffId}\"");
                }

                var layer = LayerBlobs.Read(blob);
                if (layer.DiffId != diffId)
                {
                    throw Invalid($"invalid diffID for layer {i}: expected \"{diffId}\", got \"{layer.DiffId}\"");
                }

                layers[i] = layer;
                local[chain] = layer;
            }

            var image = Image.FromConfigJson(configBytes, layers);
            var tags = new List<ImageReference>();
            foreach (var repoTag in item.RepoTags)
            {
                var reference = ImageReference.Parse(repoTag);
                if (reference.Tag is null || reference.Digest is not null)
                {
                    throw Invalid($"invalid tag {Internal.Errors.GoQuote(repoTag)}");
                }

                tags.Add(reference);
            }

            loaded.Add((image, tags));
        }

        // Everything checked: now change the store.
        var output = new List<string>();
        var idLines = new List<string>();
        int refCount = 0;
        foreach (var (image, tags) in loaded)
        {
            var stored = images.Add(image);
            idLines.Add("Loaded image ID: " + stored.Id);
            refCount = 0;
            foreach (var tag in tags)
            {
                if (images.TryGet(tag.ToString(), out var previous) && previous.Id != stored.Id)
                {
                    output.Add($"The image {tag.FamiliarString} already exists, renaming the old one with ID {previous.Id} to empty string");
                }

                if (images is InMemoryImageStore memory)
                {
                    memory.TagWithoutEvent(stored.Id.ToString(), tag.ToString()); // moby setLoadedTag: the reference store, no tag event
                }
                else
                {
                    images.Tag(stored.Id.ToString(), tag.ToString());
                }

                output.Add("Loaded image: " + tag.FamiliarString);
                refCount++;
            }

            // moby image/tarexport/load.go
            (images as InMemoryImageStore)?.LogImageEvent(stored.Id.ToString(), stored.Id.ToString(), "load");
        }

        if (refCount == 0)
        {
            output.AddRange(idLines);
        }

        return new ImageLoadResult([.. loaded.Select(l => l.Image.Id)], output);
    }

    private static DockerSimulatorException Invalid(string message) => new(ErrorKind.InvalidArgument, message);

    private static byte[] Open(Dictionary<string, byte[]> files, string path)
    {
        var cleaned = CleanPath(path);
        return cleaned is not null && files.TryGetValue(cleaned, out var content)
            ? content
            : throw Invalid($"open {path}: no such file or directory");
    }

    /// <summary>The archive's regular files by cleaned path; entries that climb out are refused (go-archive <c>Unpack</c>).</summary>
    private static Dictionary<string, byte[]> ReadArchive(Stream source)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            // docker load takes gzip-compressed archives too (go-archive DecompressStream sniffs the magic).
            var raw = new MemoryStream();
            source.CopyTo(raw);
            var bytes = raw.GetBuffer();
            int n = (int)raw.Length;
            raw.Position = 0;
            using Stream input = n >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b ? new GZipStream(raw, CompressionMode.Decompress) : raw;
            using var reader = new TarReader(input, leaveOpen: true);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                var name = CleanPath(entry.Name);
                if (name is null)
                {
                    throw Invalid($"invalid entry name {Internal.Errors.GoQuote(entry.Name)}");
                }

                if (name == "." || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }

                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                files[name] = content.ToArray();
            }
        }
        catch (EndOfStreamException)
        {
            throw Invalid("unexpected EOF");
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException)
        {
            throw Invalid("archive/tar: invalid tar header");
        }

        return files;
    }

    /// <summary><c>path.Clean</c> of a name with leading slashes trimmed; <see langword="null"/> when it climbs above the root.</summary>
    private static string? CleanPath(string name) =>
        FsPath.TryCleanLocal(name, out var path) ? (path == FsPath.Root ? "." : path[1..]) : null;

    private sealed record ManifestItem(string Config, IReadOnlyList<string> RepoTags, IReadOnlyList<string> Layers);

    private static List<ManifestItem> ParseManifest(byte[] bytes)
    {
        const string Prefix = "invalid archive: failed to decode manifest.json: ";
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            var text = Encoding.UTF8.GetString(bytes).TrimStart();
            var detail = text.Length == 0 || "[{\"-0123456789tfn".Contains(text[0], StringComparison.Ordinal)
                ? "unexpected EOF"
                : $"invalid character '{text[0]}' looking for beginning of value";
            throw Invalid(Prefix + detail);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                throw Invalid("invalid manifest, manifest cannot be null (but can be [])");
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(Prefix + $"json: cannot unmarshal {GoKind(root.ValueKind)} into Go value of type []tarexport.manifestItem");
            }

            var items = new List<ManifestItem>();
            foreach (var element in root.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(Prefix + $"json: cannot unmarshal {GoKind(element.ValueKind)} into Go value of type tarexport.manifestItem");
                }

                items.Add(new ManifestItem(
                    StringField(element, "Config", Prefix) ?? "",
                    StringList(element, "RepoTags", Prefix),
                    StringList(element, "Layers", Prefix)));
            }

            return items;
        }
    }

    private static string? StringField(JsonElement element, string name, string prefix)
    {
        if (!TryGetField(element, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Invalid(prefix + $"json: cannot unmarshal {GoKind(value.ValueKind)} into Go struct field manifestItem.{name} of type string");
    }

    private static List<string> StringList(JsonElement element, string name, string prefix)
    {
        var list = new List<string>();
        if (!TryGetField(element, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return list;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(prefix + $"json: cannot unmarshal {GoKind(value.ValueKind)} into Go struct field manifestItem.{name} of type []string");
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Invalid(prefix + $"json: cannot unmarshal {GoKind(item.ValueKind)} into Go struct field manifestItem.{name} of type string");
            }

            list.Add(item.GetString()!);
        }

        return list;
    }

    /// <summary>Go's <c>encoding/json</c> matches field names case-insensitively.</summary>
    private static bool TryGetField(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "bool",
    };
}
