using System.IO.Abstractions.TestingHelpers;
using Microsoft.Extensions.Time.Testing;
using Simulator.Content;
using Simulator.Images;
using Simulator.Registries;

namespace Simulator.Tests.Registries;

/// <summary>One engine's worth of registry plumbing: a shared content store, an image store, registries and a client.</summary>
internal sealed class RegistryFixture
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    public RegistryFixture(RegistryWorld? world = null)
    {
        Content = world is null ? new InMemoryContentStore(Clock) : (InMemoryContentStore)world.Content;
        World = world ?? new RegistryWorld(Content);
        Images = new InMemoryImageStore(Content, null, Clock);
        FileSystem = new MockFileSystem();
        Client = new RegistryClient(World, Images, FileSystem, "/home/me/.docker/config.json");
    }

    public FakeTimeProvider Clock { get; } = new(T0);

    public InMemoryContentStore Content { get; }

    public RegistryWorld World { get; }

    public InMemoryImageStore Images { get; }

    public MockFileSystem FileSystem { get; }

    public RegistryClient Client { get; }

    public Registry Hub => World.DockerHub;

    public static Image Base(string text = "base") =>
        ImageBuilder.FromScratch().WithFile("/etc/os-release", "ID=" + text + "\n").WithCmd("/bin/sh").WithCreated(T0).Build();

    public static Image On(Image baseImage, string text) =>
        ImageBuilder.From(baseImage).WithFile("/app/" + text, text).WithCreated(T0.AddHours(1)).Build();

    /// <summary>Everything observable of the image store and the content store, to prove a failure changed nothing.</summary>
    public string Snapshot() =>
        string.Join("\n", Images.List(all: true).Select(s => $"{s.Id} {string.Join(",", s.RepoTags)} {string.Join(",", s.RepoDigests)}")) +
        "\n" + string.Join("\n", Content.List().Select(i => $"{i.Digest} {Content.RootCount(i.Digest)}"));

    public Task<PullResult> Pull(string reference, Action<string>? output = null) =>
        Client.PullAsync(reference, output, TestContext.Current.CancellationToken);

    public Task<PushResult> Push(string reference, Action<string>? output = null) =>
        Client.PushAsync(reference, output, TestContext.Current.CancellationToken);

    public async Task<DockerSimulatorException> PushFails(string reference, List<string>? output = null)
    {
        var before = Snapshot();
        var e = await Assert.ThrowsAsync<DockerSimulatorException>(() => Push(reference, output is null ? null : output.Add));
        Assert.Equal(before, Snapshot());
        return e;
    }

    public async Task<DockerSimulatorException> PullFails(string reference)
    {
        var before = Snapshot();
        var e = await Assert.ThrowsAsync<DockerSimulatorException>(() => Pull(reference));
        Assert.Equal(before, Snapshot());
        return e;
    }
}
