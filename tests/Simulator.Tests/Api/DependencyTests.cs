using Simulator.References;

namespace Simulator.Tests.Api;

/// <summary>The core depends on the BCL and System.IO.Abstractions only (DESIGN.md section 6).</summary>
public sealed class DependencyTests
{
    [Fact]
    public void Core_references_only_the_bcl_and_system_io_abstractions()
    {
        var references = typeof(Digest).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var foreign = references.Where(n =>
            !(n == "netstandard" || n.StartsWith("System.", StringComparison.Ordinal) || n == "System" ||
              n.StartsWith("Microsoft.Win32", StringComparison.Ordinal) ||
              n.StartsWith("TestableIO.System.IO.Abstractions", StringComparison.Ordinal) ||
              // System.IO.Abstractions 22+ defines IFileSystem in this assembly of the same package family.
              n == "Testably.Abstractions.FileSystem.Interface")).ToList();
        Assert.Empty(foreign);
    }
}
