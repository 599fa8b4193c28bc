namespace Simulator.Containers;

/// <summary><c>docker exec</c>'s options. Immutable.</summary>
/// <param name="Cmd">The command (argv).</param>
public sealed record ExecConfig(IReadOnlyList<string> Cmd)
{
    /// <summary><c>-u</c>: the user; <see langword="null"/> or empty takes the container's.</summary>
    public string? User { get; init; }

    /// <summary><c>-w</c>: the working directory; <see langword="null"/> or empty takes the container's.</summary>
    public string? WorkingDir { get; init; }

    /// <summary><c>-e</c>: environment entries merged over the container's.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>Bytes given to the process's stdin (<c>-i</c> with piped input); <see langword="null"/> for none.
    /// <see cref="ContainerStore.ExecAttachedAsync"/> streams its own stdin instead.</summary>
    public byte[]? Stdin { get; init; }

    /// <summary><c>-t</c>: the process's stdio is a terminal (shells prompt; <c>TERM=xterm</c>); with
    /// <see cref="ContainerStore.ExecAttachedAsync"/> the output goes through the terminal's line discipline. Default false.</summary>
    public bool Tty { get; init; }
}
