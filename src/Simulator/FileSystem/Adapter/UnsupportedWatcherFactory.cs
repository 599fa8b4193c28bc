using System.IO.Abstractions;

namespace Simulator.FileSystem.Adapter;

/// <summary>FileSystemWatcher is not modelled.</summary>
internal sealed class UnsupportedWatcherFactory(IFileSystem fs) : IFileSystemWatcherFactory
{
    public IFileSystem FileSystem => fs;

    public IFileSystemWatcher New() => throw Unsupported.Feature("FileSystemWatcher");

    public IFileSystemWatcher New(string path) => throw Unsupported.Feature("FileSystemWatcher");

    public IFileSystemWatcher New(string path, string filter) => throw Unsupported.Feature("FileSystemWatcher");

    public IFileSystemWatcher? Wrap(FileSystemWatcher? fileSystemWatcher) => throw Unsupported.Wrap();
}
