using System.IO.Abstractions;

namespace Simulator.FileSystem.Adapter;

/// <summary><c>new FileInfo(path)</c> over a union view.</summary>
internal sealed class UnionFileInfoFactory(UnionFileSystemAdapter fs) : IFileInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IFileInfo New(string fileName) => new UnionFileInfo(fs, fileName, fs.GetFullPathCore(fileName, nameof(fileName)));

    public IFileInfo? Wrap(FileInfo? fileInfo) => throw Unsupported.Wrap();
}
