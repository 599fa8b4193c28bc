using Simulator.References;

namespace Simulator.Content;

/// <summary>Blobs generated on read (<see cref="GeneratedBlob"/>).</summary>
public sealed partial class InMemoryContentStore
{
    /// <summary>
    /// Stores a blob whose memory generates its bytes on read, unless the digest is stored (then only the root is added
    /// when asked, as for a repeated <see cref="Write(ReadOnlySpan{byte}, IReadOnlyList{Digest}?, bool)"/>). The caller
    /// vouches that the bytes hash to <paramref name="digest"/>.
    /// </summary>
    internal void WriteGenerated(Digest digest, Func<ReadOnlyMemory<byte>> memory, long length, bool addRoot)
    {
        if (digest.IsEmpty)
        {
            throw new ArgumentException("The digest is empty.", nameof(digest));
        }

        lock (_gate)
        {
            if (!_blobs.TryGetValue(digest, out var blob))
            {
                blob = new Blob(new ContentInfo(digest, length, _time.GetUtcNow(), Array.Empty<Digest>()), memory());
                _blobs.Add(digest, blob);
            }

            if (addRoot)
            {
                blob.Roots = checked(blob.Roots + 1);
            }
        }
    }
}
