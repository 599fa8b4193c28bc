using Simulator.FileSystem;

namespace Simulator.Volumes;

/// <summary>
/// Copying image content into a new volume ("copy-up"), SEMANTICS 4.2-4.4 (moby daemon/volumes.go
/// <c>populateVolumes</c>, daemon/container/container_unix.go <c>copyExistingContents</c>).
/// </summary>
/// <remarks>
/// Call only while creating a container, once per mount point: Docker never populates at start, for binds,
/// for <c>--volumes-from</c> mounts or with <c>nocopy</c>. Thread-safe as the trees involved.
/// </remarks>
public static class VolumePopulation
{
    /// <summary>Whether the image content at the mount point's destination is to be copied into the volume: a volume
    /// mount with <see cref="MountPoint.CopyData"/>, the path exists in the image and is a directory (symlinks followed
    /// inside the image), and the volume is empty.</summary>
    /// <param name="mountPoint">The mount point.</param>
    /// <param name="volume">The volume it mounts.</param>
    /// <param name="imageRoot">The image's root filesystem (a read-only view).</param>
    /// <returns>Whether to copy.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static bool ShouldPopulate(MountPoint mountPoint, Volume volume, UnionFileSystem imageRoot)
    {
        ArgumentNullException.ThrowIfNull(mountPoint);
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(imageRoot);
        if (mountPoint.Type != MountType.Volume || !mountPoint.CopyData)
        {
            return false;
        }

        try
        {
            if (!imageRoot.Stat(mountPoint.Destination).IsDirectory)
            {
                return false;
            }
        }
        catch (FileSystemException)
        {
            return false;
        }

        return volume.Tree.ReadDirectory("/").Count == 0;
    }

    /// <summary>Copies the image's tree at the destination into the volume's root when <see cref="ShouldPopulate"/>
    /// says so (<see cref="UnionFileSystem.CopyTree"/>: modes, owners and times kept, file contents shared, no bytes copied).</summary>
    /// <param name="mountPoint">The mount point.</param>
    /// <param name="volume">The volume it mounts.</param>
    /// <param name="imageRoot">The image's root filesystem (a read-only view).</param>
    /// <returns>Whether anything was copied.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="UnionFileSystem.CopyTree"/>.</exception>
    public static bool Populate(MountPoint mountPoint, Volume volume, UnionFileSystem imageRoot)
    {
        if (!ShouldPopulate(mountPoint, volume, imageRoot))
        {
            return false;
        }

        imageRoot.CopyTree(mountPoint.Destination, volume.Tree, "/");
        return true;
    }
}
