using Simulator.References;

namespace Simulator.Images;

/// <summary>One image as <c>docker images</c> lists it, as moby's <c>image.Summary</c>.</summary>
/// <remarks>Immutable; the lists are snapshots.</remarks>
/// <param name="Id">The image ID.</param>
/// <param name="ParentId">The local parent image's ID, or the empty digest.</param>
/// <param name="RepoTags">Familiar tagged references (<c>alpine:latest</c>), sorted by their canonical form.</param>
/// <param name="RepoDigests">Familiar digested references (<c>alpine@sha256:...</c>), sorted by their canonical form.</param>
/// <param name="Created">The creation time, or <see langword="null"/>.</param>
/// <param name="Size">The image size in bytes (<see cref="Image.Size"/>).</param>
/// <param name="Labels">The config's labels.</param>
/// <param name="Containers">The number of containers using the image (as <see cref="IImageUsage"/> reports; 0 without one).</param>
public sealed record ImageSummary(
    Digest Id,
    Digest ParentId,
    IReadOnlyList<string> RepoTags,
    IReadOnlyList<string> RepoDigests,
    DateTimeOffset? Created,
    long Size,
    IReadOnlyDictionary<string, string> Labels,
    int Containers)
{
    /// <summary>
    /// Bytes of this image's layers that other stored images use too: the sum of
    /// <see cref="Image.LayerSize"/> over the layers whose ChainID more than one image references, as
    /// moby's image list computes <c>SharedSize</c> (<c>docker system df -v</c>'s SHARED SIZE column).
    /// </summary>
    public long SharedSize { get; init; }

    /// <summary>This image's own bytes: <see cref="Size"/> minus <see cref="SharedSize"/> (<c>docker system df -v</c>'s UNIQUE SIZE).</summary>
    public long UniqueSize => Size - SharedSize;

    /// <summary>
    /// The rows the docker CLI's classic table shows for this image (formatter/image.go <c>imageFormat</c>): an
    /// image with neither tags nor digests is one <c>&lt;none&gt;</c>/<c>&lt;none&gt;</c> row; otherwise one row per
    /// tag (per tag and digest of its repository when <paramref name="showDigests"/>), then one <c>&lt;none&gt;</c>
    /// tag row per repository that has only digests. Go iterates maps at random; here repositories are in ordinal
    /// order and tags in <see cref="RepoTags"/> order.
    /// </summary>
    /// <param name="showDigests">Whether the <c>--digests</c> column is shown.</param>
    /// <returns>The rows.</returns>
    public IReadOnlyList<ImageListRow> ToRows(bool showDigests = false)
    {
        var id = Id.ToString();
        if (RepoTags.Count == 0 && RepoDigests.Count == 0)
        {
            return [new ImageListRow("<none>", "<none>", "<none>", id, Created, Size)];
        }

        var tags = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var s in RepoTags)
        {
            var r = ImageReference.Parse(s);
            if (r.Tag is { } tag)
            {
                Bucket(tags, r.FamiliarName).Add(tag);
            }
        }

        var digests = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var s in RepoDigests)
        {
            var r = ImageReference.Parse(s);
            if (r.Digest is { } digest)
            {
                Bucket(digests, r.FamiliarName).Add(digest.ToString());
            }
        }

        var rows = new List<ImageListRow>();
        foreach (var (repo, repoTags) in tags)
        {
            var repoDigests = digests.GetValueOrDefault(repo) ?? [];
            digests.Remove(repo);
            foreach (var tag in repoTags)
            {
                if (!showDigests || repoDigests.Count == 0)
                {
                    rows.Add(new ImageListRow(repo, tag, "<none>", id, Created, Size));
                    continue;
                }

                rows.AddRange(repoDigests.Select(d => new ImageListRow(repo, tag, d, id, Created, Size)));
            }
        }

        foreach (var (repo, repoDigests) in digests)
        {
            if (showDigests)
            {
                rows.AddRange(repoDigests.Select(d => new ImageListRow(repo, "<none>", d, id, Created, Size)));
            }
            else
            {
                rows.Add(new ImageListRow(repo, "<none>", "", id, Created, Size));
            }
        }

        return rows;
    }

    private static List<string> Bucket(SortedDictionary<string, List<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        return list;
    }
}
