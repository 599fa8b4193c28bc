using System.Text;

namespace Deployer;

/// <summary>What to deploy.</summary>
/// <param name="Name">The site's name: the container's name, and the prefix of its volume and snapshot image.</param>
/// <param name="Files">The site's files, by path relative to the web root, e.g. <c>index.html</c>.</param>
/// <param name="HostPort">The host port nginx's port 80 is published on.</param>
/// <param name="Version">The version written to <c>/etc/deployer/version</c> and used as the snapshot's tag.</param>
public sealed record SiteSpec(string Name, IReadOnlyDictionary<string, string> Files, int HostPort, string Version);

/// <summary>The result of a deployment.</summary>
/// <param name="ContainerId">The nginx container.</param>
/// <param name="SnapshotImageId">The image committed from it.</param>
/// <param name="SnapshotReference">The snapshot's tag, <c>NAME-snapshot:VERSION</c>.</param>
/// <param name="Url">Where the site is served.</param>
public sealed record Deployment(string ContainerId, string SnapshotImageId, string SnapshotReference, Uri Url);

/// <summary>
/// Deploys a static site to nginx: pulls <c>nginx:alpine</c>, replaces any previous container of the site, runs nginx
/// with the site's volume on the web root and the port published, writes the files into the volume and a version stamp
/// into the container, and commits the container as a snapshot image.
/// </summary>
public sealed class SiteDeployer(IDockerEngine docker)
{
    /// <summary>The image the site runs on.</summary>
    public const string Image = "nginx:alpine";

    /// <summary>nginx's web root in the image.</summary>
    public const string WebRoot = "/usr/share/nginx/html";

    /// <summary>Deploys a site.</summary>
    /// <param name="spec">The site.</param>
    /// <param name="cancellationToken">Cancels the deployment.</param>
    /// <returns>The deployment.</returns>
    /// <exception cref="ArgumentException">A file path leaves the web root or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">Writing a file failed in the container.</exception>
    public async Task<Deployment> DeployAsync(SiteSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(spec.Name);
        foreach (var path in spec.Files.Keys)
        {
            if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Contains(".."))
            {
                throw new ArgumentException($"file path {path} must be relative to the web root", nameof(spec));
            }
        }

        await docker.PullAsync(Image, cancellationToken);
        if (docker.ContainerExists(spec.Name))
        {
            await docker.RemoveAsync(spec.Name, cancellationToken);
        }

        var id = await docker.RunDetachedAsync(
            new RunSpec(
                Image,
                spec.Name,
                [spec.Name + "-content:" + WebRoot],
                [spec.HostPort + ":80"],
                new Dictionary<string, string> { ["deployer.version"] = spec.Version }),
            cancellationToken);

        foreach (var (path, text) in spec.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var target = WebRoot + "/" + path;
            await ExecAsync(spec.Name, ["sh", "-c", "mkdir -p \"$(dirname \"$1\")\" && cat > \"$1\"", "sh", target], text, cancellationToken);
        }

        await ExecAsync(spec.Name, ["sh", "-c", "mkdir -p /etc/deployer && cat > /etc/deployer/version"], spec.Version + "\n", cancellationToken);
        var reference = spec.Name + "-snapshot:" + spec.Version;
        var imageId = await docker.CommitAsync(spec.Name, reference, cancellationToken);
        return new Deployment(id, imageId, reference, new Uri($"http://localhost:{spec.HostPort}/"));
    }

    private async Task ExecAsync(string container, IReadOnlyList<string> command, string stdin, CancellationToken cancellationToken)
    {
        var (exitCode, stderr) = await docker.ExecAsync(container, command, Encoding.UTF8.GetBytes(stdin), cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited {exitCode}: {stderr.Trim()}");
        }
    }
}
