namespace Simulator.Tests.Support;

/// <summary>Finds the team's shared conformance corpus, <c>../shared/corpus/</c> beside the repository.</summary>
public static class SharedCorpus
{
    /// <summary>The repository root: the folder holding <c>Simulator.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The corpus folder, or <see langword="null"/> when it is absent.</summary>
    public static string? Directory
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));
            return System.IO.Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The full path of a corpus file; skips the running test when the corpus is absent.</summary>
    public static string File(string relativePath)
    {
        var dir = Directory;
        if (dir is null)
        {
            Assert.Skip("../shared/corpus is absent beside this clone; corpus tests need it.");
        }

        return Path.Combine(dir, relativePath);
    }

    /// <summary>Reads the rows of a TSV corpus file (header skipped), with their 1-based line numbers; empty when the corpus is absent.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Rows(string relativePath)
    {
        var dir = Directory;
        if (dir is null)
        {
            yield break;
        }

        int line = 0;
        foreach (var text in System.IO.File.ReadLines(Path.Combine(dir, relativePath)))
        {
            line++;
            if (line == 1 || text.Length == 0)
            {
                continue;
            }

            yield return (line, text.Split('\t'));
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Simulator.sln not found above " + AppContext.BaseDirectory);
    }
}
