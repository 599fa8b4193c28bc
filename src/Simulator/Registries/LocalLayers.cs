using System.Text;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Registries;

/// <summary>The layer stacks an image store holds, as moby's layer store knows them: by ChainID.</summary>
internal static class LocalLayers
{
    /// <summary>The next ChainID (OCI image-spec config.md): the DiffID for the bottom layer, else <c>sha256(parent + " " + diffID)</c>.</summary>
    public static Digest NextChainId(Digest parent, Digest diffId) =>
        parent.IsEmpty ? diffId : Digest.Compute(Encoding.ASCII.GetBytes(parent + " " + diffId));

    /// <summary>Every layer stack of every stored image, by ChainID, with its top layer. Linear in the images' layers.</summary>
    public static Dictionary<Digest, Layer> Chains(IImageStore images)
    {
        var chains = new Dictionary<Digest, Layer>();
        foreach (var summary in images.List(all: true))
        {
            if (!images.TryGet(summary.Id.ToString(), out var image))
            {
                continue;
            }

            Digest chain = default;
            for (int i = 0; i < image.Layers.Count; i++)
            {
                chain = NextChainId(chain, image.DiffIds[i]);
                chains.TryAdd(chain, image.Layers[i]);
            }
        }

        return chains;
    }
}
