using Simulator.References;

namespace Simulator.Content;

/// <summary>The outcome of <see cref="IContentStore.CollectGarbage"/>.</summary>
/// <param name="Removed">The digests removed, ordered.</param>
/// <param name="ReclaimedBytes">The sum of their sizes, in bytes.</param>
public sealed record GarbageCollectionResult(IReadOnlyList<Digest> Removed, long ReclaimedBytes);
