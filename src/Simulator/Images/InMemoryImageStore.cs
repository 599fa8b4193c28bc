using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.Internal;
using Simulator.References;

namespace Simulator.Images;

/// <summary>The in-memory <see cref="IImageStore"/>, over a shared <see cref="IContentStore"/>.</summary>
/// <remarks>
/// <para>
/// <b>Content.</b> Adding an image writes each layer's uncompressed tar under its DiffID (only when the blob is
/// not there yet, so a layer shared by many images is written and held once) and the config JSON under the
/// image ID with the DiffIDs as its children, and adds one root to each per image that uses it. Deleting an
/// image removes those roots; <see cref="IContentStore.CollectGarbage"/> then reclaims what nothing else roots.
/// In memory, the store keeps one <see cref="Layer"/> instance per DiffID for all its images. Over an
/// <see cref="InMemoryContentStore"/>, a tar of 1 MiB or more is stored as a blob generated from the layer when read,
/// so big (synthetic) layers cost the content store no bytes; reads return the same bytes.
/// </para>
/// <para>
/// <b>Concurrency.</b> Thread-safe. State is an immutable snapshot: reads never lock and see a consistent state;
/// writes are serialised by one lock and publish a new snapshot only when they succeed, so a failed operation
/// leaves no trace. <see cref="IImageUsage"/> is called under that lock.
/// </para>
/// <para>
/// <b>Time.</b> The <see cref="TimeProvider"/> gives <see cref="ImageInspectInfo.LastTagTime"/>. Lookup by ID
/// prefix scans the stored IDs (linear in the number of images); lookup by reference is a dictionary lookup.
/// </para>
/// </remarks>
public sealed class InMemoryImageStore : IImageStore
{
    private readonly IContentStore _content;
    private readonly IImageUsage? _usage;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private volatile State _state = State.Empty;
    private readonly List<(string Id, string Action, Dictionary<string, string> Attributes)> _pending = [];

    /// <summary>Creates an empty store.</summary>
    /// <param name="content">The content store for layer tars and config blobs (shared with registries).</param>
    /// <param name="usage">Who uses images (the container store); <see langword="null"/> when nothing does.</param>
    /// <param name="timeProvider">The clock for last tag times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is <see langword="null"/>.</exception>
    public InMemoryImageStore(IContentStore content, IImageUsage? usage = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        _content = content;
        _usage = usage;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public int Count => _state.Images.Count;

    /// <summary>
    /// Where image events go (moby <c>daemon/images/image_events.go</c>): <c>tag</c> from <see cref="Tag"/>, <c>untag</c> and
    /// <c>delete</c> from <see cref="Remove"/> and <see cref="Prune"/>, <c>prune</c>; set by the <see cref="Containers.ContainerStore"/> using this store.
    /// </summary>
    internal Func<Events.EventLog?>? Events { get; set; }

    /// <summary>
    /// moby <c>ImageService.LogImageEvent</c>: an image event for <paramref name="imageId"/> (an ID or a reference) with the
    /// image's labels (when it is still stored) and <c>name</c>=<paramref name="refName"/> (when not empty).
    /// </summary>
    internal void LogImageEvent(string imageId, string refName, string action)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (TryGet(imageId, out var image))
            {
                foreach (var (k, v) in image.Config.Config.Labels)
                {
                    attributes[k] = v;
                }
            }
        }
        catch (DockerSimulatorException)
        {
            // not an image reference: no labels, as moby's failed GetImage
        }

        if (refName.Length > 0)
        {
            attributes["name"] = refName;
        }

        Events?.Invoke()?.Publish(Simulator.Events.EventTypes.Image, action, imageId, attributes);
    }

    /// <summary>moby <c>TagImage</c> without its event: the tags pull and load set (moby's reference store <c>AddTag</c>).</summary>
    internal void TagWithoutEvent(string source, string target) => TagCore(source, target, logEvent: false);

    /// <summary>The number of distinct layers (by DiffID) the stored images hold.</summary>
    public int LayerCount => _state.Layers.Count;

    /// <inheritdoc/>
    public Image Add(Image image, Digest parent = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        lock (_gate)
        {
            var s = _state;
            if (s.Images.TryGetValue(image.Id, out var existing))
            {
                return existing.Image;
            }

            if (!parent.IsEmpty && !s.Images.ContainsKey(parent))
            {
                throw Errors.NotFound(Errors.NoSuchImage(parent.ToString()));
            }

            // Share layer instances by DiffID.
            var layers = new Layer[image.Layers.Count];
            var shared = s.Layers;
            for (int i = 0; i < layers.Length; i++)
            {
                var diffId = image.DiffIds[i];
                if (shared.TryGetValue(diffId, out var held))
                {
                    layers[i] = held.Layer;
                    shared = shared.SetItem(diffId, held with { Count = held.Count + 1 });
                }
                else
                {
                    layers[i] = image.Layers[i];
                    shared = shared.SetItem(diffId, new SharedLayer(image.Layers[i], 1));
                }
            }

            var stored = image.WithLayers(layers);
            RootContent(stored);

            var chains = ChainIds(stored.DiffIds);
            var chainCounts = s.Chains;
            foreach (var chain in chains)
            {
                chainCounts = chainCounts.SetItem(chain, chainCounts.GetValueOrDefault(chain) + 1);
            }

            var children = parent.IsEmpty
                ? s.Children
                : s.Children.SetItem(parent, s.Children.GetValueOrDefault(parent, ImmutableHashSet<Digest>.Empty).Add(stored.Id));
            _state = s with
            {
                Images = s.Images.Add(stored.Id, new Entry(stored, parent, chains, null)),
                Layers = shared,
                Chains = chainCounts,
                Children = children,
            };
            return stored;
        }
    }

    /// <inheritdoc/>
    public bool Contains(Digest id) => _state.Images.ContainsKey(id);

    /// <inheritdoc/>
    public Image Get(string refOrId)
    {
        var s = _state;
        return s.Images[Resolve(s, refOrId)].Image;
    }

    /// <inheritdoc/>
    public bool TryGet(string refOrId, [NotNullWhen(true)] out Image? image)
    {
        var s = _state;
        var id = TryResolve(s, refOrId, out _);
        image = id is { } found ? s.Images[found].Image : null;
        return image is not null;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ImageReference> References(Digest id) => RefList(_state, id);

    /// <inheritdoc/>
    public ImageInspectInfo Inspect(string refOrId)
    {
        var s = _state;
        var entry = s.Images[Resolve(s, refOrId)];
        var (tags, digests) = FamiliarRefs(s, entry.Image.Id);
        return new ImageInspectInfo(entry.Image, tags, digests, entry.Parent, entry.LastTagTime);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ImageHistoryItem> History(string refOrId)
    {
        var s = _state;
        var image = s.Images[Resolve(s, refOrId)].Image;
        var rows = new List<ImageHistoryItem>();
        int layer = 0;
        foreach (var h in image.Config.History)
        {
            long size = 0;
            if (!h.EmptyLayer)
            {
                if (image.Layers.Count <= layer)
                {
                    throw Errors.FailedPrecondition(Errors.TooManyNonEmptyLayers);
                }

                size = Image.LayerSize(image.Layers[layer++]);
            }

            rows.Add(new ImageHistoryItem("<missing>", h.Created, h.CreatedBy, h.Comment, size, []));
        }

        rows.Reverse();
        var id = image.Id;
        for (int i = 0; i < rows.Count; i++)
        {
            var (tags, _) = FamiliarRefs(s, id);
            rows[i] = rows[i] with { Id = id.ToString(), Tags = tags };
            if (!s.Images.TryGetValue(id, out var entry) || entry.Parent.IsEmpty || !s.Images.ContainsKey(entry.Parent))
            {
                break;
            }

            id = entry.Parent;
        }

        return rows;
    }

    /// <inheritdoc/>
    public void Tag(string source, string target) => TagCore(source, target, logEvent: true);

    private void TagCore(string source, string target, bool logEvent)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        Digest tagged;
        ImageReference newTag;
        lock (_gate)
        {
            // The client refuses digests, the router checks the name, then the source is looked up
            // (moby client/image_tag.go, daemon/server/router/image/image_routes.go postImagesTag).
            var s = _state;
            var reference = ImageReference.Parse(target);
            if (reference.Digest is not null)
            {
                throw Errors.InvalidArgument(Errors.TagWithDigestRefused);
            }

            reference = reference.WithDefaultTag();
            if (reference.FamiliarName == Digest.Sha256)
            {
                throw Errors.InvalidArgument(Errors.AmbiguousTagName);
            }

            var id = Resolve(s, source);
            s = SetReference(s, reference, id);
            var entry = s.Images[id];
            _state = s with { Images = s.Images.SetItem(id, entry with { LastTagTime = _time.GetUtcNow() }) };
            tagged = id;
            newTag = reference;
        }

        if (logEvent)
        {
            // moby daemon/images/image_tag.go TagImage
            LogImageEvent(tagged.ToString(), newTag.FamiliarString, "tag");
        }
    }

    /// <inheritdoc/>
    public void AddDigestReference(ImageReference reference, Digest imageId)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!reference.HasName || reference.Digest is not { } digest)
        {
            throw new ArgumentException("A digest reference needs a name and a digest.", nameof(reference));
        }

        lock (_gate)
        {
            var s = _state;
            if (!s.Images.ContainsKey(imageId))
            {
                throw Errors.NotFound(Errors.NoSuchImage(imageId.ToString()));
            }

            var canonical = reference.WithoutTagOrDigest().WithDigest(digest);
            if (s.Refs.TryGetValue(canonical.ToString(), out var existing))
            {
                if (existing.Id == imageId)
                {
                    return;
                }

                throw Errors.Conflict(Errors.CannotOverwriteDigest(digest.ToString()));
            }

            _state = SetReference(s, canonical, imageId);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<ImageDeleteRecord> Remove(string refOrId, bool force = false, bool pruneParents = true)
    {
        ArgumentNullException.ThrowIfNull(refOrId);
        lock (_gate)
        {
            var before = _state;
            var s = before;
            var records = new List<ImageDeleteRecord>();
            _pending.Clear();
            try
            {
                Delete(ref s, refOrId, force, pruneParents, records);
                Commit(before, s);
                PublishPending();
            }
            finally
            {
                _pending.Clear();
            }

            return records;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<ImageSummary> List(bool all = false, bool? dangling = null)
    {
        var s = _state;
        bool danglingOnly = dangling == true;
        var summaries = new List<ImageSummary>();
        foreach (var (id, entry) in s.Images)
        {
            bool hasChildren = s.Children.TryGetValue(id, out var kids) && kids.Count > 0;
            if (danglingOnly && hasChildren)
            {
                continue;
            }

            var (tags, digests) = FamiliarRefs(s, id);
            if (tags.Count == 0 && digests.Count == 0)
            {
                if (!(all || !hasChildren) || dangling == false)
                {
                    continue;
                }
            }
            else if (danglingOnly && tags.Count > 0)
            {
                continue;
            }

            summaries.Add(new ImageSummary(
                id,
                entry.Parent,
                tags,
                digests,
                entry.Image.Created,
                entry.Image.Size,
                entry.Image.Config.Config.Labels,
                _usage?.UsersOf(id).Count ?? 0)
            {
                SharedSize = SharedSize(s, entry),
            });
        }

        return [.. summaries
            .OrderByDescending(x => x.Created?.ToUnixTimeSeconds() ?? 0)
            .ThenBy(x => x.Id)];
    }

    /// <inheritdoc/>
    public ImagePruneResult Prune(bool all = false)
    {
        lock (_gate)
        {
            var before = _state;
            var s = before;
            var layerSizes = new Dictionary<Digest, long>();
            foreach (var entry in s.Images.Values)
            {
                for (int i = 0; i < entry.Chains.Length; i++)
                {
                    layerSizes[entry.Chains[i]] = Image.LayerSize(entry.Image.Layers[i]);
                }
            }

            var top = new List<Digest>();
            foreach (var id in s.Images.Keys.Order())
            {
                bool hasChildren = s.Children.TryGetValue(id, out var kids) && kids.Count > 0;
                if (!all && hasChildren)
                {
                    continue; // not a head
                }

                if (RefKeys(s, id).Count == 0 && hasChildren)
                {
                    continue; // intermediate
                }

                top.Add(id);
            }

            var records = new List<ImageDeleteRecord>();
            _pending.Clear();
            foreach (var id in top)
            {
                var refs = RefList(s, id);
                if (refs.Count > 0)
                {
                    bool shouldDelete = all || !refs.Any(r => r.Tag is not null);
                    if (shouldDelete)
                    {
                        foreach (var reference in refs)
                        {
                            TryDelete(ref s, reference.ToString(), records);
                        }
                    }
                }
                else
                {
                    TryDelete(ref s, id.Encoded, records);
                }
            }

            long reclaimed = 0;
            foreach (var record in records)
            {
                if (record.Deleted is { } deleted && Digest.TryParse(deleted, out var d) && layerSizes.TryGetValue(d, out var size))
                {
                    reclaimed += size;
                }
            }

            Commit(before, s);
            PublishPending();

            // moby daemon/images/image_prune.go
            Events?.Invoke()?.Publish(Simulator.Events.EventTypes.Image, "prune", "", [new("reclaimed", reclaimed.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            return new ImagePruneResult(records, reclaimed);
        }
    }

    private void TryDelete(ref State s, string refOrId, List<ImageDeleteRecord> records)
    {
        var attempt = s;
        var attemptRecords = new List<ImageDeleteRecord>();
        int pending = _pending.Count;
        try
        {
            Delete(ref attempt, refOrId, force: false, prune: true, attemptRecords);
        }
        catch (DockerSimulatorException)
        {
            _pending.RemoveRange(pending, _pending.Count - pending);
            return; // moby imageDeleteFailed: skipped
        }

        s = attempt;
        records.AddRange(attemptRecords);
    }

    // moby daemon/images/image_delete.go ImageDelete
    private void Delete(ref State s, string imageRef, bool force, bool prune, List<ImageDeleteRecord> records)
    {
        var id = Resolve(s, imageRef);
        var repoRefs = RefList(s, id);
        bool removedRepositoryRef = false;
        if (!IsImageIdPrefix(id, imageRef))
        {
            if (!force && IsSingleReference(repoRefs) && FirstUser(id, _ => true) is { } user)
            {
                throw Errors.Conflict(Errors.RepositoryReferenceConflict(imageRef, Short(user.ContainerId), id.ShortId));
            }

            // moby removeImageRef: the record shows the reference as given (tag defaulted); the store drops the tag of tag@digest.
            var parsed = ImageReference.Parse(imageRef).WithDefaultTag();
            s = RemoveReference(s, FavorDigest(parsed));
            Pend(s, id, "untag");
            records.Add(ImageDeleteRecord.ForUntagged(parsed.FamiliarString));
            repoRefs = RefList(s, id);
            if (parsed.Digest is null)
            {
                bool foundRepoTagRef = repoRefs.Any(r => r.Digest is null && r.Name == parsed.Name);
                if (!foundRepoTagRef)
                {
                    var remaining = new List<ImageReference>();
                    foreach (var r in repoRefs)
                    {
                        if (r.Digest is not null && r.Name == parsed.Name)
                        {
                            s = RemoveReference(s, r);
                            records.Add(ImageDeleteRecord.ForUntagged(r.FamiliarString));
                        }
                        else
                        {
                            remaining.Add(r);
                        }
                    }

                    repoRefs = remaining;
                }
            }

            if (repoRefs.Count > 0)
            {
                return;
            }

            removedRepositoryRef = true;
        }
        else if (IsSingleReference(repoRefs))
        {
            var mask = Conflicts.Hard;
            if (!force)
            {
                mask |= Conflicts.Soft & ~Conflicts.ActiveReference;
            }

            if (CheckConflict(s, id, mask) is { } conflict)
            {
                throw Errors.Conflict(conflict.Message);
            }

            foreach (var r in repoRefs)
            {
                s = RemoveReference(s, r);
                Pend(s, id, "untag");
                records.Add(ImageDeleteRecord.ForUntagged(r.FamiliarString));
            }
        }

        DeleteHelper(ref s, id, records, force, prune, quiet: removedRepositoryRef);
    }

    // moby imageDeleteHelper
    private void DeleteHelper(ref State s, Digest id, List<ImageDeleteRecord> records, bool force, bool prune, bool quiet)
    {
        var mask = Conflicts.Hard;
        if (!force)
        {
            mask |= Conflicts.Soft;
        }

        if (CheckConflict(s, id, mask) is { } conflict)
        {
            if (quiet && (!IsDangling(s, id) || conflict.Used))
            {
                return;
            }

            throw Errors.Conflict(conflict.Message);
        }

        var entry = s.Images[id];
        foreach (var key in RefKeys(s, id))
        {
            var r = s.Refs[key].Reference;
            s = RemoveReference(s, r);
            Pend(s, id, "untag");
            records.Add(ImageDeleteRecord.ForUntagged(r.FamiliarString));
        }

        s = DeleteImage(s, entry, records);
        Pend(s, id, "delete");
        if (prune && !entry.Parent.IsEmpty && s.Images.ContainsKey(entry.Parent))
        {
            DeleteHelper(ref s, entry.Parent, records, force: false, prune: true, quiet: true);
        }
    }

    // moby LogImageEvent(imgID, imgID, action) during a delete: the image's labels while it is still stored.
    private void Pend(State s, Digest id, string action)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (s.Images.TryGetValue(id, out var entry))
        {
            foreach (var (k, v) in entry.Image.Config.Config.Labels)
            {
                attributes[k] = v;
            }
        }

        attributes["name"] = id.ToString();
        _pending.Add((id.ToString(), action, attributes));
    }

    private void PublishPending()
    {
        foreach (var (id, action, attributes) in _pending)
        {
            Events?.Invoke()?.Publish(Simulator.Events.EventTypes.Image, action, id, attributes);
        }

        _pending.Clear();
    }

    private static State DeleteImage(State s, Entry entry, List<ImageDeleteRecord> records)
    {
        var id = entry.Image.Id;
        records.Add(ImageDeleteRecord.ForDeleted(id.ToString()));

        var chains = s.Chains;
        foreach (var chain in entry.Chains)
        {
            int n = chains[chain] - 1;
            chains = n == 0 ? chains.Remove(chain) : chains.SetItem(chain, n);
        }

        // The layer store releases the top layer and then each parent nothing else holds (top first).
        for (int i = entry.Chains.Length - 1; i >= 0; i--)
        {
            if (chains.ContainsKey(entry.Chains[i]))
            {
                break;
            }

            records.Add(ImageDeleteRecord.ForDeleted(entry.Chains[i].ToString()));
        }

        var layers = s.Layers;
        foreach (var diffId in entry.Image.DiffIds)
        {
            var held = layers[diffId];
            layers = held.Count == 1 ? layers.Remove(diffId) : layers.SetItem(diffId, held with { Count = held.Count - 1 });
        }

        var children = s.Children.Remove(id);
        if (!entry.Parent.IsEmpty && children.TryGetValue(entry.Parent, out var siblings))
        {
            siblings = siblings.Remove(id);
            children = siblings.Count == 0 ? children.Remove(entry.Parent) : children.SetItem(entry.Parent, siblings);
        }

        return s with { Images = s.Images.Remove(id), Chains = chains, Layers = layers, Children = children };
    }

    private Conflict? CheckConflict(State s, Digest id, Conflicts mask)
    {
        if ((mask & Conflicts.DependentChild) != 0 && s.Children.TryGetValue(id, out var kids) && kids.Count > 0)
        {
            return new Conflict(Errors.ImageDeleteConflict(id.ShortId, hard: true, Errors.ImageHasDependentChildImages), Used: false);
        }

        if ((mask & Conflicts.RunningContainer) != 0 && FirstUser(id, u => u.IsRunning) is { } running)
        {
            return new Conflict(Errors.ImageDeleteConflict(id.ShortId, hard: true, Errors.ImageUsedByRunningContainer(Short(running.ContainerId))), Used: true);
        }

        if ((mask & Conflicts.ActiveReference) != 0 && RefKeys(s, id).Count > 0)
        {
            return new Conflict(Errors.ImageDeleteConflict(id.ShortId, hard: false, Errors.ImageReferencedInMultipleRepositories), Used: false);
        }

        if ((mask & Conflicts.StoppedContainer) != 0 && FirstUser(id, u => !u.IsRunning) is { } stopped)
        {
            return new Conflict(Errors.ImageDeleteConflict(id.ShortId, hard: false, Errors.ImageUsedByStoppedContainer(Short(stopped.ContainerId))), Used: true);
        }

        return null;
    }

    private ImageUser? FirstUser(Digest id, Func<ImageUser, bool> predicate)
    {
        if (_usage is null)
        {
            return null;
        }

        foreach (var user in _usage.UsersOf(id))
        {
            if (predicate(user))
            {
                return user;
            }
        }

        return null;
    }

    private static bool IsDangling(State s, Digest id) =>
        RefKeys(s, id).Count == 0 && !(s.Children.TryGetValue(id, out var kids) && kids.Count > 0);

    // moby isSingleReference: all references in one repository and at most one tag; false for none.
    private static bool IsSingleReference(List<ImageReference> refs)
    {
        if (refs.Count <= 1)
        {
            return refs.Count == 1;
        }

        ImageReference? single = null;
        var canonical = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in refs)
        {
            if (r.Digest is not null)
            {
                canonical.Add(r.Name);
            }
            else if (single is null)
            {
                single = r;
            }
            else
            {
                return false;
            }
        }

        single ??= refs[0];
        return canonical.Count == 1 && canonical.Contains(single.Name);
    }

    // moby isImageIDPrefix
    private static bool IsImageIdPrefix(Digest id, string possiblePrefix) =>
        id.ToString().StartsWith(possiblePrefix, StringComparison.Ordinal) ||
        id.EncodedSpan.StartsWith(possiblePrefix, StringComparison.Ordinal);

    private static string Short(string containerId) => containerId.Length <= 12 ? containerId : containerId[..12];

    private static ImageReference FavorDigest(ImageReference r) =>
        r.Tag is not null && r.Digest is { } d ? r.WithoutTagOrDigest().WithDigest(d) : r;

    private static State SetReference(State s, ImageReference reference, Digest id)
    {
        var key = reference.ToString();
        if (s.Refs.TryGetValue(key, out var old))
        {
            if (old.Id == id)
            {
                return s;
            }

            s = RemoveReference(s, reference);
        }

        var keys = s.RefsById.GetValueOrDefault(id, ImmutableSortedSet.Create<string>(StringComparer.Ordinal));
        return s with
        {
            Refs = s.Refs.SetItem(key, new Ref(reference, id)),
            RefsById = s.RefsById.SetItem(id, keys.Add(key)),
        };
    }

    // Idempotent, as moby's removeImageRef ignores a missing reference.
    private static State RemoveReference(State s, ImageReference reference)
    {
        var key = reference.ToString();
        if (!s.Refs.TryGetValue(key, out var old))
        {
            return s;
        }

        var keys = s.RefsById[old.Id].Remove(key);
        return s with
        {
            Refs = s.Refs.Remove(key),
            RefsById = keys.Count == 0 ? s.RefsById.Remove(old.Id) : s.RefsById.SetItem(old.Id, keys),
        };
    }

    private static List<ImageReference> RefList(State s, Digest id) => [.. RefKeys(s, id).Select(k => s.Refs[k].Reference)];

    private static IReadOnlyCollection<string> RefKeys(State s, Digest id) =>
        s.RefsById.TryGetValue(id, out var keys) ? keys : [];

    private static (IReadOnlyList<string> Tags, IReadOnlyList<string> Digests) FamiliarRefs(State s, Digest id)
    {
        var tags = new List<string>();
        var digests = new List<string>();
        foreach (var key in RefKeys(s, id))
        {
            var r = s.Refs[key].Reference;
            (r.Digest is null ? tags : digests).Add(r.FamiliarString);
        }

        return (tags, digests);
    }

    private static Digest Resolve(State s, string refOrId)
    {
        ArgumentNullException.ThrowIfNull(refOrId);
        return TryResolve(s, refOrId, out var notFound) ?? throw Errors.NotFound(Errors.NoSuchImage(notFound));
    }

    // moby daemon/images/image.go GetImage (reference store, then digestset prefix search).
    private static Digest? TryResolve(State s, string refOrId, out string familiar)
    {
        ArgumentNullException.ThrowIfNull(refOrId);
        var reference = ImageReference.ParseAny(refOrId);
        familiar = reference.WithDefaultTag().FamiliarString;
        if (!reference.HasName)
        {
            var digest = reference.Digest!.Value;
            return s.Images.ContainsKey(digest) ? digest : null;
        }

        var key = FavorDigest(reference).WithDefaultTag().ToString();
        if (s.Refs.TryGetValue(key, out var found) && s.Images.ContainsKey(found.Id))
        {
            return found.Id;
        }

        return SearchPrefix(s, refOrId);
    }

    // go-digest digestset.Lookup: "hex" or "alg:hex" prefixes; exactly one match.
    private static Digest? SearchPrefix(State s, string term)
    {
        string algorithm = "";
        string hex = term;
        int colon = term.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon + 1 < term.Length)
        {
            algorithm = term[..colon];
            hex = term[(colon + 1)..];
        }

        Digest? match = null;
        foreach (var id in s.Images.Keys)
        {
            if ((algorithm.Length == 0 || id.AlgorithmSpan.SequenceEqual(algorithm)) && id.EncodedSpan.StartsWith(hex, StringComparison.Ordinal))
            {
                if (match is not null)
                {
                    return null; // ErrDigestAmbiguous: GetImage reports No such image
                }

                match = id;
            }
        }

        return match;
    }

    private static Digest[] ChainIds(IReadOnlyList<Digest> diffIds)
    {
        var chains = new Digest[diffIds.Count];
        for (int i = 0; i < chains.Length; i++)
        {
            chains[i] = i == 0 ? diffIds[0] : Layer.ChainId([chains[i - 1], diffIds[i]]);
        }

        return chains;
    }

    private static byte[] TarBytes(Layer layer)
    {
        using var tar = new MemoryStream(checked((int)layer.TarLength));
        layer.WriteTar(tar);
        return tar.Length == tar.Capacity ? tar.GetBuffer() : tar.ToArray();
    }

    private void RootContent(Image image)
    {
        var rooted = new List<Digest>();
        try
        {
            for (int i = 0; i < image.Layers.Count; i++)
            {
                var layer = image.Layers[i];
                if (!TryAddRoot(layer.DiffId) &&
                    !(layer.TarLength >= GeneratedBlob.Threshold && GeneratedBlob.TryWrite(_content, layer.DiffId, layer.TarLength, () => TarBytes(layer), addRoot: true)))
                {
                    using var tar = new MemoryStream(checked((int)layer.TarLength));
                    layer.WriteTar(tar);
                    _content.Write(layer.DiffId, tar.GetBuffer().AsSpan(0, (int)tar.Length), null, addRoot: true);
                }

                rooted.Add(layer.DiffId);
            }

            var children = image.DiffIds.Distinct().ToList();
            _content.Write(image.Id, image.ConfigJson.Span, children, addRoot: true);
            rooted.Add(image.Id);
        }
        catch
        {
            foreach (var digest in rooted)
            {
                _content.RemoveRoot(digest);
            }

            throw;
        }
    }

    private bool TryAddRoot(Digest digest)
    {
        if (!_content.Exists(digest))
        {
            return false;
        }

        try
        {
            _content.AddRoot(digest);
            return true;
        }
        catch (DockerSimulatorException e) when (e.Kind == ErrorKind.NotFound)
        {
            return false; // collected in between
        }
    }

    private void Commit(State before, State after)
    {
        foreach (var (id, entry) in before.Images)
        {
            if (!after.Images.ContainsKey(id))
            {
                _content.RemoveRoot(id);
                foreach (var diffId in entry.Image.DiffIds)
                {
                    _content.RemoveRoot(diffId);
                }
            }
        }

        _state = after;
    }

    [Flags]
    private enum Conflicts
    {
        DependentChild = 1,
        RunningContainer = 2,
        ActiveReference = 4,
        StoppedContainer = 8,
        Hard = DependentChild | RunningContainer,
        Soft = ActiveReference | StoppedContainer,
    }

    private sealed record Conflict(string Message, bool Used);

    private static long SharedSize(State s, Entry entry)
    {
        long shared = 0;
        for (int i = 0; i < entry.Chains.Length; i++)
        {
            if (s.Chains.GetValueOrDefault(entry.Chains[i]) > 1)
            {
                shared += Image.LayerSize(entry.Image.Layers[i]);
            }
        }

        return shared;
    }

    private sealed record Entry(Image Image, Digest Parent, Digest[] Chains, DateTimeOffset? LastTagTime);

    private sealed record Ref(ImageReference Reference, Digest Id);

    private sealed record SharedLayer(Layer Layer, int Count);

    private sealed record State(
        ImmutableDictionary<Digest, Entry> Images,
        ImmutableDictionary<string, Ref> Refs,
        ImmutableDictionary<Digest, ImmutableSortedSet<string>> RefsById,
        ImmutableDictionary<Digest, ImmutableHashSet<Digest>> Children,
        ImmutableDictionary<Digest, int> Chains,
        ImmutableDictionary<Digest, SharedLayer> Layers)
    {
        public static State Empty { get; } = new(
            ImmutableDictionary<Digest, Entry>.Empty,
            ImmutableDictionary.Create<string, Ref>(StringComparer.Ordinal),
            ImmutableDictionary<Digest, ImmutableSortedSet<string>>.Empty,
            ImmutableDictionary<Digest, ImmutableHashSet<Digest>>.Empty,
            ImmutableDictionary<Digest, int>.Empty,
            ImmutableDictionary<Digest, SharedLayer>.Empty);
    }
}
