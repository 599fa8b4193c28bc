using System.Text.Json;
using Simulator.FileSystem;
using Simulator.Tests.Support;
using Simulator.World;

namespace Simulator.Tests.World;

/// <summary>
/// The stock images against the official images' own files in <c>../shared/corpus/dockerfiles</c> (byte-exact upstream
/// copies, see its README): where the scripts have not changed between the modelled versions and the corpus's, the
/// stock files are the same bytes. Skipped when the corpus is absent.
/// </summary>
public sealed class StockCorpusTests
{
    private static string Read(StockImage stock, string path) =>
        UnionFileSystem.CreateReadOnly(LayerStack.Create(stock.Image.Layers)).ReadAllText(path);

    [Fact]
    public void Nginx_entrypoint_is_docker_nginxs()
    {
        var real = File.ReadAllText(SharedCorpus.File("dockerfiles/nginx/docker-entrypoint.sh"));
        Assert.Equal(real, Read(StockImages.Nginx, "/docker-entrypoint.sh"));
        Assert.Equal(real, Read(StockImages.NginxAlpine, "/docker-entrypoint.sh"));
    }

    [Fact]
    public void Registry_entrypoint_is_distribution_library_images()
    {
        var real = File.ReadAllText(SharedCorpus.File("dockerfiles/registry/entrypoint.sh"));
        Assert.Equal(real, Read(StockImages.Registry, "/entrypoint.sh"));
    }

    [Fact]
    public void Busybox_run_config_is_the_published_glibc_configs()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedCorpus.File("dockerfiles/busybox/image-config.glibc.json")));
        var config = json.RootElement.GetProperty("config");
        var run = StockImages.Busybox.Image.Config.Config;
        Assert.Equal(config.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()!), run.Cmd);
        Assert.Equal(config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!), run.Env);
        Assert.Equal(json.RootElement.GetProperty("architecture").GetString(), StockImages.Busybox.Image.Config.Architecture);
    }

    [Theory]
    [InlineData("alpine/Dockerfile", "alpine:latest", "CMD [\"/bin/sh\"]")]
    [InlineData("hello-world/Dockerfile", "hello-world:latest", "CMD [\"/hello\"]")]
    public void Cmd_is_the_dockerfiles(string dockerfile, string name, string cmd)
    {
        var lines = File.ReadAllLines(SharedCorpus.File("dockerfiles/" + dockerfile));
        Assert.Contains(cmd, lines);
        var stock = StockImages.All.Single(s => s.ToString() == name);
        Assert.Equal(cmd, "CMD [" + string.Join(", ", stock.Image.Config.Config.Cmd.Select(a => "\"" + a + "\"")) + "]");
    }
}
