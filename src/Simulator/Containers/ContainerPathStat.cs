using System.Text;
using System.Text.Json;

namespace Simulator.Containers;

/// <summary>
/// Stat of a path in a container, as <c>HEAD /containers/{id}/archive</c> returns it in the
/// <c>X-Docker-Container-Path-Stat</c> header (moby <c>container.PathStat</c>). Immutable.
/// </summary>
/// <param name="Name">The base name.</param>
/// <param name="Size">The size in bytes (a directory's is 4096, as ext4 reports).</param>
/// <param name="Mode">Go's <c>os.FileMode</c>: permission bits plus type bits (<c>1&lt;&lt;31</c> directory, <c>1&lt;&lt;27</c> symlink).</param>
/// <param name="Mtime">The modification time.</param>
/// <param name="LinkTarget">For a symlink, its target resolved in the container (absolute), else empty.</param>
public sealed record ContainerPathStat(string Name, long Size, uint Mode, DateTimeOffset Mtime, string LinkTarget)
{
    /// <summary>Go's <c>os.ModeDir</c>.</summary>
    public const uint ModeDir = 1u << 31;

    /// <summary>Go's <c>os.ModeSymlink</c>.</summary>
    public const uint ModeSymlink = 1u << 27;

    /// <summary>Whether it is a directory.</summary>
    public bool IsDirectory => (Mode & ModeDir) != 0;

    /// <summary>The JSON moby writes: <c>{"name":"hosts","size":174,"mode":420,"mtime":"2026-01-02T03:04:05Z","linkTarget":""}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("name", Name);
            w.WriteNumber("size", Size);
            w.WriteNumber("mode", Mode);
            w.WriteString("mtime", Events.EventMessage.FormatRfc3339Nano(Mtime));
            w.WriteString("linkTarget", LinkTarget);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>The <c>X-Docker-Container-Path-Stat</c> header value: base64 (standard, padded) of <see cref="ToJson"/>.</summary>
    /// <returns>The header value.</returns>
    public string ToHeaderValue() => Convert.ToBase64String(Encoding.UTF8.GetBytes(ToJson()));

    /// <inheritdoc/>
    public override string ToString() => ToJson();
}
