using System.IO.Abstractions;

namespace Simulator.FileSystem.Adapter;

/// <summary><c>new DirectoryInfo(path)</c> over a union view.</summary>
internal sealed class UnionDirectoryInfoFactory(UnionFileSystemAdapter fs) : IDirectoryInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDirectoryInfo New(string path) => new UnionDirectoryInfo(fs, path, fs.GetFullPathCore(path));

    public IDirectoryInfo? Wrap(DirectoryInfo? directoryInfo) => throw Unsupported.Wrap();
}
