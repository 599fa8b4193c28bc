namespace Simulator;

/// <summary>
/// A domain failure of the simulated engine, carrying the message text Docker gives for it.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Exception.Message"/> is exactly the daemon's (or the CLI's) text, without the
/// <c>Error response from daemon: </c> prefix the docker CLI adds, so it can be compared with real
/// Docker output. <see cref="Kind"/> says what sort of failure it is, as containerd's <c>errdefs</c>.
/// </para>
/// <para>Misuse of the .NET API itself (a <see langword="null"/> argument, say) throws the
/// <see cref="ArgumentException"/> family instead.</para>
/// </remarks>
public class DockerSimulatorException : Exception
{
    /// <summary>Creates an exception of the given kind with Docker's message text.</summary>
    /// <param name="kind">What sort of failure this is.</param>
    /// <param name="message">Docker's message text, e.g. <c>No such image: foo:latest</c>.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public DockerSimulatorException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What sort of failure this is.</summary>
    public ErrorKind Kind { get; }

    /// <summary>
    /// The HTTP status the Engine API answers with for this failure: 404 not found, 409 already
    /// exists and conflict, 400 invalid argument, 412 failed precondition, 501 not implemented
    /// (as moby's <c>errdefs</c> and containerd's <c>errhttp</c>).
    /// </summary>
    public int StatusCode => Kind switch
    {
        ErrorKind.NotFound => 404,
        ErrorKind.AlreadyExists => 409,
        ErrorKind.Conflict => 409,
        ErrorKind.InvalidArgument => 400,
        ErrorKind.FailedPrecondition => 412,
        ErrorKind.NotImplemented => 501,
        ErrorKind.Forbidden => 403,
        _ => 500,
    };
}
