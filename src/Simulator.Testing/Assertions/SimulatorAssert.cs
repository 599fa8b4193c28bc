using System.Text;
using Simulator.Containers;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Testing.Rendering;

namespace Simulator.Testing.Assertions;

/// <summary>
/// Assertions on an engine's state whose failures say what was there instead, e.g.
/// <c>expected /etc/nginx/nginx.conf in container web, found: /etc/nginx holds conf.d, mime.types</c>.
/// Each check reads the state once; on failure it throws <see cref="SimulatorAssertException"/>.
/// </summary>
/// <remarks>Stateless and thread-safe. Paths are absolute; symlinks are followed as a process would (except by
/// <see cref="SymlinkTarget(DockerSimulator, string, string, string)"/>).</remarks>
public static class SimulatorAssert
{
    private static readonly UTF8Encoding Strict = new(false, true);

    /// <summary>Asserts that a path exists in a container's root (mounts included).</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="container">A container name or ID.</param>
    /// <param name="path">The path.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">No such container (the message lists the containers there are).</exception>
    /// <exception cref="SimulatorAssertException">The path is missing; the message lists the nearest existing directory.</exception>
    public static void FileExists(DockerSimulator engine, string container, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Exists(Root(engine, container, () => $"expected {path} in container {container}"), path, "container " + container);
    }

    /// <summary>Asserts that a path does not exist in a container's root.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="container">A container name or ID.</param>
    /// <param name="path">The path.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">No such container (the message lists the containers there are).</exception>
    /// <exception cref="SimulatorAssertException">The path exists; the message says what it is.</exception>
    public static void FileDoesNotExist(DockerSimulator engine, string container, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Missing(Root(engine, container, () => $"expected no {path} in container {container}"), path, "container " + container);
    }

    /// <summary>Asserts that a file in a container reads exactly <paramref name="expected"/> (UTF-8).</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="container">A container name or ID.</param>
    /// <param name="path">The file's path.</param>
    /// <param name="expected">The expected text.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">No such container (the message lists the containers there are).</exception>
    /// <exception cref="SimulatorAssertException">The file is missing, not a file, or reads otherwise; the message quotes what it reads.</exception>
    public static void FileText(DockerSimulator engine, string container, string path, string expected)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(expected);
        Text(Root(engine, container, () => $"expected {path} in container {container} to read {TextFormat.Quote(expected)}"), path, "container " + container, expected, exact: true);
    }

    /// <summary>Asserts that a file in a container contains <paramref name="expected"/> (ordinal).</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="container">A container name or ID.</param>
    /// <param name="path">The file's path.</param>
    /// <param name="expected">The expected substring.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">No such container (the message lists the containers there are).</exception>
    /// <exception cref="SimulatorAssertException">The file is missing or lacks the text.</exception>
    public static void FileContains(DockerSimulator engine, string container, string path, string expected)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(expected);
        Text(Root(engine, container, () => $"expected {path} in container {container} to contain {TextFormat.Quote(expected)}"), path, "container " + container, expected, exact: false);
    }

    /// <summary>Asserts that a symlink in a container points at <paramref name="expectedTarget"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="container">A container name or ID.</param>
    /// <param name="path">The link's path.</param>
    /// <param name="expectedTarget">The expected target, as stored.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">No such container (the message lists the containers there are).</exception>
    /// <exception cref="SimulatorAssertException">The path is missing, not a symlink, or points elsewhere.</exception>
    public static void SymlinkTarget(DockerSimulator engine, string container, string path, string expectedTarget)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(expectedTarget);
        var fs = Root(engine, container, () => $"expected {path} in container {container} to be a symlink to {expectedTarget}");
        var where = "container " + container;
        var entry = LStatOrFail(fs, path, where, "a symlink to " + expectedTarget);
        if (entry.Type != EntryType.Symlink || entry.LinkTarget != expectedTarget)
        {
            throw new SimulatorAssertException($"expected {path} in {where} to be a symlink to {expectedTarget}, found: {Describe(entry)}");
        }
    }

    /// <summary>Asserts a container's <c>docker diff</c>, as lines in any order (<c>"A /foo"</c>, <c>"C /etc"</c>).</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="container">A container name or ID.</param>
    /// <param name="expected">The expected lines.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">No such container (the message lists the containers there are).</exception>
    /// <exception cref="SimulatorAssertException">The changes differ; the message lists the missing and the unexpected lines.</exception>
    public static void Changes(DockerSimulator engine, string container, params string[] expected)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(expected);
        if (!engine.Containers.TryInspect(container, out _))
        {
            throw new SimulatorAssertException($"expected the changes of container {container} to be [{string.Join(", ", expected)}], found: {NoSuchContainer(engine)}");
        }

        var actual = ChangesRenderer.Render(engine.Containers.Diff(container)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            var message = new StringBuilder($"expected the changes of container {container} to be [{string.Join(", ", expected)}], found: [{string.Join(", ", actual)}]");
            if (missing.Count > 0)
            {
                message.Append("; missing: ").Append(string.Join(", ", missing));
            }

            if (extra.Count > 0)
            {
                message.Append("; unexpected: ").Append(string.Join(", ", extra));
            }

            throw new SimulatorAssertException(message.ToString());
        }
    }

    /// <summary>Asserts a container's status.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="container">A container name or ID.</param>
    /// <param name="expected">The expected status.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">The container is missing or in another state; the message gives its status and exit code.</exception>
    public static void Status(DockerSimulator engine, string container, ContainerStatus expected)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(container);
        var want = expected.ToString().ToLowerInvariant();
        if (!engine.Containers.TryInspect(container, out var c))
        {
            throw new SimulatorAssertException($"expected container {container} to be {want}, found: {NoSuchContainer(engine)}");
        }

        if (c.State.Status != expected)
        {
            var found = c.State.Status.ToString().ToLowerInvariant() + (c.State.Status == ContainerStatus.Exited ? $" ({c.State.ExitCode})" : "");
            throw new SimulatorAssertException($"expected container {container} to be {want}, found: {found}");
        }
    }

    /// <summary>Asserts that a path exists in an image's root filesystem.</summary>
    /// <param name="image">The image.</param>
    /// <param name="path">The path.</param>
    /// <param name="name">How the message names the image; its short ID when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">The path is missing.</exception>
    public static void ImageHasFile(Image image, string path, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        Exists(UnionFileSystem.CreateReadOnly(LayerStack.Create(image.Layers)), path, "image " + (name ?? image.Id.ShortId));
    }

    /// <summary>Asserts that a path exists in an image of the engine.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="image">A reference or image ID.</param>
    /// <param name="path">The path.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">No such image (the message lists the images there are).</exception>
    /// <exception cref="SimulatorAssertException">The path is missing.</exception>
    public static void ImageHasFile(DockerSimulator engine, string image, string path)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(path);
        Image found;
        try
        {
            found = engine.Images.Get(image);
        }
        catch (DockerSimulatorException e) when (e.Kind == ErrorKind.NotFound)
        {
            var tags = engine.Images.List(all: true).SelectMany(i => i.RepoTags.Count == 0 ? [i.Id.ShortId] : i.RepoTags).Order(StringComparer.Ordinal);
            throw new SimulatorAssertException($"expected {path} in image {image}, found: {e.Message} (images: {string.Join(", ", tags)})");
        }

        ImageHasFile(found, path, image);
    }

    /// <summary>Asserts that a volume holds a file reading exactly <paramref name="expected"/>, or any entry at the path when <paramref name="expected"/> is <see langword="null"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="volume">The volume's name.</param>
    /// <param name="path">The path inside the volume.</param>
    /// <param name="expected">The expected text, or <see langword="null"/> to check existence only.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/>, <paramref name="volume"/> or <paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">No such volume (the message lists the volumes there are).</exception>
    /// <exception cref="SimulatorAssertException">The path is missing or reads otherwise.</exception>
    public static void VolumeHasFile(DockerSimulator engine, string volume, string path, string? expected = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(path);
        if (!engine.Volumes.TryGet(volume, out var found))
        {
            var names = engine.Volumes.List().Select(v => v.Name).Order(StringComparer.Ordinal);
            var what = expected is null ? "" : " to read " + TextFormat.Quote(expected);
            throw new SimulatorAssertException($"expected {path} in volume {volume}{what}, found: no such volume (volumes: {string.Join(", ", names)})");
        }

        var tree = found.Tree;
        if (expected is null)
        {
            Exists(tree, path, "volume " + volume);
        }
        else
        {
            Text(tree, path, "volume " + volume, expected, exact: true);
        }
    }

    /// <summary>Asserts that a path exists in any tree; <paramref name="where"/> names the tree in the message.</summary>
    /// <param name="fileSystem">The tree.</param>
    /// <param name="path">The path.</param>
    /// <param name="where">E.g. <c>container web</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">The path is missing.</exception>
    public static void Exists(UnionFileSystem fileSystem, string path, string where)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(where);
        if (!fileSystem.Exists(path))
        {
            throw new SimulatorAssertException($"expected {path} in {where}, found: {Unresolved(fileSystem, path) ?? Nearest(fileSystem, path)}");
        }
    }

    /// <summary>Asserts that a path does not exist in any tree.</summary>
    /// <param name="fileSystem">The tree.</param>
    /// <param name="path">The path.</param>
    /// <param name="where">E.g. <c>container web</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SimulatorAssertException">The path exists.</exception>
    public static void Missing(UnionFileSystem fileSystem, string path, string where)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(where);
        if (TryLStat(fileSystem, path) is { } entry)
        {
            throw new SimulatorAssertException($"expected no {path} in {where}, found: {Describe(entry)}");
        }
    }

    private static UnionFileSystem Root(DockerSimulator engine, string container, Func<string> expectation)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            return engine.Containers.GetRootFileSystem(container);
        }
        catch (DockerSimulatorException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw new SimulatorAssertException($"{expectation()}, found: {NoSuchContainer(engine)}");
        }
    }

    private static string NoSuchContainer(DockerSimulator engine) =>
        "no such container (containers: " + string.Join(", ", engine.Containers.List(all: true).Select(x => x.Name.TrimStart('/')).Order(StringComparer.Ordinal)) + ")";

    private static void Text(UnionFileSystem fs, string path, string where, string expected, bool exact)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(expected);
        var what = exact ? "to read " + TextFormat.Quote(expected) : "to contain " + TextFormat.Quote(expected);
        var entry = StatOrFail(fs, path, where, what);
        if (entry.Type != EntryType.RegularFile)
        {
            throw new SimulatorAssertException($"expected {path} in {where} {what}, found: {Describe(entry)}");
        }

        var content = fs.GetContent(path);
        string text;
        try
        {
            text = Strict.GetString(content.ReadAllBytes().Span);
        }
        catch (DecoderFallbackException)
        {
            throw new SimulatorAssertException(
                $"expected {path} in {where} {what}, found: a file of {content.Length} bytes that is not UTF-8 text ({FileTreeRenderer.HashPrefix(content, long.MaxValue)})");
        }

        if (exact ? text != expected : !text.Contains(expected, StringComparison.Ordinal))
        {
            var shown = text.Length > 2000 ? text[..2000] + "…" : text;
            throw new SimulatorAssertException($"expected {path} in {where} {what}, found: {TextFormat.Quote(shown)}");
        }
    }

    private static FileEntry StatOrFail(UnionFileSystem fs, string path, string where, string what)
    {
        try
        {
            return fs.Stat(path);
        }
        catch (FileSystemException)
        {
            throw new SimulatorAssertException($"expected {path} in {where} {what}, found: {Unresolved(fs, path) ?? Nearest(fs, path)}");
        }
    }

    private static FileEntry LStatOrFail(UnionFileSystem fs, string path, string where, string what) =>
        TryLStat(fs, path) ?? throw new SimulatorAssertException($"expected {path} in {where} to be {what}, found: {Nearest(fs, path)}");

    private static FileEntry? TryLStat(UnionFileSystem fs, string path)
    {
        try
        {
            return fs.LStat(path);
        }
        catch (FileSystemException)
        {
            return null;
        }
    }

    private static string Describe(FileEntry entry) => entry.Type switch
    {
        EntryType.Directory => "a directory",
        EntryType.Symlink => "a symlink to " + entry.LinkTarget,
        EntryType.HardLink => "a hard link to " + entry.LinkTarget,
        _ => $"a file of {entry.Size} bytes",
    };

    /// <summary>What exists nearest to a missing path: the deepest existing ancestor and its children.</summary>
    /// <summary>For a path that exists but does not resolve (a dangling symlink, a loop): what is there and why; else null.</summary>
    private static string? Unresolved(UnionFileSystem fs, string path)
    {
        if (TryLStat(fs, path) is not { } entry)
        {
            return null;
        }

        try
        {
            fs.Stat(path);
            return null;
        }
        catch (FileSystemException e)
        {
            return $"{Describe(entry)} that does not resolve ({e.Message})";
        }
    }

    private static string Nearest(UnionFileSystem fs, string path)
    {
        var dir = FsPath.Parent(FsPath.Clean(path));
        while (dir != FsPath.Root && !IsDirectory(fs, dir))
        {
            dir = FsPath.Parent(dir);
        }

        IReadOnlyList<string> names;
        try
        {
            names = fs.ReadDirectory(dir);
        }
        catch (FileSystemException e)
        {
            return $"{dir} unreadable ({e.Errno})";
        }

        if (names.Count == 0)
        {
            return dir + " is empty";
        }

        const int Max = 20;
        var sorted = names.Order(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", sorted.Take(Max)) + (sorted.Count > Max ? $", … ({sorted.Count} entries)" : "");
        return $"{dir} holds {shown}";
    }

    private static bool IsDirectory(UnionFileSystem fs, string path)
    {
        try
        {
            return fs.Stat(path).IsDirectory;
        }
        catch (FileSystemException)
        {
            return false;
        }
    }
}
