using Simulator.FileSystem;
using Simulator.Images;

namespace Simulator.World;

/// <summary>
/// The stock images of the default world (DESIGN.md section 5): <c>alpine</c>, <c>busybox</c>, <c>nginx</c>,
/// <c>nginx:alpine</c>, <c>postgres</c>, <c>registry:2</c> and <c>hello-world</c>, with the files, configs and sizes
/// users know, built deterministically (fixed creation times and seeds: the same image IDs and digests in every
/// process) and once per process.
/// </summary>
/// <remarks>
/// <para>
/// <b>Versions and tags</b> (linux/amd64): <c>alpine</c> 3.20.3 (<c>latest</c>, <c>3.20</c>), <c>busybox</c> 1.36.1
/// (<c>latest</c>, <c>1.36</c>), <c>nginx</c> 1.27.3 on Debian 12 (<c>latest</c>, <c>1.27</c>) and on Alpine
/// (<c>alpine</c>, <c>1.27-alpine</c>), <c>postgres</c> 16.6 (<c>latest</c>, <c>16</c>), <c>registry</c> 2.8.3
/// (<c>latest</c>, <c>2</c>), <c>hello-world</c> (<c>latest</c>, <c>linux</c>).
/// </para>
/// <para>
/// <b>Sharing.</b> As in reality, <c>nginx:alpine</c> and <c>registry:2</c> are built on alpine's layer, and
/// <c>nginx</c> and <c>postgres</c> on one Debian bookworm-slim layer, so a pull of one after the other prints
/// <c>Already exists</c> for it and the content store holds it once.
/// </para>
/// <para>
/// <b>Content without bytes</b> (DESIGN.md section 4). Program files hold <c>#!simulator NAME</c> (the userland's marker
/// for a simulated program: <c>/bin/busybox</c>, <c>/sbin/apk</c>, <c>/usr/sbin/nginx</c>, <c>/hello</c>, ...)
/// followed by synthetic bytes up to the real binary's size; libraries and data are synthetic; configuration files,
/// scripts, pages and databases users read hold their real text. Busybox applets are symlinks to <c>/bin/busybox</c> in
/// alpine and hard links in the busybox image, as in the real images.
/// </para>
/// <para>
/// <b>Sizes.</b> Each image's <see cref="Image.Size"/> is within a few per cent of <see cref="StockImage.DocumentedSize"/>:
/// the size <c>docker images</c> prints for the real image (alpine 7.8 MB, busybox 4.26 MB, nginx 192 MB, nginx:alpine
/// 47.9 MB, postgres 435 MB, registry 25.4 MB, hello-world 13.3 kB). The parts of the real root filesystems not
/// modelled file by file are carried by one large synthetic file per layer (named in each image's notes).
/// </para>
/// <para>
/// <b>Cost.</b> An image is built on first use of it (not of the others); its layers' DiffIDs are computed once and
/// cached. Thread-safe.
/// </para>
/// </remarks>
public static class StockImages
{
    private static readonly Lazy<Layer> AlpineLayer = new(AlpineImage.BaseLayer);
    private static readonly Lazy<Layer> DebianLayer = new(DebianBase.Layer);

    /// <summary><c>alpine:latest</c> and <c>alpine:3.20</c>.</summary>
    public static StockImage Alpine { get; } = new("library/alpine", ["latest", "3.20"], AlpineImage.TargetSize, () => AlpineImage.Build(AlpineLayer.Value));

    /// <summary><c>busybox:latest</c> and <c>busybox:1.36</c>.</summary>
    public static StockImage Busybox { get; } = new("library/busybox", ["latest", "1.36"], BusyboxImage.TargetSize, BusyboxImage.Build);

    /// <summary><c>nginx:latest</c> and <c>nginx:1.27</c> (Debian).</summary>
    public static StockImage Nginx { get; } = new("library/nginx", ["latest", "1.27"], NginxImage.TargetSize, () => NginxImage.Build(DebianLayer.Value));

    /// <summary><c>nginx:alpine</c> and <c>nginx:1.27-alpine</c>, on alpine's layer.</summary>
    public static StockImage NginxAlpine { get; } = new("library/nginx", ["alpine", "1.27-alpine"], NginxImage.AlpineTargetSize, () => NginxImage.BuildAlpine(AlpineLayer.Value));

    /// <summary><c>postgres:latest</c> and <c>postgres:16</c>, on the Debian layer <c>nginx</c> uses.</summary>
    public static StockImage Postgres { get; } = new("library/postgres", ["latest", "16"], PostgresImage.TargetSize, () => PostgresImage.Build(DebianLayer.Value));

    /// <summary><c>registry:latest</c> and <c>registry:2</c>, on alpine's layer.</summary>
    public static StockImage Registry { get; } = new("library/registry", ["latest", "2"], RegistryImage.TargetSize, () => RegistryImage.Build(AlpineLayer.Value));

    /// <summary><c>hello-world:latest</c> and <c>hello-world:linux</c>.</summary>
    public static StockImage HelloWorld { get; } = new("library/hello-world", ["latest", "linux"], HelloWorldImage.TargetSize, HelloWorldImage.Build);

    /// <summary><c>testcontainers/ryuk:0.14.0</c> and <c>testcontainers/ryuk:latest</c>, Testcontainers' resource reaper.</summary>
    public static StockImage Ryuk { get; } = new("testcontainers/ryuk", ["0.14.0", "latest"], RyukImage.TargetSize, RyukImage.Build);

    /// <summary>Every stock image users know, in the order above (<see cref="Ryuk"/>, a tool image, is served but not listed).</summary>
    public static IReadOnlyList<StockImage> All { get; } = [Alpine, Busybox, Nginx, NginxAlpine, Postgres, Registry, HelloWorld];

    /// <summary>What Docker Hub serves: <see cref="All"/> and <see cref="Ryuk"/>.</summary>
    internal static IReadOnlyList<StockImage> Served { get; } = [.. All, Ryuk];

    /// <summary>The stock image a Docker Hub repository path and tag name (<c>library/nginx</c>, <c>alpine</c>).</summary>
    /// <param name="repository">The repository path, <c>library/...</c>.</param>
    /// <param name="tag">The tag.</param>
    /// <returns>The stock image, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static StockImage? Find(string repository, string tag)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(tag);
        foreach (var stock in Served)
        {
            if (stock.Repository == repository && stock.Tags.Contains(tag, StringComparer.Ordinal))
            {
                return stock;
            }
        }

        return null;
    }
}
