using Microsoft.Extensions.Time.Testing;
using Simulator.Containers;
using Simulator.Content;
using Simulator.Images;
using Simulator.Processes;
using Simulator.Registries;
using Simulator.Userland;
using Simulator.World;
using System.IO.Abstractions.TestingHelpers;

namespace Simulator.Tests.Containers;

/// <summary>A container store over a fake clock with alpine and busybox pulled from the default world.</summary>
internal static class ContainerFixture
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    public static async Task<(ContainerStore Store, FakeTimeProvider Time)> CreateAsync(int seed = 1)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var content = new InMemoryContentStore(time);
        var programs = Busybox.Register(new ProgramRegistry());
        programs.Register("ignore-term", static async ctx =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ctx.TimeProvider, ctx.CancellationToken);
            return 0;
        });
        programs.Register("graceful", static async ctx =>
        {
            ctx.ExitOnSignal(Signal.Term);
            await ctx.WriteAsync("ready\n");
            await Task.Delay(Timeout.InfiniteTimeSpan, ctx.TimeProvider, ctx.CancellationToken);
            return 0;
        });
        var store = ContainerStore.CreateWithImageStore(content, programs, time, seed);
        var client = new RegistryClient(DefaultWorld.Create(content), (InMemoryImageStore)store.Images, new MockFileSystem());
        await client.PullAsync("alpine");
        await client.PullAsync("busybox");
        var sim = store.Images.Add(ImageBuilder.From(store.Images.Get("alpine"))
            .WithFile("/usr/bin/ignore-term", new string(System.Text.Encoding.UTF8.GetChars(ProgramRegistry.MarkerFor("ignore-term"))), (UnixFileMode)0b111_101_101)
            .WithFile("/usr/bin/graceful", new string(System.Text.Encoding.UTF8.GetChars(ProgramRegistry.MarkerFor("graceful"))), (UnixFileMode)0b111_101_101)
            .Build());
        store.Images.Tag(sim.Id.ToString(), "simtest");
        return (store, time);
    }

    public static ContainerConfig Alpine(params string[] cmd) => new("alpine") { Cmd = cmd };

    /// <summary>A container whose PID 1 ignores TERM (no handler) and runs until killed.</summary>
    public static ContainerConfig IgnoresTerm() => new("simtest") { Cmd = ["ignore-term"] };

    /// <summary>A container whose PID 1 exits on TERM (143).</summary>
    public static ContainerConfig Graceful() => new("simtest") { Cmd = ["graceful"] };

    /// <summary>Advances the fake clock in steps until <paramref name="done"/> holds (bounded; yields real time only to let tasks run).</summary>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done, TimeSpan step, int maxSteps = 400)
    {
        for (int i = 0; i < maxSteps && !done(); i++)
        {
            time.Advance(step);
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }

        Assert.True(done(), "condition not reached after advancing the clock");
    }

    /// <summary>Waits (real time, as a hang guard only) until <paramref name="done"/> holds.</summary>
    public static async Task EventuallyAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }

        Assert.True(done(), "condition not reached");
    }
}
