namespace Simulator.FileSystem.Adapter;

/// <summary>The exceptions for the parts of System.IO.Abstractions the union adapter does not model.</summary>
internal static class Unsupported
{
    public static NotSupportedException Handle() =>
        new("SafeFileHandle-based operations are not supported by UnionFileSystemAdapter: the union view has no operating-system handles. Use the path-based overloads or a stream.");

    public static NotSupportedException Wrap() =>
        new("UnionFileSystemAdapter cannot wrap real System.IO objects: they describe the disk, not the union view.");

    public static NotSupportedException Feature(string feature) =>
        new($"{feature} is not supported by UnionFileSystemAdapter.");
}
