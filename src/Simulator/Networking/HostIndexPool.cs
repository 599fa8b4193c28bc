namespace Simulator.Networking;

/// <summary>
/// The host indexes of one subnet that are in use, finding the lowest free one in amortised constant time (a hint
/// below which every index is taken), so allocation does not grow with the number of containers on the network.
/// Lowest free first, as the default bridge and user-defined networks hand out addresses here.
/// </summary>
/// <remarks>Not thread-safe: the owning store locks around it.</remarks>
internal sealed class HostIndexPool(uint first)
{
    private readonly HashSet<uint> _used = [];
    private uint _lowestMaybeFree = first;

    /// <summary>The lowest index at or above the pool's first that is not in use (not reserved by this call).</summary>
    public uint LowestFree()
    {
        while (_used.Contains(_lowestMaybeFree))
        {
            _lowestMaybeFree++;
        }

        return _lowestMaybeFree;
    }

    /// <summary>Marks <paramref name="host"/> used.</summary>
    public void Add(uint host) => _used.Add(host);

    /// <summary>Frees <paramref name="host"/>; does nothing when it was not in use.</summary>
    public void Remove(uint host)
    {
        if (_used.Remove(host) && host < _lowestMaybeFree)
        {
            _lowestMaybeFree = host;
        }
    }
}
