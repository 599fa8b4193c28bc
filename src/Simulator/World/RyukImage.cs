using Simulator.Images;

namespace Simulator.World;

/// <summary>
/// <c>testcontainers/ryuk:0.14.0</c>, Testcontainers' resource reaper, as its linux/Dockerfile builds it: <c>FROM scratch</c>,
/// <c>/etc/ssl/certs/ca-certificates.crt</c>, the static <c>/bin/ryuk</c> (<c>#!simulator ryuk</c>), <c>CMD ["/bin/ryuk"]</c>,
/// <c>LABEL org.testcontainers.ryuk=true</c> (testcontainers/moby-ryuk).
/// </summary>
/// <remarks>
/// The program logs as ryuk does and waits for a signal; the reaper protocol on its published port 8080 is served on the
/// host by the Engine API's <see cref="EngineApi.PublishedPortForwarder"/>. Testcontainers pins the image by the real
/// index digest, which a simulated image cannot have: point it at the tag (<c>TESTCONTAINERS_RYUK_CONTAINER_IMAGE=testcontainers/ryuk:0.14.0</c>).
/// The size is an estimate of the real image's (the UPX-packed binary plus the certificates), not a measured figure.
/// </remarks>
internal static class RyukImage
{
    public const string Version = "0.14.0";

    /// <summary>Approximate size: 7.4 MB (unverified against <c>docker images</c>).</summary>
    public const long TargetSize = 7_400_000;

    public static readonly DateTimeOffset Created = new(2025, 10, 1, 12, 0, 0, TimeSpan.Zero);

    public static Image Build()
    {
        const long certificates = 219_342;
        var certs = new RootFsBuilder("ryuk-certs", Created)
            .Synthetic("/etc/ssl/certs/ca-certificates.crt", certificates)
            .Build();
        var binary = new RootFsBuilder("ryuk-" + Version, Created)
            .Program("/bin/ryuk", "ryuk", TargetSize - certificates)
            .Build();
        return ImageBuilder.FromScratch()
            .WithLayer(certs, "COPY /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt # buildkit")
            .WithLayer(binary, "COPY /bin/ryuk /bin/ryuk # buildkit")
            .WithCmd("/bin/ryuk")
            .WithLabel("org.testcontainers.ryuk", "true")
            .WithCreated(Created)
            .Build();
    }
}
