namespace Simulator.Containers;

/// <summary>For tests: the journal of calls, one-shot failure injection, preset state.</summary>
public sealed partial class ContainerStore
{
    private readonly Lock _journalGate = new();
    private readonly List<JournalEntry> _journal = [];
    private readonly List<(ContainerOperation Operation, string? Target, Exception Exception)> _faults = [];

    /// <summary>
    /// Every call of a <see cref="ContainerOperation"/> made on the store, in order, with its arguments, including calls that
    /// then failed (so a test can assert what the code under test asked for: <c>Assert.Equal("Stop web timeout=5", store.Journal[^1].ToString())</c>).
    /// Internal steps (a <see cref="RunAsync"/> records <see cref="ContainerOperation.Create"/> and <see cref="ContainerOperation.Start"/>;
    /// restart policies and auto-remove record nothing) are as a client would see them. A snapshot; thread-safe.
    /// </summary>
    public IReadOnlyList<JournalEntry> Journal
    {
        get
        {
            lock (_journalGate)
            {
                return _journal.ToArray();
            }
        }
    }

    /// <summary>Empties <see cref="Journal"/> (sequence numbers go on).</summary>
    public void ClearJournal()
    {
        lock (_journalGate)
        {
            _journal.Clear();
        }
    }

    /// <summary>
    /// Makes the next call of <paramref name="operation"/> (for <paramref name="target"/>, when given: the container as the
    /// call names it, its full ID or its name) throw <paramref name="exception"/> before it changes anything; one shot.
    /// Several injections queue in order.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="exception">What to throw, e.g. <c>new DockerSimulatorException(ErrorKind.Conflict, "...")</c>.</param>
    /// <param name="target">Only for this container; any when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public void FailNext(ContainerOperation operation, Exception exception, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        lock (_journalGate)
        {
            _faults.Add((operation, target, exception));
        }
    }

    /// <summary>
    /// Creates a container already in a given state, as if it had lived (<c>docker ps -a</c> shows <c>Exited (137) 2 hours ago</c>):
    /// created at <see cref="ContainerPreset.Created"/>; for running and paused presets its command really runs (so stop,
    /// kill, exec work) with <see cref="ContainerPreset.StartedAt"/> as its start time; exited ones never ran anything.
    /// Publishes the <c>create</c> event (and <c>start</c> for running ones); records <see cref="ContainerOperation.Create"/>.
    /// </summary>
    /// <param name="config">The config.</param>
    /// <param name="hostConfig">The host config.</param>
    /// <param name="name">The name, or <see langword="null"/> for a random one.</param>
    /// <param name="preset">The state.</param>
    /// <param name="cancellationToken">Cancels the start (running presets).</param>
    /// <returns>The ID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> or <paramref name="preset"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="ContainerPreset.Status"/> is not created, running, paused or exited.</exception>
    /// <exception cref="DockerSimulatorException">As <see cref="Create"/> and <see cref="StartAsync"/>.</exception>
    public async Task<string> CreatePresetAsync(ContainerConfig config, HostConfig? hostConfig, string? name, ContainerPreset preset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(preset);
        if (preset.Status is not (ContainerStatus.Created or ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Exited))
        {
            throw new ArgumentException($"A preset container cannot be {preset.Status}.", nameof(preset));
        }

        Record(ContainerOperation.Create, config.Image, ("name", name), ("preset", preset.Status.ToString()));
        // Without its own creation time a preset was created when it started (or exited): never after.
        var created = preset.Created ?? (preset.StartedAt, preset.FinishedAt) switch
        {
            ({ } started, { } finished) => started < finished ? started : finished,
            ({ } started, null) => started,
            (null, { } finished) => finished,
            _ => (DateTimeOffset?)null,
        };
        var id = CreateCore(config, hostConfig, name, created);
        ContainerRecord rec;
        lock (_gate)
        {
            rec = _byId[id];
        }

        var now = _time.GetUtcNow();
        switch (preset.Status)
        {
            case ContainerStatus.Exited:
                lock (_gate)
                {
                    rec.Status = ContainerStatus.Exited;
                    rec.ExitCode = preset.ExitCode;
                    rec.Error = preset.Error ?? "";
                    rec.StartedAt = preset.StartedAt ?? rec.Created;
                    rec.FinishedAt = preset.FinishedAt ?? now;
                }

                break;
            case ContainerStatus.Running or ContainerStatus.Paused:
                await rec.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    StartLocked(rec, fromPolicy: false);
                }
                finally
                {
                    rec.Gate.Release();
                }

                lock (_gate)
                {
                    rec.StartedAt = preset.StartedAt ?? now;
                    if (preset.Status == ContainerStatus.Paused && rec.Status == ContainerStatus.Running)
                    {
                        rec.Status = ContainerStatus.Paused;
                    }
                }

                break;
        }

        return id;
    }

    /// <summary>Journals a call and throws an injected failure for it, if one is queued.</summary>
    private void Record(ContainerOperation operation, string? target, params (string Key, string? Value)[] arguments)
    {
        target ??= "";
        Exception? fault = null;
        lock (_journalGate)
        {
            int index = _faults.FindIndex(f => f.Operation == operation && (f.Target is null || Matches(f.Target, target)));
            if (index >= 0)
            {
                fault = _faults[index].Exception;
                _faults.RemoveAt(index);
            }

            _journal.Add(new JournalEntry(++_journalSequence, _time.GetUtcNow(), operation, target, JournalArguments.Create(arguments), fault?.Message));
        }

        if (fault is not null)
        {
            throw fault;
        }
    }

    private long _journalSequence;

    private bool Matches(string wanted, string given)
    {
        if (wanted == given || wanted.TrimStart('/') == given.TrimStart('/'))
        {
            return true;
        }

        lock (_gate)
        {
            return TryFind(given, out var rec, out _) && (rec.Id == wanted || rec.Name == wanted.TrimStart('/'));
        }
    }

    /// <summary>A journal entry's arguments: a sorted array, not a hash table (the journal grows with every call); one shared instance when there are none.</summary>
    private sealed class JournalArguments : IReadOnlyDictionary<string, string>
    {
        private static readonly JournalArguments None = new([]);
        private readonly KeyValuePair<string, string>[] _items;

        private JournalArguments(KeyValuePair<string, string>[] items) => _items = items;

        public static JournalArguments Create((string Key, string? Value)[] arguments)
        {
            var items = new List<KeyValuePair<string, string>>(arguments.Length);
            foreach (var (k, v) in arguments)
            {
                if (v is null)
                {
                    continue;
                }

                int at = items.FindIndex(i => i.Key == k);
                if (at >= 0)
                {
                    items[at] = new(k, v);
                }
                else
                {
                    items.Add(new(k, v));
                }
            }

            if (items.Count == 0)
            {
                return None;
            }

            items.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return new JournalArguments([.. items]);
        }

        public int Count => _items.Length;

        public IEnumerable<string> Keys => _items.Select(i => i.Key);

        public IEnumerable<string> Values => _items.Select(i => i.Value);

        public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
        {
            foreach (var (k, v) in _items)
            {
                if (k == key)
                {
                    value = v;
                    return true;
                }
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
