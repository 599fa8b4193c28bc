using System.Text.Json;
using Simulator.FileSystem;
using Simulator.Images;

namespace Simulator.Containers;

/// <summary>Commit.</summary>
public sealed partial class ContainerStore
{
    /// <summary>
    /// <c>docker commit</c>: a new image whose layers are the container's image's plus the container's changes
    /// (<see cref="UnionFileSystem.CommitLayer"/>: the changeset of <see cref="Diff"/> with explicit whiteouts),
    /// whose config is the container's (Cmd, Entrypoint, Env, WorkingDir, User, Labels, ExposedPorts,
    /// StopSignal) with <see cref="CommitOptions.Changes"/> applied, and whose history gains one entry
    /// (author, comment, <c>created_by</c> = the container's Cmd joined). Added to <see cref="Images"/> with the
    /// container's image as parent, and tagged with <see cref="CommitOptions.Reference"/> if given (moby
    /// daemon/commit.go, daemon/images/image_commit.go). The container is paused meanwhile (state only) when
    /// <see cref="CommitOptions.Pause"/> and running. Files under mounts and the <c>/etc/hosts</c> family are not included.
    /// Blocks while another lifecycle operation on the same container (start, stop, remove...) runs.
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="options">The options; <see cref="CommitOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The new image.</returns>
    /// <exception cref="DockerSimulatorException">
    /// As <see cref="Inspect(string)"/>; <see cref="ErrorKind.InvalidArgument"/> <c>X is not a valid change command</c> for an
    /// instruction outside CMD|ENTRYPOINT|ENV|EXPOSE|LABEL|ONBUILD|USER|VOLUME|WORKDIR, or an invalid reference;
    /// <see cref="ErrorKind.Conflict"/> for a container being removed or dead.
    /// </exception>
    public Image Commit(string idOrName, CommitOptions? options = null)
    {
        options ??= CommitOptions.Default;
        Record(ContainerOperation.Commit, idOrName, ("reference", options.Reference), ("message", options.Message.Length == 0 ? null : options.Message));
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        rec.Gate.Wait();
        try
        {
            bool paused = false;
            lock (_gate)
            {
                if (rec.Status == ContainerStatus.Removing || rec.Removed)
                {
                    throw ContainerErrors.CommitRemoving(rec.Id);
                }

                if (rec.Status == ContainerStatus.Dead)
                {
                    throw ContainerErrors.CommitDead(rec.Id);
                }

                if (options.Pause && rec.Status == ContainerStatus.Running)
                {
                    rec.Status = ContainerStatus.Paused;
                    paused = true;
                }
            }

            try
            {
                var run = ApplyChanges(ConfigForCommit(rec), options.Changes);
                var layer = rec.Root.CommitLayer();
                var now = _time.GetUtcNow();
                var config = rec.Image.Config with
                {
                    Config = run,
                    Created = now,
                    Author = options.Author,
                };
                config = config.WithLayer(layer.DiffId, new HistoryEntry
                {
                    Created = now,
                    Author = options.Author,
                    Comment = options.Message,
                    CreatedBy = string.Join(' ', rec.Config.Cmd ?? []),
                });
                var image = Images.Add(Image.Create(config, [.. rec.Image.Layers, layer]), rec.Image.Id);

                // moby daemon/images/image_commit.go: the new image's create event, before any tag
                (Images as InMemoryImageStore)?.LogImageEvent(image.Id.ToString(), image.Id.ToString(), "create");
                var imageRef = "";
                if (!string.IsNullOrEmpty(options.Reference))
                {
                    Images.Tag(image.Id.ToString(), options.Reference);
                    imageRef = References.ImageReference.TryParse(options.Reference, out var parsed)
                        ? parsed.FamiliarString + (parsed.Tag is null && parsed.Digest is null ? ":latest" : "")
                        : options.Reference;
                }

                lock (_gate)
                {
                    Emit(rec, "commit", ("comment", options.Message), ("imageID", image.Id.ToString()), ("imageRef", imageRef));
                }

                return image;
            }
            finally
            {
                if (paused)
                {
                    lock (_gate)
                    {
                        if (rec.Status == ContainerStatus.Paused)
                        {
                            rec.Status = ContainerStatus.Running;
                        }
                    }
                }
            }
        }
        finally
        {
            rec.Gate.Release();
        }
    }

    private static RunConfig ConfigForCommit(ContainerRecord rec)
    {
        var c = rec.Config;
        return rec.Image.Config.Config with
        {
            Cmd = c.Cmd ?? [],
            Entrypoint = c.Entrypoint ?? [],
            Env = c.Env,
            WorkingDir = c.WorkingDir ?? "",
            User = c.User ?? "",
            Labels = c.Labels,
            ExposedPorts = c.ExposedPorts,
            StopSignal = c.StopSignal ?? "",
        };
    }

    /// <summary><c>docker commit --change</c>: Dockerfile instructions applied to the config (moby builder/dockerfile via daemon/commit.go).</summary>
    internal static RunConfig ApplyChanges(RunConfig config, IReadOnlyList<string> changes)
    {
        foreach (var change in changes)
        {
            var text = change.Trim();
            int space = text.IndexOfAny([' ', '\t']);
            var instruction = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var rest = space < 0 ? "" : text[(space + 1)..].Trim();
            config = instruction switch
            {
                "CMD" => config with { Cmd = ParseCommand(rest, config) },
                "ENTRYPOINT" => config with { Entrypoint = ParseCommand(rest, config) },
                "ENV" => config with { Env = ReplaceOrAppendEnv(config.Env, ParsePairs(rest, allowSpaceForm: true).Select(p => p.Key + "=" + p.Value).ToList()) },
                "LABEL" => config with { Labels = MergeLabels(config.Labels, ParsePairs(rest, allowSpaceForm: false)) },
                "EXPOSE" => config with
                {
                    ExposedPorts = config.ExposedPorts
                        .Concat(Words(rest).Select(p => p.Contains('/', StringComparison.Ordinal) ? p.ToLowerInvariant() : p + "/tcp"))
                        .Distinct(StringComparer.Ordinal).ToArray(),
                },
                "USER" => config with { User = rest },
                "VOLUME" => config with { Volumes = config.Volumes.Concat(ParseList(rest)).Distinct(StringComparer.Ordinal).ToArray() },
                "WORKDIR" => config with { WorkingDir = rest.StartsWith('/') ? FsPath.Clean(rest) : FsPath.Clean(FsPath.Combine(string.IsNullOrEmpty(config.WorkingDir) ? "/" : config.WorkingDir, rest)) },
                "ONBUILD" => config with { OnBuild = [.. config.OnBuild, rest] },
                _ => throw ContainerErrors.InvalidChange(instruction),
            };
        }

        return config;
    }

    private static IReadOnlyDictionary<string, string> MergeLabels(IReadOnlyDictionary<string, string> labels, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new Dictionary<string, string>(labels, StringComparer.Ordinal);
        foreach (var (k, v) in pairs)
        {
            map[k] = v;
        }

        return map;
    }

    private static string[] ParseCommand(string rest, RunConfig config)
    {
        if (TryJsonArray(rest, out var array))
        {
            return array;
        }

        var shell = config.Shell.Count > 0 ? config.Shell : ["/bin/sh", "-c"];
        return [.. shell, rest];
    }

    private static string[] ParseList(string rest) => TryJsonArray(rest, out var array) ? array : Words(rest).ToArray();

    private static bool TryJsonArray(string text, out string[] array)
    {
        array = [];
        if (!text.StartsWith('['))
        {
            return false;
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<string[]>(text);
            if (parsed is null)
            {
                return false;
            }

            array = parsed;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(Unquote);

    private static List<KeyValuePair<string, string>> ParsePairs(string rest, bool allowSpaceForm)
    {
        var list = new List<KeyValuePair<string, string>>();
        var words = SplitQuoted(rest);
        if (allowSpaceForm && words.Count > 0 && !words[0].Contains('=', StringComparison.Ordinal))
        {
            // ENV key value (legacy form): the rest of the line is the value.
            var key = words[0];
            var value = rest.Trim()[key.Length..].Trim();
            list.Add(new(key, Unquote(value)));
            return list;
        }

        foreach (var word in words)
        {
            var parts = word.Split('=', 2);
            list.Add(new(Unquote(parts[0]), parts.Length == 2 ? Unquote(parts[1]) : ""));
        }

        return list;
    }

    private static List<string> SplitQuoted(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                current.Append(c);
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                current.Append(c);
            }
            else if (c is ' ' or '\t')
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static string Unquote(string s)
    {
        var result = new System.Text.StringBuilder();
        char quote = '\0';
        foreach (var c in s)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    result.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
