namespace Simulator.Containers;

/// <summary><c>docker attach</c> / <c>POST /containers/{id}/attach</c> options. Immutable.</summary>
public sealed record AttachOptions
{
    /// <summary>The defaults: stdout and stderr, streaming, no stdin, no logs, detach keys <c>ctrl-p,ctrl-q</c>.</summary>
    public static AttachOptions Default { get; } = new();

    /// <summary><c>stdin=1</c>: writes to <see cref="ContainerAttachment.Stdin"/> reach the container's stdin (needs <see cref="ContainerConfig.OpenStdin"/>).</summary>
    public bool Stdin { get; init; }

    /// <summary><c>stdout=1</c>; default <see langword="true"/>.</summary>
    public bool Stdout { get; init; } = true;

    /// <summary><c>stderr=1</c>; default <see langword="true"/>.</summary>
    public bool Stderr { get; init; } = true;

    /// <summary><c>stream=1</c>: stream output until the container stops; default <see langword="true"/>. With <see langword="false"/> only <see cref="Logs"/> are sent.</summary>
    public bool Stream { get; init; } = true;

    /// <summary><c>logs=1</c>: first replay the container's log.</summary>
    public bool Logs { get; init; }

    /// <summary><c>--detach-keys</c> (e.g. <c>ctrl-p,ctrl-q</c>, <c>ctrl-x</c>, <c>a,b</c>); <see langword="null"/> or empty for the default <c>ctrl-p,ctrl-q</c>.</summary>
    public string? DetachKeys { get; init; }
}
