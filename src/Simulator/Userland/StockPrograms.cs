using Simulator.Processes;

namespace Simulator.Userland;

/// <summary>
/// The programs the stock images' files name (<c>#!simulator busybox</c>, <c>#!simulator nginx</c>...): one call to
/// register them all, so a container store can run every stock image.
/// </summary>
public static class StockPrograms
{
    /// <summary>Registers <see cref="Busybox"/> (with its applets) and <see cref="Nginx"/>.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns><paramref name="registry"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is <see langword="null"/>.</exception>
    public static ProgramRegistry Register(ProgramRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Busybox.Register(registry);
        Nginx.Register(registry);
        return registry;
    }
}
