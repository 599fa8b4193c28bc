namespace Simulator.Processes;

/// <summary>
/// A simulated program: the code a process runs, given its <see cref="ProcessContext"/> (argv, env,
/// filesystem, stdio, signals, clock), returning its exit status.
/// </summary>
/// <remarks>
/// Exit statuses are taken modulo 256, as <c>exit(3)</c> does. An exception that escapes the program ends
/// the process with status 1 after writing <c>argv0: message</c> to its stderr, except an
/// <see cref="OperationCanceledException"/> after the process was ended by a signal, which is expected,
/// and an <see cref="IOException"/> <c>Broken pipe</c> from writing to a closed <see cref="ProcessPipe"/>,
/// which ends the process with 141 (<c>SIGPIPE</c>) as the kernel would.
/// Programs must be safe to run concurrently in many processes.
/// </remarks>
/// <param name="context">The process's context.</param>
/// <returns>The exit status.</returns>
public delegate Task<int> SimulatedProgram(ProcessContext context);
