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

    /// <summary>Bytes given to the process's stdin (<c>-i</c> with piped input); <see langword="null"/> for none.</summary>
    public byte[]? Stdin { get; init; }
}
