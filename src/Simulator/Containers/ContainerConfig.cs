namespace Simulator.Containers;

/// <summary>
/// The Engine API's container <c>Config</c> (what <c>docker create</c> sends besides the host config). Unset
/// (<see langword="null"/>) members take the image's value when the container is created (moby
/// <c>daemon/create.go</c>, <c>merge</c> in <c>daemon/commit.go</c>).
/// </summary>
/// <remarks>
/// Immutable. Command: the image's <c>Entrypoint</c> + <c>Cmd</c>; a given <see cref="Entrypoint"/> resets the
/// image's <c>Cmd</c>; a given <see cref="Cmd"/> replaces it. <see cref="Env"/> is merged over the image's
/// (same key replaced in place, new keys appended).
/// </remarks>
public sealed record ContainerConfig
{
    /// <summary>Creates a config for <paramref name="image"/> (a reference or ID).</summary>
    /// <param name="image">The image as given to <c>docker create</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is <see langword="null"/>.</exception>
    public ContainerConfig(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Image = image;
    }

    /// <summary>The image reference or ID as given (shown by <c>docker ps</c>).</summary>
    public string Image { get; init; }

    /// <summary>The command; <see langword="null"/> keeps the image's (unless <see cref="Entrypoint"/> is given).</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>The entrypoint; <see langword="null"/> keeps the image's; empty clears it.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Environment <c>KEY=VALUE</c> entries merged over the image's; empty by default.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>The working directory; <see langword="null"/> or empty takes the image's, then <c>/</c>.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>The user (<c>name</c>, <c>uid</c>, <c>uid:gid</c>...); <see langword="null"/> or empty takes the image's.</summary>
    public string? User { get; init; }

    /// <summary>Whether a TTY is allocated (<c>-t</c>); recorded, attach is not modelled yet.</summary>
    public bool Tty { get; init; }

    /// <summary>Whether stdin stays open (<c>-i</c>); recorded.</summary>
    public bool OpenStdin { get; init; }

    /// <summary>Whether stdin closes after the first attach ends; recorded.</summary>
    public bool StdinOnce { get; init; }

    /// <summary>Whether stdin is attached; recorded.</summary>
    public bool AttachStdin { get; init; }

    /// <summary>Whether stdout is attached; recorded.</summary>
    public bool AttachStdout { get; init; }

    /// <summary>Whether stderr is attached; recorded.</summary>
    public bool AttachStderr { get; init; }

    /// <summary>Exposed ports (<c>80/tcp</c>) added to the image's; recorded (ports are a later part).</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    /// <summary>Labels merged over the image's.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The hostname; <see langword="null"/> or empty gives the first 12 hex digits of the ID.</summary>
    public string? Hostname { get; init; }

    /// <summary>The stop signal; <see langword="null"/> takes the image's, then <c>SIGTERM</c>.</summary>
    public string? StopSignal { get; init; }

    /// <summary>Seconds <c>docker stop</c> waits before <c>SIGKILL</c>; <see langword="null"/> is 10.</summary>
    public int? StopTimeout { get; init; }
}
