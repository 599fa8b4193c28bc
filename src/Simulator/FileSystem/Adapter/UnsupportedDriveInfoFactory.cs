using System.IO.Abstractions;

namespace Simulator.FileSystem.Adapter;

/// <summary>DriveInfo is not modelled.</summary>
internal sealed class UnsupportedDriveInfoFactory(IFileSystem fs) : IDriveInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDriveInfo[] GetDrives() => throw Unsupported.Feature("DriveInfo");

    public IDriveInfo New(string driveName) => throw Unsupported.Feature("DriveInfo");

    public IDriveInfo? Wrap(DriveInfo? driveInfo) => throw Unsupported.Wrap();
}
