using Simulator.Images;

namespace Simulator.World;

/// <summary>
/// <c>hello-world:latest</c>: one layer with the static <c>/hello</c> binary (13,256 bytes, 13.3 kB in <c>docker
/// images</c>), here <c>#!simulator hello-world</c> padded to that size; <c>CMD ["/hello"]</c>.
/// </summary>
internal static class HelloWorldImage
{
    /// <summary>The size of <c>/hello</c>, the whole image: 13,256 bytes.</summary>
    public const long TargetSize = 13_256;

    public static readonly DateTimeOffset Created = new(2023, 5, 2, 16, 49, 27, TimeSpan.Zero);

    public static Image Build()
    {
        var fs = new RootFsBuilder("hello-world", Created);
        fs.Program("/hello", "hello-world", TargetSize, RootFsBuilder.Mode0775);
        return ImageBuilder.FromScratch()
            .WithLayer(fs.Build(), "COPY hello / # buildkit")
            .WithCmd("/hello")
            .WithConfig(c => c with { Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] })
            .WithCreated(Created)
            .Build();
    }
}
