using Simulator.References;

namespace Simulator.Images;

/// <summary>
/// Who uses an image: the containers created from it. The image store asks before removing an image
/// (<c>docker rmi</c>, <c>docker image prune</c>); the container store implements it.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe, must not block, and must not call back into the image store: the
/// store calls them while holding its lock.
/// </remarks>
public interface IImageUsage
{
    /// <summary>The containers whose image is <paramref name="imageId"/>, in a stable order (creation order).</summary>
    /// <param name="imageId">The image ID.</param>
    /// <returns>The users; empty when none.</returns>
    IReadOnlyList<ImageUser> UsersOf(Digest imageId);
}
