using System.IO.Enumeration;

namespace Simulator.FileSystem.Adapter;

/// <summary>Directory enumeration as .NET's FileSystemEnumerable does it on Linux: breadth-first, recursing into symlinks to directories too.</summary>
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

    public readonly record struct Item(string UserPath, string FullPath, bool IsDirectory);

    public static List<Item> Enumerate(UnionFileSystemAdapter fs, string path, string searchPattern, EnumerationOptions options, bool files, bool directories)
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

        bool ignoreCase = options.MatchCasing == MatchCasing.CaseInsensitive;
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

        bool matchAll = expression == "*";
        bool win32 = options.MatchType == MatchType.Win32;
        var file = (UnionFile)fs.File;
        var union = fs.Union;
        var fullRoot = UnixPath.TrimEnd(full);
        try
        {
            if (!union.Stat(full).IsDirectory)
            {
                throw IoErrors.DirectoryNotFound(full);
            }
        }
        catch (FileSystemException e)
        {
            throw IoErrors.ForDirectory(e, full);
        }

        var results = new List<Item>();
        var queue = new Queue<(string Full, string User, int Depth)>();
        queue.Enqueue((fullRoot, userRoot, 0));
        bool first = true;
        while (queue.Count > 0)
        {
            var (dirFull, dirUser, depth) = queue.Dequeue();
            IReadOnlyList<string> names;
            try
            {
                names = union.ReadDirectory(dirFull);
            }
            catch (FileSystemException e)
            {
                if (!first && (options.IgnoreInaccessible || e.Errno is Errno.ENOENT or Errno.ENOTDIR))
                {
                    continue;
                }

                throw IoErrors.ForDirectory(e, dirFull);
            }

            first = false;
            foreach (var name in names)
            {
                var childFull = FsPath.Combine(dirFull, name);
                FileEntry entry;
                try
                {
                    entry = union.LStat(childFull);
                }
                catch (FileSystemException)
                {
                    continue;
                }

                bool isSymlink = entry.Type == EntryType.Symlink;
                bool isDirectory = isSymlink ? file.TryStat(childFull)?.IsDirectory == true : entry.IsDirectory;
                if (options.AttributesToSkip != 0 && (file.Attributes(childFull, entry) & options.AttributesToSkip) != 0)
                {
                    continue;
                }

                var childUser = UnixPath.JoinCore([dirUser, name]);
                if (isDirectory && options.RecurseSubdirectories && depth < options.MaxRecursionDepth)
                {
                    queue.Enqueue((childFull, childUser, depth + 1));
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

                results.Add(new Item(childUser, childFull, isDirectory));
            }
        }

        return results;
    }
}
