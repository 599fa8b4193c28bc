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
