namespace Simulator.FileSystem.Internal;

/// <summary>A directory reached during path resolution: the tree it lives in and its path there.</summary>
/// <param name="Fs">The tree (the view's own state, or a mounted one).</param>
/// <param name="Path">The clean path inside <paramref name="Fs"/>.</param>
/// <param name="Global">The clean path in the view's namespace.</param>
/// <param name="LowerVisible">Whether lower children of this directory are visible.</param>
/// <param name="ReadOnly">Whether writes here give EROFS (read-only view or read-only mount).</param>
/// <param name="Entry">The directory's entry.</param>
/// <param name="Device">What identifies the mount (the view's state, or the <see cref="MountPoint"/>): two mounts of one tree are different devices.</param>
internal readonly record struct Location(UnionState Fs, string Path, string Global, bool LowerVisible, bool ReadOnly, FileEntry Entry, object Device);
