using System.Text;
using Simulator.Images;

namespace Simulator.Testing.Rendering;

/// <summary>
/// Renders an image's identity, run config, layers (DiffIDs and sizes) and history as deterministic text for
/// snapshot tests, in the words of <c>docker image inspect</c> and <c>docker history</c>:
/// <code>
/// id        sha256:91ef0af61f39…
/// platform  linux/amd64
/// created   2024-09-06T22:20:07Z
/// size      7797760
/// config
///   Env  ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
///   Cmd  ["/bin/sh"]
/// layers
///   1  sha256:75654b8eeebd…  7797760
/// history
///   2024-09-06T22:20:07Z  7797760  buildkit.dockerfile.v0  ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit
///   2024-09-06T22:20:07Z        -  buildkit.dockerfile.v0  CMD ["/bin/sh"]
/// </code>
/// History rows are time, layer size, comment (<c>-</c> for none) and created-by, oldest first (the config's order; <c>docker history</c> prints it newest first); an empty layer's size is <c>-</c>.
/// </summary>
/// <remarks>Control characters in values print escaped (<c>\n</c>, <c>\xHH</c>; a history tab as a space), so each row stays one line.
/// Stateless and thread-safe. Image IDs are content digests, so they are stable for the same config
/// (a <c>FakeTimeProvider</c> makes created times stable).</remarks>
public static class ImageRenderer
{
    /// <summary>Renders an image.</summary>
    /// <param name="image">The image.</param>
    /// <param name="timeOrigin">When set, times are printed as offsets from it (<c>T+0h01m05s</c>); else as UTC ISO-8601.</param>
    /// <returns>The lines, each ending with <c>\n</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is <see langword="null"/>.</exception>
    public static string Render(Image image, DateTimeOffset? timeOrigin = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var c = image.Config;
        var text = new StringBuilder();
        TextFormat.AppendTable(text,
        [
            ["id", image.Id.ToString()],
            ["platform", c.Os + "/" + c.Architecture + (string.IsNullOrEmpty(c.Variant) ? "" : "/" + c.Variant)],
            ["created", TextFormat.Time(image.Created, timeOrigin)],
            ["size", TextFormat.Number(image.Size)],
            .. string.IsNullOrEmpty(c.Author) ? Array.Empty<string[]>() : [["author", TextFormat.Path(c.Author)]],
        ], "");
        var config = ConfigRows(c.Config);
        if (config.Count > 0)
        {
            text.Append("config\n");
            TextFormat.AppendTable(text, config, "  ");
        }

        if (image.Layers.Count > 0)
        {
            text.Append("layers\n");
            TextFormat.AppendTable(text, image.Layers.Select((l, i) => new[] { TextFormat.Number(i + 1), l.DiffId.ToString(), TextFormat.Number(Image.LayerSize(l)) }).ToList(), "  ", rightAligned: 2);
        }

        if (c.History.Count > 0)
        {
            text.Append("history\n");
            int layer = 0;
            var rows = new List<string[]>();
            foreach (var h in c.History)
            {
                string size = "-";
                if (!h.EmptyLayer && layer < image.Layers.Count)
                {
                    size = TextFormat.Number(Image.LayerSize(image.Layers[layer++]));
                }

                rows.Add([TextFormat.Time(h.Created, timeOrigin), size, h.Comment.Length == 0 ? "-" : TextFormat.Path(h.Comment), TextFormat.Path(h.CreatedBy.Replace("\t", " ", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))]);
            }

            TextFormat.AppendTable(text, rows, "  ", rightAligned: 1);
        }

        return text.ToString();
    }

    private static List<string[]> ConfigRows(RunConfig r)
    {
        var rows = new List<string[]>();
        void Add(string name, string value)
        {
            if (value.Length > 0)
            {
                rows.Add([name, TextFormat.Path(value)]);
            }
        }

        void AddList(string name, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                rows.Add([name, TextFormat.List(values)]);
            }
        }

        Add("User", r.User);
        AddList("Env", r.Env);
        AddList("Entrypoint", r.Entrypoint);
        AddList("Cmd", r.Cmd);
        Add("WorkingDir", r.WorkingDir);
        AddList("ExposedPorts", r.ExposedPorts.Order(StringComparer.Ordinal).ToList());
        AddList("Volumes", r.Volumes.Order(StringComparer.Ordinal).ToList());
        foreach (var (key, value) in r.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            rows.Add(["Label", TextFormat.Path(key + "=" + value)]);
        }

        Add("StopSignal", r.StopSignal);
        AddList("Shell", r.Shell);
        AddList("OnBuild", r.OnBuild);
        if (r.Healthcheck is { } hc)
        {
            AddList("Healthcheck", hc.Test);
        }

        return rows;
    }
}
