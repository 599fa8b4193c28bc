namespace Simulator.Registries;

/// <summary>The media types of manifests, configs and layers (docker/distribution <c>schema2</c>, OCI image-spec <c>mediatype.go</c>).</summary>
public static class MediaTypes
{
    /// <summary><c>application/vnd.docker.distribution.manifest.v2+json</c>: Docker Image Manifest V2, Schema 2.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary><c>application/vnd.docker.container.image.v1+json</c>: a Docker image config.</summary>
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";

    /// <summary><c>application/vnd.docker.image.rootfs.diff.tar</c>: an uncompressed Docker layer.</summary>
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar";

    /// <summary><c>application/vnd.docker.image.rootfs.diff.tar.gzip</c>: a gzip-compressed Docker layer (what real pushes upload).</summary>
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary><c>application/vnd.oci.image.manifest.v1+json</c>: an OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary><c>application/vnd.oci.image.index.v1+json</c>: an OCI image index (the <c>index.json</c> of <c>docker save</c>).</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary><c>application/vnd.oci.image.config.v1+json</c>: an OCI image config.</summary>
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary><c>application/vnd.oci.image.layer.v1.tar</c>: an uncompressed OCI layer.</summary>
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";

    /// <summary><c>application/vnd.oci.image.layer.v1.tar+gzip</c>: a gzip-compressed OCI layer.</summary>
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
}
