using System.IO.Abstractions;

namespace Simulator.FileSystem.Adapter;

/// <summary>FileVersionInfo is not modelled.</summary>
internal sealed class UnsupportedVersionInfoFactory(IFileSystem fs) : IFileVersionInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IFileVersionInfo GetVersionInfo(string fileName) => throw Unsupported.Feature("FileVersionInfo");
}
