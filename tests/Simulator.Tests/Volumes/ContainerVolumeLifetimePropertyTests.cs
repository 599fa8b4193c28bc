using CsCheck;
using Simulator.Containers;
using Simulator.Volumes;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Volumes;

/// <summary>
/// Nothing lost (issue F acceptance): random sequences of <c>docker create</c>, <c>run [--rm]</c>, <c>rm [-v]</c>,
/// <c>volume create</c>, <c>volume rm [-f]</c> and <c>volume prune [-a]</c> over real containers; after every step a
/// volume exists exactly when Docker's rules (SEMANTICS 4.1, 4.6-4.10) say, and the data written into it is intact.
/// </summary>
public sealed class ContainerVolumeLifetimePropertyTests
{
    private static readonly string[] Names = ["v1", "v2", "v10"];
    private static readonly string[] ContainerNames = ["c1", "c2", "c3"];

    private sealed record Op(int Kind, int Volume, int Container, bool Flag);

    private static readonly Gen<Op> GenOp = Gen.Select(Gen.Int[0, 5], Gen.Int[0, Names.Length - 1], Gen.Int[0, ContainerNames.Length - 1], Gen.Bool)
        .Select((k, v, c, f) => new Op(k, v, c, f));

    /// <summary>Docker's rules as plain data: volumes (name → anonymous) and each container's volumes.</summary>
    private sealed class Model
    {
        public Dictionary<string, bool> Volumes { get; } = [];

        public Dictionary<string, List<string>> Containers { get; } = [];

        public bool InUse(string volume) => Containers.Values.Any(c => c.Contains(volume));

        public void RemoveContainer(string name, bool removeVolumes)
        {
            var used = Containers[name];
            Containers.Remove(name);
            if (removeVolumes)
            {
                foreach (var v in used.Where(v => Volumes.TryGetValue(v, out var anon) && anon && !InUse(v)))
                {
                    Volumes.Remove(v);
                }
            }
        }
    }

    [Fact]
    public async Task Volumes_exist_exactly_as_dockers_rules_say_and_keep_their_data()
    {
        var (store, _) = await CreateAsync();
        GenOp.Array[1, 14].Sample(ops => Run(store, ops), iter: 40, threads: 1);
    }

    private static void Run(ContainerStore store, Op[] ops)
    {
        var model = new Model();
        try
        {
            foreach (var op in ops)
            {
                Apply(store, model, op);
                Check(store, model);
            }
        }
        finally
        {
            foreach (var c in store.List(all: true))
            {
                store.RemoveAsync(c.Id, force: true, cancellationToken: Ct).WaitAsync(Guard, Ct).GetAwaiter().GetResult();
            }

            store.Volumes.Prune(all: true);
        }
    }

    private static void Apply(ContainerStore store, Model model, Op op)
    {
        var volume = Names[op.Volume];
        var name = ContainerNames[op.Container];
        switch (op.Kind)
        {
            case 0: // docker volume create vN
                store.Volumes.Create(volume);
                Track(store, model, volume, anonymous: false);
                break;

            case 1 or 2: // docker create / docker run [--rm] -v vN:/n -v /a [--volumes-from other]
            {
                if (model.Containers.ContainsKey(name))
                {
                    break;
                }

                var other = ContainerNames[(op.Container + 1) % ContainerNames.Length];
                var from = op.Flag && model.Containers.ContainsKey(other);
                var host = new HostConfig
                {
                    Binds = [volume + ":/n", "/a"],
                    VolumesFrom = from ? [other] : [],
                    AutoRemove = op.Kind == 2 && !op.Flag,
                };
                string id;
                if (op.Kind == 1)
                {
                    id = store.Create(new ContainerConfig("alpine") { Cmd = ["true"] }, host, name);
                }
                else
                {
                    var run = store.RunAsync(new ContainerConfig("alpine") { Cmd = ["sh", "-c", "echo ran > /n/ran"] }, host, name, Ct)
                        .WaitAsync(Guard, Ct).GetAwaiter().GetResult();
                    Assert.Equal(0, run.ExitCode);
                    id = run.Id;
                }

                // The model: /n is the named volume; /a is the source's /a with --volumes-from (nothing new), else a new anonymous volume.
                Track(store, model, volume, anonymous: false);
                var used = new List<string> { volume };
                if (from)
                {
                    used.Add(model.Containers[other].Last());
                }
                else
                {
                    var anon = host.AutoRemove ? null : store.Inspect(id).Mounts.Single(m => m.Destination == "/a").Name!;
                    if (anon is not null)
                    {
                        Track(store, model, anon, anonymous: true);
                        used.Add(anon);
                    }
                }

                if (host.AutoRemove)
                {
                    // --rm: gone, and with it the anonymous volume it made (never exposed to the model: it was never tracked).
                    Assert.DoesNotContain(store.List(all: true), c => c.Name == "/" + name); // (a hex ID may start with "c1": no prefix lookup)
                    if (from)
                    {
                        // Inherited anonymous volume: still used by the source, so kept.
                        Assert.True(store.Volumes.Exists(used[1]));
                    }

                    break;
                }

                model.Containers[name] = used;
                break;
            }

            case 3: // docker rm -f [-v]
                if (model.Containers.ContainsKey(name))
                {
                    store.RemoveAsync(name, force: true, removeVolumes: op.Flag, Ct).WaitAsync(Guard, Ct).GetAwaiter().GetResult();
                    model.RemoveContainer(name, op.Flag);
                }

                break;

            case 4: // docker volume rm [-f] vN
            {
                var exists = model.Volumes.ContainsKey(volume);
                if (exists && model.InUse(volume))
                {
                    var ex = Assert.Throws<DockerSimulatorException>(() => store.Volumes.Remove(volume, op.Flag));
                    Assert.Equal(ErrorKind.Conflict, ex.Kind);
                }
                else if (!exists && !op.Flag)
                {
                    var ex = Assert.Throws<DockerSimulatorException>(() => store.Volumes.Remove(volume));
                    Assert.Equal("get " + volume + ": no such volume", ex.Message);
                }
                else
                {
                    Assert.Equal(exists, store.Volumes.Remove(volume, op.Flag));
                    model.Volumes.Remove(volume);
                }

                break;
            }

            default: // docker volume prune [-a]
            {
                var expected = model.Volumes.Where(p => (p.Value || op.Flag) && !model.InUse(p.Key)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
                var result = store.Volumes.Prune(all: op.Flag);
                Assert.Equal(expected, result.VolumesDeleted.Order(StringComparer.Ordinal));
                foreach (var v in expected)
                {
                    model.Volumes.Remove(v);
                }

                break;
            }
        }
    }

    /// <summary>Records a volume in the model and writes its marker file the first time it is seen.</summary>
    private static void Track(ContainerStore store, Model model, string volume, bool anonymous)
    {
        if (model.Volumes.TryAdd(volume, anonymous))
        {
            store.Volumes.Get(volume).Tree.WriteAllText("/id", volume);
        }
    }

    private static void Check(ContainerStore store, Model model)
    {
        var actual = store.Volumes.List().Select(v => v.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(model.Volumes.Keys.Order(StringComparer.Ordinal), actual);
        foreach (var (name, anonymous) in model.Volumes)
        {
            var v = store.Volumes.Get(name);
            Assert.Equal(anonymous, v.IsAnonymous);
            Assert.Equal(name, v.Tree.ReadAllText("/id"));
            Assert.Equal(model.InUse(name), store.Volumes.IsInUse(name));
        }

        Assert.Equal(model.Containers.Keys.Order(StringComparer.Ordinal), store.List(all: true).Select(c => c.Name.TrimStart('/')).Order(StringComparer.Ordinal));
    }
}
