using System.Globalization;
using System.IO.Abstractions;
using System.Text;
using System.Text.Json;
using Simulator.FileSystem;

namespace Simulator.Volumes;

/// <summary>
/// A volume of the <c>local</c> driver: a name, labels, options, a creation time and its own
/// filesystem tree, as <c>docker volume inspect</c> shows it.
/// </summary>
/// <remarks>
/// <para>Metadata is immutable; the contents (<see cref="Tree"/>, <see cref="FileSystem"/>) are a
/// writable <see cref="UnionFileSystem"/> that containers mount and that outlives them. Volumes are
/// made by <see cref="VolumeStore.Create"/>; removing one from the store does not stop a caller who
/// still holds the object from reading its tree.</para>
/// <para>Thread-safety: safe for concurrent use (the tree has its own lock).</para>
/// <para>Sources: moby <c>api/types/volume/volume.go</c> (fields), <c>volume/service/convert.go</c>
/// (<c>CreatedAt</c> as <c>time.RFC3339</c>), <c>volume/local/local.go</c> (mount point
/// <c>/var/lib/docker/volumes/&lt;name&gt;/_data</c>), <c>volume/service/service.go</c> (anonymous label).</para>
/// </remarks>
public sealed class Volume
{
    /// <summary>The label Docker puts on volumes created without a name: <c>com.docker.volume.anonymous</c> (value empty).</summary>
    public const string AnonymousLabel = "com.docker.volume.anonymous";

    /// <summary>The only driver the simulator has: <c>local</c>.</summary>
    public const string LocalDriver = "local";

    private readonly bool _labelsGiven;
    private readonly bool _optionsGiven;

    internal Volume(
        string name,
        IReadOnlyDictionary<string, string>? labels,
        IReadOnlyDictionary<string, string>? options,
        DateTimeOffset createdAt,
        UnionFileSystem tree)
    {
        Name = name;
        _labelsGiven = labels is not null;
        _optionsGiven = options is not null;
        Labels = Copy(labels);
        Options = Copy(options);
        CreatedAt = createdAt.ToUniversalTime();
        Tree = tree;
        FileSystem = tree.AsFileSystem();
    }

    /// <summary>The name: what the user gave, or 64 lower-case hex digits for an anonymous volume.</summary>
    public string Name { get; }

    /// <summary>The driver, always <c>local</c>.</summary>
    public string Driver => LocalDriver;

    /// <summary>The labels, sorted by key (ordinal); empty when none were given.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The driver options (<c>docker volume create -o</c>), sorted by key; empty when none were given.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>When the volume was created (UTC), from the store's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>
    /// <see cref="CreatedAt"/> as Docker prints it (Go's <c>time.RFC3339</c>, whole seconds, UTC):
    /// e.g. <c>2024-01-02T03:04:05Z</c>.
    /// </summary>
    public string CreatedAtText => CreatedAt.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Where the daemon keeps the data: <c>/var/lib/docker/volumes/&lt;name&gt;/_data</c>.</summary>
    public string Mountpoint => "/var/lib/docker/volumes/" + Name + "/_data";

    /// <summary>The scope, always <c>local</c>.</summary>
    public string Scope => "local";

    /// <summary>Whether the volume carries the <see cref="AnonymousLabel"/> (it was created without a name).</summary>
    public bool IsAnonymous => Labels.ContainsKey(AnonymousLabel);

    /// <summary>The contents: a writable tree whose root is the volume's root, for mounting into containers.</summary>
    public UnionFileSystem Tree { get; }

    /// <summary>The contents as a System.IO.Abstractions file system over <see cref="Tree"/> (current directory <c>/</c>).</summary>
    public IFileSystem FileSystem { get; }

    /// <summary>
    /// The sum of the sizes of the regular files in the tree, in bytes (what <c>docker volume prune</c>
    /// reports as reclaimed, moby <c>internal/directory.Size</c>); each hard-linked file is counted once per name.
    /// </summary>
    /// <returns>The size.</returns>
    public long ContentSize()
    {
        long total = 0;
        foreach (var (_, entry) in Tree.Walk("/"))
        {
            if (entry.Type == EntryType.RegularFile)
            {
                total += entry.Size;
            }
        }

        return total;
    }

    /// <summary>
    /// The volume as one element of <c>docker volume inspect</c>'s JSON array: keys <c>CreatedAt</c>,
    /// <c>Driver</c>, <c>Labels</c>, <c>Mountpoint</c>, <c>Name</c>, <c>Options</c>, <c>Scope</c> in that
    /// order (Go sorts map keys; so are the labels), 4-space indentation as <c>json.MarshalIndent</c>, no trailing
    /// newline. Strings are escaped as .NET's default JSON encoder does (like Go for <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>;
    /// it also escapes non-ASCII and <c>'</c>, which Go does not).
    /// </summary>
    /// <param name="indent">Spaces before each line after the first (the nesting in an enclosing array); the first line
    /// (<c>{</c>) is not indented.</param>
    /// <returns>The JSON object text. <c>Labels</c>/<c>Options</c> are <c>null</c> when the creator gave none
    /// (a volume made by <c>docker run -v</c>), <c>{}</c> when given empty (as <c>docker volume create</c> sends).</returns>
    public string ToInspectJson(int indent = 0)
    {
        var pad = new string(' ', indent);
        var sb = new StringBuilder();
        sb.Append("{\n");
        Line(sb, pad, "CreatedAt", Quote(CreatedAtText), last: false);
        Line(sb, pad, "Driver", Quote(Driver), last: false);
        Line(sb, pad, "Labels", Map(Labels, _labelsGiven, pad), last: false);
        Line(sb, pad, "Mountpoint", Quote(Mountpoint), last: false);
        Line(sb, pad, "Name", Quote(Name), last: false);
        Line(sb, pad, "Options", Map(Options, _optionsGiven, pad), last: false);
        Line(sb, pad, "Scope", Quote(Scope), last: true);
        sb.Append(pad).Append('}');
        return sb.ToString();
    }

    /// <summary>The name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;

    private static void Line(StringBuilder sb, string pad, string key, string value, bool last) =>
        sb.Append(pad).Append("    ").Append(Quote(key)).Append(": ").Append(value).Append(last ? "\n" : ",\n");

    private static string Map(IReadOnlyDictionary<string, string> map, bool given, string pad)
    {
        if (map.Count == 0)
        {
            return given ? "{}" : "null";
        }

        var sb = new StringBuilder("{\n");
        var i = 0;
        foreach (var (key, value) in map)
        {
            sb.Append(pad).Append("        ").Append(Quote(key)).Append(": ").Append(Quote(value));
            sb.Append(++i == map.Count ? "\n" : ",\n");
        }

        return sb.Append(pad).Append("    }").ToString();
    }

    // Go's encoding/json escapes <, > and & as \u003c etc.; the default encoder does the same.
    private static string Quote(string s) => JsonSerializer.Serialize(s);

    private static System.Collections.ObjectModel.ReadOnlyDictionary<string, string> Copy(IReadOnlyDictionary<string, string>? map)
    {
        var copy = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (map is not null)
        {
            foreach (var (key, value) in map)
            {
                copy[key] = value;
            }
        }

        return new(copy);
    }
}
