namespace Simulator.Internal;

/// <summary>The one place that makes domain exceptions, with Docker's message texts.</summary>
internal static class Errors
{
    // distribution/reference reference.go and normalize.go
    public const string ReferenceInvalidFormat = "invalid reference format";
    public const string TagInvalidFormat = "invalid tag format";
    public const string DigestInvalidFormatRef = "invalid digest format";
    public const string NameContainsUppercase = "repository name must be lowercase";
    public const string NameEmpty = "repository name must have at least one component";
    public const string NameTooLong = "repository name must not be more than 255 characters";
    public const string NameNotCanonical = "repository name must be canonical";

    // opencontainers/go-digest digest.go
    public const string DigestInvalidFormat = "invalid checksum digest format";
    public const string DigestInvalidLength = "invalid checksum digest length";
    public const string DigestUnsupported = "unsupported digest algorithm";

    // moby daemon/internal/image/image.go NewFromJSON
    public const string ImageJsonNoRootFs = "invalid image JSON, no RootFS key";

    public static string RootFsTypeNotLayers(string type) => $"invalid rootfs type {type}: only layers is supported";

    public static string LayersDoNotMatchDiffIds(string detail) => "layers do not match rootfs.diff_ids: " + detail;

    public static string InvalidImageJson(string detail) => "invalid image JSON: " + detail;

    // moby daemon/images/image.go ErrImageDoesNotExist
    public static string NoSuchImage(string familiarReference) => "No such image: " + familiarReference;

    // moby daemon/images/image_delete.go
    public const string ImageHasDependentChildImages = "image has dependent child images";
    public const string ImageReferencedInMultipleRepositories = "image is referenced in multiple repositories";

    public static string ImageUsedByRunningContainer(string shortContainerId) => "image is being used by running container " + shortContainerId;

    public static string ImageUsedByStoppedContainer(string shortContainerId) => "image is being used by stopped container " + shortContainerId;

    public static string ImageDeleteConflict(string shortImageId, bool hard, string message) =>
        $"conflict: unable to delete {shortImageId} ({(hard ? "cannot be forced" : "must be forced")}) - {message}";

    public static string RepositoryReferenceConflict(string imageRef, string shortContainerId, string shortImageId) =>
        $"conflict: unable to remove repository reference {GoQuote(imageRef)} (must force) - container {shortContainerId} is using its referenced image {shortImageId}";

    // moby daemon/internal/refstore/store.go
    public const string TagWithDigestRefused = "refusing to create a tag with a digest reference";
    public const string AmbiguousTagName = "refusing to create an ambiguous tag using digest algorithm as name";

    public static string CannotOverwriteDigest(string digest) => "cannot overwrite digest " + digest;

    // moby daemon/images/image_history.go
    public const string TooManyNonEmptyLayers = "too many non-empty layers in History section";

    /// <summary>Go's <c>%q</c> of a string (strconv.Quote) for the printable ASCII texts Docker quotes.</summary>
    public static string GoQuote(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string RepositoryNameMustBeLowercase(string remoteName) =>
        $"invalid reference format: repository name ({remoteName}) must be lowercase";

    public static string HexRepositoryName(string name) =>
        $"invalid repository name ({name}), cannot specify 64-byte hexadecimal strings";

    public static DockerSimulatorException InvalidArgument(string message) =>
        new(ErrorKind.InvalidArgument, message);

    public static DockerSimulatorException NotFound(string message) =>
        new(ErrorKind.NotFound, message);

    public static DockerSimulatorException FailedPrecondition(string message) =>
        new(ErrorKind.FailedPrecondition, message);

    public static DockerSimulatorException Conflict(string message) =>
        new(ErrorKind.Conflict, message);

    public static DockerSimulatorException AlreadyExists(string message) =>
        new(ErrorKind.AlreadyExists, message);
}
