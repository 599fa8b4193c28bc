using Simulator.Build;
using Simulator.Cli.CommandLine;

namespace Simulator.Cli.Commands;

/// <summary><c>docker build</c> as Docker 28 runs it with BuildKit (buildx): plain progress on stderr, <c>-q</c> prints the image ID,
/// failures print <c>ERROR: failed to solve: ...</c> and exit 1 (buildx commands/build.go).</summary>
internal static class BuildCommands
{
    public static async Task<int> BuildAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        var legacy = BuildKitDisabled(inv);
        if (legacy)
        {
            inv.Err.Write(BuildKitDisabledWarning);
            if (f.Has("progress"))
            {
                // The legacy docker/cli build command has no --progress (that help text is buildx's).
                inv.Err.Write("unknown flag: --progress\n\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nRun 'docker build --help' for more information\n");
                return 125;
            }
        }

        // buildx (commands/build.go toDisplayMode, then BuildKit's progressui.NewDisplay) checks --progress first.
        var progressFlag = f.String("progress", "auto") ?? "auto";
        bool quiet = f.Bool("quiet");
        if (quiet && progressFlag is not ("auto" or "quiet"))
        {
            throw new CliError($"ERROR: progress={progressFlag} and quiet cannot be used together");
        }

        switch (progressFlag)
        {
            case "auto" or "plain" or "rawjson" or "":
                break;
            case "quiet":
                quiet = true;
                break;
            case "tty" when !inv.Streams.StdoutIsTerminal:
                throw new CliError("ERROR: failed to get console: provided file is not a console");
            case "tty":
                break;
            default:
                throw new CliError($"ERROR: invalid progress mode {progressFlag}");
        }

        var context = inv.Args[0];
        string? dockerfileText = null;
        string? contextDirectory = null;
        if (context == "-")
        {
            dockerfileText = await inv.ReadStdinAsync().ConfigureAwait(false);
        }
        else
        {
            contextDirectory = inv.HostPath(context);
            if (!inv.Engine.HostFileSystem.Directory.Exists(contextDirectory))
            {
                // The legacy CLI's own check (build.ValidateContextDirectory) has no buildx prefix.
                throw new CliError((legacy ? "" : "ERROR: failed to build: ") + $"unable to prepare context: path \"{context}\" not found");
            }
        }

        var dockerfilePath = f.String("file") ?? "Dockerfile";
        if (dockerfilePath == "-")
        {
            dockerfileText = await inv.ReadStdinAsync().ConfigureAwait(false);
        }
        else if (f.String("file") is { } given && contextDirectory is not null)
        {
            // -f is relative to the current directory, not the context (docker/cli build/context.go, buildx): inside the
            // context it names that file; outside it, the file is read from where it is.
            var full = inv.HostPath(given);
            var prefix = contextDirectory.TrimEnd('/') + "/";
            if (full.StartsWith(prefix, StringComparison.Ordinal))
            {
                dockerfilePath = full[prefix.Length..];
            }
            else if (inv.Engine.HostFileSystem.File.Exists(full))
            {
                dockerfileText = inv.Engine.HostFileSystem.File.ReadAllText(full);
                dockerfilePath = inv.Engine.HostFileSystem.Path.GetFileName(full);
            }
            else if (legacy)
            {
                throw new CliError($"unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat {full}: no such file or directory");
            }
            else
            {
                throw new CliError($"ERROR: failed to build: failed to solve: failed to read dockerfile: open {given}: no such file or directory");
            }
        }

        var buildArgs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var a in f.List("build-arg"))
        {
            int eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                buildArgs[a] = inv.Streams.Environment.FirstOrDefault(x => x.StartsWith(a + "=", StringComparison.Ordinal)) is { } env ? env[(a.Length + 1)..] : null;
            }
            else
            {
                buildArgs[a[..eq]] = a[(eq + 1)..];
            }
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var l in f.List("label"))
        {
            int eq = l.IndexOf('=', StringComparison.Ordinal);
            labels[eq < 0 ? l : l[..eq]] = eq < 0 ? "" : l[(eq + 1)..];
        }

        var request = new BuildRequest
        {
            ContextDirectory = contextDirectory,
            ContextFileSystem = inv.Engine.HostFileSystem,
            Dockerfile = dockerfileText,
            DockerfilePath = dockerfilePath == "-" ? "Dockerfile" : dockerfilePath,
            Tags = f.List("tag").ToList(),
            BuildArgs = buildArgs,
            Target = f.String("target"),
            NoCache = f.Bool("no-cache"),
            Pull = f.Bool("pull"),
            Labels = labels,
            Quiet = quiet,
            Progress = legacy ? BuildProgressFormat.Classic : BuildProgressFormat.Plain,
        };
        if (legacy)
        {
            return await LegacyBuildAsync(inv, request, context).ConfigureAwait(false);
        }

        using var progress = new StringWriter();
        var writer = new ForwardingWriter(inv.Err);
        try
        {
            var result = await inv.Engine.Builds.BuildAsync(request, quiet ? null : writer, inv.CancellationToken).ConfigureAwait(false);
            if (quiet)
            {
                inv.Out.WriteLine(result.ImageId.ToString());
            }

            return 0;
        }
        catch (DockerSimulatorException ex)
        {
            throw new CliError("ERROR: failed to build: failed to solve: " + ex.Message);
        }
    }

    /// <summary>
    /// <c>DOCKER_BUILDKIT=0 docker build</c>: docker/cli's legacy build (cli/command/image/build.go) over the classic builder.
    /// stdout gets <c>Sending build context to Docker daemon  2.048kB</c> (the context tar's size, the last progress update
    /// only when stdout is not a terminal: <c>\r</c> then <c>\r\n</c>) and the daemon's stream (<c>Step 1/2 : FROM alpine</c>, ...,
    /// <c>Successfully tagged app:latest</c>); <c>-q</c> prints only the image ID. A failure the daemon reports before it
    /// streamed anything is <c>Error response from daemon: ...</c> (exit 1); one in the stream is its message, with the
    /// failing RUN's exit code as the CLI's (a JSONError's code, 1 when none).
    /// </summary>
    private static async Task<int> LegacyBuildAsync(CliInvocation inv, BuildRequest request, string context)
    {
        var contextSize = LegacyContextTarSize(inv, request, context);
        var stream = new StringWriter();
        var streamed = new ForwardingWriter(inv.Out);
        if (!request.Quiet)
        {
            inv.Out.Write($"Sending build context to Docker daemon {Volumes.GoUnits.HumanSize(contextSize),8}\r\r\n");
        }

        try
        {
            var result = await inv.Engine.Builds.BuildAsync(request with { Quiet = false }, request.Quiet ? stream : new TeeWriter(stream, streamed), inv.CancellationToken).ConfigureAwait(false);
            if (request.Quiet)
            {
                inv.Out.WriteLine(result.ImageId.ToString());
            }

            return 0;
        }
        catch (BuildFailedException ex) when (stream.GetStringBuilder().Length > 0)
        {
            if (request.Quiet)
            {
                inv.Err.Write(stream.ToString());
            }

            inv.Err.WriteLine(ex.Message);
            return ex.ExitCode is int code and not 0 ? code : 1;
        }
    }

    /// <summary>The size of the tar docker/cli sends: 512 bytes per header, file data in 512-byte blocks, two zero blocks at the end (archive/tar), after <c>.dockerignore</c>.</summary>
    private static long LegacyContextTarSize(CliInvocation inv, BuildRequest request, string context)
    {
        long Blocks(long n) => (n + 511) / 512 * 512;
        if (request.ContextDirectory is not { } dir)
        {
            // "-": the Dockerfile read from stdin, wrapped in a tar by build.GetContextFromReader.
            return 512 + Blocks(System.Text.Encoding.UTF8.GetByteCount(request.Dockerfile ?? "")) + 1024;
        }

        _ = context;
        var fs = inv.Engine.HostFileSystem;
        var root = fs.Path.GetFullPath(dir).TrimEnd('/');
        var ignoreFile = fs.Path.Combine(root, ".dockerignore");
        var ignore = fs.File.Exists(ignoreFile) ? new DockerIgnore(fs.File.ReadAllText(ignoreFile)) : null;
        long size = 1024;
        foreach (var path in fs.Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var rel = path[(root.Length + 1)..];
            if (ignore is not null && ignore.Excludes(rel) && rel is not (".dockerignore" or "Dockerfile"))
            {
                continue;
            }

            size += 512 + (fs.File.Exists(path) ? Blocks(fs.FileInfo.New(path).Length) : 0);
        }

        return size;
    }

    /// <summary>Writes to two writers.</summary>
    private sealed class TeeWriter(TextWriter a, TextWriter b) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            a.Write(value);
            b.Write(value);
        }

        public override void Write(string? value)
        {
            a.Write(value);
            b.Write(value);
        }
    }

    private const string BuildKitDisabledWarning =
        "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n" +
        "            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n" +
        "            environment-variable.\n\n";

    /// <summary>
    /// Whether <c>DOCKER_BUILDKIT</c> turns BuildKit off (docker/cli cmd/docker/builder.go processBuilder: strconv.ParseBool;
    /// unset means BuildKit through buildx).
    /// </summary>
    /// <exception cref="CliError">The variable is not a Go boolean.</exception>
    internal static bool BuildKitDisabled(CliInvocation inv)
    {
        var value = inv.Streams.Environment.LastOrDefault(e => e.StartsWith("DOCKER_BUILDKIT=", StringComparison.Ordinal))?["DOCKER_BUILDKIT=".Length..];
        return value switch
        {
            null => false,
            "1" or "t" or "T" or "TRUE" or "true" or "True" => false,
            "0" or "f" or "F" or "FALSE" or "false" or "False" => true,
            _ => throw new CliError($"DOCKER_BUILDKIT environment variable expects boolean value: strconv.ParseBool: parsing \"{value}\": invalid syntax"),
        };
    }

    /// <summary>
    /// <c>docker builder prune</c>. With BuildKit (the default) the docker CLI hands <c>builder</c> to buildx
    /// (cmd/docker/builder.go forwardBuilder), so this is buildx's prune (commands/prune.go): the prompt, then a
    /// <c>ID RECLAIMABLE SIZE LAST ACCESSED</c> row per removed record and <c>Total:\t1.2kB</c>; errors are
    /// <c>ERROR: ...</c>. With <c>DOCKER_BUILDKIT=0</c> it is docker/cli's own (cli/command/builder/prune.go):
    /// <c>Deleted build cache objects:</c> with the IDs, then <c>Total reclaimed space: 1.2kB</c>, and the daemon
    /// (moby builder-next toBuildkitPruneInfo) checks the filters.
    /// </summary>
    public static async Task<int> PruneAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        var legacy = BuildKitDisabled(inv);
        if (legacy)
        {
            inv.Err.Write(BuildKitDisabledWarning);
        }

        // opts.FilterOpt: name lower-cased and trimmed, value trimmed (the flag parser has checked the '=').
        var filters = f.List("filter").Select(v =>
        {
            var eq = v.IndexOf('=', StringComparison.Ordinal);
            return new KeyValuePair<string, string>(v[..eq].Trim().ToLowerInvariant(), v[(eq + 1)..].Trim());
        }).ToList();
        var keepStorage = f.String("keep-storage") is { } ks ? ParseBytes(ks) : 0;
        var all = f.Bool("all");
        var now = inv.Engine.TimeProvider.GetUtcNow();
        BuildCachePruneOptions options;
        if (legacy)
        {
            options = LegacyPruneOptions(filters, all, keepStorage, now);
        }
        else
        {
            options = BuildxPruneOptions(filters, all, keepStorage);
        }

        if (!f.Bool("force"))
        {
            var warning = all
                ? "WARNING! This will remove all build cache. Are you sure you want to continue?"
                : "WARNING! This will remove all dangling build cache. Are you sure you want to continue?";
            if (!await ConfirmAsync(inv, warning).ConfigureAwait(false))
            {
                return 0;
            }
        }

        var result = inv.Engine.Builds.Prune(options);
        if (legacy)
        {
            if (result.CachesDeleted.Count > 0)
            {
                inv.Out.Write("Deleted build cache objects:\n" + string.Concat(result.CachesDeleted.Select(r => r.Id + "\n")) + "\n");
            }

            inv.Out.WriteLine("Total reclaimed space: " + Volumes.GoUnits.HumanSize(result.ReclaimedBytes));
            return 0;
        }

        // tabwriter(minwidth 1, tabwidth 8, padding 1, '\t'); the header and first row are flushed together, then each row alone.
        var rows = result.CachesDeleted.Select(r => new[]
        {
            (r.Id + (r.Mutable ? "*" : "")).PadRight(40),
            (!r.InUse ? "true" : "false").PadRight(5),
            (Volumes.GoUnits.HumanSize(r.Size) + (r.Shared ? "*" : "")).PadRight(10),
            Containers.HumanDuration.Format(now - r.LastUsedAt) + " ago",
        }).ToList();
        if (rows.Count > 0)
        {
            inv.Out.Write(TabLines([["ID", "RECLAIMABLE", "SIZE", "LAST ACCESSED"], rows[0]]));
            foreach (var row in rows.Skip(1))
            {
                inv.Out.Write(TabLines([row]));
            }
        }

        inv.Out.Write(TabLines([["Total:", Volumes.GoUnits.HumanSize(result.ReclaimedBytes)]]));
        return 0;
    }

    /// <summary>Go text/tabwriter with padchar '\t' (minwidth 1, tabwidth 8, padding 1) over one flushed block of lines.</summary>
    private static string TabLines(IReadOnlyList<string[]> lines)
    {
        var sb = new System.Text.StringBuilder();
        var columns = lines.Max(l => l.Length) - 1;
        var widths = new int[Math.Max(columns, 0)];
        for (var c = 0; c < columns; c++)
        {
            widths[c] = Math.Max(1, lines.Where(l => l.Length - 1 > c).Select(l => l[c].Length + 1).DefaultIfEmpty(1).Max());
            widths[c] = (widths[c] + 7) / 8 * 8;
        }

        foreach (var line in lines)
        {
            for (var c = 0; c < line.Length; c++)
            {
                sb.Append(line[c]);
                if (c < line.Length - 1)
                {
                    sb.Append('\t', (widths[c] - line[c].Length + 7) / 8);
                }
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>buildx's toBuildkitPruneInfo: <c>until</c> (or the older <c>unused-for</c>) is a Go duration; other keys go to BuildKit.</summary>
    private static BuildCachePruneOptions BuildxPruneOptions(List<KeyValuePair<string, string>> filters, bool all, long keepStorage)
    {
        if (filters.Any(kv => kv.Key == "until") && filters.Any(kv => kv.Key == "unused-for"))
        {
            throw new CliError("ERROR: conflicting filters \"until\" and \"unused-for\"");
        }

        var untilKey = filters.Any(kv => kv.Key == "unused-for") ? "unused-for" : "until";
        TimeSpan? keep = null;
        var untilValues = filters.Where(kv => kv.Key == untilKey).Select(kv => kv.Value).Distinct().ToList();
        if (untilValues.Count > 1)
        {
            throw new CliError($"ERROR: \"{untilKey}\" filter expects only one value");
        }

        if (untilValues.Count == 1)
        {
            if (!Containers.PruneFilters.TryParseGoDuration(untilValues[0], out var d))
            {
                throw new CliError($"ERROR: \"{untilKey}\" filter expects a duration (e.g., '24h'): {GoDurationError(untilValues[0])}");
            }

            keep = d;
        }

        var rest = filters.Where(kv => kv.Key != untilKey).ToList();
        foreach (var key in rest.Select(kv => kv.Key).Distinct())
        {
            if (rest.Where(kv => kv.Key == key).Select(kv => kv.Value).Distinct().Count() > 1)
            {
                throw new CliError($"ERROR: \"{key}\" filter expects only one value");
            }
        }

        return new BuildCachePruneOptions { All = all, KeepDuration = keep, KeepStorage = keepStorage, Filters = rest };
    }

    /// <summary>moby builder-next (builder-next/builder.go Prune, toBuildkitPruneInfo): the filter names it knows, one value each; <c>until</c> a duration or a timestamp.</summary>
    private static BuildCachePruneOptions LegacyPruneOptions(List<KeyValuePair<string, string>> filters, bool all, long keepStorage, DateTimeOffset now)
    {
        string[] valid = ["until", "unused-for", "label", "label!", "id", "parent", "type", "description", "inuse", "shared", "private"];
        foreach (var kv in filters)
        {
            if (!valid.Contains(kv.Key))
            {
                throw new CliError($"Error response from daemon: invalid filter '{kv.Key}'");
            }
        }

        if (filters.Any(kv => kv.Key == "until") && filters.Any(kv => kv.Key == "unused-for"))
        {
            throw new CliError("Error response from daemon: conflicting filters: \"until\" and \"unused-for\"");
        }

        if (filters.GroupBy(kv => kv.Key).Any(g => g.Select(kv => kv.Value).Distinct().Count() > 1))
        {
            throw new CliError("Error response from daemon: filters expect only one value");
        }

        var untilKey = filters.Any(kv => kv.Key == "unused-for") ? "unused-for" : "until";
        TimeSpan? keep = null;
        if (filters.FirstOrDefault(kv => kv.Key == untilKey) is { Key: not null } until)
        {
            if (Containers.PruneFilters.TryParseGoDuration(until.Value, out var d))
            {
                keep = d;
            }
            else
            {
                DateTimeOffset? ts = null;
                try
                {
                    ts = until.Value.Contains('-', StringComparison.Ordinal) || until.Value.All(c => char.IsAsciiDigit(c) || c == '.')
                        ? Containers.PruneFilters.Until(Volumes.FilterArgs.Parse(["until=" + until.Value]), now)
                        : null;
                }
                catch (DockerSimulatorException)
                {
                }

                keep = ts is { } t ? now - t : throw new CliError(
                    $"Error response from daemon: \"{untilKey}\" filter expects a duration (e.g., '24h') or a timestamp: failed to parse value as time or duration: \"{until.Value}\"");
            }
        }

        var rest = filters.Where(kv => kv.Key is not ("until" or "unused-for" or "label" or "label!")).ToList();
        return new BuildCachePruneOptions { All = all, KeepDuration = keep, KeepStorage = keepStorage, Filters = rest };
    }

    /// <summary>Go's time.ParseDuration error text.</summary>
    private static string GoDurationError(string s)
    {
        var m = System.Text.RegularExpressions.Regex.Match(s, @"^[+-]?[0-9.]+([^0-9.]+)");
        if (s.Length > 0 && s.TrimStart('+', '-').All(c => char.IsAsciiDigit(c) || c == '.') && s.Any(char.IsAsciiDigit))
        {
            return $"time: missing unit in duration \"{s}\"";
        }

        return m.Success ? $"time: unknown unit \"{m.Groups[1].Value}\" in duration \"{s}\"" : $"time: invalid duration \"{s}\"";
    }

    /// <summary>go-units RAMInBytes as opts.MemBytes parses <c>--keep-storage</c> (the flag parser has checked the syntax).</summary>
    private static long ParseBytes(string value)
    {
        var sep = value.LastIndexOfAny("01234567890. ".ToCharArray());
        var (num, sfx) = value[sep] != ' ' ? (value[..(sep + 1)], value[(sep + 1)..]) : (value[..sep], value[(sep + 1)..]);
        var n = double.Parse(num, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture);
        var shift = sfx.Length == 0 ? 0 : "bkmgtp".IndexOf(char.ToLowerInvariant(sfx[0]), StringComparison.Ordinal) * 10;
        return (long)(n * Math.Pow(2, shift));
    }

    /// <summary>prompt.Confirm: <c>MESSAGE [y/N] </c> on stdout; only <c>y</c>/<c>Y</c> confirm (end of input declines).</summary>
    private static async Task<bool> ConfirmAsync(CliInvocation inv, string message)
    {
        inv.Out.Write(message + " [y/N] ");
        var bytes = new List<byte>();
        var buffer = new byte[1];
        while (await inv.Streams.Stdin.ReadAsync(buffer, inv.CancellationToken).ConfigureAwait(false) == 1 && buffer[0] != '\n')
        {
            bytes.Add(buffer[0]);
        }

        return System.Text.Encoding.UTF8.GetString(bytes.ToArray()).Trim() is "y" or "Y";
    }

    /// <summary>A text writer that writes through to the CLI's stream as it goes.</summary>
    private sealed class ForwardingWriter(CliWriter target) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => target.Write(value.ToString());

        public override void Write(string? value) => target.Write(value ?? "");

        public override void WriteLine(string? value) => target.Write((value ?? "") + "\n");
    }
}
