namespace Simulator.FileSystem.Internal;

/// <summary>A tree mounted at a destination of a view.</summary>
internal sealed record MountPoint(string Destination, UnionFileSystem Source, bool ReadOnly);
