namespace Simulator.FileSystem.Adapter;

/// <summary>
/// The advisory locks .NET takes on Linux when it opens a FileStream (flock: LOCK_EX for FileShare.None,
/// LOCK_SH otherwise), per resolved path, shared by every adapter over one <see cref="UnionFileSystem"/> instance.
/// </summary>
internal sealed class StreamLocks
{
    private readonly Dictionary<string, (int Shared, int Exclusive)> _held = new(StringComparer.Ordinal);
    private int _count;

    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    /// <summary>Takes a lock; <see langword="false"/> when it conflicts with a held one.</summary>
    public bool TryAcquire(string key, bool exclusive)
    {
        lock (_held)
        {
            _held.TryGetValue(key, out var held);
            if (held.Exclusive > 0 || (exclusive && held.Shared > 0))
            {
                return false;
            }

            _held[key] = exclusive ? (held.Shared, held.Exclusive + 1) : (held.Shared + 1, held.Exclusive);
            _count++;
            return true;
        }
    }

    public void Release(string key, bool exclusive)
    {
        lock (_held)
        {
            if (!_held.TryGetValue(key, out var held))
            {
                return;
            }

            held = exclusive ? (held.Shared, held.Exclusive - 1) : (held.Shared - 1, held.Exclusive);
            if (held.Shared <= 0 && held.Exclusive <= 0)
            {
                _held.Remove(key);
            }
            else
            {
                _held[key] = held;
            }

            _count--;
        }
    }

    /// <summary>Whether a whole-file operation (which takes LOCK_SH) would conflict: someone holds LOCK_EX.</summary>
    public bool IsExclusivelyHeld(string key)
    {
        if (IsEmpty)
        {
            return false;
        }

        lock (_held)
        {
            return _held.TryGetValue(key, out var held) && held.Exclusive > 0;
        }
    }
}
