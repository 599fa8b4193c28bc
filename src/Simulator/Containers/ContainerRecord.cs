using System.Text;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Processes;

namespace Simulator.Containers;

/// <summary>A container's mutable state; guarded by the store's lock (logs by their own lock), lifecycle operations serialised by <see cref="Gate"/>.</summary>
internal sealed class ContainerRecord
{
    private static long s_nextSequence;
    private SemaphoreSlim? _lifecycleGate;
    private TaskCompletionSource<ContainerWaitResult>? _nextExit;
    private TaskCompletionSource<ContainerWaitResult>? _removedWaiter;
    private List<LogEntry>? _logs;

    public ContainerRecord(string id, string name, DateTimeOffset created, Image image, ContainerConfig config, HostConfig host, string path, IReadOnlyList<string> args, UnionFileSystem root)
    {
        Id = id;
        Name = name;
        Created = created;
        Image = image;
        Config = config;
        Host = host;
        Path = path;
        Args = args;
        Root = root;
    }

    public string Id { get; }

    public string Name { get; set; }

    public DateTimeOffset Created { get; }

    /// <summary>Creation order (Docker orders by nanosecond creation time; a fake clock standing still gives equal times).</summary>
    public long Sequence { get; } = Interlocked.Increment(ref s_nextSequence);

    public Image Image { get; }

    public ContainerConfig Config { get; }

    public HostConfig Host { get; }

    public string Path { get; }

    public IReadOnlyList<string> Args { get; }

    public UnionFileSystem Root { get; }

    /// <summary>Serialises lifecycle operations; created on first use (an idle container holds none).</summary>
    public SemaphoreSlim Gate => LazyInitializer.EnsureInitialized(ref _lifecycleGate, static () => new SemaphoreSlim(1, 1));

    public IReadOnlyList<Volumes.MountPoint> Mounts { get; set; } = [];

    public ContainerStatus Status { get; set; } = ContainerStatus.Created;

    public int Pid { get; set; }

    public int ExitCode { get; set; }

    public string Error { get; set; } = "";

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int RestartCount { get; set; }

    public bool ManuallyStopped { get; set; }

    public bool Removed { get; set; }

    public TimeSpan RestartBackoff { get; set; }

    public ITimer? RestartTimer { get; set; }

    public ProcessNamespace? Namespace { get; set; }

    public SimulatedProcess? Main { get; set; }

    /// <summary>Stdio: stdin pipe, attachments, TTY; set by the store right after construction.</summary>
    public ContainerIo Io { get; set; } = null!;

    public string Hostname { get; set; } = "";

    public IReadOnlyList<string> ProcessEnv { get; set; } = [];

    /// <summary>Completed at the next exit; created on first use (under the store's lock).</summary>
    public TaskCompletionSource<ContainerWaitResult> NextExit => _nextExit ??= NewWaiter();

    /// <summary>Forgets the completed exit waiter; the next one is created on demand.</summary>
    public void ResetNextExit() => _nextExit = null;

    /// <summary>Completed at removal; created on first use (under the store's lock).</summary>
    public TaskCompletionSource<ContainerWaitResult> RemovedWaiter => _removedWaiter ??= NewWaiter();

    /// <summary>The log (also its own lock); created on first use, so an idle container holds none.</summary>
    public List<LogEntry> Logs => LazyInitializer.EnsureInitialized(ref _logs);

    public Networking.ContainerEndpoint? Endpoint { get; set; }

    /// <summary>The published ports while running, else <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Networking.PortBinding>?>? Ports { get; set; }

    /// <summary>Inspect's <c>NetworkSettings</c>, computed (so an idle container holds none).</summary>
    public Networking.NetworkSettings NetworkSettings => ContainerStore.Settings(this, Ports);

    /// <summary>The networks it is connected to, in connection order.</summary>
    public List<NetworkAttachment> Attachments { get; } = [];

    public static TaskCompletionSource<ContainerWaitResult> NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsRunningLike => Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;

    public ContainerState State => new()
    {
        Status = Status,
        Pid = Pid,
        ExitCode = ExitCode,
        Error = Error,
        StartedAt = StartedAt,
        FinishedAt = FinishedAt,
    };

    /// <summary>moby <c>container/state.go String()</c>.</summary>
    public string StatusString(DateTimeOffset now) => Status switch
    {
        ContainerStatus.Paused => "Up " + HumanDuration.Format(now - (StartedAt ?? now)) + " (Paused)",
        ContainerStatus.Restarting => $"Restarting ({ExitCode}) {HumanDuration.Ago(now - (FinishedAt ?? now))}",
        ContainerStatus.Running => "Up " + HumanDuration.Format(now - (StartedAt ?? now)),
        ContainerStatus.Removing => "Removal In Progress",
        ContainerStatus.Dead => "Dead",
        _ when StartedAt is null => "Created",
        _ when FinishedAt is null => "",
        _ => $"Exited ({ExitCode}) {HumanDuration.Ago(now - FinishedAt.Value)}",
    };

    public Container Snapshot(DateTimeOffset now) => new()
    {
        Id = Id,
        Name = "/" + Name,
        Created = Created,
        ImageId = Image.Id,
        ImageName = Config.Image,
        Path = Path,
        Args = Args,
        Config = Config,
        HostConfig = Host,
        State = State,
        RestartCount = RestartCount,
        Status = StatusString(now),
        CreatedText = HumanDuration.Ago(now - Created),
        Mounts = Mounts,
        NetworkSettings = NetworkSettings,
    };

    public string LogText(LogStream stream)
    {
        var sb = new StringBuilder();
        lock (Logs)
        {
            foreach (var entry in Logs)
            {
                if (entry.Stream == stream)
                {
                    sb.Append(entry.Text);
                }
            }
        }

        return sb.ToString();
    }
}
