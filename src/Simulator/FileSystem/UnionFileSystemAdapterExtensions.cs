using System.IO.Abstractions;

namespace Simulator.FileSystem;

/// <summary>Extension methods that expose a <see cref="UnionFileSystem"/> as a System.IO.Abstractions <see cref="IFileSystem"/>.</summary>
public static class UnionFileSystemAdapterExtensions
{
    /// <summary>
    /// Wraps the view in a new <see cref="UnionFileSystemAdapter"/> (O(1); the adapter holds no state of the
    /// view's tree, only its own current directory), so code written against <see cref="IFileSystem"/> runs on it.
    /// </summary>
    /// <param name="union">The union view.</param>
    /// <param name="currentDirectory">The directory relative paths are taken from; an absolute path, default <c>/</c>.</param>
    /// <returns>The adapter; see <see cref="UnionFileSystemAdapter"/> for its semantics.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="currentDirectory"/> is not absolute.</exception>
    public static UnionFileSystemAdapter AsFileSystem(this UnionFileSystem union, string currentDirectory = "/") =>
        new(union, currentDirectory);
}
