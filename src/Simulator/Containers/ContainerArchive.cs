namespace Simulator.Containers;

/// <summary><c>GET /containers/{id}/archive</c>'s answer: the tar stream and the stat of the path (<c>docker cp c:/path -</c>).</summary>
/// <param name="Tar">The tar archive (uncompressed), positioned at 0; the caller disposes it.</param>
/// <param name="Stat">The path's stat (the <c>X-Docker-Container-Path-Stat</c> header).</param>
public sealed record ContainerArchive(Stream Tar, ContainerPathStat Stat);
