using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Processes;
using Simulator.References;
using Simulator.Volumes;

namespace Simulator.Containers;

/// <summary>
/// The engine's containers: create, start, stop, kill, wait, restart, pause, remove, rename, logs, exec, top,
/// diff and commit, with Docker's states, messages and restart policies (moby <c>daemon/</c>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Thread-safety.</b> Every member is safe to call from many threads. State changes happen under one
/// short store lock; lifecycle operations on one container (start, stop, kill, restart, remove, commit) are
/// serialised per container; a container's main process runs as a task and its exit is handled on the
/// thread that ends it.
/// </para>
/// <para>
/// <b>Time.</b> All times (created, started, finished, log timestamps, the stop timeout, restart back-off)
/// come from the injected <see cref="TimeProvider"/>: under a <c>FakeTimeProvider</c> nothing waits in real
/// time, tests advance the clock.
/// </para>
/// <para>
/// <b>Determinism.</b> IDs (64 hex) and random names (moby namesgenerator) come from a <see cref="Random"/>
/// seeded with the constructor's seed.
/// </para>
/// <para>
/// <b>Root filesystem.</b> A writable union view over the image's flattened layers (cached per image) plus an
/// init layer holding <c>/etc/hostname</c>, <c>/etc/hosts</c>, <c>/etc/resolv.conf</c> and <c>/.dockerenv</c>,
/// as Docker's <c>-init</c> layer and bind mounts do, so they are not in <see cref="Diff"/> or
/// <see cref="Commit"/>. Volumes, binds and tmpfs are mounted on it with <see cref="UnionFileSystem.Mount(string, UnionFileSystem, bool)"/> at create
/// (see <see cref="Volumes"/> and <see cref="HostFileSystem"/>). Extension points for later parts: networking
/// (<c>/etc/hosts</c> IP line, ports), attach and events.
/// </para>
/// </remarks>
public sealed partial class ContainerStore : IImageUsage
{
    private static readonly Regex ValidName = new("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$", RegexOptions.CultureInvariant);
    private readonly object _gate = new();
    private readonly Dictionary<string, ContainerRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContainerRecord> _byName = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<Image, LayerStack> _stacks = new();
    private readonly Random _random;
    private readonly Random _execRandom;
    private readonly int _seed;
    private readonly TimeProvider _time;
    private readonly VolumeStore _volumes;

    /// <summary>Creates an empty store.</summary>
    /// <param name="images">The image store containers are created from and commits go to.</param>
    /// <param name="programs">The programs processes can run (e.g. <c>Busybox.Register(new ProgramRegistry())</c>).</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="seed">The seed for IDs and names.</param>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> or <paramref name="programs"/> is <see langword="null"/>.</exception>
    /// <remarks>For <c>docker rmi</c> to see containers, pass this store as the image store's <see cref="IImageUsage"/>; <see cref="CreateWithImageStore"/> wires both.</remarks>
    public ContainerStore(IImageStore images, ProgramRegistry programs, TimeProvider? timeProvider = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(programs);
        Images = images;
        Programs = programs;
        _time = timeProvider ?? TimeProvider.System;
        _random = new Random(seed);
        _seed = seed;
        _execRandom = new Random(unchecked(seed * 31 + 0x5EC));
        Events = new Events.EventLog(_time);
        _volumes = new VolumeStore(_time, seed) { Events = () => Events };
        if (images is InMemoryImageStore memory)
        {
            memory.Events ??= () => Events;
        }

        HostFileSystem = new UnionFileSystemAdapter(UnionFileSystem.CreateEmpty(_time));
        Network = new Networking.SimulatedNetwork(seed);
        Networks = new Networking.NetworkStore(_time, seed, () => Events);
        Network.Resolver = (from, host) => Networks.Resolve(from.Networks.Keys, host);
    }

    /// <summary>Creates an <see cref="InMemoryImageStore"/> over <paramref name="content"/> and a container store using it, wired so <c>rmi</c> sees containers.</summary>
    /// <param name="content">The content store.</param>
    /// <param name="programs">The programs.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="seed">The seed for IDs and names.</param>
    /// <returns>The container store; its image store is <see cref="Images"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> or <paramref name="programs"/> is <see langword="null"/>.</exception>
    public static ContainerStore CreateWithImageStore(IContentStore content, ProgramRegistry programs, TimeProvider? timeProvider = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(content);
        var usage = new DeferredImageUsage();
        var images = new InMemoryImageStore(content, usage, timeProvider);
        var store = new ContainerStore(images, programs, timeProvider, seed);
        usage.Target = store;
        return store;
    }

    /// <summary>The image store.</summary>
    public IImageStore Images { get; }

    /// <summary>The programs processes run.</summary>
    public ProgramRegistry Programs { get; }

    /// <summary>
    /// The engine's volumes (<c>docker volume ...</c>), which containers mount: created by the store by default (same clock
    /// and seed); set it to share one store between engines' container stores or to pre-create volumes.
    /// </summary>
    /// <remarks>
    /// At create, the container's mounts are resolved (<see cref="MountResolver"/>: <c>--volumes-from</c>, <c>-v</c>,
    /// <c>--mount</c>, <c>--tmpfs</c>, image <c>VOLUME</c>s), acquired (volumes created, the container recorded as a user) and
    /// new empty volumes populated from the image (<see cref="VolumePopulation"/>); each is mounted on the root filesystem,
    /// its mount point directory created in the container's layer when missing (moby/runc create mount points in the
    /// rootfs, so <see cref="Diff"/> lists them; writes under the mounts never show in <see cref="Diff"/> or
    /// <see cref="Commit"/>, SEMANTICS 3.30). <c>docker rm</c> drops the references; <c>rm -v</c> and <c>--rm</c> also remove
    /// the anonymous volumes nobody else uses (SEMANTICS 4.8).
    /// </remarks>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public VolumeStore Volumes
    {
        get => _volumes;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _volumes = value;
            value.Events ??= () => Events;
        }
    }

    /// <summary>
    /// The host's file system bind mounts (<c>-v /host:/p</c>, <c>--mount type=bind</c>) read; an empty in-memory one by default.
    /// </summary>
    /// <remarks>
    /// On a <see cref="UnionFileSystemAdapter"/> (the default) a bind mounts the host entry itself
    /// (<see cref="UnionFileSystem.Mount(string, UnionFileSystem, string, bool)"/>): a directory or a single file
    /// (<c>-v /host/nginx.conf:/etc/nginx/nginx.conf:ro</c>), the host's root, directories inside other bound directories,
    /// and binds nested in volumes or other binds (<c>-v vol:/data -v /host/x:/data/x</c>) all work, and the host and every
    /// container binding it see each other's writes at once. As with a real mount: renaming into or out of the mount gives
    /// <c>EXDEV</c>, removing or renaming the mount point <c>EBUSY</c>. A missing <c>-v</c> bind source is created as a
    /// directory, as Docker does; <c>--mount type=bind</c> refuses it (<c>bind source path does not exist</c>). A directory over an
    /// existing file, or a file over an existing directory, fails as runc does (<c>... not a directory: unknown: Are you trying
    /// to mount a directory onto a file (or vice-versa)? ...</c>), at create rather than at start; a missing file mount point is
    /// created as an empty file. Relative sources (<c>./x</c>) are the CLI's business: see
    /// <see cref="MountSpecParser.ResolveRelativeVolume"/>.
    /// On any other <see cref="System.IO.Abstractions.IFileSystem"/> (TestableIO's <c>MockFileSystem</c>, the real disk) a bind
    /// mounts a mirror of the source directory or file: every file operation in the container first reads the source's
    /// current state and then writes its changes back, so both sides still see each other's writes at once. Only what
    /// <see cref="System.IO.Abstractions.IFileSystem"/> expresses crosses (directories, file contents, deletions; the host's
    /// write times), not modes, owners or symlinks; each operation in such a container costs a walk of the bound directory.
    /// </remarks>
    public System.IO.Abstractions.IFileSystem HostFileSystem { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>How many containers exist (any state).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<ImageUser> UsersOf(Digest imageId)
    {
        lock (_gate)
        {
            var list = new List<ImageUser>();
            foreach (var rec in _byId.Values)
            {
                if (rec.Image.Id == imageId)
                {
                    list.Add(new ImageUser(rec.Id, rec.IsRunningLike));
                }
            }

            return list;
        }
    }

    /// <summary><c>docker inspect</c>: a snapshot of the container.</summary>
    /// <param name="idOrName">A full ID, a name (with or without <c>/</c>) or a unique ID prefix.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="idOrName"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.NotFound"/> <c>No such container: x</c>; <see cref="ErrorKind.InvalidArgument"/> <c>multiple IDs found with provided prefix: x</c>.</exception>
    public Container Inspect(string idOrName)
    {
        lock (_gate)
        {
            return Find(idOrName).Snapshot(_time.GetUtcNow());
        }
    }

    /// <summary>Looks a container up as <see cref="Inspect(string)"/> does, without throwing for a missing one.</summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="container">The snapshot, when found.</param>
    /// <returns><see langword="true"/> if found (an ambiguous prefix is not found).</returns>
    public bool TryInspect(string? idOrName, [NotNullWhen(true)] out Container? container)
    {
        lock (_gate)
        {
            if (idOrName is not null && TryFind(idOrName, out var rec, out _))
            {
                container = rec.Snapshot(_time.GetUtcNow());
                return true;
            }
        }

        container = null;
        return false;
    }

    /// <summary><c>docker ps</c>: snapshots, newest first (moby <c>byCreatedDescending</c>; ties by ID).</summary>
    /// <param name="all"><c>-a</c>: include containers that are not running.</param>
    /// <returns>The snapshots.</returns>
    public IReadOnlyList<Container> List(bool all = false)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return _byId.Values
                .Where(r => all || r.IsRunningLike)
                .OrderByDescending(r => r.Created)
                .ThenByDescending(r => r.Sequence)
                .Select(r => r.Snapshot(now))
                .ToList();
        }
    }

    /// <summary>The container's root filesystem (the union view its processes see), e.g. to arrange or check files.</summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <returns>The live view (as root).</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>.</exception>
    public UnionFileSystem GetRootFileSystem(string idOrName)
    {
        lock (_gate)
        {
            return Find(idOrName).Root;
        }
    }

    /// <summary><c>docker diff</c>: the container's changes to its image, sorted by path; <c>/etc/hostname</c>, <c>/etc/hosts</c> and <c>/etc/resolv.conf</c> are not among them (moby go-archive ChangesDirs).</summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <returns>The changes (<see cref="FileChange.ToString"/> prints <c>A /foo</c>).</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>.</exception>
    public IReadOnlyList<FileChange> Diff(string idOrName)
    {
        UnionFileSystem root;
        lock (_gate)
        {
            root = Find(idOrName).Root;
        }

        return root.GetChanges();
    }

    /// <summary><c>docker rename</c>.</summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="newName">The new name, with or without a leading <c>/</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// As <see cref="Inspect(string)"/>; <see cref="ErrorKind.InvalidArgument"/> <c>Neither old nor new names may be empty</c>,
    /// <c>Renaming a container with the same name as its current name</c>, <c>Error when allocating new name: Invalid container name (x), ...</c>;
    /// <see cref="ErrorKind.Conflict"/> <c>Error when allocating new name: Conflict. The container name "/x" is already in use...</c> (moby daemon/rename.go).
    /// </exception>
    public void Rename(string idOrName, string newName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        ArgumentNullException.ThrowIfNull(newName);
        Record(ContainerOperation.Rename, idOrName, ("name", newName));
        if (idOrName.Length == 0 || newName.Length == 0)
        {
            throw ContainerErrors.RenameEmpty();
        }

        lock (_gate)
        {
            var rec = Find(idOrName);
            var name = newName.TrimStart('/');
            if (name == rec.Name)
            {
                throw ContainerErrors.RenameSame();
            }

            try
            {
                CheckName(newName, name);
            }
            catch (DockerSimulatorException ex)
            {
                throw ContainerErrors.RenameAllocate(ex);
            }

            _byName.Remove(rec.Name);
            var oldName = rec.Name;
            rec.Name = name;
            _byName[name] = rec;
            Emit(rec, "rename", ("oldName", "/" + oldName));
        }
    }

    /// <summary><c>docker pause</c> (state only: processes are not frozen in this simulator).</summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>; <see cref="ErrorKind.Conflict"/> <c>container x is not running</c>, <c>container x is already paused</c>, <c>container x is restarting, ...</c> (moby daemon/pause.go).</exception>
    public void Pause(string idOrName)
    {
        Record(ContainerOperation.Pause, idOrName);
        lock (_gate)
        {
            var rec = Find(idOrName);
            switch (rec.Status)
            {
                case ContainerStatus.Paused:
                    throw ContainerErrors.AlreadyPaused(rec.Id);
                case ContainerStatus.Restarting:
                    throw ContainerErrors.Restarting(rec.Id);
                case ContainerStatus.Running:
                    rec.Status = ContainerStatus.Paused;
                    Emit(rec, "pause");
                    break;
                default:
                    throw ContainerErrors.NotRunningConflict(rec.Id);
            }
        }
    }

    /// <summary><c>docker unpause</c>.</summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>; <see cref="ErrorKind.Conflict"/> <c>container x is not paused</c> (moby daemon/unpause.go).</exception>
    public void Unpause(string idOrName)
    {
        Record(ContainerOperation.Unpause, idOrName);
        lock (_gate)
        {
            var rec = Find(idOrName);
            if (rec.Status != ContainerStatus.Paused)
            {
                throw ContainerErrors.NotPaused(rec.Id);
            }

            rec.Status = ContainerStatus.Running;
            Emit(rec, "unpause");
        }
    }

    /// <summary>
    /// <c>docker wait</c>: waits for the condition and returns the exit code (moby container/wait.go).
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="condition"><see cref="WaitCondition.NotRunning"/> (default) returns at once for a container that is not running (created included, as moby).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The exit code (and error) of the exit waited for.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<ContainerWaitResult> WaitAsync(string idOrName, WaitCondition condition = WaitCondition.NotRunning, CancellationToken cancellationToken = default)
    {
        Record(ContainerOperation.Wait, idOrName, ("condition", condition.ToString()));
        Task<ContainerWaitResult> task;
        lock (_gate)
        {
            var rec = Find(idOrName);
            task = condition switch
            {
                WaitCondition.Removed => rec.RemovedWaiter.Task,
                WaitCondition.NextExit => rec.NextExit.Task,
                _ when !rec.IsRunningLike => Task.FromResult(new ContainerWaitResult(rec.ExitCode, NullIfEmpty(rec.Error))),
                _ => rec.NextExit.Task,
            };
        }

        return task.WaitAsync(cancellationToken);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private ContainerRecord Find(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        if (TryFind(idOrName, out var rec, out var ambiguous))
        {
            return rec;
        }

        throw ambiguous ? ContainerErrors.AmbiguousPrefix(idOrName) : ContainerErrors.NoSuchContainer(idOrName);
    }

    /// <summary>moby daemon.GetContainer: full ID, then name, then unique ID prefix.</summary>
    private bool TryFind(string idOrName, [NotNullWhen(true)] out ContainerRecord? rec, out bool ambiguous)
    {
        ambiguous = false;
        if (idOrName.Length == 0)
        {
            rec = null;
            return false;
        }

        if (_byId.TryGetValue(idOrName, out rec))
        {
            return true;
        }

        var name = idOrName.StartsWith('/') ? idOrName[1..] : idOrName;
        if (_byName.TryGetValue(name, out rec))
        {
            return true;
        }

        rec = null;
        foreach (var candidate in _byId.Values)
        {
            if (candidate.Id.StartsWith(idOrName, StringComparison.Ordinal))
            {
                if (rec is not null)
                {
                    ambiguous = true;
                    rec = null;
                    return false;
                }

                rec = candidate;
            }
        }

        return rec is not null;
    }

    private void CheckName(string given, string name)
    {
        if (!ValidName.IsMatch(given))
        {
            throw ContainerErrors.InvalidName(given);
        }

        if (_byName.TryGetValue(name, out var owner))
        {
            throw ContainerErrors.NameConflict("/" + name, owner.Id);
        }
    }

    private string NewExecId()
    {
        Span<byte> bytes = stackalloc byte[32];
        lock (_execRandom)
        {
            _execRandom.NextBytes(bytes);
        }

        return Convert.ToHexStringLower(bytes);
    }

    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[32];
        while (true)
        {
            _random.NextBytes(bytes);
            var id = Convert.ToHexStringLower(bytes);

            // moby stringid.GenerateRandomID: a short ID that is all digits would read as a number.
            if (ulong.TryParse(id.AsSpan(0, 12), NumberStyles.None, CultureInfo.InvariantCulture, out _) || _byId.ContainsKey(id))
            {
                continue;
            }

            return id;
        }
    }

    private sealed class DeferredImageUsage : IImageUsage
    {
        public ContainerStore? Target { get; set; }

        public IReadOnlyList<ImageUser> UsersOf(Digest imageId) => Target?.UsersOf(imageId) ?? [];
    }
}
