using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.References;

namespace Simulator.Registries;

/// <summary>
/// Every registry an engine can reach, by host (<c>docker.io</c>, <c>localhost:5000</c>, any <c>host:port</c>), over one
/// content store shared with the engine's image store. A host not added is unknown: pulls from it fail as a DNS lookup
/// does.
/// </summary>
/// <remarks>
/// Docker Hub (<c>docker.io</c>) exists from the start. Thread-safe: every member may be called from any thread.
/// </remarks>
public sealed class RegistryWorld
{
    private readonly ConcurrentDictionary<string, Registry> _registries = new(StringComparer.Ordinal);
    // Layers already parsed, by blob digest, so a pull need not read a tar the world made from a layer; weak, so the
    // cache never keeps a layer alive that no image or registry test holds.
    private readonly ConcurrentDictionary<Digest, WeakReference<Layer>> _layers = new();

    /// <summary>Creates a world with Docker Hub, empty.</summary>
    /// <param name="content">The content store shared with the engine's image store.</param>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is <see langword="null"/>.</exception>
    public RegistryWorld(IContentStore content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
        DockerHub = Add(ImageReference.DefaultDomain);
    }

    /// <summary>The shared content store that holds every registry's blobs.</summary>
    public IContentStore Content { get; }

    /// <summary>Docker Hub, <c>docker.io</c>.</summary>
    public Registry DockerHub { get; }

    /// <summary>The registries' hosts, ordinal order.</summary>
    public IReadOnlyList<string> Hosts
    {
        get
        {
            var hosts = _registries.Keys.ToList();
            hosts.Sort(StringComparer.Ordinal);
            return hosts;
        }
    }

    /// <summary>Adds a registry at a host, or returns the one there.</summary>
    /// <param name="host">The host and optional port as a reference names it: <c>localhost:5000</c>, <c>registry.example.com</c>;
    /// <c>index.docker.io</c> and <c>registry-1.docker.io</c> mean Docker Hub.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: not a registry host a reference can name (<c>invalid reference format</c>);
    /// a name without <c>.</c> or <c>:</c> other than <c>localhost</c> would be a Docker Hub repository.
    /// </exception>
    public Registry Add(string host)
    {
        var normalized = NormalizeHost(host);
        return _registries.GetOrAdd(normalized, h => new Registry(h, this));
    }

    /// <summary>Finds the registry at a host.</summary>
    /// <param name="host">The host, as for <see cref="Add"/>.</param>
    /// <param name="registry">The registry, or <see langword="null"/>.</param>
    /// <returns>Whether there is one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    public bool TryGet(string host, [NotNullWhen(true)] out Registry? registry)
    {
        ArgumentNullException.ThrowIfNull(host);
        registry = null;
        try
        {
            return _registries.TryGetValue(NormalizeHost(host), out registry);
        }
        catch (DockerSimulatorException)
        {
            return false;
        }
    }

    /// <summary>The registry at a host.</summary>
    /// <param name="host">The host, as for <see cref="Add"/>.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No registry at that host.</exception>
    public Registry this[string host] =>
        TryGet(host, out var registry) ? registry : throw new KeyNotFoundException($"No registry at {host}.");

    internal static string NormalizeHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host is "index.docker.io" or "registry-1.docker.io")
        {
            return ImageReference.DefaultDomain;
        }

        var reference = ImageReference.Parse(host + "/x");
        if (reference.Domain != host)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "invalid reference format");
        }

        return host;
    }

    internal void RememberLayer(Digest digest, Layer layer)
    {
        if (!_layers.TryGetValue(digest, out var weak) || !weak.TryGetTarget(out _))
        {
            _layers[digest] = new WeakReference<Layer>(layer);
        }
    }

    internal bool TryGetLayer(Digest digest, [NotNullWhen(true)] out Layer? layer)
    {
        layer = null;
        return _layers.TryGetValue(digest, out var weak) && weak.TryGetTarget(out layer);
    }
}
