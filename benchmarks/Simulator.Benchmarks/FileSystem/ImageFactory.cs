using Simulator.FileSystem;

namespace Simulator.Benchmarks.FileSystem;

/// <summary>Synthetic images for the filesystem benchmarks.</summary>
internal static class ImageFactory
{
    /// <summary>An image of <paramref name="files"/> synthetic 4 KiB files in directories of up to 1,000, in one layer.</summary>
    public static LayerStack Files(int files) => LayerStack.Create([Layer.Create(Entries(files, 0, files))]);

    /// <summary>The path of file <paramref name="i"/> in <see cref="Files"/>.</summary>
    public static string PathOf(int i) => $"/usr/share/d{i / 1000}/f{i}";

    public static IEnumerable<KeyValuePair<string, FileEntry>> Entries(int files, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            yield return KeyValuePair.Create(PathOf(i), FileEntry.File(FileContent.Synthetic(4096, (ulong)i)));
        }
    }

    /// <summary>The same files spread over <paramref name="layers"/> layers, each later layer also rewriting some earlier files.</summary>
    public static LayerStack Layered(int files, int layers)
    {
        var list = new List<Layer>();
        int per = files / layers;
        for (int l = 0; l < layers; l++)
        {
            var entries = Entries(files, l * per, l == layers - 1 ? files : (l + 1) * per).ToList();
            if (l > 0)
            {
                entries.AddRange(Entries(files, (l - 1) * per, (l - 1) * per + per / 4));
            }

            list.Add(Layer.Create(entries));
        }

        return LayerStack.Create(list);
    }
}
