using System.Formats.Tar;
using System.Text;
using Simulator.Images;
using Simulator.Registries;

namespace Simulator.Tests.Registries;

public sealed class ImageArchiveTests
{
    private readonly RegistryFixture _f = new();

    private static Dictionary<string, byte[]> Entries(byte[] archive, List<string>? names = null)
    {
        var entries = new Dictionary<string, byte[]>();
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            names?.Add(entry.Name);
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries[entry.Name] = content.ToArray();
        }

        return entries;
    }

    private static byte[] Tar(params (string Name, string Content)[] files)
    {
        using var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }

        return stream.ToArray();
    }

    private byte[] Save(params string[] references)
    {
        using var stream = new MemoryStream();
        ImageArchive.Save(_f.Images, references, stream);
        return stream.ToArray();
    }

    private DockerSimulatorException LoadFails(byte[] archive)
    {
        var before = _f.Snapshot();
        var e = Assert.Throws<DockerSimulatorException>(() => ImageArchive.Load(_f.Images, new MemoryStream(archive)));
        Assert.Equal(before, _f.Snapshot());
        return e;
    }

    [Fact]
    public void Save_writes_dockers_layout_and_json()
    {
        var image = RegistryFixture.Base();
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "alpine:latest");
        var names = new List<string>();

        var entries = Entries(Save("alpine"), names);

        var layer = image.DiffIds[0];
        var manifest = entries.Keys.Single(k => k.StartsWith("blobs/sha256/", StringComparison.Ordinal) && k != "blobs/sha256/" + image.Id.Encoded && k != "blobs/sha256/" + layer.Encoded && k.Length > 13);
        Assert.Equal(
            ["blobs/", "blobs/sha256/", .. new[] { "blobs/sha256/" + image.Id.Encoded, "blobs/sha256/" + layer.Encoded, manifest }.Order(StringComparer.Ordinal), "index.json", "manifest.json", "oci-layout", "repositories"],
            names);
        var tarLength = image.Layers[0].TarLength;
        Assert.Equal(
            $"[{{\"Config\":\"blobs/sha256/{image.Id.Encoded}\",\"RepoTags\":[\"alpine:latest\"],\"Layers\":[\"blobs/sha256/{layer.Encoded}\"],\"LayerSources\":{{\"{layer}\":{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"size\":{tarLength},\"digest\":\"{layer}\"}}}}}}]\n",
            Encoding.UTF8.GetString(entries["manifest.json"]));
        var ociManifest = Encoding.UTF8.GetString(entries[manifest]);
        Assert.Equal(
            $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{image.Id}\",\"size\":{image.ConfigJson.Length}}},\"layers\":[{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"{layer}\",\"size\":{tarLength}}}]}}",
            ociManifest);
        Assert.Equal(
            $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:{manifest[13..]}\",\"size\":{entries[manifest].Length},\"annotations\":{{\"io.containerd.image.name\":\"docker.io/library/alpine:latest\",\"org.opencontainers.image.ref.name\":\"latest\"}}}}]}}",
            Encoding.UTF8.GetString(entries["index.json"]));
        Assert.Equal("{\"imageLayoutVersion\": \"1.0.0\"}", Encoding.UTF8.GetString(entries["oci-layout"]));
        Assert.Equal($"{{\"alpine\":{{\"latest\":\"{layer.Encoded}\"}}}}\n", Encoding.UTF8.GetString(entries["repositories"]));
        Assert.Equal(image.ConfigJson.ToArray(), entries["blobs/sha256/" + image.Id.Encoded]);
        Assert.True(layer.Matches(entries["blobs/sha256/" + layer.Encoded]));
    }

    [Fact]
    public void Save_is_deterministic()
    {
        var image = RegistryFixture.On(RegistryFixture.Base(), "x");
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "app:1");
        Assert.Equal(Save("app:1"), Save("app:1"));
    }

    [Fact]
    public void Save_output_loads_back_to_the_same_image_ids_and_tags()
    {
        var baseImage = RegistryFixture.Base();
        var one = RegistryFixture.On(baseImage, "one");
        var two = RegistryFixture.On(baseImage, "two");
        foreach (var (image, tag) in new[] { (one, "app:one"), (two, "app:two"), (one, "other:1") })
        {
            _f.Images.Add(image);
            _f.Images.Tag(image.Id.ToString(), tag);
        }

        var archive = Save("app", "other:1");
        var target = new RegistryFixture();

        var result = ImageArchive.Load(target.Images, new MemoryStream(archive));

        Assert.Equal([one.Id, two.Id], result.ImageIds);
        Assert.Equal(["Loaded image: app:one", "Loaded image: other:1", "Loaded image: app:two"], result.Output);
        Assert.Equal(one.Id, target.Images.Get("app:one").Id);
        Assert.Equal(two.Id, target.Images.Get("app:two").Id);
        Assert.Equal(one.Id, target.Images.Get("other:1").Id);
        Assert.Equal(3, target.Images.LayerCount);
    }

    [Fact]
    public void A_layer_whose_bytes_do_not_hash_to_its_diff_id_is_refused_even_if_it_parses()
    {
        var image = RegistryFixture.Base();
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "app:1");
        var names = new List<string>();
        var entries = Entries(Save("app:1"), names);
        var layerName = "blobs/sha256/" + image.DiffIds[0].Encoded;
        var tampered = (byte[])entries[layerName].Clone();
        tampered[700] ^= 0x01;
        entries[layerName] = tampered;

        using var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var name in names)
            {
                writer.WriteEntry(name.EndsWith('/')
                    ? new UstarTarEntry(TarEntryType.Directory, name)
                    : new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(entries[name]) });
            }
        }

        var target = new RegistryFixture();
        var e = Assert.Throws<DockerSimulatorException>(() => ImageArchive.Load(target.Images, new MemoryStream(archive.ToArray())));

        Assert.Equal(
            $"invalid diffID for layer 0: expected \"{image.DiffIds[0]}\", got \"{Simulator.References.Digest.Compute(tampered)}\"",
            e.Message);
        Assert.Equal(0, target.Images.Count);
    }

    [Fact]
    public void Loading_an_untagged_image_prints_its_id_and_moving_a_tag_says_so()
    {
        var image = RegistryFixture.Base();
        _f.Images.Add(image);
        var archive = Save(image.Id.ToString());
        var target = new RegistryFixture();

        Assert.Equal([$"Loaded image ID: {image.Id}"], ImageArchive.Load(target.Images, new MemoryStream(archive)).Output);

        _f.Images.Tag(image.Id.ToString(), "app");
        var other = RegistryFixture.Base("other");
        target.Images.Add(other);
        target.Images.Tag(other.Id.ToString(), "app");
        var result = ImageArchive.Load(target.Images, new MemoryStream(Save("app")));
        Assert.Equal([$"The image app:latest already exists, renaming the old one with ID {other.Id} to empty string", "Loaded image: app:latest"], result.Output);
    }

    [Fact]
    public void Save_of_unknown_names_fails()
    {
        var e = Assert.Throws<DockerSimulatorException>(() => Save("nope:1"));
        Assert.Equal("reference does not exist", e.Message);
        e = Assert.Throws<DockerSimulatorException>(() => Save("nope"));
        Assert.Equal("No such image: nope:latest", e.Message);
    }

    [Fact]
    public void Load_refuses_entries_that_climb_out()
    {
        var e = LoadFails(Tar(("../evil", "x"), ("manifest.json", "[]")));
        Assert.Equal("invalid entry name \"../evil\"", e.Message);
        e = LoadFails(Tar(("a/../../evil", "x")));
        Assert.Equal("invalid entry name \"a/../../evil\"", e.Message);
    }

    [Fact]
    public void Load_refuses_malformed_archives_with_dockers_texts()
    {
        Assert.Equal("invalid archive: does not contain a manifest.json", LoadFails(Tar(("index.json", "{}"))).Message);
        Assert.Equal("invalid archive: does not contain a manifest.json", LoadFails([]).Message);
        Assert.Equal("invalid archive: failed to decode manifest.json: invalid character 'x' looking for beginning of value", LoadFails(Tar(("manifest.json", "xyz"))).Message);
        Assert.Equal("invalid archive: failed to decode manifest.json: json: cannot unmarshal object into Go value of type []tarexport.manifestItem", LoadFails(Tar(("manifest.json", "{}"))).Message);
        Assert.Equal("invalid manifest, manifest cannot be null (but can be [])", LoadFails(Tar(("manifest.json", "null"))).Message);
        Assert.Equal("open blobs/sha256/abc: no such file or directory", LoadFails(Tar(("manifest.json", "[{\"Config\":\"blobs/sha256/abc\"}]"))).Message);
        Assert.Equal("archive/tar: invalid tar header", LoadFails(Enumerable.Repeat((byte)'z', 1024).ToArray()).Message);
        Assert.Empty(ImageArchive.Load(_f.Images, new MemoryStream(Tar(("manifest.json", "[]")))).Output);
    }

    [Fact]
    public void Load_refuses_layers_that_do_not_match_the_config_and_changes_nothing()
    {
        var image = RegistryFixture.On(RegistryFixture.Base(), "good");
        var wrong = RegistryFixture.Base("wrong");
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "app");
        _f.Images.Add(wrong);
        var entries = Entries(Save("app"));
        var target = new RegistryFixture();
        var manifestJson = Encoding.UTF8.GetString(entries["manifest.json"]);

        // The second layer file holds another layer's tar.
        var swapped = entries.Where(e => e.Value.Length > 0).Select(e => (e.Key,
            e.Key == "blobs/sha256/" + image.DiffIds[1].Encoded ? Encoding.Latin1.GetString(_f.Content.Read(wrong.DiffIds[0]).Span) : Encoding.Latin1.GetString(e.Value))).ToArray();
        var archive = TarLatin1(swapped);
        var before = target.Snapshot();
        var e = Assert.Throws<DockerSimulatorException>(() => ImageArchive.Load(target.Images, new MemoryStream(archive)));
        Assert.Equal($"invalid diffID for layer 1: expected \"{image.DiffIds[1]}\", got \"{wrong.DiffIds[0]}\"", e.Message);
        Assert.Equal(before, target.Snapshot());

        // One layer named for two.
        var shortManifest = manifestJson.Replace($",\"blobs/sha256/{image.DiffIds[1].Encoded}\"", "", StringComparison.Ordinal);
        archive = TarLatin1([.. entries.Where(e => e.Value.Length > 0).Select(e => (e.Key, e.Key == "manifest.json" ? shortManifest : Encoding.Latin1.GetString(e.Value)))]);
        e = Assert.Throws<DockerSimulatorException>(() => ImageArchive.Load(target.Images, new MemoryStream(archive)));
        Assert.Equal("invalid manifest, layers length mismatch: expected 1, got 2", e.Message);
        Assert.Equal(before, target.Snapshot());
    }

    private static byte[] TarLatin1((string Name, string Content)[] files)
    {
        using var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.Latin1.GetBytes(content)) });
            }
        }

        return stream.ToArray();
    }

    [Fact]
    public void Save_of_an_image_without_layers_is_not_implemented()
    {
        var empty = ImageBuilder.FromScratch().WithCmd("x").WithCreated(RegistryFixture.T0).Build();
        _f.Images.Add(empty);
        _f.Images.Tag(empty.Id.ToString(), "empty");
        var e = Assert.Throws<DockerSimulatorException>(() => Save("empty"));
        Assert.Equal("empty export - not implemented", e.Message);
        Assert.Equal(ErrorKind.NotImplemented, e.Kind);
    }

    [Fact]
    public void Load_takes_gzip_compressed_archives_and_loading_twice_changes_nothing()
    {
        var image = RegistryFixture.On(RegistryFixture.Base(), "zip");
        _f.Images.Add(image);
        _f.Images.Tag(image.Id.ToString(), "zipped:1");
        var archive = Save("zipped:1");
        using var gz = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(archive);
        }

        var target = new RegistryFixture();
        Assert.Equal(["Loaded image: zipped:1"], ImageArchive.Load(target.Images, new MemoryStream(gz.ToArray())).Output);
        var before = target.Snapshot();
        Assert.Equal(["Loaded image: zipped:1"], ImageArchive.Load(target.Images, new MemoryStream(archive)).Output);
        Assert.Equal(before, target.Snapshot());
        Assert.Equal(image.Id, target.Images.Get("zipped:1").Id);
    }

    [Fact]
    public void An_image_created_before_1970_saves_with_the_epoch_as_its_time()
    {
        var old = ImageBuilder.FromScratch().WithFile("/f", "old").WithCreated(new DateTimeOffset(1960, 1, 1, 0, 0, 0, TimeSpan.Zero)).Build();
        _f.Images.Add(old);
        _f.Images.Tag(old.Id.ToString(), "old:1");

        var target = new RegistryFixture();
        ImageArchive.Load(target.Images, new MemoryStream(Save("old:1")));

        Assert.Equal(old.Id, target.Images.Get("old:1").Id);
    }
}
