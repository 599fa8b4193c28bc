using System.IO.Abstractions;

namespace Simulator.FileSystem.Adapter;

/// <summary>The <see cref="FileSystemStream"/> the adapter hands out; <see cref="FileSystemStream.Name"/> is the full path.</summary>
internal sealed class UnionFileSystemStream(UnionStream stream, string path, bool isAsync) : FileSystemStream(stream, path, isAsync);
