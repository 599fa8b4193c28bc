using System.Collections.Concurrent;
using Simulator.Containers;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Containers;

public sealed class ContainerStressTests
{
    [Fact]
    public async Task Many_containers_from_many_threads_keep_the_invariants()
    {
        var (store, _) = await CreateAsync();
        const int Threads = 6;
        const int PerThread = 25;
        var exitCodes = new ConcurrentDictionary<string, int>();
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                var name = $"c{t}_{i}";
                switch (i % 3)
                {
                    case 0:
                    {
                        var id = store.Create(IgnoresTerm(), name: name);
                        await store.StartAsync(name, Ct);
                        await store.StopAsync(id, timeoutSeconds: 0, cancellationToken: Ct);
                        exitCodes[id] = store.Inspect(id).State.ExitCode;
                        await store.RemoveAsync(name, cancellationToken: Ct);
                        break;
                    }

                    case 1:
                    {
                        var r = await store.RunAsync(Alpine("sh", "-c", $"exit {i % 7}"), new HostConfig { AutoRemove = true }, name, Ct);
                        exitCodes[r.Id] = r.ExitCode + 1000;
                        break;
                    }

                    default:
                    {
                        var id = store.Create(IgnoresTerm(), name: name);
                        await store.StartAsync(id, Ct);
                        store.Pause(id);
                        await store.RemoveAsync(id, force: true, Ct);
                        exitCodes[id] = 137;
                        break;
                    }
                }
            }
        }, Ct)).ToArray();

        // A concurrent reader: listing and inspecting must never throw anything but "No such container".
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var c in store.List(all: true))
                {
                    store.TryInspect(c.Id, out _);
                    _ = c.Status;
                }

                await Task.Yield();
            }
        }, Ct);

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await stop.CancelAsync();
        await reader.WaitAsync(Guard, Ct);

        // Auto-removal finishes on its own task.
        await EventuallyAsync(() => store.Count == 0);
        Assert.Equal(Threads * PerThread, exitCodes.Count);
        foreach (var (_, code) in exitCodes)
        {
            Assert.True(code is 137 or (>= 1000 and < 1007), "unexpected exit code " + code);
        }

        foreach (var image in new[] { "alpine", "simtest" })
        {
            Assert.Empty(((Simulator.Images.IImageUsage)store).UsersOf(store.Images.Get(image).Id));
        }
    }

    [Fact]
    public async Task Racing_creates_for_one_name_give_one_container()
    {
        var (store, _) = await CreateAsync();
        var wins = 0;
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            try
            {
                store.Create(Alpine("true"), name: "only");
                Interlocked.Increment(ref wins);
            }
            catch (DockerSimulatorException ex) when (ex.Kind == ErrorKind.Conflict)
            {
                Interlocked.Increment(ref conflicts);
            }
        }, Ct))).WaitAsync(Guard, Ct);
        Assert.Equal(1, wins);
        Assert.Equal(7, conflicts);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Racing_starts_and_stops_of_one_container_settle()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(IgnoresTerm());
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            for (int k = 0; k < 10; k++)
            {
                if ((i + k) % 2 == 0)
                {
                    await store.StartAsync(id, Ct);
                }
                else
                {
                    await store.StopAsync(id, timeoutSeconds: 0, cancellationToken: Ct);
                }
            }
        }, Ct))).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await store.StopAsync(id, timeoutSeconds: 0, cancellationToken: Ct).WaitAsync(Guard, Ct);
        var state = store.Inspect(id).State;
        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(0, state.Pid);
        await store.RemoveAsync(id, cancellationToken: Ct);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Racing_operations_on_shared_containers_with_published_ports_settle_consistently()
    {
        // Review [E]: stop, kill, rm -f, pause/unpause, restart, rename and start race on 4 shared containers, each
        // publishing one fixed host port; only Docker's domain errors may surface, nothing deadlocks, and at the end
        // every survivor's state, name and port are consistent.
        var (store, _) = await CreateAsync();
        string[] names = ["s0", "s1", "s2", "s3"];
        foreach (var (n, i) in names.Select((n, i) => (n, i)))
        {
            store.Create(Graceful(), new HostConfig { PortBindings = [$"{9000 + i}:80"] }, n);
            await store.StartAsync(n, Ct);
        }

        var unexpected = new ConcurrentBag<Exception>();
        var workers = Enumerable.Range(0, 6).Select(t => Task.Run(async () =>
        {
            var random = new Random(t);
            for (int k = 0; k < 40; k++)
            {
                var target = names[random.Next(names.Length)];
                try
                {
                    switch (random.Next(8))
                    {
                        case 0: await store.StopAsync(target, timeoutSeconds: 0, cancellationToken: Ct); break;
                        case 1: await store.KillAsync(target, cancellationToken: Ct); break;
                        case 2: store.Pause(target); break;
                        case 3: store.Unpause(target); break;
                        case 4: await store.StartAsync(target, Ct); break;
                        case 5: await store.RestartAsync(target, timeoutSeconds: 0, Ct); break;
                        case 6: store.Rename(target, target + "x"); store.Rename(target + "x", target); break;
                        default: if (k > 30) { await store.RemoveAsync(target, force: true, Ct); } break;
                    }
                }
                catch (DockerSimulatorException ex) when (ex.Kind is ErrorKind.NotFound or ErrorKind.Conflict)
                {
                    // Docker's answers to a racing client: not running, paused, renamed away, removed.
                }
                catch (Exception ex)
                {
                    unexpected.Add(ex);
                }
            }
        }, Ct)).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Empty(unexpected);
        var survivors = store.List(all: true);
        Assert.Equal(store.Count, survivors.Count);
        Assert.Equal(survivors.Count, survivors.Select(c => c.Name).Distinct().Count());
        foreach (var c in survivors)
        {
            var running = c.State.Status is ContainerStatus.Running or ContainerStatus.Paused;
            Assert.Equal(running, c.State.Pid != 0);
            int port = 9000 + Array.IndexOf(names, c.Name.TrimStart('/').TrimEnd('x'));
            Assert.Equal(running, store.Network.Ports.IsAllocated("", "tcp", port));
        }

        foreach (var c in survivors)
        {
            await store.RemoveAsync(c.Id, force: true, Ct);
        }

        Assert.Equal(0, store.Count);
        Assert.All(Enumerable.Range(9000, 4), p => Assert.False(store.Network.Ports.IsAllocated("", "tcp", p)));
    }
}
