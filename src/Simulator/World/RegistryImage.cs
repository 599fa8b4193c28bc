using Simulator.FileSystem;
using Simulator.Images;

namespace Simulator.World;

/// <summary>
/// <c>registry:2</c> (distribution 2.8.3, 25.4 MB in <c>docker images</c>) on the alpine layer: ca-certificates, the
/// <c>/bin/registry</c> binary (<c>#!simulator registry</c>), <c>/etc/docker/registry/config.yml</c> and
/// <c>/entrypoint.sh</c> with their real texts (distribution-library).
/// </summary>
internal static class RegistryImage
{
    public const string Version = "2.8.3";

    /// <summary><c>docker images</c> size of <c>registry:2.8.3</c>: 25.4 MB.</summary>
    public const long TargetSize = 25_400_000;

    public static readonly DateTimeOffset Created = new(2023, 10, 2, 18, 43, 39, TimeSpan.Zero);

    public static Image Build(Layer alpine)
    {
        var certs = new RootFsBuilder("registry-ca-certificates", Created)
            .Synthetic("/etc/ssl/certs/ca-certificates.crt", 219_342)
            .Synthetic("/usr/share/ca-certificates/mozilla.pack", 420_000)
            .Program("/usr/sbin/update-ca-certificates", "update-ca-certificates", 30_584)
            .Build();
        var entrypoint = new RootFsBuilder("registry-entrypoint", Created)
            .Text("/entrypoint.sh", EntrypointScript, RootFsBuilder.Mode0755)
            .Build();
        var config = new RootFsBuilder("registry-config", Created)
            .Text("/etc/docker/registry/config.yml", ConfigYml)
            .Build();
        long rest = TargetSize - AlpineImage.TargetSize - Image.LayerSize(certs) - Image.LayerSize(entrypoint) - Image.LayerSize(config);
        var binary = new RootFsBuilder("registry-" + Version, Created)
            .Program("/bin/registry", "registry", rest)
            .Build();
        return ImageBuilder.FromScratch()
            .WithLayer(alpine, $"ADD alpine-minirootfs-{AlpineImage.Version}-x86_64.tar.gz / # buildkit")
            .WithConfig(c => c with { Env = ["PATH=" + AlpineImage.Path] })
            .WithCmd("/bin/sh")
            .WithLayer(certs, "RUN /bin/sh -c set -ex     && apk add --no-cache ca-certificates # buildkit")
            .WithLayer(binary, "COPY ./registry/registry /bin/registry # buildkit")
            .WithLayer(config, "COPY ./registry/config-example.yml /etc/docker/registry/config.yml # buildkit")
            .WithVolume("/var/lib/registry")
            .WithExposedPort("5000/tcp")
            .WithLayer(entrypoint, "COPY docker-entrypoint.sh /entrypoint.sh # buildkit")
            .WithEntrypoint("/entrypoint.sh")
            .WithCmd("/etc/docker/registry/config.yml")
            .WithCreated(Created)
            .Build();
    }

    public const string ConfigYml =
        "version: 0.1\nlog:\n  fields:\n    service: registry\nstorage:\n  cache:\n    blobdescriptor: inmemory\n" +
        "  filesystem:\n    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n  headers:\n    X-Content-Type-Options: [nosniff]\n" +
        "health:\n  storagedriver:\n    enabled: true\n    interval: 10s\n    threshold: 3\n";

    public const string EntrypointScript =
        "#!/bin/sh\n\nset -e\n\ncase \"$1\" in\n    *.yaml|*.yml) set -- registry serve \"$@\" ;;\n" +
        "    serve|garbage-collect|help|-*) set -- registry \"$@\" ;;\nesac\n\nexec \"$@\"\n";
}
