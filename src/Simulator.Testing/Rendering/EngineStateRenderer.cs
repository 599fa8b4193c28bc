using System.Text;
using Simulator.Containers;
using Simulator.Networking;
using Simulator.Volumes;

namespace Simulator.Testing.Rendering;

/// <summary>
/// Renders a whole engine (containers, images, volumes, user-defined networks) as deterministic text for snapshot
/// tests, e.g.
/// <code>
/// containers
///   &lt;container 1&gt;  /web  running  image=nginx  created=2026-01-01T00:00:00Z
///     mount    volume  data  /usr/share/nginx/html  rw
///     network  bridge  172.17.0.2/16
///     port     80/tcp -> 0.0.0.0:8080
/// images
///   &lt;image 1&gt;  docker.io/library/nginx:latest  size=191954656  created=2024-11-26T…
/// volumes
///   data  local  users=[&lt;container 1&gt;]
/// networks
///   backend  bridge  172.18.0.0/16  gateway=172.18.0.1  created=2026-01-01T00:00:00Z  containers=[/web]
/// </code>
/// Containers are listed oldest first, images by creation time then first tag, volumes and networks by name; a
/// container's networks by name; map-valued fields (labels) by key. The predefined networks (<c>bridge</c>,
/// <c>host</c>, <c>none</c>) exist in every engine and are not listed in the networks section; a container's own
/// <c>network</c> rows show them. IDs and times are made stable as <see cref="StateRenderOptions"/> says.
/// </summary>
/// <remarks>Control characters in labels and mount paths print escaped (<c>\n</c>, <c>\xHH</c>), so each row stays one line.
/// Stateless and thread-safe; reads each store once (a concurrent change may show in one section and not another).</remarks>
public static class EngineStateRenderer
{
    /// <summary>Renders the engine's state.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="options">ID masking and time format; <see cref="StateRenderOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The lines, each ending with <c>\n</c>; empty sections are omitted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    public static string Render(DockerSimulator engine, StateRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options ??= StateRenderOptions.Default;
        var origin = options.TimeOrigin;
        var containers = engine.Containers.List(all: true)
            .OrderBy(c => c.Created).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var images = engine.Images.List(all: true)
            .OrderBy(i => i.Created ?? DateTimeOffset.MinValue)
            .ThenBy(i => i.RepoTags.Count == 0 ? "\uffff" : i.RepoTags.Min(StringComparer.Ordinal), StringComparer.Ordinal)
            .ThenBy(i => i.Id.ToString(), StringComparer.Ordinal).ToList();
        var volumes = engine.Volumes.List().OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        var networks = engine.Containers.Networks.List()
            .Where(n => !NetworkStore.Predefined.Contains(n.Name)).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();

        var masks = new List<(string Hex, string Mask)>();
        if (options.MaskIds)
        {
            masks.AddRange(containers.Select((c, i) => (c.Id, $"<container {i + 1}>")));
            masks.AddRange(images.Select((m, i) => (m.Id.Encoded, $"<image {i + 1}>")));
            masks.AddRange(volumes.Where(v => v.IsAnonymous).Select((v, i) => (v.Name, $"<volume {i + 1}>")));
        }

        var text = new StringBuilder();
        if (containers.Count > 0)
        {
            text.Append("containers\n");
            foreach (var c in containers)
            {
                AppendContainer(text, c, origin);
            }
        }

        if (images.Count > 0)
        {
            text.Append("images\n");
            var rows = images.Select(i => new[]
            {
                i.Id.ToString(),
                i.RepoTags.Count == 0 ? "<none>" : string.Join(" ", i.RepoTags.Order(StringComparer.Ordinal)),
                "size=" + TextFormat.Number(i.Size),
                "created=" + TextFormat.Time(i.Created, origin),
                "containers=" + TextFormat.Number(i.Containers),
            }).ToList();
            TextFormat.AppendTable(text, rows, "  ");
        }

        if (volumes.Count > 0)
        {
            text.Append("volumes\n");
            var rows = volumes.Select(v => new[]
            {
                v.Name,
                v.Driver,
                "created=" + TextFormat.Time(v.CreatedAt, origin),
                "users=[" + string.Join(", ", engine.Volumes.GetUsers(v.Name).Order(StringComparer.Ordinal)) + "]",
                string.Join(" ", v.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => TextFormat.Path(l.Key + "=" + l.Value))),
            }).ToList();
            TextFormat.AppendTable(text, rows, "  ");
        }

        if (networks.Count > 0)
        {
            text.Append("networks\n");
            var rows = networks.Select(n => new[]
            {
                n.Name,
                n.Driver,
                string.Join(" ", n.IpamConfig.Select(c => c.Subnet)),
                string.Join(" ", n.IpamConfig.Select(c => "gateway=" + c.Gateway)) + (n.Internal ? "  internal" : ""),
                "created=" + TextFormat.Time(n.Created, origin),
                "containers=[" + string.Join(", ", n.Containers.Values.Select(e => "/" + e.Name).Order(StringComparer.Ordinal)) + "]",
                string.Join(" ", n.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => TextFormat.Path(l.Key + "=" + l.Value))),
            }).ToList();
            TextFormat.AppendTable(text, rows, "  ");
        }

        return Mask(text.ToString(), masks);
    }

    private static void AppendContainer(StringBuilder text, Container c, DateTimeOffset? origin)
    {
        var s = c.State;
        var status = s.Status.ToString().ToLowerInvariant() + (s.Status == ContainerStatus.Exited ? " (" + TextFormat.Number(s.ExitCode) + ")" : "");
        text.Append("  ").Append(c.Id).Append("  ").Append(c.Name).Append("  ").Append(status)
            .Append("  image=").Append(c.ImageName)
            .Append("  created=").Append(TextFormat.Time(c.Created, origin));
        if (s.StartedAt is { } started)
        {
            text.Append("  started=").Append(TextFormat.Time(started, origin));
        }

        if (s.FinishedAt is { } finished)
        {
            text.Append("  finished=").Append(TextFormat.Time(finished, origin));
        }

        text.Append('\n');
        text.Append("    command  ").Append(TextFormat.List([c.Path, .. c.Args])).Append('\n');
        var rows = new List<string[]>();
        foreach (var m in c.Mounts.OrderBy(m => m.Destination, StringComparer.Ordinal))
        {
            var source = m.Type == MountType.Volume ? m.Name ?? "" : m.Source;
            rows.Add(["mount", m.Type.ToString().ToLowerInvariant(), source.Length == 0 ? "-" : TextFormat.Path(source), TextFormat.Path(m.Destination), m.RW ? "rw" : "ro"]);
        }

        foreach (var (name, endpoint) in c.NetworkSettings.Networks.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            rows.Add(["network", name, endpoint.IPAddress.Length == 0 ? "-" : endpoint.IPAddress + "/" + TextFormat.Number(endpoint.IPPrefixLen)]);
        }

        foreach (var line in c.NetworkSettings.FormatPortLines())
        {
            rows.Add(["port", line]);
        }

        foreach (var (key, value) in c.Config.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            rows.Add(["label", TextFormat.Path(key + "=" + value)]);
        }

        TextFormat.AppendTable(text, rows, "    ");
    }

    private static string Mask(string text, List<(string Hex, string Mask)> masks)
    {
        foreach (var (hex, mask) in masks)
        {
            text = text.Replace("sha256:" + hex, mask, StringComparison.Ordinal).Replace(hex, mask, StringComparison.Ordinal);
        }

        foreach (var (hex, mask) in masks)
        {
            if (hex.Length > 12)
            {
                text = text.Replace(hex[..12], mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
