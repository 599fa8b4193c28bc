using CsCheck;
using Simulator.Volumes;

namespace Simulator.Tests.Volumes;

/// <summary>
/// Model-based check of volume lifetimes (SEMANTICS 4.8-4.11): random sequences of create, container create
/// (acquire), reference drops, <c>volume rm [-f]</c>, <c>rm [-v]</c> and <c>prune [-a]</c> over a few volumes and
/// containers, compared after every step with a plain model of Docker's rules. A volume exists exactly when the
/// model says so, and the file written into it at creation is intact.
/// </summary>
public sealed class VolumeLifetimePropertyTests
{
    private static readonly string[] Names = ["v1", "v2", "v10"];
    private static readonly string[] Containers = ["c1", "c2", "c3"];

    private sealed record Op(int Kind, int Volume, int Container, bool Flag);

    private static readonly Gen<Op> GenOp = Gen.Select(Gen.Int[0, 7], Gen.Int[0, Names.Length - 1], Gen.Int[0, Containers.Length - 1], Gen.Bool)
        .Select((k, v, c, f) => new Op(k, v, c, f));

    private sealed class Model
    {
        public Dictionary<string, bool> Volumes { get; } = []; // name -> anonymous
        public Dictionary<string, HashSet<string>> Users { get; } = [];
        public Dictionary<string, List<MountPoint>> ContainerMounts { get; } = [];

        public bool InUse(string name) => Users.TryGetValue(name, out var u) && u.Count > 0;
    }

    [Fact]
    public void Volumes_live_exactly_as_long_as_dockers_rules_say()
    {
        GenOp.Array[1, 40].Sample(ops => Run(ops), iter: 300, threads: 1);
    }

    private static void Run(Op[] ops)
    {
        var store = new VolumeStore(seed: 3);
        var model = new Model();
        foreach (var op in ops)
        {
            Apply(store, model, op);
            Check(store, model);
        }
    }

    private static void Apply(VolumeStore store, Model model, Op op)
    {
        var name = Names[op.Volume];
        var container = Containers[op.Container];
        switch (op.Kind)
        {
            case 0: // docker volume create [name]
            {
                var v = store.Create(op.Flag ? null : name);
                if (!model.Volumes.ContainsKey(v.Name))
                {
                    model.Volumes[v.Name] = op.Flag;
                    v.Tree.WriteAllText("/id", v.Name);
                }

                break;
            }

            case 1: // docker create: -v name:/n, an anonymous -v /a, maybe --volumes-from another container
            {
                if (model.ContainerMounts.ContainsKey(container))
                {
                    break;
                }

                var from = Containers[(op.Container + 1) % Containers.Length];
                var request = new MountRequest
                {
                    Volumes = [MountSpecParser.ParseVolume(name + ":/n"), MountSpecParser.ParseVolume("/a")],
                    VolumesFrom = op.Flag && model.ContainerMounts.TryGetValue(from, out var source)
                        ? [new VolumesFromSource(MountSpecParser.ParseVolumesFrom(from), source.Select(m => m with { Destination = "/from" + m.Destination }).ToList())]
                        : [],
                };
                var mounts = store.Acquire(container, MountResolver.Resolve(request));
                model.ContainerMounts[container] = mounts.ToList();
                foreach (var mp in mounts)
                {
                    if (!model.Volumes.ContainsKey(mp.Name!))
                    {
                        model.Volumes[mp.Name!] = mp.IsAnonymousVolume;
                        store.Get(mp.Name!).Tree.WriteAllText("/id", mp.Name!);
                    }

                    Users(model, mp.Name!).Add(container);
                }

                break;
            }

            case 2: // docker rm [-v] container
            {
                if (!model.ContainerMounts.Remove(container, out var mounts))
                {
                    break;
                }

                foreach (var users in model.Users.Values)
                {
                    users.Remove(container);
                }

                if (op.Flag)
                {
                    var removed = store.RemoveAnonymousFor(container, mounts);
                    var expected = mounts.Where(m => m.IsAnonymousVolume && model.Volumes.ContainsKey(m.Name!) && !model.InUse(m.Name!)).Select(m => m.Name!).Distinct().ToList();
                    Assert.Equal(expected, removed);
                    foreach (var n in expected)
                    {
                        model.Volumes.Remove(n);
                    }
                }
                else
                {
                    store.ReleaseAll(container);
                }

                break;
            }

            case 3: // docker volume rm [-f]
            {
                var target = Pick(model, op);
                if (target is null)
                {
                    Assert.False(store.Remove("missing", force: true));
                    break;
                }

                if (model.InUse(target))
                {
                    var e = Assert.Throws<DockerSimulatorException>(() => store.Remove(target, op.Flag));
                    Assert.Equal(ErrorKind.Conflict, e.Kind);
                    Assert.StartsWith($"remove {target}: volume is in use - [", e.Message);
                }
                else
                {
                    Assert.True(store.Remove(target, op.Flag));
                    model.Volumes.Remove(target);
                }

                break;
            }

            case 4: // docker volume prune [-a]
            {
                var expected = model.Volumes.Where(p => !model.InUse(p.Key) && (op.Flag || p.Value)).Select(p => p.Key).Order().ToList();
                var result = store.Prune(all: op.Flag);
                Assert.Equal(expected, result.VolumesDeleted.Order());
                Assert.Equal(expected.Sum(n => (long)n.Length), result.SpaceReclaimed);
                foreach (var n in expected)
                {
                    model.Volumes.Remove(n);
                }

                break;
            }

            case 5: // a container stops (exited): it still uses its volumes, nothing changes
                break;

            case 6: // docker volume rm of a missing name
            {
                if (!model.Volumes.ContainsKey(name))
                {
                    var e = Assert.Throws<DockerSimulatorException>(() => store.Remove(name));
                    Assert.Equal(ErrorKind.NotFound, e.Kind);
                    Assert.False(store.Remove(name, force: true));
                }

                break;
            }

            default: // create of an existing name returns it
            {
                if (model.Volumes.ContainsKey(name))
                {
                    Assert.Same(store.Get(name), store.Create(name));
                }

                break;
            }
        }
    }

    private static string? Pick(Model model, Op op)
    {
        var names = model.Volumes.Keys.Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? null : names[(op.Volume + op.Container) % names.Count];
    }

    private static HashSet<string> Users(Model model, string name)
    {
        if (!model.Users.TryGetValue(name, out var users))
        {
            model.Users[name] = users = [];
        }

        return users;
    }

    private static void Check(VolumeStore store, Model model)
    {
        Assert.Equal(model.Volumes.Keys.Order(StringComparer.Ordinal), store.List().Select(v => v.Name).Order(StringComparer.Ordinal));
        foreach (var (name, anonymous) in model.Volumes)
        {
            var v = store.Get(name);
            Assert.Equal(anonymous, v.IsAnonymous);
            Assert.Equal(name, v.Tree.ReadAllText("/id"));
            Assert.Equal(model.InUse(name), store.IsInUse(name));
            Assert.Equal(
                model.Users.TryGetValue(name, out var users) ? users.Order(StringComparer.Ordinal) : [],
                store.GetUsers(name));
        }
    }
}
