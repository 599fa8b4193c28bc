namespace Simulator.Testing.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder holding <c>Simulator.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The transcripts folder, <c>tests/transcripts</c>.</summary>
    public static string Transcripts => Path.Combine(Root, "tests", "transcripts");

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Simulator.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Simulator.sln not found above " + AppContext.BaseDirectory);
    }
}
