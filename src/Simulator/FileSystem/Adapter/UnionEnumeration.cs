using System.IO.Enumeration;

namespace Simulator.FileSystem.Adapter;

/// <summary>
/// Directory enumeration as .NET's FileSystemEnumerable does it on Linux: the start directory is opened at the
/// call (errors throw then), the rest is lazy and breadth-first, recursing into symlinks to directories too.
/// </summary>
internal static class UnionEnumeration
{
    /// <summary>EnumerationOptions.Compatible (internal in .NET): Win32 matching, nothing skipped, inaccessible directories throw.</summary>
    public static EnumerationOptions Compatible(SearchOption searchOption)
    {
        if (searchOption is not SearchOption.TopDirectoryOnly and not SearchOption.AllDirectories)
        {
            throw new ArgumentOutOfRangeException(nameof(searchOption), "Enum value was out of legal range.");
        }

        return new EnumerationOptions
        {
            MatchType = MatchType.Win32,
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
            RecurseSubdirectories = searchOption == SearchOption.AllDirectories,
        };
    }

    public readonly record struct Item(string UserPath, string Directory, string Name, bool IsDirectory)
    {
        public string FullPath => FsPath.Combine(Directory, Name);
    }

    public static IEnumerable<Item> Enumerate(UnionFileSystemAdapter fs, string path, string searchPattern, EnumerationOptions options, bool files, bool directories)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(searchPattern);
        ArgumentNullException.ThrowIfNull(options);
        var full = fs.GetFullPathCore(path);
        var userRoot = path;
        var expression = searchPattern;
        if (expression.Length > 0 && expression[0] == '/')
        {
            throw new ArgumentException("Second path fragment must not be a drive or UNC name.", "expression");
        }

        int slash = expression.LastIndexOf('/');
        if (slash >= 0)
        {
            var dirPart = expression[..slash];
            userRoot = UnixPath.JoinCore([userRoot, dirPart]);
            full = fs.GetFullPathCore(UnixPath.JoinCore([full, dirPart]));
            expression = expression[(slash + 1)..];
        }

        if (options.MatchType == MatchType.Win32)
        {
            if (expression.Length == 0 || expression == "." || expression == "*.*")
            {
                expression = "*";
            }
            else if (expression != "*")
            {
                if (expression.AsSpan().IndexOfAny("\\\"<>") >= 0)
                {
                    expression = expression.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace(">", "\\>").Replace("<", "\\<");
                }

                expression = FileSystemName.TranslateWin32Expression(expression);
            }
        }

        var fullRoot = UnixPath.TrimEnd(full);
        List<KeyValuePair<string, FileEntry>> first;
        try
        {
            first = fs.Union.ReadDirectoryEntries(full);
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForDirectory(e, fullRoot);
        }

        return Iterate(fs, fullRoot, userRoot, first, expression, options, files, directories);
    }

    private static IEnumerable<Item> Iterate(
        UnionFileSystemAdapter fs, string fullRoot, string userRoot, List<KeyValuePair<string, FileEntry>> first,
        string expression, EnumerationOptions options, bool files, bool directories)
    {
        bool ignoreCase = options.MatchCasing == MatchCasing.CaseInsensitive;
        bool matchAll = expression == "*";
        bool win32 = options.MatchType == MatchType.Win32;
        var file = (UnionFile)fs.File;
        var union = fs.Union;
        Queue<(string Full, string User, int Depth)>? queue = null;
        var dirFull = fullRoot;
        var dirUser = userRoot;
        int depth = 0;
        var children = first;
        while (true)
        {
            foreach (var (name, entry) in children)
            {
                bool isSymlink = entry.Type == EntryType.Symlink;
                bool isDirectory = isSymlink ? file.TryStat(FsPath.Combine(dirFull, name))?.IsDirectory == true : entry.IsDirectory;
                if (options.AttributesToSkip != 0 && (file.Attributes(FsPath.Combine(dirFull, name), entry) & options.AttributesToSkip) != 0)
                {
                    continue;
                }

                string? childUser = null;
                if (isDirectory && options.RecurseSubdirectories && depth < options.MaxRecursionDepth)
                {
                    childUser = Join(dirUser, name);
                    (queue ??= new()).Enqueue((FsPath.Combine(dirFull, name), childUser, depth + 1));
                }

                if (isDirectory ? !directories : !files)
                {
                    continue;
                }

                if (!matchAll && !(win32
                    ? FileSystemName.MatchesWin32Expression(expression, name, ignoreCase)
                    : FileSystemName.MatchesSimpleExpression(expression, name, ignoreCase)))
                {
                    continue;
                }

                yield return new Item(childUser ?? Join(dirUser, name), dirFull, name, isDirectory);
            }

            while (true)
            {
                if (queue is null || queue.Count == 0)
                {
                    yield break;
                }

                (dirFull, dirUser, depth) = queue.Dequeue();
                try
                {
                    children = union.ReadDirectoryEntries(dirFull);
                    break;
                }
                catch (FileSystemException e) when (options.IgnoreInaccessible || e.Errno is Errno.ENOENT or Errno.ENOTDIR)
                {
                }
                catch (FileSystemException e)
                {
                    throw IoErrors.ForDirectory(e, dirFull);
                }
            }
        }
    }

    private static string Join(string directory, string name) =>
        directory.Length == 0 ? name : directory[^1] == '/' ? directory + name : string.Concat(directory, "/", name);
}
