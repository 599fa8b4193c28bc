using Simulator.References;

namespace Simulator.Registries;

/// <summary>Docker's texts for registry, pull, push, login and load failures (the daemon's messages, without the CLI's prefix).</summary>
internal static class RegistryErrors
{
    // moby daemon/internal/distribution/errors.go notFoundError: errors.Wrapf(cause, ...) over errcode.Error
    // ("<code>: <message>"), as Docker Hub and distribution's registry answer.
    public static DockerSimulatorException PullAccessDenied(ImageReference reference) =>
        new(ErrorKind.NotFound, $"pull access denied for {reference.FamiliarName}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied");

    public static DockerSimulatorException ManifestUnknown(ImageReference reference) =>
        new(ErrorKind.NotFound, $"manifest for {reference.FamiliarString} not found: manifest unknown: manifest unknown");

    // Go's net/http client error (url.Error over net.OpError) when no registry answers at a host, as Docker 28 prints
    // it: a DNS failure for a name (on a host whose resolver is systemd-resolved, 127.0.0.53:53), a refused connection
    // for a loopback host (reached over plain HTTP, insecure by default; localhost dials [::1] first).
    public static DockerSimulatorException Unreachable(string host)
    {
        var name = HostName(host);
        var scheme = Scheme(host);
        if (scheme == "http")
        {
            int colon = host.LastIndexOf(':');
            var port = colon < 0 || host.EndsWith(']') || (host.StartsWith('[') && colon < host.IndexOf(']', StringComparison.Ordinal)) ? "80" : host[(colon + 1)..];
            var address = name is "localhost" or "::1" ? "[::1]" : name;
            return new(ErrorKind.NotFound, $"Get \"http://{host}/v2/\": dial tcp {address}:{port}: connect: connection refused");
        }

        return new(ErrorKind.NotFound, $"Get \"https://{host}/v2/\": dial tcp: lookup {name} on 127.0.0.53:53: no such host");
    }

    // distribution registry/api/errcode ErrorCodeDenied, as a push without the right answers.
    public const string Denied = "denied: requested access to the resource is denied";

    // docker/distribution registry/client/auth ErrNoBasicAuthCredentials, when a registry with htpasswd auth sees no login.
    public const string NoBasicAuthCredentials = "no basic auth credentials";

    // moby daemon/pkg/registry/auth.go loginV2 (Docker Hub's token service answers "incorrect username or password").
    public static DockerSimulatorException HubLoginFailed() =>
        new(ErrorKind.FailedPrecondition, "Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password");

    public static DockerSimulatorException LoginFailed(string host) =>
        new(ErrorKind.FailedPrecondition, $"login attempt to {Scheme(host)}://{host}/v2/ failed with status: 401 Unauthorized");

    // moby daemon/internal/distribution/pull_v2.go
    public static string LayerVerificationFailed(Digest digest) => $"filesystem layer verification failed for digest {digest}";

    public static string ConfigVerificationFailed(Digest digest) => $"error pulling image configuration: image config verification failed for digest {digest}";

    public static string ManifestVerificationFailed(Digest digest) => $"manifest verification failed for digest {digest}";

    public const string RootFsMismatch = "layers from manifest don't match image configuration";
    public const string RootFsInvalid = "invalid rootfs in image configuration";
    public const string UnsupportedManifestFormat = "unsupported manifest format";

    public static string InvalidManifestClass(string mediaType) => $"Encountered remote \"{mediaType}\"(unknown) when fetching";

    public static string UnsupportedMediaType(string mediaType) => "unsupported media type " + mediaType;

    // moby daemon/internal/distribution/push.go and push_v2.go
    public static string NoLocalImage(ImageReference repository) => "An image does not exist locally with the tag: " + repository.FamiliarName;

    public static string TagDoesNotExist(ImageReference reference) => "tag does not exist: " + reference.FamiliarString;

    public const string CannotPushDigest = "cannot push a digest reference";

    // docker/distribution registry/api/v2 ErrorCodeBlobUnknown
    public static string BlobUnknown(Digest digest) => $"blob unknown: blob unknown to registry: {digest}";

    /// <summary>The scheme Docker reaches a registry with: plain HTTP for loopback hosts (insecure by default), HTTPS otherwise.</summary>
    public static string Scheme(string host)
    {
        var name = HostName(host);
        return name is "localhost" or "::1" || name.StartsWith("127.", StringComparison.Ordinal) ? "http" : "https";
    }

    public static string HostName(string host)
    {
        if (host.StartsWith('['))
        {
            int end = host.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? host[1..end] : host;
        }

        int colon = host.LastIndexOf(':');
        return colon > 0 ? host[..colon] : host;
    }
}
