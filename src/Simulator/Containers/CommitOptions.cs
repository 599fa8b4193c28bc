namespace Simulator.Containers;

/// <summary><c>docker commit</c>'s options. Immutable.</summary>
public sealed record CommitOptions
{
    /// <summary>The defaults: pause, no reference, no message.</summary>
    public static CommitOptions Default { get; } = new();

    /// <summary>The <c>REPOSITORY[:TAG]</c> to tag the new image with; <see langword="null"/> for none (dangling).</summary>
    public string? Reference { get; init; }

    /// <summary><c>-m</c>: the history comment.</summary>
    public string Message { get; init; } = "";

    /// <summary><c>-a</c>: the author.</summary>
    public string Author { get; init; } = "";

    /// <summary><c>-c</c>: Dockerfile instructions applied to the config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR).</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary><c>--pause</c>: pause the container while committing (default <see langword="true"/>).</summary>
    public bool Pause { get; init; } = true;
}
