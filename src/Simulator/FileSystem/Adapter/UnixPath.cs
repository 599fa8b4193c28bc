using System.IO.Abstractions;
using System.Text;

namespace Simulator.FileSystem.Adapter;

/// <summary><see cref="IPath"/> with Linux semantics on every OS: '/' only, ports of .NET's Unix Path code.</summary>
internal sealed class UnixPath(UnionFileSystemAdapter fs) : IPath
{
    private static readonly char[] InvalidFileNameChars = ['\0', '/'];
    private static readonly char[] InvalidPathChars = ['\0'];

    public IFileSystem FileSystem => fs;

    public char AltDirectorySeparatorChar => '/';

    public char DirectorySeparatorChar => '/';

    public char PathSeparator => ':';

    public char VolumeSeparatorChar => '/';

    internal static bool IsSep(char c) => c == '/';

    public string ChangeExtension(string? path, string? extension)
    {
        if (path is null)
        {
            return null!;
        }

        int subLength = path.Length;
        if (subLength == 0)
        {
            return string.Empty;
        }

        for (int i = path.Length - 1; i >= 0; i--)
        {
            char ch = path[i];
            if (ch == '.')
            {
                subLength = i;
                break;
            }

            if (IsSep(ch))
            {
                break;
            }
        }

        if (extension is null)
        {
            return path[..subLength];
        }

        return extension.StartsWith('.') ? string.Concat(path.AsSpan(0, subLength), extension) : string.Concat(path.AsSpan(0, subLength), ".", extension);
    }

    public string Combine(string path1, string path2)
    {
        ArgumentNullException.ThrowIfNull(path1);
        ArgumentNullException.ThrowIfNull(path2);
        return CombineCore(path1, path2);
    }

    public string Combine(string path1, string path2, string path3)
    {
        ArgumentNullException.ThrowIfNull(path1);
        ArgumentNullException.ThrowIfNull(path2);
        ArgumentNullException.ThrowIfNull(path3);
        return CombineCore(CombineCore(path1, path2), path3);
    }

    public string Combine(string path1, string path2, string path3, string path4)
    {
        ArgumentNullException.ThrowIfNull(path1);
        ArgumentNullException.ThrowIfNull(path2);
        ArgumentNullException.ThrowIfNull(path3);
        ArgumentNullException.ThrowIfNull(path4);
        return CombineCore(CombineCore(CombineCore(path1, path2), path3), path4);
    }

    public string Combine(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Combine((ReadOnlySpan<string>)paths);
    }

    public string Combine(params ReadOnlySpan<string> paths)
    {
        foreach (var p in paths)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(paths));
        }

        string result = "";
        foreach (var p in paths)
        {
            result = CombineCore(result, p);
        }

        return result;
    }

    internal static string CombineCore(string first, string second)
    {
        if (second.Length == 0)
        {
            return first;
        }

        if (first.Length == 0 || second[0] == '/')
        {
            return second;
        }

        return IsSep(first[^1]) ? first + second : first + "/" + second;
    }

    public bool EndsInDirectorySeparator(ReadOnlySpan<char> path) => path.Length > 0 && IsSep(path[^1]);

    public bool EndsInDirectorySeparator(string? path) => !string.IsNullOrEmpty(path) && IsSep(path[^1]);

    public bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        string full;
        try
        {
            full = fs.GetFullPathCore(path);
        }
        catch (ArgumentException)
        {
            return false;
        }

        return fs.FileExistsCore(full, allowTrailing: true) || fs.DirectoryExistsCore(full);
    }

    public ReadOnlySpan<char> GetDirectoryName(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty)
        {
            return ReadOnlySpan<char>.Empty;
        }

        int end = DirectoryNameOffset(path);
        return end >= 0 ? path[..end] : ReadOnlySpan<char>.Empty;
    }

    public string? GetDirectoryName(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        int end = DirectoryNameOffset(path);
        return end >= 0 ? CollapseSeparators(path[..end]) : null;
    }

    internal static string? DirectoryName(string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        int end = DirectoryNameOffset(path);
        return end >= 0 ? CollapseSeparators(path[..end]) : null;
    }

    private static int DirectoryNameOffset(ReadOnlySpan<char> path)
    {
        int rootLength = path.Length > 0 && IsSep(path[0]) ? 1 : 0;
        int end = path.Length;
        if (end <= rootLength)
        {
            return -1;
        }

        while (end > rootLength && !IsSep(path[--end]))
        {
        }

        while (end > rootLength && IsSep(path[end - 1]))
        {
            end--;
        }

        return end;
    }

    private static string CollapseSeparators(string path)
    {
        if (!path.Contains("//", StringComparison.Ordinal))
        {
            return path;
        }

        var sb = new StringBuilder(path.Length);
        for (int i = 0; i < path.Length; i++)
        {
            if (IsSep(path[i]) && i > 0 && IsSep(path[i - 1]))
            {
                continue;
            }

            sb.Append(path[i]);
        }

        return sb.ToString();
    }

    public ReadOnlySpan<char> GetExtension(ReadOnlySpan<char> path)
    {
        int length = path.Length;
        for (int i = length - 1; i >= 0; i--)
        {
            char ch = path[i];
            if (ch == '.')
            {
                return i != length - 1 ? path[i..] : ReadOnlySpan<char>.Empty;
            }

            if (IsSep(ch))
            {
                break;
            }
        }

        return ReadOnlySpan<char>.Empty;
    }

    public string? GetExtension(string? path) => path is null ? null : Extension(path);

    internal static string Extension(string path)
    {
        for (int i = path.Length - 1; i >= 0; i--)
        {
            char ch = path[i];
            if (ch == '.')
            {
                return i != path.Length - 1 ? path[i..] : "";
            }

            if (IsSep(ch))
            {
                break;
            }
        }

        return "";
    }

    public ReadOnlySpan<char> GetFileName(ReadOnlySpan<char> path)
    {
        int i = path.LastIndexOf('/');
        return path[(i + 1)..];
    }

    public string? GetFileName(string? path) => path is null ? null : FileName(path);

    internal static string FileName(string path)
    {
        int i = path.LastIndexOf('/');
        return i < 0 ? path : path[(i + 1)..];
    }

    public ReadOnlySpan<char> GetFileNameWithoutExtension(ReadOnlySpan<char> path)
    {
        var name = GetFileName(path);
        int dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[..dot];
    }

    public string? GetFileNameWithoutExtension(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var name = FileName(path);
        int dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[..dot];
    }

    public string GetFullPath(string path) => fs.GetFullPathCore(path);

    public string GetFullPath(string path, string basePath)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(basePath);
        if (!IsPathFullyQualified(basePath))
        {
            throw new ArgumentException("Basepath argument is not fully qualified.", nameof(basePath));
        }

        if (path.Contains('\0') || basePath.Contains('\0'))
        {
            throw new ArgumentException("Null character in path.");
        }

        if (IsPathFullyQualified(path))
        {
            return Normalize(path);
        }

        if (path.Length == 0)
        {
            return basePath;
        }

        return Normalize(CombineCore(basePath, path));
    }

    /// <summary>.NET's Unix GetFullPath of an absolute path: collapses '//', '.', '..'; keeps a trailing separator.</summary>
    internal static string Normalize(string path)
    {
        if (FsPath.IsClean(path))
        {
            return path;
        }

        bool trailing = path.Length > 1 && IsSep(path[^1]);
        var clean = FsPath.Clean(path);
        return trailing && clean != FsPath.Root ? clean + "/" : clean;
    }

    public char[] GetInvalidFileNameChars() => (char[])InvalidFileNameChars.Clone();

    public char[] GetInvalidPathChars() => (char[])InvalidPathChars.Clone();

    public ReadOnlySpan<char> GetPathRoot(ReadOnlySpan<char> path) => path.Length > 0 && IsSep(path[0]) ? "/" : ReadOnlySpan<char>.Empty;

    public string? GetPathRoot(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        return IsSep(path[0]) ? "/" : "";
    }

    public string GetRandomFileName()
    {
        const string chars = "abcdefghijklmnopqrstuvwxyz012345";
        Span<byte> bytes = stackalloc byte[11];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        Span<char> name = stackalloc char[12];
        for (int i = 0, j = 0; i < 12; i++)
        {
            if (i == 8)
            {
                name[i] = '.';
                continue;
            }

            name[i] = chars[bytes[j++] & 31];
        }

        return new string(name);
    }

    public string GetRelativePath(string relativeTo, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativeTo);
        ArgumentException.ThrowIfNullOrEmpty(path);
        relativeTo = GetFullPath(relativeTo);
        path = GetFullPath(path);
        int commonLength = CommonPathLength(relativeTo, path);
        if (commonLength == 0)
        {
            return path;
        }

        int relativeToLength = relativeTo.Length;
        if (EndsInDirectorySeparator(relativeTo))
        {
            relativeToLength--;
        }

        bool pathEndsInSeparator = EndsInDirectorySeparator(path);
        int pathLength = path.Length;
        if (pathEndsInSeparator)
        {
            pathLength--;
        }

        if (relativeToLength == pathLength && commonLength >= relativeToLength)
        {
            return ".";
        }

        var sb = new StringBuilder(Math.Max(relativeTo.Length, path.Length));
        if (commonLength < relativeToLength)
        {
            sb.Append("..");
            for (int i = commonLength + 1; i < relativeToLength; i++)
            {
                if (IsSep(relativeTo[i]))
                {
                    sb.Append("/..");
                }
            }
        }
        else if (IsSep(path[commonLength]))
        {
            commonLength++;
        }

        int differenceLength = pathLength - commonLength;
        if (pathEndsInSeparator)
        {
            differenceLength++;
        }

        if (differenceLength > 0)
        {
            if (sb.Length > 0)
            {
                sb.Append('/');
            }

            sb.Append(path.AsSpan(commonLength, differenceLength));
        }

        return sb.ToString();
    }

    private static int CommonPathLength(string first, string second)
    {
        int common = first.AsSpan().CommonPrefixLength(second);
        if (common == 0)
        {
            return 0;
        }

        if (common == first.Length && (common == second.Length || IsSep(second[common])))
        {
            return common;
        }

        if (common == second.Length && IsSep(first[common]))
        {
            return common;
        }

        while (common > 0 && !IsSep(first[common - 1]))
        {
            common--;
        }

        return common;
    }

    public string GetTempFileName()
    {
        var dir = "/tmp";
        fs.EnsureTempDirectory();
        for (int attempt = 0; ; attempt++)
        {
            var name = dir + "/tmp" + Random.Shared.Next(0x100000, 0xFFFFFF).ToString("X6", System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
            try
            {
                using var handle = fs.Union.Open(name, OpenFlags.ReadWrite | OpenFlags.Create | OpenFlags.Exclusive, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                return name;
            }
            catch (FileSystemException e) when (e.Errno == Errno.EEXIST && attempt < 100)
            {
            }
            catch (FileSystemException e)
            {
                throw IoErrors.ForFile(fs, e, name, creating: true);
            }
        }
    }

    public string GetTempPath() => "/tmp/";

    public bool HasExtension(ReadOnlySpan<char> path) => !GetExtension(path).IsEmpty;

    public bool HasExtension(string? path) => path is not null && Extension(path).Length > 0;

    public bool IsPathFullyQualified(ReadOnlySpan<char> path) => path.Length > 0 && IsSep(path[0]);

    public bool IsPathFullyQualified(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Length > 0 && IsSep(path[0]);
    }

    public bool IsPathRooted(ReadOnlySpan<char> path) => path.Length > 0 && IsSep(path[0]);

    public bool IsPathRooted(string? path) => path is { Length: > 0 } && IsSep(path[0]);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2) => JoinCore([path1.ToString(), path2.ToString()]);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3) =>
        JoinCore([path1.ToString(), path2.ToString(), path3.ToString()]);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, ReadOnlySpan<char> path4) =>
        JoinCore([path1.ToString(), path2.ToString(), path3.ToString(), path4.ToString()]);

    public string Join(string? path1, string? path2) => JoinCore([path1, path2]);

    public string Join(string? path1, string? path2, string? path3) => JoinCore([path1, path2, path3]);

    public string Join(string? path1, string? path2, string? path3, string? path4) => JoinCore([path1, path2, path3, path4]);

    public string Join(params string?[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return JoinCore(paths);
    }

    public string Join(params ReadOnlySpan<string?> paths) => JoinCore(paths);

    internal static string JoinCore(ReadOnlySpan<string?> paths)
    {
        var sb = new StringBuilder();
        foreach (var p in paths)
        {
            if (string.IsNullOrEmpty(p))
            {
                continue;
            }

            if (sb.Length > 0 && !IsSep(sb[^1]) && !IsSep(p[0]))
            {
                sb.Append('/');
            }

            sb.Append(p);
        }

        return sb.ToString();
    }

    public ReadOnlySpan<char> TrimEndingDirectorySeparator(ReadOnlySpan<char> path) =>
        path.Length > 1 && IsSep(path[^1]) ? path[..^1] : path;

    public string TrimEndingDirectorySeparator(string path) => TrimEnd(path);

    internal static string TrimEnd(string path) => path is { Length: > 1 } && IsSep(path[^1]) ? path[..^1] : path;

    public bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, Span<char> destination, out int charsWritten) =>
        TryCopy(Join(path1, path2), destination, out charsWritten);

    public bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, Span<char> destination, out int charsWritten) =>
        TryCopy(Join(path1, path2, path3), destination, out charsWritten);

    private static bool TryCopy(string value, Span<char> destination, out int charsWritten)
    {
        if (value.TryCopyTo(destination))
        {
            charsWritten = value.Length;
            return true;
        }

        charsWritten = 0;
        return false;
    }
}
