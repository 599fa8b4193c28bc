using System.Diagnostics.CodeAnalysis;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Registries;

/// <summary>
/// One simulated registry (a Docker Hub or a <c>registry:2</c> at <c>host:port</c>): repositories with manifests, tags
/// and blobs, users, access rules, and failures injected by tests. Get one from <see cref="RegistryWorld"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Content.</b> Blobs live in the world's shared <see cref="IContentStore"/> (the same one the engine's image store
/// uses), so a layer pulled by many images or pushed to many registries is held once. Each repository holds one
/// root reference on every blob it links (layers, configs, manifests); manifests are written with their config
/// and layers as children. Layer blobs are uncompressed tars (<see cref="MediaTypes.DockerLayer"/> or
/// <see cref="MediaTypes.OciLayer"/>), so a layer's blob digest is its DiffID, unlike real pushes that gzip.
/// Manifest digests are the <c>sha256</c> of the manifest bytes, as registries compute them. Over an
/// <see cref="InMemoryContentStore"/>, layer tars of 1 MiB or more are stored as blobs generated from the layer on read
/// (the same bytes, no memory held), and a pull takes their digest as verified by construction, unless
/// <see cref="ServeBlobAs"/> replaced them.
/// </para>
/// <para>
/// <b>Provided images.</b> A registry stocked by <see cref="World.DefaultWorld.Stock"/> stores a stock image on the first
/// lookup of its tag (<see cref="TryGetManifest"/>, a pull), unless the repository has that tag already; with
/// <see cref="SynthesizeUnknownImages"/> on, unknown tags get a synthesised image.
/// </para>
/// <para>
/// <b>Repositories</b> are named by their path inside the registry, normalised as <c>docker pull</c> does:
/// on Docker Hub <c>alpine</c> is <c>library/alpine</c>.
/// </para>
/// <para>
/// <b>Access.</b> Docker Hub (<see cref="IsDockerHub"/>): anyone pulls; a login succeeds for any user with any non-empty
/// password, unless the user was added with <see cref="AddUser"/> (then the password must match); only user
/// <c>name</c> may push to <c>name/...</c>. Other registries: open to everyone until a user is added; with users
/// (an <c>htpasswd</c> registry), pulls and pushes need a login. <see cref="Restrict"/> limits one repository to
/// some users on any registry.
/// </para>
/// <para>Thread-safe: every member may be called from any thread.</para>
/// </remarks>
public sealed partial class Registry
{
    private readonly IContentStore _content;
    private readonly RegistryWorld _world;
    private readonly SharedState _s;

    internal Registry(string host, RegistryWorld world)
        : this(host, world, new SharedState())
    {
    }

    /// <summary>A registry over <paramref name="state"/>, which other registries (the same server reached by other host names) may share.</summary>
    internal Registry(string host, RegistryWorld world, SharedState state)
    {
        Host = host;
        _world = world;
        _content = world.Content;
        _s = state;
    }

    /// <summary>The registry's host and optional port as references name it: <c>docker.io</c>, <c>localhost:5000</c>.</summary>
    public string Host { get; }

    /// <summary>Whether this is Docker Hub (<c>docker.io</c>).</summary>
    public bool IsDockerHub => Host == ImageReference.DefaultDomain;

    /// <summary>Whether pulls and pushes need a login: a registry other than Docker Hub that has users.</summary>
    public bool RequiresLogin
    {
        get
        {
            lock (_s.Gate)
            {
                return !IsDockerHub && _s.Users.Count > 0;
            }
        }
    }

    /// <summary>The repositories, ordinal order, including those a stock source serves before their first pull
    /// (<see cref="World.DefaultWorld"/>).</summary>
    /// <returns>A snapshot of the repository paths (<c>library/alpine</c>).</returns>
    public IReadOnlyList<string> Repositories()
    {
        lock (_s.Gate)
        {
            var list = _s.Repositories.Keys.Union(SourceRepositories(), StringComparer.Ordinal).ToList();
            list.Sort(StringComparer.Ordinal);
            return list;
        }
    }

    /// <summary>A repository's tags, ordinal order (the registry API's <c>tags/list</c>), including those a stock source
    /// serves before their first pull.</summary>
    /// <param name="repository">The repository (<c>alpine</c> or <c>library/alpine</c> on Docker Hub).</param>
    /// <returns>The tags; empty when the repository does not exist.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="repository"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: not a repository name.</exception>
    public IReadOnlyList<string> Tags(string repository)
    {
        var path = NormalizeRepository(repository);
        lock (_s.Gate)
        {
            var list = (_s.Repositories.TryGetValue(path, out var repo) ? repo.Tags.Keys : Enumerable.Empty<string>())
                .Union(SourceTags(path), StringComparer.Ordinal).ToList();
            list.Sort(StringComparer.Ordinal);
            return list;
        }
    }

    /// <summary>Resolves a tag or a manifest digest in a repository.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="tagOrDigest">A tag (<c>latest</c>) or a digest (<c>sha256:...</c>).</param>
    /// <param name="digest">The manifest digest, or the empty digest.</param>
    /// <param name="manifest">The manifest bytes as stored, or empty.</param>
    /// <returns>Whether the manifest exists.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: not a repository name.</exception>
    public bool TryGetManifest(string repository, string tagOrDigest, out Digest digest, out ReadOnlyMemory<byte> manifest)
    {
        ArgumentNullException.ThrowIfNull(tagOrDigest);
        return TryResolve(NormalizeRepository(repository), tagOrDigest, out digest, out manifest);
    }

    /// <summary>Whether a repository links a blob (a layer, config or manifest).</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="digest">The blob digest.</param>
    /// <returns><see langword="true"/> if linked.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="repository"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: not a repository name.</exception>
    public bool HasBlob(string repository, Digest digest)
    {
        var path = NormalizeRepository(repository);
        lock (_s.Gate)
        {
            return _s.Repositories.TryGetValue(path, out var repo) && (repo.Blobs.Contains(digest) || repo.Manifests.Contains(digest));
        }
    }

    /// <summary>
    /// Stores an image in a repository as a push would (layer tars, config, manifest) and points a tag at it, without an
    /// engine and without access checks: the way tests seed a registry.
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="repository">The repository (<c>alpine</c>, <c>team/app</c>).</param>
    /// <param name="tag">The tag; <c>latest</c> by default.</param>
    /// <param name="format">The manifest format; Docker schema 2 by default.</param>
    /// <returns>The manifest digest.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: not a repository name or tag.</exception>
    public Digest Put(Image image, string repository, string tag = ImageReference.DefaultTag, ManifestFormat format = ManifestFormat.DockerV2)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(tag);
        var path = NormalizeRepository(repository);
        ImageReference.Parse(Host + "/" + path).WithTag(tag);
        return PutImage(path, tag, image, format).Digest;
    }

    /// <summary>
    /// Stores manifest bytes exactly as given (even malformed ones, for tests of bad input) under their <c>sha256</c>
    /// digest in a repository, optionally tagged. The blobs it names are not checked; those that parse become its
    /// children in the content store.
    /// </summary>
    /// <param name="repository">The repository.</param>
    /// <param name="tag">The tag to point at it, or <see langword="null"/> for none.</param>
    /// <param name="manifest">The manifest bytes.</param>
    /// <returns>The manifest digest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="repository"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: not a repository name or tag.</exception>
    public Digest PutManifest(string repository, string? tag, ReadOnlySpan<byte> manifest)
    {
        var path = NormalizeRepository(repository);
        if (tag is not null)
        {
            ImageReference.Parse(Host + "/" + path).WithTag(tag);
        }

        var parsed = ManifestJson.TryParse(manifest);
        List<Digest> children = [];
        if (parsed is not null)
        {
            children.Add(parsed.Config.Digest);
            children.AddRange(parsed.Layers.Select(l => l.Digest));
        }

        return StoreManifest(path, tag, manifest, children);
    }

    /// <summary>Stores a blob (a layer tar or a config) in a repository, as a blob upload does.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="content">The bytes.</param>
    /// <returns>The blob's <c>sha256</c> digest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="repository"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: not a repository name.</exception>
    public Digest PutBlob(string repository, ReadOnlySpan<byte> content)
    {
        var path = NormalizeRepository(repository);
        var digest = _content.Write(content);
        LinkBlob(path, digest);
        return digest;
    }

    /// <summary>
    /// Makes the registry serve other bytes for a blob digest from now on (a corrupt mirror or a tampered blob), so
    /// clients that verify digests refuse it. The content store is not changed.
    /// </summary>
    /// <param name="digest">The blob digest as manifests name it.</param>
    /// <param name="content">The bytes to serve instead.</param>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is the empty digest.</exception>
    public void ServeBlobAs(Digest digest, ReadOnlySpan<byte> content)
    {
        if (digest.IsEmpty)
        {
            throw new ArgumentException("The digest is empty.", nameof(digest));
        }

        lock (_s.Gate)
        {
            _s.Tampered[digest] = content.ToArray();
        }
    }

    /// <summary>Adds a user (or changes a user's password). On a registry other than Docker Hub this turns on authentication.</summary>
    /// <param name="user">The user name.</param>
    /// <param name="password">The password.</param>
    /// <exception cref="ArgumentException">An argument is <see langword="null"/> or empty.</exception>
    public void AddUser(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(password);
        lock (_s.Gate)
        {
            _s.Users[user] = password;
        }
    }

    /// <summary>
    /// Limits a repository to some users, for pulls and pushes: anyone else (and anonymous clients) is denied, as a
    /// private repository. Calling it again replaces the list.
    /// </summary>
    /// <param name="repository">The repository.</param>
    /// <param name="users">The users allowed.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: not a repository name.</exception>
    public void Restrict(string repository, params string[] users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var path = NormalizeRepository(repository);
        lock (_s.Gate)
        {
            _s.Restricted[path] = new HashSet<string>(users, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Makes the next <paramref name="operation"/> on a repository fail with <paramref name="message"/>
    /// (a <see cref="DockerSimulatorException"/> of kind <see cref="ErrorKind.FailedPrecondition"/>), once. Calls queue up.
    /// </summary>
    /// <param name="repository">The repository.</param>
    /// <param name="operation">Pull or push.</param>
    /// <param name="message">The daemon's error text, e.g. <c>received unexpected HTTP status: 503 Service Unavailable</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: not a repository name.</exception>
    public void FailNext(string repository, RegistryOperation operation, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var path = NormalizeRepository(repository);
        lock (_s.Gate)
        {
            if (!_s.Failures.TryGetValue((path, operation), out var queue))
            {
                queue = new Queue<string>();
                _s.Failures[(path, operation)] = queue;
            }

            queue.Enqueue(message);
        }
    }

    /// <summary>The repository path as this registry names it (<c>alpine</c> becomes <c>library/alpine</c> on Docker Hub).</summary>
    internal string NormalizeRepository(string repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var reference = ImageReference.Parse(Host + "/" + repository);
        if (reference.Domain != Host || !reference.IsNameOnly)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "invalid reference format");
        }

        return reference.Path;
    }

    internal bool Authenticate(string user, string password)
    {
        lock (_s.Gate)
        {
            if (_s.Users.TryGetValue(user, out var expected))
            {
                return expected == password;
            }

            return IsDockerHub ? password.Length > 0 : _s.Users.Count == 0;
        }
    }

    internal bool IsAllowed(string path, string? user)
    {
        lock (_s.Gate)
        {
            return !_s.Restricted.TryGetValue(path, out var users) || (user is not null && users.Contains(user));
        }
    }

    internal string? TakeFailure(string path, RegistryOperation operation)
    {
        lock (_s.Gate)
        {
            if (_s.Failures.TryGetValue((path, operation), out var queue) && queue.TryDequeue(out var message))
            {
                if (queue.Count == 0)
                {
                    _s.Failures.Remove((path, operation));
                }

                return message;
            }

            return null;
        }
    }

    internal bool RepositoryExists(string path)
    {
        lock (_s.Gate)
        {
            return _s.Repositories.ContainsKey(path) || SourceHasRepository(path);
        }
    }

    internal bool TryResolve(string path, string tagOrDigest, out Digest digest, out ReadOnlyMemory<byte> manifest)
    {
        Provide(path, tagOrDigest);
        lock (_s.Gate)
        {
            digest = default;
            manifest = default;
            if (!_s.Repositories.TryGetValue(path, out var repo))
            {
                return false;
            }

            if (Digest.TryParse(tagOrDigest, out var d))
            {
                if (!repo.Manifests.Contains(d))
                {
                    return false;
                }

                digest = d;
            }
            else if (!repo.Tags.TryGetValue(tagOrDigest, out digest))
            {
                return false;
            }

            manifest = _s.Tampered.TryGetValue(digest, out var bad) ? bad : _content.Read(digest);
            return true;
        }
    }

    /// <summary>Reads a blob linked in a repository, as served (tampered bytes included).</summary>
    internal bool TryReadBlob(string path, Digest digest, out ReadOnlyMemory<byte> content, out bool tampered)
    {
        lock (_s.Gate)
        {
            content = default;
            tampered = false;
            if (!_s.Repositories.TryGetValue(path, out var repo) || !repo.Blobs.Contains(digest))
            {
                return false;
            }

            if (_s.Tampered.TryGetValue(digest, out var bad))
            {
                content = bad;
                tampered = true;
                return true;
            }

            return _content.TryRead(digest, out content);
        }
    }

    /// <summary>Another repository of this registry that links the blob (ordinal first), for a cross-repository mount.</summary>
    internal string? FindBlob(Digest digest, string exceptPath)
    {
        lock (_s.Gate)
        {
            string? found = null;
            foreach (var (path, repo) in _s.Repositories)
            {
                if (path != exceptPath && repo.Blobs.Contains(digest) && (found is null || string.CompareOrdinal(path, found) < 0))
                {
                    found = path;
                }
            }

            return found;
        }
    }

    internal void LinkBlob(string path, Digest digest)
    {
        lock (_s.Gate)
        {
            var repo = GetOrAddRepository(path);
            if (repo.Blobs.Add(digest))
            {
                _content.AddRoot(digest);
                _s.Mirror?.BlobLinked(path, digest, _content.Read(digest));
            }
        }
    }

    internal (Digest Digest, int Size) PutImage(string path, string tag, Image image, ManifestFormat format)
    {
        var oci = format == ManifestFormat.Oci;
        var layers = new BlobDescriptor[image.Layers.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            var layer = image.Layers[i];
            var digest = LayerBlobs.Store(_content, layer);
            _world.RememberLayer(digest, layer);
            layers[i] = new BlobDescriptor(oci ? MediaTypes.OciLayer : MediaTypes.DockerLayer, layer.TarLength, digest);
            LinkBlob(path, digest);
        }

        var configDigest = _content.Write(image.ConfigJson.Span);
        LinkBlob(path, configDigest);
        var config = new BlobDescriptor(oci ? MediaTypes.OciConfig : MediaTypes.DockerConfig, image.ConfigJson.Length, configDigest);
        var bytes = ManifestJson.Write(oci ? MediaTypes.OciManifest : MediaTypes.DockerManifest, config, layers);
        List<Digest> children = [configDigest, .. layers.Select(l => l.Digest)];
        return (StoreManifest(path, tag, bytes, children), bytes.Length);
    }

    private Digest StoreManifest(string path, string? tag, ReadOnlySpan<byte> manifest, IReadOnlyList<Digest> children)
    {
        lock (_s.Gate)
        {
            var digest = _content.Write(manifest, children);
            var repo = GetOrAddRepository(path);
            if (repo.Manifests.Add(digest))
            {
                _content.AddRoot(digest);
            }

            if (tag is not null)
            {
                repo.Tags[tag] = digest;
            }

            _s.Mirror?.ManifestStored(path, tag, digest, _content.Read(digest));
            return digest;
        }
    }

    private Repository GetOrAddRepository(string path)
    {
        if (!_s.Repositories.TryGetValue(path, out var repo))
        {
            repo = new Repository();
            _s.Repositories.Add(path, repo);
        }

        return repo;
    }

    /// <summary>The layer instance a blob was made from, when the world knows it (saves parsing the tar again).</summary>
    internal bool TryGetKnownLayer(Digest digest, [NotNullWhen(true)] out Layer? layer) => _world.TryGetLayer(digest, out layer);

    /// <summary>What a registry holds; shared by the <see cref="Registry"/> objects of one server.</summary>
    internal sealed class SharedState
    {
        public Lock Gate { get; } = new();

        public Dictionary<string, Repository> Repositories { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Users { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, HashSet<string>> Restricted { get; } = new(StringComparer.Ordinal);

        public Dictionary<Digest, byte[]> Tampered { get; } = [];

        public Dictionary<(string Repository, RegistryOperation Operation), Queue<string>> Failures { get; } = [];

        /// <summary>Told of every blob link and manifest (under <see cref="Gate"/>), to keep a storage layout in step.</summary>
        public IRegistryStorageMirror? Mirror { get; set; }
    }

    internal sealed class Repository
    {
        public Dictionary<string, Digest> Tags { get; } = new(StringComparer.Ordinal);

        public HashSet<Digest> Manifests { get; } = [];

        public HashSet<Digest> Blobs { get; } = [];
    }
}
