namespace Simulator.Containers;

/// <summary>How an attachment ended.</summary>
/// <param name="Detached">
/// <see langword="true"/> when the client typed the detach keys (the container keeps running; Docker's error text is
/// <see cref="ContainerAttachment.EscapeSequenceMessage"/>); <see langword="false"/> when the container stopped or the
/// attachment was disposed.
/// </param>
public readonly record struct AttachResult(bool Detached);
