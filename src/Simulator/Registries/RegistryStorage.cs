using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.Processes;
using Simulator.References;

namespace Simulator.Registries;

/// <summary>
/// The storage of a <c>registry serve</c> process: distribution's <c>filesystem</c> driver layout under a root directory
/// of the container's file system (<c>/var/lib/registry</c>), reached by an engine through the port the program listens on.
/// </summary>
/// <remarks>
/// <para>
/// Layout (distribution <c>registry/storage/paths.go</c>), under <c>&lt;root&gt;/docker/registry/v2</c>:
/// <c>blobs/sha256/&lt;2 hex&gt;/&lt;hex&gt;/data</c> (layers, configs and manifests),
/// <c>repositories/&lt;name&gt;/_layers/sha256/&lt;hex&gt;/link</c>,
/// <c>repositories/&lt;name&gt;/_manifests/revisions/sha256/&lt;hex&gt;/link</c>,
/// <c>repositories/&lt;name&gt;/_manifests/tags/&lt;tag&gt;/current/link</c> and <c>.../index/sha256/&lt;hex&gt;/link</c>,
/// <c>repositories/&lt;name&gt;/_uploads/</c>; each link holds <c>sha256:&lt;hex&gt;</c> without a newline.
/// </para>
/// <para>
/// The files are the truth at start: the first client to reach the server loads what the directory holds (a volume
/// kept from an earlier registry container), then every push writes its files as it is stored. Big layer blobs are
/// written as lazy content (no bytes copied). Files changed behind a running server are not seen until it restarts.
/// </para>
/// <para>Thread-safe.</para>
/// </remarks>
internal sealed class RegistryStorage : IRegistryStorageMirror
{
    private static readonly ConditionalWeakTable<HttpRequestHandler, RegistryStorage> Endpoints = new();
    private const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;

    private readonly Lock _gate = new();
    private readonly UnionFileSystem _fs;
    private readonly Dictionary<string, Registry> _byHost = new(StringComparer.Ordinal);
    private Registry.SharedState? _state;
    private RegistryWorld? _world;

    public RegistryStorage(UnionFileSystem fileSystem, string rootDirectory, Action<string>? accessLog)
    {
        _fs = fileSystem;
        Root = FsPath.Clean(rootDirectory) + "/docker/registry/v2";
        AccessLog = accessLog;
    }

    /// <summary><c>&lt;rootdirectory&gt;/docker/registry/v2</c>.</summary>
    public string Root { get; }

    /// <summary>Receives each access-log line (stdout of the server).</summary>
    public Action<string>? AccessLog { get; }

    /// <summary>Records that <paramref name="handler"/> (a listener) serves this storage.</summary>
    public void Bind(HttpRequestHandler handler) => Endpoints.AddOrUpdate(handler, this);

    /// <summary>The storage a listener serves, if it is a registry's.</summary>
    public static bool TryGet(HttpRequestHandler handler, out RegistryStorage storage) => Endpoints.TryGetValue(handler, out storage!);

    /// <summary>The registry as reached by the name <paramref name="host"/> (<c>localhost:5000</c>) from an engine of <paramref name="world"/>; all names share one state.</summary>
    public Registry For(string host, RegistryWorld world)
    {
        lock (_gate)
        {
            if (_state is null || !ReferenceEquals(_world, world))
            {
                _byHost.Clear();
                _world = world;
                _state = new Registry.SharedState();
                Load(new Registry(host, world, _state), world.Content);
                _state.Mirror = this;
            }

            if (!_byHost.TryGetValue(host, out var registry))
            {
                registry = new Registry(host, world, _state);
                _byHost.Add(host, registry);
            }

            return registry;
        }
    }

    /// <summary>The registry seen by an HTTP client of the server itself (curl), once any engine has reached it; otherwise one over an own content store.</summary>
    public Registry ForHttp(string host)
    {
        lock (_gate)
        {
            return For(host, _world ?? new RegistryWorld(new InMemoryContentStore()));
        }
    }

    public void BlobLinked(string repository, Digest digest, ReadOnlyMemory<byte> content)
    {
        WriteBlob(digest, content);
        var repo = Root + "/repositories/" + repository;
        WriteLink(repo + "/_layers/sha256/" + digest.Encoded + "/link", digest);
        _fs.CreateDirectories(repo + "/_uploads", DirectoryMode);
    }

    public void ManifestStored(string repository, string? tag, Digest digest, ReadOnlyMemory<byte> manifest)
    {
        WriteBlob(digest, manifest);
        var repo = Root + "/repositories/" + repository + "/_manifests";
        WriteLink(repo + "/revisions/sha256/" + digest.Encoded + "/link", digest);
        if (tag is not null)
        {
            WriteLink(repo + "/tags/" + tag + "/current/link", digest);
            WriteLink(repo + "/tags/" + tag + "/index/sha256/" + digest.Encoded + "/link", digest);
        }
    }

    /// <summary>Writes an access-log line as gorilla's combined log handler does for the registry's HTTP server.</summary>
    public void LogRequest(DateTimeOffset time, string remoteAddress, string method, string uri, int status, long size, string userAgent)
    {
        if (AccessLog is not { } log)
        {
            return;
        }

        var stamp = time.ToUniversalTime().ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture) + " +0000";
        log(string.Create(CultureInfo.InvariantCulture,
            $"{remoteAddress} - - [{stamp}] \"{method} {uri} HTTP/1.1\" {status} {size} \"\" \"{userAgent.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"\n"));
    }

    private string BlobPath(Digest digest) => $"{Root}/blobs/{digest.Algorithm}/{digest.Encoded[..2]}/{digest.Encoded}/data";

    private void WriteBlob(Digest digest, ReadOnlyMemory<byte> content)
    {
        var path = BlobPath(digest);
        if (_fs.Exists(path))
        {
            return;
        }

        _fs.CreateDirectories(path[..path.LastIndexOf('/')], DirectoryMode);
        _fs.WriteContent(path, FileContent.FromMemory(content), FileMode);
    }

    private void WriteLink(string path, Digest digest)
    {
        _fs.CreateDirectories(path[..path.LastIndexOf('/')], DirectoryMode);
        _fs.WriteAllBytes(path, Encoding.ASCII.GetBytes(digest.ToString()), FileMode);
    }

    private bool TryReadLink(string path, out Digest digest)
    {
        digest = default;
        try
        {
            return Digest.TryParse(_fs.ReadAllText(path), out digest);
        }
        catch (FileSystemException)
        {
            return false;
        }
    }

    /// <summary>Loads every repository under <see cref="Root"/> into a fresh state (before the mirror is on).</summary>
    private void Load(Registry registry, IContentStore content)
    {
        var repositories = Root + "/repositories";
        foreach (var name in RepositoryNames(repositories, ""))
        {
            string path;
            try
            {
                path = registry.NormalizeRepository(name);
            }
            catch (DockerSimulatorException)
            {
                continue;
            }

            var dir = repositories + "/" + name;
            foreach (var hex in List(dir + "/_layers/sha256"))
            {
                if (TryReadLink(dir + "/_layers/sha256/" + hex + "/link", out var digest) && Ingest(content, digest))
                {
                    registry.LinkBlob(path, digest);
                }
            }

            foreach (var hex in List(dir + "/_manifests/revisions/sha256"))
            {
                if (TryReadLink(dir + "/_manifests/revisions/sha256/" + hex + "/link", out var digest) && ReadBlob(digest) is { } bytes)
                {
                    registry.PutManifest(path, null, bytes.Span);
                }
            }

            foreach (var tag in List(dir + "/_manifests/tags"))
            {
                if (TryReadLink(dir + "/_manifests/tags/" + tag + "/current/link", out var digest) && ReadBlob(digest) is { } bytes)
                {
                    try
                    {
                        registry.PutManifest(path, tag, bytes.Span);
                    }
                    catch (DockerSimulatorException)
                    {
                        // Not a tag a reference can name: distribution would serve it; no client could ask for it.
                    }
                }
            }
        }
    }

    private IEnumerable<string> RepositoryNames(string directory, string prefix)
    {
        foreach (var child in List(directory))
        {
            if (child.StartsWith('_'))
            {
                continue;
            }

            var name = prefix + child;
            var path = directory + "/" + child;
            if (_fs.Exists(path + "/_manifests") || _fs.Exists(path + "/_layers"))
            {
                yield return name;
            }

            foreach (var nested in RepositoryNames(path, name + "/"))
            {
                yield return nested;
            }
        }
    }

    private IReadOnlyList<string> List(string directory)
    {
        try
        {
            return _fs.Stat(directory).Type == EntryType.Directory ? _fs.ReadDirectory(directory) : [];
        }
        catch (FileSystemException)
        {
            return [];
        }
    }

    private ReadOnlyMemory<byte>? ReadBlob(Digest digest)
    {
        try
        {
            return _fs.GetContent(BlobPath(digest)).ReadAllBytes();
        }
        catch (FileSystemException)
        {
            return null;
        }
    }

    /// <summary>Puts a stored blob into the content store (lazily for big ones, as the engine's own generated blobs).</summary>
    private bool Ingest(IContentStore content, Digest digest)
    {
        if (content.Exists(digest))
        {
            return true;
        }

        FileContent data;
        try
        {
            data = _fs.GetContent(BlobPath(digest));
        }
        catch (FileSystemException)
        {
            return false;
        }

        if (data.Length >= GeneratedBlob.Threshold && GeneratedBlob.TryWrite(content, digest, data.Length, () => data.ReadAllBytes().ToArray(), addRoot: false))
        {
            return true;
        }

        try
        {
            content.Write(digest, data.ReadAllBytes().Span);
            return true;
        }
        catch (DockerSimulatorException)
        {
            return false; // a blob whose bytes no longer match its digest
        }
    }
}
