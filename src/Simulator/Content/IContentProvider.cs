using System.Diagnostics.CodeAnalysis;
using Simulator.References;

namespace Simulator.Content;

/// <summary>The read role of a content store: blobs by digest (containerd's <c>content.Provider</c> and <c>InfoProvider</c>).</summary>
public interface IContentProvider
{
    /// <summary>Whether a blob with this digest is stored.</summary>
    /// <param name="digest">The digest.</param>
    /// <returns><see langword="true"/> if present.</returns>
    bool Exists(Digest digest);

    /// <summary>Gets what is known of a blob.</summary>
    /// <param name="digest">The digest.</param>
    /// <returns>The blob's info.</returns>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is the empty digest.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.NotFound"/>: <c>content digest &lt;digest&gt;: not found</c>.</exception>
    ContentInfo Info(Digest digest);

    /// <summary>Gets a blob's bytes. The memory is immutable: it is never written again.</summary>
    /// <param name="digest">The digest.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is the empty digest.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.NotFound"/>: <c>content digest &lt;digest&gt;: not found</c>.</exception>
    ReadOnlyMemory<byte> Read(Digest digest);

    /// <summary>Gets a blob's bytes without throwing.</summary>
    /// <param name="digest">The digest.</param>
    /// <param name="content">The bytes, or empty when absent.</param>
    /// <returns>Whether the blob is present.</returns>
    bool TryRead(Digest digest, out ReadOnlyMemory<byte> content);
}
