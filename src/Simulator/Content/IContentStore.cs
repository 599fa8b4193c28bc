using Simulator.References;

namespace Simulator.Content;

/// <summary>
/// A content-addressed blob store shared by everything that stores layers, configs and manifests:
/// the local image store and every registry, so a blob used by many holds its bytes once.
/// </summary>
/// <remarks>
/// <para>
/// Lifecycle, as containerd's reachability-based garbage collection: a holder (an image store, a
/// registry) writes a blob, then roots it with <see cref="AddRoot"/>; roots are counted, so two holders
/// may root the same blob. A blob stays while it is reachable from a root through
/// <see cref="ContentInfo.Children"/> edges. <see cref="CollectGarbage"/> removes every other blob.
/// Nothing is removed except by <see cref="CollectGarbage"/>, so a holder may write children first and
/// root the parent after, as a registry push does (layers, then config, then manifest).
/// </para>
/// <para>Blobs are immutable: the same digest always reads the same bytes.</para>
/// </remarks>
public interface IContentStore : IContentProvider, IContentIngester
{
    /// <summary>Adds one root reference to a stored blob.</summary>
    /// <param name="digest">The blob.</param>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is the empty digest.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.NotFound"/>: the blob is not stored.</exception>
    void AddRoot(Digest digest);

    /// <summary>Removes one root reference. The blob stays until the next <see cref="CollectGarbage"/> finds it unreachable.</summary>
    /// <param name="digest">The blob.</param>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.FailedPrecondition"/>: the blob has no root reference to remove; nothing changes.</exception>
    void RemoveRoot(Digest digest);

    /// <summary>The number of root references a blob has (0 when absent).</summary>
    /// <param name="digest">The blob.</param>
    /// <returns>The count.</returns>
    int RootCount(Digest digest);

    /// <summary>Every stored blob, ordered by digest.</summary>
    /// <returns>A snapshot of the infos.</returns>
    IReadOnlyList<ContentInfo> List();

    /// <summary>Removes every blob not reachable from a root.</summary>
    /// <returns>What was removed and how many bytes that freed.</returns>
    GarbageCollectionResult CollectGarbage();
}
