namespace Simulator.Containers;

/// <summary><c>docker top</c>: titles and one row per process (ps's default <c>-ef</c> columns).</summary>
/// <param name="Titles"><c>UID PID PPID C STIME TTY TIME CMD</c>.</param>
/// <param name="Processes">One row per running process, by PID.</param>
public sealed record ContainerTop(IReadOnlyList<string> Titles, IReadOnlyList<IReadOnlyList<string>> Processes);
