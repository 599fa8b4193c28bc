using System.IO.Abstractions;
using Simulator.Build;
using Simulator.Containers;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Networking;
using Simulator.Processes;
using Simulator.Registries;
using Simulator.Userland;
using Simulator.Volumes;
using Simulator.World;

namespace Simulator;

/// <summary>
/// One simulated Docker engine: the stores a daemon holds (content, images, containers, volumes, networks), the
/// registries it reaches (an embedded Docker Hub serving the stock images) and the host it runs on (a host
/// <see cref="IFileSystem"/>, where <c>docker login</c> writes <c>/root/.docker/config.json</c> and bind sources live).
/// </summary>
/// <remarks>
/// <para>
/// Everything shares one <see cref="TimeProvider"/> and one seed, so IDs, names and ports are the same on every run;
/// pass a <c>FakeTimeProvider</c> to control time. The parts are also usable on their own (see each type).
/// </para>
/// <para><b>Thread-safety.</b> Every store is thread-safe; the facade itself is immutable after construction.</para>
/// </remarks>
public sealed class DockerSimulator
{
    /// <summary>The home directory on the host file system (<c>docker login</c> writes <c>~/.docker/config.json</c> there).</summary>
    public const string HostHome = "/root";

    /// <summary>Creates an engine with default options: system clock, seed 0, an empty in-memory host with <c>/root</c> and <c>/tmp</c>,
    /// the stock programs and the default world (Docker Hub with the stock images).</summary>
    public DockerSimulator()
        : this(new DockerSimulatorOptions())
    {
    }

    /// <summary>Creates an engine.</summary>
    /// <param name="options">Clock, seed, host file system and world; see <see cref="DockerSimulatorOptions"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public DockerSimulator(DockerSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        Seed = options.Seed;
        HostFileSystem = options.HostFileSystem ?? CreateDefaultHost(TimeProvider);
        Content = new InMemoryContentStore(TimeProvider);
        Programs = StockPrograms.Register(new ProgramRegistry());
        Containers = new ContainerStore(new InMemoryImageStore(Content, new EngineImageUsage(this), TimeProvider), Programs, TimeProvider, Seed)
        {
            HostFileSystem = HostFileSystem,
        };
        Registries = DefaultWorld.Create(Content);
        options.ConfigureWorld?.Invoke(Registries);
        RegistryClient = new RegistryClient(Registries, Images, HostFileSystem, HostFileSystem.Path.Combine(HostHome, ".docker", "config.json"))
        {
            Network = Containers.Network,
        };
        Builds = new Builder(Images, Programs, HostFileSystem, TimeProvider, RegistryClient);
    }

    /// <summary>The clock every part uses.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The seed IDs, names and ports come from.</summary>
    public int Seed { get; }

    /// <summary>The host's file system (bind sources, <c>docker login</c>'s config file, build contexts).</summary>
    public IFileSystem HostFileSystem { get; }

    /// <summary>The content store blobs (layers, configs, manifests) live in, shared by the engine and the embedded registries.</summary>
    public IContentStore Content { get; }

    /// <summary>The engine's images (<c>docker images</c>, <c>tag</c>, <c>rmi</c>, <c>image prune</c>).</summary>
    public IImageStore Images => Containers.Images;

    /// <summary>The engine's containers (<c>docker run</c>, <c>ps</c>, <c>stop</c>, <c>rm</c>, <c>exec</c>, <c>logs</c>, <c>commit</c>, <c>diff</c>).</summary>
    public ContainerStore Containers { get; }

    /// <summary>The engine's volumes (<c>docker volume ...</c>).</summary>
    public VolumeStore Volumes => Containers.Volumes;

    /// <summary>The in-process network: published ports, <see cref="SimulatedNetwork.CreateHttpClient"/>.</summary>
    public SimulatedNetwork Network => Containers.Network;

    /// <summary>The programs containers can run; register your own with <see cref="ProgramRegistry.Register"/>.</summary>
    public ProgramRegistry Programs { get; }

    /// <summary>The registries the engine reaches (<see cref="RegistryWorld.DockerHub"/> and any added with <see cref="RegistryWorld.Add"/>).</summary>
    public RegistryWorld Registries { get; }

    /// <summary>Pull, push, login and logout against <see cref="Registries"/>, storing into <see cref="Images"/>.</summary>
    public RegistryClient RegistryClient { get; }

    /// <summary>The image builder (<c>docker build</c>, <c>docker builder prune</c>); see <see cref="Builder"/>.</summary>
    public Builder Builds { get; }

    /// <summary>Pulls an image, as <c>docker pull</c>.</summary>
    /// <param name="reference">The reference (<c>alpine</c>, <c>nginx:1.27</c>, <c>localhost:5000/app</c>).</param>
    /// <param name="cancellationToken">Cancels the pull.</param>
    /// <returns>The pull's result and progress lines.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="RegistryClient.PullAsync"/>.</exception>
    public Task<PullResult> PullAsync(string reference, CancellationToken cancellationToken = default) =>
        RegistryClient.PullAsync(reference, null, cancellationToken);

    private static IFileSystem CreateDefaultHost(TimeProvider time)
    {
        var host = UnionFileSystem.CreateEmpty(time);
        host.CreateDirectory(HostHome, (UnixFileMode)0x1C0);
        host.CreateDirectory("/tmp", (UnixFileMode)0x3FF);
        return new UnionFileSystemAdapter(host);
    }

    private sealed class EngineImageUsage(DockerSimulator engine) : IImageUsage
    {
        public IReadOnlyList<ImageUser> UsersOf(References.Digest imageId) => engine.Containers.UsersOf(imageId);
    }
}

/// <summary>How a <see cref="DockerSimulator"/> is built. Every property is optional.</summary>
public sealed class DockerSimulatorOptions
{
    /// <summary>The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>. Pass a <c>FakeTimeProvider</c> for deterministic times.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The seed for IDs, random names and ports. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>The host file system; an in-memory one holding <c>/root</c> and <c>/tmp</c> when <see langword="null"/>.
    /// Bind mounts work on any <see cref="IFileSystem"/>; a <see cref="UnionFileSystemAdapter"/> shares the entries themselves, others are mirrored
    /// (see <see cref="ContainerStore.HostFileSystem"/>).</summary>
    public IFileSystem? HostFileSystem { get; init; }

    /// <summary>Called once with the world after Docker Hub is stocked: add registries, put images, inject failures.</summary>
    public Action<RegistryWorld>? ConfigureWorld { get; init; }
}
