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

    // moby volume/service/errors.go (OpErr: "<op> <name>: <err>[ - [<refs>]]")
    public static string VolumeOp(string op, string name, string message) => $"{op} {name}: {message}";

    public static string NoSuchVolume(string name) => VolumeOp("get", name, "no such volume");

    public static string VolumeInUse(string name, IEnumerable<string> containerIds) =>
        VolumeOp("remove", name, "volume is in use") + " - [" + string.Join(", ", containerIds) + "]";

    // moby volume/local/local.go validateName
    public const string VolumeNameTooShort = "volume name is too short, names should be at least two alphanumeric characters";

    public static string VolumeNameInvalid(string name) =>
        $"{GoQuote(name)} includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path";

    // moby volume/drivers/extpoint.go lookup of a driver that is not registered
    public static string VolumePluginNotFound(string driver) =>
        $"error looking up volume plugin {driver}: plugin {GoQuote(driver)} not found";

    // moby api/types/filters/parse.go (invalidFilter, ParseFlag)
    public static string InvalidFilter(string name, IReadOnlyList<string>? values = null) =>
        "invalid filter '" + name + (values is null ? "" : "=" + string.Join(",", values)) + "'";

    public const string BadFilterFormat = "bad format of filter (expected name=value)";

    // moby volume/mounts/mounts.go and parser.go, validate.go
    public static string InvalidVolumeSpec(string spec) => $"invalid volume specification: '{spec}'";

    public static string InvalidMode(string mode) => "invalid mode: " + mode;

    public static string InvalidMountConfig(string type, string message) => $"invalid mount config for type {GoQuote(type)}: {message}";

    public static string MountFieldMissing(string field) => $"field {field} must not be empty";

    public static string MountFieldExtra(string field) => $"field {field} must not be specified";

    public static string MountPathNotAbsolute(string path) => $"invalid mount path: '{path}' mount path must be absolute";

    public const string MountTargetIsRoot = "invalid specification: destination can't be '/'";

    public const string AnonymousVolumeReadOnly = "must not set ReadOnly mode when using anonymous volumes";

    public const string MountTypeUnknown = "mount type unknown";

    public static string InvalidPropagation(string mode) => "invalid propagation mode: " + mode;

    public static string BindSourceDoesNotExist(string path) => "bind source path does not exist: " + path;

    public const string VolumesFromEmpty = "volumes-from specification cannot be an empty string";

    // moby daemon/errors.go duplicateMountPointError
    public static string DuplicateMountPoint(string destination) => "Duplicate mount point: " + destination;

    // moby daemon/create_unix.go createContainerOSSpecificSettings
    public static string MountOverExistingFile(string path) => "cannot mount volume over existing file, file exists " + path;

    // runc 1.2 libcontainer/rootfs_linux.go mountToRootfs + mountError (a bind of a directory over a file, or a file over a
    // directory, fails with ENOTDIR), wrapped by containerd and moby daemon/start.go translateContainerdStartErr.
    // The dstFd number and the absence of srcType/srcFd are not checked against a real run.
    public static string BindTypeMismatch(string source, string destination) =>
        "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: " +
        $"unable to start container process: error during container init: error mounting \"{source}\" to rootfs at \"{destination}\": " +
        $"mount src={source}, dst={destination}, dstFd=/proc/thread-self/fd/8, flags=MS_BIND|MS_REC: not a directory: unknown: " +
        "Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type";

    // docker/cli opts/mount.go MountOpt.Set
    public static string MountFieldNotKeyValue(string field) => $"invalid field '{field}' must be a key=value pair";

    public static string MountUnexpectedKey(string key, string field) => $"unexpected key '{key}' in '{field}'";

    public static string MountInvalidValue(string key, string value) => $"invalid value for {key}: {value}";

    public const string MountTypeRequired = "type is required";

    public const string MountTargetRequired = "target is required";

    public static string MountCannotMix(string prefix, string type) => $"cannot mix '{prefix}-*' options with mount type '{type}'";

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
