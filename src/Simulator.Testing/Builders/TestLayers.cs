using Microsoft.Extensions.Time.Testing;
using Simulator.FileSystem;

namespace Simulator.Testing.Builders;

/// <summary>
/// Makes layers for tests: from a path-to-content map (as go-containerregistry's <c>crane.Layer(map)</c>, reproducible:
/// the same map always gives the same DiffID), or from <see cref="FsChange"/> steps applied on top of lower layers
/// (what <c>docker commit</c> would store, whiteouts and opaque directories included).
/// </summary>
/// <remarks>File and directory times are the Unix epoch (as <c>SOURCE_DATE_EPOCH=0</c>) unless a clock is given. Stateless and thread-safe.</remarks>
public static class TestLayers
{
    /// <summary>A layer holding the files (UTF-8 text, mode <c>0644</c>, root) and their parent directories (<c>0755</c>, root).</summary>
    /// <param name="files">Absolute path to text, e.g. <c>{ ["/etc/app.conf"] = "port=80\n" }</c>.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="files"/> or a value is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">A path is not allowed in a layer (<see cref="Layer.Create"/>: a <c>.wh.</c> name, a file under a file).</exception>
    public static Layer FromFiles(IEnumerable<KeyValuePair<string, string>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return FromFiles(files.Select(f => new KeyValuePair<string, FileContent>(f.Key, FileContent.FromString(f.Value ?? throw new ArgumentNullException(nameof(files), "A file's text is null.")))));
    }

    /// <summary>A layer holding the files (mode <c>0644</c>, root) and their parent directories (<c>0755</c>, root).</summary>
    /// <param name="files">Absolute path to content (real or synthetic).</param>
    /// <returns>The layer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="files"/> or a value is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">A path is not allowed in a layer.</exception>
    public static Layer FromFiles(IEnumerable<KeyValuePair<string, FileContent>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var entries = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
        foreach (var (rawPath, content) in files)
        {
            ArgumentNullException.ThrowIfNull(content, nameof(files));
            var path = FsPath.Clean(rawPath);
            for (var dir = FsPath.Parent(path); dir != FsPath.Root; dir = FsPath.Parent(dir))
            {
                entries.TryAdd(dir, FileEntry.Directory() with { ModifiedAt = DateTimeOffset.UnixEpoch });
            }

            entries[path] = FileEntry.File(content) with { ModifiedAt = DateTimeOffset.UnixEpoch };
        }

        return Layer.Create(entries);
    }

    /// <summary>The layer that <paramref name="changes"/> make on top of <paramref name="lower"/>: the steps run on a
    /// writable union view of it and its upper layer is committed, as <c>docker commit</c> does.</summary>
    /// <param name="lower">The layers below (an image's); <see cref="LayerStack.Empty"/> for <c>FROM scratch</c>.</param>
    /// <param name="changes">The steps.</param>
    /// <returns>The new layer; <paramref name="lower"/> is unchanged (layers are immutable).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">A step failed (nothing is returned; nothing was changed).</exception>
    public static Layer FromChanges(LayerStack lower, params IEnumerable<FsChange> changes) =>
        FromChanges(lower, new FakeTimeProvider(DateTimeOffset.UnixEpoch), changes);

    /// <summary>As <see cref="FromChanges(LayerStack, IEnumerable{FsChange})"/>, stamping new entries with <paramref name="timeProvider"/>'s now.</summary>
    /// <param name="lower">The layers below.</param>
    /// <param name="timeProvider">The clock for the new entries' modification times.</param>
    /// <param name="changes">The steps.</param>
    /// <returns>The new layer.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">A step failed.</exception>
    public static Layer FromChanges(LayerStack lower, TimeProvider timeProvider, params IEnumerable<FsChange> changes)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(changes);
        var view = UnionFileSystem.CreateWritable(lower, timeProvider);
        view.Apply(changes);
        return view.CommitLayer();
    }
}
