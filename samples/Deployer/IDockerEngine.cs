namespace Deployer;

/// <summary>
/// The few Docker operations the deployer needs. Production code implements it over a Docker client (Docker.DotNet,
/// or the <c>docker</c> command line); tests implement it over the in-memory simulator.
/// </summary>
public interface IDockerEngine
{
    /// <summary><c>docker pull</c>.</summary>
    /// <param name="image">The reference, e.g. <c>nginx:alpine</c>.</param>
    /// <param name="cancellationToken">Cancels the pull.</param>
    /// <returns>A task that completes when the image is local.</returns>
    Task PullAsync(string image, CancellationToken cancellationToken);

    /// <summary>Whether a container of that name exists (any state).</summary>
    /// <param name="name">The container's name.</param>
    /// <returns><see langword="true"/> if it exists.</returns>
    bool ContainerExists(string name);

    /// <summary><c>docker rm -f</c>.</summary>
    /// <param name="name">The container's name.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns>A task that completes when the container is gone.</returns>
    Task RemoveAsync(string name, CancellationToken cancellationToken);

    /// <summary><c>docker run -d --name NAME -v VOLUME... -p PORT... IMAGE</c>.</summary>
    /// <param name="spec">What to run.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The container's ID.</returns>
    Task<string> RunDetachedAsync(RunSpec spec, CancellationToken cancellationToken);

    /// <summary><c>docker exec -i CONTAINER CMD...</c> with <paramref name="stdin"/> as standard input.</summary>
    /// <param name="container">The container's name or ID.</param>
    /// <param name="command">The command and its arguments.</param>
    /// <param name="stdin">Bytes for standard input, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The exit code and standard error.</returns>
    Task<(int ExitCode, string Stderr)> ExecAsync(string container, IReadOnlyList<string> command, byte[]? stdin, CancellationToken cancellationToken);

    /// <summary><c>docker commit CONTAINER REFERENCE</c>.</summary>
    /// <param name="container">The container's name or ID.</param>
    /// <param name="reference">The new image's tag.</param>
    /// <param name="cancellationToken">Cancels the commit.</param>
    /// <returns>The new image's ID.</returns>
    Task<string> CommitAsync(string container, string reference, CancellationToken cancellationToken);
}

/// <summary>A container to run.</summary>
/// <param name="Image">The image reference.</param>
/// <param name="Name">The container's name.</param>
/// <param name="Volumes"><c>-v</c> values, e.g. <c>site-content:/usr/share/nginx/html</c>.</param>
/// <param name="Ports"><c>-p</c> values, e.g. <c>8080:80</c>.</param>
/// <param name="Labels">Labels.</param>
public sealed record RunSpec(string Image, string Name, IReadOnlyList<string> Volumes, IReadOnlyList<string> Ports, IReadOnlyDictionary<string, string> Labels);
