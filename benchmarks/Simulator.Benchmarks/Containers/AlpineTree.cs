using System.IO.Abstractions.TestingHelpers;
using Simulator.Containers;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Processes;
using Simulator.Registries;
using Simulator.Userland;
using Simulator.World;

namespace Simulator.Benchmarks.Containers;

/// <summary>
/// The containers benchmarks' shared setup: an engine with alpine pulled, and the baseline every one of them is measured
/// against, a TestableIO <see cref="MockFileSystem"/> holding alpine's file tree (directories, files with their bytes,
/// symlinks as small files holding their target).
/// </summary>
internal sealed class AlpineTree
{
    private readonly List<string> _directories = [];
    private readonly List<(string Path, byte[] Bytes)> _files = [];

    /// <summary>Reads alpine's flattened tree from <paramref name="store"/>, which must hold the image.</summary>
    public AlpineTree(ContainerStore store)
    {
        var stack = LayerStack.Create(store.Images.Get("alpine").Layers);
        foreach (var path in stack.GetPaths())
        {
            stack.TryGetEntry(path, out var entry);
            if (entry!.IsDirectory)
            {
                _directories.Add(path);
            }
            else
            {
                _files.Add((path, entry.Type == EntryType.RegularFile ? entry.Content.ReadAllBytes().ToArray() : System.Text.Encoding.UTF8.GetBytes(entry.LinkTarget ?? "")));
            }
        }
    }

    /// <summary>A container store over <paramref name="content"/> with busybox registered and alpine pulled.</summary>
    public static ContainerStore NewStore(InMemoryContentStore content)
    {
        var store = ContainerStore.CreateWithImageStore(content, Busybox.Register(new ProgramRegistry()), TimeProvider.System, seed: 1);
        var client = new RegistryClient(DefaultWorld.Create(content), (InMemoryImageStore)store.Images, new MockFileSystem());
        client.PullAsync("alpine").GetAwaiter().GetResult();
        return store;
    }

    /// <summary>The baseline: a new <see cref="MockFileSystem"/> with the tree.</summary>
    public MockFileSystem ToMockFileSystem()
    {
        var fs = new MockFileSystem();
        foreach (var dir in _directories)
        {
            fs.AddDirectory(dir);
        }

        foreach (var (path, bytes) in _files)
        {
            fs.AddFile(path, new MockFileData(bytes));
        }

        return fs;
    }
}
