using Microsoft.Extensions.Time.Testing;
using Simulator.Registries;
using Xunit;

namespace Simulator.Testing.Fixtures;

/// <summary>
/// An xunit v3 fixture giving a test class a fresh <see cref="DockerSimulator"/> on a <see cref="FakeTimeProvider"/>
/// (starting at <see cref="DefaultStart"/>, seed 0), with the images of <see cref="Images"/> pulled before the first test.
/// Use it as <c>IClassFixture&lt;SimulatorFixture&gt;</c> (one engine per class), derive from it to pull images or
/// configure the world, or call <see cref="CreateAsync"/> for one engine per test.
/// </summary>
/// <example>
/// <code>
/// public sealed class AlpineEngine : SimulatorFixture
/// {
///     protected override IReadOnlyList&lt;string&gt; Images =&gt; ["alpine"];
/// }
///
/// public sealed class MyTests(AlpineEngine docker) : IClassFixture&lt;AlpineEngine&gt;
/// {
///     [Fact]
///     public async Task Writes_a_file()
///     {
///         var run = await docker.Engine.Containers.RunAsync(new ContainerConfig("alpine") { Cmd = ["touch", "/x"] });
///         Assert.Equal("A /x\n", docker.Engine.RenderChanges(run.Id));
///     }
/// }
/// </code>
/// </example>
/// <remarks>
/// Same construction, same IDs, names, ports and times: an engine's state depends only on what the tests do to it.
/// Tests of one class share the engine and its clock (xunit runs them one after another, in an order it chooses), so give
/// containers distinct names, and give a test that moves the clock or asserts times its own engine with
/// <c>await using var docker = await SimulatorFixture.CreateAsync("alpine");</c>, or the times it sees depend on which tests ran before it.
/// <see cref="DisposeAsync"/> force-removes every container, ending their processes. Thread-safe as the engine is.
/// </remarks>
public class SimulatorFixture : IAsyncLifetime
{
    /// <summary>The fake clock's start unless a derived fixture says otherwise: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lazy<DockerSimulator> _engine;

    /// <summary>A fixture starting at <see cref="DefaultStart"/> with seed 0.</summary>
    public SimulatorFixture()
        : this(DefaultStart, 0)
    {
    }

    /// <summary>A fixture starting at <paramref name="start"/> with <paramref name="seed"/>.</summary>
    /// <param name="start">The fake clock's first time.</param>
    /// <param name="seed">The engine's seed for IDs, names and ports.</param>
    protected SimulatorFixture(DateTimeOffset start, int seed)
    {
        Time = new FakeTimeProvider(start);
        Clock = new SimulatorClock(Time);
        Seed = seed;
        _engine = new Lazy<DockerSimulator>(() => new DockerSimulator(Configure(new DockerSimulatorOptions
        {
            TimeProvider = Time,
            Seed = Seed,
            ConfigureWorld = ConfigureWorld,
        })));
    }

    /// <summary>The engine, made on first use.</summary>
    public DockerSimulator Engine => _engine.Value;

    /// <summary>The engine's clock; it moves only when a test moves it.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>Helpers to move <see cref="Time"/> and drive waiting operations.</summary>
    public SimulatorClock Clock { get; }

    /// <summary>The engine's seed.</summary>
    public int Seed { get; }

    /// <summary>Images pulled by <see cref="InitializeAsync"/>, e.g. <c>["alpine", "nginx:1.27"]</c>. None by default.</summary>
    protected virtual IReadOnlyList<string> Images => [];

    /// <summary>Makes a fixture for one test, with <paramref name="images"/> pulled, e.g.
    /// <c>await using var docker = await SimulatorFixture.CreateAsync("alpine");</c>.</summary>
    /// <param name="images">References to pull.</param>
    /// <returns>The initialised fixture; dispose it at the end of the test.</returns>
    /// <exception cref="DockerSimulatorException">A pull failed (e.g. <c>pull access denied for x, repository does not exist or may require 'docker login'</c>).</exception>
    public static async Task<SimulatorFixture> CreateAsync(params string[] images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var fixture = new SimulatorFixture();
        await fixture.InitializeAsync().ConfigureAwait(false);
        foreach (var image in images)
        {
            await fixture.Engine.PullAsync(image).ConfigureAwait(false);
        }

        return fixture;
    }

    /// <summary>Pulls <see cref="Images"/>. xunit calls it once before the class's first test.</summary>
    /// <returns>A task that completes when the images are pulled.</returns>
    /// <exception cref="DockerSimulatorException">A pull failed.</exception>
    public virtual async ValueTask InitializeAsync()
    {
        foreach (var image in Images)
        {
            await Engine.PullAsync(image).ConfigureAwait(false);
        }
    }

    /// <summary>Force-removes every container (ending their processes). xunit calls it after the class's last test.</summary>
    /// <returns>A task that completes when the containers are gone.</returns>
    public virtual async ValueTask DisposeAsync()
    {
        if (_engine.IsValueCreated)
        {
            foreach (var container in Engine.Containers.List(all: true))
            {
                try
                {
                    await Engine.Containers.RemoveAsync(container.Id, force: true).ConfigureAwait(false);
                }
                catch (DockerSimulatorException)
                {
                    // Already removed (e.g. --rm), or removal in progress.
                }
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Changes the engine's options before it is made (host file system, seed); the clock and world hooks are already set.</summary>
    /// <param name="options">The options the fixture would use.</param>
    /// <returns>The options to use.</returns>
    protected virtual DockerSimulatorOptions Configure(DockerSimulatorOptions options) => options;

    /// <summary>Adds registries or images to the world once Docker Hub is stocked (see <see cref="DockerSimulatorOptions.ConfigureWorld"/>).</summary>
    /// <param name="world">The world.</param>
    protected virtual void ConfigureWorld(RegistryWorld world)
    {
    }
}
