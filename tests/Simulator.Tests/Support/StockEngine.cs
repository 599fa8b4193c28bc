using Microsoft.Extensions.Time.Testing;
using Simulator.Containers;
using Simulator.Content;
using Simulator.Processes;
using Simulator.Registries;
using Simulator.Userland;
using Simulator.World;
using System.IO.Abstractions.TestingHelpers;

namespace Simulator.Tests.Support;

/// <summary>A container store with every stock program, on a fake clock, with the named stock images pulled.</summary>
internal static class StockEngine
{
    public static async Task<(ContainerStore Store, FakeTimeProvider Time)> CreateAsync(DateTimeOffset now, int seed, params string[] images)
    {
        var time = new FakeTimeProvider(now);
        var content = new InMemoryContentStore(time);
        var store = ContainerStore.CreateWithImageStore(content, StockPrograms.Register(new ProgramRegistry()), time, seed);
        var client = new RegistryClient(DefaultWorld.Create(content), store.Images, new MockFileSystem());
        foreach (var image in images)
        {
            await client.PullAsync(image);
        }

        return (store, time);
    }
}
