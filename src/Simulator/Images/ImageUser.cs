namespace Simulator.Images;

/// <summary>A container that uses an image, as <see cref="IImageUsage"/> reports it.</summary>
/// <param name="ContainerId">The container's full ID (64 hex digits); conflict messages show its first 12.</param>
/// <param name="IsRunning">Whether it is running (a hard conflict for <c>docker rmi</c>) rather than created or stopped (a soft one).</param>
public readonly record struct ImageUser(string ContainerId, bool IsRunning);
