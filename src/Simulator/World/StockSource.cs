using Simulator.Images;
using Simulator.Registries;

namespace Simulator.World;

/// <summary>The stock images as a registry source: the one shared instance that <see cref="DefaultWorld"/> adds to Docker Hub.</summary>
internal sealed class StockSource : IRegistryImageSource
{
    public static StockSource Instance { get; } = new();

    private StockSource()
    {
    }

    public IEnumerable<string> Repositories => StockImages.Served.Select(s => s.Repository).Distinct(StringComparer.Ordinal);

    public IEnumerable<string> Tags(string path) => StockImages.Served.Where(s => s.Repository == path).SelectMany(s => s.Tags);

    public Image? Find(string path, string tag) => StockImages.Find(path, tag)?.Image;
}
