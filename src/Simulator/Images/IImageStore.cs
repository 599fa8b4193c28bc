using System.Diagnostics.CodeAnalysis;
using Simulator.References;

namespace Simulator.Images;

/// <summary>
/// The local image store of the engine (Docker 28's classic store: moby's <c>image.Store</c>, reference store
/// and layer store behind daemon/images): images by ID, tags and repository digests, lookup, <c>docker tag</c>,
/// <c>docker rmi</c>, <c>docker images</c>, <c>docker history</c>, <c>docker image inspect</c> and
/// <c>docker image prune</c>.
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b></para>
/// <list type="number">
/// <item><see cref="Add"/> stores an image once (by ID; adding it again is a no-op). Its layers are shared
/// with every other stored image by DiffID: the layer tars and the config JSON are written to the engine's
/// content store and rooted there while an image uses them.</item>
/// <item><see cref="Tag"/> points a reference (<c>repo:tag</c>) at an image; one tag names one image, so tagging
/// again moves the tag, and an image left without references is <i>dangling</i> (shown <c>&lt;none&gt;</c>).</item>
/// <item><see cref="Remove"/> untags and deletes as <c>docker rmi</c> does; a deleted image's roots are released,
/// and the content store's garbage collection then reclaims the blobs no other image or registry uses.</item>
/// </list>
/// <para>
/// <b>Lookup</b> (<see cref="Get"/>; every <c>refOrId</c> parameter), as moby's <c>GetImage</c>: a full ID
/// (<c>sha256:&lt;64 hex&gt;</c> or 64 hex digits) must be stored; otherwise the text is parsed as a reference
/// (<c>foo</c> meaning <c>docker.io/library/foo:latest</c>) and looked up as a tag or digest; otherwise it is
/// tried as an ID prefix (<c>4f2e</c>, <c>sha256:4f2e</c>, any length) that must match exactly one image. Not
/// found, and an ambiguous prefix, both fail with <c>No such image: &lt;familiar reference&gt;</c>
/// (<c>No such image: foo:latest</c>, <c>No such image: 4f2e:latest</c>), as Docker does.
/// </para>
/// <para>
/// <b>Errors</b> are <see cref="DockerSimulatorException"/>s with Docker's texts; a failed operation changes
/// nothing. Implementations are thread-safe.
/// </para>
/// </remarks>
public interface IImageStore
{
    /// <summary>The number of images stored.</summary>
    int Count { get; }

    /// <summary>
    /// Stores an image (untagged) unless an image with its ID is stored already, optionally recording a local
    /// parent image (as moby's <c>SetParent</c> for committed and classic-built images).
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="parent">The parent image's ID, or the empty digest for none.</param>
    /// <returns>The stored image: a new instance holding the store's shared layer instances, or the one already stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.NotFound"/>: <paramref name="parent"/> is not stored (<c>No such image: sha256:...</c>).
    /// </exception>
    Image Add(Image image, Digest parent = default);

    /// <summary>Whether an image with this full ID is stored.</summary>
    /// <param name="id">The image ID.</param>
    /// <returns><see langword="true"/> if stored.</returns>
    bool Contains(Digest id);

    /// <summary>Finds an image by reference, full ID or ID prefix (see the remarks).</summary>
    /// <param name="refOrId">The reference or ID.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="refOrId"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: not a reference (<c>invalid reference format</c>, ...);
    /// <see cref="ErrorKind.NotFound"/>: <c>No such image: &lt;familiar reference&gt;</c>.
    /// </exception>
    Image Get(string refOrId);

    /// <summary>Finds an image as <see cref="Get"/> does, without throwing for a missing image.</summary>
    /// <param name="refOrId">The reference or ID.</param>
    /// <param name="image">The image, or <see langword="null"/>.</param>
    /// <returns>Whether it was found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="refOrId"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: not a reference.</exception>
    bool TryGet(string refOrId, [NotNullWhen(true)] out Image? image);

    /// <summary>The references (tags and digests) naming an image, sorted by their canonical string.</summary>
    /// <param name="id">The image ID.</param>
    /// <returns>The normalised references (<c>docker.io/library/foo:latest</c>); empty when none or not stored.</returns>
    IReadOnlyList<ImageReference> References(Digest id);

    /// <summary><c>docker image inspect</c>: an image with its tags, digests, parent and last tag time.</summary>
    /// <param name="refOrId">The reference or ID.</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="refOrId"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">As <see cref="Get"/>.</exception>
    ImageInspectInfo Inspect(string refOrId);

    /// <summary>
    /// <c>docker history</c> rows, newest first (moby daemon/images/image_history.go): one per history entry,
    /// with the diff size of the layer it made; the top row has the image's ID and tags, the next rows its
    /// local parents' as far as they go, the rest <c>&lt;missing&gt;</c>.
    /// </summary>
    /// <param name="refOrId">The reference or ID.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="refOrId"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// As <see cref="Get"/>; <see cref="ErrorKind.FailedPrecondition"/>: the history has more non-empty entries
    /// than the image has layers (<c>too many non-empty layers in History section</c>).
    /// </exception>
    IReadOnlyList<ImageHistoryItem> History(string refOrId);

    /// <summary>
    /// <c>docker tag SOURCE TARGET</c>: points <paramref name="target"/> (<c>:latest</c> when it has no tag) at the
    /// image <paramref name="source"/> finds, moving the tag if it named another image (moby's <c>TagImage</c>
    /// always forces), and records the time as the image's last tag time. The target is checked before the
    /// source is looked up, as the client and the Engine API router check it first.
    /// </summary>
    /// <param name="source">The image, by reference or ID.</param>
    /// <param name="target">The new reference, e.g. <c>localhost:5000/app:1.0</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.NotFound"/>: no source (<c>No such image: foo:latest</c>);
    /// <see cref="ErrorKind.InvalidArgument"/>: <paramref name="target"/> is not a reference, has a digest
    /// (<c>refusing to create a tag with a digest reference</c>) or is named <c>sha256</c>
    /// (<c>refusing to create an ambiguous tag using digest algorithm as name</c>).
    /// </exception>
    void Tag(string source, string target);

    /// <summary>
    /// Records a repository digest (<c>repo@sha256:...</c>) for an image, as a pull does (moby's
    /// <c>AddDigest</c>); a tag in <paramref name="reference"/> is dropped (the digest wins).
    /// </summary>
    /// <param name="reference">A reference with a name and a digest.</param>
    /// <param name="imageId">The image.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="reference"/> has no name or no digest.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.NotFound"/>: the image is not stored; <see cref="ErrorKind.Conflict"/>: the digest
    /// reference names another image (<c>cannot overwrite digest sha256:...</c>).
    /// </exception>
    void AddDigestReference(ImageReference reference, Digest imageId);

    /// <summary>
    /// <c>docker rmi</c> (moby daemon/images/image_delete.go <c>ImageDelete</c>). By reference: removes that
    /// reference (<c>Untagged:</c>); if it was the image's last, deletes the image too (<c>Deleted:</c> the image
    /// ID, then the ChainIDs of its layers no other image uses, top first), then, with
    /// <paramref name="pruneParents"/>, its untagged unused parents the same way. By ID or ID prefix: deletes
    /// the image, untagging it first if all its references are one tag (plus digests) of one repository.
    /// </summary>
    /// <param name="refOrId">The reference, ID or ID prefix. A string that is a prefix of the image's ID counts as an ID.</param>
    /// <param name="force">Ignores soft conflicts (several references, stopped containers): <c>-f</c>.</param>
    /// <param name="pruneParents">Deletes untagged parents left unused (the default; <c>--no-prune</c> is <see langword="false"/>).</param>
    /// <returns>The records, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="refOrId"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// As <see cref="Get"/>; <see cref="ErrorKind.Conflict"/>, nothing changed:
    /// <c>conflict: unable to remove repository reference "foo" (must force) - container &lt;12hex&gt; is using its referenced image &lt;12hex&gt;</c>
    /// (its last reference, a container uses it);
    /// <c>conflict: unable to delete &lt;12hex&gt; (must be forced) - image is referenced in multiple repositories</c>,
    /// <c>(must be forced) - image is being used by stopped container &lt;12hex&gt;</c>,
    /// <c>(cannot be forced) - image is being used by running container &lt;12hex&gt;</c>,
    /// <c>(cannot be forced) - image has dependent child images</c>.
    /// </exception>
    IReadOnlyList<ImageDeleteRecord> Remove(string refOrId, bool force = false, bool pruneParents = true);

    /// <summary>
    /// <c>docker images</c> data (moby daemon/images/image_list.go), newest first. Without <paramref name="all"/>,
    /// untagged images that have children (intermediate images) are hidden.
    /// </summary>
    /// <param name="all">Also list intermediate images (<c>-a</c>).</param>
    /// <param name="dangling">Filter <c>dangling=true</c> (only images without tags and children) or <c>dangling=false</c> (only referenced images); <see langword="null"/> for no filter.</param>
    /// <returns>The summaries, newest first, ties by ID.</returns>
    IReadOnlyList<ImageSummary> List(bool all = false, bool? dangling = null);

    /// <summary>
    /// <c>docker image prune</c> (moby daemon/images/image_prune.go): removes dangling images (no tags, no
    /// children), or with <paramref name="all"/> every image no container uses; images in use and conflicts are
    /// skipped silently. Never fails.
    /// </summary>
    /// <param name="all">Also remove unused tagged images (<c>-a</c>).</param>
    /// <returns>The records and the space reclaimed (the diff sizes of the layers deleted).</returns>
    ImagePruneResult Prune(bool all = false);
}
