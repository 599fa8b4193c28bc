using Simulator.References;

namespace Simulator.Content;

/// <summary>The write role of a content store (containerd's <c>content.Ingester</c>): blobs are committed against their digest.</summary>
public interface IContentIngester
{
    /// <summary>Stores bytes under their own <c>sha256</c> digest. Writing content already present is a no-op.</summary>
    /// <param name="content">The bytes; copied, so the caller may reuse its buffer.</param>
    /// <param name="children">Blobs this one refers to, followed by garbage collection; <see langword="null"/> for none.</param>
    /// <param name="addRoot">
    /// Whether to add one root reference in the same atomic step, so a concurrent
    /// <see cref="IContentStore.CollectGarbage"/> cannot remove the blob between the write and the root.
    /// </param>
    /// <returns>The digest of <paramref name="content"/>.</returns>
    Digest Write(ReadOnlySpan<byte> content, IReadOnlyList<Digest>? children = null, bool addRoot = false);

    /// <summary>Stores bytes that must have the given digest, as a registry upload or a containerd commit checks them.</summary>
    /// <param name="expected">The digest the content must hash to (<c>sha256</c>, <c>sha384</c> or <c>sha512</c>).</param>
    /// <param name="content">The bytes; copied.</param>
    /// <param name="children">Blobs this one refers to; <see langword="null"/> for none.</param>
    /// <param name="addRoot">Whether to add one root reference in the same atomic step.</param>
    /// <exception cref="ArgumentException"><paramref name="expected"/> is the empty digest.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.FailedPrecondition"/>: the content hashes to another digest
    /// (<c>unexpected commit digest &lt;actual&gt;, expected &lt;expected&gt;: failed precondition</c>); nothing is stored.
    /// </exception>
    void Write(Digest expected, ReadOnlySpan<byte> content, IReadOnlyList<Digest>? children = null, bool addRoot = false);
}
