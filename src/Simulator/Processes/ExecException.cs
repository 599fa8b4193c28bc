using Simulator.FileSystem;

namespace Simulator.Processes;

/// <summary>
/// A process could not be started because its program could not be executed: not found, not executable,
/// a directory, or not a recognised format. Carries Docker's texts and the exit status Docker reports.
/// </summary>
/// <remarks>
/// <para>Texts as runc 1.x (which uses Go's <c>exec.LookPath</c>) and Docker 28 give them:
/// <see cref="RuntimeMessage"/> is runc's <c>exec: "foo": executable file not found in $PATH</c>,
/// <c>exec: "/x": stat /x: no such file or directory</c>, <c>exec: "/x": permission denied</c> or
/// <c>exec: "/tmp": is a directory</c>; <see cref="Exception.Message"/> is the daemon's
/// <c>failed to create task for container: failed to create shim task: OCI runtime create failed: runc
/// create failed: unable to start container process: error during container init: RUNTIME: unknown</c>
/// (<c>docker run</c> prints it after <c>docker: Error response from daemon: </c>).</para>
/// <para><see cref="ExitCode"/> is 127 for a missing program and 126 otherwise, as moby's
/// <c>daemon/start.go</c> (<c>translateContainerdStartErr</c>) sets the container's exit code;
/// <see cref="DockerSimulatorException.Kind"/> is <see cref="ErrorKind.InvalidArgument"/> (HTTP 400).</para>
/// </remarks>
public sealed class ExecException : DockerSimulatorException
{
    /// <summary>The daemon's wrapping of runc's message, before the runtime text.</summary>
    public const string DaemonPrefix =
        "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ";

    /// <summary>Creates the exception.</summary>
    /// <param name="program">The program as named in argv[0].</param>
    /// <param name="errno"><see cref="Errno.ENOENT"/>, <see cref="Errno.EACCES"/>, <see cref="Errno.EISDIR"/>, or 8 (<c>ENOEXEC</c>).</param>
    /// <param name="runtimeMessage">runc's text.</param>
    public ExecException(string program, Errno errno, string runtimeMessage)
        : base(ErrorKind.InvalidArgument, DaemonPrefix + runtimeMessage + ": unknown")
    {
        Program = program;
        Errno = errno;
        RuntimeMessage = runtimeMessage;
    }

    /// <summary>The program as argv[0] named it.</summary>
    public string Program { get; }

    /// <summary>Why: <see cref="Errno.ENOENT"/> (not found), <see cref="Errno.EACCES"/>, <see cref="Errno.EISDIR"/>, or 8 (<c>ENOEXEC</c>, not a program).</summary>
    public Errno Errno { get; }

    /// <summary>runc's text, e.g. <c>exec: "foo": executable file not found in $PATH</c>.</summary>
    public string RuntimeMessage { get; }

    /// <summary>The exit status Docker gives the container: 127 when not found, else 126.</summary>
    public int ExitCode => Errno == Errno.ENOENT ? 127 : 126;
}
