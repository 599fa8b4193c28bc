namespace Simulator.Registries;

/// <summary>The image manifest formats a simulated registry stores and serves.</summary>
public enum ManifestFormat
{
    /// <summary>
    /// Docker Image Manifest V2, Schema 2 (<c>application/vnd.docker.distribution.manifest.v2+json</c>), with a
    /// <c>application/vnd.docker.container.image.v1+json</c> config and <c>application/vnd.docker.image.rootfs.diff.tar</c>
    /// layers. What <c>docker push</c> writes (Docker 28's classic store always pushes schema 2).
    /// </summary>
    DockerV2,

    /// <summary>
    /// OCI image manifest (<c>application/vnd.oci.image.manifest.v1+json</c>), with a
    /// <c>application/vnd.oci.image.config.v1+json</c> config and <c>application/vnd.oci.image.layer.v1.tar</c> layers.
    /// </summary>
    Oci,
}
