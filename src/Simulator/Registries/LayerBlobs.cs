using System.IO.Compression;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.References;

namespace Simulator.Registries;

/// <summary>Layer blobs: a layer's uncompressed tar, stored under its DiffID, and layers read back from blobs.</summary>
internal static class LayerBlobs
{
    public static byte[] TarBytes(Layer layer)
    {
        using var stream = new MemoryStream(checked((int)layer.TarLength));
        layer.WriteTar(stream);
        return stream.Length == stream.Capacity ? stream.GetBuffer() : stream.ToArray();
    }

    /// <summary>
    /// Writes the layer's tar under its DiffID unless the blob is there (so a shared layer is serialised once). A tar of
    /// <see cref="GeneratedBlob.Threshold"/> or more is stored as a <see cref="GeneratedBlob"/> (made from the layer on
    /// read) where the store allows, so big synthetic layers cost no memory.
    /// </summary>
    public static Digest Store(IContentStore content, Layer layer)
    {
        var diffId = layer.DiffId;
        if (!content.Exists(diffId) &&
            !(layer.TarLength >= GeneratedBlob.Threshold && GeneratedBlob.TryWrite(content, diffId, layer.TarLength, () => TarBytes(layer), addRoot: false)))
        {
            content.Write(diffId, TarBytes(layer));
        }

        return diffId;
    }

    /// <summary>Reads a layer from blob bytes, uncompressed or gzip (as moby's <c>compression.DecompressStream</c>).</summary>
    /// <summary>The sha256 of a layer blob's uncompressed bytes (gunzipped when gzip), as Docker computes a DiffID.</summary>
    public static Digest UncompressedDigest(ReadOnlyMemory<byte> blob)
    {
        var span = blob.Span;
        if (span.Length >= 2 && span[0] == 0x1f && span[1] == 0x8b)
        {
            using var gzip = new GZipStream(new MemoryStream(blob.ToArray(), writable: false), CompressionMode.Decompress);
            return Digest.Compute(gzip);
        }

        return Digest.Compute(span);
    }

    public static Layer Read(ReadOnlyMemory<byte> blob)
    {
        var span = blob.Span;
        using Stream raw = new MemoryStream(blob.ToArray(), writable: false);
        if (span.Length >= 2 && span[0] == 0x1f && span[1] == 0x8b)
        {
            using var gzip = new GZipStream(raw, CompressionMode.Decompress);
            return Layer.FromTar(gzip);
        }

        return Layer.FromTar(raw);
    }
}
