using PublicApiGenerator;
using Simulator.Tests.Support;

namespace Simulator.Tests.Api;

/// <summary>
/// The public surface of each shipped assembly is approved: a change shows up as a diff of
/// <c>tests/Simulator.Tests/Api/*.approved.txt</c>. On a mismatch the test writes
/// <c>*.received.txt</c> beside it (which also makes CI's clean-tree check fail); copy it over the
/// approved file when the change is intended.
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData("Simulator")]
    [InlineData("Simulator.Testing")]
    public void Public_api_is_approved(string assemblyName)
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName)
            ?? System.Reflection.Assembly.Load(assemblyName);
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute"] })
            .ReplaceLineEndings("\n");

        // xunit v3's [Fact]/[Theory] record the caller's file path: keep it relative to the repository so the file is the same on every clone.
        api = api.Replace(SharedCorpus.RepositoryRoot.TrimEnd('/') + "/", "", StringComparison.Ordinal);
        var dir = Path.Combine(SharedCorpus.RepositoryRoot, "tests", "Simulator.Tests", "Api");
        var approvedPath = Path.Combine(dir, assemblyName + ".approved.txt");
        var receivedPath = Path.Combine(dir, assemblyName + ".received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved != api)
        {
            File.WriteAllText(receivedPath, api);
        }
        else if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }

        Assert.Equal(approved, api);
    }
}
