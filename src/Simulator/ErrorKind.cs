namespace Simulator;

/// <summary>
/// The kind of a domain failure, the shared error vocabulary of the whole engine.
/// </summary>
/// <remarks>
/// The kinds are containerd's <c>errdefs</c> (not found, already exists, conflict, invalid argument,
/// failed precondition, not implemented), which moby maps to Engine API status codes; see
/// <see cref="DockerSimulatorException.StatusCode"/>.
/// </remarks>
public enum ErrorKind
{
    /// <summary>The named object does not exist (HTTP 404), e.g. <c>No such container: web</c>.</summary>
    NotFound,

    /// <summary>The object to create exists already (HTTP 409).</summary>
    AlreadyExists,

    /// <summary>The operation conflicts with the object's current state or users (HTTP 409), e.g. <c>volume is in use</c>.</summary>
    Conflict,

    /// <summary>The input is malformed (HTTP 400), e.g. <c>invalid reference format</c>.</summary>
    InvalidArgument,

    /// <summary>The system is not in the state the operation needs (HTTP 412), e.g. a blob whose content does not match its digest.</summary>
    FailedPrecondition,

    /// <summary>The operation is not implemented by the simulator or by Docker (HTTP 501).</summary>
    NotImplemented,

    /// <summary>The operation is not allowed on this object (HTTP 403), e.g. <c>bridge is a pre-defined network and cannot be removed</c> (moby <c>errdefs.Forbidden</c>).</summary>
    Forbidden,
}
