using Simulator.Images;
using Simulator.References;

namespace Simulator.Build;

/// <summary>The outcome of a successful build.</summary>
/// <param name="Image">The image built, as stored in the engine's image store.</param>
/// <param name="Tags">The references now naming it (normalised, e.g. <c>docker.io/library/app:latest</c>).</param>
/// <param name="CachedSteps">How many layer steps (RUN, COPY, ADD, WORKDIR) came from the build cache.</param>
/// <param name="ExecutedSteps">How many layer steps ran.</param>
public sealed record BuildResult(Image Image, IReadOnlyList<ImageReference> Tags, int CachedSteps, int ExecutedSteps)
{
    /// <summary>The image ID (<c>sha256:...</c>), what <c>docker build -q</c> prints.</summary>
    public Digest ImageId => Image.Id;
}

/// <summary>The outcome of <see cref="Builder.Prune(BuildCachePruneOptions)"/> (<c>docker builder prune</c>).</summary>
/// <param name="Removed">How many cache records were removed.</param>
/// <param name="ReclaimedBytes">The sizes of the layers those records held.</param>
public sealed record BuildCachePruneResult(int Removed, long ReclaimedBytes)
{
    /// <summary>The records removed, oldest first (the API's <c>CachesDeleted</c> are their IDs). Empty by default.</summary>
    public IReadOnlyList<BuildCacheRecord> CachesDeleted { get; init; } = [];
}

/// <summary>
/// A build failure. <see cref="Exception.Message"/> is BuildKit's solve error (what the CLI prints after
/// <c>ERROR: failed to build: failed to solve: </c>), or with <see cref="BuildProgressFormat.Classic"/> the legacy
/// builder's text (<c>The command '/bin/sh -c exit 3' returned a non-zero code: 3</c>).
/// </summary>
public sealed class BuildFailedException : DockerSimulatorException
{
    /// <summary>Creates the error.</summary>
    /// <param name="kind">The failure's kind.</param>
    /// <param name="message">The text.</param>
    /// <param name="exitCode">The failing RUN's exit code, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause.</param>
    public BuildFailedException(ErrorKind kind, string message, int? exitCode = null, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code of the RUN that failed, or <see langword="null"/> for other failures.</summary>
    public int? ExitCode { get; }
}
