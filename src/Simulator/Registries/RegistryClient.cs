using System.IO.Abstractions;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Registries;

/// <summary>
/// The engine's side of registries: <c>docker pull</c>, <c>docker push</c>, <c>docker login</c> and <c>docker logout</c>
/// between an <see cref="IImageStore"/> and a <see cref="RegistryWorld"/>, with Docker 28's output and error texts.
/// </summary>
/// <remarks>
/// <para>
/// <b>Output.</b> Each operation returns the lines the docker CLI prints to stdout without a TTY (progress bars are
/// not printed then: docker/cli jsonmessage skips progress messages when the output is not a terminal) and also
/// hands each line, as it is produced, to the optional <c>output</c> callback, so lines printed before a failure
/// are seen too. Where real transfers run concurrently the order is fixed: downloads and uploads report in layer
/// order. Errors are <see cref="DockerSimulatorException"/>s whose message is the daemon's text (the CLI adds
/// <c>Error response from daemon: </c>).
/// </para>
/// <para>
/// <b>Credentials</b> are kept in the client config file on the host file system, as the CLI keeps them
/// (<c>~/.docker/config.json</c>); pulls and pushes use the stored login of the registry's host. A stored login that
/// the registry does not accept (a changed password) fails pulls and pushes: Docker Hub <c>unauthorized: incorrect
/// username or password</c>, other registries <c>unauthorized: authentication required</c>.
/// </para>
/// <para>
/// <b>Failures leave no trace</b>: a pull verifies the manifest, config and every layer before it adds the image;
/// a push checks access before it writes anything.
/// </para>
/// <para>Thread-safe, as the image store and the registries are.</para>
/// </remarks>
public sealed class RegistryClient
{
    private const int MaxConcurrentDownloads = 3; // dockerd --max-concurrent-downloads default
    private const int MaxConcurrentUploads = 5; // dockerd --max-concurrent-uploads default
    private readonly RegistryWorld _world;
    private readonly IImageStore _images;
    private readonly IFileSystem _fileSystem;

    /// <summary>Creates a client.</summary>
    /// <param name="world">The registries.</param>
    /// <param name="images">The engine's image store (over <see cref="RegistryWorld.Content"/>).</param>
    /// <param name="fileSystem">The host file system that holds the client config file.</param>
    /// <param name="configPath">
    /// The client config file; <c>~/.docker/config.json</c> (the user profile folder's <c>.docker/config.json</c>) when
    /// <see langword="null"/>.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="world"/>, <paramref name="images"/> or <paramref name="fileSystem"/> is <see langword="null"/>.</exception>
    public RegistryClient(RegistryWorld world, IImageStore images, IFileSystem fileSystem, string? configPath = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(fileSystem);
        _world = world;
        _images = images;
        _fileSystem = fileSystem;
        ConfigPath = configPath ?? fileSystem.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "config.json");
    }

    /// <summary>The client config file that holds logins.</summary>
    public string ConfigPath { get; }

    /// <summary>
    /// The engine's network, or <see langword="null"/> (the default) for none. When set, a loopback host the world has no
    /// registry for (<c>localhost:5000</c>, <c>127.0.0.1:5000</c>, <c>[::1]:5000</c>) is reached through the port published
    /// there: a container running the <c>registry</c> program of <c>registry:2</c> (<see cref="Userland.RegistryProgram"/>)
    /// serves pushes and pulls from its <c>/var/lib/registry</c>. Nothing listening there fails as Docker does
    /// (<c>Get "http://localhost:5000/v2/": dial tcp [::1]:5000: connect: connection refused</c>). Set it before first use.
    /// </summary>
    public Networking.SimulatedNetwork? Network { get; init; }

    /// <summary>
    /// <c>docker pull</c> (docker/cli cli/command/image/pull.go; moby daemon/internal/distribution/pull_v2.go and
    /// xfer/download.go): resolves the reference (<c>Using default tag: latest</c> for a bare name), fetches the manifest,
    /// the config and the layers the store lacks, verifies their digests, adds the image, tags it and records the
    /// repository digest.
    /// </summary>
    /// <remarks>
    /// Output, e.g. for a new two-layer image of which the store has the base:
    /// <code>
    /// Using default tag: latest
    /// latest: Pulling from library/app
    /// 5a8ba3c4d2f1: Already exists
    /// 9c0e4f6a1b2d: Pulling fs layer
    /// 9c0e4f6a1b2d: Verifying Checksum
    /// 9c0e4f6a1b2d: Download complete
    /// 9c0e4f6a1b2d: Pull complete
    /// Digest: sha256:...
    /// Status: Downloaded newer image for app:latest
    /// docker.io/library/app:latest
    /// </code>
    /// A layer is <c>Already exists</c> while the store has the layer stack up to it (its ChainID); from the first
    /// missing layer on, every layer is pulled. Layers past the third print <c>Waiting</c> after the
    /// <c>Pulling fs layer</c> lines (three concurrent downloads). When the image itself is in the store, no layer lines
    /// are printed. Pull by digest prints <c>sha256:...: Pulling from ...</c> and names <c>app@sha256:...</c>.
    /// </remarks>
    /// <param name="reference">The reference, as given to <c>docker pull</c>.</param>
    /// <param name="output">Receives each output line as it is produced; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the pull before it starts.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: not a reference (<c>invalid reference format</c>, ...), a malformed manifest
    /// (<c>unsupported manifest format</c>), config (the config parser's text, <c>invalid rootfs in image configuration</c>)
    /// or layer (the tar reader's text); <see cref="ErrorKind.NotFound"/>: no registry at the host
    /// (<c>Get "https://host/v2/": dial tcp: lookup host on 127.0.0.53:53: no such host</c>; for a loopback host
    /// <c>Get "http://localhost:5000/v2/": dial tcp [::1]:5000: connect: connection refused</c>), no such repository on Docker
    /// Hub or a private one (<c>pull access denied for foo, repository does not exist or may require 'docker login': denied:
    /// requested access to the resource is denied</c>), no such tag or digest (<c>manifest for foo:bar not found: manifest
    /// unknown: manifest unknown</c>); <see cref="ErrorKind.FailedPrecondition"/>: digests do not match (<c>manifest verification
    /// failed for digest ...</c>, <c>error pulling image configuration: image config verification failed for digest ...</c>,
    /// <c>filesystem layer verification failed for digest ...</c>, <c>layers from manifest don't match image configuration</c>),
    /// a blob is missing, no login on a registry that needs one (<c>Head "http://localhost:5000/v2/app/manifests/latest": no basic
    /// auth credentials</c>), a stored login the registry refuses (<c>Head "https://registry-1.docker.io/v2/library/app/manifests/latest":
    /// unauthorized: incorrect username or password</c>), or a failure injected
    /// with <see cref="Registry.FailNext"/>. The store is unchanged by every failure.
    /// </exception>
    public Task<PullResult> PullAsync(string reference, Action<string>? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Pull(reference, output));
    }

    /// <summary>
    /// <c>docker push</c> of one tag (docker/cli cli/command/image/push.go; moby daemon/internal/distribution/push.go,
    /// push_v2.go and xfer/upload.go): a bare name pushes <c>:latest</c> (<c>Using default tag: latest</c>). Uploads the
    /// layers the repository lacks, then the config and a Docker schema 2 manifest, points the tag at it and records the
    /// repository digest in the store.
    /// </summary>
    /// <remarks>
    /// Output, e.g.:
    /// <code>
    /// The push refers to repository [localhost:5000/app]
    /// 9c0e4f6a1b2d: Preparing
    /// 5a8ba3c4d2f1: Preparing
    /// 9c0e4f6a1b2d: Pushed
    /// 5a8ba3c4d2f1: Mounted from base
    /// latest: digest: sha256:... size: 739
    /// </code>
    /// Layers are listed top first, as Docker walks the layer chain from the top. A layer the repository has is
    /// <c>Layer already exists</c>; one another repository of the same registry has is mounted (<c>Mounted from
    /// &lt;path&gt;</c>, ordinal first such repository); others are <c>Pushed</c>. Layers past the fifth print <c>Waiting</c>
    /// (five concurrent uploads).
    /// </remarks>
    /// <param name="reference">The reference, as given to <c>docker push</c>.</param>
    /// <param name="output">Receives each output line as it is produced; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the push before it starts.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/>: not a reference, or a digest reference (<c>cannot push a digest reference</c>);
    /// <see cref="ErrorKind.NotFound"/>: nothing in the store is tagged with the repository (<c>An image does not exist
    /// locally with the tag: localhost:5000/app</c>) or with this tag (<c>tag does not exist: localhost:5000/app:v2</c>), or
    /// no registry at the host; <see cref="ErrorKind.FailedPrecondition"/>, after the <c>Preparing</c> lines: not logged in
    /// to Docker Hub, or pushing outside one's own namespace there, or to a restricted repository
    /// (<c>denied: requested access to the resource is denied</c>), not logged in to a registry with users
    /// (<c>no basic auth credentials</c>), a stored login the registry refuses (<c>unauthorized: incorrect username or password</c>
    /// on Docker Hub, <c>unauthorized: authentication required</c> elsewhere), or a failure injected with
    /// <see cref="Registry.FailNext"/>. Nothing is written on failure.
    /// </exception>
    public Task<PushResult> PushAsync(string reference, Action<string>? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Push(reference, output));
    }

    /// <summary>
    /// <c>docker login</c>: checks the credentials with the registry and stores them in the client config file
    /// (<c>"auths": {"https://index.docker.io/v1/": {"auth": "&lt;base64 user:password&gt;"}}</c> for Docker Hub, the host for
    /// others).
    /// </summary>
    /// <param name="server">
    /// The registry: <see langword="null"/>, <c>""</c>, <c>docker.io</c>, <c>index.docker.io</c> or <c>https://index.docker.io/v1/</c>
    /// for Docker Hub; otherwise a host (<c>localhost:5000</c>), optionally with a scheme.
    /// </param>
    /// <param name="user">The user name.</param>
    /// <param name="password">The password.</param>
    /// <returns><c>Login Succeeded</c>, the CLI's message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> or <paramref name="password"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.NotFound"/>: no registry at the host (the DNS error text); <see cref="ErrorKind.FailedPrecondition"/>,
    /// nothing stored: wrong credentials, Docker Hub <c>Get "https://registry-1.docker.io/v2/": unauthorized: incorrect
    /// username or password</c> (moby daemon/pkg/registry/auth.go <c>loginV2</c>), other registries
    /// <c>login attempt to http://localhost:5000/v2/ failed with status: 401 Unauthorized</c>.
    /// </exception>
    public string Login(string? server, string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        var (host, key, _) = ResolveServer(server);
        if (!TryResolve(host, out var registry))
        {
            throw RegistryErrors.Unreachable(host);
        }

        if (user.Length == 0 || !registry.Authenticate(user, password))
        {
            throw registry.IsDockerHub ? RegistryErrors.HubLoginFailed() : RegistryErrors.LoginFailed(registry.Host);
        }

        DockerConfigFile.Store(_fileSystem, ConfigPath, key, user, password);
        return "Login Succeeded";
    }

    /// <summary>
    /// <c>docker logout</c> (docker/cli cli/command/registry/logout.go): removes stored credentials for the registry
    /// (for a host also under <c>http://host</c> and <c>https://host</c>); not being logged in is no error.
    /// </summary>
    /// <param name="server">The registry, as for <see cref="Login"/>; Docker Hub when <see langword="null"/>.</param>
    /// <returns>The CLI's message: <c>Removing login credentials for https://index.docker.io/v1/</c>, or for the host.</returns>
    public string Logout(string? server = null)
    {
        var (host, key, isHub) = ResolveServer(server);
        var keys = isHub ? [key] : new[] { server!, host, "http://" + host, "https://" + host };
        DockerConfigFile.Erase(_fileSystem, ConfigPath, keys.Distinct(StringComparer.Ordinal));
        return "Removing login credentials for " + (isHub ? key : host);
    }

    /// <summary>
    /// The requests of one blob upload as distribution logs them: the existence check, the upload session, the data and the
    /// commit. The upload UUID is derived from the digest; the signed <c>_state</c> query parameter is left out.
    /// </summary>
    private static void LogUpload(RegistryStorage served, string path, Digest digest)
    {
        var h = Digest.Compute(System.Text.Encoding.UTF8.GetBytes(path + "@" + digest)).Encoded;
        var uuid = $"{h[..8]}-{h[8..12]}-4{h[13..16]}-a{h[17..20]}-{h[20..32]}";
        served.LogEngineRequest("HEAD", $"/v2/{path}/blobs/{digest}", 404, 0);
        served.LogEngineRequest("POST", $"/v2/{path}/blobs/uploads/", 202, 0);
        served.LogEngineRequest("PATCH", $"/v2/{path}/blobs/uploads/{uuid}", 202, 0);
        served.LogEngineRequest("PUT", $"/v2/{path}/blobs/uploads/{uuid}?digest={digest}", 201, 0);
    }

    /// <summary>The registry at a host: one of the world's, else a container's served through a published loopback port.</summary>
    private bool TryResolve(string host, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Registry? registry)
    {
        if (_world.TryGet(host, out registry))
        {
            return true;
        }

        if (Network is null || !TrySplitLoopback(host, out var name, out var port))
        {
            return false;
        }

        // A container started a moment ago may still be running its entrypoint: wait (briefly) for its listener.
        var deadline = Environment.TickCount64 + 5000;
        while (true)
        {
            if (Network.Route(name, port, null) is { } handler)
            {
                if (RegistryStorage.TryGet(handler, out var storage))
                {
                    registry = storage.For(host, _world);
                    return true;
                }

                return false;
            }

            if (!Network.IsPublishedByRunning(name, port) || Environment.TickCount64 > deadline)
            {
                return false;
            }

            Thread.Sleep(1);
        }
    }

    private static bool TrySplitLoopback(string host, out string name, out int port)
    {
        name = "";
        port = 0;
        int colon = host.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(host.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        name = host[..colon];
        return name is "localhost" or "127.0.0.1" or "[::1]";
    }

    /// <summary>The credentials stored for a registry (as <see cref="Login"/> takes it), and whether it is Docker Hub.</summary>
    internal ((string User, string Password)? Stored, bool IsHub) StoredCredentials(string? server)
    {
        var (_, key, hub) = ResolveServer(server);
        return (DockerConfigFile.Read(_fileSystem, ConfigPath, key), hub);
    }

    private static (string Host, string Key, bool IsHub) ResolveServer(string? server)
    {
        if (string.IsNullOrEmpty(server) || server is DockerConfigFile.IndexServer or "docker.io" or "index.docker.io" or "registry-1.docker.io" or "https://index.docker.io" or "https://registry-1.docker.io")
        {
            return (ImageReference.DefaultDomain, DockerConfigFile.IndexServer, true);
        }

        // docker/cli credentials.ConvertToHostname: strip the scheme and any path.
        var host = server;
        if (host.StartsWith("http://", StringComparison.Ordinal))
        {
            host = host["http://".Length..];
        }
        else if (host.StartsWith("https://", StringComparison.Ordinal))
        {
            host = host["https://".Length..];
        }

        int slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            host = host[..slash];
        }

        return (host, host, false);
    }

    /// <summary>The stored login's user, <see langword="null"/> when none is stored; throws when the registry refuses it.</summary>
    private string? LoggedInUser(Registry registry, string? manifestUrl)
    {
        var key = registry.IsDockerHub ? DockerConfigFile.IndexServer : registry.Host;
        if (DockerConfigFile.Read(_fileSystem, ConfigPath, key) is not { } creds)
        {
            return null;
        }

        if (registry.Authenticate(creds.User, creds.Password))
        {
            return creds.User;
        }

        // The registry's errcode UNAUTHORIZED, behind the request that met it.
        var message = registry.IsDockerHub ? "unauthorized: incorrect username or password" : "unauthorized: authentication required";
        throw new DockerSimulatorException(ErrorKind.FailedPrecondition, manifestUrl is null ? message : $"Head \"{manifestUrl}\": {message}");
    }

    private static string ManifestUrl(Registry registry, string path, string tagOrDigest) =>
        registry.IsDockerHub
            ? $"https://registry-1.docker.io/v2/{path}/manifests/{tagOrDigest}"
            : $"{RegistryErrors.Scheme(registry.Host)}://{registry.Host}/v2/{path}/manifests/{tagOrDigest}";

    private PullResult Pull(string text, Action<string>? output)
    {
        var lines = new List<string>();
        void Emit(string line)
        {
            lines.Add(line);
            output?.Invoke(line);
        }

        var parsed = ImageReference.Parse(text);
        if (parsed.IsNameOnly)
        {
            Emit("Using default tag: " + ImageReference.DefaultTag);
        }

        var reference = parsed.ToDockerReference();
        if (!TryResolve(reference.Domain, out var registry))
        {
            throw RegistryErrors.Unreachable(reference.Domain);
        }

        var path = reference.Path;
        var tagOrDigest = reference.Digest?.ToString() ?? reference.Tag!;
        if (registry.TakeFailure(path, RegistryOperation.Pull) is { } injected)
        {
            throw new DockerSimulatorException(ErrorKind.FailedPrecondition, injected);
        }

        var user = LoggedInUser(registry, ManifestUrl(registry, path, tagOrDigest));
        if (registry.RequiresLogin && user is null)
        {
            throw new DockerSimulatorException(ErrorKind.FailedPrecondition, $"Head \"{ManifestUrl(registry, path, tagOrDigest)}\": {RegistryErrors.NoBasicAuthCredentials}");
        }

        if (!registry.IsAllowed(path, user))
        {
            throw RegistryErrors.PullAccessDenied(reference);
        }

        RegistryStorage.TryGetOwner(registry, out var served);
        served?.LogEngineRequest("GET", "/v2/", 200, 2);
        if (!registry.TryResolve(path, tagOrDigest, out var manifestDigest, out var manifestBytes))
        {
            served?.LogEngineRequest("HEAD", $"/v2/{path}/manifests/{tagOrDigest}", 404, 0);
            throw registry.IsDockerHub && !registry.RepositoryExists(path)
                ? RegistryErrors.PullAccessDenied(reference)
                : RegistryErrors.ManifestUnknown(reference);
        }

        var manifest = ManifestJson.TryParse(manifestBytes.Span)
            ?? throw new DockerSimulatorException(ErrorKind.InvalidArgument, RegistryErrors.UnsupportedManifestFormat);
        if (manifest.MediaType == MediaTypes.DockerManifest && manifest.Config.MediaType is not (MediaTypes.DockerConfig or MediaTypes.OciConfig))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, RegistryErrors.InvalidManifestClass(manifest.Config.MediaType));
        }

        if (reference.Digest is { } wanted)
        {
            if (!wanted.Matches(manifestBytes.Span))
            {
                throw new DockerSimulatorException(ErrorKind.FailedPrecondition, RegistryErrors.ManifestVerificationFailed(wanted));
            }
        }
        else
        {
            manifestDigest = Digest.Compute(manifestBytes.Span);
        }

        Emit($"{tagOrDigest}: Pulling from {path}");
        served?.LogEngineRequest("HEAD", $"/v2/{path}/manifests/{tagOrDigest}", 200, 0);
        served?.LogEngineRequest("GET", $"/v2/{path}/manifests/{manifestDigest}", 200, manifestBytes.Length);

        var imageId = manifest.Config.Digest;
        if (!_images.Contains(imageId))
        {
            var image = Download(registry, path, manifest, Emit);
            imageId = _images.Add(image).Id;
        }

        Emit("Digest: " + manifestDigest);

        bool downloaded;
        var digestReference = reference.WithoutTagOrDigest().WithDigest(manifestDigest);
        if (_images.TryGet(reference.ToString(), out var previous) && previous.Id == imageId)
        {
            _images.AddDigestReference(digestReference, imageId);
            downloaded = false;
        }
        else
        {
            _images.AddDigestReference(digestReference, imageId);
            if (reference.Tag is not null)
            {
                if (_images is InMemoryImageStore memory)
                {
                    memory.TagWithoutEvent(imageId.ToString(), reference.ToString()); // the reference store's AddTag: no tag event
                }
                else
                {
                    _images.Tag(imageId.ToString(), reference.ToString());
                }
            }

            downloaded = true;
        }

        // moby distribution/pull.go: ImageEventLogger(FamiliarString(ref), FamiliarName(repo), pull)
        (_images as InMemoryImageStore)?.LogImageEvent(reference.FamiliarString, reference.FamiliarName, "pull");

        Emit($"Status: {(downloaded ? "Downloaded newer image for" : "Image is up to date for")} {reference.FamiliarString}");
        Emit(reference.ToString());
        return new PullResult(reference, imageId, manifestDigest, downloaded, lines);
    }

    private Image Download(Registry registry, string path, ParsedManifest manifest, Action<string> emit)
    {
        foreach (var layer in manifest.Layers)
        {
            if (!layer.MediaType.StartsWith("application/vnd.oci.image.", StringComparison.Ordinal) &&
                !layer.MediaType.StartsWith("application/vnd.docker.image.rootfs.", StringComparison.Ordinal))
            {
                throw new DockerSimulatorException(ErrorKind.InvalidArgument, RegistryErrors.UnsupportedMediaType(layer.MediaType));
            }
        }

        // The config comes first here (moby fetches it concurrently with the layers).
        if (!registry.TryReadBlob(path, manifest.Config.Digest, out var configBytes, out _))
        {
            throw new DockerSimulatorException(ErrorKind.FailedPrecondition, "error pulling image configuration: download failed after attempts=1: unknown blob");
        }

        RegistryStorage.TryGetOwner(registry, out var served);
        served?.LogEngineRequest("GET", $"/v2/{path}/blobs/{manifest.Config.Digest}", 200, configBytes.Length);
        if (!manifest.Config.Digest.Matches(configBytes.Span))
        {
            throw new DockerSimulatorException(ErrorKind.FailedPrecondition, RegistryErrors.ConfigVerificationFailed(manifest.Config.Digest));
        }

        var config = ImageConfig.Parse(configBytes.Span);
        if (config.RootFsType != ImageConfig.LayersRootFsType)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, RegistryErrors.RootFsInvalid);
        }

        if (config.DiffIds.Count != manifest.Layers.Count)
        {
            throw new DockerSimulatorException(ErrorKind.FailedPrecondition, RegistryErrors.RootFsMismatch);
        }

        // xfer/download.go: "Already exists" while the layer store has the chain so far.
        var local = LocalLayers.Chains(_images);
        var layers = new Layer?[manifest.Layers.Count];
        var downloads = new List<int>();
        var seen = new HashSet<Digest>();
        bool missing = false;
        Digest chain = default;
        for (int i = 0; i < layers.Length; i++)
        {
            var diffId = config.DiffIds[i];
            chain = LocalLayers.NextChainId(chain, diffId);
            var id = manifest.Layers[i].Digest.ShortId;
            if (!missing && local.TryGetValue(chain, out var held))
            {
                layers[i] = held;
                emit(id + ": Already exists");
                continue;
            }

            missing = true;
            downloads.Add(i);
            if (seen.Add(manifest.Layers[i].Digest))
            {
                emit(id + ": Pulling fs layer");
            }
        }

        for (int n = MaxConcurrentDownloads; n < downloads.Count; n++)
        {
            emit(manifest.Layers[downloads[n]].Digest.ShortId + ": Waiting");
        }

        foreach (var i in downloads)
        {
            var descriptor = manifest.Layers[i];
            if (!registry.TryReadBlob(path, descriptor.Digest, out var blob, out var tampered))
            {
                throw new DockerSimulatorException(ErrorKind.FailedPrecondition, "unknown blob");
            }

            served?.LogEngineRequest("GET", $"/v2/{path}/blobs/{descriptor.Digest}", 200, blob.Length);
            emit(descriptor.Digest.ShortId + ": Verifying Checksum");
            // A generated blob's bytes are its layer's tar, right by construction: hashing would only generate them.
            bool generated = !tampered && GeneratedBlob.Is(blob);
            if (!generated && !descriptor.Digest.Matches(blob.Span))
            {
                throw new DockerSimulatorException(ErrorKind.FailedPrecondition, RegistryErrors.LayerVerificationFailed(descriptor.Digest));
            }

            var layer = !tampered && registry.TryGetKnownLayer(descriptor.Digest, out var known) ? known : LayerBlobs.Read(blob);
            if (layer.DiffId != config.DiffIds[i])
            {
                throw new DockerSimulatorException(ErrorKind.FailedPrecondition, RegistryErrors.RootFsMismatch);
            }

            _world.RememberLayer(descriptor.Digest, layer);
            layers[i] = layer;
            emit(descriptor.Digest.ShortId + ": Download complete");
        }

        var image = Image.FromConfigJson(configBytes.Span, layers!);
        foreach (var i in downloads)
        {
            emit(manifest.Layers[i].Digest.ShortId + ": Pull complete");
        }

        return image;
    }


    private PushResult Push(string text, Action<string>? output)
    {
        var lines = new List<string>();
        void Emit(string line)
        {
            lines.Add(line);
            output?.Invoke(line);
        }

        var parsed = ImageReference.Parse(text);
        if (parsed.Digest is not null)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, RegistryErrors.CannotPushDigest);
        }

        if (parsed.IsNameOnly)
        {
            Emit("Using default tag: " + ImageReference.DefaultTag);
        }

        var reference = parsed.WithDefaultTag();
        var repository = reference.WithoutTagOrDigest();
        Emit($"The push refers to repository [{repository.Name}]");

        if (!_images.TryGet(reference.ToString(), out var image))
        {
            bool anyTag = _images.List(all: true).Any(s =>
                s.RepoTags.Concat(s.RepoDigests).Any(r => ImageReference.Parse(r).Name == repository.Name));
            throw new DockerSimulatorException(ErrorKind.NotFound, anyTag ? RegistryErrors.TagDoesNotExist(reference) : RegistryErrors.NoLocalImage(repository));
        }

        if (!TryResolve(reference.Domain, out var registry))
        {
            throw RegistryErrors.Unreachable(reference.Domain);
        }

        var path = reference.Path;
        var top = new List<int>();
        for (int i = image.Layers.Count - 1; i >= 0; i--)
        {
            top.Add(i);
            Emit(image.DiffIds[i].ShortId + ": Preparing");
        }

        for (int n = MaxConcurrentUploads; n < top.Count; n++)
        {
            Emit(image.DiffIds[top[n]].ShortId + ": Waiting");
        }

        if (registry.TakeFailure(path, RegistryOperation.Push) is { } injected)
        {
            throw new DockerSimulatorException(ErrorKind.FailedPrecondition, injected);
        }

        var user = LoggedInUser(registry, null);

        if (registry.RequiresLogin && user is null)
        {
            throw new DockerSimulatorException(ErrorKind.FailedPrecondition, RegistryErrors.NoBasicAuthCredentials);
        }

        if ((registry.IsDockerHub && (user is null || !path.StartsWith(user + "/", StringComparison.Ordinal))) || !registry.IsAllowed(path, user))
        {
            throw new DockerSimulatorException(ErrorKind.FailedPrecondition, RegistryErrors.Denied);
        }

        RegistryStorage.TryGetOwner(registry, out var served);
        served?.LogEngineRequest("GET", "/v2/", 200, 2);
        var statuses = new List<string>();
        var done = new HashSet<Digest>();
        foreach (var i in top)
        {
            var diffId = image.DiffIds[i];
            if (!done.Add(diffId) || registry.HasBlob(path, diffId))
            {
                statuses.Add(diffId.ShortId + ": Layer already exists");
                served?.LogEngineRequest("HEAD", $"/v2/{path}/blobs/{diffId}", 200, 0);
            }
            else if (registry.FindBlob(diffId, path) is { } source)
            {
                statuses.Add(diffId.ShortId + ": Mounted from " + source);
                served?.LogEngineRequest("POST", $"/v2/{path}/blobs/uploads/?from={source}&mount={diffId}", 201, 0);
            }
            else
            {
                statuses.Add(diffId.ShortId + ": Pushed");
                if (served is not null)
                {
                    LogUpload(served, path, diffId);
                }
            }
        }

        if (served is not null)
        {
            var configDigest = Digest.Compute(image.ConfigJson.Span);
            if (registry.HasBlob(path, configDigest))
            {
                served.LogEngineRequest("HEAD", $"/v2/{path}/blobs/{configDigest}", 200, 0);
            }
            else
            {
                LogUpload(served, path, configDigest);
            }
        }

        var (digest, size) = registry.PutImage(path, reference.Tag!, image, ManifestFormat.DockerV2);
        foreach (var status in statuses)
        {
            Emit(status);
        }

        served?.LogEngineRequest("PUT", $"/v2/{path}/manifests/{reference.Tag}", 201, 0);
        Emit($"{reference.Tag}: digest: {digest} size: {size}");
        _images.AddDigestReference(repository.WithDigest(digest), image.Id);

        // moby distribution/push.go: ImageEventLogger(FamiliarString(ref), FamiliarName(repo), push)
        (_images as InMemoryImageStore)?.LogImageEvent(reference.FamiliarString, reference.FamiliarName, "push");
        return new PushResult(reference, image.Id, digest, size, lines);
    }
}
