using Simulator.References;

namespace Simulator.Registries;

/// <summary>Keeps a storage layout in step with a registry's state (see <see cref="RegistryStorage"/>).</summary>
internal interface IRegistryStorageMirror
{
    /// <summary>A blob (layer or config) was linked into a repository for the first time.</summary>
    void BlobLinked(string repository, Digest digest, ReadOnlyMemory<byte> content);

    /// <summary>A manifest was stored in a repository, and <paramref name="tag"/> (when not <see langword="null"/>) points at it.</summary>
    void ManifestStored(string repository, string? tag, Digest digest, ReadOnlyMemory<byte> manifest);
}
