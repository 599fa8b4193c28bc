using Microsoft.Extensions.Time.Testing;
using Simulator.Content;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Tests.Images;

public sealed class InMemoryImageStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryContentStore _content;
    private readonly FakeImageUsage _usage = new();
    private readonly InMemoryImageStore _store;

    public InMemoryImageStoreTests()
    {
        _content = new InMemoryContentStore(_clock);
        _store = new InMemoryImageStore(_content, _usage, _clock);
    }

    private static Image Scratch(string text, int hours = 0) =>
        ImageBuilder.FromScratch().WithFile("/f", text).WithCreated(T0.AddHours(hours)).Build();

    private static Image On(Image baseImage, string text, int hours = 1) =>
        ImageBuilder.From(baseImage).WithFile("/g", text).WithCreated(T0.AddHours(hours)).Build();

    private static string Lines(IEnumerable<ImageDeleteRecord> records) => string.Join("\n", records);

    /// <summary>Everything observable of the store and the content roots, to prove failed operations change nothing.</summary>
    private string Snapshot() =>
        string.Join("\n", _store.List(all: true).Select(s => $"{s.Id} {string.Join(",", s.RepoTags)} {string.Join(",", s.RepoDigests)} {s.ParentId}")) +
        "\n" + string.Join("\n", _content.List().Select(i => $"{i.Digest} {_content.RootCount(i.Digest)}"));

    // ---- adding and content sharing ----

    [Fact]
    public void Shared_size_counts_the_layers_other_images_use_too()
    {
        var baseImage = Scratch("base-layer-content");
        var a = On(baseImage, "aa");
        var b = On(baseImage, "bbbb", hours: 2);
        _store.Add(a);
        var alone = _store.List(all: true).Single();
        Assert.Equal(0, alone.SharedSize);
        Assert.Equal(alone.Size, alone.UniqueSize);

        _store.Add(b);
        var rows = _store.List(all: true).ToDictionary(r => r.Id);
        long baseSize = Image.LayerSize(baseImage.Layers[0]);
        Assert.Equal(18, baseSize);
        Assert.Equal(baseSize, rows[a.Id].SharedSize);
        Assert.Equal(2, rows[a.Id].UniqueSize);
        Assert.Equal(baseSize, rows[b.Id].SharedSize);
        Assert.Equal(4, rows[b.Id].UniqueSize);
    }

    [Fact]
    public void Add_stores_the_image_once_and_roots_its_config_and_layers()
    {
        var image = Scratch("a");
        var stored = _store.Add(image);
        Assert.Equal(image.Id, stored.Id);
        Assert.Same(stored, _store.Add(image));
        Assert.Equal(1, _store.Count);
        Assert.Equal(1, _content.RootCount(image.Id));
        Assert.Equal(1, _content.RootCount(image.DiffIds[0]));
        Assert.Equal(image.ConfigJson.ToArray(), _content.Read(image.Id).ToArray());
        Assert.Equal([image.DiffIds[0]], _content.Info(image.Id).Children);
        Assert.True(image.DiffIds[0].Matches(_content.Read(image.DiffIds[0]).Span));
        Assert.Equal(image.Layers[0].TarLength, _content.Info(image.DiffIds[0]).Size);
    }

    [Fact]
    public void A_shared_base_layer_is_stored_once_kept_while_used_and_reclaimed_after()
    {
        var baseImage = Scratch("base");
        var one = On(baseImage, "one");
        var two = On(baseImage, "two");
        var baseDiff = baseImage.DiffIds[0];
        var storedOne = _store.Add(one);
        var storedTwo = _store.Add(two);

        Assert.Equal(3, _store.LayerCount);
        Assert.Same(storedOne.Layers[0], storedTwo.Layers[0]);
        Assert.Equal(2, _content.RootCount(baseDiff));
        Assert.Equal(5, _content.Count); // base layer, two top layers, two configs

        _store.Remove(one.Id.ToString());
        var gc = _content.CollectGarbage();
        Assert.Equal(new[] { one.Id, one.DiffIds[1] }.Order(), gc.Removed.Order());
        Assert.True(_content.Exists(baseDiff));
        Assert.Equal(1, _content.RootCount(baseDiff));

        _store.Remove(two.Id.Encoded);
        _content.CollectGarbage();
        Assert.Equal(0, _content.Count);
        Assert.Equal(0, _store.LayerCount);
    }

    [Fact]
    public void Adding_with_a_missing_parent_fails_and_stores_nothing()
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Add(Scratch("a"), Digest.Compute("x"u8)));
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Equal("No such image: " + Digest.Compute("x"u8), ex.Message);
        Assert.Equal(0, _store.Count);
        Assert.Equal(0, _content.Count);
    }

    // ---- lookup ----

    [Fact]
    public void Lookup_by_reference_full_id_and_prefix()
    {
        var image = _store.Add(Scratch("a"));
        _store.Tag(image.Id.ToString(), "foo");
        var hex = image.Id.Encoded;
        foreach (var key in new[] { "foo", "foo:latest", "docker.io/library/foo:latest", "index.docker.io/foo", image.Id.ToString(), hex, hex[..12], hex[..1], "sha256:" + hex[..5] })
        {
            Assert.Equal(image.Id, _store.Get(key).Id);
        }

        Assert.True(_store.TryGet("foo", out var found));
        Assert.Same(image, found);
        Assert.False(_store.TryGet("bar", out _));
    }

    [Theory]
    [InlineData("bar", "No such image: bar:latest")]
    [InlineData("bar:1.0", "No such image: bar:1.0")]
    [InlineData("localhost:5000/bar", "No such image: localhost:5000/bar:latest")]
    [InlineData("docker.io/library/bar", "No such image: bar:latest")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "No such image: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("fff", "No such image: fff:latest")]
    [InlineData("busybox@sha256:abcdef76720241213f5303bda7704ec4c2ef75613173910a56fb1b6e20251507", "No such image: busybox@sha256:abcdef76720241213f5303bda7704ec4c2ef75613173910a56fb1b6e20251507")]
    public void Missing_images_give_docker_s_message(string refOrId, string message)
    {
        _store.Add(Scratch("a"));
        // The one image's ID is deterministic and does not start with fff.
        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Get(refOrId));
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Invalid_references_are_invalid_arguments()
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Get("Foo"));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Throws<DockerSimulatorException>(() => _store.Get(""));
    }

    [Fact]
    public void An_ambiguous_prefix_is_no_such_image()
    {
        // 17 images: two share a first hex digit.
        var images = Enumerable.Range(0, 17).Select(i => _store.Add(Scratch("x" + i))).ToList();
        var group = images.GroupBy(i => i.Id.Encoded[0]).First(g => g.Count() > 1);
        var prefix = group.Key.ToString();
        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Get(prefix));
        Assert.Equal("No such image: " + prefix + ":latest", ex.Message);
        Assert.Throws<DockerSimulatorException>(() => _store.Get("sha256:" + prefix));
        foreach (var image in group)
        {
            Assert.Equal(image.Id, _store.Get(image.Id.Encoded[..12]).Id);
        }
    }

    [Fact]
    public void A_tag_wins_over_an_id_prefix()
    {
        var a = _store.Add(Scratch("a"));
        var b = _store.Add(Scratch("b"));
        var prefix = a.Id.Encoded[..4];
        _store.Tag(b.Id.ToString(), prefix);
        Assert.Equal(b.Id, _store.Get(prefix).Id);
        Assert.Equal(a.Id, _store.Get(a.Id.Encoded[..5]).Id);
    }

    // ---- tag ----

    [Fact]
    public void Tagging_again_moves_the_tag_and_leaves_the_old_image_dangling()
    {
        var one = _store.Add(Scratch("1"));
        var two = _store.Add(Scratch("2", hours: 1));
        _store.Tag(one.Id.ToString(), "app:1.0");
        _store.Tag("app:1.0", "app");
        _clock.Advance(TimeSpan.FromMinutes(5));
        _store.Tag(two.Id.ToString(), "app");
        Assert.Equal(two.Id, _store.Get("app").Id);
        Assert.Equal(one.Id, _store.Get("app:1.0").Id);
        Assert.Equal(T0.AddMinutes(5), _store.Inspect("app").LastTagTime);

        _store.Tag(two.Id.ToString(), "app:1.0");
        var dangling = Assert.Single(_store.List(dangling: true));
        Assert.Equal(one.Id, dangling.Id);
        Assert.Equal([new ImageListRow("<none>", "<none>", "<none>", one.Id.ToString(), T0, 1)], dangling.ToRows());
        Assert.Equal(["app:1.0", "app:latest"], _store.Inspect(two.Id.ToString()).RepoTags);
    }

    [Fact]
    public void Tag_errors_match_docker_and_change_nothing()
    {
        var image = _store.Add(Scratch("a"));
        _store.Tag(image.Id.ToString(), "foo");
        var before = Snapshot();

        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Tag("bar", "baz"));
        Assert.Equal((ErrorKind.NotFound, "No such image: bar:latest"), (ex.Kind, ex.Message));
        ex = Assert.Throws<DockerSimulatorException>(() => _store.Tag("foo", "baz@" + image.Id));
        Assert.Equal((ErrorKind.InvalidArgument, "refusing to create a tag with a digest reference"), (ex.Kind, ex.Message));
        ex = Assert.Throws<DockerSimulatorException>(() => _store.Tag("foo", "sha256:abc"));
        Assert.Equal((ErrorKind.InvalidArgument, "refusing to create an ambiguous tag using digest algorithm as name"), (ex.Kind, ex.Message));
        ex = Assert.Throws<DockerSimulatorException>(() => _store.Tag("missing", "sha256:x"));
        Assert.Equal("refusing to create an ambiguous tag using digest algorithm as name", ex.Message);
        ex = Assert.Throws<DockerSimulatorException>(() => _store.Tag("foo", "Baz"));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Repo_digests_are_listed_and_cannot_be_overwritten()
    {
        var one = _store.Add(Scratch("1"));
        var two = _store.Add(Scratch("2"));
        var manifest = Digest.Compute("manifest"u8);
        _store.Tag(one.Id.ToString(), "localhost:5000/app:v1");
        _store.AddDigestReference(ImageReference.Parse("localhost:5000/app:v1@" + manifest), one.Id);
        _store.AddDigestReference(ImageReference.Parse("localhost:5000/app@" + manifest), one.Id);
        var info = _store.Inspect("localhost:5000/app@" + manifest);
        Assert.Equal(one.Id, info.Id);
        Assert.Equal(["localhost:5000/app:v1"], info.RepoTags);
        Assert.Equal(["localhost:5000/app@" + manifest], info.RepoDigests);
        var summary = _store.List().Single(s => s.Id == one.Id);
        Assert.Equal(["localhost:5000/app", "v1", "<none>"], new[] { summary.ToRows()[0].Repository, summary.ToRows()[0].Tag, summary.ToRows()[0].Digest });
        Assert.Equal(manifest.ToString(), summary.ToRows(showDigests: true)[0].Digest);

        var ex = Assert.Throws<DockerSimulatorException>(() => _store.AddDigestReference(ImageReference.Parse("localhost:5000/app@" + manifest), two.Id));
        Assert.Equal((ErrorKind.Conflict, "cannot overwrite digest " + manifest), (ex.Kind, ex.Message));
    }

    // ---- rmi ----

    [Fact]
    public void Rmi_of_one_of_several_tags_only_untags()
    {
        var image = _store.Add(Scratch("a"));
        _store.Tag(image.Id.ToString(), "foo");
        _store.Tag(image.Id.ToString(), "bar:1");
        Assert.Equal("Untagged: foo:latest", Lines(_store.Remove("foo")));
        Assert.Equal(["bar:1"], _store.Inspect(image.Id.ToString()).RepoTags);
        Assert.Equal(1, _store.Count);
    }

    [Fact]
    public void Rmi_of_the_last_tag_untags_and_deletes_the_image_and_its_layers()
    {
        var image = _store.Add(ImageBuilder.FromScratch().WithFile("/a", "a").WithLayer().WithFile("/b", "b").Build());
        _store.Tag(image.Id.ToString(), "foo");
        var chains = new[] { image.DiffIds[0], Simulator.FileSystem.Layer.ChainId(image.DiffIds) };
        Assert.Equal(
            $"Untagged: foo:latest\nDeleted: {image.Id}\nDeleted: {chains[1]}\nDeleted: {chains[0]}",
            Lines(_store.Remove("foo")));
        Assert.Equal(0, _store.Count);
        Assert.Equal(0, _content.List().Sum(i => _content.RootCount(i.Digest)));
    }

    [Fact]
    public void Rmi_keeps_layers_another_image_still_uses()
    {
        var baseImage = Scratch("base");
        var one = _store.Add(On(baseImage, "one"));
        _store.Add(On(baseImage, "two"));
        _store.Tag(one.Id.ToString(), "one");
        Assert.Equal(
            $"Untagged: one:latest\nDeleted: {one.Id}\nDeleted: {one.ChainId}",
            Lines(_store.Remove("one")));
    }

    [Fact]
    public void Rmi_by_id_with_several_repositories_must_be_forced()
    {
        var image = _store.Add(Scratch("a"));
        _store.Tag(image.Id.ToString(), "foo");
        _store.Tag(image.Id.ToString(), "bar");
        var before = Snapshot();
        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Remove(image.Id.Encoded[..12]));
        Assert.Equal(ErrorKind.Conflict, ex.Kind);
        Assert.Equal($"conflict: unable to delete {image.Id.ShortId} (must be forced) - image is referenced in multiple repositories", ex.Message);
        Assert.Equal(before, Snapshot());

        Assert.Equal(
            $"Untagged: bar:latest\nUntagged: foo:latest\nDeleted: {image.Id}\nDeleted: {image.ChainId}",
            Lines(_store.Remove(image.Id.Encoded[..12], force: true)));
    }

    [Fact]
    public void Rmi_by_id_with_one_tag_untags_and_deletes()
    {
        var image = _store.Add(Scratch("a"));
        _store.Tag(image.Id.ToString(), "foo");
        Assert.Equal(
            $"Untagged: foo:latest\nDeleted: {image.Id}\nDeleted: {image.ChainId}",
            Lines(_store.Remove(image.Id.ToString())));
    }

    [Fact]
    public void Rmi_of_a_tag_that_is_also_an_id_prefix_deletes_by_id()
    {
        var image = _store.Add(Scratch("a"));
        var prefix = image.Id.Encoded[..6];
        _store.Tag(image.Id.ToString(), prefix);
        _store.Tag(image.Id.ToString(), "other");
        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Remove(prefix));
        Assert.EndsWith("image is referenced in multiple repositories", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rmi_of_a_tag_whose_image_a_container_uses_must_be_forced()
    {
        var image = _store.Add(Scratch("a"));
        _store.Tag(image.Id.ToString(), "busybox");
        var container = _usage.Use(image.Id, running: false);
        var before = Snapshot();

        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Remove("busybox"));
        Assert.Equal(ErrorKind.Conflict, ex.Kind);
        Assert.Equal(
            $"conflict: unable to remove repository reference \"busybox\" (must force) - container {container[..12]} is using its referenced image {image.Id.ShortId}",
            ex.Message);
        ex = Assert.Throws<DockerSimulatorException>(() => _store.Remove(image.Id.Encoded));
        Assert.Equal($"conflict: unable to delete {image.Id.ShortId} (must be forced) - image is being used by stopped container {container[..12]}", ex.Message);
        Assert.Equal(before, Snapshot());

        // With another tag the reference alone can go.
        _store.Tag(image.Id.ToString(), "other");
        Assert.Equal("Untagged: busybox:latest", Lines(_store.Remove("busybox")));

        // Forced by ID, a stopped container does not stop the deletion.
        Assert.Equal($"Untagged: other:latest\nDeleted: {image.Id}\nDeleted: {image.ChainId}", Lines(_store.Remove(image.Id.Encoded, force: true)));
    }

    [Fact]
    public void Rmi_forced_by_name_deletes_an_image_a_stopped_container_uses()
    {
        var image = _store.Add(Scratch("a"));
        _store.Tag(image.Id.ToString(), "busybox");
        _usage.Use(image.Id, running: false);
        Assert.Equal($"Untagged: busybox:latest\nDeleted: {image.Id}\nDeleted: {image.ChainId}", Lines(_store.Remove("busybox", force: true)));
    }

    [Fact]
    public void Rmi_of_an_image_a_running_container_uses_cannot_be_forced()
    {
        var image = _store.Add(Scratch("a"));
        var container = _usage.Use(image.Id, running: true, fill: 'd');
        var before = Snapshot();
        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Remove(image.Id.Encoded, force: true));
        Assert.Equal($"conflict: unable to delete {image.Id.ShortId} (cannot be forced) - image is being used by running container {container[..12]}", ex.Message);
        Assert.Equal(before, Snapshot());

        // By name with force: the tag goes, the image stays quietly (moby's quiet helper).
        _store.Tag(image.Id.ToString(), "web");
        Assert.Equal("Untagged: web:latest", Lines(_store.Remove("web", force: true)));
        Assert.Equal(1, _store.Count);
    }

    [Fact]
    public void Parents_with_children_cannot_be_deleted_and_are_pruned_after_the_child()
    {
        var parent = _store.Add(Scratch("p"));
        var child = _store.Add(On(parent, "c"), parent.Id);
        _store.Tag(child.Id.ToString(), "child");
        var before = Snapshot();
        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Remove(parent.Id.Encoded, force: true));
        Assert.Equal($"conflict: unable to delete {parent.Id.ShortId} (cannot be forced) - image has dependent child images", ex.Message);
        Assert.Equal(before, Snapshot());

        // The parent is an intermediate image: hidden from the default list.
        Assert.Equal([child.Id], _store.List().Select(s => s.Id));
        Assert.Equal(2, _store.List(all: true).Count);
        Assert.Equal(parent.Id, _store.Inspect("child").Parent);

        Assert.Equal(
            $"Untagged: child:latest\nDeleted: {child.Id}\nDeleted: {child.ChainId}\nDeleted: {parent.Id}\nDeleted: {parent.ChainId}",
            Lines(_store.Remove("child")));
        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public void No_prune_keeps_the_untagged_parent()
    {
        var parent = _store.Add(Scratch("p"));
        var child = _store.Add(On(parent, "c"), parent.Id);
        Assert.Equal($"Deleted: {child.Id}\nDeleted: {child.ChainId}", Lines(_store.Remove(child.Id.Encoded, pruneParents: false)));
        Assert.Equal([parent.Id], _store.List().Select(s => s.Id));
    }

    [Fact]
    public void Tagged_parents_are_not_pruned()
    {
        var parent = _store.Add(Scratch("p"));
        _store.Tag(parent.Id.ToString(), "base");
        var child = _store.Add(On(parent, "c"), parent.Id);
        Assert.Equal($"Deleted: {child.Id}\nDeleted: {child.ChainId}", Lines(_store.Remove(child.Id.Encoded)));
        Assert.Equal(1, _store.Count);
    }

    [Fact]
    public void Rmi_of_a_digest_reference_and_digest_cleanup_with_the_last_tag()
    {
        var image = _store.Add(Scratch("a"));
        var manifest = Digest.Compute("m"u8);
        _store.Tag(image.Id.ToString(), "app");
        _store.Tag(image.Id.ToString(), "other");
        _store.AddDigestReference(ImageReference.Parse("app@" + manifest), image.Id);
        // Removing the last tag of repository app also drops app's digest references.
        Assert.Equal($"Untagged: app:latest\nUntagged: app@{manifest}", Lines(_store.Remove("app")));
        Assert.Equal(["other:latest"], _store.Inspect("other").RepoTags);
        Assert.Empty(_store.Inspect("other").RepoDigests);
    }

    [Fact]
    public void References_are_normalised_and_sorted()
    {
        var image = _store.Add(Scratch("a"));
        var manifest = Digest.Compute("m"u8);
        _store.Tag(image.Id.ToString(), "zeta");
        _store.Tag(image.Id.ToString(), "localhost:5000/alpha:1");
        _store.AddDigestReference(ImageReference.Parse("zeta:9@" + manifest), image.Id);
        Assert.Equal(
            ["docker.io/library/zeta:latest", "docker.io/library/zeta@" + manifest, "localhost:5000/alpha:1"],
            _store.References(image.Id).Select(r => r.ToString()));
        Assert.Empty(_store.References(Digest.Compute("none"u8)));

        // rmi of tag@digest removes the digest reference and reports the reference as given.
        Assert.Equal($"Untagged: zeta:9@{manifest}", Lines(_store.Remove($"zeta:9@{manifest}")));
        Assert.Equal(2, _store.References(image.Id).Count);
    }

    [Fact]
    public void Rmi_of_a_missing_image_is_not_found()
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Remove("nope"));
        Assert.Equal((ErrorKind.NotFound, "No such image: nope:latest"), (ex.Kind, ex.Message));
    }

    // ---- list, history, prune ----

    [Fact]
    public void List_gives_docker_images_rows_newest_first()
    {
        var old = _store.Add(Scratch("old", hours: 0));
        var mid = _store.Add(Scratch("mid!", hours: 1));
        var neu = _store.Add(Scratch("new!!", hours: 2));
        _store.Tag(old.Id.ToString(), "alpine:3.20");
        _store.Tag(old.Id.ToString(), "alpine");
        _store.Tag(neu.Id.ToString(), "localhost:5000/app:v2");
        var rows = _store.List().SelectMany(s => s.ToRows()).Select(r => $"{r.Repository} {r.Tag} {r.ImageId[7..19]} {r.Created:O} {r.Size}").ToList();
        Assert.Equal(
            [
                $"localhost:5000/app v2 {neu.Id.ShortId} {T0.AddHours(2):O} 5",
                $"<none> <none> {mid.Id.ShortId} {T0.AddHours(1):O} 4",
                $"alpine 3.20 {old.Id.ShortId} {T0:O} 3",
                $"alpine latest {old.Id.ShortId} {T0:O} 3",
            ],
            rows);
        Assert.Equal(2, _store.List(dangling: false).Count);
        _usage.Use(old.Id, running: true);
        Assert.Equal(1, _store.List().Single(s => s.Id == old.Id).Containers);
    }

    [Fact]
    public void History_is_newest_first_with_sizes_ids_and_missing_rows()
    {
        var parent = _store.Add(ImageBuilder.FromScratch().WithFile("/a", "aaaa").WithCmd("sh").WithCreated(T0).Build());
        var child = _store.Add(ImageBuilder.From(parent).WithEnv("A", "1").WithFile("/b", "bb").WithCreated(T0.AddHours(1)).Build(), parent.Id);
        _store.Tag(child.Id.ToString(), "child");
        var rows = _store.History("child");
        Assert.Equal(
            [
                $"{child.Id} COPY /b # buildkit 2 child:latest",
                $"{parent.Id} ENV A=1 0 ",
                "<missing> CMD [\"sh\"] 0 ",
                "<missing> COPY /a # buildkit 4 ",
            ],
            rows.Select(r => $"{r.Id} {r.CreatedBy} {r.Size} {string.Join(",", r.Tags)}"));
        Assert.Equal(T0.AddHours(1), rows[0].Created);
        Assert.Equal("buildkit.dockerfile.v0", rows[1].Comment);
    }

    [Fact]
    public void History_with_too_many_non_empty_entries_fails()
    {
        var config = new ImageConfig { History = [new HistoryEntry { CreatedBy = "x" }] };
        _store.Add(Image.Create(config, []));
        var ex = Assert.Throws<DockerSimulatorException>(() => _store.History(config.ComputeId().ToString()));
        Assert.Equal("too many non-empty layers in History section", ex.Message);
    }

    [Fact]
    public void Prune_removes_only_dangling_images_and_reports_reclaimed_space()
    {
        var tagged = _store.Add(Scratch("keep"));
        var dangling = _store.Add(Scratch("gone!"));
        _store.Tag(tagged.Id.ToString(), "keep");
        var parent = _store.Add(Scratch("parent"));
        _store.Add(On(parent, "child"), parent.Id); // untagged child: dangling; its parent goes with it

        var result = _store.Prune();
        Assert.Equal(1, _store.Count);
        Assert.Equal(tagged.Id, _store.List().Single().Id);
        Assert.Equal(5 + 6 + 5, result.SpaceReclaimed); // "gone!", "parent", "child"
        Assert.Contains(ImageDeleteRecord.ForDeleted(dangling.Id.ToString()), result.ImagesDeleted);
        Assert.Contains(ImageDeleteRecord.ForDeleted(parent.Id.ToString()), result.ImagesDeleted);
        Assert.DoesNotContain(result.ImagesDeleted, r => r.Untagged is not null);

        Assert.Empty(_store.Prune().ImagesDeleted);
    }

    [Fact]
    public void Prune_all_removes_unused_tagged_images_and_skips_images_in_use()
    {
        var used = _store.Add(Scratch("used"));
        var unused = _store.Add(Scratch("unused"));
        _store.Tag(used.Id.ToString(), "used");
        _store.Tag(unused.Id.ToString(), "unused:1");
        _store.Tag(unused.Id.ToString(), "unused:2");
        _usage.Use(used.Id, running: false);

        var result = _store.Prune(all: true);
        Assert.Equal(
            $"Untagged: unused:1\nUntagged: unused:2\nDeleted: {unused.Id}\nDeleted: {unused.ChainId}",
            Lines(result.ImagesDeleted));
        Assert.Equal(6, result.SpaceReclaimed);
        Assert.Equal([used.Id], _store.List().Select(s => s.Id));
    }

    [Fact]
    public void Prune_all_untags_in_lexical_order_and_keeps_the_last_tag_a_container_uses()
    {
        // moby integration/image/prune_test.go TestPruneLexographicalOrder.
        var image = _store.Add(Scratch("busybox"));
        _store.Tag(image.Id.ToString(), "busybox");
        foreach (var tag in new[] { "h", "a", "j", "o", "s", "q", "w", "e", "r", "t", "z" })
        {
            _store.Tag(image.Id.ToString(), "busybox:" + tag);
        }

        _store.Remove("busybox:latest", force: true);
        _usage.Use(image.Id, running: false);
        var result = _store.Prune(all: true);
        Assert.Equal(
            ["a", "e", "h", "j", "o", "q", "r", "s", "t", "w"],
            result.ImagesDeleted.Select(r => Assert.IsType<string>(r.Untagged)["busybox:".Length..]));
        Assert.Equal(0, result.SpaceReclaimed);
        Assert.Equal(["busybox:z"], _store.Inspect(image.Id.ToString()).RepoTags);
    }

    [Fact]
    public void Prune_keeps_a_dangling_image_a_container_uses()
    {
        // moby integration/image/prune_test.go TestPruneDontDeleteUsedDangling.
        var image = _store.Add(Scratch("dangling"));
        _usage.Use(image.Id, running: false);
        Assert.Empty(_store.Prune().ImagesDeleted);
        Assert.True(_store.Contains(image.Id));
    }

    [Fact]
    public void Rmi_by_id_of_an_image_with_several_tags_and_a_running_container_cannot_be_forced()
    {
        // moby integration-cli TestRmiImgIDMultipleTag.
        var image = _store.Add(Scratch("one"));
        foreach (var tag in new[] { "busybox-one", "busybox-one:tag1", "busybox-one:tag2" })
        {
            _store.Tag(image.Id.ToString(), tag);
        }

        var container = _usage.Use(image.Id, running: true);
        var ex = Assert.Throws<DockerSimulatorException>(() => _store.Remove(image.Id.ToString()));
        Assert.Equal($"conflict: unable to delete {image.Id.ShortId} (cannot be forced) - image is being used by running container {container[..12]}", ex.Message);
        _usage.Clear();
        _usage.Use(image.Id, running: false);
        Assert.Equal(
            $"Untagged: busybox-one:latest\nUntagged: busybox-one:tag1\nUntagged: busybox-one:tag2\nDeleted: {image.Id}\nDeleted: {image.ChainId}",
            Lines(_store.Remove(image.Id.ToString(), force: true)));
    }

    [Fact]
    public void Rmi_quietly_keeps_a_parent_a_container_uses()
    {
        // moby integration-cli TestRmiWithParentInUse.
        var parent = _store.Add(Scratch("p"));
        var child = _store.Add(On(parent, "c"), parent.Id);
        _usage.Use(parent.Id, running: false);
        Assert.Equal($"Deleted: {child.Id}\nDeleted: {child.ChainId}", Lines(_store.Remove(child.Id.ToString())));
        Assert.True(_store.Contains(parent.Id));
    }

    [Fact]
    public void Concurrent_adds_and_tags_are_all_kept()
    {
        var images = Enumerable.Range(0, 64).Select(i => Scratch("c" + i)).ToList();
        Parallel.ForEach(images, image =>
        {
            _store.Add(image);
            _store.Tag(image.Id.ToString(), "repo:" + image.Id.Encoded[..8]);
            Assert.Equal(image.Id, _store.Get("repo:" + image.Id.Encoded[..8]).Id);
        });
        Assert.Equal(64, _store.Count);
        Parallel.ForEach(images, image => _store.Remove("repo:" + image.Id.Encoded[..8]));
        Assert.Equal(0, _store.Count);
        _content.CollectGarbage();
        Assert.Equal(0, _content.Count);
    }
}
