namespace Simulator.Registries;

/// <summary>What a client does with a repository, for <see cref="Registry.FailNext"/>.</summary>
public enum RegistryOperation
{
    /// <summary><c>docker pull</c>: resolving and fetching a manifest and its blobs.</summary>
    Pull,

    /// <summary><c>docker push</c>: uploading blobs and a manifest.</summary>
    Push,
}
