using System.IO.Abstractions;

namespace Simulator.Build;

/// <summary>How the build's progress is written, as the docker CLI's <c>--progress</c> and <c>DOCKER_BUILDKIT</c>.</summary>
public enum BuildProgressFormat
{
    /// <summary>BuildKit's <c>plain</c> format (<c>#1 [internal] load build definition from Dockerfile</c>, <c>#5 [2/3] RUN ...</c>,
    /// <c>#5 CACHED</c>), the default of <c>docker build</c> when stderr is not a terminal.</summary>
    Plain,

    /// <summary>The legacy builder's format (<c>Step 1/4 : FROM alpine</c>, <c> ---&gt; Running in ...</c>, <c>Successfully built ...</c>),
    /// as <c>DOCKER_BUILDKIT=0 docker build</c> and the Engine API's <c>/build</c> stream.</summary>
    Classic,
}

/// <summary>
/// What to build: a <c>docker build</c> invocation. Immutable; every property has Docker's default. Give a context
/// (<see cref="ContextDirectory"/> or <see cref="ContextTar"/>) or none (<c>docker build -</c> with the
/// Dockerfile on stdin: set only <see cref="Dockerfile"/>).
/// </summary>
public sealed record BuildRequest
{
    /// <summary>The context directory (absolute) on <see cref="ContextFileSystem"/>; <see langword="null"/> for none.</summary>
    public string? ContextDirectory { get; init; }

    /// <summary>The file system holding <see cref="ContextDirectory"/>; the engine's host file system when <see langword="null"/>.</summary>
    public IFileSystem? ContextFileSystem { get; init; }

    /// <summary>The context as a tar stream (as the Engine API's <c>/build</c> body); read to its end, not disposed.
    /// Takes precedence over <see cref="ContextDirectory"/>.</summary>
    public Stream? ContextTar { get; init; }

    /// <summary>The Dockerfile text; when <see langword="null"/> it is read from <see cref="DockerfilePath"/> in the context.</summary>
    public string? Dockerfile { get; init; }

    /// <summary>The Dockerfile's path relative to the context (<c>-f</c>); <c>Dockerfile</c> by default.</summary>
    public string DockerfilePath { get; init; } = "Dockerfile";

    /// <summary>References to tag the result with (<c>-t</c>); <c>:latest</c> is added when a tag is missing.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Build arguments (<c>--build-arg k=v</c>); a <see langword="null"/> value means "take it from the client environment" and is treated as unset.</summary>
    public IReadOnlyDictionary<string, string?> BuildArgs { get; init; } = new Dictionary<string, string?>();

    /// <summary>The stage to build (<c>--target</c>); the last stage when <see langword="null"/>.</summary>
    public string? Target { get; init; }

    /// <summary>Do not use the build cache (<c>--no-cache</c>).</summary>
    public bool NoCache { get; init; }

    /// <summary>Always pull base images (<c>--pull</c>).</summary>
    public bool Pull { get; init; }

    /// <summary>Labels to set on the image (<c>--label k=v</c>), after the Dockerfile's.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Suppress the progress output (<c>-q</c>); the caller prints <see cref="BuildResult.ImageId"/>.</summary>
    public bool Quiet { get; init; }

    /// <summary>The progress format; <see cref="BuildProgressFormat.Plain"/> by default.</summary>
    public BuildProgressFormat Progress { get; init; } = BuildProgressFormat.Plain;
}
