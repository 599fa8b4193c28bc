using Simulator.References;

namespace Simulator.Content;

/// <summary>What the content store knows of one blob (containerd's <c>content.Info</c>).</summary>
/// <param name="Digest">The blob's digest: <c>sha256</c> of its bytes.</param>
/// <param name="Size">The blob's length in bytes.</param>
/// <param name="CreatedAt">When the blob was first written, from the store's <see cref="TimeProvider"/>.</param>
/// <param name="Children">
/// Blobs this one refers to (a manifest's config and layers), followed by garbage collection as
/// containerd follows its <c>containerd.io/gc.ref.content</c> labels; ordered, without duplicates.
/// Empty for leaves. Equality compares the children element by element.
/// </param>
public sealed record ContentInfo(Digest Digest, long Size, DateTimeOffset CreatedAt, IReadOnlyList<Digest> Children)
{
    /// <inheritdoc/>
    public bool Equals(ContentInfo? other) =>
        other is not null &&
        Digest == other.Digest &&
        Size == other.Size &&
        CreatedAt == other.CreatedAt &&
        Children.SequenceEqual(other.Children);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Digest, Size, CreatedAt, Children.Count);
}
